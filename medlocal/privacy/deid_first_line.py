"""A note's first line names who wrote it: where a rule or the tagger found a word of the
organisation there ("KK [WOMEN'S] AND CHILDREN'S HOSPITAL - INCIDENT REPORT", "Radiologie am
[Schillerplatz] - Gemeinschaftspraxis"), the whole name goes, up to the dash, comma, bracket or
field gap that ends it, or the heading in capitals that follows it ("St. Jude [Regional]
EMERGENCY DEPARTMENT"). A name left half shown still tells the reader where the patient was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_place_words import FACILITY_HEADS
from medlocal.privacy.deid_spans import Redaction

_PLACE_KINDS = frozenset({"name", "facility", "location", "city", "county", "street_address"})
# What ends the organisation's name on its line: a dash or bar between spaces, a comma, a
# bracket, a field gap, a colon. Round 19: a dash typed as two hyphens ("West Dorset General
# Hospital -- Acute Medical Unit": the ward after it is a service, not the name).
_NAME_END = re.compile(r"[ \t]+(?:--|[-–—|/])[ \t]+|[,(|:;]|[ \t]{2,}|\t|\n")
# A heading in capitals after a name in mixed case ("St. Jude Regional EMERGENCY DEPARTMENT").
_CAPS_HEADING = re.compile(r"[ \t]+[A-Z]{2,}(?:[ \t]+[A-Z&]{2,})+\b")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_SMALL = frozenset(
    {"and", "of", "the", "at", "for", "de", "du", "la", "le", "del", "am", "an", "im", "w", "&"}
)
_MAX_WORDS = 10


def first_line_organisation(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """The organisation's whole name on the note's first line, where part of it was found."""
    start = len(text) - len(text.lstrip())
    if start >= len(text) or not text[start].isupper():
        return
    cut = _NAME_END.search(text, start)
    end = cut.start() if cut is not None else len(text)
    name = text[start:end]
    if not name.isupper():
        heading = _CAPS_HEADING.search(name)
        if heading is not None:
            end = start + heading.start()
            name = text[start:end]
    name = name.rstrip(" .")
    end = start + len(name)
    words = _WORD.findall(name)
    # A name is written in capitals, but for its small words: a sentence on the first line
    # ("Back at work at [Summit] since May") is no letterhead.
    if not words or len(words) > _MAX_WORDS:
        return
    lex = lexicon()
    if not all(
        w[0].isupper()
        or w.lower() in _SMALL
        # A word in lower case that no English list holds ("universitetssjukhus") or a short
        # title ("Dr. med.") is part of a name in another language.
        or not lex.known(fold(w.rstrip(".")))
        or (w.endswith(".") and len(w) <= 5)
        for w in words
    ):
        return
    found = [r for r in spans if r.kind in _PLACE_KINDS and r.start < end and r.end > start]
    if not found or "\n" not in text[end:].strip():
        return  # nothing found there, or a line alone (a phrase, not a letterhead)
    # A person's name there ("Summary for [John Smith]", "Dear Dr. [Quennell]") is no
    # organisation: a place or facility must be found in it, or a facility word or capitals
    # must say it is one.
    if not (
        any(r.kind != "name" for r in found)
        or any(fold(w.rstrip(".'’")) in FACILITY_HEADS for w in words)
        or (name.isupper() and len(words) >= 2)
    ):
        return
    covered = bytearray(end - start)
    for red in found:
        a, b = max(red.start, start) - start, min(red.end, end) - start
        covered[a:b] = b"\x01" * (b - a)
    # A clinical word left outside what was found makes it a heading about care ("Diabetes
    # [Smith] Clinic" is a clinic's name, "Acute Stroke Unit" a ward): such a line stays.
    for word in _WORD.finditer(name):
        if covered[word.start()]:
            continue
        bare = fold(word.group().rstrip(".'’"))
        if bare in _SMALL or bare in FACILITY_HEADS:
            continue
        if lex.clinical(bare):
            return
    kind = max(found, key=lambda r: r.end - r.start).kind
    yield Redaction(kind, start, end, text[start:end], "[FACILITY]")
