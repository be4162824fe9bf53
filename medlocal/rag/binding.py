"""Values bound to what they measure: "hemoglobin 7.2 g/dL on admission" binds 7.2 g/dL to the
analyte hemoglobin and the time point "admission", so an answer that gives 7.2 g/dL as the
discharge hemoglobin is not confirmed by it, although the number is in the passage.

An attribute is the nearest analyte, vital sign or measured thing in the value's clause (before
it, else just after it: "90% stenosis"). A time point is a phrase such as "on admission" or a
date: the one after the value ("8.4% on 09/30/2023", "2.1 ng/mL today") when no other
number comes between, in its clause, and it labels no number of its own ("1.4 (baseline 1.1)"),
else the nearest one before it in its clause, else in its sentence. A trend's start ("from 188
in May 2021 to 612") keeps its time point to itself, and "since 11/2023" starts a period, which
is no time point of a value. "The latest" ("most recent", "currently") is a time point of its
own: it fits a value of any date unless the passages give a later value of the same thing
(``superseded``). A date and a named time point ("today", "at discharge") are not compared: a
note's "today" is its own date, which the sentence may well give.
Doses are bound to their drug elsewhere (drug_facts.dose_pairs).

The names of measured things are in medlocal/measured_things.py (tests and identifiers it does not
list in rag/unlisted_tests.py), the time points as notes write them
in rag/time_points.py, reference ranges' limits in rag/reference_ranges.py, the columns and rows
of tables in rag/value_tables.py; rag/bound_comparison.py compares two bound values
(``compatible``, ``superseded``) and describes one for a flag.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from medlocal.delimited_tables import delimited_tables
from medlocal.measured_things import MEASURES, find_measures
from medlocal.rag.chart_words import names_an_eye_measure
from medlocal.rag.range_cells import first_range_heading
from medlocal.rag.reference_ranges import REFERENCE_RANGE, limit_sides, reference_limits
from medlocal.rag.sentences import split_sentences
from medlocal.rag.table_sides import table_sides
from medlocal.rag.time_points import BOUND_KINDS, Point, time_labels, timepoints
from medlocal.rag.unlisted_tests import unlisted_tests
from medlocal.rag.value_tables import (
    DelimitedCell,
    column_measure,
    column_of,
    date_columns,
    delimited_cells,
    identifier_cells,
    limit_cell_sides,
    range_limit_cells,
    row_measure,
    row_point,
    unlisted_row_tests,
)
from medlocal.values import Value, extract_values, is_dose, writes_decimal_commas

# "to" before a number ends a trend's start: "from 58 in September to 64".
_CLAUSE_BREAK = re.compile(
    r";|,(?!\d{3}\b)|\band\b|\bthen\b|\bup from\b|\bdown from\b|\bfrom\b"
    r"|\bto\b(?=\s*[<>≤≥]?\s*\d)",
    re.I,
)
_FROM = re.compile(r"\b(?:up |down )?from\b", re.I)
# A time point right before a number labels that number: "(baseline 1.1)", "admission: 4.1",
# "a baseline of 95".
_LABELS_A_NUMBER = re.compile(r"\s*(?:[:=]|of\b|was\b|is\b)?\s*[<>≤≥]?(?=\d)")


@dataclass(frozen=True)
class Bound:
    value: Value  # offsets in the whole text
    attribute: str | None
    timepoint: str | None
    sentence: str
    # The time point is a date written with day and month both 12 or less ("12/11/2024") in a
    # text that does not say which it writes first: read month first it may be the 12th of
    # November of a note that writes day first, so it is never ordered against another date
    # (see superseded), and it fits either reading (``timepoint_alt``, day first).
    uncertain_date: bool = False
    timepoint_alt: str | None = None
    side: str | None = None  # "left" or "right", where the value is one side's
    # For a reference range's limit, the measure whose range it is ("15-65" after "PTH 88
    # ng/L"): a flag names "the pth reference range", not a date's "reference range".
    range_of: str | None = None
    # An uncertain date as the passage writes it ("09/03/2024"): a flag names it so, not by its
    # month-first reading ("2024-09-03" of a report that writes the day first; review57b F9).
    written_date: str | None = None
    # For a reference range's limit, which one it is where the text says ("upper", "lower":
    # "3.5-5.3", a "Low" cell, "the upper limit of 5.3"; review58b F6).
    limit_side: str | None = None

    def timepoints(self) -> tuple[str, ...]:
        """The readings of the time point: none, one, or a date's two."""
        if self.timepoint is None:
            return ()
        return (
            (self.timepoint,)
            if self.timepoint_alt is None
            else (
                self.timepoint,
                self.timepoint_alt,
            )
        )


