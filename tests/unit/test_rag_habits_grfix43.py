"""grfix43 item 2 (walk 42gb): "she smokes" against "She is a non-smoker" was no conflict: the
concept check compares words by key, and "smokes" (key "smoke") never met "non-smoker". A
lifestyle habit (smoking, alcohol, vaping, recreational drugs) is now read as one fact whatever
word names it (rag/habits.py), in both directions, without alarms where the two agree
("stopped smoking in 2010" and "ex-smoker")."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.rag.habits import habit_mentions

GP = (
    "She has also reported ankle swelling. She is a non-smoker and drinks around 6 units of"
    " alcohol a week."
)


def _conflicts(sentence: str, passage: str) -> list[tuple[str, str]]:
    result = ground(sentence, {1: passage})
    return [(f.kind, f.token) for f in result.flags if f.kind.endswith("_conflict")]


@pytest.mark.parametrize(
    ("sentence", "passage", "expected"),
    [
        # The walk's passage, and the forms a model writes.
        ("She smokes [1].", GP, ("negation_conflict", "smokes")),
        ("She smokes 10 cigarettes a day [1].", GP, ("negation_conflict", "smokes")),
        ("She is a smoker [1].", "Social history: never smoked.", ("negation_conflict", "smoker")),
        ("She smokes [1].", "She has never smoked.", ("negation_conflict", "smokes")),
        ("She currently smokes [1].", "Social: ex-smoker.", ("timing_conflict", "smokes")),
        ("She drinks alcohol daily [1].", "She is teetotal.", ("negation_conflict", "drinks")),
        ("She drinks wine most days [1].", "She does not drink.", ("negation_conflict", "drinks")),
        ("He is a heavy drinker [1].", "Alcohol: teetotal.", ("negation_conflict", "drinker")),
        ("She vapes daily [1].", "She has never vaped.", ("negation_conflict", "vapes")),
        ("She is a non-smoker [1].", "She smokes 20 a day.", ("negation_conflict", "non-smoker")),
        (
            "She stopped smoking in 2010 [1].",
            "She smokes 20 cigarettes a day.",
            ("timing_conflict", "smoking"),
        ),
        ("She has never smoked [1].", "Ex-smoker, 20 pack-years.", ("negation_conflict", "smoked")),
        # A social history written as labels.
        ("She smokes [1].", "Smoking: never\nAlcohol: nil", ("negation_conflict", "smokes")),
        ("She is teetotal [1].", "Alcohol: 14 units/week", ("negation_conflict", "teetotal")),
    ],
)
def test_a_habit_given_otherwise_than_the_passage_is_a_conflict(
    sentence: str, passage: str, expected: tuple[str, str]
) -> None:
    found = _conflicts(sentence, passage)
    assert found == [expected], found


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        # Agreeing forms, both ways round.
        ("She stopped smoking in 2010 [1].", "Social: ex-smoker, stopped 2010."),
        ("She is an ex-smoker [1].", "She stopped smoking in 2010."),
        ("She stopped smoking in 2010 [1].", "She is a non-smoker."),
        ("She is a non-smoker [1].", "She is an ex-smoker."),
        ("She is an ex-smoker [1].", "She smoked 20 a day for 30 years and quit in 2015."),
        ("She does not smoke [1].", GP),
        ("She drinks about 6 units of alcohol a week [1].", GP),
        ("She does not smoke and drinks about 6 units a week [1].", GP),
        ("She no longer drinks alcohol [1].", "Former heavy drinker, abstinent since 2019."),
        ("She does not drink alcohol [1].", "Alcohol: teetotal."),
        ("She is an ex-smoker [1].", "Smoking: ex-smoker, 20 pack-years."),
        # A relative's habit, advice, and words that name something else.
        ("Her husband smokes [1].", "She is a non-smoker; her husband smokes."),
        ("She smokes [1].", "She was advised to stop smoking."),
        ("She smokes 10 a day [1].", "She stopped her ramipril and smokes 10 a day."),
        ("She is a non-smoker [1].", "Smoke inhalation injury in 2019."),
        ("She does not smoke [1].", "Passive smoking exposure at home."),
        # A denial of excess or misuse is no denial of drinking; "drink" of fluids is none.
        ("She drinks alcohol socially [1].", "She denies heavy drinking."),
        (
            "She drinks about 6 units of alcohol a week [1].",
            "She denies alcohol misuse; drinks about 6 units a week.",
        ),
        ("She drinks alcohol daily [1].", "Unable to eat or drink for two days."),
        ("She does not drink alcohol [1].", "She drinks plenty of fluids."),
        ("She does not drink alcohol [1].", "Alcohol gel used on the wound."),
    ],
)
def test_no_alarm_where_the_habit_agrees_or_is_not_the_patients(
    sentence: str, passage: str
) -> None:
    assert _conflicts(sentence, passage) == []


def test_the_flag_quotes_the_passage_and_says_what_it_gives() -> None:
    result = ground("She smokes [1].", {1: GP})
    flag = next(f for f in result.flags if f.kind == "negation_conflict")
    assert "the cited passage says the patient does not smoke" in flag.message
    assert flag.quote.startswith("She is a non-smoker") and flag.passage == 1


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("She is a non-smoker.", "not now"),
        ("Lifelong non-smoker.", "never"),
        ("She has never smoked.", "never"),
        ("Ex-smoker.", "past"),
        ("She gave up smoking in 2015.", "past"),
        ("She smokes 20 a day.", "current"),
        ("She smoked for 30 years.", "affirmed"),
        ("She is teetotal.", "not now"),
        ("Smoking: never", "never"),
        ("Alcohol: 6 units/week", "current"),
        ("Alcohol: occasional", "affirmed"),
    ],
)
def test_each_form_reads_as_its_status(text: str, status: str) -> None:
    assert [m.status for m in habit_mentions(text)][:1] == [status]
