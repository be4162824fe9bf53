"""deid_strptime: the kept format expressions refuse only what strptime itself refuses."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from medlocal.privacy.deid_strptime import strptime_dates

_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y",
    "%d/%b/%Y", "%d/%B/%Y", "%d %b %Y", "%d %B %y", "%Y-%b-%d", "%B %d %Y", "%d of %B %Y",
    "%d%b%Y", "%B %Y", "%b-%y", "%m/%Y", "%m.%Y",
)  # fmt: skip
_VALUES = (
    "2026-10-05", "2026/13/05", "2026.02.30", "4/2/1961", "31/12/99", "12/31/99", "1/1/0",
    "05/Oct/2026", "05/october/2026", "5 Sept 2026", "5 sep 2026", "29 February 2023",
    "29 February 2024", "2026-Oct-05", "October 5 2026", "5 of MARCH 2026", "5mar2026",
    "March 2026", "mar-26", "10/2026", "10.2026", "", "2026-10-05x", " 2026-10-05", "10/2026/1",
    "32/01/2026", "00/01/2026", "1/1/10000", "Tuesday", "5 Mai 2026",
)  # fmt: skip


def _reference(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value, fmt).date()
    except ValueError:
        return None


def test_every_value_reads_as_strptime_reads_it() -> None:
    for value, fmt in itertools.product(_VALUES, _FORMATS):
        assert strptime_dates(value, [fmt]) == [_reference(value, fmt)], (value, fmt)


def test_readings_come_in_format_order() -> None:
    assert strptime_dates("4/2/1961", ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d")) == [
        date(1961, 4, 2),
        date(1961, 2, 4),
        None,
    ]


def test_a_bad_directive_reads_as_nothing_as_before() -> None:
    # date_readings skipped a format strptime refused with ValueError, a bad one included.
    assert _reference("2026", "%Q") is None
    assert strptime_dates("2026", ["%Q", "%Y"]) == [None, date(2026, 1, 1)]


def test_a_changed_locale_sends_every_value_to_strptime(monkeypatch: pytest.MonkeyPatch) -> None:
    # strptime rebuilds its expressions when the locale changes; the kept ones are not used.
    from medlocal.privacy import deid_strptime

    monkeypatch.setattr(deid_strptime._strptime, "_getlang", lambda: ("xx_XX", "UTF-8"))
    assert deid_strptime._current_time_re() is None
    for value, fmt in itertools.product(_VALUES, _FORMATS):
        assert strptime_dates(value, [fmt]) == [_reference(value, fmt)], (value, fmt)
