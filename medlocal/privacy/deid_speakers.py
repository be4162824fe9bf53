"""Speakers in a chat or message export (ninth round): the words between a line's timestamp and
its colon name who wrote the line ("02:14 jess p (night FY1): ...", "[10:42] Chase: ok coming",
"2027-01-03 09:15 - Amaka O.: seen"), whatever the words are: in a chat typed in lower case a
name is often a plain word ("dawn", "summer"). A label of roles, titles or clinical words
("02:30 Nurse:", "14:00 Plan:") names no one.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_tokens import WordSpan

_SPEAKER = re.compile(
    r"^[ \t]*\[?(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}[:.]\d\d(?::\d\d)?(?:[ \t]?[apAP]\.?[mM]\.?)?\]?"
    r"[ \t]*[-–]?[ \t]*"
    r"(?P<v>[^\W\d_][\w'’.-]{0,24}(?:[ \t]+[^\W\d_][\w'’.-]{0,24}){0,2})"
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*:",
    re.M,
)
_LABELS = (
    ROLES
    | TITLES
    | frozenset(
        {
            "plan",
            "note",
            "notes",
            "update",
            "system",
            "auto",
            "me",
            "you",
            "obs",
            "message",
            "reply",
        }
    )
)


def chat_speakers(text: str, lex: Lexicon) -> list[WordSpan]:
    """The speakers' names in the chat lines of ``text``."""
    found: list[WordSpan] = []
    for match in _SPEAKER.finditer(text):
        words = [w.strip(".").lower() for w in match.group("v").split()]
        if not any(_names_someone(w, lex) for w in words):
            continue
        found.append(WordSpan("name", match.start("v"), match.end("v")))
    return found


def _names_someone(word: str, lex: Lexicon) -> bool:
    if word in _LABELS or lex.clinical(word):
        return False
    return len(word) == 1 or lex.name_like(word) or not lex.known(word)
