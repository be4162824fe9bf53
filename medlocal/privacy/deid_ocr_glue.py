"""Identifiers that a scan's reading glued to the words beside them, or broke with the wrong
separator (walk 50b, D1).

A poor fax read "D.O.B14:031961", "Irevlewed MrsVander-" / "sloot" and "Her
son-in-fawBartholomewAchterberg drove her in": every rule reads words and dates as typed, so the
date of birth, the surname and the relative's name all reached a redacted export. The OCR layer
now splits such words where it is certain (``medlocal.ingest.ocr.spacing``), but text already in
a vault, and glue it could not part, is read here defensively:

* the patient's own name parts (from the vault) inside a longer token, where a capital, a digit
  or the token's edge bounds them ("QuenbyVandersloot", "VANDERSLOOTQUENBY"), and a part broken
  at a line's end ("Vander-" / "sloot");
* a title glued to the name after it ("MrsVander", "DrHalvardPenhaligon");
* capitalised words glued after a lower-case word ("son-in-fawBartholomewAchterberg",
  "daugbterImogen"): a capitalised word that no list knows as English or clinical, after a
  lower-case one with no space, is a name that lost its space;
* two or more capitalised words glued together, one a listed name of four letters or more,
  none an English word or a clinical term ("BartholomewAchterberg", "KeziahJohnson"; not
  "PowerPort", "DonJoy", "OmniFlo");
* a date whose separators the scan misread (":" "." "," for "/") or dropped ("14:031961").

Clinical tokens keep their inner capitals: "HbA1c", "mmHg", "eGFR" hold no capitalised word of
three letters, "McDonald" opens with a name particle and "NovoRapid", "EpiPen" are listed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date

from medlocal.paths import resources_dir
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import Lexicon, read_list
from medlocal.privacy.deid_people_words import PARTICLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# A run of letters, with a line-end hyphen and the word's rest on the next line kept with it.
_TOKEN = re.compile(r"[A-Za-z]+(?:-[ \t]*\n[ \t]*[a-z]+)?")
# The places inside a token where a capitalised word starts after a lower-case letter.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_LINE_BREAK = re.compile(r"-[ \t]*\n[ \t]*")
# A name part read inside a token is at least this long ("Ann" is in "Annual"... only bounded).
_SHORTEST_PART = 4
# A glued capitalised word this long at least is read as a possible name ("Hg" of "mmHg" is no
# word of its own).
_SHORTEST_WORD = 3
# A day, a month and a year of four digits whose separators a scan misread: ":" "." "," "/" "-"
# between day and month; the same or nothing between month and year ("14:031961",
# "7.11,2020"). The year is of the last two centuries: a lab value has no such tail.
_SEPARATOR = r"[ \t]?[:.,/-][ \t]?"
_OCR_DATE = re.compile(
    rf"(?<![\d.,:/-])(0?[1-9]|[12]\d|3[01]){_SEPARATOR}(0[1-9]|1[0-2])"
    rf"(?:{_SEPARATOR}|(?=(?:19|20)\d\d))((?:19|20)\d\d)(?![\d])"
)


def glued_candidates(text: str, identity: PatientIdentity, lex: Lexicon) -> Iterator[Redaction]:
    """Redactions for the identifiers above in ``text`` (a reading of the text as written, at
    the same offsets)."""
    parts = _name_parts(identity.name)
    camel = _CAMEL.search
    for token in _TOKEN.finditer(text):
        word = token.group()
        if "\n" not in word:
            # Speed (session 51): a token on one line yields only where it holds a name part
            # or a capital after a lower-case letter; most tokens hold neither, and the two
            # readings below cost 5 microseconds a token (50 ms of a 20-page record).
            lower = word.lower()
            if any(part in lower for part in parts):
                yield from _own_name_inside(text, token, parts)
            if camel(word) is not None:
                yield from _glued_names(text, token, lex)
            continue
        yield from _own_name_inside(text, token, parts)
        yield from _glued_names(text, token, lex)
    yield from _ocr_dates(text, identity.dob)


def _name_parts(name: str | None) -> list[str]:
    if not name:
        return []
    return sorted(
        {p.lower() for p in re.split(r"[\s,.'’-]+", name) if len(p) >= _SHORTEST_PART},
        key=len,
        reverse=True,
    )


def _own_name_inside(text: str, token: re.Match[str], parts: list[str]) -> Iterator[Redaction]:
    """The patient's name parts inside a longer token, bounded by a capital, a digit or the
    token's edge; a part broken by a line-end hyphen is read whole."""
    word = token.group()
    joined, offsets = _without_line_break(word)
    lower = joined.lower()
    if lower in parts:
        return  # the whole token is a name part: the patient's own patterns find it
    if joined.isupper() and not _made_of(lower, parts):
        return  # capitals show no boundary: "SUMMARY" holds "MARY", "POSITIVE" "SITI"
    for part in parts:
        at = lower.find(part)
        while at >= 0:
            end = at + len(part)
            if _bounded(joined, at, end) and lower[:at] not in PARTICLES:
                start, stop = token.start() + offsets[at], token.start() + offsets[end - 1] + 1
                yield _redaction("patient_name", text, start, stop)
            at = lower.find(part, at + 1)


