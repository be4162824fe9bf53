"""deid55c (issue 16, recall outside FACILITY): initials after a title or a signing cue
(deid_titled_letters), a day with a month's word and a day and month after a weekday
(deid_day_month_words), house and flat numbers after Russian and Turkish streets and a
Vietnamese city after "TP." (deid_house_numbers), family words of Polish, Czech, Turkish,
Russian and Greek notes as name cues (deid_people_words.RELATIONS), and review 54b's "Reviewed
(Okonkwo) 5 mg" (a results row's guard in deid_clinical_values). Each rule removes text, so each
comes with the clinical letters, numbers and words that must stay beside it."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_day_month_words import day_month_word_candidates
from medlocal.privacy.deid_house_numbers import house_number_candidates
from medlocal.privacy.deid_titled_letters import titled_letter_candidates

# Must go (each fails on main e5ff42e: the part was left in view).
_INITIALS = [
    ("SEEN BY: DR E J H / NURSE M T", ("E J H", "M T")),
    ("Dr E J H reviewed the wound.", ("H reviewed",)),
    ("Checked by: M T / A K", ("M T", "A K")),
    ("Nurse Practitioner M. T. reviewed.", ("M. T",)),
    ("Signed: A K (Locum)", ("A K",)),
    ("MIDWIFE S K - booked", ("K -",)),
    ("Nurse L. V. G. / HCA P", ("HCA P",)),
]


@pytest.mark.parametrize(("text", "parts"), _INITIALS)
def test_initials_after_a_title_or_signing_cue_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "HEP B vaccine given, VIT D low.",
        "DR A FIB on ECG today",  # no one: a word of capitals follows
        "Seen by A&E overnight.",
        "NURSE A&E handover",
        "SN A/W bloods",  # awaiting, not a name
        "DR B12 level low.",
        "Seen in clinic, grade B murmur, MR 2+.",
        "Severe MR A-wave noted",
        "Implant: Physio II ring 30 mm",  # a model's numeral (dev39)
    ],
)
def test_clinical_letters_after_titles_are_not_initials(text: str) -> None:
    assert list(titled_letter_candidates(text)) == []


_DATES = [
    ("Resultado previo (14/ago), cita 3/dic.", ("14/ago", "3/dic")),
    ("Próxima consulta 20/set; exame 5-out.", ("20/set", "5-out")),
    ("Prélèvement du 12/déc, contrôle 3-janv", ("12/déc", "3-janv")),
    ("Kontrolle am 12/Dez, Labor 3.Mär", ("12/Dez", "3.Mär")),
    ("Seen on 3/Sep by the team.", ("3/",)),
    ("Next visit śr. 9.12 at the clinic.", ("9.12",)),
    ("Kontrolle Mo 04.12", ("04.12",)),
]


@pytest.mark.parametrize(("text", "parts"), _DATES)
def test_days_with_a_month_word_or_a_weekday_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "Vit D 3.12 nmol/L. Sat 9.5 kPa. So 1-2 tablets. Do 2-3 sets.",
        "sat 9.12 on air",  # a saturation's short word in lower case
        "Mo 2.5 mg daily",
        "Fri 1.5 L fluid restriction",
        "3/out of 10 pain",
        "GCS 3-15, grade 1-2, 5/10 pain",
        "Clinic Monday 9-12 and Thu 1-5",
        "score 2/may not apply",
        "Mon 9.12.2026 seen",  # a whole date: left to deid_dates
        "Pulse 88/min, Thu 1-2 bowel motions",
        "HAQ-DI 1.5, MO 2.5, Fr 1.5",  # a score after a hyphen (dev26), no Monday, a gauge
    ],
)
def test_clinical_numbers_beside_weekdays_and_months_are_not_dates(text: str) -> None:
    found = [r.original for r in day_month_word_candidates(text)]
    assert found == [], found


_HOUSES = [
    ("Проживает: ул. Пехотная, д. 3, кв. 14, Москва", (". 3,", ". 14")),
    ("Bruder in Şehitkamil, Atatürk Bulvarı No: 44", ("No: 44",)),
    ("Adres: Bağdat Caddesi No: 112/4, Kadıköy", ("No: ",)),
    ("Cumhuriyet Mah. Gazi Sk. No:7 Daire 3", ("No:", "3")),
    ("Quận 5, TP. Hồ Chí Minh", ("TP.",)),
]


@pytest.mark.parametrize(("text", "parts"), _HOUSES)
def test_house_numbers_and_vietnamese_cities_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


@pytest.mark.parametrize(
    "text",
    [
        "Hb 112, MCV 88, No 5 lymph nodes",
        "Ref No: 44 (no street before it)",
        "Dosage: No. 3 capsule",
        "ИБС, ХСН II ФК, МНО 2,4",
        "TP 6.2 g/dL, tp. 37",
    ],
)
def test_numbers_with_no_street_before_stay(text: str) -> None:
    assert list(house_number_candidates(text)) == []


# Review 54b: a reviewer's surname in brackets before a dose was read as a results row's test
# ("Reviewed (Okonkwo) 5 mg"); a row of a results table still keeps its test's name.
def test_a_surname_in_brackets_before_a_dose_goes() -> None:
    gone("Reviewed (Okonkwo) 5 mg", "Okonkwo")
    gone("Checked (Naidoo) 10 mg", "Naidoo")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Hemoglobina      10,9 g/dL", "Hemoglobina"),
        ("Filtrado glomerular (CKD-EPI) 39 mL/min", "Filtrado glomerular"),
        ("White cells   5.2 x10^9/L", "White cells"),
    ],
)
def test_results_rows_keep_their_tests(text: str, part: str) -> None:
    kept(text, part)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("oğlu Emre geldi", "Emre"),
        ("kardeşi Mehmet geldi", "Mehmet"),
        ("siostra Halina mieszka w Krakowie", "Halina"),
    ],
)
def test_family_words_of_other_languages_lead_to_a_name(text: str, name: str) -> None:
    gone(text, name)


def test_readings_stay_linear() -> None:
    assert_linear(lambda n: redact("SEEN BY DR" + " " * n + "E J"), 10_000)
    assert_linear(lambda n: redact("Caddesi" + " x" * n + " No: 4"), 5_000)
    assert_linear(lambda n: redact("śr." + " " * n + "9.12"), 10_000)


# The blind half dev61: 20 notes, 390 identifiers, 104 clinical terms. Blind (main e5ff42e,
# titles moved outside nine PERSON spans): 370/390 and 18 damaged; with this session's rules
# 378 and 18.
def test_dev61_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev61")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 390
    assert sum(len(n.clinical) for n in notes) == 104

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 378
    assert result.clinical_damaged <= 18


# The lead (session 55's deid suite on the merged main): a dotted credential after a signing cue
# is no one's initials (test_deid_walk27 failed: "Signed: M.D." lost "M.D"); spaced letters after
# a title still are.
@pytest.mark.parametrize("text", ["Plan: continue.\nSigned: M.D.\n", "Seen by: R.N.\n"])
def test_a_dotted_credential_after_a_signing_cue_stays(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "letters"),
    [("Seen by Dr M D today.", "M D"), ("SIGNED: DR M D", "M D"), ("Signed: A.K.", "A.K")],
)
def test_spaced_or_other_initials_after_a_title_or_cue_still_go(text: str, letters: str) -> None:
    gone(text, letters)
