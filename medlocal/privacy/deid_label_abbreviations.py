"""A code written after its label's own abbreviation (session 56, deid56b; issue 16).

Clerks and systems print a reference with a short lower-case prefix that abbreviates the label
written before it: "Lab order ord 7731904", "Auftrag auf 330918", "episodio ep 26-118092",
"Polisnummer pol 7720-4419-01", "Theatre booking thb 00917", "Datix dx 118204", "Richiesta n. rq
2026-77104". The code rules take the digits (or nothing, where no cue of theirs stands before
them) and leave the prefix, which is part of the printed number.

Read: one to four lower-case letters (perhaps a dot) that abbreviate the one to three words
before them - the same first letter, the rest in order among those words' letters (a prefix
"ord" of "order", initials "pb" of "Property bag", a skeleton "dx" of "Datix") - then a number
of four digits at least, perhaps in groups joined by "-" or "/" ("26/11/0447"). Prefix and
number are one code; the label stays in view.

What keeps a clinical number out: the prefix must be no unit, no clinical abbreviation and no
clinical or English word of three letters or more ("Haemoglobin hb 120" has three digits; "Weight
wt 8800 g" a unit after it), the number stands whole (no decimal, no unit or count after it),
and the label words must be letters, so a value's name written twice ("sodium na 135") has too
few digits. A place's word before its own abbreviation ("Room rm 1204", "Lab lab 4411") names a
room, no record (session 57); with a number's marker between ("Lab no. lab 4411") it is a code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import clinical_abbreviation, fold, lexicon
from medlocal.privacy.deid_spans import Redaction, label

# The prefix and the number: four digits at least in all, groups joined by a dash or a slash.
_CODE = re.compile(
    r"(?<![\w.,/-])(?P<p>[a-zà-ÿ]{1,4})(?P<dot>\.)?[ \t]{1,2}"
    r"(?P<n>(?=(?:[-/]?\d){4})\d+(?:[-/]\d+){0,3})(?![\w/]|[.,]\d|-\w)"
)
# The words before the prefix (up to three), perhaps with a number marker ("n.", "no.", "nr")
# and a colon between: "Richiesta n. rq", "Request id req", "Färdtjänst-tillstånd ft".
_LABEL_BEFORE = re.compile(
    r"(?P<w>(?:[^\W\d_]+[ \t-]){0,2}[^\W\d_]+)"
    r"(?:[ \t]+(?i:n|no|nr|nº|n°|id|ref|number|nummer|numero|número))?\.?[ \t]*[:#]?[ \t]*\Z"
)
_COUNT_AFTER = re.compile(COUNT_AFTER)
_UNIT_AFTER = re.compile(
    r"[ \t]*(?:%|(?i:mg|mcg|ug|g|kg|ml|l|dl|mmol|umol|iu|units?|mm|cm|m|km|s|ms|min|h|hrs?|"
    r"x|cells|copies)\b)"
)
# A date in digits ("le 07/03/2025", "by 2026-12"): the word before it is no code's prefix.
_DATE = re.compile(
    r"(?:19|20)\d\d[-/]\d{1,2}(?:[-/]\d{1,2})?|\d{1,2}[-/]\d{1,2}(?:[-/](?:\d\d|(?:19|20)\d\d))?"
)
# A number's own marker is the labelled rules' ("no. 4471", "nr 20417").
_MARKERS = frozenset({"n", "no", "nos", "nr", "nro", "num", "nº", "n°"})
# A place in the building named before its own abbreviation ("Room rm 1204", "Lab lab 4411",
# "Bay by 12"): the number is the room's, no record's code (session 57, deid57c; note56's
# damage). A record's word in the label ("Lab order ord 7731904") still opens a code.
_PLACES = frozenset(
    {"room", "rm", "lab", "labs", "laboratory", "bed", "bay", "ward", "theatre", "theater",
     "suite", "office", "floor", "level", "ext", "extension", "cubicle", "desk", "locker",
     "unit", "wing", "block", "building", "bldg", "clinic", "station", "kamer", "chambre",
     "zimmer", "sala", "stanza", "habitación", "quarto", "sal", "pokój"}
)  # fmt: skip
_UNITS = frozenset(
    {"mg", "mcg", "ug", "g", "kg", "ml", "l", "dl", "mmol", "iu", "u", "mm", "cm", "m", "km",
     "h", "hr", "min", "s", "mo", "wk", "yr", "bd", "od", "tds", "qds", "prn", "x"}
)  # fmt: skip


def _SPELT_OUT(prefix: str) -> re.Pattern[str]:
    """The label spelt out before its abbreviation, perhaps with a number's marker after."""
    return re.compile(
        rf"\b{re.escape(prefix)}[^\W\d_]*(?:[ \t]+(?:n|no|nr|id|ref|number)\.?)?[ \t:#.]*\Z"
    )


