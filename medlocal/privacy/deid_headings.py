"""The letterhead line: who wrote a document, read whole from its first line (ninth round).

A record's first line is mostly its letterhead: "PHILIPPINE GENERAL HOSPITAL - CHILD PROTECTION
UNIT", "HOSPITAL COMARCAL DE LA MARINA ALTA - Servicio de Urgencias", "VIMHANS, Nehru Nagar, New
Delhi - OPD Follow-up". Its parts are cut at dashes, bars, slashes and commas. A part that holds
a word the rules found, or a word that is no English or clinical word, is taken whole, so that an
organisation's generic words go with its distinctive ones ("UNIVERSITY MEDICAL CENTER OF EL PASO",
not "... OF EL ..."). A part of plain or clinical words stays ("EMERGENCY DEPT PHYSICIAN NOTE",
"CHILD PROTECTION UNIT", "Pacemaker clinic"); so does a line of labelled fields ("Patient: ...",
which the field readers take), and a line that reads as prose (a sentence's full stop).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, SOFT_CUES, TITLES
from medlocal.privacy.deid_tokens import Tok, WordSpan

_FIRST_LINE = re.compile(r"[ \t]*(\S[^\n]*)")
# Where a letterhead's parts meet: a spaced dash, bar or slash, a comma, or a bracket.
_PART = re.compile(r"[ \t]+[-–—|/][ \t]+|,[ \t]*|[ \t]*[()][ \t]*")
_FIELD = re.compile(r"\w:[ \t]")  # "Patient: Jane", not "09:30"
_SENTENCE = re.compile(r"[a-z]{2}\.(?:[ \t]|$)|[;=]")  # prose, or a list of results
_DATE_LIKE = re.compile(r"\d[-/.]\d")
_MAX_PART_WORDS = 9
_PERSON_CUES = TITLES | SOFT_CUES | RELATIONS
_MAX_WORDS = 20  # a longer first line is prose, not a letterhead
_MIN_UNKNOWN = 4  # a shorter unknown word in capitals is mostly an acronym ("SBAR", "ED")


def letterhead_parts(
    text: str, tokens: list[Tok], found: list[WordSpan], lex: Lexicon
) -> list[WordSpan]:
    """The parts of the first line of ``text`` that name an organisation or a place, each as one
    span (see the module docstring). ``found``: what the other readers took."""
    first = _FIRST_LINE.match(text)
    if first is None:
        return []
    line_start, line_end = first.start(1), first.end(1)
    line = first.group(1)
    if _FIELD.search(line) or _SENTENCE.search(line):
        return []
    words = [t for t in tokens if line_start <= t.start < line_end]
    if not words or len(words) > _MAX_WORDS:
        return []
    covered = bytearray(line_end - line_start)
    for span in found:
        a, b = max(span.start, line_start), min(span.end, line_end)
        if a < b:
            covered[a - line_start : b - line_start] = b"\x01" * (b - a)
    spans: list[WordSpan] = []
    cuts = [line_start, *(m.start() + line_start for m in _PART.finditer(line)), line_end]
    ends = [line_start, *(m.end() + line_start for m in _PART.finditer(line)), line_end]
    for start, end in zip(ends[:-1], cuts[1:], strict=True):
        part = [t for t in words if start <= t.start and t.end <= end]
        if not _name_shaped(part, text[start:end]):
            continue
        if any(_distinctive(t, covered, line_start, lex) for t in part):
            spans.append(WordSpan("facility", part[0].start, part[-1].end))
    return spans


def _name_shaped(part: list[Tok], text: str) -> bool:
    """Whether a part reads as a name: a few words, each capitalised or a short joining word
    ("of", "de", "am"), and no date ("NOTE 2026-10-05 Dr ..." is a note's heading)."""
    if not part or len(part) > _MAX_PART_WORDS or _DATE_LIKE.search(text):
        return False
    if any(t.bare in _PERSON_CUES for t in part):
        return False  # a person ("Dear Dr. Farrow", "Mrs J Wilde"): the name rules read it
    if (
        text.lstrip()[:1].isdigit()
        or not part[0].word.isalpha()
        or any(t.lower in CALENDAR_WORDS for t in part)
    ):
        return False  # an address ("2F Unit 204 ..."), a date ("Termin am 8. September")
    return all(t.word[:1].isupper() or len(t.word) <= 3 or not t.word.isalpha() for t in part)


def _distinctive(tok: Tok, covered: bytearray, line_start: int, lex: Lexicon) -> bool:
    """A word the rules found, or one no word list knows (an acronym of a few capitals aside)."""
    if covered[tok.start - line_start]:
        return True
    if tok.shape in ("lower", "joiner") and not tok.word[:1].isupper():
        return False
    lower = tok.bare
    if not lower.isalpha() or lex.known(lower) or lex.clinical(lower):
        return False
    return not tok.word.isupper() or len(lower) >= _MIN_UNKNOWN
