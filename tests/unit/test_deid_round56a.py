"""deid56a (issue 16, PERSON recall): a listed name that a medicine's keep took in
(deid_medicine_slot_names), names typed in lower case in a person's slot and their other
lower-case mentions (deid_lower_people), and a lone initial after a title before a speaker's colon
(deid_titled_letters). Each rule removes text or undoes a keep, so each comes with the medicines,
eponyms, scales, headings and everyday words that must stay where it reads."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_lower_people import lower_people_candidates

# Must go: a listed surname where a medicine stands (note55's leaks; each kept on main c471fa7).
_MEDICINE_SLOTS = [
    ("Tab Okonkwo 500 mg od.", "Okonkwo"),
    ("Okonkwo cream applied to the rash.", "Okonkwo"),
    ("Meds: Okonkwo, metformin, ramipril.", "Okonkwo"),
    ("Okonkwo Chrono 500 mg bd.", "Okonkwo"),
    ("Adeyemi cream applied twice daily.", "Adeyemi"),
    ("Meds: Lasix, Okafor, metformin.", "Okafor"),
    ("Lasix, Okonkwo, metformin.", "Okonkwo"),
    ("Inj Hartley 1 g stat.", "Hartley"),
    ("Hartley XR 50 mg od.", "Hartley"),
    ("Okonkwo tablets given at 08:00.", "Okonkwo"),
    ("Current medications: Adeyemi 5 mg, Lasix 40 mg.", "Adeyemi"),
    ("Syp Nwachukwu 5 ml tds.", "Nwachukwu"),
]


@pytest.mark.parametrize(("text", "name"), _MEDICINE_SLOTS)
def test_a_listed_name_in_a_medicines_slot_goes(text: str, name: str) -> None:
    gone(text, name)


# Must stay in the same slots: medicines, brands in capitals, a brand that is a listed name,
# emollients, eponyms and scales before a bare score, a catheter's maker before its gauge.
_MEDICINES_KEPT = [
    ("Tab Paracetamol 1 g prn.", ("Paracetamol",)),
    ("Aqueous cream applied to both legs.", ("Aqueous",)),
    ("Meds: metformin, Lasix, Augmentin.", ("metformin", "Lasix", "Augmentin")),
    ("Co-amoxiclav 625 mg tds.", ("Co-amoxiclav",)),
    ("Started with Augmentin 625 mg tds.", ("Augmentin",)),
    ("Tab LASIX 40 mg od.", ("LASIX",)),
    ("Epilim Chrono 500 mg bd.", ("Epilim Chrono",)),
    ("Dermol cream applied.", ("Dermol",)),
    ("Tab Ecosprin 75 mg od.", ("Ecosprin",)),
    ("Meds: Augmentin, Ventolin, Seretide.", ("Augmentin", "Ventolin", "Seretide")),
    ("Tab Allegra 180 mg od.", ("Allegra",)),
    ("Braden 14, Norton 12, Waterlow 15.", ("Braden", "Norton", "Waterlow")),
    ("Hamilton 22 at baseline.", ("Hamilton",)),
    ("Glasgow 15 on arrival.", ("Glasgow",)),
    ("Bruce protocol stage 3 reached.", ("Bruce protocol",)),
    ("Parkinson's disease on Madopar 125 mg tds.", ("Parkinson", "Madopar")),
    ("Foley catheter 14 Fr inserted.", ("Foley",)),
    ("Mantoux 15 mm.", ("Mantoux",)),
    ("FLOVENT HFA 110 mcg 2 puffs bid.", ("FLOVENT HFA",)),
    ("Kenalog cream applied.", ("Kenalog",)),
    ("Meds: Keppra 500 mg bd, Epilim Chrono 500 mg.", ("Keppra", "Epilim")),
]


@pytest.mark.parametrize(("text", "parts"), _MEDICINES_KEPT)
def test_medicines_in_the_same_slots_stay(text: str, parts: tuple[str, ...]) -> None:
    kept(text, *parts)


# Must go: lower-case names in a person's slot (each left in view on main c471fa7).
_LOWER_PEOPLE = [
    ("d/w jess (OT) re shower chair.", "jess"),
    ("NGT feeds per uche (dietitian).", "uche"),
    ("call shawn-paul in lab for the k+", "shawn-paul"),
    ("[21:02] nurse kerry-ann: bed 6 sugar 24", "kerry-ann"),
    ("mum keisha and dad present.", "keisha"),
    ("wife grace, son paul.", "grace"),
    ("says wee jimmy (grandson) now staying", "jimmy"),
    ("Reviewed with the team and named nurse dami.", "dami"),
    ("dw tvn lorna re compression", "lorna"),
    ("seen by nurse kerry-ann. bloods by kerry-ann later.", "by kerry-ann"),
]


@pytest.mark.parametrize(("text", "name"), _LOWER_PEOPLE)
def test_a_lower_case_name_in_a_persons_slot_goes(text: str, name: str) -> None:
    gone(text, name)


# Must stay: everyday words after the same cues, roles in brackets after a clinical word.
_LOWER_KEPT = [
    "son will visit tomorrow.",
    "sister may come later.",
    "nurse led clinic on the ward.",
    "take with food.",
    "twice per day.",
    "dressing by hand.",
    "discussed with ward sister, plan as above.",
    "nurse bank staff on nights.",
    "daughter present at review.",
    "reviewed by physio (PT) today.",
    "pain (OT) none.",
    "wife and son at bedside.",
    "d/w pharmacy (pharmacist) re dose.",
    "call back (nurse) if worse.",
    "per os (nurse) twice.",
]


@pytest.mark.parametrize("text", _LOWER_KEPT)
def test_everyday_words_in_a_persons_slot_stay(text: str) -> None:
    assert lower_people_candidates(text, lexicon()) == []
    assert redact(text).count("[NAME]") == 0, redact(text)


def test_a_found_lower_case_name_is_taken_at_its_other_mentions() -> None:
    text = "NGT feeds per uche (dietitian). uche to review on monday."
    found = {r.start for r in lower_people_candidates(text, lexicon())}
    assert found == {text.index("uche"), text.rindex("uche")}


@pytest.mark.parametrize(
    ("text", "letter"),
    [("Dr A: Any chest pain?", "A"), ("NURSE M: obs stable", "M"), ("Sister K: done", "K")],
)
def test_a_lone_initial_after_a_title_before_a_speakers_colon_goes(text: str, letter: str) -> None:
    out = redact(text)
    assert out.startswith(text.split()[0] + " [NAME]:"), out


@pytest.mark.parametrize("text", ["Grade: B", "DR A FIB on ECG today", "Hep B: immune"])
def test_a_letter_before_a_colon_with_no_title_stays(text: str) -> None:
    kept(text, text.split(":")[0].split()[-1])


def test_readings_stay_linear() -> None:
    assert_linear(lambda n: redact("pt's sister" + " " * n + "chioma"), 10_000)
    assert_linear(lambda n: redact("nurse " * n + "1"), 2_000)
    assert_linear(lambda n: redact("Tab Okonkwo" + " " * n + "500 mg"), 10_000)
    # (A word, 10,000 blanks and "(OT)" is quadratic on main c471fa7 already, outside these
    # rules: measured 19x for 4x the blanks.)
    assert_linear(lambda n: redact("d/w jess (OT) re chair. " * n), 200)
