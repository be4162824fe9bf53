"""Messy answers a model gives in generate mode, read as the option it chose (or invalid)."""

from __future__ import annotations

import pytest

from medlocal.eval.parsing import parse_answer, parse_answer_text, strip_thinking

OPTIONS = [("A", "Metformin"), ("B", "Insulin"), ("C", "Aspirin"), ("D", "Warfarin")]
YNM = [("yes", "yes"), ("no", "no"), ("maybe", "maybe")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The answer is (C).", "C"),
        ("C) Aspirin, because it inhibits platelets.", "C"),
        ("**C**", "C"),
        ("c", "C"),
        ("c) aspirin", "C"),
        ("Answer: C", "C"),
        ("answer: (d)", "D"),
        ("The correct option is B.", "B"),
        ("(B)", "B"),
        ("  B.  ", "B"),
        ("**Answer:** D - warfarin", "D"),
        ("<think>A or B? Platelets... so C.</think>\nThe answer is C.", "C"),
        ("<think>\nLet me think. A? No.\n</think>\n\nD", "D"),
        ("reasoning hidden by the template</think>B", "B"),
        ("Aspirin", "C"),  # the option's own text, quoted alone
        ("I would give insulin.", "B"),
    ],
)
def test_letters(text: str, expected: str) -> None:
    assert parse_answer_text(text, OPTIONS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "I am not sure.",
        "The answer is E.",  # out of range for A-D
        "A patient like this needs careful thought.",  # the article, not an answer
        "I think the answer is a drug.",
        "Either metformin or insulin.",  # two option texts: ambiguous
        "<think>Probably C, but the thinking was cut off before an answer",
    ],
)
def test_invalid_answers_are_not_guessed(text: str) -> None:
    assert parse_answer_text(text, OPTIONS) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Answer: maybe", "maybe"),
        ("Yes.", "yes"),
        ("no, the trial showed no benefit", "no"),
        ("The answer is yes", "yes"),
        ("**Maybe**", "maybe"),
        ("<think>yes? no?</think>Maybe.", "maybe"),
        ("Final decision: NO", "no"),
        ("Based on the context, the evidence suggests maybe.", "maybe"),
        ("yes or no, hard to say", None),
        ("It depends.", None),
    ],
)
def test_yes_no_maybe(text: str, expected: str | None) -> None:
    assert parse_answer(text, ["yes", "no", "maybe"]) == expected
    assert parse_answer_text(text, YNM) == expected


def test_thinking_is_stripped_and_reported() -> None:
    assert strip_thinking("<think>x</think> B") == ("B", True)
    assert strip_thinking("<thinking>cut off") == ("", True)
    assert strip_thinking("plain B") == ("plain B", False)


VITAMINS = [("A", "Vitamin A"), ("B", "Vitamin B12"), ("C", "Vitamin C"), ("D", "Vitamin D")]


@pytest.mark.parametrize(
    "text",
    [
        # The option list echoed back (seen from a small model in a walkthrough): not "A".
        "A. Vitamin A\nB. Vitamin B12\nC. Vitamin C\nD. Vitamin D",
        "A. Vitamin A\nB. Vitamin B12",
        "A. Vitamin A B. Vitamin B12 C. Vitamin C D. Vitamin D",  # on one line
        "(A) Vitamin A\n(B) Vitamin B12\n(C) Vitamin C",
        "**A.** Vitamin A\n**B.** Vitamin B12",
        "Option A: Vitamin A\nOption B: Vitamin B12",
        "A) Vitamin A or B) Vitamin B12",  # two options named, none chosen
    ],
)
def test_an_echoed_option_list_is_invalid(text: str) -> None:
    assert parse_answer_text(text, VITAMINS) is None
    assert parse_answer(text, ["A", "B", "C", "D"]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A. Vitamin A", "A"),
        ("The answer is B", "B"),
        ("B. Vitamin B12, because the patient is vegan.", "B"),
        ("The answer is C. B is wrong here.", "C"),
        # The list first, then a stated answer: the statement chooses.
        ("A. Vitamin A\nB. Vitamin B12\nC. Vitamin C\nD. Vitamin D\n\nThe answer is C.", "C"),
        ("A. Vitamin A\nB. Vitamin B12\nAnswer: D", "D"),
    ],
)
def test_a_genuine_answer_beside_option_labels_still_reads(text: str, expected: str) -> None:
    assert parse_answer_text(text, VITAMINS) == expected
