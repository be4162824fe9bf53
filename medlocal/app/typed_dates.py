"""A date typed in the document filter, read the common ways a clinician writes one, and
matched against a document's dates (its own, the one in its file name, its import's).

"2024-03-13", "13/03/2024", "13.03.2024", "13 Mar 2024", "March 13, 2024", "March 2024",
"2024-03" and "03/2024" each become the YYYY-MM-DD or YYYY-MM prefixes they can mean: a
numeric day and month that read both ways ("03/04/2024") keep both readings, since a filter that
shows one document too many hides nothing the clinician looks for, while a wrong guess would."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from medlocal.app.patients import MONTH_WORDS

_WORD = r"([A-Za-z]{3,9})\.?"
# Tried in this order on the query; each match is taken out of it before the next.
_DAY_MONTH_WORD_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+{_WORD},?[\s\-]+(\d{{4}})\b"
)
_MONTH_WORD_DAY_YEAR = re.compile(rf"\b{_WORD}[\s\-]+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_MONTH_WORD_YEAR = re.compile(rf"\b{_WORD},?[\s\-]+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_MONTH_YEAR = re.compile(r"(?<![\d/.])\b(\d{1,2})/(\d{4})\b")  # not the end of "31/02/2024"


@dataclass(frozen=True)
class TypedQuery:
    """The dates found in a query (each the set of prefixes it may mean) and its other words."""

    dates: tuple[frozenset[str], ...]
    words: str


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _readings(pattern: re.Pattern[str], found: re.Match[str]) -> set[str | None]:
    g = found.groups()
    if pattern is _DAY_MONTH_WORD_YEAR:
        month = MONTH_WORDS.get(g[1].casefold())
        return {_day(int(g[2]), month, int(g[0]))} if month else set()
    if pattern is _MONTH_WORD_DAY_YEAR:
        month = MONTH_WORDS.get(g[0].casefold())
        return {_day(int(g[2]), month, int(g[1]))} if month else set()
    if pattern is _MONTH_WORD_YEAR:
        month = MONTH_WORDS.get(g[0].casefold())
        return {_month(int(g[1]), month)} if month else set()
    if pattern is _ISO:
        year, month = int(g[0]), int(g[1])
        return {_day(year, month, int(g[2])) if g[2] else _month(year, month)}
    if pattern is _NUMERIC:
        first, second, year = int(g[0]), int(g[1]), int(g[2])
        return {_day(year, second, first), _day(year, first, second)}
    return {_month(int(g[1]), int(g[0]))}


def read_query(query: str) -> TypedQuery:
    """Split ``query`` into the dates it types and the rest of its words."""
    dates: list[frozenset[str]] = []
    rest = query
    for pattern in (
        _DAY_MONTH_WORD_YEAR,
        _MONTH_WORD_DAY_YEAR,
        _MONTH_WORD_YEAR,
        _ISO,
        _NUMERIC,
        _MONTH_YEAR,
    ):
        while (found := next(_dates_in(pattern, rest), None)) is not None:
            match, readings = found
            dates.append(readings)
            rest = f"{rest[: match.start()]} {rest[match.end() :]}"
    return TypedQuery(tuple(dates), rest)


def _dates_in(
    pattern: re.Pattern[str], text: str
) -> Iterator[tuple[re.Match[str], frozenset[str]]]:
    """The matches of ``pattern`` in ``text`` that name a real date ("March 2024" does; "Mark
    2024", a word that is no month, stays a word to look for)."""
    for match in pattern.finditer(text):
        readings = frozenset(r for r in _readings(pattern, match) if r)
        if readings:
            yield match, readings


def dates_match(typed: Iterable[frozenset[str]], document_dates: Iterable[str]) -> bool:
    """Whether each typed date is one of the document's dates (YYYY-MM-DD), or its month."""
    known = list(document_dates)
    return all(any(d.startswith(p) for p in prefixes for d in known) for prefixes in typed)
