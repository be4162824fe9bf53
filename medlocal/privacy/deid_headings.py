"""The letterhead line: who wrote a document, read whole from its first line (ninth round).

A record's first line is mostly its letterhead: "PHILIPPINE GENERAL HOSPITAL - CHILD PROTECTION
UNIT", "HOSPITAL COMARCAL DE LA MARINA ALTA - Servicio de Urgencias", "VIMHANS, Nehru Nagar, New
Delhi - OPD Follow-up". Its parts are cut at dashes, bars, slashes and commas. A part that holds
a place or organisation the rules found, or a word that no list knows (an abbreviation, a word
with capitals inside and a part with a clinical word aside), is taken whole, so that an
organisation's generic words go with its distinctive ones ("UNIVERSITY MEDICAL CENTER OF EL PASO",
not "... OF EL ..."). A part of plain or clinical words stays ("EMERGENCY DEPT PHYSICIAN NOTE",
"CHILD PROTECTION UNIT", "Pacemaker clinic"); so does a part that names a person ("Dear Dr.
Farrow", "Summary for John Smith": the name rules take the name), a line of labelled fields
("Patient: ...", which the field readers take), a line that reads as prose (a sentence's full
stop), and a text of one line (a title, not a record).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_letterhead import LETTERHEAD_HEADS
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, SOFT_CUES, TITLES
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_tokens import Tok, WordSpan

_FIRST_LINE = re.compile(r"[ \t]*(\S[^\n]*)")
# Where a letterhead's parts meet: a spaced dash, bar or slash, a comma, or a bracket. Round 19:
# a dash typed as two hyphens ("West Dorset General Hospital -- Acute Medical Unit").
_PART = re.compile(r"[ \t]+(?:--|[-–—|/])[ \t]+|,[ \t]*|[ \t]*[()][ \t]*")
_FIELD = re.compile(r"\w:[ \t]")  # "Patient: Jane", not "09:30"
_SENTENCE = re.compile(r"[a-z]{2}\.(?:[ \t]|$)|[;=]")  # prose, or a list of results
_DATE_LIKE = re.compile(r"\d[-/.]\d")
_MAX_PART_WORDS = 9
_PERSON_CUES = TITLES | SOFT_CUES | RELATIONS
_MAX_WORDS = 20  # a longer first line is prose, not a letterhead
_MAX_LINE = 300  # and so is a longer line (bounded work on a pathological one)
# Clinical words in capitals that neither the word lists nor the abbreviation list hold
# (specialties, services and regimens as headings write them).
_CLINICAL_CAPITALS = frozenset(
    {"gastro", "oncol", "camhs", "scbu", "anca", "nippv", "ppci", "capox", "rchop", "sbar"}
)  # fmt: skip
_MIN_UNKNOWN = 4  # a shorter unknown word in capitals is mostly an acronym ("SBAR", "ED")
# What a document says it is, last word of its title.
_DOCUMENT_KINDS = frozenset(
    {
        "summary", "referral", "letter", "report", "note", "notes", "form", "record", "request",
        "consultation", "assessment", "handover", "minutes", "discharge", "transfer", "epikris",
        "epicrisis", "informe", "compte", "arztbrief", "entlassungsbrief",
    }
)  # fmt: skip
# Words that make a part an organisation's even with a person's name in it ("HOSPITAL CIVIL DE
# GUADALAJARA "FRAY ANTONIO ALCALDE"", "Physio Plus Hamilton East").
_ORGANISATION_WORDS = LETTERHEAD_HEADS | frozenset(
    {"hospital", "hospitals", "physio", "physiotherapy", "clinic", "pharmacy"}
)


def letterhead_parts(
    text: str, tokens: list[Tok], found: list[WordSpan], lex: Lexicon
) -> list[WordSpan]:
    """The parts of the first line of ``text`` that name an organisation or a place, each as one
    span (see the module docstring). ``found``: what the other readers took."""
    first = _FIRST_LINE.match(text)
    if first is None or "\n" not in text[first.end(1) :].rstrip():
        return []  # one line is a title or a sentence ("Summary for [NAME]"), not a letterhead
    line_start, line_end = first.start(1), first.end(1)
    line = first.group(1)
    if len(line) > _MAX_LINE or _FIELD.search(line) or _SENTENCE.search(line):
        return []
    words = [t for t in tokens if line_start <= t.start < line_end]
    if not words or len(words) > _MAX_WORDS:
        return []
    # 1 where a place or organisation was found, 2 where a person was: a person makes no
    # letterhead ("Summary for John Smith").
    covered = bytearray(line_end - line_start)
    for span in found:
        a, b = max(span.start, line_start), min(span.end, line_end)
        if a < b:
            mark = b"\x02" if span.kind == "name" else b"\x01"
            covered[a - line_start : b - line_start] = mark * (b - a)
    spans: list[WordSpan] = []
    joints = [m.span() for m in _PART.finditer(line)]
    cuts = [line_start, *(a + line_start for a, _ in joints), line_end]
    ends = [line_start, *(b + line_start for _, b in joints), line_end]
    senses = default_abbreviations().senses
    parts = [
        [t for t in words if start <= t.start and t.end <= end]
        for start, end in zip(ends[:-1], cuts[1:], strict=True)
    ]
    # "Mercy Regional - Discharge Summary": before a document's title, who wrote it.
    titled = len(parts) > 1 and any(_document_title(p) for p in parts[1:])
    for i, (start, end) in enumerate(zip(ends[:-1], cuts[1:], strict=True)):
        part = parts[i]
        if not _name_shaped(part, text[start:end]):
            continue
        marks = {covered[t.start - line_start] for t in part}
        if i == 0 and titled and 2 not in marks and _names_which(part, text, senses, lex):
            spans.append(WordSpan("facility", part[0].start, part[-1].end))
            continue
        person = 2 in marks or any(
            t.bare in lex.given_names and not lex.known(t.bare) for t in part
        )
        if person and not any(t.bare in _ORGANISATION_WORDS for t in part):
            continue  # a person's name ("Referral for JOHN SMITH"), not "HOSPITAL CIVIL ..."
        found_here = 1 in marks
        if not found_here and any(lex.clinical(t.bare) or t.bare in EPONYM_HEADS for t in part):
            continue  # "RENAL - ALPORT SYNDROME", "HELICOBACTER PYLORI ERADICATION"
        if found_here or any(_unknown(t, text, senses, lex) for t in part):
            spans.append(WordSpan("facility", part[0].start, part[-1].end))
    return spans


def _document_title(part: list[Tok]) -> bool:
    """A part that names what the document is ("Discharge Summary", "REFERRAL", "Clinic
    letter")."""
    return bool(part) and len(part) <= 4 and part[-1].bare in _DOCUMENT_KINDS


def _names_which(part: list[Tok], text: str, senses: Mapping[str, object], lex: Lexicon) -> bool:
    """A part with a word that says which organisation: a listed name or place, or a word no
    list knows (:func:`_unknown`), that is no generic facility, ward, clinical or calendar word
    ("Mercy Regional", "St Vincent's"; not "General Medicine", "GASTRO")."""
    for tok in part:
        lower = tok.bare.removesuffix("'s").removesuffix("’s")
        if (
            len(lower) < 3
            or not lower.isalpha()
            or lower in GENERIC | WARD_KINDS | CALENDAR_WORDS
            or lex.clinical(lower)
        ):
            continue
        if lex.name_like(lower) or lower in lex.places or _unknown(tok, text, senses, lex):
            return True
    return False


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


def _unknown(tok: Tok, text: str, senses: Mapping[str, object], lex: Lexicon) -> bool:
    """A word no list knows: not an abbreviation ("GASTRO", "EVAR", "FOLFOX"), not a word with
    capitals inside or a digit beside it ("HbA1c"), and in capitals four letters at least."""
    if tok.shape in ("lower", "joiner") and not tok.word[:1].isupper():
        return False
    lower = tok.bare
    if not lower.isalpha() or lex.known(lower) or lex.clinical(lower):
        return False
    word = tok.word.rstrip("'’")
    if word.upper() in senses or lower in CLINICAL_SHORT or lower in _CLINICAL_CAPITALS:
        return False
    if any(c.isupper() for c in word[1:]) and not word.isupper():
        return False
    if text[tok.end : tok.end + 1].isdigit():
        return False
    return not word.isupper() or len(lower) >= _MIN_UNKNOWN
