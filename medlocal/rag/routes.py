"""Routes of administration as notes write them ("IV", "i.v.", "intravenously", "PO", "by
mouth", "s/c", "neb"), each read as one canonical route, so that a dose can be checked against
the route the passage gives it with (rag/drug_facts.py binds a route to each dose).
"""

from __future__ import annotations

from dataclasses import dataclass

from medlocal.rag.word_classes import WordClasses

# Canonical route -> how notes write it. Abbreviations that are also English words or other
# clinical abbreviations are matched in capitals only ("PR" interval, "NG", "SL"); the dotted
# and spelt-out forms in any case.
_ROUTE_WORDS: dict[str, tuple[str, ...]] = {
    "intravenous": (
        r"(?-i:IV|iv|IVI)", r"i\.v\.?", r"intravenous(?:ly)?",
    ),
    "oral": (r"(?-i:PO|po)", r"p\.o\.?", r"oral(?:ly)?", r"by\s+mouth", r"per\s+os"),
    "subcutaneous": (
        r"(?-i:SC|SQ|sc)", r"s\.c\.?", r"s/c", r"subcut", r"sub-?cutaneous(?:ly)?",
    ),
    "intramuscular": (r"(?-i:IM|im)", r"i\.m\.?", r"intra-?muscular(?:ly)?"),
    "rectal": (r"(?-i:PR)", r"p\.r\.", r"per\s+rectum", r"rectal(?:ly)?"),
    "topical": (r"topical(?:ly)?",),
    "inhaled": (
        r"inhaled", r"inhalers?", r"(?-i:INH)", r"nebs?", r"nebuli[sz]ed",
        r"(?:via\s+)?nebuli[sz]er",
    ),
    "sublingual": (r"(?-i:SL)", r"sub-?lingual(?:ly)?"),
    "enteral tube": (
        r"(?:via\s+)?(?-i:NG|NJ|PEG|PEJ)(?:\s+tube)?", r"nasogastric(?:ally)?(?:\s+tube)?",
    ),
    "transdermal": (r"transdermal(?:ly)?",),
    "intrathecal": (r"intrathecal(?:ly)?",),
    "buccal": (r"buccal(?:ly)?",),
    "intranasal": (r"intra-?nasal(?:ly)?",),
}  # fmt: skip

_ROUTES = WordClasses(_ROUTE_WORDS, r"(?<![A-Za-z0-9/.])", r"(?![A-Za-z0-9/])")

# How a flag says a route: "given intravenously".
ROUTE_ADVERB = {
    "intravenous": "intravenously",
    "oral": "orally",
    "subcutaneous": "subcutaneously",
    "intramuscular": "intramuscularly",
    "rectal": "rectally",
    "topical": "topically",
    "inhaled": "inhaled",
    "sublingual": "sublingually",
    "enteral tube": "by enteral tube",
    "transdermal": "transdermally",
    "intrathecal": "intrathecally",
    "buccal": "buccally",
    "intranasal": "intranasally",
}


@dataclass(frozen=True)
class RouteWord:
    """A route written in a text: the canonical ``route`` and where its words are."""

    route: str
    start: int
    end: int
    raw: str


def route_words(text: str) -> list[RouteWord]:
    """Each route of administration written in ``text``, in order."""
    found: list[RouteWord] = []
    for match in _ROUTES.pattern.finditer(text):
        route = _ROUTES.class_of(match)
        found.append(RouteWord(route, match.start(), match.end(), match.group()))
    return found
