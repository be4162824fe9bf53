"""Facilities in the slots notes keep for them, read once the rules have found their neighbours
(session 49, deid49a).

A hospital is often written by initials or a bare place-like name that no list holds ("PRI",
"GSTT", "Parkland"), and the rules, which must decide from a word whether it names anything,
keep it. Philter's answer is recall first: a capitalised run that nothing explains (no clinical
word or abbreviation, role, title, credential, date word, ward kind or nationality) is taken
where the note's own shape says a place stands there. Shapes tied to a place or person the
rules already found, so that the frame rather than the word decides:

- the other end of a transfer: "transferred from PRI to [found]", "discharged from [found] to
  GWH", "de CHUM à [found]", after a verb of movement (a department's initials on the short
  list stay: "from ICU to");
- a sibling of a found facility in a list: "Prev: Royal Gwent 2020, [Nevill Hall] 2022, UHW
  2024" (closed by a year or the item's end, never by a lower-case word);
- a name and its site, "at" between: "in Bield at [Kinloch Court]";
- the last part of a signature after a found name and a role: "[Rebecca Lindqvist], MD, MGH",
  "Dr [Ciara Dunne], Consultant Psychiatrist, SVUH";

and two with no neighbour: under whose care ("under the QE for", "under King's neuro and GSTT
respiratory"), and a heading's place between its kind and its date after a dash ("GP ward round
note - Sunrise of Sonning   14.01.26", "Progress note HD#3 - Parkland 7W   01/11/2026").
Each is read once per found span or heading line, with bounded patterns: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import (
    CALENDAR_WORDS,
    CLINICAL_SHORT,
    Lexicon,
    clinical_abbreviation,
    fold,
)
from medlocal.privacy.deid_people_words import CREDENTIALS, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_peoples import peoples
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_post_nominals import post_nominal
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_states import CODES

# What a transfer's or a list's found end may be: a place, or a name the word scan could not
# type (it types "ninewells", "BSW Irving" as names).
_PLACE_KINDS = frozenset({"facility", "location", "city", "name"})
# A run of one to four capitalised words or initials ("PRI", "Hebrew SeniorLife", "King's",
# "Sunrise of Sonning"), "of"/"at"/"&" allowed between two of them.
_WORD = r"[A-Z][\w'’&-]*"
_RUN = rf"{_WORD}(?:[ \t]+(?:(?:of|at|&|the)[ \t]+)?{_WORD}){{0,3}}"
# "from X to" / "de X à" right before a found place, and "from [found] to X" after one.
_FROM_BEFORE = re.compile(rf"\b(?:from|de)[ \t]+(?P<n>{_RUN})[ \t]+(?:to|à|into)[ \t]+$")
# A transfer is a movement: "switched from Sinemet to Madopar" is no place's end, even where the
# word scan took the drug for a name.
_MOVED = re.compile(
    r"(?i:\b(?:transferr?ed|transfer|transférée?|discharged|moved|admitted|referred|came|"
    r"brought|sent|conveyed|retrieved|repatriated|stepped[ \t]+down|returned|went)\b)"
)
# A transfer is a movement: "switched from Sinemet to Madopar" is no place's end, even where the
# word scan took the drug for a name.
_MOVED = re.compile(
    r"(?i:\b(?:transferr?ed|transfer|transférée?|discharged|moved|admitted|referred|came|"
    r"brought|sent|conveyed|retrieved|repatriated|stepped[ \t]+down|returned|went)\b)"
)
_FROM_LEFT = re.compile(r"\b(?:from|de)[ \t]+\Z")
_TO_AFTER = re.compile(rf"[ \t]+(?:to|à|into)[ \t]+(?P<n>{_RUN})(?=[ \t]*(?:[,;.)(]|\n|$|[a-z]))")
# A list's next item after a found place: only in a list of places with their years ("Nevill
# Hall 2022, UHW 2024"), the found one's year before the comma, semicolon or "and" and the next
# one's after it. The looser form (any next item closed by a comma or the line's end) damaged
# a clinical term of a held-out half (found in aggregate, by switching each part of the rule
# off). The item before a found place: closed by its year or the item's end (not by a
# lower-case word: "; Gold Standards Framework red" is a clinical run).
_NEXT_ITEM = re.compile(
    rf"[ \t]+(?:19|20)\d\d(?:[ \t]*[,;][ \t]*|[ \t]+and[ \t]+)"
    rf"(?P<n>{_RUN})(?=[ \t]+(?:19|20)\d\d\b)"
)
# A name's first part before "at" and a found place ("in Bield at [Kinloch Court]",
# "lives at Brookhaven at [Lexington]"): a home or scheme named with its site.
_AT_SITE = re.compile(rf"\b(?:in|at|to|from|into)[ \t]+(?P<n>{_RUN})[ \t]+at[ \t]+$")
# The item before one has no "at" inside: at a line's start "Lives at Guy's and [St Thomas']"
# would otherwise take "Lives at" into the place (the search finds the leftmost start first).
_ITEM_RUN = rf"{_WORD}(?:[ \t]+(?:(?:of|&|the)[ \t]+)?{_WORD}){{0,3}}"
_PREVIOUS_ITEM = re.compile(
    rf"(?:^|[,;:(][ \t]*|\b(?:at|under|in|to|from)[ \t]+)(?P<n>{_ITEM_RUN})"
    rf"(?:[ \t]+(?:19|20)\d\d)?(?:[ \t]*[,;][ \t]*|[ \t]+and[ \t]+)$",
    re.M,
)
_ENDINGS = {
    _FROM_BEFORE: re.compile(r"(?:\bto|à|into)\Z"),
    _AT_SITE: re.compile(r"\bat\Z"),
    _PREVIOUS_ITEM: re.compile(r"(?:[,;]|\band)\Z"),
}
# A signature: a found person's name opening a line (after a title or "Signed"), a role or
# credential between commas, and the place closing the line.
_SIGNED_TAIL = re.compile(rf",[ \t]+(?P<role>[^,\n]{{1,40}}),[ \t]+(?P<n>{_RUN})[ \t]*$", re.M)
_SIGNED_HEAD = re.compile(
    r"[ \t]*(?:(?:signed|sig|from)[ \t]*:?[ \t]*)?(?:[A-Z][a-z]{1,4}\.?[ \t]+)?$", re.I
)
# A heading: its kind, a dash, the place (and a ward code such as "7W"), then the date.
_DASH_HEADING = re.compile(
    rf"^[ \t]*(?P<kind>[^\n]{{2,50}}?)[ \t]+[-–—][ \t]+(?P<n>{_RUN})"
    rf"(?:[ \t]+\d{{1,2}}[A-Z])?[ \t]{{2,}}",
    re.M,
)
_VISIT = re.compile(
    r"(?i:\b(?:ward[ \t]+round|round|clinic|clerking|handover|review|admission|note|notes|"
    r"visit|consultation|assessment|record|referral|letter|summary)\b)"
)
# Under whose care: "under the QE for", "under King's neuro", "under GSTT respiratory". Only
# initials or a possessive, closed by "for", a lower-case word (a specialty, checked) or the
# clause's end: "under the MDT" and "under GA" are explained, "under Dr Smith" is a person's.
_UNDER = re.compile(
    r"\bunder[ \t]+(?:the[ \t]+)?(?P<n>[A-Z][A-Z&]{1,5}|[A-Z][a-z]+['’]s)"
    r"(?=[ \t]+(?P<next>[a-z]+)\b|[ \t]*(?:[,;.)]|\n|$))"
)
# The next one in the same breath: "under King's neuro and GSTT respiratory".
_AND_UNDER = re.compile(
    r"[ \t]+[a-z]+[ \t]*(?:and|&|,)[ \t]+(?P<n>[A-Z][A-Z&]{1,5}|[A-Z][a-z]+['’]s)"
    r"(?=[ \t]+(?P<next>[a-z]+)\b)"
)
# A specialty written after a hospital's name ("King's neuro", "GSTT respiratory"): the
# clinical vocabulary lacks some adjectives of care.
_SPECIALTY_END = re.compile(r"(?:olog(?:y|ical)|iatr(?:y|ics)|paedics|pedics|ery|ics)\Z")
_CARE_WORDS = frozenset(
    {
        "respiratory", "renal", "cardiac", "neuro", "surgical", "medical", "haem", "onc",
        "paeds", "stroke", "frailty", "palliative", "rheum", "ortho", "vascular", "plastics",
        "resp", "cardio", "gastro", "endo", "hepatology", "liver", "transplant", "spinal",
        "burns", "fertility", "maternity", "eye", "dental", "mental", "memory", "pain",
    }
)  # fmt: skip
_UNDER_CLOSERS = frozenset({"for", "and", "team", "until", "since", "with", "who", "re", "but"})
_CONNECTORS = frozenset({"of", "at", "&", "the"})
_COUNTRIES = frozenset({"UK", "US", "USA", "UAE", "NZ", "EU", "SA", "RSA", "KSA", "PRC", "ROI"})


def _explained(word: str, lex: Lexicon, abbreviations: bool = True) -> bool:
    """A word that says what it is without naming anything: clinical, a role, title,
    credential, relation, date word, ward kind, nationality or a place's generic head; with
    ``abbreviations``, any initials the abbreviation vocabulary explains too (at a transfer's
    end a department's initials are on the short list, and "PRI" is a hospital there)."""
    bare = word.rstrip("'’").removesuffix("'s").removesuffix("’s")
    lower = fold(bare)
    if (
        lower in TITLES
        or lower in RELATIONS
        or lower in ROLES
        or lower in CREDENTIALS
        or lower in CALENDAR_WORDS
        or lower in GENERIC
        or lower in WARD_KINDS
        or lower in peoples()
        or lower in CLINICAL_SHORT
        or lex.clinical(lower)
        or post_nominal(bare)
    ):
        return True
    if bare.isupper() and len(bare) >= 2:
        # Initials: a unit ("CICU"), a country or state, post-nominal letters, or a clinical
        # abbreviation that is not also a word ("PRI" is both an instrument and a hospital).
        return (
            bare.endswith("U")
            or bare in _COUNTRIES
            or bare in CODES
            or post_nominal(bare)
            or (
                abbreviations
                and clinical_abbreviation(bare)
                and not lex.known(lower)
                and lower not in lex.places
            )
        )
    return False


def _plain_word(word: str, lex: Lexicon) -> bool:
    """An everyday English word written with a capital ("Recovery", "Final", "Gold"), not a
    place's or a person's name and not initials."""
    lower = fold(word.rstrip("'’").removesuffix("'s").removesuffix("’s"))
    return (
        not (word.isupper() and len(word) >= 2)
        and lex.known(lower)
        and lower not in lex.places
        and not lex.name_like(lower)
    )


def _unexplained_run(
    run: str, lex: Lexicon, abbreviations: bool = True, plain: bool = False
) -> bool:
    """No word of ``run`` says what it is, and (unless ``plain``) one is no everyday word."""
    words = [w for w in run.split() if w not in _CONNECTORS]
    return (
        bool(words)
        and not any(_explained(w, lex, abbreviations) for w in words)
        and (plain or not all(_plain_word(w, lex) for w in words))
    )


def _facility(text: str, start: int, end: int) -> Redaction:
    return Redaction("facility", start, end, text[start:end], label("facility"))


def _mostly_capitals(text: str, start: int) -> bool:
    """A line typed in capitals: there every word looks like initials."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _neighbours(text: str, red: Redaction) -> Iterator[tuple[int, int, str]]:
    """The runs at the other end of ``red``'s transfer, before it with "at", or beside it in a
    list, each with its frame: "transfer", "site" or "list"."""
    line_start = text.rfind("\n", 0, red.start) + 1
    before = text[max(line_start, red.start - 80) : red.start]
    offset = red.start - len(before)
    # Each shape's last words, tested before its pattern searches (most found spans have none).
    tail = before.rstrip()[-5:]
    for pattern in (_FROM_BEFORE, _AT_SITE, _PREVIOUS_ITEM):
        if not _ENDINGS[pattern].search(tail):
            continue
        match = pattern.search(before)
        if match is None:
            continue
        if pattern is _FROM_BEFORE and not _MOVED.search(before, 0, match.start()):
            continue
        start = offset + match.start("n")
        # A name and its site are one name: "at" between them goes too.
        end = red.end if pattern is _AT_SITE else offset + match.end("n")
        yield (
            start,
            end,
            "transfer" if pattern is _FROM_BEFORE else ("site" if pattern is _AT_SITE else "list"),
        )
    # Only a transfer "from" the found place has a place at its other end: "(LIMA to LAD)" is a
    # graft, and Lima a city too.
    transfer = _FROM_LEFT.search(before) is not None and _MOVED.search(before) is not None
    for pattern in (_TO_AFTER, _NEXT_ITEM) if transfer else (_NEXT_ITEM,):
        match = pattern.match(text, red.end)
        if match is not None:
            yield match.start("n"), match.end("n"), "transfer" if pattern is _TO_AFTER else "list"


def place_slot_candidates(
    text: str, found: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """Facility redactions of the unexplained runs at a found place's other end of a transfer,
    beside it in a list, closing a found person's signature, and on a dashed heading."""
    spans = list(found)
    under = list(_under_places(text, lex))
    yield from under
    spans += under
    taken = {(red.start, red.end) for red in spans}
    for red in spans:
        if red.kind in _PLACE_KINDS:
            for start, end, frame in _neighbours(text, red):
                # A list or a site beside a person or a town says less: only beside a facility.
                if (start, end) in taken or (frame != "transfer" and red.kind != "facility"):
                    continue
                run = text[start : min(end, red.start) if start < red.start else end]
                if _unexplained_run(
                    run, lex, abbreviations=frame != "transfer", plain=frame == "site"
                ) and not _mostly_capitals(text, start):
                    yield _facility(text, start, end)
        if red.kind in ("name", "patient_name"):
            yield from _signature_place(text, red, lex)
    yield from _heading_places(text, {red.start for red in spans if red.kind == "date"}, lex)


def _signature_place(text: str, red: Redaction, lex: Lexicon) -> Iterator[Redaction]:
    line_start = text.rfind("\n", 0, red.start) + 1
    if not _SIGNED_HEAD.match(text, line_start, red.start):
        return
    tail = _SIGNED_TAIL.match(text, red.end)
    if tail is None:
        return
    if _unexplained_run(tail.group("n"), lex) and not _mostly_capitals(text, red.start):
        yield _facility(text, tail.start("n"), tail.end("n"))


def _heading_places(text: str, date_starts: set[int], lex: Lexicon) -> Iterator[Redaction]:
    if not date_starts:
        return
    for date_start in sorted(date_starts):
        # Only a date after a run of blanks closes such a heading; its line is read up to it.
        if text[date_start - 2 : date_start].strip(" \t") or date_start < 2:
            continue
        line_start = text.rfind("\n", 0, date_start) + 1
        match = _DASH_HEADING.match(text, line_start, date_start)
        if (
            match is None
            or match.end() != date_start
            or not _VISIT.search(match.group("kind"))
            or not _unexplained_run(match.group("n"), lex)
        ):
            continue
        if not _mostly_capitals(text, match.start()):
            yield _facility(text, match.start("n"), match.end("n"))


def _care(word: str, lex: Lexicon) -> bool:
    return word in _CARE_WORDS or bool(_SPECIALTY_END.search(word)) or lex.clinical(word)


def _under_places(text: str, lex: Lexicon) -> Iterator[Redaction]:
    if "under" not in text:
        return
    for match in skipped_finditer(_UNDER, text):
        after = match.group("next")
        if after is not None and after not in _UNDER_CLOSERS and not _care(after, lex):
            continue
        if not _unexplained_run(match.group("n"), lex) or _mostly_capitals(text, match.start()):
            continue
        yield _facility(text, match.start("n"), match.end("n"))
        if after is None or after in _UNDER_CLOSERS:
            continue
        # A specialty after it: the next care in the list is read the same way.
        more = _AND_UNDER.match(text, match.end("n"))
        if (
            more is not None
            and _care(more.group("next"), lex)
            and _unexplained_run(more.group("n"), lex)
        ):
            yield _facility(text, more.start("n"), more.end("n"))
