"""The rest of a name the rules found, and the same name inflected (issue 16, session 62,
deid62b).

Three forms a note gives a person after another rule has found them, each read from the found
name itself, so they need no list of names:

- the initial left beside a found surname at a line's end or a table cell's end: "[Khoury], E",
  "[PARKINSON] J" (a signature). deid_name_forms refuses an undotted initial after a comma
  ("Smith, A and E" is a list); where the surname itself was read as a person in that very place
  and the line ends after the letter, the letter is the person's initial;
- the initials of the typist or co-signer after a found name and a slash at a line's end
  ("[Brandt]/me", "[Hofer]/Pi", "[King R.]/rr"), after a signature line that opens with the name
  ("[Pekka Nieminen], LL, neurologist / pn"), and an e-mail's "-- MB" on a note's last line;
- a found name in another grammatical case, as Finnish, Estonian, Baltic, Slavic and Hungarian
  records write it: "Tamm" -> "Tamme", "Bērziņš" -> "Bērziņa", "Nagy" -> "Nagynak",
  "Horvat" -> "Horvatovoj", "Kazlauskienė" -> "Kazlauskienei", "Kazlauskas" -> "Kazlauskaitė".
  The word must be the found name's stem (the name less at most three letters, four letters
  left at least) plus a case or family ending, and no word the lexicon explains ("Rosea" beside
  a found "Rose" stays).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_name_forms import _inside, _name
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_surname_initials import _clinical_phrase_heads

_NAME_KINDS = frozenset({"name", "patient_name"})
# One capital initial, with or without its stop, after a comma or a blank, ending a line or a
# table cell: "Khoury, E", "PARKINSON J", "| Kerr, L |".
_END_INITIAL = re.compile(r"(?:,[ \t]*|[ \t]+)[A-Z]\.?(?=[ \t]*(?:\n|\Z|\|))")
# A slash and two or three letters ending the line: a typist's or co-signer's initials.
_SLASH_INITIALS = re.compile(r"\.?[ \t]*/[ \t]*(?P<ini>[A-Za-z]{2,3})(?=[ \t]*(?:\n|\Z))")
# The same after a blank, in lower case, at the end of a signature line: "... / pn".
_LINE_END_INITIALS = re.compile(r"[ \t]/[ \t]*(?P<ini>[a-z]{2,3})(?=[ \t]*(?:\n|\Z))")
# An e-mail's sign-off on the note's last line: "-- MB".
_DASH_SIGN_OFF = re.compile(r"(?m)^[ \t]*(?:--|—|–)[ \t]*(?P<ini>[A-Z]{2,3})[ \t]*\Z")
# A writer's initials in capitals and the typist's in lower case ending a line, the reference of
# a letter ("AT/rw", "JK/cd"); and a line that is a dash and initials ("-ro", "-mi/gr").
_REFERENCE = re.compile(
    r"(?m)(?:^|(?<=[ \t]))-?(?P<a>[A-Z]{2,3})/(?P<b>[a-z]{2,3})(?=[ \t]*$)"
    r"|^[ \t]*-[ \t]*(?P<c>[a-z]{2,3})(?:/(?P<d>[a-z]{2,3}))?(?=[ \t]*$)"
)
# A surname before a comma and a given name another rule found, where a list or a bed table
# writes "Surname, Given": at a line's or a cell's start, after a label's colon or a bed number.
_SURNAME_BEFORE = re.compile(
    r"(?:^|[|:]|\b(?:[Bb]ed|[Bb]ay|[Rr]oom|[Cc]ot)[ \t]+\d{1,3})[ \t]*"
    r"(?P<w>[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?)[ \t]*,[ \t]*\Z"
)
# A capitalised word, the candidate inflected form.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]{3,}(?![\w'’-])")
# Case and family endings (folded, without diacritics) of the languages whose records inflect a
# surname: Finnish and Estonian cases, Lithuanian and Latvian cases and the married and
# daughters' forms, Polish, Czech, Slovak and Croatian cases and feminine forms, Hungarian cases.
_ENDINGS = frozenset(
    {
        # Finnish, Estonian
        "n", "a", "lle", "lla", "lta", "sta", "ssa", "en", "sen", "selle", "sella", "selta",
        "sesta", "sessa", "seen", "ksi", "na", "e", "ga", "le", "lt", "st", "ni", "ks", "il",
        # Lithuanian, Latvian
        "as", "ui", "u", "o", "ei", "ai", "am", "iene", "ienei", "ienes", "aite",
        "aites", "yte", "ute", "ienu", "us",
        # Polish, Czech, Slovak, Croatian, Slovene, Serbian
        "em", "om", "owi", "ovi", "owa", "owej", "owie", "ova", "ove", "ovou", "ovoj", "ovu",
        "ovom", "ego", "emu", "im", "ym", "ej", "ou", "y", "iem", "ie", "iego", "iemu",
        # Hungarian
        "nak", "nek", "nal", "nel", "tal", "tel", "val", "vel", "t", "ot", "et", "at", "hoz",
        "hez", "rol", "tol", "ban", "ben", "ra", "re", "ert", "ne",
    }
)  # fmt: skip
# The endings that make a daughter's, a wife's or a woman's form of a family name.
_FAMILY_ENDINGS = frozenset(
    {"aite", "aites", "iene", "ienei", "ienes", "ienu", "yte", "ute", "owa", "owej", "ova", "ovou"}
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# A found name's word must be this long for its other cases to be read, and keep this many
# letters as the stem.
_STEM = 4
_MOST_DROPPED = 3
_NOT_INITIALS = ROLES | TITLES


def name_variant_spans(text: str, found: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The initials beside, and the inflected forms of, the names ``found`` holds in ``text``."""
    names = [red for red in found if red.kind in _NAME_KINDS]
    if not names:
        return
    yield from _end_initials(text, names)
    yield from _slash_initials(text, names)
    yield from _last_line_sign_off(text)
    yield from _references(text, lex)
    yield from _surnames_before(text, names, lex)
    yield from _inflected_forms(text, names, lex)


