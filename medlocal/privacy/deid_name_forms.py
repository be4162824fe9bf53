"""A name found once in a note, removed again where the note writes it in another form (issue 16,
session 61, deid61c).

A note names its people more than once, and not always as the rule that found them reads a
name: the letter's signature is "OKAFOR A" and its footer "Okafor A reviewed" after "Mr Okafor"
was found; the night's entry writes "dr lindo" after "Dr Lindo"; the user who ordered the scan is
"wjordan" after "Jordan" was found. Each form is read from the names the other rules found in
the same note, so it generalises over cultures and spellings without a list:

- a found name followed by one capital initial or dotted initials ("Okafor A", "Garmendia I.",
  "Dahl B.", "Choi J.H."): the signer's surname-first form;
- a found name's word written in lower case after a lower-case title ("dr lindo", "mr daly");
- a lower-case title after a word that hands the note to a person ("seen by", "d/w", "cc") and
  a surname the lists hold or no list explains ("seen by dr smith today", "d/w dr gunawardena");
  without such a cue, "dr will review" and "mr well known" stay (deid_lower_names reads those
  only where the phrase ends);
- a lower-case word no list explains after a role ("FY2 catrin", "RN aroha"): the rules read
  a role's name when it is capitalised, or listed, and a hurried note writes neither;
- a login that is a found name with a few initials before or after it ("wjordan", "choijh",
  "casals.m", "vdMerwe", "MIZRAHI_D" after "Mizrahi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_eponyms import _SCALE_EPONYMS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_lower_names import SHORTHAND
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_surname_initials import _clinical_phrase_heads

_NAME_KINDS = frozenset({"name", "patient_name"})
_WORD = re.compile(r"[^\W\d_]+")
# A written-out name's word (capitalised or in capitals) followed by one capital initial (with
# or without its stop) or dotted initials: "Okafor A reviewed", "DAHL B.", "Choi J.H.". Never a
# letter glued to more ("A&E", "A-line", "A/B", "B12").
_INITIAL_AFTER = re.compile(
    r"(?<![\w.@])(?P<name>[^\W\d_][^\W\d_'’-]+)(?P<gap>[ \t]+|,[ \t]*)"
    r"(?P<init>(?:[A-Z]\.){1,3}|[A-Z](?![\w&/'’.-]))"
    r"(?=[,;:)/|\]]|\n|\Z|\.(?!\w)|[ \t])"
)
# A lower-case title and the word after it.
_TITLE = re.compile(r"(?<![\w.])(?P<title>mrs|mr|dr|drs|prof|dra|dott)\.?[ \t]+(?P<w>[^\W\d_]{3,})")
# What hands a note to a person just before the title ("seen by dr smith", "d/w mr daly").
_HANDED = re.compile(
    r"(?:\b(?:by|with|w|d/w|dw|per|cc|to|from|and|called|paged|bleeped|contacted|informed|"
    r"rang|asked|via)[ \t]*[:/]?[ \t]*)\Z",
    re.IGNORECASE,
)
# English words a surname list also holds that follow a title as a verb or a particle
# ("dr will review", "mr may attend", "dr to see", "dr said").
_NOT_AFTER_TITLE = frozenset(
    {
        "will", "may", "can", "said", "says", "say", "to", "on", "in", "at", "is", "was", "has",
        "had", "did", "does", "would", "should", "could", "must", "might", "and", "or", "not",
        "the", "also", "aware", "asked", "wants", "told", "came", "come", "saw", "see", "seen",
        "happy", "keen", "away", "here", "off", "over", "still", "just", "only", "now", "then",
        "today", "tomorrow", "there", "who", "what", "when", "why", "how", "please", "call",
        "note", "notes", "review", "reviewed", "rota", "team", "office", "letter", "round",
    }
)  # fmt: skip
# A role that names its holder next ("FY2 catrin", "RN aroha", "reg tomasz"), any case, and the
# lower-case word after it on the same line. Roles that are no person's post ("worker", "boss",
# "officer", "manager", "defender") are left out: "case worker visits".
_ROLE_NAMES = ROLES - {"worker", "boss", "officer", "manager", "defender", "bystander", "medic"}
_ROLE = re.compile(r"(?<![\w.])(?P<role>[A-Za-z][A-Za-z0-9]{1,15})[ \t]+(?P<w>[a-z][^\W\d_]{3,})\b")
# A login: letters, an optional full stop or underscore, more letters, digits at the end.
_LOGIN = re.compile(r"(?<![\w@.\\/-])[A-Za-z]+(?:[._][A-Za-z]+)?\d{0,3}(?![\w@]|\.\w)")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
# A found name's word must be this long to be looked for inside a login.
_LOGIN_STEM = 4
# What a login may add to the name: initials, and a number.
_LOGIN_REST = re.compile(r"[._]?[A-Za-z]{1,3}[._]?")
# The most characters ``_LOGIN_REST`` matches ("_abc.").
_LOGIN_REST_LONGEST = 5


def name_form_spans(text: str, found: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The other forms of the names ``found`` holds in ``text`` (see the module's docstring)."""
    names = [red for red in found if red.kind in _NAME_KINDS]
    if not names:
        yield from _handed_titles(text, set(), lex)
        yield from _role_names(text, lex)
        return
    words = _found_words(text, names, lex)
    yield from _initials_after(text, words)
    yield from _handed_titles(text, words, lex)
    yield from _role_names(text, lex)
    yield from _logins(text, names, words, lex)


