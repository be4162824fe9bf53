"""A nationality, people, language or religion is kept (round 18, walk 21: "Canadian K1A 0B1"
lost "Canadian" as a name, "Australian bat lyssavirus" its first word).

The evaluation's conventions keep a nationality, ethnicity, religion or language: it names no
one. The English word list holds lower-case words only, so the proper adjectives
("Canadian", "Nigerian", "Punjabi") are unknown capitalised words to the word scan, which takes
them as names. They cannot simply join the English words: inside an organisation's name they
are what makes it a name ("Royal Canadian Legion", "Jewish General"). So a redaction is given
back only when it is nothing but such words (and an article before them): what the scan found
around them stays found. The words are ``resources/deid_nationalities.txt``, less those that are
also listed names or places ("Karen", "Christian", "Torres" stay names).
"""

from __future__ import annotations

import functools
import re

from medlocal.paths import resources_dir
from medlocal.privacy.deid_lexicon import lexicon, read_list
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "facility", "location", "city"})
_WORD = re.compile(r"[^\W\d_]+")
_ARTICLES = frozenset({"a", "an", "the"})


@functools.cache
def peoples() -> frozenset[str]:
    words = frozenset(read_list(resources_dir() / "deid_nationalities.txt"))
    lex = lexicon()
    return frozenset(w for w in words if not lex.name_like(w) and w not in lex.places)


def _only_peoples(original: str) -> bool:
    words = [w.lower() for w in _WORD.findall(original)]
    known = peoples()
    return any(w in known for w in words) and all(w in known or w in _ARTICLES for w in words)


def without_peoples(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less those made only of nationality, people, language or religion words,
    and a language that is also a surname in a list of languages ("(Tamil/English)", walk 23)."""
    return [
        red
        for red in redactions
        if not (
            red.kind in _KINDS
            and (_only_peoples(red.original) or _language_beside_language(text, red))
        )
    ]


@functools.cache
def _listed_peoples() -> frozenset[str]:
    """The nationality and language words that are also listed names or places ("English",
    "French", "Karen")."""
    return frozenset(read_list(resources_dir() / "deid_nationalities.txt")) - peoples()


# Another language or nationality written right beside, after a slash, a comma or "and".
_BESIDE_BEFORE = re.compile(r"([^\W\d_]+)[ \t]*(?:/|,|&|and)[ \t]*\Z")
_BESIDE_AFTER = re.compile(r"[ \t]*(?:/|,|&|and)[ \t]*([^\W\d_]+)")


def _language_beside_language(text: str, red: Redaction) -> bool:
    if red.original.lower() not in _listed_peoples():
        return False
    before = _BESIDE_BEFORE.search(text, max(0, red.start - 24), red.start)
    after = _BESIDE_AFTER.match(text, red.end)
    known = peoples()
    return any(m is not None and m.group(1).lower() in known for m in (before, after))