def _end_initials(text: str, names: list[Redaction]) -> Iterator[Redaction]:
    for red in names:
        initial = _END_INITIAL.match(text, red.end)
        if initial is not None and _is_word_end(text, red.end):
            yield _name(text, red.start, initial.end())


def _is_word_end(text: str, end: int) -> bool:
    return end > 0 and text[end - 1].isalpha()


def _slash_initials(text: str, names: list[Redaction]) -> Iterator[Redaction]:
    for red in names:
        slash = _SLASH_INITIALS.match(text, red.end)
        if slash is not None and _initials(slash.group("ini")):
            yield _name(text, slash.start("ini"), slash.end("ini"))
            continue
        line_start = text.rfind("\n", 0, red.start) + 1
        if text[line_start : red.start].strip(" \t").rstrip(".").lower() not in TITLES | {""}:
            continue  # the signature line opens with the name, or its title
        line_end = text.find("\n", red.end)
        line = text[red.end : len(text) if line_end < 0 else line_end]
        tail = _LINE_END_INITIALS.search(line)
        if tail is not None and _initials(tail.group("ini")):
            yield _name(text, red.end + tail.start("ini"), red.end + tail.end("ini"))


def _initials(letters: str) -> bool:
    """Two or three letters that sign: not a role ("/SHO"), and a capitalised abbreviation
    ("/ICU", "/ED") is a team's, not a person's."""
    if letters.lower() in _NOT_INITIALS:
        return False
    return not (letters.isupper() and clinical_abbreviation(letters))


def _last_line_sign_off(text: str) -> Iterator[Redaction]:
    match = _DASH_SIGN_OFF.search(text.rstrip())
    if match is not None:
        yield _name(text, match.start("ini"), match.end("ini"))


def _references(text: str, lex: Lexicon) -> Iterator[Redaction]:
    for match in skipped_finditer(_REFERENCE, text):
        typist = match.group("b") or match.group("c")
        # "IV/po", "PO/ng", "- nil": a route, a dose or a word, not a typist.
        second = match.group("d")
        if lex.known(typist) and (not second or lex.known(second)):
            continue
        for group in ("a", "b", "c", "d"):
            if match.group(group):
                yield _name(text, match.start(group), match.end(group))


def _surnames_before(text: str, names: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    for red in names:
        if red.start == 0 or text[red.start - 1 : red.start].strip(" \t") not in {",", ""}:
            continue
        line_start = text.rfind("\n", 0, red.start) + 1
        before = _SURNAME_BEFORE.search(text, line_start, red.start)
        if before is None:
            continue
        written = before.group("w")
        surname = fold(written)
        # "Also, [John]": a word the lexicon explains is a surname only when a list holds it.
        if lex.clinical(surname) or (lex.known(surname) and not lex.name_like(surname)):
            continue
        # After a label's colon the value is a name only in a record system's capitals
        # ("ORDERING: PATEL, [RINA]"); "Anesthesia: MAC, [Owen]", "KK: CSS, ..." and "Dr Hunt:
        # Morning, [Evelyn]" are an abbreviation, an insurer and a greeting.
        if text[before.start() : before.start("w")].strip(" \t") == ":" and not (
            written.isupper() and len(written) >= 5
        ):
            continue
        if clinical_abbreviation(written):
            continue
        yield _name(text, before.start("w"), before.end("w"))


def _inflected_forms(text: str, names: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    stems = _stems(text, names, lex)
    if not stems:
        return
    covered = [(red.start, red.end) for red in names]
    for match in skipped_finditer(_CAPITALISED, text):
        word = fold(match.group())
        if match.group().isupper() or _inside(covered, match.start(), match.end()):
            continue  # a heading in capitals ("CHIMICA CLINICA") is no name's case
        ending = next((word[len(s) :] for s, w in stems if _ends_as_case(word, s, w)), None)
        if ending is None or lex.clinical(word) or _clinical_or_label(text, match.end(), word):
            continue
        # A family ending makes the word a surname whatever the lexicon's foreign reading says
        # ("Kazlauskaitė", a daughter of Kazlauskas, reads as a cognate ending "-ite").
        if ending in _FAMILY_ENDINGS or not lex.known(word):
            yield _name(text, match.start(), match.end())


def _stems(text: str, names: list[Redaction], lex: Lexicon) -> list[tuple[str, str]]:
    """Each found name's word long enough to inflect, with the stems it may take."""
    stems: set[tuple[str, str]] = set()
    for red in names:
        for word in re.findall(r"[^\W\d_]+", text[red.start : red.end]):
            whole = fold(word)
            if len(whole) < _STEM or lex.clinical(whole) or clinical_abbreviation(word):
                continue
            for dropped in range(_MOST_DROPPED + 1):
                if len(whole) - dropped >= _STEM:
                    stems.add((whole[: len(whole) - dropped], whole))
    return sorted(stems)


def _ends_as_case(word: str, stem: str, whole: str) -> bool:
    """``word`` is ``stem`` and an ending, and not the found word cut short ("Garda" beside a
    found "Gardaí")."""
    return not whole.startswith(word) and word.startswith(stem) and word[len(stem) :] in _ENDINGS


def _clinical_or_label(text: str, end: int, word: str) -> bool:
    """An eponym's or an organism's word ("Hendra virus", "Milan criteria") or a label's word
    before its colon ("Farmacia: ...")."""
    if word in _clinical_phrase_heads() or text[end : end + 1] == ":":
        return True
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1).lower() in EPONYM_HEADS
