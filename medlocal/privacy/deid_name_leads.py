"""A found organisation's own name where the note names it again alone (issue 16, session 55:
deid55a).

A note names a place in full once and then by its own word: "Sunrise of Eastbourne" ...
"Sunrise will keep his room", "Starship Children's Health" ... "Cardiology clinic, Starship",
"KK Women's and Children's Hospital" ... "come to KK". `deid_facility_mentions` carries a found
facility's initials and its name without the kind's words where a word of it is one no safe list
explains; an English word ("Sunrise", "Starship") it leaves, since out of its note it is only a
word. Here the note itself has said which place it names: the capitalised words of a found
facility before its first kind's word or joiner ("Sunrise" of "Sunrise of Eastbourne", "Good
Shepherd" of "Good Shepherd Medical Practice", "KK" of "KK Women's and Children's Hospital"),
written again in the same case as a whole word sequence, are taken.

Stays: a lead that is a clinical word or abbreviation, a product, a calendar word, a title, role
or relation, only kinds' words or opening words ("Royal", "North", "St", "Division"), or one
letter; a lead the note also writes as a term's first word anywhere outside the found spans
("Mayo score", "Ross River virus", "Stanford type B", "Salmonella Newport":
`deid_facility_mentions._names_a_term`); a one-word lead that is a plain English word where the
other mention opens a sentence, a line or an item, or is followed by a number or bracketed
capitals.

Measured on main's cached spans (counts only for held-out): held-out +1 FACILITY, no clinical
term, 3 words outside identifiers; development +3 (dev23, dev24, dev36), none outside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_facility_mentions import _UNITS, _names_a_term
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS, GENERIC
from medlocal.privacy.deid_spans import Redaction, label

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that open a facility's name but name none on their own.
_OPENERS = frozenset(
    {
        "royal", "north", "south", "east", "west", "central", "upper", "lower", "new", "old",
        "st", "saint", "mount", "mt", "great", "little", "greater", "the", "dr", "doctor",
        "holy", "sacred", "our", "lady", "good", "first", "united", "all", "division",
        "section", "directorate", "faculty",
    }
)  # fmt: skip
_KIND_WORDS = GENERIC | FACILITY_HEADS | frozenset({"of", "and", "&", "for", "at", "on", "in"})
_CUE_WORDS = TITLES | ROLES | RELATIONS | CALENDAR_WORDS
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;|>\-–•*]|\d[.)])[ \t\"'(]*\Z", re.M)
_AFTER_GRADE = re.compile(r"[ \t]*(?:\d|\([A-Z]{2,}\))")


def _lead(text: str, red: Redaction) -> str | None:
    """A found facility's words before its first kind's word, or None."""
    words = list(_WORD.finditer(text, red.start, red.end))
    cut = next((i for i, w in enumerate(words) if fold(w.group()) in _KIND_WORDS), None)
    if cut is None or cut == 0:
        return None
    lead = words[:cut]
    if any(not w.group()[0].isupper() for w in lead):
        return None
    return text[lead[0].start() : lead[-1].end()]


def _names_nothing(piece: str, lex: Lexicon) -> bool:
    """A lead that is a clinical, calendar or cue word, a product, or kinds' words only."""
    words = piece.split()
    bare = [fold(w.rstrip(".").removesuffix("'s").removesuffix("’s")) for w in words]
    if all(w in _OPENERS or w in _KIND_WORDS for w in bare):
        return True
    for word, lower in zip(words, bare, strict=False):
        if lower in _CUE_WORDS or lex.clinical(lower):
            return True
        if clinical_abbreviation(word) or lower in lex.products:
            return True
        # Capitals that spell a word or a unit are a body's or a service's initials as often
        # ("WHO stage 1", "NICE guidance", "CARE bundle", "MOU"): the name's initials are
        # deid_facility_mentions' to read.
        if word.isupper() and len(word) > 1 and (lex.known(lower) or word in _UNITS):
            return True
    return False


def _plain_word(piece: str, lex: Lexicon) -> bool:
    if " " in piece:
        return False
    lower = fold(piece)
    return lower in lex.english and not lex.name_like(lower) and lower not in lex.places


def name_lead_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """A found facility's lead and a found code's issuer where the note names them alone."""
    found = list(spans)
    pieces: dict[str, bool] = {}  # piece -> a plain English word (needs the stricter reading)
    read: set[str] = set()  # a record names the same facility many times: each name read once
    for red in sorted((r for r in found if r.kind == "facility"), key=lambda r: r.start):
        name = text[red.start : red.end]
        if name in read:
            continue
        read.add(name)
        lead = _lead(text, red)
        if lead is not None and lead not in pieces and not _names_nothing(lead, lex):
            pieces[lead] = _plain_word(lead, lex)
    if not pieces:
        return
    where = _mentions(text, pieces)
    if not where:
        return
    covered = _Covered(found, len(text))
    for piece, plain in pieces.items():
        mentions = [span for span in where.get(piece, []) if not covered.touches(*span)]
        # A lead the note also writes as a term's word names the term there and may here:
        # "Ross River virus" ... "Ross River arthralgia", "Mayo score" ... "on the Mayo".
        if any(_names_a_term(text, start, end, lex) for start, end in mentions):
            continue
        for start, end in mentions:
            if plain and (
                _SENTENCE_OPEN.search(text, max(0, start - 12), start)
                or _AFTER_GRADE.match(text, end)
            ):
                continue
            yield Redaction("facility", start, end, text[start:end], label("facility"))


_WORD_START_OK = re.compile(r"(?<![\w'’&-])")
_WORD_END_OK = re.compile(r"(?![\w&-]|['’]\w)")


def _mentions(text: str, pieces: dict[str, bool]) -> dict[str, list[tuple[int, int]]]:
    """Where each piece stands in the text as whole words: the words read once, each piece looked
    up by its first word, found by a plain search (a record names hundreds of facilities: a
    pattern per piece read the whole record once per piece, 0.2 s on twenty pages)."""
    by_first: dict[str, list[str]] = {}
    for piece in pieces:
        opening = _WORD.match(piece)
        if len(piece) >= 2 and opening is not None:
            by_first.setdefault(opening.group(), []).append(piece)
    out: dict[str, list[tuple[int, int]]] = {}
    for first, candidates in by_first.items():
        at = text.find(first)
        while at >= 0:
            if _WORD_START_OK.match(text, at):
                for piece in candidates:
                    end = at + len(piece)
                    if text.startswith(piece, at) and _WORD_END_OK.match(text, end):
                        out.setdefault(piece, []).append((at, end))
            at = text.find(first, at + 1)
    for spans in out.values():
        spans.sort()
    return out


class _Covered:
    """Which characters the found spans already hold, as one byte per character."""

    def __init__(self, spans: list[Redaction], size: int) -> None:
        self._held = bytearray(size)
        for r in spans:
            self._held[r.start : r.end] = b"\x01" * (r.end - r.start)

    def touches(self, start: int, end: int) -> bool:
        return self._held.find(1, start, end) >= 0
