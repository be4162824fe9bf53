"""Review 43 D5: rag/habits.py flagged answers that agree with the passage: a Y/N form's "N" or
"N/A" read as smoking affirmed, "10/day until 2015" as smoking now, "0.5 units/week" as no
alcohol, "drinks coffee but no alcohol" as drinking alcohol, "abstinent from alcohol" as drinking
now. Each pair is checked through grounding.ground, as the answer check reads it."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.rag.habits import habit_mentions


def _conflicts(sentence: str, passage: str) -> list[tuple[str, str]]:
    result = ground(sentence, {1: passage})
    return [(f.kind, f.token) for f in result.flags if f.kind.endswith("_conflict")]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She has never smoked [1].", "Social history. Smoking: N. Alcohol: N."),
        ("She has never smoked [1].", "Smoking: N/A"),
        ("She has never smoked [1].", "Smoking: Nil."),
        ("She quit smoking in 2015 [1].", "Smoking: 10/day until 2015."),
        ("She drinks alcohol occasionally [1].", "Alcohol: 0.5 units/week."),
        ("She drinks coffee but no alcohol [1].", "Alcohol: none."),
        ("She drinks two coffees a day and does not drink alcohol [1].", "Alcohol: none."),
        ("She is currently abstinent from alcohol [1].", "Alcohol: ex-drinker."),
        ("Smoking cessation advice was given [1].", "Never smoked."),
        ("He smokes cannabis [1].", "Ex-smoker (tobacco), quit 2015."),
    ],
)
def test_an_answer_that_agrees_with_the_passage_is_no_conflict(sentence: str, passage: str) -> None:
    assert _conflicts(sentence, passage) == []


@pytest.mark.parametrize(
    ("passage", "status"),
    [
        ("Smoking: N.", "not now"),
        ("Smoking: 10/day until 2015.", "past"),
        ("Smoking: 10/day.", "current"),
        ("Alcohol: 0.5 units/week.", "current"),
        ("Alcohol: 0.", "not now"),
    ],
)
def test_a_labels_value_gives_the_status(passage: str, status: str) -> None:
    assert [m.status for m in habit_mentions(passage)] == [status]


def test_not_applicable_gives_no_status() -> None:
    assert habit_mentions("Smoking: N/A") == []


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She has never smoked [1].", "Smoking: 10/day until 2015."),
        ("She does not drink alcohol [1].", "Alcohol: 0.5 units/week."),
        ("She smokes [1].", "Smoking: N."),
    ],
)
def test_a_real_disagreement_is_still_flagged(sentence: str, passage: str) -> None:
    assert _conflicts(sentence, passage)
