"""Review 43b R6: a code unlike the record's MRN ("AB123456", "K880999") that an answer names as
a patient's ("note for patient AB123456") or as where a record is kept ("filed under K880999")
is an identifier to check; review 43 D6's dates, extensions, diagnosis codes, forms and batches
stay unflagged, whatever the sentence says of the patient."""

from __future__ import annotations

import pytest

from medlocal.rag.checks.patient_identity import RecordIdentity, check_identifiers

PASSAGES = {
    1: "Anna Smith, KTV-880412. Seen in clinic on 12-NOV-2026. HbA1c 58 (was 64 in June 2024)."
    " Type 2 diabetes (E11.9). Form DS1500 completed. Bleep 4521.",
}
IDENTITY = RecordIdentity("Anna Smith", "KTV-880412", None)


@pytest.mark.parametrize(
    ("sentence", "token"),
    [
        ("See note for patient AB123456 [1].", "AB123456"),
        ("Results were filed under K880999 [1].", "K880999"),
        ("The letter is for patient's AB123456 record [1].", "AB123456"),
        ("Her bloods are recorded under ZX55012 [1].", "ZX55012"),
        ("She is registered as QP771204 [1].", "QP771204"),
    ],
)
@pytest.mark.parametrize("identity", [IDENTITY, None])
def test_a_code_named_as_a_patients_is_flagged(
    sentence: str, token: str, identity: RecordIdentity | None
) -> None:
    assert [f.token for f in check_identifiers(sentence, PASSAGES, identity)] == [token]


@pytest.mark.parametrize(
    "sentence",
    [
        "The patient's HbA1c improved since mid-2024 [1].",
        "The patient was seen in the FY2026 clinic [1].",
        "Contact the patient's team on x4521 [1].",
        "The patient was coded as E1190 [1].",
        "The patient's DS1500 form was completed [1].",
        "The patient was vaccinated with batch AB12345 [1].",
        "The patient's lot number is AB-123456 [1].",
        "The patient's HbA1c was 58 [1].",
    ],
)
def test_the_false_alarms_of_review_43_stay_unflagged(sentence: str) -> None:
    assert check_identifiers(sentence, PASSAGES, IDENTITY) == []
