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
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate

from medlocal.privacy.deid_declined_eponyms import _ADJECTIVE_HEADS, HEADS_FIRST
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_name_forms import _name
from medlocal.privacy.deid_people_words import ROLES, SOFT_CUES, TITLES
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
# Multiline: a ward list's second line starts a line too (review62b: only the note's first did).
_SURNAME_BEFORE = re.compile(
    r"(?m)(?:^|[|:]|\b(?:[Bb]ed|[Bb]ay|[Rr]oom|[Cc]ot)[ \t]+\d{1,3})[ \t]*"
    r"(?P<w>[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?)[ \t]*,[ \t]*\Z"
)
# A greeting or a closing before a comma and a found name, in the languages of the halves ("Best,
# Giorgi", "Hälsningar, Amir", "Hi, Tom"): no surname.
_GREETINGS = SOFT_CUES | {
    "best", "kind", "warm", "warmest", "hi", "hello", "hey", "thank", "morning", "afternoon",
    "evening", "halsningar", "mvh", "hilsen", "terveisin", "gruss", "grusse", "groeten",
    "saludos", "cordialement", "saluti", "cumprimentos", "pozdrawiam", "pozdrav", "pozdravy",
    "udvozlettel", "hola", "hallo", "hej", "moi", "ciao", "bonjour", "merci", "danke", "gracias",
}  # fmt: skip
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
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
# The word before a found name's case, when it is a head a declined eponym follows ("Zespół
# Downa", "choroba Parkinsona"): the name in the head's case, the eponym (review62b).
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+\Z")
# The heads after a name's possessive adjective or genitive, as deid_declined_eponyms keeps
# them ("Wilsonova choroba", "Addisonova nemoc"), and the Baltic and Finnic heads after a
# name's genitive ("Wilsono liga", "Parkinsona slimība", "Parkinsonin tauti").
_HEADS_AFTER_A_CASE = _ADJECTIVE_HEADS | {
    "liga", "ligos", "ligai", "sindromas", "sindromo", "slimiba", "slimibas", "sindroms",
    "tauti", "taudin", "taudissa", "oireyhtyma", "tobi", "haigus", "sundroom",
}  # fmt: skip
# The endings of a genitive or a possessive adjective (folded: "-ův" is "-uv").
_GENITIVE_ENDINGS = frozenset({"a", "o", "s", "n", "in", "ova", "ove", "ovo", "ovy", "ov", "uv"})
# A found name's word must be this long for its other cases to be read, and keep this many
# letters as the stem.
_STEM = 4
_MOST_DROPPED = 3
_NOT_INITIALS = ROLES | TITLES
# How far before a found name a title, a bed number or a cell's bar is looked for: a name's
# line may be a whole pasted record, and reading it back to its start for every name is
# quadratic.
_BEFORE = 80
# The routes a prescription pairs with a slash ("PR/pv", "IM/sc", "SL/po").
_ROUTES = frozenset(
    {"po", "pr", "pv", "iv", "im", "sc", "sl", "ng", "pg", "ngt", "peg", "top", "inh"}
)
# A line that is an item of a list: it opens with a dash or a bullet, or a label's colon ends it.
_LIST_ITEM = re.compile(r"[ \t]*[-–—*•]|.*:[ \t]*\Z")


