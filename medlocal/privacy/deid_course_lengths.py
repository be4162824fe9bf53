"""A course's length written as days over a week, weeks over a year or months over a year, given
back (round 20, precision): "doxycycline 100 mg BD x 21/7" and "prednisone x 5/7" mean 21 and 5
days, not the 21st of July. Only after a multiplication sign ("x 21/7", "× 6/52"), which no date
has before it; "for 5/7" may be a booking's date and stays one.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_LENGTH = re.compile(r"\d{1,2}/(?:7|52|12)")
_TIMES_BEFORE = re.compile(r"(?:\b[xX]|×)[ \t]*\Z")


def without_course_lengths(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the dates that are a course's length after "x" (see above)."""
    return [
        red
        for red in redactions
        if not (
            red.kind == "date"
            and _LENGTH.fullmatch(red.original)
            and _TIMES_BEFORE.search(text, max(0, red.start - 4), red.start)
        )
    ]
