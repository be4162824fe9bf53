"""fix44f leftover: "dapagliflozin for diabetes" was flagged "wrong_reason" where the passages give
it for heart failure and list type 2 diabetes among the diagnoses. Dapagliflozin is licensed for
both: a drug given a purpose its therapeutic class treats (rag/indications.py reads the drug
dictionary's classes named for what they treat) is not flagged; a purpose no class of the drug
names (allergies, or hypertension for an SGLT2 inhibitor) still is. The first test failed before
the fix (checked by restoring medlocal/rag/checks/reasons.py from main)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.rag.indications import treated_purposes

PASSAGES = {
    1: "Clinic letter. Diagnoses: type 2 diabetes, hypertension, heart failure with reduced"
    " ejection fraction. Dapagliflozin 10 mg once daily started for heart failure. Amlodipine"
    " 5 mg once daily for hypertension. Allergies: penicillin.",
}


def _wrong_reasons(answer: str) -> list[str]:
    return [f.message for f in ground(answer, PASSAGES).flags if f.kind == "wrong_reason"]


@pytest.mark.parametrize(
    "answer",
    [
        "She takes dapagliflozin for diabetes [1].",
        "Dapagliflozin 10 mg for type 2 diabetes [1].",
        "An SGLT2 inhibitor was started to manage her diabetes [1].",
    ],
)
def test_a_purpose_the_drugs_class_treats_is_a_second_indication(answer: str) -> None:
    assert _wrong_reasons(answer) == []


@pytest.mark.parametrize(
    ("answer", "drug", "reason"),
    [
        ("Dapagliflozin was started to manage her allergies [1].", "Dapagliflozin", "allergies"),
        ("She takes dapagliflozin for hypertension [1].", "dapagliflozin", "hypertension"),
        ("Amlodipine 5 mg for diabetes [1].", "Amlodipine", "diabetes"),
    ],
)
def test_a_purpose_no_class_of_the_drug_treats_is_still_flagged(
    answer: str, drug: str, reason: str
) -> None:
    (message,) = _wrong_reasons(answer)
    assert message.startswith(f"'{drug}' for '{reason}': the cited passages name {reason}")


def test_purposes_come_from_classes_named_for_what_they_treat() -> None:
    assert "diabetes" in treated_purposes(["dapagliflozin"])
    assert "hypertension" in treated_purposes(["ramipril"])
    assert "hypertension" not in treated_purposes(["dapagliflozin"])
    assert treated_purposes(["not-a-drug"]) == frozenset()
