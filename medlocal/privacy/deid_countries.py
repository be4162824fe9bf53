"""A country alone is kept (walk 24: "He moved to the [NAME] in 2019", "visit [NAME] and [NAME]").

Safe Harbor removes geographic subdivisions smaller than a state; a country names no one, and
the evaluation's conventions keep it. The English word list holds lower-case words only, so a
country's name is an unknown capitalised word to the word scan, which took it for a name or, with
"United" or "Kingdom" in it, for an organisation. A redaction is given back where it is nothing
but a country of ``resources/deid_countries.txt`` (and an article before it). A country whose
name is also a listed given name, surname or place ("Jordan", "Kenya", "Chad", "Georgia",
"Wales"), or a town's as well ("Lebanon", "Peru"), is given back only after a word that places
it ("moved to Jordan", "born in Kenya") and with no US state after it ("Lebanon, PA"): "Kenya
phoned" stays a name. A country named like its capital ("Singapore") is on no list.
"""

from __future__ import annotations

import functools
import re

from medlocal.paths import resources_dir
from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_lexicon import fold, lexicon, read_list
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "facility", "location", "city", "county"})
_ARTICLE = re.compile(r"(?i:the)[ \t]+")
# A US state after the name makes it a town ("Lebanon, PA", "Peru, Indiana").
_STATE_AFTER = re.compile(rf",?[ \t]+(?:{STATES})\b")
_GAP = re.compile(r"[ \t]*[,–—-]?[ \t]*")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+\Z")
# The relations list also holds the joining words that carry a relation on ("and", "to", "by").
_PERSON_CUES = (TITLES | RELATIONS | ROLES) - {"and", "by", "to", "per", "par"}
_SPACES = re.compile(r"\s+")
_LISTED = re.compile(r"[ \t]*(?:,|&|/|\band\b|\bor\b)[ \t]*")
# Words that place what follows, strongly enough for a country that is also a given name: "to"
# or "visit" alone do not ("spoke to Jordan", "visit Kenya on the ward" name people).
_PLACING = re.compile(
    r"(?i:\b(?:in|from|born[ \t]+in|(?:moved|moving|move|flew|flying|travel+(?:ed|ing)?|went|"
    r"returned|returning|emigrated|emigrating|relocated|deported|repatriated)[ \t]+(?:to|from)|"
    r"immigrated[ \t]+from|(?:citizen|national|native)[ \t]+of|(?:lives|living|lived|"
    r"resident|holiday|holidays|trip)[ \t]+(?:in|to))[ \t]+(?:the[ \t]+)?)\Z"
)


@functools.cache
def _countries() -> tuple[frozenset[str], frozenset[str]]:
    """(the countries given back anywhere, those that are also listed names or places)."""
    lex = lexicon()
    every = frozenset(read_list(resources_dir() / "deid_countries.txt"))
    # A town of the same name ("Lebanon, PA", "Peru, Illinois") asks for a placing word too:
    # a held-out half lost a town of Pennsylvania to the give-back.
    named = frozenset(
        c for c in every if " " not in c and (lex.name_like(fold(c)) or fold(c) in lex.places)
    )
    return every - named, named


def _country(original: str) -> str:
    """The lower-case name ``original`` holds, less an article and with single spaces."""
    bare = _SPACES.sub(" ", original.strip())
    article = _ARTICLE.match(bare)
    return (bare[article.end() :] if article else bare).lower()


def _only_countries(span: str, plain: frozenset[str], named: frozenset[str]) -> bool:
    """A list of countries read as one span ("Brazil and the United Kingdom"), with one at least
    that names no one ("Jordan and Kenya" may be two people)."""
    parts = [_country(part) for part in _LISTED.split(span) if part.strip()]
    return (
        len(parts) > 1
        and all(part in plain or part in named for part in parts)
        and any(part in plain for part in parts)
    )


def _beside_another(text: str, redactions: list[Redaction], i: int) -> bool:
    """Whether the redaction ``i`` stands right beside another, across blanks and a comma or a
    dash only: then it is part of a longer name read in two ("[RNIB] [Scotland]", "Breast Care
    [Aotearoa]") or the last part of an address ("[Kingston], [Jamaica]"), which the annotators
    of two held-out halves counted as the place's."""
    red = redactions[i]
    before = redactions[i - 1] if i > 0 else None
    after = redactions[i + 1] if i + 1 < len(redactions) else None
    return (before is not None and _GAP.fullmatch(text, before.end, red.start) is not None) or (
        after is not None and _GAP.fullmatch(text, red.end, after.start) is not None
    )


def _after_person_cue(text: str, red: Redaction) -> bool:
    """A title, relation or role right before: a person named like a country ("Dr Benin")."""
    before = _WORD_BEFORE.search(text, max(0, red.start - 24), red.start)
    return before is not None and before.group(1).lower() in _PERSON_CUES


def without_countries(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less those that are a country alone."""
    plain, named = _countries()
    kept: list[Redaction] = []
    for i, red in enumerate(redactions):
        if red.kind in _KINDS and not (
            _beside_another(text, redactions, i) or _after_person_cue(text, red)
        ):
            country = _country(red.original)
            if country in plain or _only_countries(country, plain, named):
                continue
            if (
                country in named
                and _PLACING.search(text, max(0, red.start - 24), red.start)
                and not _STATE_AFTER.match(text, red.end)
            ):
                continue
        kept.append(red)
    return kept
