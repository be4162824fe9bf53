"""A person's name grown over the parts the rules left beside it, and a signed document's date
over its clock time (round 14, recall of people and dates).

The rules often find one part of a name and leave the rest, which still points to the person:

* initials before a found surname, with a nickname in brackets between or none ("P. [du
  Plessis]", "A. L. [Pardo-Ríos]", "H.J. ([Henk]) [van der Veen]", "S.-[J. Hession]");
* the surname after a found given name, also where the surname is an eponym that the eponym
  rules keep ("Dr. med. [Ulrike] Kaposi", "[Sanne] de Wit"): a given name the rules took for a
  person is followed by that person's surname unless an eponym's head word follows it ("Kaposi
  sarcoma");
* a given name before a found surname ("Paolo [Bassi]", "sonen Lars [Lindqvist]");
* round 16: in lower case, as a name typed in haste is, the given name (and a middle initial)
  between a title or a role and a found lower-case surname ("RN: anna [nowicki]", "dr sam
  [petrakis]", "handed over to lin k. [ocampo]").

A date that a signature, an authorisation or a draft carries is a timestamp of the document:
its clock time goes with it ("e-signed [28/11/2026] 17:41"). Elsewhere a time after a date stays
(a dose given at 07:15 is clinical; see :mod:`~medlocal.privacy.deid_world_dates`).

Each rule looks only at the characters beside a found span (a short window), so the pass is
linear in the number of spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_attendees import attendee_spans
from medlocal.privacy.deid_cancel import checked, checkpoint
from medlocal.privacy.deid_census_given import census_given_spans
from medlocal.privacy.deid_eponym_heads import HEADS_AFTER
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_list_names import list_name_spans
from medlocal.privacy.deid_lower_relatives import lower_relative_spans
from medlocal.privacy.deid_name_parts import grown_name_parts
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    HONORIFICS,
    PARTICLES,
    RELATIONS,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_person_contexts import echoed_names, person_context_spans
from medlocal.privacy.deid_role_columns import role_column_spans
from medlocal.privacy.deid_role_names import role_name_spans
from medlocal.privacy.deid_spans import Redaction

# The kinds the rules give a person's name.
_PERSON_KINDS = frozenset({"name", "patient_name"})
_WINDOW = 48
# Initials ending right before a name, each a capital and a full stop, joined by a space, a
# hyphen or nothing ("A. L. ", "H.J. ", "S.-"), then perhaps a nickname in brackets ("(Henk) ").
# They open a line or follow a bracket or punctuation ("Regards, P. du Plessis"), or a word
# (checked in _initials: "Dr A. J.", never "Hep B. Smith" or "vitamin D. Jones").
_INITIALS_BEFORE = re.compile(
    r"(?:^|(?P<c>[(,:;/\n])[ \t]*|(?<![\w.])(?P<w>[A-Za-z]+)\.?[ \t]+)"
    r"(?P<i>[A-Z]\.(?:[ \t]?-?[ \t]?[A-Z]\.)*(?:[ \t]+|-)"
    r"(?:\([A-Z][\w'’ -]{0,24}\)[ \t]+)?)\Z"
)
# The word after a found given name on its line: particles, then a capitalised word.
_WORD_AFTER = re.compile(
    r"[ \t](?P<p>(?:(?:de|da|do|du|van|von|der|den|ter|ten|le|la|di|del|dos|das|bin|binti|al)"
    r"[ \t]+){0,2})(?P<w>[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)(?![\w'’-])"
)
# Walk 22: the surname on the next line, where a letter or a PDF wrapped the name ("Mr Frank
# / Bishop, says", "her carer Hope / Ward, five weeks"), and the sentence runs on after it (a
# comma or a word in lower case): a heading or a label on the next line is no surname.
_WORD_NEXT_LINE = re.compile(
    r"[ \t]*\n[ \t]*(?P<p>)(?P<w>[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)(?=,|[ \t]+[a-z])"
)
# A line that opens with a form's label: up to four words and a colon ("Sample collected:",
# "Reason for transfer:").
_LABEL_LINE = re.compile(r"[ \t]*\n[ \t]*[A-Z][\w'’-]*(?:[ \t]+[\w'’/()-]+){0,3}[ \t]*:")
# Round 20: a patronymic particle and the father's name after a found name, and a found name
# that opens with the particle (the given name before it is the person's).
_PATRONYM_AFTER = re.compile(
    r"[ \t]+(?:bin|binti|binte|bte|a/l|a/p|anak)[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?"
    r"(?![\w'’-])"
)
_PATRONYM_START = re.compile(r"(?:bin|binti|binte|bte|a/l|a/p|anak)[ \t]")
_GIVEN_BEFORE_PATRONYM = re.compile(r"(?:^|(?<=[\s(,:;]))(?P<w>[A-Za-z][a-zà-ÿ'’]+)[ \t]\Z")
# The word after that one, to see whether an eponym's head follows ("Kaposi sarcoma").
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+(?P<w>[A-Za-z]+)")
# A capitalised word before a found surname, with one space between.
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(,:;]))(?P<w>[A-Z][a-zà-ÿ'’]+)[ \t]\Z")
_HEADS = EPONYM_HEADS | HEADS_AFTER
# Round 16: a cell's opening (a pipe), a lower-case surname and its comma, then given names up to
# the found word; and the cell's end after it.
_REVERSED_CELL = re.compile(
    r"\|[ \t]*(?P<n>[a-z][a-zà-ÿ'’-]+,[ \t]+(?:[a-z][a-zà-ÿ'’-]+[ \t]+){0,2})\Z"
)
_CELL_END = re.compile(r"[ \t]*(?:\||[ \t]\s|\n|\Z)")
# Round 18: a census row's surname in capitals and its comma before found given names in
# capitals ("5W03  LE, TUAN ANH"), where the surname opens a field: the line's start, a cell's
# bar or a gap of two blanks. A two-letter surname is as often a clinical abbreviation, so it
# is read only before a found name.
_CAPS_SURNAME_CELL = re.compile(
    r"(?:^|\x00|\|[ \t]*|[ \t]{2,}|\t)(?P<n>[A-Z][A-Z'’-]{1,24},[ \t]+)\Z"
)
# Round 16: a lower-case word (and a middle initial) before a found lower-case surname, after a
# title, a role or a word that leads to a person; the cue is checked in _lower_given.
_LOWER_BEFORE = re.compile(
    r"(?:^|(?<![\w.]))(?P<cue>[A-Za-z]+)\.?[ \t]*:?[ \t]+"
    r"(?P<w>(?:[a-z][a-zà-ÿ'’]+|[a-z]\.)[ \t]+(?:[a-z]\.?[ \t]+)?)\Z"
)
# A title, honorific or role before a name ("Dr. med.", "Pharmacist:", "Frau").
# Round 15: with the Italian feminine ending of a title ("Dott.ssa", "Prof.ssa").
_CUE_BEFORE = re.compile(r"(?P<w>[A-Za-z]+)(?:\.ssa)?\.?[ \t]*:?[ \t]*\Z")
_CUES = TITLES | HONORIFICS | ROLES | COLON_ROLES | {"med"}
# Words that lead to a person's initials ("seen by A. B. Smith", "regards A. Smith").
_LEADS = frozenset({"by", "and", "from", "to", "with", "per", "cc", "regards", "signed", "dear"})
# A word before a date that makes the date a document's timestamp.
_STAMP_WORDS = re.compile(
    r"(?i:\b(?:e-?signed|signed|authori[sz]ed(?:[ \t]+electronically)?|electronically|"
    r"verified|validated|approved|reported|dictated|typed|transcribed|prepared|printed|"
    r"finali[sz]ed))[ \t]*(?:on|at|:)?[ \t]*\Z"
)
_CLOCK_AFTER = re.compile(r"[ \t]+(?:at[ \t]+)?[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?![\d:.]\d)")
# Session 42 (walk 42d): a signature or dictation line stamps its date wherever the date stands
# on it ("Dictated by Fergus Lachance-Whyte, 17/10/2023 16:52", "Electronically signed: Tomás
# Aguirre Beltrán, MD, NPI 1740293856, 02/15/2024 02:13"): the line opens with the stamp word
# and no other field's label (a colon) comes before the date ("Reported: ... Collected: 18/06
# 08:40" keeps the collection's time).
_STAMP_LINE = re.compile(
    r"(?i:(?:^|(?<=\n))[ \t*>-]*(?:electronically[ \t]+)?(?:e-?signed|signed|co-?signed|"
    r"counter-?signed|authori[sz]ed|verified|validated|approved|reported|dictated|typed|"
    r"transcribed|prepared|finali[sz]ed)(?:[ \t]+(?:electronically|by))?[ \t]*:?)[^:\n]*\Z"
)
# A line that is a signature: a person's name first, then only roles, credentials, titles,
# punctuation and the words of signing for another ("Dr Emily Zhou-Carruthers, RMO, for Dr
# O'Sullivan-Hay   09/02/2024 14:20"), the date and its time last on the line.
_SIGNING_FOR = frozenset({"for", "pp", "p.p", "per", "on", "behalf", "of", "and"})
_SIGNATURE_WORD = re.compile(r"[A-Za-z][A-Za-z.]*")
_LINE_END_AFTER = re.compile(r"[ \t.]*(?:\n|\Z)")


def _signature_line(text: str, date: Redaction, people: list[Redaction]) -> bool:
    """Whether ``date`` closes a line of names and roles only (see _SIGNING_FOR)."""
    line_start = text.rfind("\n", 0, date.start) + 1
    names = [p for p in people if p.kind in _PERSON_KINDS and line_start <= p.start < date.start]
    if not names:
        return False
    residue = list(text[line_start : date.start])
    for name in names:
        residue[name.start - line_start : name.end - line_start] = " " * (name.end - name.start)
    first_name = min(n.start for n in names) - line_start
    before_name = "".join(residue[:first_name]).split()
    if any(word.rstrip(".").lower() not in TITLES for word in before_name):
        return False
    for word in _SIGNATURE_WORD.findall("".join(residue)):
        bare = word.rstrip(".")
        lower = bare.lower()
        if not (
            lower in TITLES
            or lower in ROLES
            or lower in _SIGNING_FOR
            or (bare.isupper() and len(bare) <= 6)
        ):
            return False
    return True


def grown_person_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Names of ``spans`` grown over their initials, surname or given name, and signed dates over
    their clock time (each grown span holds the old one, so the two merge), and the names that
    a census list, a particle or a message header gives away (deid_list_names)."""
    spans = list(spans)
    late = list(list_name_spans(text, spans, lex))
    # Round 19: those present, apologising or copied in minutes and letters (deid_attendees).
    checkpoint()
    late += attendee_spans(text, lex)
    # Round 20: one-word names after a role, before a telephoning verb, initials after "by".
    checkpoint()
    late += role_name_spans(text, lex)
    # and one-word surnames in a table's column headed by a role (deid_role_columns).
    checkpoint()
    late += role_column_spans(text, lex)
    # Session 49: a relative named in lower case before what they did ("wife summer rang").
    checkpoint()
    late += lower_relative_spans(text, lex)
    # Round 21: names after a rank, a role's "is", before a possessive kin word, sign-offs
    # (deid_person_contexts); then each one-word name these found, elsewhere in the text.
    checkpoint()
    late += person_context_spans(text, lex)
    checkpoint()
    yield from late
    checkpoint()
    yield from echoed_names(text, late, lex)
    checkpoint()
    parts = list(grown_name_parts(text, spans + late, lex))
    yield from parts
    # Session 49: the given name closing a cell after a surname in capitals ("VAN WYK, Johannes").
    checkpoint()
    yield from census_given_spans(text, spans + late + parts, lex)
    for red in checked(spans, every=64):
        if red.kind in _PERSON_KINDS:
            yield from _grown_name(text, red, lex)
        elif red.kind == "date":
            clock = _CLOCK_AFTER.match(text, red.end)
            if clock is not None and not (
                _STAMP_WORDS.search(text, max(0, red.start - _WINDOW), red.start)
                or _STAMP_LINE.search(text, text.rfind("\n", 0, red.start) + 1, red.start)
                or (_LINE_END_AFTER.match(text, clock.end()) and _signature_line(text, red, spans))
            ):
                clock = None
            if clock is not None:
                # The date's own replacement (shifted, or its year): "Reported: [DATE]" beside
                # "Collected: 2025-04-13" broke the intervals the shift keeps. The time is said
                # to have been there (walk 23: "Reported : 22-01-2025 08:30" lost its time
                # without a trace, beside a collection time kept).
                digits = clock.group().lstrip(", \t")
                words = clock.group()[: len(clock.group()) - len(digits)]
                if digits.startswith("at"):
                    at = len(digits) - len(digits[2:].lstrip(" \t"))
                    words, digits = words + digits[:at], digits[at:]
                yield Redaction(
                    "date",
                    red.start,
                    clock.end(),
                    text[red.start : clock.end()],
                    f"{red.replacement}{words}[TIME]",
                )


