"""The hospital named between a note's kind and its date on a heading line (session 48,
deid48a).

A ward round, a clinic or an emergency note is headed by what it is, where and when, apart by
commas: "Children's ED, Starship, 20/01/2026", "Trauma ward round, Bara, Sat 31 Jan", "Cardiac
device clinic, Harefield, 13 Jan 2026". The place is often the hospital's short name or nickname
alone, with no head word and no cue, and often an English word ("Starship"), so the word scan
kept it. Its place in the heading says what it is: after words of a visit or a department, and
before the date the rules found, one or two capitalised words that are no clinical word, role,
specialty, ward kind or word of a document ("Addendum", "Final") name where the note was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_org_initials import plain_initials
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_peoples import peoples
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_spans import Redaction, label

# A heading line's first part (what the note is, no comma in it), then the place between commas
# and the date's start after it.
_HEADING = re.compile(
    r"^[ \t]*(?P<kind>[^,\n]{2,40}?),[ \t]+"
    r"(?P<n>[A-Z][\w'’&-]*(?:[ \t][A-Z][\w'’&-]*)?),[ \t]+(?=\S)",
    re.M,
)
# Words of a visit or a department that open such a heading.
_VISIT = re.compile(
    r"(?i:\b(?:ward[ \t]+round|round|clinic|clerking|handover|review|admission|note|notes|"
    r"theatre|theatres|outpatients?|opd|ed|a&e|emergency|nicu|picu|scbu|icu|hdu|ccu|unit|"
    r"department|dept|service|visit|consultation|triage|assessment)\b)"
)
# Words a heading holds there that name no place: a document's state or part.
_DOCUMENT_WORDS = frozenset(
    {
        "addendum", "final", "draft", "copy", "amended", "update", "updated", "summary", "note",
        "letter", "report", "page", "part", "continued", "cont", "confidential", "urgent",
        "routine", "new", "follow", "review", "day", "night", "am", "pm", "weekend", "virtual",
        "telephone", "phone", "video", "remote", "inpatient", "outpatient", "private", "nhs",
    }
)  # fmt: skip


def _no_place(word: str, lex: Lexicon) -> bool:
    lower = fold(word.rstrip("'’").removesuffix("'s").removesuffix("’s"))
    if word.isupper() and len(word) >= 2:
        return plain_initials(word, lex) or word.endswith("U")
    return (
        lower in _DOCUMENT_WORDS
        or lower in TITLES
        or lower in RELATIONS
        or lower in ROLES
        or lower in CALENDAR_WORDS
        or lower in GENERIC
        or lower in WARD_KINDS
        or lower in peoples()
        or lex.clinical(lower)
        or clinical_abbreviation(word)
    )


def heading_places(text: str, found: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Facility redactions of the places named between a heading's kind and its date."""
    if "," not in text:
        return
    date_starts = {red.start for red in found if red.kind == "date"}
    if not date_starts:
        return
    for match in _HEADING.finditer(text):
        if match.end() not in date_starts or not _VISIT.search(match.group("kind")):
            continue
        words = match.group("n").split()
        if any(_no_place(w, lex) for w in words):
            continue
        yield Redaction(
            "facility", match.start("n"), match.end("n"), match.group("n"), label("facility")
        )
