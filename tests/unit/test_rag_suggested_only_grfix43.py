"""grfix43 item 1 (walk 42gb #6): "She also stopped taking her SGLT2 inhibitor [5]" where the
cited letter only asks "Please advise on adding an SGLT2 inhibitor" got no flag of its own (only
"attached citation"): a drug or class the passages only suggest, ask advice on or recommend
starting is now read as hypothetical there, and a sentence that gives it as stopped, started,
switched or taken is flagged saying so, with the passage's line."""

from __future__ import annotations

import pytest

from medlocal.rag.assertions import mentions
from medlocal.rag.grounding import ground

GP = (
    "Her husband has noticed she is more tired. She asks whether her 'water tablet' is causing"
    " her to get up at night. Please advise on adding an SGLT2 inhibitor given her eGFR."
)


def _suggested(sentence: str, passage: str) -> list[str]:
    result = ground(sentence, {1: passage})
    return [
        f.token
        for f in result.flags
        if f.kind == "hypothetical_conflict" and "only suggests or considers it" in f.message
    ]


@pytest.mark.parametrize(
    ("sentence", "passage", "token"),
    [
        (
            "She also stopped taking her SGLT2 inhibitor, which she's been using to manage her"
            " allergies [1].",
            GP,
            "SGLT2 inhibitor",
        ),
        ("She was started on an SGLT2 inhibitor [1].", GP, "SGLT2 inhibitor"),
        ("She is taking an SGLT2 inhibitor [1].", GP, "SGLT2 inhibitor"),
        (
            "Dapagliflozin was stopped [1].",
            "We would suggest starting dapagliflozin.",
            "Dapagliflozin",
        ),
        (
            "She was switched to apixaban [1].",
            "I recommend switching to apixaban at her next review.",
            "apixaban",
        ),
        ("She takes empagliflozin [1].", "She may benefit from empagliflozin.", "empagliflozin"),
    ],
)
def test_a_treatment_the_passage_only_suggests_is_flagged_as_such(
    sentence: str, passage: str, token: str
) -> None:
    assert _suggested(sentence, passage) == [token]


def test_the_flag_quotes_the_suggestion() -> None:
    result = ground("She stopped her SGLT2 inhibitor [1].", {1: GP})
    flag = next(f for f in result.flags if f.kind == "hypothetical_conflict")
    assert "does not record it as done (started, taken, stopped or carried out)" in flag.message
    assert "Please advise on adding an SGLT2 inhibitor" in flag.quote


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        # The suggestion told as one: no conflict.
        ("The GP asked for advice on adding an SGLT2 inhibitor [1].", GP),
        ("An SGLT2 inhibitor was suggested [1].", "We would suggest starting dapagliflozin."),
        # Continuing is no change suggested: the drug is taken.
        ("She takes ramipril [1].", "We recommend continuing ramipril 5 mg once daily."),
        # A started drug stays started where another passage line records it.
        (
            "She was started on dapagliflozin [1].",
            "We would suggest starting dapagliflozin. Dapagliflozin 10 mg was started today.",
        ),
    ],
)
def test_no_alarm_where_the_suggestion_is_told_or_the_drug_is_recorded(
    sentence: str, passage: str
) -> None:
    assert _suggested(sentence, passage) == []


def test_a_radiologists_suggest_is_no_suggestion_of_treatment() -> None:
    found = [m for m in mentions("Appearances suggest consolidation.") if m.key == "consolidation"]
    assert found and not found[0].assertion.hypothetical
