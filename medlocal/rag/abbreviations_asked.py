"""The listed abbreviations a question asks about, whichever form it writes: as written ("LVEF",
"eGFR", "Hb"), or spelt out ("ejection fraction" is EF, "glomerular filtration rate" GFR,
"haemoglobin" Hb).

Search adds both forms to its query (medlocal/abbreviations.py), so it ranks "Echo: LVEF 45%"
first for "Is her ejection fraction normal?"; the relevance gate compared only the words and
dropped that passage, and the answer was "Not found in the selected documents" with no passage
given (walk 48b D1). The gate reads a passage as holding one of these abbreviations the way
rag/relevance.holds_abbreviation does: as written, in a longer listed form ("LVEF" for EF), or
its sense spelt out.

Besides the phrases search spells out, a single clinical word whose first listed sense it is
brings its abbreviations back here ("haemoglobin": Hb, HGB): search leaves one-word senses out
of its query (each would add terms to many questions), but for the gate they only say that a
passage search already ranked writes the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from medlocal.abbreviations import default_abbreviations
from medlocal.spelling import american

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
# An abbreviation of one letter ("K", "P") is found in too many places to stand for a word.
_SHORTEST = 2


def abbreviations_asked(question: str, clinical: Iterable[str]) -> tuple[str, ...]:
    """The listed abbreviations ``question`` writes or spells out (British spellings folded:
    "haemoglobin" is the list's "hemoglobin"); one-word senses only among its ``clinical``
    words (not "patient", whose Pt would make every passage saying "Pt" relevant)."""
    vocabulary = default_abbreviations()
    words = [american(w.lower()) for w in _WORD.findall(question)]
    singles = _one_word_senses()
    found = [
        *vocabulary.abbreviations_in(question),
        *vocabulary.spelled_out(" ".join(words)),
        *(key for word in clinical for key in singles.get(american(word.lower()), ())),
    ]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _one_word_senses() -> dict[str, tuple[str, ...]]:
    """Abbreviation by the one word that is its first sense ("hemoglobin": Hb, Hg, HGB), for
    abbreviations of two characters or more that are no English word."""
    vocabulary = default_abbreviations()
    found: dict[str, list[str]] = {}
    for key, senses in vocabulary.senses.items():
        if not senses or " " in senses[0] or vocabulary.english[key] or len(key) < _SHORTEST:
            continue
        found.setdefault(senses[0].lower(), []).append(key)
    return {word: tuple(keys) for word, keys in found.items()}
