"""Review 50b R1: a clinician's shortened name ("Dr J. Smith", "Smith J., FRCP", "Sister M.
Jones") was read as a patient of the vault who shares the initial and family name, in imported
files' notes, answers and questions. A shortened name counts only where nothing says it is
someone else; the patient's own shortened name still counts."""

from __future__ import annotations

import pytest

from medlocal.app.patient_mixups import answer_check, other_patient_check, question_check
from medlocal.vault.rows import Patient

PATIENTS = [
    Patient(1, "Eleanor Whitcombe", None, None, ""),
    Patient(2, "John Smith", None, None, ""),
    Patient(3, "Sarah Patel", None, None, ""),
    Patient(4, "Mary Ann Jones", None, None, ""),
    Patient(5, "David Brown", None, None, ""),
]


@pytest.mark.parametrize(
    "text",
    [
        "Dear Dr J. Smith,\nThank you for seeing Mrs Whitcombe.",
        "Seen by: Dr S. Patel (registrar), Dr D. Brown (consultant).",
        "Plan discussed with Sister M. Jones.",
        "Electronically signed by Smith J., FRCP",
        "Reported by Patel S. (Radiology)",
        "Referring clinician: Brown, D.",
        "Discussed with Mary Jones, ward pharmacist, who reconciled the medicines.",
        "Reviewed by J. Smith on the ward round.",
        "cc: D. Brown",
    ],
)
def test_a_clinicians_shortened_name_is_no_patient(text: str) -> None:
    assert other_patient_check(PATIENTS, 1)(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Re: J. Smith, DOB 01/02/1950",
        "Patient: Smith J., MRN 4455",
        "Resident: Mary Jones",
        "Reviewed J. Smith today in clinic.",
        "J. Smith, the GP's patient, was seen.",
        "Dr Whitcombe saw J. Smith (for the consultant).",
    ],
)
def test_a_patients_shortened_name_still_counts(text: str) -> None:
    assert other_patient_check(PATIENTS, 1)(text) != []


def test_answers_and_questions_naming_a_clinician_are_not_flagged() -> None:
    answer = answer_check(PATIENTS, 1)
    text = "Her potassium was 5.9 mmol/L on 3 March 2026, reviewed by Dr J. Smith [1]."
    assert answer("What is her potassium?", text, [0]) == []
    asked = question_check(PATIENTS, 1)("What did Dr J. Smith advise about her ramipril?")
    assert asked == []