def _grown_name(text: str, red: Redaction, lex: Lexicon) -> Iterator[Redaction]:
    start, end = red.start, red.end
    # The text before the span on its line; "^" matches only a line's true start.
    first = max(0, start - _WINDOW)
    window = (
        text[first:start] if first == 0 or text[first - 1] == "\n" else "\x00" + text[first:start]
    )
    # Each pattern is tried only where the characters beside the span can start it: this runs
    # for every found name of a record.
    tail = window.rstrip(" \t")
    initials = _initials(window, lex) if tail[-1:] in (".", ")", "-") else ""
    if not initials and tail[-1:].isupper() and len(tail) < len(window):
        initials = _bare_initials(window, lex)
    if initials:
        start -= len(initials)
    elif tail[-1:].isalpha() and len(tail) < len(window):
        before = _WORD_BEFORE.search(window, max(0, len(window) - _WINDOW // 2))
        if before is not None and _given_name(before.group("w"), lex):
            start -= len(before.group())
    if start == red.start and tail[-1:] == "," and text[red.start : red.end].isupper():
        cell = _CAPS_SURNAME_CELL.search(window, max(0, len(window) - 32))
        start -= len(cell.group("n")) if cell is not None else 0
    if start == red.start and text[start : start + 1].islower() and len(tail) < len(window):
        start -= len(_lower_given(window, lex))
        if start == red.start and _CELL_END.match(text, end):
            cell = _REVERSED_CELL.search(window, max(0, len(window) - _WINDOW))
            start -= len(cell.group("n")) if cell is not None else 0
    last = (text[red.start : red.end].rsplit(None, 1) or [""])[-1]
    after = _WORD_AFTER.match(text, end) if text[end : end + 1] in (" ", "\t") else None
    if (
        after is None
        and text[end : end + 1] in (" ", "\t", "\n")
        # deidfix33 (walk 35): only a name of one word waits for its surname on the next line
        # ("Mr Frank / Bishop, says"); a whole name does not ("Dr. Ashwin Kulkarni / Sample
        # collected: ..." took "Sample"), nor does a line that opens with a form's label.
        and len(red.original.split()) == 1
        and _LABEL_LINE.match(text, end) is None
    ):
        after = _WORD_NEXT_LINE.match(text, end)
    # Round 15: the capitalised word after a found name that a title opens is the surname
    # ("Dott.ssa [Giulia] Alvarado", where "Giulia" is on no list); otherwise only after a
    # listed given name ("Unidad de Ictus", "Fortführung von Eliquis" stay).
    if after is not None and not (
        _given_name(last, lex)
        or (
            last[:1].isupper()
            and last.isalpha()
            and red.start == start
            and (_cued(window) or _relation_before(window))
        )
    ):
        after = None
    if (
        after is not None
        and _surname_after(text, after, lex)
        # A known word after a given name (an eponym, "Su Holter 24 horas") is a surname only
        # where a title or a role names the person ("Dr. med. Ulrike Kaposi").
        and (
            not lex.known(after.group("w").lower())
            or bool(after.group("p"))
            or _cued(window)
            or _relation_after(text, after.end())
            or _relation_before(window)
        )
    ):
        end = after.end()
    if end == red.end and text[end : end + 1] == " ":
        end = _initials_after(text, red, lex)
    # Round 20: a Malay or Tamil patronymic ("Aini binte Hashim", "Kumar a/l Raju") joins the
    # father's name to the person's, whichever side of it the rules found.
    if text[end : end + 1] in (" ", "\t"):
        patronym = _PATRONYM_AFTER.match(text, end)
        if patronym is not None:
            end = patronym.end()
    if start == red.start and _PATRONYM_START.match(text, start):
        given = _GIVEN_BEFORE_PATRONYM.search(window)
        if given is not None and (
            given.group("w")[:1].isupper() or not lex.known(given.group("w").lower())
        ):
            start -= len(given.group())
    if (start, end) != (red.start, red.end):
        yield Redaction(red.kind, start, end, text[start:end], red.replacement)


# Round 18 (walk 21): a surname written as a reference list writes it, its initials after it
# without stops ("Discussed with Gordon WD by phone", "Okafor CN, Lund P."). One to three
# capitals, then punctuation, a line's end, a short function word, or a bracket or dash before
# words in lower case ("Kirsty N (dressing change)").
_INITIALS_AFTER = re.compile(
    r" (?P<i>[A-Z]{1,3})"
    r"(?:[,;)]|\.(?![\w'’-])|[ \t]*$|[ \t]+(?:by|on|at|via|re|and|for|from|to)\b"
    # Round 19: a table's cell ends it too ("| STRACHAN, William J     | 0211...").
    r"|[ \t]*\||[ \t]{2,}(?=\S)"
    r"|[ \t]+[(–-][ \t]?[a-z])",
    re.M,
)
# Capitals after a surname that are the person's role, credential or side, never initials.
_NOT_INITIALS = frozenset(
    {w.upper() for w in ROLES | COLON_ROLES | TITLES}
    | {"MD", "DO", "PA", "NP", "PHD", "DDS", "MBBS", "FRCS", "FRCP", "MRCP", "RD", "OD", "OS"}
    | {"OU", "RE", "LE", "BE", "AM", "PM", "UK", "US", "USA", "NHS", "ICU", "ED", "AE", "JR"}
    | {"SR", "II", "III", "IV", "CT", "MR", "MRI", "XR", "I", "A", "V", "X"}
)


def _initials_after(text: str, red: Redaction, lex: Lexicon) -> int:
    """Where a found one-word name ends once its initials after it are taken ("[Gordon WD] by
    phone"); its own end where no initials follow. A clinical word, an abbreviation of the
    clinical lists or a role stays ("Dr Ahmed ENT", "Nurse Bell RN", "Dr Park CT.")."""
    original = red.original
    if not original[:1].isupper() or not original.isalpha() or original.isupper():
        return red.end
    match = _INITIALS_AFTER.match(text, red.end)
    if match is None:
        return red.end
    value = match.group("i")
    if _no_initials(value, lex) or (len(value) == 3 and clinical_abbreviation(value)):
        return red.end
    return match.end("i")


def _no_initials(value: str, lex: Lexicon) -> bool:
    """Capitals that are a role, a credential, a side or a word of the lists, never a person's
    initials ("RN", "ENT", "CT", "OD")."""
    lower = value.lower()
    return (
        value in _NOT_INITIALS or lower in CLINICAL_SHORT or lex.known(lower) or lex.clinical(lower)
    )


def _initials(before: str, lex: Lexicon) -> str:
    """The initials (and bracketed nickname) that end ``before``, or "" where there are none or
    the word before them makes them no initials: only a title, a role, a word that leads to a
    person ("by", "regards") or a word of no English (a role in another language, "huisarts")
    stands before initials; "hepatitis B. Smith", "Hep B. Smith" and "vitamin D. Jones" end a
    sentence with a clinical word."""
    found = _INITIALS_BEFORE.search(before)
    if found is None:
        return ""
    word = found.group("w")
    if (
        word is not None
        and word.lower() not in _CUES | _LEADS
        and (not word.islower() or lex.known(word))
    ):
        return ""
    initials = found.group("i")
    # One initial alone opens list items and ends sentences ("B. Plan", "type A."): it is a
    # person's only after a comma or a word that leads to one ("Regards, P. du Plessis").
    if (
        sum(c.isupper() for c in initials.split("(")[0]) == 1
        and word is None
        and found.group("c") != ","
    ):
        return ""
    return initials


# Session 47: initials without stops before a found name, after a title or a word that leads to
# a person ("Prof JJ van Rensburg", "by MJ de Villiers").
_BARE_INITIALS_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<w>[A-Za-z]+)\.?[ \t]+(?P<i>[A-Z]{1,3}[ \t]+)\Z"
)