def _found_words(text: str, names: list[Redaction], lex: Lexicon) -> set[str]:
    """The folded words of the found names that can stand for a person on their own: three
    letters at least, no clinical word ("Parkinson" of a relative is kept, "Hope" is not)."""
    words: set[str] = set()
    for red in names:
        for word in _WORD.findall(text[red.start : red.end]):
            lower = fold(word)
            if len(lower) >= 3 and not lex.clinical(lower) and not clinical_abbreviation(word):
                words.add(lower)
    return words


def _initials_after(text: str, words: set[str]) -> Iterator[Redaction]:
    for match in skipped_finditer(_INITIAL_AFTER, text):
        name = match.group("name")
        if not name[:1].isupper() or fold(name) not in words:
            continue
        initial = match.group("init")
        rest = text[match.end() : match.end() + 3].lstrip(" \t")
        # "I" before a lower-case word is the pronoun ("Jones I think"), "A" the article ("Hope
        # A bit better") unless a verb of signing follows ("Okafor A reviewed").
        if initial in {"I", "A"} and rest[:1].islower() and not _signing_verb(text, match.end()):
            continue
        if match.group("gap").startswith(",") and "." not in initial:
            continue  # "Smith, A and E" is a list, "Garmendia, I." is a name
        if _eponym_grade(text, match):
            continue
        yield _name(text, match.start(), match.end("init"))


# Roman grades a scale writes as one letter ("Killip I", "Hunt V").
_ROMAN = frozenset({"I", "I.", "V", "V.", "X", "X."})
# The word before a hyphen of a compound eponym ("Child-Pugh A").
_HYPHEN_BEFORE = re.compile(r"([^\W\d_]+)-\Z")
# A lower-case word after the letter: the noun the grade qualifies ("B ankle fracture").
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")


def _eponym_grade(text: str, match: re.Match[str]) -> bool:
    """The letter after a found name is a grade or a type where the name is also a scale's or
    an eponym's (review61c): "Weber B ankle fracture", "Child B cirrhosis", "Fisher C grade",
    "Killip I", "Child-Pugh A" beside a Dr Weber, Child, Fisher, Killip or Pugh of the note.
    Such a name keeps its initial form where a signing verb follows it ("Weber B reviewed") or
    the letter stands alone at a line's or sentence's end ("Weber B.", "FISHER C")."""
    name = fold(match.group("name"))
    hyphen = _HYPHEN_BEFORE.search(text, max(0, match.start() - 30), match.start())
    if hyphen is not None and _eponym_word(fold(hyphen.group(1))):
        return True
    if not _eponym_word(name):
        return False
    initial = match.group("init")
    if initial in _ROMAN and name in _SCALE_EPONYMS:
        return True
    return (
        "." not in initial
        and _LOWER_AFTER.match(text, match.end()) is not None
        and not _signing_verb(text, match.end())
    )


def _eponym_word(lower: str) -> bool:
    return lower in _SCALE_EPONYMS or lower in _clinical_phrase_heads()


_SIGNING_VERB = re.compile(
    r"[ \t]+(?:reviewed|signed|seen|checked|verified|approved|dictated|authorised|authorized|"
    r"agreed|countersigned|co-signed)\b"
)


def _signing_verb(text: str, at: int) -> bool:
    return _SIGNING_VERB.match(text, at) is not None


def _handed_titles(text: str, words: set[str], lex: Lexicon) -> Iterator[Redaction]:
    for title in skipped_finditer(_TITLE, text):
        word = title.group("w")
        lower = fold(word)
        if not word.islower() or lower in _NOT_AFTER_TITLE:
            continue
        if lower in words:
            yield _name(text, title.start("w"), title.end("w"))
            continue
        if lex.clinical(lower) or clinical_abbreviation(word) or lower in lex.products:
            continue
        if lower in _SPECIALTIES:
            continue  # "d/w dr onc", "paged dr vasc": the specialty's doctor (review61c)
        if _HANDED.search(text, max(0, title.start() - 20), title.start()) is None:
            continue
        if lower in lex.surnames or not lex.known(lower):
            yield _name(text, title.start("w"), title.end("w"))


