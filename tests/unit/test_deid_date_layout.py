"""A shifted date keeps the layout it was written in (walk 20: "3 March 2025" came out as
"July 18, 2024", "03/04/2025" as an ISO date)."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_date_layout import respelled
from medlocal.privacy.redact import PatientIdentity, Redactor

BEFORE, AFTER = date(2025, 3, 4), date(2024, 11, 21)


@pytest.mark.parametrize(
    ("raw", "day_first", "written"),
    [
        ("4 March 2025", True, "21 November 2024"),
        ("March 4, 2025", False, "November 21, 2024"),
        ("04/03/2025", True, "21/11/2024"),
        ("03/04/2025", False, "11/21/2024"),
        ("4/3/25", True, "21/11/24"),
        ("2025-03-04", True, "2024-11-21"),
        ("2025.03.04", False, "2024.11.21"),
        ("04.03.2025", True, "21.11.2024"),
        ("04MAR2025", True, "21NOV2024"),
        ("4-Mar-2025", True, "21-Nov-2024"),
        ("MAR 4, 2025", False, "NOV 21, 2024"),
        ("the 4th of March 2025", True, "the 21st of November 2024"),
        ("Tue 4 Mar 2025", True, "Thu 21 Nov 2024"),
        ("Tuesday, March 4th, 2025", False, "Thursday, November 21st, 2024"),
    ],
)
def test_a_shifted_date_is_written_as_the_original_was(
    raw: str, day_first: bool, written: str
) -> None:
    assert respelled(raw, BEFORE, AFTER, day_first) == written


def test_a_day_and_month_alike_follow_the_records_order() -> None:
    same = date(2025, 3, 3)
    later = date(2025, 3, 25)
    assert respelled("03/03/2025", same, later, day_first=True) == "25/03/2025"
    assert respelled("03/03/2025", same, later, day_first=False) == "03/25/2025"


def test_padding_follows_the_original() -> None:
    # Both parts two wide: padded; a part one wide: none padded.
    assert respelled("12/11/2025", date(2025, 11, 12), date(2026, 1, 3), True) == "03/01/2026"
    assert respelled("12/1/2025", date(2025, 1, 12), date(2025, 3, 3), True) == "3/3/2025"
    assert respelled("3 May 2025", date(2025, 5, 3), date(2025, 6, 1), True) == "1 June 2025"
    assert respelled("Sept 2025", date(2025, 9, 1), date(2025, 10, 1), True) == "Oct 2025"


def test_a_date_without_its_year_stays_without() -> None:
    assert respelled("3/20", date(2020, 3, 20), date(2020, 7, 4), False, dated=False) == "7/4"
    assert respelled("Tues 14th Oct", date(2025, 10, 14), date(2025, 12, 2), True, False) == (
        "Tue 2nd Dec"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "4 Marchh 2025",  # a word that is no month
        "5 March 2025",  # its day is not the original's
        "4 April 2025",  # nor its month
        "04/03/2026",  # nor its year
    ],
)
def test_what_does_not_read_as_the_original_is_refused(raw: str) -> None:
    assert respelled(raw, BEFORE, AFTER, True) is None


def test_the_redactor_writes_each_shifted_date_in_its_own_layout() -> None:
    redactor = Redactor(PatientIdentity("Jane Doe", "1", date(1950, 1, 1)), shift_days=-30)
    # "centre": a British text, so 04/03/2025 is 4 March.
    text = "Seen Tue 4 Mar 2025 at the centre; bloods 04/03/2025; MRI 2025-03-04; review 14 March."
    assert redactor.redact(text) == (
        "Seen Sun 2 Feb 2025 at the centre; bloods 02/02/2025; MRI 2025-02-02; review 12 February."
    )
