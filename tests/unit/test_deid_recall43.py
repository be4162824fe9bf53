"""deidrec43 (issue 16, recall): general causes of the misses on the blind recall half dev40
(written before the rules were read), each fixed by its shape, with the negatives that must hold.

1. "of" or "at" between an organisation ending in its head word and the place or name after it
   was left, so neither the name nor the identifier was whole ("Hebrew Home at Riverdale",
   "Visiting Nurse Service of New York") (deid_place_growth).
2. A French address wrapped after its building's comma ("bât. B,\\n4 rue ...") was not bridged.
3. An Australian unit written "U4/27" lost its "U4/" (deid_addresses).
4. A role abbreviated with its stop before initials ("Const. N. Mkhize", "Sgt. N. Mkhize") hid
   the cue; police and foundation-doctor ranks ("Const", "Cst", "Garda", "Trooper", "F1") were
   no roles (deid_initials, deid_people_words).
5. An internal line written "x 55210" after a word of reaching (deid_contacts).
6. A form's dot leader instead of the colon, and a bracket after the label ("Employer (for
   WSIB) ....... Giant Tiger") (deid_fields).
7. A practice named by its place and "Medical" alone ("(Battery Point Medical)")
   (deid_practice_names).
8. Australia's rural deliveries ("RMB 4471", "RSD 12", "CMB 7") were no address parts, as a
   rural route "RR 3" is (deid_addresses); a "med card" was no health-plan cue (deid_codes).
9. Initials after a doctor's grade at a team line's end ("SpR Bex Lyall / F1 TJ")
   (deid_initials).
10. An age over 89 with a space before the sex letter after the patient's word ("Pt 91 M")
    (deid_ages).
11. A Dublin postal district before a letterhead's dash or field gap ("Dublin 7  - Theatre 4")
    (deid_joins).
12. A Canadian SIN after a note in brackets ("SIN (pension forms) 448 112 903") (deid_codes).
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _removed(text: str, tagger: bool = True) -> list[str]:
    redactor = Redactor(None, shift_days=40, tagger=tagger)
    return [r.original for r in redactor.preview(_LETTER + text + "\n")]


def _gone(text: str, words: str, tagger: bool = True) -> bool:
    """Every letter and digit of ``words`` (in ``text``) is inside a removed span."""
    redactor = Redactor(None, shift_days=40, tagger=tagger)
    full = _LETTER + text + "\n"
    start = full.index(words)
    mask = [False] * len(full)
    for red in redactor.preview(full):
        for i in range(red.start, red.end):
            mask[i] = True
    return all(mask[i] for i in range(start, start + len(words)) if full[i].isalnum())


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Her sister lives at Hebrew Home at Riverdale.", "Hebrew Home at Riverdale"),
        (
            "cc: Visiting Nurse Service of New York, fax 212-609-1180",
            "Visiting Nurse Service of New York",
        ),
        ("cc: The Pines at Linden (fax 740-555-0138)", "The Pines at Linden"),
    ],
)
def test_an_organisation_and_its_place_over_of_or_at_are_one_name(
    text: str, name: str, tagger: bool
) -> None:
    assert name in _removed(text, tagger)


def test_at_after_a_word_that_is_no_organisation_head_joins_nothing() -> None:
    removed = _removed("Her sister Esther Lowe at Riverdale called.", tagger=False)
    assert not any(" at " in r for r in removed)


def test_a_french_address_wrapped_after_its_building_is_one_street() -> None:
    text = "domiciliée Résidence Les Tilleuls, bât. B,\n4 rue de l'Épeule, 59100 Roubaix, seule."
    assert _gone(text, "Résidence Les Tilleuls, bât. B,\n4 rue de l'Épeule")


def test_an_australian_unit_before_the_house_number_goes_with_the_street() -> None:
    text = "B: adm via ED from home U4/27 Lethbridge St, Penrith 2750. T2DM on insulin"
    assert "U4/27 Lethbridge St" in _removed(text)


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "SAPS: Berea SAPS, Const. N. Mkhize, CAS 211/03/2026",
        "Statement taken by Sgt. N. Mkhize at the scene.",
    ],
)
def test_initials_after_an_abbreviated_role_with_its_stop_are_a_name(
    text: str, tagger: bool
) -> None:
    assert "N. Mkhize" in _removed(text, tagger)


def test_police_ranks_are_cues_and_stay_outside_the_name() -> None:
    removed = _removed("Garda Brennan took a statement; Cst Leblanc attended.", tagger=False)
    assert "Brennan" in removed and "Garda Brennan" not in removed
    assert "Leblanc" in removed


def test_an_abbreviated_role_does_not_make_an_organism_a_name() -> None:
    assert not any("Coli" in r for r in _removed("Culture: Sgt. E. Coli isolated.", False))


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Phoned to ICU reg Dr Obi on x 55210 at 11:05", "x 55210"),
        ("Please call x4471 if worse.", "x4471"),
    ],
)
def test_an_internal_line_written_with_x_is_a_phone(text: str, phone: str) -> None:
    assert phone in _removed(text)


@pytest.mark.parametrize("text", ["Paracetamol 2 x 1000 mg QDS.", "Started on x 1000 mg dose."])
def test_a_count_with_x_stays(text: str) -> None:
    assert not any("1000" in r for r in _removed(text))


def test_a_dot_leader_and_a_bracket_after_an_employer_label_hold_the_employer() -> None:
    text = "TRANSFER\nEmployer (for WSIB) ....... Giant Tiger distribution centre\n"
    assert _gone(text, "Giant Tiger", tagger=False)


def test_a_dot_leader_after_an_employer_label_keeps_a_state() -> None:
    assert _removed("TRANSFER\nEmployer ....... Retired\n", tagger=False) == []


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("GP Dr Hamish Tolland (Battery Point Medical) reviewed her.", "Battery Point Medical"),
        ("GP: Harbour Road Medical\nPlan: review", "Harbour Road Medical"),
    ],
)
def test_a_practice_named_by_its_place_and_medical_is_a_facility(
    text: str, name: str, tagger: bool
) -> None:
    assert name in _removed(text, tagger)


@pytest.mark.parametrize(
    "text",
    [
        "Transferred to Acute Medical. Seen by General Medical.",
        "Under the care of (Respiratory Medical) team.",
        "Referred to (Internal Medical) for review.",
    ],
)
def test_a_medical_service_is_no_practice(text: str) -> None:
    assert not any("Medical" in r for r in _removed(text, tagger=False))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Property: Glenaroua Park, RMB 4471.\nPhone: landline", "RMB 4471"),
        ("Address: RSD 12, Kapunda SA 5373", "RSD 12"),
    ],
)
def test_an_australian_rural_delivery_is_an_address_part(text: str, part: str) -> None:
    assert part in _removed(text, tagger=False)


def test_a_med_card_number_is_a_health_plan_number() -> None:
    text = "PPSN 8841226TA, med card 1108 447 2K\nMSE: unkempt"
    assert "1108 447 2K" in _removed(text, tagger=False)


def test_initials_after_a_doctors_grade_at_a_team_lines_end_are_a_name() -> None:
    text = "WR: Cons Dr Okafor / SpR Bex Lyall / F1 TJ\nPlan: theatre"
    assert "TJ" in _removed(text, tagger=False)


def test_a_test_after_a_doctors_grade_stays() -> None:
    assert not any("ECG" in r for r in _removed("Seen with SHO ECG\nPlan: rest", tagger=False))


@pytest.mark.parametrize("text", ["Pt 91 M presented with SOB.", "patient 94 F, fall at home"])
def test_an_age_with_a_space_before_the_sex_letter_after_the_patient(text: str) -> None:
    assert any(r in ("91", "94") for r in _removed(text, tagger=False))


@pytest.mark.parametrize("text", ["Pt 45 M presented with SOB.", "Pt GCS E4 V5 M 6, alert"])
def test_an_age_under_ninety_or_a_motor_score_stays(text: str) -> None:
    assert not any(r.isdigit() for r in _removed(text, tagger=False))


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Mater Misericordiae University Hospital, Dublin 7  - Theatre 4\nNOTE", "Dublin 7"),
        ("Children's Health Ireland at Crumlin, Dublin 12 - Allergy Clinic", "Dublin 12"),
    ],
)
def test_a_dublin_district_before_a_letterheads_dash_goes_with_the_city(
    text: str, city: str
) -> None:
    assert city in _removed(text, tagger=False)


def test_a_sin_after_a_note_in_brackets_is_an_ssn() -> None:
    text = "chart 0448217, SIN (pension forms) 448 112 903\nMailing: Box 118"
    assert "448 112 903" in _removed(text, tagger=False)


# The blind recall half dev40: 20 notes, 608 identifiers, 183 clinical terms. Before this
# session's changes (annotation of four "the ..." pubs and shops mended to the corpus's
# convention first) the redactor found 582 and damaged none.
def test_dev40_parses_and_stays_at_its_figures() -> None:
    notes = load("dev40")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 608
    assert sum(len(n.clinical) for n in notes) == 183

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 591
    assert result.clinical_damaged == 0
