"""Walk 45 (D2): a date of 90 or more years ago keeps no year in the export.

Safe Harbor removes "all elements of dates (including year) indicative of" an age over 89. A
date with its day or month that lies that far back ("03/02/1932", "3 February 1932", "March
1932") is almost always a birth date, and its year alone ("1932" in ``--date-mode year``) or
shifted ("04/11/1932") gives the age away. Such a date becomes "[DATE]", as a year of birth
over 89 already does ("born [DATE]", deid_ages). The reference is this year, as for ages: the
years up to this year minus 90. A year alone in clinical text ("since 1932") is no date span and
stays.

Review 45b (D9): a two-digit year is ambiguous ("Review on 01/03/27" is more likely 2027 than
1927), so it counts only where the export would write it out as an old four-digit year (the
year mode's "1927"); shifted, it stays two digits ("02/12/27") and keeps the ambiguity.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from medlocal.privacy.deid_dates import years_written
from medlocal.privacy.deid_spans import Redaction, label


def last_year_of_age_over_89(today: date | None = None) -> int:
    """The last year whose dates show an age over 89 this year (whoever was born in it is 90
    or turns 90 this year)."""
    return (today or date.today()).year - 90


def old_dates_removed(
    redactions: Iterable[Redaction], today: date | None = None
) -> list[Redaction]:
    """``redactions`` with each date of 90 or more years ago written "[DATE]" (module
    docstring); the other redactions as they were."""
    last = last_year_of_age_over_89(today)
    return [
        Redaction(red.kind, red.start, red.end, red.original, label("date"))
        if red.kind == "date"
        and red.replacement != label("date")
        and any(
            year <= last for year in years_written(red.original) + years_written(red.replacement)
        )
        else red
        for red in redactions
    ]
