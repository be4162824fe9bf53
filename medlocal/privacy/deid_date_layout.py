"""A shifted date written the way its original was written.

Walk 20: a shifted "3 March 2025" came out as "July 18, 2024" and "03/04/2025" as "2024-07-18",
so a British letter's dates changed their look mid-text and a reader could tell which dates had
been moved. :func:`respelled` writes the shifted date in the original's own layout: its order of
day, month and year, its separators, zero padding, ordinal suffixes ("4th"), the month as a name
or a number, long or short ("Sept", "MAR") and in the same case, a two- or four-digit year, and a
weekday written beside it ("Tue") moved with it.

It answers None where it cannot account for every part of the original (an unknown word, a
number that is neither the day, the month nor the year); the caller then writes its usual form.
"""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A month's and a weekday's number by each of their names, whole and short ("sept", "thurs").
MONTH_NUMBERS = {
    written: number
    for number, name in enumerate(_MONTH_NAMES, start=1)
    for written in (name, name[:3])
} | {"sept": 9}
_WEEKDAY_NUMBERS = {
    written: number for number, name in enumerate(_WEEKDAY_NAMES) for written in (name, name[:3])
} | {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3, "satur": 5}
_PART = re.compile(r"(?P<number>\d+)(?P<ordinal>st|nd|rd|th)?|(?P<word>[^\W\d_]+)", re.I)
# Words of a date's writing that are neither its month nor a weekday, kept as written.
_FILLERS = {"of", "the", "de", "del"}


def _month_of(word: str) -> int | None:
    return MONTH_NUMBERS.get(word.lower())


def _weekday_of(word: str) -> int | None:
    return _WEEKDAY_NUMBERS.get(word.lower())


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word.capitalize() if like[:1].isupper() else word.lower()


def _named(names: tuple[str, ...], index: int, like: str) -> str:
    """The name at ``index`` written as ``like`` is: whole or short, and in its case ("May" and
    "June" are whole names; "Mar", "Sept", "Tues" short ones)."""
    name = names[index]
    if like.lower() not in names:
        name = "sept" if like.lower() == "sept" and name == "september" else name[:3]
    return _same_case(name, like)


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _number(value: int, like: str, padded: bool) -> str:
    """``value`` padded to two digits where ``like`` is ("03" -> "07", "3" -> "7")."""
    return f"{value:02d}" if padded or like.startswith("0") else str(value)


def _roles(
    numbers: list[str], original: date, has_month_word: bool, day_first: bool, dated: bool
) -> list[str]:
    """Which of the date's numbers is its day, its month and its year ("d", "m", "y"), read
    against the original date; [] where they do not add up."""
    years = [i for i, n in enumerate(numbers) if dated and len(n) == 4 and int(n) == original.year]
    last = numbers[-1] if len(numbers) >= 2 else ""
    if dated and not years and len(last) == 2 and int(last) == original.year % 100:
        years = [len(numbers) - 1]
    roles = [""] * len(numbers)
    for i in years[:1]:
        roles[i] = "y"
    rest = [i for i, role in enumerate(roles) if not role]
    if has_month_word:
        wanted = ["d"] if rest else []
    else:
        wanted = ["d", "m"] if len(rest) == 2 else ["m"] if len(rest) == 1 and years else []
    if len(rest) != len(wanted):
        return []
    if len(rest) == 2 and years == [0]:
        wanted = ["m", "d"]  # "2025-03-04": a year first has its month next
    elif len(rest) == 2:
        first, second = int(numbers[rest[0]]), int(numbers[rest[1]])
        as_day_first = (first, second) == (original.day, original.month)
        as_month_first = (first, second) == (original.month, original.day)
        if as_day_first and as_month_first:
            as_month_first = not day_first
        if not (as_day_first or as_month_first):
            return []
        wanted = ["m", "d"] if as_month_first else ["d", "m"]
    for i, role in zip(rest, wanted, strict=True):
        value = int(numbers[i])
        if (role == "d" and value != original.day) or (role == "m" and value != original.month):
            return []
        roles[i] = role
    return roles


def respelled(
    raw: str, original: date, shifted: date, day_first: bool, dated: bool = True
) -> str | None:
    """``raw``, which reads as ``original``, rewritten to read as ``shifted`` in its own layout;
    ``day_first`` orders a day and month that read both ways alike ("03/03/2025"); ``dated``
    False: ``raw`` is written without its year ("3/20", "Tues 14th Oct"), and so is the result."""
    parts = list(_PART.finditer(raw))
    numbers = [p.group("number") for p in parts if p.group("number")]
    words = [p.group("word") for p in parts if p.group("word")]
    month_words = [w for w in words if _month_of(w) is not None]
    if len(month_words) > 1 or any(
        _month_of(w) is None and _weekday_of(w) is None and w.lower() not in _FILLERS for w in words
    ):
        return None
    if month_words and _month_of(month_words[0]) != original.month:
        return None
    # Walk 22: a day alone, its month that of the date before it ("discharged on the 14th").
    day_alone = (
        not dated and not month_words and len(numbers) == 1 and int(numbers[0]) == original.day
    )
    roles = ["d"] if day_alone else _roles(numbers, original, bool(month_words), day_first, dated)
    if len(roles) != len(numbers) or (not month_words and "m" not in roles and not day_alone):
        return None
    values = {"d": shifted.day, "m": shifted.month}
    # "12/11/2025": a day and month in digits both two wide are written so ("03/01/2025").
    padded = not month_words and all(
        len(n) == 2 for n, r in zip(numbers, roles, strict=True) if r != "y"
    )
    out: list[str] = []
    at = index = 0
    for part in parts:
        out.append(raw[at : part.start()])
        at = part.end()
        number, word = part.group("number"), part.group("word")
        if number is not None:
            role = roles[index]
            index += 1
            if role == "y":
                written = str(shifted.year) if len(number) == 4 else f"{shifted.year % 100:02d}"
            else:
                written = _number(values[role], number, padded)
            ordinal = part.group("ordinal")
            out.append(written + (_same_case(_ordinal(shifted.day), ordinal) if ordinal else ""))
        elif _month_of(word) is not None:
            out.append(_named(_MONTH_NAMES, shifted.month - 1, word))
        elif _weekday_of(word) is not None:
            out.append(_named(_WEEKDAY_NAMES, shifted.weekday(), word))
        else:
            out.append(word)
    out.append(raw[at:])
    return "".join(out)
