"""A pair of integers joined by a comma and not read as a decimal ("Apgar 8,9", "ribs 4,5",
"GCS 14,15") is a list of two: its second number was dropped (a number right after a comma is
no number of its own), so a right "Apgar scores were 8 and 9" was flagged on its 9 (review58a
finding 8, lead session 58)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def _read(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.unit) for v in extract_values(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apgar 8,9", [("8", None), ("9", None)]),
        ("ribs 4,5 fractured", [("4", None), ("5", None)]),
        ("GCS 14,15 overnight", [("14", None), ("15", None)]),
        ("days 1,2 and 3", [("1", None), ("2", None), ("3", None)]),
    ],
)
def test_both_integers_of_a_pair_are_read(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A decimal comma by its unit or by the text's habit stays one number.
        ("Ramipril 2,5 mg", [("2.5", "mg")]),
        ("Kalium 4,2 mmol/l", [("4.2", "mmol/l")]),
        ("INR 2,8, Warfarin 2,5 mg", [("2.8", None), ("2.5", "mg")]),
        # A pair inside a unit keeps its comma.
        ("eGFR 58 ml/min/1,73m²", [("58", "ml/min/1.73m2")]),
        # Thousands stay one number.
        ("1,250 mL", [("1250", "ml")]),
        ("Plt 139,141", [("139141", None)]),
        # ground59: after a test whose results never reach 100,000, two results.
        ("Na 139,141", [("139", None), ("141", None)]),
    ],
)
def test_decimals_units_and_thousands_read_as_before(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _read(text) == expected


PASSAGE = "Delivery: SVD at 39+2. Apgar 8,9. Birth weight 3450 g."


def _kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


def test_a_right_answer_naming_both_scores_is_not_flagged() -> None:
    assert _kinds("Her Apgar scores were 8 and 9 [1].", PASSAGE) == []
    assert _kinds("Her Apgar scores were 8 and 7 [1].", PASSAGE) != []