def _role_names(text: str, lex: Lexicon) -> Iterator[Redaction]:
    # The plain search (speed63): a role's shape opens most words, so the skipper's search for
    # where each match opens cost more than the search itself (3.5 ms against 2 ms).
    for role in _ROLE.finditer(text):
        if role.group("role").lower() not in _ROLE_NAMES:
            continue
        word = role.group("w")
        lower = fold(word)
        if (
            lower in SHORTHAND
            or lower in _WORK_SHORTHAND
            or lower in _SPECIALTIES
            or lower in _PERSON_WORDS
            or lex.known(lower)
            or lex.clinical(lower)
            or clinical_abbreviation(word)
            or lower in lex.products
        ):
            continue
        yield _name(text, role.start("w"), role.end("w"))


_PERSON_WORDS = RELATIONS | ROLES | TITLES
# A role's work written short, no list holds it: "PT/OT eval", "volunteer coord", "nurse callback".
# Review61c: a shift's or a round's word written as one ("reg oncall", "FY1 wardround", "OT
# homevisit", "RN doublecheck").
_WORK_SHORTHAND = frozenset(
    {
        "eval", "evals", "coord", "callback", "callbacks", "reassess", "oncall", "takeover",
        "wardround", "homevisit", "washdress", "doublecheck", "doublechecked", "bleeps",
    }
)  # fmt: skip
# Review61c: a specialty written short after a role or a handed title ("SHO gynae", "reg
# vasc", "FY1 surg", "d/w dr onc"): the team's doctor, not a name. "endo" (a surname, Endō)
# and "geri" (a given name) are left out, so they still go.
_SPECIALTIES = frozenset(
    {
        "maxfax", "omfs", "ophtho", "optho", "ophth", "ophthal", "msk", "neph", "nephro",
        "palli", "onc", "onco", "oncol", "obgyn", "urogynae", "haemonc", "hemonc", "rheumy",
        "gastro", "gynae", "gyn", "gyne", "uro", "geris", "derm", "rheum", "haem", "heme",
        "neuro", "cardio", "pulm", "pulmo", "resp", "paeds", "peds", "paed", "ortho", "obs",
        "ent", "vasc", "plastics", "anaes", "anaesth", "anesth", "psych", "hepato", "immuno",
        "surg", "neurosurg", "micro", "renal", "haemat", "itu", "icu", "hdu", "ccu",
    }
)  # fmt: skip


def _logins(
    text: str, names: list[Redaction], words: set[str], lex: Lexicon
) -> Iterator[Redaction]:
    stems = {w for w in words if len(w) >= _LOGIN_STEM}
    if not stems:
        return
    covered = [(red.start, red.end) for red in names]
    # The plain search (speed63): a login's shape opens most words, so the skipper's search for
    # where each match opens cost more than the search itself (6.5 ms against 2.5 ms).
    for login in _LOGIN.finditer(text):
        token = login.group()
        bare = fold(token.rstrip("0123456789"))
        # Speed (speed63): the stem test first. Few of a record's thousands of words hold a
        # found name, and the tests below (the word lists, every found span) are each costlier;
        # all are plain tests, so their order changes nothing found.
        if not _holds_stem(bare, stems):
            continue
        if bare in stems or lex.known(bare) or _inside(covered, login.start(), login.end()):
            continue
        # A plain capitalised word is a word of the text, not a login: "Morison's pouch" beside
        # a found "Mori", "Johnson" beside "John" (a name the other rules read, or none).
        if _TITLE_WORD.fullmatch(token):
            continue
        yield _name(text, login.start(), login.end())


def _holds_stem(bare: str, stems: set[str]) -> bool:
    """``_name_and_initials(bare, stem)`` for some stem of ``stems``, asked only of the stems
    ``bare`` can hold: the initials are one to five characters (``_LOGIN_REST``), so the stem
    is ``bare`` less one to five at its start or its end (speed63; it asked every stem)."""
    flat = bare.replace("-", "")
    for cut in range(1, min(_LOGIN_REST_LONGEST, len(flat) - _LOGIN_STEM) + 1):
        for stem in (flat[cut:], flat[:-cut]):
            if stem in stems and _name_and_initials(bare, stem):
                return True
    return False


def _name_and_initials(bare: str, stem: str) -> bool:
    """``bare`` is ``stem`` with one to three letters (initials) before or after it, joined or
    after a full stop or an underscore ("wjordan", "choijh", "casals.m", "mizrahi_d")."""
    flat = bare.replace("-", "")
    if flat.endswith(stem):
        return _LOGIN_REST.fullmatch(flat[: -len(stem)]) is not None
    if flat.startswith(stem):
        return _LOGIN_REST.fullmatch(flat[len(stem) :]) is not None
    return False


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _name(text: str, start: int, end: int) -> Redaction:
    return Redaction("name", start, end, text[start:end], label("name"))