def _bare_initials(before: str, lex: Lexicon) -> str:
    """The initials without stops that end ``before`` after a title, a role or a word that
    leads to a person, or "": capitals that are a role, a credential, a clinical abbreviation
    or a word stay ("Dr ENT Jones" is no one's initials, nor "by CT Smith")."""
    found = _BARE_INITIALS_BEFORE.search(before, max(0, len(before) - 24))
    if found is None or found.group("w").lower() not in _CUES | _LEADS:
        return ""
    value = found.group("i").strip()
    if _no_initials(value, lex) or clinical_abbreviation(value):
        return ""
    return found.group("i")


def lower_given_before(text: str, start: int, lex: Lexicon) -> str:
    """The lower-case given name (and middle initial) before a found lower-case surname at
    ``start`` after a title or a role, or "" (for the initials of such a name)."""
    first = max(0, start - _WINDOW)
    window = text[first:start]
    if first and text[first - 1] != "\n":
        window = "\x00" + window  # "^" matches only a line's true start
    return _lower_given(window, lex) if window[-1:] in (" ", "\t") else ""


def _lower_given(before: str, lex: Lexicon) -> str:
    """The lower-case given name (and middle initial) that ends ``before`` after a title or a
    role ("dr sam "), or "" where there is none. After a word that only leads to a person
    ("to", "by") the given name must be no English word ("referred to see [smith]" stays)."""
    at = max(0, len(before) - _WINDOW // 2 - 8)
    # The leftmost reading may take a cue for the given name ("referring: sr p. "): the next
    # word is tried as the cue then, twice at most.
    for _ in range(3):
        found = _LOWER_BEFORE.search(before, at)
        if found is None:
            return ""
        given = found.group("w").split()[0]
        cue = found.group("cue").lower()
        if cue in _CUES or (cue in _LEADS and not lex.known(given)):
            if lex.clinical(given) or given in _LEADS or given in _CUES:
                return ""
            return found.group("w")
        at = found.start("w")
    return ""


# Round 19: a relation in brackets after a name ("Susan Lewy (daughter)") says it is a person's
# whole name, even where the surname is a known word or an eponym.
_BRACKET_WORD = re.compile(r"[ \t]*\([ \t]*(?P<w>[a-z]+)")


# Round 19: a relation before the given name, a title perhaps between ("Ehemann Gerd Basedow",
# "madre Sig.ra Anna Maria Loi", "husband Mr Tom Crohn"): the words after are a person's name.
_RELATION_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<w>[^\W\d_]+)[ \t]+"
    r"(?:(?:Sig\.ra|Sig\.|Sra\.|Sr\.|Mr|Mrs|Ms|Frau|Herr|Mme|Mevr|Dhr)\.?[ \t]+)?\Z"
)


