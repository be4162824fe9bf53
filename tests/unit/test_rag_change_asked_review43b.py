"""Review 43b R2: a stop or a dose change only asked about or suggested ("Please advise on
increasing her ramipril") is no record that it was made: an answer that says it was made is a
hypothetical conflict, for every kind of change. The drug itself is taken, so an answer that
only gives it as taken agrees (fix43b's rule for advice on a drug taken)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground


def _conflicts(sentence: str, passage: str) -> list[tuple[str, str]]:
    result = ground(sentence, {1: passage})
    return [(f.kind, f.token) for f in result.flags if f.kind.endswith("_conflict")]


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        ("Her ramipril was increased [1].", "Please advise on increasing her ramipril.",
         "ramipril"),
        (
            "Her ramipril dose was reduced [1].",
            "Could you advise on reducing her ramipril?",
            "ramipril",
        ),
        (
            "Her warfarin was stopped [1].",
            "Please advise on stopping her warfarin before surgery.",
            "warfarin",
        ),
        ("Aspirin was discontinued [1].", "Please advise on discontinuing aspirin.", "Aspirin"),
        (
            "Ramipril was held [1].",
            "Please advise on holding her ramipril before surgery.",
            "Ramipril",
        ),
        ("She halved her ramipril [1].", "Please advise whether to reduce her ramipril.",
         "ramipril"),
        (
            "Ramipril was titrated up to 10 mg [1].",
            "Please advise on titrating her ramipril.",
            "Ramipril",
        ),
        ("Her bisoprolol was reduced [1].", "I recommend reducing her bisoprolol.", "bisoprolol"),
        ("She stopped bisoprolol [1].", "Consider stopping her bisoprolol.", "bisoprolol"),
        # Starts and switches as before.
        ("She was started on dapagliflozin [1].", "Please advise on adding dapagliflozin.",
         "dapagliflozin"),
        ("She was switched to losartan [1].", "Please advise on switching her to losartan.",
         "losartan"),
    ],
)  # fmt: skip
def test_a_change_only_asked_about_is_not_made(sentence: str, passage: str, token: str) -> None:
    # "advise on stopping" is a possibility, not a denial: the kind is hypothetical.
    assert _conflicts(sentence, passage) == [("hypothetical_conflict", token)]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She takes ramipril [1].", "Please advise on increasing her ramipril."),
        ("She takes warfarin [1].", "Please advise on stopping her warfarin before surgery."),
        ("She takes ramipril [1].", "Could you advise on withholding ramipril?"),
        ("She takes bisoprolol [1].", "I recommend reducing her bisoprolol."),
        ("She takes bisoprolol [1].", "Consider stopping her bisoprolol."),
        ("She takes warfarin [1].", "Please advise on her warfarin dosing; INR has been labile."),
    ],
)
def test_the_drug_whose_change_is_asked_about_is_taken(sentence: str, passage: str) -> None:
    assert _conflicts(sentence, passage) == []


def test_only_the_drug_changed_is_taken_the_rest_stays_suggested() -> None:
    # The suggestion's other items are no drug taken: a referral only suggested is not made.
    passage = "Consider reducing her ramipril and a referral to the renal team."
    assert _conflicts("She was referred to the renal team [1].", passage) == [
        ("hypothetical_conflict", "renal team")
    ]


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        ("She does not take warfarin [1].",
         "Please advise on stopping her warfarin before surgery.", "warfarin"),
        ("She is no longer on warfarin [1].", "Please advise on stopping her warfarin.",
         "warfarin"),
        ("She does not take ramipril [1].", "Please advise on increasing her ramipril.",
         "ramipril"),
        ("She does not take bisoprolol [1].", "I recommend reducing her bisoprolol.",
         "bisoprolol"),
    ],
)  # fmt: skip
def test_a_denial_of_the_drug_whose_change_is_asked_about_conflicts(
    sentence: str, passage: str, token: str
) -> None:
    # The drug is taken: an answer that says it is not contradicts the passage.
    assert _conflicts(sentence, passage) == [("negation_conflict", token)]
