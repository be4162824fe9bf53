"""Review 42's values defects: a "T" before a clock time is an ISO date's only ("Free
T4:15.2 pmol/L" was read as the time 04:15), and "of" between a day and a month only after an
ordinal ("Dose 2 of May 2026" was read as 2 May 2026, the count lost)."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return [(v.kind, v.canonical, v.unit) for v in extract_values(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Free T4:15.2 pmol/L", [("number", "15.2", "pmol/l")]),
        ("T4:15 pmol/L", [("number", "15", "pmol/l")]),
        ("T2:14 lesions", [("number", "14", None)]),
    ],
)
def test_a_t_with_no_iso_date_before_it_opens_no_time(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "time"),
    [("2026-11-08T14:30", "14:30"), ("2026-11-08t09:05", "09:05"), ("seen at 14:30", "14:30")],
)
def test_a_time_after_an_iso_dates_t_is_still_read(text: str, time: str) -> None:
    assert ("time", time, None) in _read(text)


def test_a_correct_free_t4_quote_is_not_flagged() -> None:
    result = ground("Her free T4 was 15.2 pmol/L [1].", {1: "TSH:2.1 mU/L Free T4:15.2 pmol/L"})
    assert not [f for f in result.flags if f.kind == "unverified_number"], result.flags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dose 2 of May 2026", [("number", "2", None), ("date", "2026-05", None)]),
        ("cycle 3 of Dec 2025", [("number", "3", None), ("date", "2025-12", None)]),
        ("8th of November 2026", [("date", "2026-11-08", None)]),
        ("8 November 2026", [("date", "2026-11-08", None)]),
    ],
)
def test_of_joins_a_day_to_its_month_only_after_an_ordinal(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected
