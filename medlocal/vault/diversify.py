"""Near-duplicate passages make way for different evidence before the top k is cut.

Exports repeat themselves: a FHIR bundle carries one near-identical progress note per encounter,
letters quote the same medication list, a guideline is filed twice. Fused ranking puts all the
copies side by side and they push the passage that answers the question out of the top k. Here a
passage whose words mostly repeat a better-ranked one (Jaccard similarity of word sets at or
above ``threshold``) is moved behind every passage that is not such a repeat: still returned when
there is room, never at the expense of new evidence. Word sets cost microseconds for the few
dozen candidates a search considers, and need no vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from medlocal.vault.records import SearchHit

# Two progress notes that differ in a date and a day count share ~80% of their words; two
# different sections of one note rarely share half.
NEAR_DUPLICATE = 0.7
_WORD = re.compile(r"\w+")

Hit = TypeVar("Hit", bound=SearchHit)


def word_set(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def demote_near_duplicates(
    hits: Sequence[Hit], k: int, threshold: float = NEAR_DUPLICATE
) -> list[Hit]:
    """The best ``k`` of ``hits`` (best first) with repeats of better-ranked passages moved last."""
    kept: list[Hit] = []
    kept_words: list[frozenset[str]] = []
    repeats: list[Hit] = []
    for hit in hits:
        if len(kept) == k:
            break
        words = word_set(hit.text)
        if any(jaccard(words, seen) >= threshold for seen in kept_words):
            repeats.append(hit)
            continue
        kept.append(hit)
        kept_words.append(words)
    return (kept + repeats)[:k]
