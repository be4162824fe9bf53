"""Review 43b R4 and R5 (rag/habits.py). R4: a rate kept up "until" a time that is this year or
later, or followed by a rate "now", is a habit kept up, not a past one; a real "quit in 2015"
still is. R5: a non-alcoholic drink named first ("2 cups of tea and 4 pints of beer") does not
hide the alcoholic one after it in the same list."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.rag.grounding import ground

_THIS_YEAR = date.today().year


def _conflicts(sentence: str, passage: str) -> list[tuple[str, str]]:
    result = ground(sentence, {1: passage})
    return [(f.kind, f.token) for f in result.flags if f.kind.endswith("_conflict")]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        (
            "She currently smokes 5 cigarettes a day [1].",
            "Smoking: 20/day until 2015, now 5/day.",
        ),
        ("She smokes 5 a day [1].", "Smoking: 20/day until 2015, currently 5/day."),
        ("She smokes 10 a day [1].", f"Smoking: 10/day from 2010 to {_THIS_YEAR}."),
        ("She smokes 10 a day [1].", f"Smoking: 10/day from 2010 until {_THIS_YEAR + 1}."),
    ],
)
def test_a_rate_kept_up_to_now_is_current(sentence: str, passage: str) -> None:
    assert _conflicts(sentence, passage) == []


@pytest.mark.parametrize(
    "passage",
    [
        "Smoking: 20/day until 2015.",
        "Smoking: 20/day until 2015, now none.",
        f"Smoking: 10/day from 2010 to {_THIS_YEAR - 1}.",
        "She quit smoking in 2015.",
    ],
)
def test_a_habit_that_ended_still_conflicts_with_smoking_now(passage: str) -> None:
    assert _conflicts("She currently smokes 5 cigarettes a day [1].", passage) == [
        ("timing_conflict", "smokes")
    ]


@pytest.mark.parametrize(
    "passage",
    [
        "She drinks 2 cups of tea and 4 pints of beer a day.",
        "She drinks water and 30 units of alcohol per week.",
        "She drinks tea, coffee and a glass of wine most nights.",
        "She drinks water, tea and 2 pints of lager at weekends.",
    ],
)
def test_alcohol_after_another_drink_is_still_drinking(passage: str) -> None:
    assert _conflicts("She does not drink alcohol [1].", passage) == [
        ("negation_conflict", "drink")
    ]


@pytest.mark.parametrize(
    "passage",
    [
        "She drinks two coffees a day and does not drink alcohol.",
        "She drinks coffee but no alcohol.",
        "She drinks plenty of water and no alcohol.",
        "She drinks 2 cups of tea and denies alcohol.",
    ],
)
def test_another_drink_beside_a_denial_of_alcohol_is_no_drinking(passage: str) -> None:
    assert _conflicts("She does not drink alcohol [1].", passage) == []


def test_the_listed_alcohol_is_drinking_now() -> None:
    # Both mentions ("drinks", "alcohol") read as drinking now: the answer agrees.
    passage = "She drinks water and 30 units of alcohol per week."
    assert _conflicts("She drinks alcohol [1].", passage) == []
