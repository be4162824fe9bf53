"""Speed: ``datetime.strptime`` with its formats' regular expressions kept.

CPython's ``_strptime`` keeps the compiled expressions of only five formats and forgets all of
them at the sixth, so the date readings' 34 formats were compiled again some 200 times on a
20-page record (about 10 ms of its CPU). Here each format's expression, built by
``_strptime``'s own ``TimeRE`` exactly as ``strptime`` builds it, is kept, and a value it does
not match whole is refused without calling ``strptime``: ``strptime`` would refuse it for the
same reason ("does not match format", "unconverted data remains"). A value it matches is read
by ``strptime`` itself, so every reading (the day's range, the two-digit year) is unchanged.
Where the internals are not as expected, or the locale ``strptime`` would read has changed
since its expressions were built, every value goes to ``strptime``.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

_strptime: Any = None
try:
    _strptime = importlib.import_module("_strptime")
except ImportError:  # pragma: no cover - another Python's internals
    _strptime = None

# The expression of each format and the TimeRE (strptime's, one per locale) that built them: a
# new TimeRE starts a new table. None for a format the internals could not build (strptime then
# says why). Swapped whole, never cleared in place: redactions may run on several threads.
_TABLE: tuple[Any, dict[str, re.Pattern[str] | None]] = (None, {})


def _current_time_re() -> Any:
    """_strptime's TimeRE where it still reads the locale strptime would read, else None."""
    if _strptime is None:
        return None
    try:
        time_re = _strptime._TimeRE_cache
        locale_time = time_re.locale_time
        if (
            _strptime._getlang() != locale_time.lang
            or time.tzname != locale_time.tzname
            or time.daylight != locale_time.daylight
        ):
            return None  # strptime rebuilds it on its next call
    except AttributeError:  # pragma: no cover - internals not as expected
        return None
    return time_re


def _expression(time_re: Any, fmt: str) -> re.Pattern[str] | None:
    global _TABLE
    built_by, expressions = _TABLE
    if built_by is not time_re:
        expressions = {}
        _TABLE = (time_re, expressions)
    if fmt in expressions:
        return expressions[fmt]
    try:
        built = time_re.compile(fmt)
    except (KeyError, IndexError, AttributeError, re.error):
        built = None
    expression = built if isinstance(built, re.Pattern) else None
    expressions[fmt] = expression
    return expression


def strptime_dates(value: str, formats: Iterable[str]) -> list[date | None]:
    """``datetime.strptime(value, fmt).date()`` for each of ``formats``, None where it raises
    ValueError (in format order)."""
    time_re = _current_time_re()
    out: list[date | None] = []
    for fmt in formats:
        expression = _expression(time_re, fmt) if time_re is not None else None
        if expression is not None:
            found = expression.match(value)
            if found is None or found.end() != len(value):
                out.append(None)  # strptime: does not match, or unconverted data remains
                continue
        try:
            out.append(datetime.strptime(value, fmt).date())
        except ValueError:
            out.append(None)
    return out