def measures_before(sentence: str, value: Value) -> set[str]:
    """The measures ``sentence`` names before ``value`` (found in it by its raw text) within
    its clause and line: "VL 12/07/2024: LDL (<50 copies/mL)" names the viral load and LDL
    before "<50 copies/mL" (a table's headings, on a line of their own, are its columns')."""
    at = sentence.find(value.raw)
    if at < 0:
        return set()
    lo, _ = _clause(sentence, at, at + len(value.raw))
    lo = max(lo, sentence.rfind("\n", 0, at) + 1)
    return {found for start, _, found in find_measures(sentence) if lo <= start < at}


def measured_in(text: str, day_first: bool | None = None) -> set[str]:
    """The names of the measured things ``text`` gives a result for (a value that is no dose):
    "her potassium was 5.0" gives "potassium", so that the word is read as the blood test there,
    not as the drug of the same name."""
    return {
        name
        for b in bind(text, day_first)
        # A test or identifier the measured things do not list (unlisted_tests.py) is no
        # medicine's name either.
        if b.attribute in MEASURES and not is_dose(b.value)
        for name in (b.attribute, *MEASURES[b.attribute])
    }


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` holding ``text[start:end]`` (as ``clause_span`` reads it). A "to"
    before a number ends a trend's start only where a "from" opened one ("from 30 to 22"): after
    a change ("her creatinine had improved to 168", "and her potassium to 4.7") the number is
    the measure's own."""
    starts, ends = _clause_breaks(text)
    before = bisect_right(ends, start) - 1
    after = bisect_left(starts, end)
    return (
        ends[before] if before >= 0 else 0,
        starts[after] if after < len(starts) else len(text),
    )


@lru_cache(maxsize=8)  # the sentence being bound: its values ask in turn
def _froms(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each "from" of ``text`` that may open a trend, found once per text."""
    return tuple(m.span() for m in _FROM.finditer(text))


@lru_cache(maxsize=8)
def _clause_breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and the ends of ``text``'s clause breaks, found once per text: a long lab export
    with no full stop is one sentence, and a scan of it per value (and a search back for a
    "from" per break) made binding it quadratic (review58b: 200 rows of "Date,Test,Result,Unit"
    took 11x the time of 50)."""
    froms = _froms(text)  # a "to" after the first "from" may end a trend's start
    breaks = [
        m
        for m in _CLAUSE_BREAK.finditer(text)
        if not (m.group().lower() == "to" and (not froms or froms[0][1] > m.start()))
    ]
    return tuple(m.start() for m in breaks), tuple(m.end() for m in breaks)


def _attribute(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    column = column_measure(text, value, measures)
    if column is not None:
        return column or None
    end = value.start + len(value.raw)
    lo, hi = _clause(text, value.start, end)
    before = [m for m in measures if lo <= m[0] and m[1] <= value.start]
    if before:
        return max(before, key=lambda m: m[1])[2]
    trend = _trend_measure(text, value, measures)
    if trend is not None:
        return trend
    # "90% stenosis", "50 Gy in 25 fractions": the measured thing right after the value; also
    # one that opens in the value's unit word and runs past it ("78 year old": the value reads
    # "78 year", the measure "year old", walk 40b item 5).
    after = [
        m
        for m in measures
        if (m[0] >= end or (value.start < m[0] and m[1] > end)) and m[1] <= hi and m[0] - end <= 25
    ]
    if after:
        return min(after, key=lambda m: m[0])[2]
    return row_measure(text, value, measures)


def _pressure_or_rate(measure: str | None, value: Value) -> str | None:
    """German charts write the blood pressure "RR 130/80" (Riva-Rocci), English ones the
    respiratory rate "RR 18": a pressure's two numbers make it the blood pressure."""
    if measure == "respiratory rate" and value.kind == "ratio":
        return "blood pressure"
    return measure


def _trend_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure named just before a trend that ``value`` is a step of: in "her eGFR has
    declined from 24 in March to 18 in September", 18 is the eGFR's (its own clause, after the
    "to", names nothing). The measure is the nearest before the trend's "from", in the clause
    that holds the "from"; none where no "from" opens a trend before the value."""
    froms = _froms(text)
    opened = froms[: bisect_right([end for _, end in froms], value.start)]
    for start, _end in reversed(opened):
        lo, _hi = _clause(text, max(start - 1, 0), max(start - 1, 0))
        named = [m for m in measures if lo <= m[0] and m[1] <= start]
        if named:
            return max(named, key=lambda m: m[1])[2]
        # A second trend of the same subject, its clause only a verb: "her eGFR rose from 78 to
        # 92 and fell from 58 to 57" (walk 40b item 5: 58 was bound to nothing, so the
        # passage's HbA1c 58 passed as the eGFR's). The measure is the earlier trend's.
        if not _TREND_VERB_ONLY.fullmatch(text, lo, start):
            return None
    return None


# A clause that is only a trend's verb, its subject the clause's before: "and fell", ", then
# decreased", "and has since risen".
_TREND_VERB_ONLY = re.compile(
    r"[\s,;]*(?:(?:and|then|but|has|have|had|was|were|is|since|subsequently|later|again"
    r"|slightly|further|gradually|steadily|significantly)\s+)*"
    r"(?:increased|decreased|risen|rose|fallen|fell|dropped|declined|improved|worsened"
    r"|climbed|reduced|gone\s+(?:up|down)|went\s+(?:up|down)|changed)\s*",
    re.IGNORECASE,
)


# The side a value is one side's: a side letter or word right before it ("L 10.8 cm", "right:
# 12") or right after it and its unit ("ABI 0.92 R, 0.88 L"), or a side word earlier in its
# clause ("the left kidney measured 11.2 cm").
_SIDE_BEFORE = re.compile(r"(?<![A-Za-z])(?P<side>left|right|L|R)\s*:?\s*$")
# In an eye chart also its sides' shorthand: "IOP OD 15 mmHg, OS 17 mmHg" (round 14).
_EYE_SIDE_BEFORE = re.compile(r"(?<![A-Za-z])(?P<side>left|right|L|R|RE|LE|OD|OS)\s*:?\s*$")
# After it also as prose writes it: "64% in the left", "on the right" (round 9), past a unit the
# value's reading leaves out: "4.6 ms on the right" (round 14).
_SIDE_AFTER = re.compile(
    r"\s*(?:(?!(?:and|or|but|then)\b)[A-Za-zµμ]{1,6}\s+(?=(?:in|on)\s+the\s))?"
    r"(?:(?:in|on)\s+the\s+)?(?P<side>left|right|L|R)\b(?!\s*[:=]?\s*\d)"
)
_SIDE_WORD = re.compile(r"\b(?P<side>left|right)\b", re.I)
_SIDE_OF = {
    "l": "left", "r": "right", "left": "left", "right": "right",
    "re": "right", "od": "right", "le": "left", "os": "left",
}  # fmt: skip


def _side(text: str, value: Value, eye: bool = False) -> str | None:
    """The side ``value`` is one side's, as prose writes it (``eye``: the text is an eye
    chart's, where "OD"/"OS"/"RE"/"LE" are sides)."""
    end = value.start + len(value.raw)
    lo, _hi = _clause(text, value.start, end)
    before = (_EYE_SIDE_BEFORE if eye else _SIDE_BEFORE).search(text, lo, value.start)
    after = _SIDE_AFTER.match(text, end)
    found = before or after
    if found is None:
        words = list(_SIDE_WORD.finditer(text, lo, value.start))
        found = words[-1] if words else None
    return _SIDE_OF[found.group("side").lower()] if found else None


def _labelled(text: str, points: list[Point], numbers: list[Value]) -> dict[Point, int | None]:
    """For each of ``points``, the offset of the number it labels, written right after it
    ("baseline 1.1"); None when no number follows it so. Read once per sentence, by bisection:
    read per value, a long export read as one sentence took quadratic time (review58b)."""
    starts = sorted(n.start for n in numbers)
    labels: dict[Point, int | None] = {}
    for point in points:
        found = _LABELS_A_NUMBER.match(text, point.end)
        index = bisect_left(starts, point.end)
        labels[point] = (
            starts[index]
            if found and index < len(starts) and starts[index] <= found.end()
            else None
        )
    return labels


# A range of time points after a value: "fell from 17.2 to 11.4 between 4/19 and 4/22".
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s*$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|through|-|–)\s*", re.I)


def _range_end(text: str, point: Point, points: list[Point]) -> Point:
    """The last time point of the range ``point`` opens ("between 4/19 and 4/22"), which is
    the time of the value a trend reaches; ``point`` itself where it opens no range."""
    # Searched back from the point's last word only: from the text's start, a search per point
    # was quadratic in a long export read as one sentence.
    word_end = point.start
    while word_end > 0 and text[word_end - 1].isspace():
        word_end -= 1
    if _RANGE_OPENER.search(text, max(word_end - len("between"), 0), point.start) is None:
        return point
    for other in points:
        if other.start > point.end and _RANGE_JOIN.fullmatch(text, point.end, other.start):
            return other
    return point


def _from_clauses(text: str) -> list[tuple[int, int]]:
    """The clauses that start a trend ("from 188 at diagnosis in May 2021")."""
    return [_clause(text, end, end) for _start, end in _froms(text)]


def _timepoint(
    text: str,
    value: Value,
    points: list[Point],
    labels: dict[Point, int | None],
    starts: list[int],
    row_end: int | None = None,
) -> Point | None:
    """The time point of ``value`` (``labels``: each point's labelled number, ``_labelled``;
    ``starts``: the sentence's numbers' offsets, sorted; ``row_end``: where the table row that
    holds ``value`` ends, None where no row holds it)."""
    end = value.start + len(value.raw)
    lo, hi = _clause(text, value.start, end)
    # A row's clause ends with the row: "2024-01-01,Potassium,3.0,mmol/L" has no comma after its
    # unit, and the next row's date was the potassium's (review58b).
    hi = hi if row_end is None else min(hi, row_end)
    # A time point that labels another number ("fasting 98, 1 h 192") is that number's.
    points = [p for p in points if labels[p] in (None, value.start)]
    # One that labels this number is its own, whatever follows it: in "BK PCR 18/08/2025: 2,400
    # copies/mL (not detected 22/07/2025)" the bracket dates the earlier result.
    own = [p for p in points if labels[p] == value.start]
    if own:
        return own[-1]
    # A deadline written after the value ("24 mmHg at 10 minutes and settled to 19 mmHg by 30
    # minutes") says it came by then: not at an earlier point of the sentence either.
    if _DEADLINE_AFTER.match(text, end):
        return None
    following = [p for p in points if p.start >= end and p.end <= hi]
    if following:
        first = _range_end(text, min(following), points)
        index = bisect_left(starts, end)
        if not (index < len(starts) and starts[index] < first.start):
            return first
    before = [p for p in points if p.end <= value.start]
    # A day counted from an earlier one ("on 6 February ..., and the rebound level the next
    # day was 189"): not that day, and no day the sentence writes (round 10).
    if before and _COUNTED_DAY.search(text, max(before).end, value.start):
        return None
    # A value after "after which", "afterwards", "subsequently" came later than the point
    # before it ("INR 3.8 on February 11, after which his weekly dose was cut to 37.5 mg").
    if before and _AFTERWARDS.search(text, max(before).end, value.start):
        return None
    in_clause = [p for p in before if p.start >= lo]
    if in_clause:
        return max(in_clause)
    # A trend's start has its own time point or none; another value does not take one from a
    # trend's start ("from 30 in January to 22": 22 is not January's).
    trend_starts = _from_clauses(text)
    if any(a <= value.start < b for a, b in trend_starts):
        return None
    before = [p for p in before if not any(a <= p.start < b for a, b in trend_starts)]
    return max(before) if before else None


_AFTERWARDS = re.compile(
    r"\b(?:after\s+which|after\s+that|afterwards|afterward|subsequently|thereafter)\b",
    re.IGNORECASE,
)
_DEADLINE_AFTER = re.compile(
    r"\s+(?:by|within)\s+(?:\d{1,3}|one|two|three|four|five|six|ten|twelve|fifteen|twenty"
    r"|thirty|sixty)\s?-?\s?(?:h|hrs?|hours?|min|mins|minutes?)\b",
    re.IGNORECASE,
)
_COUNTED_DAY = re.compile(
    r"\b(?:the\s+(?:next|following)\s+(?:day|morning|evening|night)|the\s+day\s+after"
    r"|(?:a|one|two|three|\d+)\s+days?\s+later)\b",
    re.IGNORECASE,
)


def _range_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure a reference range's limit belongs to: the nearest one named before it on its
    line ("Sodium 138 mmol/L 133-146", "Creatinine 98 umol/L (45-84)"); None where its line
    names none (a range's line may follow an unknown test's name: "PTH 88 ng/L 15-65" is not
    the sodium's range that the next row names)."""
    line_start = text.rfind("\n", 0, value.start) + 1
    before = [m for m in measures if line_start <= m[0] and m[1] <= value.start]
    return max(before, key=lambda m: m[1])[2] if before else None


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, apart)."""
    index = bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _span_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The one of ``spans`` (sorted, apart) that holds ``offset``; None where none does."""
    index = bisect_right(spans, (offset, sys.maxsize)) - 1
    return spans[index] if index >= 0 and spans[index][0] <= offset < spans[index][1] else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps one of ``spans`` (sorted, apart)."""
    index = bisect_left(spans, (end, -1)) - 1
    return index >= 0 and spans[index][1] > start


def _written(text: str, point: Point | None) -> str | None:
    """A date's text as ``text`` writes it, where it may be read either way round."""
    return text[point.start : point.end] if point is not None and point.alt else None


def _with_unlisted_tests(
    text: str, measures: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``measures`` with the tests of ``text`` that the measured things do not list ("Ferritin
    45 ug/L"), sorted; a listed test's name holds no measured thing of its own ("transferrin
    saturation" is no oxygen saturation, "lactate dehydrogenase" no lactate)."""
    tests = unlisted_tests(text)
    kept = [m for m in measures if not any(a <= m[0] and m[1] <= b for a, b, _ in tests)]
    return sorted(kept + tests)


def _named_at(cells: list[tuple[int, int, str]], offset: int) -> str | None:
    """The name of the span of ``cells`` (sorted, apart: ``identifier_cells``,
    ``unlisted_row_tests``) that holds ``offset``."""
    index = bisect_right(cells, (offset, sys.maxsize, "")) - 1
    if index >= 0 and cells[index][0] <= offset < cells[index][1]:
        return cells[index][2]
    return None


def _identifiers_unread(
    text: str,
    identifiers: list[tuple[int, int, str]],
    cells: list[DelimitedCell],
    rows: list[tuple[int, int]],
    day_first: bool | None,
    commas: bool,
) -> list[Bound]:
    """The numbers of identifier cells in the rows the table readers took (``rows``) that they
    bound to nothing (a cumulative report reads only its date and range columns), each bound
    to its identifier."""
    read = {cell.value.start for cell in cells}
    taken = sorted(rows)
    found: list[Bound] = []
    for start, end, name in identifiers:
        if not _inside(taken, start):
            continue
        line_end = text.find("\n", end)
        line = text[text.rfind("\n", 0, start) + 1 : len(text) if line_end < 0 else line_end]
        found += [
            Bound(value.moved(start), name, None, line)
            for value in extract_values(text[start:end], day_first, commas)
            if value.kind in BOUND_KINDS and start + value.start not in read
        ]
    return found


def bind(text: str, day_first: bool | None = None, decimal_commas: bool = False) -> list[Bound]:
    """Every number and ratio of ``text`` with its attribute and time point (``day_first``:
    whether the text writes its dates day first, None where it does not say;
    ``decimal_commas``: whether its record writes decimals with a comma, as the text itself
    may show)."""
    bound: list[Bound] = []
    column_dates = date_columns(text, day_first)
    # Read sentence by sentence, each with the whole text's habit: "INR 2,8." after "Kreatinin
    # 1,2 mg/dl." is 2.8, as extract_values reads it in the whole text.
    commas = decimal_commas or writes_decimal_commas(text)
    # The rows of a delimited table under a header that names its measures are read by their
    # columns, and by nothing else (a header line may run into its first row as one sentence).
    # Read once: the cells, the range-limit cells and the rows below all need the tables.
    tables = delimited_tables(text)
    cells, rows = delimited_cells(text, day_first, commas, tables)
    identifiers = identifier_cells(text, tables)
    # A table's cell under a side's column or in a side's row is that side's ("IOP RE | IOP LE").
    sided = table_sides(text, tables) if tables else []
    eye = names_an_eye_measure(text)
    for cell in cells:
        # An identifier ("MRN") is no result of its row's date.
        date = None if _named_at(identifiers, cell.value.start) else cell.date
        bound.append(
            Bound(
                cell.value,
                cell.measure,
                date.key if date else None,
                cell.quote,
                uncertain_date=date is not None and date.alt is not None,
                timepoint_alt=date.alt if date else None,
                range_of=cell.range_of,
                written_date=_written(text, date),
                side=_named_at(sided, cell.value.start),
            )
        )
    bound += _identifiers_unread(text, identifiers, cells, rows, day_first, commas)
    row_tests = unlisted_row_tests(text, tables)
    heading = first_range_heading(text)
    limit_cells = range_limit_cells(text, tables)
    cell_sides = limit_cell_sides(text, tables)
    # A row of a delimited table is read as the whole text reads it, its cells apart: read
    # alone, "Potassium,5.9,mmol/L,3.5,5.3" lost 5.3 ("3.5,5.3" is no number) and "135,145"
    # became one thousands number (review56a F5).
    table_rows = [row for table in tables for row in table.rows]
    taken_rows = sorted(rows)
    whole = extract_values(text, day_first, commas) if table_rows else []
    starts = [v.start for v in whole]
    for sentence in split_sentences(text):
        body = sentence.text
        end = sentence.start + len(body)
        if _overlaps(table_rows, sentence.start, end):
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, end)
            values = [
                v.moved(-sentence.start) for v in whole[first:last] if v.start + len(v.raw) <= end
            ]
        else:
            values = extract_values(body, day_first, commas)
        # The hours of a label ("1 h 10.9", "45 ng/L at 3 hours") and a result's year ("45%
        # (2025)", "58 in 2023") are no results of their own.
        labels = time_labels(body, values)
        numbers = [
            v
            for v in values
            if v.kind in BOUND_KINDS and not any(a <= v.start < b for a, b in labels)
        ]
        measures = _with_unlisted_tests(body, find_measures(body))
        points = timepoints(body, values)
        # Clauses are cut at commas; the comma inside "September 30, 2023" is not one.
        clauses = list(body)
        for v in values:
            if v.kind == "date":
                clauses[v.start : v.start + len(v.raw)] = "#" * len(v.raw)
        body_for_clauses = "".join(clauses)
        # A table's Range heading is a sentence of its own, above the row's.
        headed = heading is not None and heading < sentence.start
        limits = reference_limits(body_for_clauses, headed)
        sides = limit_sides(body_for_clauses) if limits or limit_cells else {}
        labelled = _labelled(body_for_clauses, points, numbers)
        number_starts = sorted(n.start for n in numbers)
        for value in numbers:
            if _inside(taken_rows, value.start + sentence.start):
                continue
            row = _span_at(table_rows, value.start + sentence.start)
            point = _timepoint(
                body_for_clauses,
                value,
                points,
                labelled,
                number_starts,
                None if row is None else row[1] - sentence.start,
            )
            column = column_dates.get(column_of(text, value.start + sentence.start))
            in_ref_column = column is not None and column.key == REFERENCE_RANGE
            # The text the point's offsets are in: the sentence's, or a column's in the whole.
            written_in = body
            if point is None and not in_ref_column:
                point, written_in = column, text
            if column_measure(body_for_clauses, value, measures) is not None:
                own = row_point(body_for_clauses, value, points)
                if own is not None:
                    point, written_in = own, body
            at = value.start + sentence.start
            # By bisection: a long lab export has thousands of limit cells (a scan per value was
            # quadratic: 4,000 rows took 13.7 s against 4.0 s before them, review57b).
            in_range = value.start in limits or in_ref_column or _inside(limit_cells, at)
            measure = _pressure_or_rate(_attribute(body_for_clauses, value, measures), value)
            identifier = _named_at(identifiers, at)
            if identifier is not None:  # a record number, of no date
                measure, in_range, point = identifier, False, None
            elif measure is None and not in_range:
                measure = _named_at(row_tests, at)
            range_of = _range_measure(body_for_clauses, value, measures) if in_range else None
            limit_side = (sides.get(value.start) or _named_at(cell_sides, at)) if in_range else None
            bound.append(
                Bound(
                    value.moved(sentence.start),
                    REFERENCE_RANGE if in_range else measure,
                    point.key if point else None,
                    body,
                    uncertain_date=point is not None and point.alt is not None,
                    timepoint_alt=point.alt if point else None,
                    side=_named_at(sided, at) or _side(body_for_clauses, value, eye),
                    range_of=range_of,
                    written_date=_written(written_in, point),
                    limit_side=limit_side,
                )
            )
    return sorted(bound, key=lambda b: b.value.start) if cells or identifiers else bound
