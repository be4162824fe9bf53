"""Walk 40b, the grounding checks: an answer that denies allergies the cited (or given)
passages list is a negation conflict (item 2); a dose the passage says was changed from, given
as current, is superseded (item 4); a value given for one test that the passage holds for
another measurement is misattributed (item 5). Sentences and passages are our own, written as a
clinician's documents read. Each test failed on main before its fix."""

from __future__ import annotations

import pytest

from medlocal.rag.flags import Flag
from medlocal.rag.grounding import ground

DISCHARGE = (
    "Diagnosis: Non-ST elevation myocardial infarction (NSTEMI); new atrial fibrillation.\n"
    "Allergies: Penicillin - anaphylaxis (1988). No other known drug allergies.\n"
    "Discharge bloods: Hb 118 g/L, potassium 4.9 mmol/L, eGFR 48."
)
OTHER_DISCHARGE = (
    "Diagnosis: atrial fibrillation with fast ventricular response.\n"
    "Allergies: Codeine - vomiting. No penicillin allergy.\n"
    "Medications on discharge: Apixaban 2.5 mg twice daily; Bisoprolol 10 mg once daily;"
)
REFERRAL = (
    "Please see this 78 year old lady with type 2 diabetes. Her HbA1c has risen from 58 to 62"
    " mmol/mol despite metformin 500 mg twice daily. She is allergic to penicillin."
)
NO_ALLERGIES = "Allergies: none known. Medications: amoxicillin 500 mg three times daily."
ALLERGY_LIST = "DRUG ALLERGIES\n- Trimethoprim (rash)\n- Morphine - nausea"


def _flags(text: str, passages: dict[int, str], kind: str) -> list[Flag]:
    return [f for f in ground(text, passages).flags if f.kind == kind]


@pytest.mark.parametrize(
    ("text", "passages", "allergen"),
    [
        ("1. No other known drug allergies [1].", {1: DISCHARGE}, "penicillin"),
        ("She does not have any known allergies [1].", {1: OTHER_DISCHARGE}, "codeine"),
        ("She has no known drug allergies [1].", {1: DISCHARGE}, "penicillin"),
        ("Allergies: NKDA [1].", {1: REFERRAL}, "penicillin"),
        ("She has no drug allergies [1].", {1: ALLERGY_LIST}, "trimethoprim"),
        (
            "She does not have any known allergies or medications that could be used as an"
            " alternative [1].",
            {1: OTHER_DISCHARGE},
            "codeine",
        ),
    ],
)
def test_an_allergy_denial_against_a_listed_allergy_is_a_negation_conflict(
    text: str, passages: dict[int, str], allergen: str
) -> None:
    found = [f for f in _flags(text, passages, "negation_conflict") if allergen in f.message]
    assert found, ground(text, passages).flags
    assert found[0].passage == 1 and found[0].quote


def test_a_denial_is_checked_against_a_given_passage_it_does_not_cite() -> None:
    # The cited note says none known; the discharge summary lists penicillin anaphylaxis.
    found = _flags(
        "She has no known drug allergies [1].", {1: NO_ALLERGIES, 2: DISCHARGE}, "negation_conflict"
    )
    assert len(found) == 1
    assert found[0].passage == 2 and "does not cite" in found[0].message
    assert "penicillin" in found[0].message


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        # The passage itself, and an answer that names the allergen before denying others.
        ("Penicillin - anaphylaxis (1988). No other known drug allergies [1].", {1: DISCHARGE}),
        (
            "She is allergic to penicillin (anaphylaxis) [1]. No other known drug allergies [1].",
            {1: DISCHARGE},
        ),
        (
            "Apart from codeine (vomiting), she has no known drug allergies [1].",
            {1: OTHER_DISCHARGE},
        ),
        # A denial the passages back; "No penicillin allergy" lists no allergen.
        ("She has no known drug allergies [1].", {1: NO_ALLERGIES}),
        ("She is not allergic to penicillin [1].", {1: OTHER_DISCHARGE}),
        # Not a denial of allergies.
        ("She reports no allergy symptoms [1].", {1: DISCHARGE}),
        ("She is allergic to penicillin [1].", {1: REFERRAL}),
    ],
)
def test_no_allergy_conflict_where_the_text_agrees(text: str, passages: dict[int, str]) -> None:
    assert not _flags(text, passages, "negation_conflict")


CLINIC = (
    "Changes today: I have increased bisoprolol from 2.5 mg to 5 mg once daily for rate"
    " control. Furosemide 20 mg once daily started for fluid overload."
)
RENAL = "Ramipril reduced from 10 mg to 5 mg once daily because of hyperkalaemia."
STATIN = "Atorvastatin 40 mg at night - switched from simvastatin 40 mg due to myalgia."
LIST = "Medications: bisoprolol 2.5 mg once daily. Apixaban 5 mg twice daily."
DIURETIC = "Furosemide 40 mg OM -> 40 mg BD from Monday."


