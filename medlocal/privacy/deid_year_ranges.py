"""A range of two years ("2021-2024") taken for a code of digits: no identifier (walk 38).

The code rules read four digits, a dash and four digits as a number ("gp_record_2021-2024.pdf"
became "gp_record_[ID].pdf" in an export's references). A year is no Safe Harbor identifier,
and neither is a span of years: "2021–2024" with an en dash and "from 2021 to 2024" were
already kept. Two years count as a range where both lie from 1900 to 2099 and the second is
later, by 60 years at most; a range after a number's label ("Ref 2019-2021", "No. 1998-2004")
is that label's number and stays removed.

fixdeid35 (review 35b): any labelled identifier shaped like two years ("Tel: 2019-2045",
"MRN: 2019-2045", "SSN 1944-1990", "DOB 1931-1935", "ID number (2019-2045)") was kept. Only a
bare code ("id_number", never a phone, MRN, SSN, health plan or account number) is kept, and only
inside a file name ("gp_record_2021-2024.pdf", "notes 1998-2004.docx") or just after a prose
cue ("from", "between", "reviews", "in", "during"); anything else stays removed.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)-((?:19|20)\d\d)")
# A number's label just before the range: the range is then that number.
_LABEL_BEFORE = re.compile(
    r"(?i:\b(?:no|nr|num|number|ref|reference|id|code|acct|account|policy|member)\.?|#)"
    r"[ \t]*[:.]?[ \t]*\Z"
)
# A file name's end after the range: "_2021-2024.pdf", "1998-2004.docx", "2021-2024_v2.pdf".
_FILE_END = re.compile(r"(?:_[A-Za-z0-9_-]*)?\.[A-Za-z][A-Za-z0-9]{1,4}\b")
# A file name's part just before the range: "gp_record_".
_FILE_BEFORE = re.compile(r"[A-Za-z0-9]_\Z")
# A prose cue just before the range: "from 2021-2024", "Annual reviews 2021-2024".
_PROSE_BEFORE = re.compile(r"(?i:\b(?:from|between|reviews|in|during))[ \t]+\Z")


def is_year_range(text: str, red: Redaction) -> bool:
    """Whether ``red`` is only a range of two years, with no number's label before it."""
    if red.kind != "id_number":
        return False
    found = _YEAR_RANGE.fullmatch(red.original)
    if found is None:
        return False
    first, last = int(found.group(1)), int(found.group(2))
    if not 0 < last - first <= 60:
        return False
    # Not inside a longer run of digits or dashes ("12021-2024", "2021-2024-77").
    beside = text[red.start - 1 : red.start] if red.start else ""
    beside += text[red.end : red.end + 1]
    if any(c.isdigit() or c == "-" for c in beside):
        return False
    if _LABEL_BEFORE.search(text, max(0, red.start - 16), red.start) is not None:
        return False
    before = text[max(0, red.start - 24) : red.start]
    in_file_name = _FILE_END.match(text, red.end) is not None or (
        _FILE_BEFORE.search(before) is not None
    )
    return in_file_name or _PROSE_BEFORE.search(before) is not None


def without_year_ranges(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the ranges of two years read as codes."""
    return [red for red in redactions if not is_year_range(text, red)]
