"""The day a question names, found in passages however the record writes it.

"What was her potassium overnight on 8 November?" is answered by a nursing note that writes the
day "08/11/26" and is dated 2026-11-08 by its file name; the question's words share nothing with
either (walk 41). :func:`asked_days` reads the days a question names ("8 November", "8th Nov",
"November 8", "on 08/11", "2026-11-08"; not "yesterday"), :func:`day_phrases` gives the FTS5
phrases that find the passages that may hold one ("08/11/26" is tokenised "08 11 26", so the
phrase "08 11" finds it), and :func:`holds_day` decides, passage by passage, whether the passage
really holds the day, reading its dates by the app's one rule for day and month order
(medlocal/document_dates.py): a numeric date that reads two ways ("08/11/26") is read in the
order its document's opening writes dates; where nothing says, it is not guessed, and it holds
the day only when the question writes it the same way ("08/11" in both). A question's own
two-way date is read in the order the question says, else in the order of the document it is
compared with (a user writes dates as their records do).

A passage of a document dated that day (:func:`medlocal.document_dates.own_date_shown`) counts
too, after the passages whose text holds it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass

from medlocal.values import extract_dates

Day = tuple[int | None, int, int]  # (year or None, month, day)


@dataclass(frozen=True)
class WrittenDay:
    """A day as a text writes it: ``ordered`` when the month is known (a month name or an ISO
    date: ``first`` is the month, ``second`` the day); else the two numbers as written."""

    first: int
    second: int
    year: int | None
    ordered: bool

    def readings(self, day_first: bool | None) -> set[Day]:
        """The days it may be, read in ``day_first`` order where it reads two ways; none when
        it reads two ways and the order is not known (never guessed)."""
        if self.ordered:
            pairs = [(self.first, self.second)]
        elif self.first > 12 or day_first is True:
            pairs = [(self.second, self.first)]
        elif self.second > 12 or day_first is False:
            pairs = [(self.first, self.second)]
        else:
            pairs = []
        return {(self.year, m, d) for m, d in pairs if 1 <= m <= 12 and 1 <= d <= 31}


# A canonical date with its day: "2026-11-08", or "--11-08" without the year.
_CANONICAL_DAY = re.compile(r"(?:(?P<year>\d{4})|-)-(?P<month>\d{2})-(?P<day>\d{2})")


def written_days(text: str, *, question: bool = False) -> list[WrittenDay]:
    """Every day ``text`` writes, in order (a month and year alone are no day), read by the
    app's one date reader (:func:`medlocal.values.extract_dates`) with yearless days: "8
    november" in any case, and, in a ``question`` only, "8/11" with no dating word before it (a
    passage's "power 4/5", "grade 3/4" or "1/2 tablet" is no day: review 42)."""
    found: list[WrittenDay] = []
    for value in extract_dates(text, any_case_months=True, bare_day_month=question):
        day = _CANONICAL_DAY.fullmatch(value.canonical)
        if day is None:
            continue
        year = int(day.group("year")) if day.group("year") else None
        # Read both ways (``alt``), the canonical reading is month first: the first number
        # written is the month's.
        month, number = int(day.group("month")), int(day.group("day"))
        found.append(WrittenDay(month, number, year, ordered=value.alt is None))
    return found


def asked_days(question: str) -> list[WrittenDay]:
    """The days a question names ("8 November", "on 08/11", "2026-11-08"); none for a question
    that names none (or only a relative one: "yesterday" is not read)."""
    return list(dict.fromkeys(written_days(question, question=True)))


def _both_orders(day: WrittenDay) -> set[Day]:
    return day.readings(None) if day.ordered else day.readings(True) | day.readings(False)


def day_phrases(asked: Iterable[WrittenDay]) -> list[str]:
    """FTS5 phrases (before quoting) that every passage holding one of the ``asked`` days, in any
    written form, matches: the day and month as numbers in both orders ("08 11" is in
    "08/11/26" and "8.11.2026", "11 08" in "2026-11-08"), and with the month's name and its
    first three letters ("8 november", "8th nov", "nov 8"). Both orders of the numbers: which
    one a passage uses is read later, passage by passage (:func:`holds_day`)."""
    phrases: list[str] = []
    for _, month, day in sorted({d for a in asked for d in _both_orders(a)}):
        name = calendar.month_name[month].lower()
        short = name[:3]
        ordinal = f"{day}{_ordinal_suffix(day)}"
        forms = [f"{day} {month}", f"{day:02d} {month:02d}", f"{month} {day}"]
        forms += [f"{month:02d} {day:02d}"]
        for word in (name, short):
            forms += [f"{day} {word}", f"{ordinal} {word}", f"{word} {day}", f"{word} {ordinal}"]
        phrases += [f for f in forms if f not in phrases]
    return phrases


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _same_day(a: Day, b: Day) -> bool:
    return a[1:] == b[1:] and (a[0] is None or b[0] is None or a[0] == b[0])


def holds_day(
    text: str, day_first: bool | None, asked: Iterable[WrittenDay], question_first: bool | None
) -> bool:
    """Whether ``text`` (of a document writing dates ``day_first``, None where it does not
    say) writes one of the ``asked`` days (read ``question_first`` where the question says its
    order, else as the document does; see the module docstring)."""
    wanted = list(asked)
    for written in written_days(text):
        held = written.readings(day_first)
        for day in wanted:
            order = question_first if question_first is not None else day_first
            if any(_same_day(a, b) for a in day.readings(order) for b in held):
                return True
            # Two-way dates written alike ("08/11" asked, "08/11/26" written) name the same day
            # whichever order both are in.
            if not day.ordered and not written.ordered:
                alike = (day.first, day.second) == (written.first, written.second)
                if alike and (day.year is None or written.year in (None, day.year)):
                    return True
    return False


def dated_on(shown: str | None, asked: Iterable[WrittenDay], order: bool | None) -> bool:
    """Whether a document's own date as shown (``YYYY-MM-DD``; anything else names no clear
    day) is one of the ``asked`` days, a question's two-way date read in ``order`` (the
    question's, else its document's; where neither says, such a date names no day here)."""
    if shown is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown):
        return False
    year, month, day = (int(part) for part in shown.split("-"))
    return any(
        _same_day(reading, (year, month, day)) for a in asked for reading in a.readings(order)
    )