@pytest.mark.parametrize(
    ("text", "passages", "dose"),
    [
        ("She continues bisoprolol 2.5 mg twice daily [1].", {1: CLINIC}, "2.5 mg"),
        ("She continues bisoprolol 2.5 mg once daily [1].", {1: CLINIC}, "2.5 mg"),
        ("She takes ramipril 10 mg once daily [1].", {1: RENAL}, "10 mg"),
        ("She takes simvastatin 40 mg at night [1].", {1: STATIN}, "40 mg"),
    ],
)
def test_a_dose_changed_from_given_as_current_is_superseded(
    text: str, passages: dict[int, str], dose: str
) -> None:
    found = _flags(text, passages, "timing_conflict")
    assert [f.token for f in found] == [dose], ground(text, passages).flags
    assert "changed or switched from" in found[0].message and found[0].quote


def test_a_frequency_the_passage_does_not_give_beside_a_dose_change_is_flagged() -> None:
    # "from 2.5 mg to 5 mg once daily": once daily is the drug's regimen, whatever the dose.
    for text in (
        "She continues bisoprolol 2.5 mg twice daily [1].",
        "She takes bisoprolol 5 mg twice daily [1].",
    ):
        found = [f for f in _flags(text, {1: CLINIC}, "unverified_number") if "twice" in f.token]
        assert found and "once daily" in found[0].message


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        ("Bisoprolol was increased from 2.5 mg to 5 mg once daily [1].", {1: CLINIC}),
        ("She is on bisoprolol 5 mg once daily [1].", {1: CLINIC}),
        ("Ramipril was reduced to 5 mg once daily [1].", {1: RENAL}),
        ("She was previously on ramipril 10 mg [1].", {1: RENAL}),
        # An earlier list gives the dose as one taken: which is current is the reader's call.
        ("She takes bisoprolol 2.5 mg once daily [1, 2].", {1: CLINIC, 2: LIST}),
        ("She takes bisoprolol 2.5 mg once daily [1].", {1: LIST}),
        ("She takes atorvastatin 40 mg at night [1].", {1: STATIN}),
        # A regimen left unread between the doses (round 7) still accepts either.
        ("Furosemide 40 mg twice daily [1].", {1: DIURETIC}),
        ("Furosemide 40 mg in the morning [1].", {1: DIURETIC}),
    ],
)
def test_no_superseded_flag_for_a_current_or_past_dose(text: str, passages: dict[int, str]) -> None:
    flags = ground(text, passages).flags
    assert not [f for f in flags if f.kind in ("timing_conflict", "unverified_number")], flags


LABS = "eGFR 48 mL/min/1.73m2 on 17/09/2026, 44 on 02/10/2026 and 41 on 27/10/2026."


@pytest.mark.parametrize(
    ("text", "value", "there"),
    [
        ("Her eGFR has increased from 78 to 92 mmol/mol [1].", "78", "the age"),
        (
            "Her eGFR has increased from 78 to 92 and decreased from 58 to 57 mmol/mol [1].",
            "58",
            "the hba1c",
        ),
        ("Her eGFR is 78 [1].", "78", "the age"),
        ("Her creatinine rose from 80 to 95 and then fell from 58 to 50 [1].", "58", "the hba1c"),
    ],
)
def test_a_value_the_passage_holds_for_another_measurement_is_misattributed(
    text: str, value: str, there: str
) -> None:
    found = [f for f in _flags(text, {1: REFERRAL}, "misattributed_value") if f.token == value]
    assert found, ground(text, {1: REFERRAL}).flags
    assert there in found[0].message


@pytest.mark.parametrize(
    ("text", "passages"),
    [
        ("She is a 78 year old lady with type 2 diabetes [1].", {1: REFERRAL}),
        ("She is 78 years old [1].", {1: REFERRAL}),
        ("Her HbA1c has risen from 58 to 62 mmol/mol [1].", {1: REFERRAL}),
        ("Her eGFR fell from 48 to 44 and then fell to 41 [1].", {1: LABS}),
        ("Her eGFR has declined from 48 to 44 and has since fallen to 41 [1].", {1: LABS}),
    ],
)
def test_a_value_given_for_its_own_measurement_is_not_misattributed(
    text: str, passages: dict[int, str]
) -> None:
    flags = ground(text, passages).flags
    assert not [f for f in flags if f.kind in ("misattributed_value", "unverified_number")], flags
