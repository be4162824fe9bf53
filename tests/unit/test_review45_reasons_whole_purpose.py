"""Review45 D2: leftgr45 spared a drug's purpose when one word of it was one its therapeutic
class treats: low-dose aspirin (an "analgesic": pain) "for back pain", which the passages list
apart from the aspirin they give for stroke prevention, and warfarin (an anticoagulant) "for
pulmonary embolism", which the passages exclude, were no longer flagged "wrong_reason". The
whole purpose must be the class's, and not one the passages deny. Each flagged case failed
before the fix (checked by restoring medlocal/rag/checks/reasons.py from main); the spared ones
keep leftgr45's second indications."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground


def _wrong_reasons(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags if f.kind == "wrong_reason"]


@pytest.mark.parametrize(
    ("passage", "answer", "start"),
    [
        (
            "Aspirin 75 mg for secondary prevention after stroke. Chronic low back pain.",
            "Aspirin is taken for back pain [1].",
            "'Aspirin' for 'back pain'",
        ),
        (
            "Aspirin 75 mg once daily for secondary prevention after myocardial infarction."
            " Knee pain managed with paracetamol.",
            "She takes aspirin for her knee pain [1].",
            "'aspirin' for 'knee pain'",
        ),
        (
            "Warfarin for atrial fibrillation. Pulmonary embolism excluded.",
            "Warfarin for pulmonary embolism [1].",
            "'Warfarin' for 'pulmonary embolism'",
        ),
        (
            "Warfarin for atrial fibrillation. Pulmonary embolism excluded.",
            "Warfarin for embolism [1].",
            "'Warfarin' for 'embolism'",
        ),
    ],
)
def test_a_purpose_the_class_only_partly_names_or_the_passages_deny_is_flagged(
    passage: str, answer: str, start: str
) -> None:
    (message,) = _wrong_reasons(answer, passage)
    assert message.startswith(start), message


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        (
            "Dapagliflozin 10 mg for heart failure. Diagnoses: type 2 diabetes.",
            "Dapagliflozin for type 2 diabetes [1].",
        ),
        (
            "Furosemide 40 mg for hypertension. Ankle swelling noted.",
            "Furosemide is for her ankle swelling [1].",
        ),
    ],
)
def test_a_purpose_wholly_the_classes_is_still_spared(passage: str, answer: str) -> None:
    assert _wrong_reasons(answer, passage) == []
