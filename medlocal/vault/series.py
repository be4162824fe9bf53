"""A test's values across a record's dated documents: which passages a "latest" question and a
"trend" question need first.

A long record holds one lab report per blood test, each naming the same tests once: bm25 scores
them alike and cosine nearly so, and the fusion's ties fall to the lower chunk id, the oldest
import (walk 44 D1: "What is the most recent creatinine?" was given the 2019-2023 reports and
none of the seven after, so the newest value never reached the model). A question about the
newest value ("latest", "most recent", "current", "last") wants the newest dated passages
holding a value of the test first; a question about change ("trend", "over the years") wants
the whole span, not the slice the other rankings happen to favour (walk 44 D2: eGFR 2023-2025
only, the 2019-2022 values never given). Dates are the documents' own dates as the vault reads
them (``medlocal.document_dates``, the same reading ``medlocal.vault.diversify`` orders versions
by); a date whose day and month order is unclear counts by its later reading.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import date

from medlocal.vault.diversify import shown_days
from medlocal.vault.lexical import QUESTION_FILLER, query_words, trend_terms, without_filler

# A question about the newest value of something: "What is the most recent creatinine?",
# "latest HbA1c", "her current eGFR", "when was her potassium last checked".
_LATEST = re.compile(
    r"\b(?:latest|most\s+recent(?:ly)?|newest|current(?:ly)?|last|up[\s-]to[\s-]date)\b",
    re.IGNORECASE,
)
# Words of such a question that are not the thing asked about.
_LATEST_WORDS = frozenset(
    {"latest", "recent", "newest", "up-to-date", "date", "value", "values", "result",
     "results", "reading", "readings", "level", "levels", "measurement", "measured", "checked",
     "check", "test", "tested", "lab", "labs", "report", "reports", "blood", "bloods",
     # A drug's dose is written by the drug's name ("apixaban 2.5 mg"), seldom by "dose".
     "dose", "doses", "dosage", "strength", "taking", "taken", "prescribed", "on"}
)  # fmt: skip


def latest_terms(query: str) -> list[str]:
    """The thing a question about its newest value asks about ("creatinine" for "What is the
    most recent creatinine?"); none for other questions, and none for a question about change
    (``trend_terms``: "over the last year" asks for the span, not the newest)."""
    if _LATEST.search(query) is None or trend_terms(query):
        return []
    words = [w for w in query_words(query) if not any(ch.isdigit() for ch in w)]
    return [w for w in without_filler(words) if w.lower() not in _LATEST_WORDS | QUESTION_FILLER]


# Words naming a kind of document a question may restrict its series to: "across the four lab
# reports" means the reports, not the discharge summary quoting one value (grfix43).
_KINDS: dict[str, str] = {
    "lab": r"lab|labs|laborator(?:y|ies)", "labs": r"lab|labs|laborator(?:y|ies)",
    "report": r"reports?", "reports": r"reports?", "result": r"results?", "results": r"results?",
    "test": r"tests?", "tests": r"tests?", "blood": r"bloods?", "bloods": r"bloods?",
    "letter": r"letters?", "letters": r"letters?", "clinic": r"clinics?", "clinics": r"clinics?",
    "review": r"reviews?", "reviews": r"reviews?", "summary": r"summary|summaries",
    "summaries": r"summary|summaries", "discharge": r"discharges?",
}  # fmt: skip


def kind_pattern(query: str) -> re.Pattern[str] | None:
    """What the passages of the kinds of document ``query`` names write ("lab reports":
    "Laboratory", "Report"); None where it names none."""
    kinds = sorted({_KINDS[w.lower()] for w in query_words(query) if w.lower() in _KINDS})
    if not kinds:
        return None
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(kinds)})(?![^\W_])", re.IGNORECASE)


def spread_by_kind(
    ids: Sequence[int],
    days: Mapping[int, date | None],
    texts: Mapping[int, str],
    kind: re.Pattern[str] | None,
) -> list[int]:
    """``spread_over_dates`` of the passages writing the kind of document the question names
    (``kind_pattern``), then of the others; of all where it names none."""
    if kind is None:
        return spread_over_dates(ids, days)
    named = [i for i in ids if kind.search(texts.get(i, ""))]
    others = [i for i in ids if i not in set(named)]
    return spread_over_dates(named, days) + spread_over_dates(others, days)


def newest_day(shown: str | None) -> date | None:
    """The day a document's shown own date reads as (the later reading where its day and month
    order is unclear); None for no date or one without a day."""
    days = shown_days(shown)
    return max(days) if days else None


def newest_first(ids: Sequence[int], days: Mapping[int, date | None]) -> list[int]:
    """``ids`` with the dated ones first, newest first (ties in their given order), then the
    undated in their given order."""
    dated = [i for i in ids if days.get(i) is not None]
    dated.sort(key=lambda i: _ordinal(days, i), reverse=True)  # stable: ties keep their order
    return dated + [i for i in ids if days.get(i) is None]


def spread_over_dates(ids: Sequence[int], days: Mapping[int, date | None]) -> list[int]:
    """``ids`` in an order whose every beginning spans the dates evenly: the newest, the oldest,
    then the one dated nearest the middle, then those nearest the middles of each half, and so
    on (breadth first), the undated after in their given order. Eight of sixteen half-yearly
    reports so cover the whole span, where the newest-first order gives its last years only."""
    dated = sorted((i for i in ids if days.get(i) is not None), key=lambda i: _ordinal(days, i))
    order: list[int] = []
    if dated:
        at = [_ordinal(days, i) for i in dated]
        last = len(dated) - 1
        order = [dated[last]] + ([dated[0]] if last > 0 else [])
        spans: deque[tuple[int, int]] = deque([(0, last)])
        while spans:
            low, high = spans.popleft()
            if high - low < 2:
                continue
            # The passage dated nearest the span's middle day: even in time, not in count
            # (reports bunch around an admission).
            middle_day = (at[low] + at[high]) / 2
            middle = min(range(low + 1, high), key=lambda m: (abs(at[m] - middle_day), m))
            order.append(dated[middle])
            spans.extend(((low, middle), (middle, high)))
    return order + [i for i in ids if days.get(i) is None]


def _ordinal(days: Mapping[int, date | None], i: int) -> int:
    day = days.get(i)
    return day.toordinal() if day is not None else 0
