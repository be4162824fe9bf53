"""The rest of a person's file name: the initial and the date joined to a found name by
underscores (issue 16, session 60, deid60c).

A letter saved as "clarke_b_0612_dka.docx" or "tremblay_l_dec02.txt" names the patient by
surname and initial and dates the letter. The file-name reading (underscores read as spaces)
finds the surname; the initial of one or two letters beside it and a day written with its month
("0612" as day and month, "dec02", "02dec") in the same file name were left in view.

Only a file name (a word with a document's or an image's extension) that holds a found name is
read, and only its parts joined to the rest by "_" or "-": "report_v2.pdf", "form_a.pdf" and
"scan_2026.pdf" hold no found name and stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_FILE = re.compile(
    r"(?<![\w./\\-])[\w.-]+\.(?i:pdf|docx?|txt|rtf|odt|xlsx?|csv|jpe?g|png|tiff?|msg|eml|dcm)"
    r"(?![\w])"
)
_NAME_KINDS = frozenset({"name", "patient_name"})
_PART = re.compile(r"[^\W_]+")
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
# Two letters beside a name that name a kind of document or a service, not a person's
# initials: "tamsin_rowe_gp_letter.txt" is the GP's letter (a redacted export showed
# "[NAME]_[NAME]_letter.txt").
_NOT_INITIALS = frozenset(
    {"gp", "ed", "er", "ae", "op", "pt", "dr", "mr", "ms", "rx", "hx", "dx", "tx", "us", "ct",
     "xr", "ot", "sw", "cv", "to", "of", "in", "on", "at", "re", "fu", "cc", "no", "or", "ward"}
)  # fmt: skip
_DATED = re.compile(rf"(?i:(?:{_MONTHS}){_DAY}|{_DAY}(?:{_MONTHS})|{_DAY}(?:0[1-9]|1[0-2]))")


def file_name_part_spans(text: str, found: Iterable[Redaction]) -> list[Redaction]:
    """Initials and dates joined to a found name inside a file name in ``text``."""
    names = [(r.start, r.end) for r in found if r.kind in _NAME_KINDS]
    if not names or "." not in text:
        return []
    out: list[Redaction] = []
    for file in skipped_finditer(_FILE, text):
        start, end = file.span()
        if not any(start <= a and b <= end for a, b in names):
            continue
        stem_end = text.rfind(".", start, end)
        for part in _PART.finditer(text, start, stem_end):
            a, b = part.span()
            if any(x <= a and b <= y for x, y in names):
                continue
            word = part.group()
            beside_name = any(y + 1 == a or b + 1 == x for x, y in names)
            if (
                beside_name
                and word.isalpha()
                and len(word) <= 2
                and word.lower() not in _NOT_INITIALS
            ):
                out.append(Redaction("name", a, b, word, label("name")))
            elif _DATED.fullmatch(word):
                out.append(Redaction("date", a, b, word, label("date")))
    return out
