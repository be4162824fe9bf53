"""The given names after a found surname in capitals and its comma, closing a list's cell
(session 49, dev48).

A ward list, a worklist or a census writes "SURNAME, Given" in a cell: "VAN WYK, Johannes",
"NAIDOO, Kershni". Where the rules found the surname in capitals (with its particle) but not
the given name after it, because the given name is also a word of some list ("Johannes" is in
the English list), the cell's shape says what it is: one or two capitalised words in mixed case
after the comma, then the cell's end (a tab, two spaces, a bar, a bracket or the line's end).
A clinical word there stays ("SMITH, Asthma" is no cell a list writes, but it is not taken).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_PERSON_KINDS = frozenset({"name", "patient_name"})
_GIVEN_AFTER = re.compile(
    r",[ \t]+(?P<g>[A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+)?)"
    r"(?=[ \t]*(?:\||\t|[ \t]{2}|\(|\n|\Z))"
)


def census_given_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Found surnames in capitals grown over the given names their cell holds after a comma."""
    for red in spans:
        if red.kind not in _PERSON_KINDS or not red.original.isupper() or "," in red.original:
            continue
        given = _GIVEN_AFTER.match(text, red.end)
        if given is None:
            continue
        words = [fold(w) for w in given.group("g").split()]
        if any(lex.clinical(w) or w in ROLES or w in TITLES for w in words):
            continue
        if not all(lex.name_like(w) or not lex.known(w) for w in words):
            continue
        end = given.end("g")
        yield Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)
