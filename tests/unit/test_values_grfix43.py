"""grfix43 item 5: "8 of November 2026", a day and "of" with no ordinal, is the 8th of November
(it was read as "November 2026", the day lost), while a number that a noun counts before "of"
("Dose 2 of May 2026", "Fraction 5 of June 2026") stays a count (review 42)."""

from __future__ import annotations

import pytest

from medlocal.values import extract_dates, extract_values


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Seen in clinic on 8 of November 2026.", "2026-11-08"),
        ("8 of November 2026: reviewed", "2026-11-08"),
        ("the 8 of Nov 2026", "2026-11-08"),
        ("seen 8 of November 2026", "2026-11-08"),
        ("admitted 3 of March 2025", "2025-03-03"),
        ("Date: 21 of June 2026", "2026-06-21"),
    ],
)
def test_a_day_and_of_without_an_ordinal_is_the_day(text: str, day: str) -> None:
    assert [v.canonical for v in extract_dates(text)] == [day]


@pytest.mark.parametrize(
    ("text", "count", "month"),
    [
        ("Dose 2 of May 2026", "2", "2026-05"),
        ("Cycle 3 of December 2025", "3", "2025-12"),
        ("Fraction 5 of June 2026 given", "5", "2026-06"),
        ("infusion 4 of Jan 2026", "4", "2026-01"),
    ],
)
def test_a_counted_number_before_of_stays_a_count(text: str, count: str, month: str) -> None:
    found = [(v.kind, v.canonical) for v in extract_values(text)]
    assert found == [("number", count), ("date", month)]
