"""A letterhead's name before a bar and its street address (round 21): "Harbour Point  |  14
Quay Street, Lyttelton". A line that opens with a few capitalised words, then a bar, then a
house number and a street, names who wrote the note, whatever its words are ("Northern
Peninsula" is two English words and a hospital's name there). A line of a document's kind
("Discharge Summary | 1 ..." does not happen; "Emergency Department | 4 ...") is left.

Found from the bar, read back to the line's start, so the cost stays small and linear.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_tokens import WordSpan

# A bar between fields, then a house number and a capitalised street name. Opened only after a
# character that is no blank (review 62d): read from each tab of a long run, it was quadratic.
_BAR_STREET = re.compile(
    r"(?<![ \t])[ \t]*[|│¦][ \t]*\d{1,5}[A-Za-z]?(?:[-/]\d{1,5})?,?[ \t]+[A-Z]"
)
# The line's capitalised words before the bar (one to four, "&", "of" and "the" between).
_LINE_NAME = re.compile(
    r"(?m:^)[ \t]*(?P<n>[A-Z][\w'’.-]*(?:[ \t]+(?:&|of|the|[A-Z][\w'’.-]*)){0,3})\Z"
)
# Words of a document's or a department's kind, not a name.
_KIND_WORDS = frozenset(
    {
        "summary", "letter", "report", "note", "notes", "record", "form", "referral", "discharge",
        "consultation", "department", "service", "services", "unit", "ward", "division",
        "clinic", "office", "administration", "reception", "patient", "page",
    }
)  # fmt: skip


def bar_letterheads(text: str, lex: Lexicon) -> list[WordSpan]:
    """The capitalised words opening a line before a bar and a street address."""
    found: list[WordSpan] = []
    if "|" not in text and "│" not in text and "¦" not in text:
        return found
    for bar in skipped_finditer(_BAR_STREET, text):
        line_start = text.rfind("\n", 0, bar.start()) + 1
        if bar.start() - line_start > 80:
            continue
        name = _LINE_NAME.search(text, line_start, bar.start())
        if name is None:
            continue
        words = [fold(w) for w in name.group("n").split() if w not in ("&", "of", "the")]
        if any(w in TITLES or w in CALENDAR_WORDS for w in words):
            continue
        if all(
            w in GENERIC or w in WARD_KINDS or w in _KIND_WORDS or lex.clinical(w) for w in words
        ):
            continue  # "Emergency Department | 4 ...": a department, not whose
        found.append(WordSpan("facility", name.start("n"), name.end("n")))
    return found
