"""Particles between and before found names and places go with them (ninth round).

The readers find the distinctive words of a name and leave its particles: "Prof van [NAME]",
"[LOCATION] am [LOCATION]" (Prien am Chiemsee), "[LOCATION] do [LOCATION]" (Santa Cruz do Sul),
"Zaleha binti [NAME]". A particle (or two) alone between two found spans joins them into one; a
particle right before a found person's name or place is part of it ("van der Merwe", "al Harbi",
"de Haan"), and so is a postal district's number after a city ("Dublin 24"). Strict scoring
counts such a left particle as a miss, and a reader could tell "van ###" is Dutch or Afrikaans:
small, but part of the name.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold
from medlocal.privacy.deid_people_words import PARTICLES
from medlocal.privacy.deid_tokens import WordSpan

_JOINED_KINDS = frozenset({"name", "location", "facility", "county"})
# Between two found spans: the surname particles, and the particles of place names ("Prien am
# Chiemsee", "Santa Cruz do Sul", "Castilla y León").
# Session 48: Kikuyu and Swahili "wa" ("of"), between a given name and a father's ("Kamau wa
# Njoroge"): only between two found spans, where it is no word of English.
_GAP_WORDS = PARTICLES | frozenset({"am", "an", "im", "zu", "do", "y", "e", "i", "of", "wa"})
# A postal district's number after its city, before a comma or the line's end ("Dublin 24,"):
# only cities whose districts are numbered so ("Bristol 6" is a stool chart's type, "Berlin 2"
# a grade of ARDS).
_NUMBERED_DISTRICTS = frozenset(
    {"dublin", "paris", "lyon", "marseille", "wien", "vienna", "budapest", "praha", "prague"}
)
# Session 43: or before a dash or a field gap that opens the next part of a letterhead ("Dublin
# 7  - Theatre 4", "Dublin 12 - Allergy Clinic").
_DISTRICT = re.compile(r"[ \t]+\d{1,2}(?=[ \t]*(?:[,;)]|$|[-–—][ \t])|[ \t]{2,}\S)", re.M)
_PARTICLES_WINDOW = 16  # two particles and their spaces ("van der ", "bin ", "de la ")
_ARTICLES = frozenset({"der", "den", "des", "la", "le", "les", "el", "los", "las"})
_WORD = r"[^\W\d_]+"
_GAP = re.compile(rf"[ \t]+(?:{_WORD}[ \t]+){{1,2}}")
_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"'“]))({_WORD})(?:[ \t]+({_WORD}))?[ \t]+\Z")


def join_particles(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """``found`` (in text order) with particles between and before its spans taken in."""
    spans = sorted(found, key=lambda s: (s.start, s.end))
    out: list[WordSpan] = []
    for span in spans:
        if span.kind in ("name", "location"):
            span = _with_particles_before(text, span)
        numbered = fold(text[span.start : span.end]).lower() in _NUMBERED_DISTRICTS
        district = _DISTRICT.match(text, span.end) if numbered else None
        if district is not None:
            span = WordSpan(span.kind, span.start, district.end())  # "Dublin 24", "Wien 9"
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind in _JOINED_KINDS
            and span.kind in _JOINED_KINDS
            and previous.end < span.start
            and _particles_only(text, previous.end, span.start)
        ):
            out[-1] = WordSpan(previous.kind, previous.start, span.end)
            continue
        out.append(span)
    return out


def _particles_only(text: str, start: int, end: int) -> bool:
    gap = _GAP.fullmatch(text, start, end)
    return gap is not None and all(w.lower() in _GAP_WORDS for w in text[start:end].split())


def _with_particles_before(text: str, span: WordSpan) -> WordSpan:
    before = _BEFORE.search(text, max(0, span.start - _PARTICLES_WINDOW), span.start)
    if before is None:
        return span
    words = [w for w in before.groups() if w]
    # Take the particles nearest the name: "Prof van der", not "Prof".
    taken = 0
    for word in reversed(words):
        if word.lower() not in PARTICLES or word.lower() in ("st", "o"):
            break
        taken += 1
    # An article alone is no particle ("in der Hauptstraße", "la Salle"): only after one.
    if not taken or (taken == 1 and words[-1].lower() in _ARTICLES):
        return span
    # The first particle taken is group 1 when both words are taken (or only one was read),
    # else group 2.
    first_taken = 1 if taken == len(words) else 2
    return WordSpan(span.kind, before.start(first_taken), span.end)
