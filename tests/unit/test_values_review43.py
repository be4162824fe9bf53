"""Review 43 D8: "N of Month YYYY" kept its day only after a word on the closed list of words
that lead to a date; after a label ("Date of surgery:", "Appointment:", "Next review",
"Admission") the day was lost and the date read as the month only."""

from __future__ import annotations

import pytest

from medlocal import values


def _dates(text: str) -> list[str]:
    return [v.canonical for v in values.extract_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date of surgery: 8 of November 2026.", ["2026-11-08"]),
        ("Appointment: 8 of November 2026.", ["2026-11-08"]),
        ("Next review 8 of May 2026.", ["2026-05-08"]),
        ("Admission 12 of March 2026, discharged 14 of March 2026.", ["2026-03-12", "2026-03-14"]),
        ("Operation – 3 of June 2026.", ["2026-06-03"]),
    ],
)
def test_a_labelled_day_of_a_month_keeps_its_day(text: str, expected: list[str]) -> None:
    assert _dates(text) == expected


@pytest.mark.parametrize(
    "text", ["Dose 2 of May 2026 given.", "Cycle 3 of Dec 2025 delayed.", "Day 8 of May 2026"]
)
def test_a_count_before_of_is_still_no_day(text: str) -> None:
    assert all(len(d) == len("2026-05") for d in _dates(text))
