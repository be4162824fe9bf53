"""grfix42a (walk 42g #4): a result given for a test the cited passage only requests is flagged."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

LETTER = (
    "Impression: heart failure with reduced ejection fraction, likely ischaemic; I have "
    "requested\na coronary angiogram. I have started bisoprolol 1.25 mg once daily."
)


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}, attach=True).flags]


def test_a_result_of_a_requested_angiogram_is_flagged() -> None:
    answer = (
        "The patient's coronary angiogram showing a reduced ejection fraction, likely due to "
        "mitral regurgitation [1]."
    )
    result = ground(answer, {1: LETTER}, attach=True)
    flags = [f for f in result.flags if f.kind == "hypothetical_conflict"]
    assert len(flags) == 1
    assert flags[0].token == "angiogram"
    assert "requested" in flags[0].message and "I have requested" in flags[0].quote


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("The CT showed no abnormality [1].", "CT chest planned for next week."),
        ("The MRI revealed a disc prolapse [1].", "Awaiting MRI of the lumbar spine."),
        ("Her echocardiogram was normal [1].", "Echocardiogram booked; GP to review after."),
        ("The colonoscopy found two polyps [1].", "Referred for colonoscopy."),
    ],
)
def test_a_result_of_any_test_only_planned_is_flagged(answer: str, passage: str) -> None:
    assert "hypothetical_conflict" in kinds(answer, passage), passage


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        # The passage gives a result as well: no flag.
        (
            "The angiogram showed a tight LAD stenosis [1].",
            "Angiogram requested in May. Angiogram 02/06: tight LAD stenosis.",
        ),
        # A result written without a result verb may be one: no flag.
        ("The echo showed an EF of 38% [1].", "Echo: EF 38%. Repeat echo requested in 6 months."),
        # The answer says it was requested: that is what the passage says.
        ("A coronary angiogram was requested [1].", LETTER),
        ("The angiogram is pending [1].", "Angiogram pending."),
    ],
)
def test_a_requested_test_read_plainly_is_not_flagged(answer: str, passage: str) -> None:
    assert "hypothetical_conflict" not in kinds(answer, passage)