def _without_line_break(word: str) -> tuple[str, list[int]]:
    """``word`` without a line-end hyphen and the break after it, and where each of its
    characters is in ``word``."""
    gap = _LINE_BREAK.search(word)
    if gap is None:
        return word, list(range(len(word)))
    joined = word[: gap.start()] + word[gap.end() :]
    offsets = list(range(gap.start())) + list(range(gap.end(), len(word)))
    return joined, offsets


def _made_of(lower: str, parts: list[str]) -> bool:
    """Whether ``lower`` is the patient's name parts run together ("vanderslootquenby")."""
    if not lower:
        return True
    return any(lower.startswith(p) and _made_of(lower[len(p) :], parts) for p in parts)


def _bounded(word: str, start: int, end: int) -> bool:
    if word.isupper():
        return True  # "VANDERSLOOTQUENBY", made of the name's parts (checked before)
    opens = start == 0 or (word[start].isupper() and word[start - 1].islower())
    closes = end == len(word) or word[end].isupper()
    return opens and closes


def _glued_names(text: str, token: re.Match[str], lex: Lexicon) -> Iterator[Redaction]:
    """Capitalised words glued after a title or a lower-case word, or to a listed name."""
    word, _ = _without_line_break(token.group())
    if lex.known(word.lower()) or word.lower() in lex.products:
        return
    cuts = [0, *(m.start() for m in _CAMEL.finditer(token.group())), len(token.group())]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    if len(pieces) < 2:
        return
    head = token.group()[pieces[0][0] : pieces[0][1]]
    if head.lower() in PARTICLES:
        return  # "McDonald", "DeLong", "VanBuren": one name, read by the name rules
    names = [(s, e) for s, e in pieces[1:] if _possible_name(token.group()[s:e], lex)]
    if len(names) != len(pieces) - 1:
        return
    after_cue = head.lower() in TITLES or head.islower()
    if head[0].isupper() and not after_cue:
        # Capitalised words glued together with no cue before them: names only where no piece
        # is an English word ("BartholomewAchterberg"; "PowerPort", "SmartGuard", "DonJoy" and
        # "BlueCross" are products and companies).
        names.insert(0, pieces[0])
        words = [_LINE_BREAK.sub("", token.group()[s:e]).lower() for s, e in names]
        if not _possible_name(head, lex) or any(lex.known(word) for word in words):
            return
        if not any(lex.name_like(word) and len(word) >= _SHORTEST_PART for word in words):
            # Such glue holds a listed given name or surname of four letters or more
            # ("BartholomewAchterberg", "KeziahJohnson", "CaroMont"); a device's coined name
            # holds none, at most a short syllable that happens to be one ("Pump (OmniFlo)":
            # "Flo"; "AccuChek", "CoaguChek").
            return
    if head.islower() and len(head) < 2:
        return  # "iPhone", "eBay"
    start, end = token.start() + names[0][0], token.start() + names[-1][1]
    yield _redaction("name", text, start, end)


def _possible_name(word: str, lex: Lexicon) -> bool:
    """A capitalised word that could be a name: a listed name, or a word of three letters or
    more that no list knows as English or clinical."""
    core = _LINE_BREAK.sub("", word)
    lower = core.lower()
    if len(core) < _SHORTEST_WORD or not core[0].isupper() or not core[1:].islower():
        return False
    if lex.clinical(lower) or lower in lex.products or lower in _peoples():
        return False  # a people's language is no name ("isiXhosa", "isiZulu")
    return lex.name_like(lower) or not lex.known(lower)


@functools.cache
def _peoples() -> frozenset[str]:
    """Nationalities, peoples and their languages, names among them ("Zulu", "Karen")."""
    return frozenset(read_list(resources_dir() / "deid_nationalities.txt"))


def _ocr_dates(text: str, dob: date | None) -> Iterator[Redaction]:
    # Speed (session 51): a long text is searched through the pattern's skipper (the same
    # matches; 4 -> 1 ms of a 20-page record).
    for match in skipped_finditer(_OCR_DATE, text):
        day, month, year = (int(g) for g in match.groups())
        separators = re.sub(r"[\d \t]", "", match.group())
        if len(separators) == 2 and separators[0] == separators[1] and separators[0] in "/.-":
            continue  # an ordinary date ("14.03.1961"): the date rules read (and shift) it
        own = dob is not None and (day, month, year) == (dob.day, dob.month, dob.year)
        yield _redaction("dob" if own else "date", text, match.start(), match.end())


def _redaction(kind: str, text: str, start: int, end: int) -> Redaction:
    return Redaction(kind, start, end, text[start:end], label(kind))