def name_variant_spans(text: str, found: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The initials beside, and the inflected forms of, the names ``found`` holds in ``text``."""
    names = [red for red in found if red.kind in _NAME_KINDS]
    if not names:
        return
    yield from _end_initials(text, names)
    yield from _slash_initials(text, names)
    yield from _last_line_sign_off(text, names)
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
        line_start = text.rfind("\n", max(0, red.start - _BEFORE), red.start) + 1
        if line_start == 0 and red.start > _BEFORE:
            continue  # far into a line: no signature line opens here
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


def _last_line_sign_off(text: str, names: list[Redaction]) -> Iterator[Redaction]:
    match = _DASH_SIGN_OFF.search(text.rstrip())
    if match is None or _in_a_list(text, match.start(), match.end()):
        return  # "Problems:\n- PO\n-- MR": a list's last item
    letters = match.group("ini")
    # "-- AF", "-- CXR" end a note as a finding or a task; the same letters sign it only when
    # they are the initials of a name the note gave ("Mark Rowe" ... "-- MR").
    if clinical_abbreviation(letters) and letters not in _initials_of(names):
        return
    yield _name(text, match.start("ini"), match.end("ini"))


def _initials_of(names: list[Redaction]) -> set[str]:
    words = (re.findall(r"[^\W\d_]+", red.original) for red in names)
    return {"".join(word[0] for word in found).upper() for found in words if len(found) > 1}


def _in_a_list(text: str, start: int, end: int) -> bool:
    """The line holding ``start``..``end`` is an item of a list: the line before or after it
    opens with a dash or a bullet, or the line before is a label ("Allergies:")."""
    line_start = text.rfind("\n", 0, start) + 1
    before_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    after_end = text.find("\n", end + 1)
    before = text[before_start : line_start - 1] if line_start else ""
    after = text[end + 1 : len(text) if after_end < 0 else after_end] if end < len(text) else ""
    return bool(
        (before.strip() and _LIST_ITEM.match(before))
        or (after.strip() and re.match(r"[ \t]*[-–—*•]", after))
    )


def _references(text: str, lex: Lexicon) -> Iterator[Redaction]:
    for match in skipped_finditer(_REFERENCE, text):
        typist = match.group("b") or match.group("c")
        # "IV/po", "PO/ng", "- nil": a route, a dose or a word, not a typist.
        second = match.group("d")
        if lex.known(typist) and (not second or lex.known(second)):
            continue
        if _not_a_reference(text, match, typist, second):
            continue
        for group in ("a", "b", "c", "d"):
            if match.group(group):
                yield _name(text, match.start(group), match.end(group))


def _not_a_reference(text: str, match: re.Match[str], typist: str, second: str | None) -> bool:
    """A pair of routes ("PR/pv", "IM/sc"), or a dash item of a list
    ("Meds:\n- asa\n- ppi", "Allergies:\n-pcn", "-abx" above "-hcq"), not a reference."""
    writer = match.group("a")
    if writer is not None:  # "MB/mx", "TA/fo" sign though both halves abbreviate something
        return writer.lower() in _ROUTES and typist.lower() in _ROUTES
    if second is None and clinical_abbreviation(typist):
        return True
    return _in_a_list(text, match.start(), match.end())


def _surnames_before(text: str, names: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    for red in names:
        if red.start == 0 or text[red.start - 1 : red.start].strip(" \t") not in {",", ""}:
            continue
        line_start = text.rfind("\n", max(0, red.start - _BEFORE), red.start) + 1
        before = _SURNAME_BEFORE.search(text, max(line_start, red.start - _BEFORE), red.start)
        if before is None:
            continue
        written = before.group("w")
        surname = fold(written)
        if surname.lower() in _GREETINGS:
            continue
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
    # A word can take only the stems it opens with, so each word tries the stems that share its
    # first _STEM letters (in the same sorted order, so the same stem wins): trying every stem at
    # every capitalised word cost ~0.5 s on a twenty-page record of many names.
    by_opening: dict[str, list[tuple[str, str]]] = {}
    for stem, whole in stems:
        by_opening.setdefault(stem[:_STEM], []).append((stem, whole))
    inside = _Covered(names)
    # The plain search (speed63): a capitalised word's shape opens many words, so the skipper's
    # search for where each match opens cost more than the search itself (2.5 ms against 1.6).
    for match in _CAPITALISED.finditer(text):
        word = fold(match.group())
        if match.group().isupper() or inside(match.start(), match.end()):
            continue  # a heading in capitals ("CHIMICA CLINICA") is no name's case
        tried = by_opening.get(word[:_STEM], ())
        ending = next((word[len(s) :] for s, w in tried if _ends_as_case(word, s, w)), None)
        if (
            ending is None
            or lex.clinical(word)
            or _clinical_or_label(text, match.start(), match.end(), word, ending)
        ):
            continue
        # A family ending makes the word a surname whatever the lexicon's foreign reading says
        # ("Kazlauskaitė", a daughter of Kazlauskas, reads as a cognate ending "-ite").
        if ending in _FAMILY_ENDINGS or not lex.known(word):
            yield _name(text, match.start(), match.end())


class _Covered:
    """Whether a stretch lies inside one of the found names, in logarithmic time: a long note
    holds thousands of names and of capitalised words."""

    def __init__(self, names: list[Redaction]) -> None:
        spans = sorted((red.start, red.end) for red in names)
        self._starts = [start for start, _ in spans]
        self._reach = list(accumulate((end for _, end in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        opened = bisect_right(self._starts, start)
        return opened > 0 and self._reach[opened - 1] >= end


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


def _clinical_or_label(text: str, start: int, end: int, word: str, ending: str) -> bool:
    """An eponym's or an organism's word ("Hendra virus", "Milan criteria") or a label's word
    before its colon ("Farmacia: ..."), or a declined eponym after or before its head
    ("Wilsonova choroba", "Zespół Downa")."""
    if word in _clinical_phrase_heads() or text[end : end + 1] == ":":
        return True
    after = _NEXT_WORD.match(text, end)
    if after is not None and after.group(1).lower() in EPONYM_HEADS:
        return True
    # Only a genitive or a possessive adjective stands before such a head: "Wilsonova choroba",
    # "Wilsono liga"; "Bērziņam liga" is a disease's patient in the dative.
    if after is not None and fold(after.group(1)) in _HEADS_AFTER_A_CASE:
        return ending in _GENITIVE_ENDINGS
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and fold(before.group(1)) in HEADS_FIRST
