"""A reference number broken at a hyphen and a line end, read as written on one line (session 49).

A letter or a report wraps a long code where it has a hyphen: "previous core biopsy H25-" /
"41772", "under ref WX26-" / "0044172". The code rules read one line at a time, so the first
half (a short code ending in a dash) is taken for nothing and the second for a number alone, or
neither is read. Here the two halves are joined, the joined line is read by the same fixed-form
patterns, and a code they find across the joint is placed back on the text as written (the line
break inside it is kept by the redaction's replacement). A word hyphenated at a line's end
("left-" / "sided") reads as no code when joined, so it stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_patterns import pattern_candidates
from medlocal.privacy.deid_spans import Redaction

# The first half: a token of capitals and digits (a digit in it) ending in a dash at the line's
# end; the second: a token that opens the next line with a digit or a capital.
_BROKEN = re.compile(
    r"(?<![\w-])(?=[A-Z0-9/.-]{0,15}\d)(?P<a>[A-Z0-9][A-Za-z0-9/.-]{0,15})-[ \t]*\n"
    r"[ \t]*(?P<b>[A-Z0-9][A-Za-z0-9/.-]{0,20})"
)
# What a joined code may be: the kinds of numbers the fixed-form patterns read.
_CODE_KINDS = frozenset(
    {
        "mrn", "ssn", "id_number", "health_plan_id", "account_number", "licence_number",
        "vehicle_id", "device_id",
    }
)  # fmt: skip


def wrapped_code_spans(text: str) -> Iterator[Redaction]:
    """The codes of ``text`` broken at a hyphen and a line end (see the module's docstring)."""
    if "-\n" not in text and "- \n" not in text and "-\t\n" not in text:
        return  # speed: no line ends in a dash
    for match in skipped_finditer(_BROKEN, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        next_end = text.find("\n", match.start("b"))
        next_end = len(text) if next_end < 0 else next_end
        head = text[line_start : match.end("a") + 1]  # the first line up to its dash
        joint = len(head)
        joined = head + text[match.start("b") : next_end]
        shift = match.start("b") - joint  # from the joined line's second half to the text's
        first = match.start("a") - line_start
        for red in pattern_candidates(joined):
            if red.kind not in _CODE_KINDS or not (red.start <= first and red.end > joint):
                continue
            start, end = line_start + red.start, shift + red.end
            yield Redaction(red.kind, start, end, text[start:end], red.replacement)
