"""A date and the hour of its clock time, read as one code after an identifier's label (session
61, prec61; issue 16).

"Sample (2024-03-04 09:15)" reads "sample" as a specimen's label and "2024-03-04 09" as a spaced
code after it; the code took the hour, and the export showed "([ID]:15)". The date is a date
(the date redactor shifts it) and the time is no identifier, so a code that is a whole date and
then the hour of a clock time ("09" before ":15") is no code.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_dates import is_date

# The hour, then the rest of the clock time right after the code ("09" + ":15", "14" + "h30").
_HOUR = re.compile(r"[ \tT]+(?:[01]?\d|2[0-3])\Z")
_MINUTES_AFTER = re.compile(r"[:h.][0-5]\d\b")


def stamped_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole date and the hour of the time that follows it."""
    hour = _HOUR.search(text, start, end)
    if hour is None or not _MINUTES_AFTER.match(text, end):
        return False
    return is_date(text[start : hour.start()])
