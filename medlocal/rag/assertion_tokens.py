"""The words of a sentence as the assertion reader sees them, and the scopes a trigger opens
over them (forward, backward, the clause before), ended by a ConText termination term."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from medlocal.rag.citations import blank_citations

# "only" contrasts as "but" does: "no acute infarct, only an old lacunar infarct".
TERMINATORS = frozenset(
    {"but", "however", "although", "though", "except", "which", "whereas", "aside", "apart",
     "because", "since", "yet", "still", "who", "while", "then", "only"}
)  # fmt: skip


# A word keeps its digits and inner hyphens ("HbA1c", "SpO2", "T4", "CA-125", "COVID-19") and an
# ion's or receptor's trailing "+" ("Na+", "HER2+"); commas are tokens, for the negation scope.
# A result joined to its test by a hyphen is a word of its own ("HER2-negative" is "HER2
# negative", as the passage writes it: round 12), so the trigger reads it; a trailing "-" stays
# with its word as a "+" does ("HER2-" in "ER+/PR+/HER2-" is no plain "HER2").
# A "?" written against the next word ("?switch", "?PE") is a token: the note queries it. A dash
# with space either side ("Not for CPR - form signed") is a token: it separates what it joins.
_TOKEN = re.compile(
    r"[^\W\d_](?:[^\W_]|['/]|-(?![Nn]egative\b|[Pp]ositive\b)(?=[^\W_]))*(?:\+|-(?![^\W_]))?"
    r"|\d+(?:\.\d+)?|[;:(),]|\?(?=[^\W\d_])"
    r"|(?<=\s)[-\u2013\u2014](?=\s)"
)


@dataclass(frozen=True)
class Token:
    text: str  # lower case
    start: int
    end: int


def tokenize(text: str, offset: int, limit: int | None = None) -> list[Token]:
    # Citation brackets are not words: "[1]" must not read as the "1" of "type 1 diabetes" or as a
    # value in a list item (blanked, so offsets stay those of ``text``). ``limit``: the highest
    # passage number, as the other readers of the text pass it (see ``is_reference_range``).
    text = blank_citations(text, limit)
    return [
        Token(m.group().lower(), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(text)
    ]


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({tuple(p.split()) for p in phrases}, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


def find_phrases(tokens: Sequence[Token], phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last+1) token indexes of the phrases in ``tokens``, left to right, the longest
    phrase winning where two start at the same word."""
    index = _index(phrases)
    words = [t.text for t in tokens]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for phrase in index.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def is_break(token: Token) -> bool:
    return token.text in TERMINATORS or token.text in {";", ":", "("}


def forward_scope(tokens: Sequence[Token], end: int, limit: int | None = None) -> range:
    stop = end
    while stop < len(tokens) and not is_break(tokens[stop]):
        stop += 1
        if limit is not None and stop - end >= limit:
            break
    return range(end, stop)


def clause_before(tokens: Sequence[Token], start: int, limit: int) -> range:
    """Up to ``limit`` tokens before ``start``, back to a comma or a break. A bracketed aside
    closed before ``start`` is passed over, not taken for a break: in "paliperidone (Trevicta)
    may be considered" the plan reaches back to the drug."""
    first = start
    inside = False
    while first > 0 and start - first < limit and tokens[first - 1].text != ",":
        before = tokens[first - 1].text
        if before == ")":
            inside = True
        elif before == "(" and inside:
            inside = False
        elif is_break(tokens[first - 1]):
            break
        first -= 1
    return range(first, start)


def backward_scope(tokens: Sequence[Token], start: int, limit: int | None = None) -> range:
    first = start
    while first > 0 and not is_break(tokens[first - 1]):
        first -= 1
        if limit is not None and start - first >= limit:
            break
    return range(first, start)


DASHES = frozenset({"-", "–", "—"})


def before_aside(tokens: Sequence[Token], i: int) -> int:
    """The token before a bracketed aside and dash that end at token ``i``: in "citalopram 20
    mg (2022) - stopped", what was stopped comes before "(2022) -"; ``i`` where there is none."""
    j = i
    while j >= 0 and tokens[j].text in DASHES:
        j -= 1
    if j < 0 or tokens[j].text != ")":
        return j if j >= 0 else i  # "HIV serology - negative": over the dash
    while j >= 0 and tokens[j].text != "(":
        j -= 1
    return j - 1 if j > 0 else i
