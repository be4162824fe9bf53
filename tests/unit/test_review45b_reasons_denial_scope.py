"""Review45b D6, D7: a drug's purpose its class treats ("dapagliflozin for type 2 diabetes")
was flagged "wrong_reason" when the passages' sentence naming the purpose denied anything else
("Type 2 diabetes, not on insulin", "without complications", "HbA1c not checked"), and "diabetes
mellitus" was read as a purpose no class treats ("mellitus" was no kind word). The first two
groups failed before the fix (checked by restoring medlocal/rag/checks/reasons.py from main);
the last guards the denials that must still count (flagged
as a wrong reason or, where the negation reader sees them, a negation conflict)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

_HF = "Dapagliflozin 10 mg for heart failure. "


def _wrong_reasons(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags if f.kind == "wrong_reason"]


@pytest.mark.parametrize(
    "diagnosis",
    [
        "Type 2 diabetes, not on insulin.",
        "Type 2 diabetes without complications.",
        "Type 2 diabetes, HbA1c not checked.",
        "Diagnoses: type 2 diabetes, no retinopathy.",
    ],
)
def test_a_denial_of_something_else_beside_the_purpose_is_no_denial_of_it(
    diagnosis: str,
) -> None:
    assert not _wrong_reasons("Dapagliflozin for type 2 diabetes [1].", _HF + diagnosis)


@pytest.mark.parametrize(
    "answer",
    ["Dapagliflozin for diabetes mellitus [1].", "Dapagliflozin for type 2 diabetes mellitus [1]."],
)
def test_diabetes_mellitus_is_the_diabetes_the_class_treats(answer: str) -> None:
    assert not _wrong_reasons(answer, _HF + "Type 2 diabetes mellitus.")


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        (
            "Warfarin for atrial fibrillation. No pulmonary embolism.",
            "Warfarin for pulmonary embolism [1].",
        ),
        (
            "Warfarin for atrial fibrillation. Pulmonary embolism was ruled out.",
            "Warfarin for pulmonary embolism [1].",
        ),
        (
            "Warfarin for atrial fibrillation. Pulmonary embolism excluded.",
            "Warfarin for pulmonary embolism [1].",
        ),
    ],
)
def test_a_denial_of_the_purpose_itself_still_counts(passage: str, answer: str) -> None:
    # The negation conflict, where the negation reader sees the denial, says it first.
    kinds = {f.kind for f in ground(answer, {1: passage}).flags}
    assert kinds & {"wrong_reason", "negation_conflict"}, kinds
