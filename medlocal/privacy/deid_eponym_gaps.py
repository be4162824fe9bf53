"""An eponym the clinical list knows, written apart from its head or with another head, given
back (round 20, precision): the lists hold "Osborn waves", "Bosniak classification", "D'Amico
risk", "Homans sign", "Simon Broome criteria" and "Hadlock formula", but notes write "Osborn J
waves", "Bosniak v2019 class IIF", "D'Amico intermediate risk", "Homans tecken", "Simon Broome
definite" and "(Hadlock, 28th centile)", and the name scan took the eponym.

A span is given back where its words open a listed clinical phrase, or are a listed clinical
word (so the list knows them as an eponym), and a head of grading, risk, sign or guideline
follows within a short gap: a letter, a version or year, a roman or arabic grade, or a grade
word ("intermediate"). A title before
the span keeps it a person ("Dr Hadlock, 28th centile" is not read), and the patient's own
name stays hers (review 14). An eponym the list holds before a classification's or criteria's
head is also given back before its edition's year ("Lugano 2014", "Banff 2022"), and a name
with a number written on to it that the list holds whole ("Stockholm3"), a listed single eponym
joined to another language's word ("Wenckebach-Periodik"), and a listed eponym queried as a
diagnosis ("?Paget's").
"""

from __future__ import annotations

import functools
import re

from medlocal.paths import resources_dir
from medlocal.privacy.deid_lexicon import lexicon, read_list
from medlocal.privacy.deid_people_words import TITLE_BEFORE
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "location", "city"})

# Between the eponym and its head: a letter ("J waves"), a version or a year ("v2019", "2022"),
# a grade ("II", "3b") or a grade word; at most two of them.
_GAP = (
    r"(?:[A-Z]|v?\d{1,4}[a-z]?|[IVX]{1,4}|low|intermediate|high|very|definite|probable|possible"
    r"|\d{1,2}(?:st|nd|rd|th))"
)
# Heads of grading, risk, signs in the languages of Europe, and guidelines; in lower case, as a
# person's name is not followed by them ("Bosniak class", "D'Amico risk", "Homans tecken").
_HEAD = (
    r"(?:waves?|class|classification|risk|criteria|definite|probable|possible|sign|signs"
    r"|tecken|tegn|zeichen|teken|formula|centile|percentile|grade|stage|guidelines?)"
)
_AFTER = re.compile(r"(?:['’]s?)?,?(?:[ \t]+" + _GAP + r"){0,2}[ \t]+" + _HEAD + r"\b")


# A classification's or criteria's edition written after its eponym ("Lugano 2014", "Banff
# 2022", "Beers 2023"): a year alone, read only for an eponym the list holds before one of
# these heads (a citation's author before a year is no listed eponym).
_EDITION = re.compile(r"[ \t]+(?:v|version[ \t]?)?(?:19|20)\d\d\b(?![/.-]\d)")
_EDITION_HEADS = frozenset(
    {"classification", "criteria", "staging", "stage", "score", "scale", "consensus", "system"}
)


@functools.cache
def _openings() -> tuple[frozenset[str], frozenset[str]]:
    """The first word, and the first two words, of each listed clinical phrase; and those of
    them that a classification's or criteria's head follows."""
    found: set[str] = set()
    graded: set[str] = set()
    for entry in read_list(resources_dir() / "deid_clinical_terms.txt"):
        words = entry.lower().replace("’", "'").split()
        if len(words) < 2:
            continue
        for size in (1, 2):
            if len(words) > size:
                opening = " ".join(words[:size]).removesuffix("'s").rstrip("'")
                found.add(opening)
                if words[size] in _EDITION_HEADS:
                    graded.add(opening)
    return frozenset(found), frozenset(graded)


def listed_eponym(original: str) -> bool:
    """Whether ``original`` is a listed eponym: a single clinical word, or the first one or
    two words of a listed clinical phrase ("Wilson" of "Wilson's disease", "Bell")."""
    return _eponym(original)


def _eponym(original: str) -> bool:
    words = original.lower().replace("’", "'").split()
    if len(words) == 1 and words[0] in lexicon().clinical_words:
        return True  # a listed eponym written alone ("Lyme")
    return 0 < len(words) <= 2 and " ".join(words) in _openings()[0]


# A test's or a trial's number written on to its name ("Stockholm3"): listed whole.
_GLUED = re.compile(r"\d{1,2}(?![\w-])")


def _glued(text: str, red: Redaction) -> bool:
    digits = _GLUED.match(text, red.end)
    return digits is not None and (red.original + digits.group()).lower() in (
        lexicon().clinical_words
    )


# A listed eponym joined by a hyphen to a word of another language ("Wenckebach-Periodik"); the
# single words of the clinical list are those rare as a surname (deid_clinical_terms.txt).
# Both parts are long words, and the second is no listed name ("Tee-Paul" is a person's).
_JOINED = re.compile(r"([^\W\d_]{5,})-([^\W\d_]{4,})")


def _joined(red: Redaction) -> bool:
    found = _JOINED.fullmatch(red.original)
    if found is None:
        return False
    lex = lexicon()
    second = found.group(2).lower()
    return (
        found.group(1).lower() in lex.clinical_words
        and second not in lex.given_names
        and second not in lex.surnames
    )


# A query of a diagnosis ("?Paget's.", "?Wilson's"): a listed eponym after "?", possessive.
_QUERIED_AFTER = re.compile(r"['’]s?(?![\w])")


def _queried(text: str, red: Redaction) -> bool:
    return (
        text[red.start - 1 : red.start] == "?"
        and _QUERIED_AFTER.match(text, red.end) is not None
        and _eponym(red.original)
    )


# A place after a preposition is where something happened, in whatever year ("treated in Sydney
# 2019"); a classification is not written so.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|of|via|on|visit|visited)\s+\Z", re.I)


def _edition(text: str, red: Redaction) -> bool:
    if _EDITION.match(text, red.end) is None:
        return False
    if _PLACE_BEFORE.search(text, max(0, red.start - 10), red.start) is not None:
        return False
    return " ".join(red.original.lower().replace("’", "'").split()) in _openings()[1]


def without_eponym_gaps(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the listed eponyms before a head within a short gap (see above)."""
    kept: list[Redaction] = []
    for red in redactions:
        if (
            red.kind in _KINDS
            and (
                (_AFTER.match(text, red.end) is not None and _eponym(red.original))
                or _edition(text, red)
                or _glued(text, red)
                or _joined(red)
                or _queried(text, red)
            )
            and TITLE_BEFORE.search(text, max(0, red.start - 8), red.start) is None
        ):
            continue
        kept.append(red)
    return kept
