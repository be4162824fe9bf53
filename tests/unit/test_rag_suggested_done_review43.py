"""Review 43 D4: advice on a drug already taken ("Please advise on her warfarin dosing") and a
suggested change the passage records as done ("which she has done", "She began it") must not
make a drug the patient takes look only suggested; advice on a change not yet made still does."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground


def _suggested(sentence: str, passage: str) -> list[str]:
    result = ground(sentence, {1: passage})
    return [f.token for f in result.flags if f.kind == "hypothetical_conflict"]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She takes warfarin [1].", "Please advise on her warfarin dosing; INR has been labile."),
        (
            "She is on warfarin [1].",
            "Please advise on warfarin and her upcoming dental extraction.",
        ),
        (
            "She takes apixaban [1].",
            "Advice regarding apixaban before surgery: omit 48 hours before.",
        ),
        (
            "Her bisoprolol was reduced to 2.5 mg [1].",
            "I recommended reducing her bisoprolol to 2.5 mg, which she has done.",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg and she began it on 3 May.",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg. She began it on 3 May.",
        ),
        (
            "She takes metformin [1].",
            "She would benefit from continuing metformin 500 mg bd, which she takes.",
        ),
    ],
)
def test_advice_on_a_taken_drug_or_a_change_done_is_no_suggestion(
    sentence: str, passage: str
) -> None:
    assert _suggested(sentence, passage) == []


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        (
            "She stopped her SGLT2 inhibitor [1].",
            "Please advise on adding an SGLT2 inhibitor given her eGFR.",
            "SGLT2 inhibitor",
        ),
        (
            "She takes empagliflozin [1].",
            "Please advise whether to start empagliflozin.",
            "empagliflozin",
        ),
        (
            "Amlodipine was started [1].",
            "We advised starting amlodipine 5 mg. Ramipril was stopped.",
            "Amlodipine",
        ),
        (
            "Apixaban was started [1].",
            "Advice regarding switching to apixaban before surgery.",
            "Apixaban",
        ),
    ],
)
def test_advice_on_a_change_not_recorded_as_done_stays_a_suggestion(
    sentence: str, passage: str, token: str
) -> None:
    assert _suggested(sentence, passage) == [token]
