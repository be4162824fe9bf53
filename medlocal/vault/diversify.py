"""Near-duplicate passages make way for different evidence before the top k is cut.

Exports repeat themselves: a FHIR bundle carries one near-identical progress note per encounter,
letters quote the same medication list, a guideline is filed twice. Fused ranking puts all the
copies side by side and they push the passage that answers the question out of the top k. Here a
passage whose words mostly repeat a better-ranked one (Jaccard similarity of word sets at or
above ``threshold``) is moved behind every passage that is not such a repeat: still returned when
there is room, never at the expense of new evidence. Word sets cost microseconds for the few
dozen candidates a search considers, and need no vectors.

A near-duplicate that says something clinically different is not a repeat but another version:
a revised discharge summary whose metformin went from 500 mg to 1 g, a corrected potassium, an
amended list where "left" became "right" or "no" appeared. Its changed value is the evidence that
matters, so it keeps its place, and among versions from different documents the newer document
takes the better slot. Two documents whose own dates differ (``medlocal.document_dates``: lab
reports of 10/06/2025 and 02.06.2026 share their layout and most words) are not versions of one
text but a series: both stay, in rank order, and neither replaces the other (walk 42g: the
report imported later was called current though it was the older one). Versions are documents
of one own date or with no own date to compare; the newer is the later own date where both
read as days, else the later-imported (the higher id).
Values are compared with the grounding checks' grammar (``medlocal.values``: "1 g" == "1000 mg");
dates, times, bare whole numbers and durations are left out, so progress notes that differ only
in the date and the day count stay repeats.

Passages with the same text (``text_key``: case and whitespace aside; a text that only repeats
one short unit, such as a line pasted hundreds of times, whatever offset its passage starts at)
are not demoted but collapsed to the best-ranked one before the top k is cut: nothing is lost,
the text is the same, and a document holding hundreds of copies takes one slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cmp_to_key, lru_cache
from typing import TypeVar

from medlocal.document_dates import (
    DATE_WINDOW,
    UNCLEAR_ORDER,
    day_of,
    iso_when_clear,
    own_date_shown,
)
from medlocal.values import Value, extract_values, is_supported
from medlocal.vault.records import SearchHit

# Two progress notes that differ in a date and a day count share ~80% of their words; two
# different sections of one note rarely share half.
NEAR_DUPLICATE = 0.7
_WORD = re.compile(r"\w+")
# Durations ("day 3", "4 days ago", "post-op week 2") change in every repeated note.
_DURATIONS = frozenset({"min", "h", "day", "week", "month", "year"})
# Words that turn a finding around or move it to the other side when only one version has them
# (single-word NegEx/ConText negation triggers and laterality, as in ``medlocal.rag.assertions``,
# plus the words an amended list uses for a changed medication).
POLARITY = frozenset(
    {"no", "not", "denies", "denied", "without", "negative", "positive", "absent", "present",
     "never", "none", "resolved", "ruled", "left", "right", "bilateral", "stopped", "started",
     "discontinued", "held", "increased", "decreased", "abnormal", "normal"}
)  # fmt: skip

Hit = TypeVar("Hit", bound=SearchHit)


def word_set(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _clinical(value: Value) -> bool:
    """A value a revision changes and a repeated note does not: a dose, a lab value with a unit
    or a decimal, a blood pressure, a dosing interval, a comparator ("<0.01")."""
    if value.kind in ("ratio", "frequency"):
        return True
    if value.kind != "number":
        return False  # dates and times differ between every repeated note
    if value.unit is not None:
        return value.unit.split("/")[0] not in _DURATIONS
    return "." in value.canonical or not value.canonical[:1].isdigit()


@lru_cache(maxsize=256)
def _values(text: str) -> tuple[tuple[Value, ...], tuple[Value, ...]]:
    values = extract_values(text)
    return tuple(v for v in values if _clinical(v)), tuple(values)


def versions_differ(a: str, b: str) -> bool:
    """Whether two near-duplicate texts disagree clinically: a clinical value of one that the
    other does not state, or a negation/laterality word only one of them has."""
    if (word_set(a) ^ word_set(b)) & POLARITY:
        return True
    (mine, all_mine), (theirs, all_theirs) = _values(a), _values(b)
    return any(not is_supported(v, list(all_theirs)) for v in mine) or any(
        not is_supported(v, list(all_mine)) for v in theirs
    )


def hit_date(hit: SearchHit) -> str | None:
    """The own date of a hit's document (medlocal/document_dates.py) as the vault read it with
    the hit: YYYY-MM-DD, or as written with "day and month order unclear". A hit that does not
    carry it (not from the vault's search: a summary's passages) is dated by the same rule from
    its file name and the part of its text inside the document's opening. None where nothing
    dates it."""
    if hit.document_date is not None:
        return hit.document_date
    opening = hit.text[: max(0, DATE_WINDOW - hit.start)]
    return own_date_shown(opening, "text", hit.file_name)


def shown_days(shown: str | None) -> frozenset[date]:
    """The days a shown own date may be: the one it reads as, or, written with its day and month
    order unclear ("10/06/2025"), both readings; none for a missing date or one without a day."""
    day = day_of(shown)
    if day is not None:
        return frozenset({day})
    suffix = f", {UNCLEAR_ORDER}"
    if shown is None or not shown.endswith(suffix):
        return frozenset()
    written = shown[: -len(suffix)]
    readings = (day_of(iso_when_clear(written, first)) for first in (True, False))
    return frozenset(day for day in readings if day is not None)


def dated_apart(a: SearchHit, b: SearchHit) -> bool:
    """Whether the documents of ``a`` and ``b`` give themselves different own dates: then they
    are a series (reports of the same layout a year apart), never two versions of one text.
    A date with its day and month order unclear counts by both readings ("10/06/2025" is 10
    June or 6 October 2025, neither of them 2 June 2026; "04/11/2026" may be another
    document's "2026-04-11"); a missing date says nothing."""
    if a.document_id == b.document_id:
        return False
    mine, theirs = shown_days(hit_date(a)), shown_days(hit_date(b))
    return bool(mine) and bool(theirs) and not mine & theirs


def newer_version(a: SearchHit, b: SearchHit) -> bool:
    """Whether ``a`` is the newer of two versions: the later own date where every reading of
    one is later than every reading of the other, else the later-imported (the higher id)."""
    mine, theirs = shown_days(hit_date(a)), shown_days(hit_date(b))
    if mine and theirs and (min(mine) > max(theirs) or max(mine) < min(theirs)):
        return min(mine) > max(theirs)
    return a.document_id > b.document_id


def _newest_first(a: tuple[SearchHit, frozenset[str]], b: tuple[SearchHit, frozenset[str]]) -> int:
    """Sort order of (hit, words) pairs: the newer version first; one document's keep theirs."""
    if a[0].document_id == b[0].document_id:
        return 0
    return -1 if newer_version(a[0], b[0]) else 1


_NEWEST_FIRST = cmp_to_key(_newest_first)


def _period(text: str) -> int:
    """The smallest p with text[i] == text[i + p] throughout, or len(text) when above half."""
    head = text[:16]
    p = text.find(head, 1) if head else -1
    while 0 < p <= len(text) // 2:
        if text[p:] == text[: len(text) - p]:
            return p
        p = text.find(head, p + 1)
    return len(text)


def text_key(text: str) -> str:
    """What passages with the same text share: the text in lower case with its whitespace
    collapsed; for a text that is one unit repeated (at least twice), that unit in a canonical
    rotation, so the passages a chunker cuts at different offsets of a repeated line agree."""
    normal = " ".join(text.lower().split())
    period = _period(normal)
    if period * 2 > len(normal):
        return normal
    unit = normal[:period]
    return "\0" + min(unit[i:] + unit[:i] for i in range(period))


def collapse_identical(hits: Iterable[Hit], seen: set[str] | None = None) -> list[Hit]:
    """``hits`` (best first) without those whose ``text_key`` a better-ranked hit (or ``seen``,
    which is updated) already has."""
    seen = set() if seen is None else seen
    kept = []
    for hit in hits:
        key = text_key(hit.text)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


def demote_near_duplicates(
    hits: Sequence[Hit], k: int, threshold: float = NEAR_DUPLICATE
) -> list[Hit]:
    """The best ``k`` of ``hits`` (best first) with repeats of better-ranked passages moved last.
    Versions that differ (``versions_differ``) are kept, newest document first among them; a
    newer version ranked past the top k still comes in, in place of the last other passage.
    Near-copies from documents of different own dates (``dated_apart``) that differ are a
    series: kept in rank order, as different passages are."""
    kept, repeats = split_near_duplicates(hits, k, threshold)
    return (kept + repeats)[:k]


def split_near_duplicates(
    hits: Sequence[Hit], k: int, threshold: float = NEAR_DUPLICATE
) -> tuple[list[Hit], list[Hit]]:
    """``demote_near_duplicates`` in two parts: the (at most ``k``) passages that are not repeats,
    in their order, and the repeats, best first."""
    kept: list[tuple[Hit, frozenset[str]]] = []
    repeats: list[Hit] = []
    for hit in hits:
        words = word_set(hit.text)
        similar = [i for i, (_, seen) in enumerate(kept) if jaccard(words, seen) >= threshold]
        if any(not versions_differ(hit.text, kept[i][0].text) for i in similar):
            repeats.append(hit)
            continue
        # Near-copies of another own date are a series, not versions: they neither reorder
        # nor displace each other (walk 42g: lab reports a year apart).
        similar = [i for i in similar if not dated_apart(hit, kept[i][0])]
        if len(kept) >= k:
            # Full: only a newer version of a kept passage gets in.
            others = [i for i in range(len(kept)) if i not in similar]
            if not others or not any(newer_version(hit, kept[i][0]) for i in similar):
                continue
            drop = others[-1]
            repeats.insert(0, kept.pop(drop)[0])
            similar = [i - (i > drop) for i in similar]
        kept.append((hit, words))
        if similar:
            # The versions' slots, refilled newest document first (rank order among equals).
            slots = [*similar, len(kept) - 1]
            ordered = sorted((kept[i] for i in slots), key=_NEWEST_FIRST)
            for slot, pair in zip(slots, ordered, strict=True):
                kept[slot] = pair
    return [hit for hit, _ in kept], repeats