def _relation_before(before: str) -> bool:
    found = _RELATION_BEFORE.search(before, max(0, len(before) - 30))
    return found is not None and found.group("w").lower() in RELATIONS


def _relation_after(text: str, at: int) -> bool:
    found = _BRACKET_WORD.match(text, at)
    return found is not None and found.group("w") in RELATIONS


def _cued(before: str) -> bool:
    """Whether the text before a name ends with a title, an honorific or a role."""
    cue = _CUE_BEFORE.search(before)
    return cue is not None and cue.group("w").lower() in _CUES


def _given_name(word: str, lex: Lexicon) -> bool:
    """A listed given name that is no English or clinical word ("Paolo", not "Will" or "May")."""
    lower = word.lower()
    return lower in lex.given_names and lower not in lex.english and not lex.clinical(lower)


def _surname_after(text: str, after: re.Match[str], lex: Lexicon) -> bool:
    """Whether the capitalised word after a given name is the person's surname: not a plain
    English word (unless a particle stands before it or it is a listed surname), and no eponym's
    head after it ("Kaposi sarcoma", "Alvarado score")."""
    word = after.group("w").lower()
    particle = bool(after.group("p")) and all(
        p.lower() in PARTICLES for p in after.group("p").split()
    )
    if not particle and word in lex.english and word not in lex.surnames:
        return False
    nxt = _NEXT_WORD.match(text, after.end())
    return nxt is None or fold(nxt.group("w").lower()) not in _HEADS
