"""Speakers in a chat or message export (ninth round): the words between a line's timestamp and
its colon name who wrote the line ("02:14 jess p (night FY1): ...", "[10:42] Chase: ok coming",
"2027-01-03 09:15 - Amaka O.: seen"). A text is read as a chat only where two or more of its
lines open so. A speaker's word counts when it is a listed given name (in a chat typed in lower
case a name is often a plain word: "dawn", "summer") or a word no list knows; labels of roles,
relations, titles, clinical words and abbreviations ("14:30 Reason:", "09:00 BP:", "14:00 Son:",
"09:00 S:") name no one, and a title before a name stays in view ("14:30 Dr [NAME]:").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import WordSpan

_SPEAKER = re.compile(
    r"^[ \t]*\[?(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}[:.]\d\d(?::\d\d)?"
    r"(?:[ \t]?[apAP]\.?[mM]\.?(?![A-Za-z]))?\]?"  # "9:15am", not "14:02 Ambulance"
    r"[ \t]*[-–]?[ \t]*"
    r"(?P<v>[^\W\d_][\w'’.-]{0,24}(?:[ \t]+[^\W\d_][\w'’.-]{0,24}){0,2})"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*:",
    re.M,
)
_LABELS = ROLES | TITLES | RELATIONS | frozenset(
    {"plan", "note", "notes", "update", "system", "auto", "me", "you", "obs", "message", "reply"}
)  # fmt: skip
_MIN_LINES = 2


def chat_speakers(text: str, lex: Lexicon) -> list[WordSpan]:
    """The speakers' names in the chat lines of ``text``."""
    lines = list(_SPEAKER.finditer(text))
    if len(lines) < _MIN_LINES:
        return []
    senses = default_abbreviations().senses
    found: list[WordSpan] = []
    for match in lines:
        start, end = match.start("v"), match.end("v")
        words = match.group("v").split()
        if words[0].rstrip(".").lower() in TITLES and len(words) > 1:
            start = match.start("v") + match.group("v").index(words[1])
            words = words[1:]
        if not any(_names_someone(w, lex, senses) for w in words):
            continue
        end -= len(match.group("v")) - len(match.group("v").rstrip("."))
        found.append(WordSpan("name", start, end))
    return found


def _names_someone(word: str, lex: Lexicon, senses: Mapping[str, object]) -> bool:
    """A listed given name, or a word no list knows; not a label, a clinical word or an
    abbreviation ("BP", "ROSC"), and not a single letter ("S:", "A:")."""
    lower = word.strip(".").lower()
    if len(lower) < 2 or lower in _LABELS or lower in CLINICAL_SHORT or lex.clinical(lower):
        return False
    if word.strip(".").upper() in senses:
        return False
    return lower in lex.given_names or not lex.known(lower)
