"""The initials of a person the note names, where they stand for that person (round 14).

Staff sign a note by the initials of a name written out elsewhere in the same note ("Lydia
Marsh, health visitor ... review in 2 weeks, LM", "Midwife Orla Dunphy ... OD / KB"). Two or
three capitals that are the first letters of a found name's words are that person's where they
stand where only a signature does: on a line of initials alone ("OD / AK"), or at a line's end
after a comma or a slash where they are no known word. Elsewhere the same capitals abbreviate a
test or a side as often ("BP", "OD").

The found names are read once and the note is scanned once for short runs of capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction

_PERSON_KINDS = frozenset({"name", "patient_name"})
# A name's words: capitalised, perhaps hyphenated or with an apostrophe.
_NAME_WORD = re.compile(r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?")
# Two or three capitals standing alone (not inside a code, a word or an abbreviation with dots).
_CAPITALS = re.compile(r"(?<![\w/.&'’-])[A-Z]{2,3}(?![\w'’-]|\.\w)")
# A line of initials alone, joined by slashes, commas or "and" ("OD / AK", "KB, MT").
_INITIALS_LINE = re.compile(r"[ \t]*[A-Z]{2,3}(?:[ \t]*(?:/|,|&|and)[ \t]*[A-Z]{2,3})+[ \t]*\.?")
# After a comma or a slash, the initials end their line ("Lydia Marsh SCPHN, LM").
_LINE_END_AFTER = re.compile(r"[ \t]*\.?[ \t]*(?:\n|\Z)")


def name_initials_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Redactions of the initials of the people named in ``spans`` where they stand alone."""
    initials: set[str] = set()
    for red in spans:
        if red.kind not in _PERSON_KINDS:
            continue
        words = _NAME_WORD.findall(red.original)
        if 2 <= len(words) <= 3:
            initials.add("".join(w[0] for w in words))
            if len(words) == 3:
                initials.add(words[0][0] + words[2][0])
    if not initials:
        return
    for match in _CAPITALS.finditer(text):
        word = match.group()
        if word not in initials:
            continue
        if _signature(text, match.start(), match.end(), lex.known(word.lower())):
            yield Redaction("name", match.start(), match.end(), word, "[NAME]")


def _signature(text: str, start: int, end: int, known: bool) -> bool:
    """Whether initials at ``start:end`` stand where a signature does: on a line of two initials
    or more alone ("OD / AK"), or, where they are no known word, ending the line after a comma
    or a slash ("Lydia Marsh SCPHN, LM"). One capital pair alone on its line is as often a
    heading ("OD" over an eye's findings)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _INITIALS_LINE.fullmatch(text, line_start, line_end):
        return True
    if known:
        return False
    k = start - 1
    while k >= line_start and text[k] in " \t":
        k -= 1
    return k >= line_start and text[k] in ",/" and _LINE_END_AFTER.match(text, end) is not None