def _abbreviates(prefix: str, words: str) -> bool:
    """Whether ``prefix`` abbreviates ``words``: the first letter of the first or of a later
    word, and the rest in order among the letters from there."""
    prefix = fold(prefix)
    starts = [0] + [m.start() for m in re.finditer(r"(?<=[ \t-])\S", words)]
    folded_words = fold(words)
    for start in starts:
        if not folded_words[start:].startswith(prefix[0]):
            continue
        rest = iter(re.sub(r"[ \t-]", "", folded_words[start + 1 :]))
        if all(ch in rest for ch in prefix[1:]):
            return True
    return False


def label_abbreviation_candidates(text: str) -> Iterator[Redaction]:
    """A code printed after a lower-case abbreviation of its label (see the module docstring)."""
    lex = lexicon()
    for match in skipped_finditer(_CODE, text):
        prefix = match.group("p")
        if prefix in _UNITS or prefix in _MARKERS:
            continue
        number = match.group("n")
        if clinical_abbreviation(prefix) and not (
            number.startswith("0") or "-" in number or "/" in number or len(number) >= 7
        ):
            # "plt 250000" is a count: a clinical abbreviation opens a code only where the
            # number is written as no value is (a leading zero, groups, seven digits).
            continue
        if _DATE.fullmatch(number):
            continue
        if (
            len(prefix) <= 2
            and lex.known(prefix)
            and (len(re.sub(r"\D", "", number)) < 6 or not re.search(r"[-/]", number))
        ):
            # "at 0300", "by 2026-12-03": a short word before a time or a date is a word; it
            # opens a code only before a number in groups no date or time is written as.
            continue
        if len(prefix) >= 3 and prefix not in lex.products and lex.known(prefix):
            # A word of three letters or more that a list knows ("the", "was", "dose") is a
            # word, not an abbreviation - unless the label opens with it ("Request id req").
            before = fold(text[max(0, match.start() - 40) : match.start()])
            if not _SPELT_OUT(prefix).search(before):
                continue
        if _COUNT_AFTER.match(text, match.end()) or _UNIT_AFTER.match(text, match.end()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        words = _LABEL_BEFORE.search(text, max(line_start, match.start() - 60), match.start())
        if words is None:
            continue
        label_words = words.group("w").split()
        marked = bool(words.group(0)[len(words.group("w")) :].strip(" \t:#."))
        if len(label_words) > 1 and fold(label_words[-1]) in _MARKERS | {"id", "ref"}:
            label_words = label_words[:-1]
            marked = True
        if not _abbreviates(prefix, " ".join(label_words)):
            continue
        if (
            not marked
            and fold(label_words[-1]) in _PLACES
            and _abbreviates(prefix, label_words[-1])
        ):
            continue  # "Room rm 1204": a place's own abbreviation; "Lab no. lab 4411" a code
        yield Redaction("id_number", match.start(), match.end(), match.group(), label("id_number"))
