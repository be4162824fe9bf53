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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from medlocal.rag.sentences import clause_span, split_sentences
from medlocal.values import Value, dates_agree, extract_values, is_dose, quantity

# Canonical attribute -> the ways notes write it.
_MEASURES: dict[str, tuple[str, ...]] = {
    "hemoglobin": ("hemoglobin", "haemoglobin", "hgb", "hb"),
    "hematocrit": ("hematocrit", "haematocrit", "hct"),
    "hba1c": ("hba1c", "a1c", "hemoglobin a1c", "glycated hemoglobin"),
    "creatinine": ("creatinine", "creat", "cr"),
    "potassium": ("potassium", "k"),
    "sodium": ("sodium", "na"),
    "chloride": ("chloride", "cl"),
    "bicarbonate": ("bicarbonate", "bicarb", "hco3", "co2"),
    # Indian and US notes name the sample in the abbreviation: FBS is fasting blood sugar, PPBS
    # post-prandial, RBS random; a sentence may say "fasting sugar".
    "glucose": (
        "glucose",
        "blood sugar",
        "bg",
        "bsl",
        "sugar",
        "fbs",
        "fbg",
        "fpg",
        "ppbs",
        "rbs",
        "cbg",
    ),
    "urea": ("urea", "bun"),
    "inr": ("inr",),
    "troponin": ("troponin", "trop", "tnt", "tni"),
    "bnp": ("bnp", "nt-probnp", "probnp"),
    "wbc": ("wbc", "white cell count", "white blood cell count", "leukocytes", "white count"),
    "platelets": ("platelets", "platelet count", "plt"),
    "cea": ("cea",),
    "psa": ("psa",),
    "ldl": ("ldl", "ldl cholesterol", "ldl-c"),
    "hdl": ("hdl", "hdl cholesterol", "hdl-c"),
    "cholesterol": ("cholesterol",),
    "triglycerides": ("triglycerides",),
    "tsh": ("tsh",),
    "alt": ("alt",),
    "ast": ("ast",),
    "bilirubin": ("bilirubin", "bili"),
    "albumin": ("albumin",),
    "lactate": ("lactate",),
    "crp": ("crp", "c-reactive protein"),
    "esr": ("esr",),
    "egfr": ("egfr", "gfr"),
    "magnesium": ("magnesium", "mg2+"),
    "calcium": ("calcium", "ca"),
    "ejection fraction": ("ejection fraction", "ef", "lvef"),
    "heart rate": ("heart rate", "hr", "pulse", "pulse rate"),
    "blood pressure": ("blood pressure", "bp"),
    "respiratory rate": ("respiratory rate", "rr", "resp rate"),
    "temperature": ("temperature", "temp", "fever"),
    "oxygen saturation": ("oxygen saturation", "saturation", "sats", "spo2", "sao2", "o2 sat"),
    "weight": ("weight", "wt", "weighs", "weighed", "weighing"),
    "height": ("height",),
    "bmi": ("bmi",),
    "age": ("age", "aged", "year-old", "years old"),
    "stenosis": ("stenosis",),
    "fractions": ("fractions", "fraction"),
    "cycles": ("cycles", "cycle"),
    "boost": ("boost",),
    "blood loss": ("blood loss", "ebl"),
    "viral load": ("viral load", "vl"),
    "cd4": ("cd4", "cd4 count"),
    # Clinical scores: a score's number is no other score's ("CHA2DS2-VASc 3, ORBIT 1").
    "cha2ds2-vasc": ("cha2ds2-vasc", "cha2ds2vasc", "chads-vasc"),
    "has-bled": ("has-bled",),
    "orbit": ("orbit",),
    "abcd2": ("abcd2",),
    "curb-65": ("curb-65", "curb65", "crb-65"),
    "nihss": ("nihss",),
    "gcs": ("gcs", "glasgow coma scale"),
    "phq-9": ("phq-9", "phq9"),
    "gad-7": ("gad-7", "gad7"),
    "mmse": ("mmse",),
    "moca": ("moca",),
    "das28": ("das28", "das28-crp", "das28-esr"),
    "asthma control test": ("asthma control test", "act"),
    "nyha": ("nyha",),
    "ecog": ("ecog",),
    "meld": ("meld",),
    "news2": ("news2",),
    "mmrc": ("mmrc",),
    "frax": ("frax",),
    "apgar": ("apgar",),
    "fib-4": ("fib-4",),
    # Bone density is measured at sites, each with its own T-score.
    "lumbar spine": ("lumbar spine", "l1-l4", "spine"),
    "femoral neck": ("femoral neck",),
    "total hip": ("total hip",),
    "reference range": ("reference range", "normal range", "target range"),
}


def _alternatives(phrases: list[str]) -> str:
    """The phrases as regex alternatives, longest first; the space between two words matches
    any run of whitespace, line breaks included (hard-wrapped notes: "ejection\nfraction")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in ordered)


def _key(raw: str) -> str:
    return " ".join(raw.lower().split())


_MEASURE = re.compile(
    r"(?<![A-Za-z0-9])(" + _alternatives([s for v in _MEASURES.values() for s in v]) + r")"
    r"(?![A-Za-z0-9])",
    re.I,
)
_MEASURE_AT_END = re.compile(_MEASURE.pattern + r"\s*[:=]?\s*$", re.I)
_CANONICAL = {s: k for k, v in _MEASURES.items() for s in v}
# Case matters for the one- and two-letter symbols: "K 5.9" is potassium, "k" alone is not.
# ("wt" is weight in any case: no word is written so.)
_SYMBOLS = frozenset({"k", "na", "cl", "ca", "hb", "hr", "bp", "rr", "ef", "cr", "bg"})
# Names that are English words as well ("orbit", "act"): the measure only in capitals.
_CAPITALS_ONLY = frozenset({"orbit", "act", "vl"})

_TIMEPOINTS: dict[str, tuple[str, ...]] = {
    "admission": ("on admission", "at admission", "admission", "admitted", "on arrival",
                  "at presentation", "initially"),
    "discharge": ("at discharge", "on discharge", "discharge", "discharged", "at the end"),
    "today": ("today", "this morning"),
    # The newest value, whatever its date: "her most recent HbA1c was 8.1%" quotes a value
    # dated 28/02/2025 rightly (walk 25 read it as "today" and flagged it misattributed).
    "latest": ("latest", "most recent", "most recently", "last", "newest", "currently",
               "current", "now"),
    "before": ("before surgery", "preoperative", "preoperatively", "pre-op", "previously",
               "before treatment", "at baseline", "baseline"),
    "after": ("after surgery", "postoperative", "postoperatively", "post-op"),
    "fasting": ("fasting",),
}  # fmt: skip
_TIMEPOINT = re.compile(
    r"(?<![A-Za-z])(" + _alternatives([s for v in _TIMEPOINTS.values() for s in v]) + r")"
    r"(?![A-Za-z])",
    re.I,
)
_TIMEPOINT_OF = {s: k for k, v in _TIMEPOINTS.items() for s in v}
# "to" before a number ends a trend's start: "from 58 in September to 64".
_CLAUSE_BREAK = re.compile(
    r";|,(?!\d{3}\b)|\band\b|\bthen\b|\bup from\b|\bdown from\b|\bfrom\b"
    r"|\bto\b(?=\s*[<>≤≥]?\s*\d)",
    re.I,
)
_FROM = re.compile(r"\b(?:up |down )?from\b", re.I)
_BOUND_KINDS = frozenset({"number", "ratio"})
# A time point right before a number labels that number: "(baseline 1.1)", "admission: 4.1",
# "a baseline of 95".
_LABELS_A_NUMBER = re.compile(r"\s*(?:[:=]|of\b|was\b|is\b)?\s*[<>≤≥]?(?=\d)")
# A period's start: "on levetiracetam 750 mg since 11/2023" dates no value.
_SINCE = re.compile(r"\bsince\s+$", re.I)
# Units that say what was measured where the sentence names nothing: "a rate of 148 bpm".
_UNIT_ATTRIBUTES = {"bpm": "heart rate", "°c": "temperature", "°f": "temperature"}


class _Point(NamedTuple):
    start: int
    end: int
    key: str  # a named time point ("admission"), or a date's canonical form
    alt: str | None = None  # a date's other reading, where the text may write the day first


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


def ends_with_measure(text: str) -> bool:
    """Whether ``text`` ends with the name of a measured thing ("Sodium", "K:", "serum
    creatinine ="), as before the value or reference range that follows it."""
    found = _MEASURE_AT_END.search(text)
    if found is None:
        return False
    raw = found.group(1)
    return not (raw.lower() in _SYMBOLS and not raw[0].isupper())


def measure_names(text: str) -> set[str]:
    """Every name of each measured thing ``text`` names: "SpO2 91%" gives "oxygen saturation",
    "saturation", "sats", "spo2", ... (so a paraphrase that names it otherwise is read as the
    same thing)."""
    return {name for _, _, found in _measures(text) for name in (found, *_MEASURES[found])}


def measures_before(sentence: str, value: Value) -> set[str]:
    """The measures ``sentence`` names before ``value`` (found in it by its raw text) within
    its clause and line: "VL 12/07/2024: LDL (<50 copies/mL)" names the viral load and LDL
    before "<50 copies/mL" (a table's headings, on a line of their own, are its columns')."""
    at = sentence.find(value.raw)
    if at < 0:
        return set()
    lo, _ = _clause(sentence, at, at + len(value.raw))
    lo = max(lo, sentence.rfind("\n", 0, at) + 1)
    return {found for start, _, found in _measures(sentence) if lo <= start < at}


def measured_in(text: str, day_first: bool | None = None) -> set[str]:
    """The names of the measured things ``text`` gives a result for (a value that is no dose):
    "her potassium was 5.0" gives "potassium", so that the word is read as the blood test there,
    not as the drug of the same name."""
    return {
        name
        for b in bind(text, day_first)
        if b.attribute is not None and not is_dose(b.value)
        for name in (b.attribute, *_MEASURES[b.attribute])
    }


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` holding ``text[start:end]`` (see ``clause_span``). A "to" before a
    number ends a trend's start only where a "from" opened one ("from 30 to 22"): after a change
    ("her creatinine had improved to 168", "and her potassium to 4.7") the number is the
    measure's own."""

    def no_trend(match: re.Match[str]) -> bool:
        return match.group().lower() == "to" and not _FROM.search(text, 0, match.start())

    return clause_span(text, start, end, _CLAUSE_BREAK, no_trend)


def _measures(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _MEASURE.finditer(text):
        raw = m.group()
        if raw.lower() in _SYMBOLS and not raw[0].isupper():
            continue
        if raw.lower() in _CAPITALS_ONLY and not raw.isupper():
            continue
        found.append((m.start(), m.end(), _CANONICAL[_key(raw)]))
    return found


# A range given as a result's reference ("Creatinine 98 umol/L (45-84)", "138 [135-145]",
# "ALT | 142 U/L | 7-56", "INR 3.6 (target 2.0-3.0)") or named as one ("a target range of 2.0
# to 3.0"); a single limit named so ("target <360", "a target of under 360").
_RANGE = re.compile(
    r"(?P<lo>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(?P<hi>\d+(?:\.\d+)?)"
    r"|(?:[<>≤≥]=?|\bunder\b|\bbelow\b|\bover\b|\babove\b|less than|more than)\s*"
    r"(?P<limit>\d+(?:\.\d+)?)",
    re.I,
)
_RANGE_WORDS = r"(?:(?:ref(?:erence)?|normal|target|goal|within)\.?(?:\s+range)?|range)"
_AFTER_RESULT = re.compile(rf"\d[^\d;,]{{0,15}}[([|]\s*(?:{_RANGE_WORDS}\s*:?\s*)?$", re.I)
_NAMED_RANGE = re.compile(
    rf"\b(?:{_RANGE_WORDS}\s*(?:of|is|was|:)?|aim(?:ing|ed|s)?\s+(?:for|at))\s*$", re.I
)
# A list of targets under one label: "Targets: fasting <5.0, 1 h post-prandial <7.4" (to the
# end of the sentence or a semicolon; a decimal point is no end).
_RANGE_LIST = re.compile(r"\b(?:targets|goals|target\s+ranges)\s*:(?:[^;.]|\.(?=\d))*$", re.I)
# Reference ranges listed under one label, analyte by analyte: "Ref: TSH 0.27-4.2; FT4 12-22"
# (to the end of the line or of the sentence; round 9). "Normal" labels them only as "normal
# range(s)" or "normal values": "LV systolic function normal: EF 55-60%" is a finding, and its
# label ends at a semicolon (review 34).
_REFERENCE_LIST = re.compile(
    r"\bref(?:erence)?(?:\s+(?:ranges?|values?|intervals?))?\s*:(?:[^.\n]|\.(?=\d))*$"
    r"|\bnormal\s+(?:ranges?|values?|intervals?|limits?)\s*:(?:[^.;\n]|\.(?=\d))*$",
    re.I,
)
REFERENCE_RANGE = "reference range"


# One number named a target with nothing but "of", "is" or a colon between: "the target of
# 0.36" reads as "target <0.36" does (round 7).
_NAMED_LIMIT = re.compile(
    r"\b(?:target|goal)\s*(?:of|is|was|:)?\s*(?P<limit>\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:-|–|to)\s*\d)",
    re.I,
)


# One number named a cut-off or threshold right after it: "above the 5.1 cut-off" (round 8),
# where the word gives no number of its own after it ("PSA 5.2 ng/mL cut-off 4.0 ng/mL" names
# 4.0 the cut-off, 5.2 the result; review 33).
_LIMIT_NAMED_AFTER = re.compile(
    r"(?<![\d.])(?P<limit>\d+(?:\.\d+)?)(?:\s*[a-zµμ/%]+(?:/[a-z]+)?)?\s+"
    r"(?:cut-?\s?offs?|thresholds?)\b(?![^\d.;\[]{0,25}\d)",
    re.I,
)
# A number after the word, with at most "of", "is", a colon or a comparator between:
# "cut-off 4.0 ng/mL", "threshold: >100", "the cut-off used was 4.0".
_LIMIT_NAMED_BEFORE = re.compile(
    r"\b(?:cut-?\s?offs?|thresholds?)(?:\s+(?:used|applied|set|chosen))?"
    r"\s*(?:of|is|was|:|=|at)?\s*(?P<sign>[<>≤≥]=?\s*)?"
    r"(?P<limit>\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:-|–|to)\s*\d)",
    re.I,
)


def _reference_limits(text: str) -> set[int]:
    """Offsets of the numbers of ``text`` that are a reference range's limits, not results."""
    starts: set[int] = {m.start("limit") for m in _NAMED_LIMIT.finditer(text)}
    starts |= {m.start("limit") for m in _LIMIT_NAMED_AFTER.finditer(text)}
    for m in _LIMIT_NAMED_BEFORE.finditer(text):
        starts |= {m.start("sign") if m.group("sign") else m.start("limit"), m.start("limit")}
    for m in _RANGE.finditer(text):
        before = text[: m.start()]
        named = (
            _NAMED_RANGE.search(before) is not None
            or _RANGE_LIST.search(before) is not None
            or _REFERENCE_LIST.search(before) is not None
        )
        if m.group("limit") is not None:
            if named:  # the value starts at its comparator ("<1.8") or at its number
                starts |= {m.start(), m.start("limit")}
        elif named or _AFTER_RESULT.search(before):
            starts |= {m.start("lo"), m.start("hi")}
    return starts


def _attribute(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    column = _column_measure(text, value, measures)
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
    # "90% stenosis", "50 Gy in 25 fractions": the measured thing right after the value.
    after = [m for m in measures if m[0] >= end and m[1] <= hi and m[0] - end <= 25]
    if after:
        return min(after, key=lambda m: m[0])[2]
    return _row_measure(text, value, measures)


# A table laid out in columns, its cells apart by two spaces or more or a tab:
# "Date        Creat (umol/L)  eGFR  Tac trough (ug/L)" over "18/08/2025  151  45  7.8".
_CELL = re.compile(r"[^ \t\n](?:[^ \t\n]| (?! ))*")
_HEADER_MEASURES = 2


def _column_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure that heads a value's column, where the value is in a row of a table laid
    out in columns whose row names no measure of its own (a date, then results): "" where the
    column's heading names none ("Tac trough"), None where the value is in no such table."""
    line_start = text.rfind("\n", 0, value.start) + 1
    line_end = text.find("\n", value.start)
    line_end = len(text) if line_end < 0 else line_end
    cells = list(_CELL.finditer(text, line_start, line_end))
    if len(cells) < 3 or any(line_start <= m[0] < line_end for m in measures):
        return None
    index = next((i for i, c in enumerate(cells) if c.start() <= value.start < c.end()), None)
    if index is None:
        return None
    # The heading: the nearest line above with as many cells and at least two measures.
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        heads = list(_CELL.finditer(text, start, end))
        named = [m for m in measures if start <= m[0] < end]
        if len(heads) == len(cells) and len(named) >= _HEADER_MEASURES:
            head = heads[index]
            inside = [m for m in named if head.start() <= m[0] and m[1] <= head.end()]
            return max(inside, key=lambda m: m[1])[2] if inside else ""
        end = start - 1
    return None


# A table with its dates across the top ("Labs  21/01  22/01" over "CRP  <5  14"): each value
# below a date, in the rows down to a blank line, is of that date. A column is a line's number
# and the span of the date's cell, a little wider (values are aligned by eye).
_COLUMN_SLACK = 2
_REFERENCE_HEADING = re.compile(
    r"(?:ref(?:erence)?\.?(?:\s+(?:range|interval|values?))?|normal\s+range|range)", re.I
)


# A cell of a table's row after its label: a value, or a mark for none ("-", "—", "*").
_VALUE_CELL = re.compile(r"[\d<>≤≥~+\-−–—.*]")


def _date_columns(text: str, day_first: bool | None) -> dict[tuple[int, int], _Point]:
    """(line number, column) -> the date that heads that column, for every table of ``text``
    whose heading line gives two dates or more as its cells after the first."""
    columns: dict[tuple[int, int], _Point] = {}
    heading: list[tuple[int, int, _Point]] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        cells = list(_CELL.finditer(line))
        dates = [v for v in extract_values(line, day_first) if v.kind == "date"]
        # A last column of reference ranges ("09/2024   11/2024   01/2025   Ref"; round 9).
        ref = cells[-1] if cells and _REFERENCE_HEADING.fullmatch(cells[-1].group()) else None
        dated = len(cells) - (ref is not None)
        if not line.strip():
            heading = []
        elif (
            len(dates) >= 2
            and (
                (dated >= 3 and len(dates) == dated - 1)
                # A heading whose label cell is left blank ("        Dec-24   Mar-25"; round 9).
                or (len(dates) == dated and line[:1].isspace())
            )
        ):
            heading = [
                (d.start - _COLUMN_SLACK, d.start + len(d.raw) + _COLUMN_SLACK,
                 _Point(offset + d.start, offset + d.start + len(d.raw), d.canonical, d.alt))
                for d in dates
            ]  # fmt: skip
            if ref is not None:
                heading.append(
                    (ref.start() - _COLUMN_SLACK, ref.end() + 2 * _COLUMN_SLACK + 4,
                     _Point(offset + ref.start(), offset + ref.end(), REFERENCE_RANGE))
                )  # fmt: skip
        elif len(cells) >= 2 and all(
            _VALUE_CELL.match(c.group()) for c in cells[_first_value(cells) :]
        ):
            for lo, hi, point in heading:  # a row: a label, then values in its cells
                for column in range(max(lo, 0), min(hi, len(line))):
                    columns[number, column] = point
        elif len(cells) >= 2:
            # Prose under the table with two spaces between its sentences ("Plan:  recheck  CRP 30
            # tomorrow.") is no row: the table has ended (review 31 found it dated as one).
            heading = []
        offset += len(line) + 1
    return columns


def _first_value(cells: list[re.Match[str]]) -> int:
    """The index of a row's first value cell: after its label and, where the row sets one
    apart, its unit ("HbA1c   mmol/mol   58   62": round 9)."""
    if len(cells) >= 3 and _UNIT_CELL.fullmatch(cells[1].group()):
        return 2
    return 1


# A unit as a table writes it in a cell or beside a row's values ("mmol/mol", "x10^9/L", "%");
# the number checks read table units with the same pattern.
UNIT_TOKEN = r"[A-Za-zµμ%][\w/µμ^%.]*"
_UNIT_CELL = re.compile(UNIT_TOKEN)


def _column_of(text: str, offset: int) -> tuple[int, int]:
    """The line number and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _row_point(text: str, value: Value, points: list[_Point]) -> _Point | None:
    """The time point a table row opens with ("18/08/2025  151  45  7.8"): every value of the
    row is of that time."""
    line_start = text.rfind("\n", 0, value.start) + 1
    first = _CELL.match(text, line_start)
    if first is None or first.end() > value.start:
        return None
    return next((p for p in points if first.start() <= p.start and p.end <= first.end()), None)


# The cell before a value's cell in a table pasted as text: "2026-11-08,White cell count,9.1"
# (a comma with no space after it; prose writes ", ").
_CELL_BEFORE = re.compile(r"(?:^|(?<=[,\n]))([^,\n]*[^,\s]),$")


def _row_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure a table row names in the cell before the value's (walk 29: every value of a
    lab CSV was bound to no analyte, and a flag described both sides as "a value on
    2026-11-08")."""
    cell = _CELL_BEFORE.search(text, 0, value.start)
    if cell is None:
        return None
    inside = [m for m in measures if cell.start(1) <= m[0] and m[1] <= cell.end(1)]
    return max(inside, key=lambda m: m[1])[2] if inside else None


def _trend_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure named just before a trend that ``value`` is a step of: in "her eGFR has
    declined from 24 in March to 18 in September", 18 is the eGFR's (its own clause, after the
    "to", names nothing). The measure is the nearest before the trend's "from", in the clause
    that holds the "from"; none where no "from" opens a trend before the value."""
    opened = [m for m in _FROM.finditer(text) if m.end() <= value.start]
    if not opened:
        return None
    start = opened[-1].start()
    lo, _hi = _clause(text, max(start - 1, 0), max(start - 1, 0))
    named = [m for m in measures if lo <= m[0] and m[1] <= start]
    return max(named, key=lambda m: m[1])[2] if named else None


# Hours after a start that label the result after them, as a glucose tolerance test or serial
# troponins are written: "fasting 5.6, 1 h 10.9, 2 h 9.1", "a 1-hour value of 10.9", "0 h 42
# ng/L, 1 h 88 ng/L". Hour 0 is the presentation's value. A duration ("over 46 h", "36 h of
# pain", "q4h", "L/24 h") labels nothing: no number follows it in its clause.
# Nor does one that ends its sentence: "separated by 4 h. 3) INR 3.6" (a list's number follows).
_HOUR_LABEL = re.compile(
    r"(?<![\d./])\b(?P<hours>\d{1,2})\s?-?\s?(?:h|hr|hrs|hours?)\b"
    r"(?=[^\d;,().]{0,30}?[<>≤≥]?\d)",
    re.I,
)
_PRESENTATION = "admission"


# Hours after a start written after the value they date: "had fallen to 4 at 24 hours after
# thrombolysis" is hour 24's 4, as "NIHSS at 24 h: 4" is (round 9 of the precision audit).
_HOUR_AFTER_VALUE = re.compile(
    r"\s+at\s+(?P<hours>\d{1,2})\s?-?\s?(?:h|hr|hrs|hours?)\b(?!\s*(?:later|apart|earlier))",
    re.I,
)


def _hours_after_values(text: str, values: list[Value]) -> list[_Point]:
    """The hour points written right after a result ("4 at 24 hours")."""
    points = []
    for value in values:
        if value.kind not in _BOUND_KINDS:
            continue
        m = _HOUR_AFTER_VALUE.match(text, value.start + len(value.raw))
        if m is not None:
            hours = int(m.group("hours"))
            key = _PRESENTATION if hours == 0 else f"hour {hours:02d}"
            points.append(_Point(m.start("hours"), m.end(), key))
    return points


def _hour_labels(text: str, values: list[Value]) -> list[_Point]:
    """The hour labels of ``text`` whose next value is a result, not a date ("3-hour OGTT
    06/10/2024" names the test). Keyed "hour 01" and so on: no date, and no hour a prefix of
    another."""
    points = []
    for m in _HOUR_LABEL.finditer(text):
        after = [v for v in values if v.start >= m.end()]
        if not after or min(after, key=lambda v: v.start).kind not in _BOUND_KINDS:
            continue
        hours = int(m.group("hours"))
        points.append(
            _Point(m.start(), m.end(), _PRESENTATION if hours == 0 else f"hour {hours:02d}")
        )
    return points


# The side a value is one side's: a side letter or word right before it ("L 10.8 cm", "right:
# 12") or right after it and its unit ("ABI 0.92 R, 0.88 L"), or a side word earlier in its
# clause ("the left kidney measured 11.2 cm").
_SIDE_BEFORE = re.compile(r"(?<![A-Za-z])(?P<side>left|right|L|R)\s*:?\s*$")
# After it also as prose writes it: "64% in the left", "on the right" (round 9).
_SIDE_AFTER = re.compile(r"\s*(?:(?:in|on)\s+the\s+)?(?P<side>left|right|L|R)\b(?!\s*[:=]?\s*\d)")
_SIDE_WORD = re.compile(r"\b(?P<side>left|right)\b", re.I)
_SIDE_OF = {"l": "left", "r": "right", "left": "left", "right": "right"}


def _side(text: str, value: Value) -> str | None:
    end = value.start + len(value.raw)
    lo, _hi = _clause(text, value.start, end)
    before = _SIDE_BEFORE.search(text, lo, value.start)
    after = _SIDE_AFTER.match(text, end)
    found = before or after
    if found is None:
        words = list(_SIDE_WORD.finditer(text, lo, value.start))
        found = words[-1] if words else None
    return _SIDE_OF[found.group("side").lower()] if found else None


def _timepoints(text: str, values: list[Value]) -> list[_Point]:
    points = [
        _Point(m.start(), m.end(), _TIMEPOINT_OF[_key(m.group())])
        for m in _TIMEPOINT.finditer(text)
    ]
    points += _hour_labels(text, values)
    points += _hours_after_values(text, values)
    points += [
        _Point(v.start, v.start + len(v.raw), v.canonical, v.alt)
        for v in values
        if v.kind == "date"
    ]
    return sorted(p for p in points if not _SINCE.search(text, 0, p.start))


def _labelled(text: str, point: _Point, numbers: list[Value]) -> int | None:
    """The offset of the number ``point`` labels, written right after it ("baseline 1.1");
    None when no number follows it so."""
    found = _LABELS_A_NUMBER.match(text, point.end)
    if found is None:
        return None
    return next((n.start for n in numbers if point.end <= n.start <= found.end()), None)


# A range of time points after a value: "fell from 17.2 to 11.4 between 4/19 and 4/22".
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s*$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|through|-|–)\s*", re.I)


def _range_end(text: str, point: _Point, points: list[_Point]) -> _Point:
    """The last time point of the range ``point`` opens ("between 4/19 and 4/22"), which is
    the time of the value a trend reaches; ``point`` itself where it opens no range."""
    if _RANGE_OPENER.search(text, 0, point.start) is None:
        return point
    for other in points:
        if other.start > point.end and _RANGE_JOIN.fullmatch(text, point.end, other.start):
            return other
    return point


def _from_clauses(text: str) -> list[tuple[int, int]]:
    """The clauses that start a trend ("from 188 at diagnosis in May 2021")."""
    return [_clause(text, m.end(), m.end()) for m in _FROM.finditer(text)]


def _timepoint(
    text: str, value: Value, points: list[_Point], numbers: list[Value]
) -> _Point | None:
    end = value.start + len(value.raw)
    lo, hi = _clause(text, value.start, end)
    # A time point that labels another number ("fasting 98, 1 h 192") is that number's.
    points = [p for p in points if _labelled(text, p, numbers) in (None, value.start)]
    # One that labels this number is its own, whatever follows it: in "BK PCR 18/08/2025: 2,400
    # copies/mL (not detected 22/07/2025)" the bracket dates the earlier result.
    own = [p for p in points if _labelled(text, p, numbers) == value.start]
    if own:
        return own[-1]
    following = [p for p in points if p.start >= end and p.end <= hi]
    if following:
        first = _range_end(text, min(following), points)
        if not any(end <= n.start < first.start for n in numbers):
            return first
    before = [p for p in points if p.end <= value.start]
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


def bind(text: str, day_first: bool | None = None) -> list[Bound]:
    """Every number and ratio of ``text`` with its attribute and time point (``day_first``:
    whether the text writes its dates day first, None where it does not say)."""
    bound: list[Bound] = []
    date_columns = _date_columns(text, day_first)
    for sentence in split_sentences(text):
        body = sentence.text
        values = extract_values(body, day_first)
        # The hours of a label ("1 h 10.9") are no result of their own.
        labels = [(p.start, p.end) for p in _hour_labels(body, values)]
        numbers = [
            v
            for v in values
            if v.kind in _BOUND_KINDS and not any(a <= v.start < b for a, b in labels)
        ]
        measures = _measures(body)
        points = _timepoints(body, values)
        # Clauses are cut at commas; the comma inside "September 30, 2023" is not one.
        clauses = list(body)
        for v in values:
            if v.kind == "date":
                clauses[v.start : v.start + len(v.raw)] = "#" * len(v.raw)
        body_for_clauses = "".join(clauses)
        limits = _reference_limits(body_for_clauses)
        for value in numbers:
            point = _timepoint(body_for_clauses, value, points, numbers)
            column = date_columns.get(_column_of(text, value.start + sentence.start))
            in_ref_column = column is not None and column.key == REFERENCE_RANGE
            if point is None and not in_ref_column:
                point = column
            if _column_measure(body_for_clauses, value, measures) is not None:
                point = _row_point(body_for_clauses, value, points) or point
            in_range = value.start in limits or in_ref_column
            bound.append(
                Bound(
                    value.moved(sentence.start),
                    REFERENCE_RANGE if in_range else _attribute(body_for_clauses, value, measures),
                    point.key if point else None,
                    body,
                    uncertain_date=point is not None and point.alt is not None,
                    timepoint_alt=point.alt if point else None,
                    side=_side(body_for_clauses, value),
                )
            )
    return bound


def compatible(mine: Bound, other: Bound) -> bool:
    """Same attribute and time point where both sides name one (a date and a named time point
    are not compared; a date fits either of its readings; a reference range's limit fits only a
    limit); a unit the answer adds to a number
    the passage gives bare needs the same attribute ("12 weeks" is not "age 12"), unless the
    passage gives that unit beside it ("320 L/min post (predicted 450)"). "The latest" fits a
    value of any time point (whether a later one exists is ``superseded``)."""
    attribute = mine.attribute or _UNIT_ATTRIBUTES.get(mine.value.unit or "")
    if attribute == REFERENCE_RANGE and other.value.canonical[:1] in "<>":
        return True  # a passage's number with a comparator may be a limit: "(>=140 abnormal)"
    if attribute and other.attribute and attribute != other.attribute:
        return False
    if (other.attribute == REFERENCE_RANGE) != (attribute == REFERENCE_RANGE):
        return False  # a range's limit is no result, nor a result a limit
    if mine.side and other.side and mine.side != other.side:
        return False  # "the left kidney 11.2 cm" against "L 10.8 cm, R 11.2 cm"
    # A limit's time point is read from the words around it, which in a passage are often the
    # next result's ("Fasting glucose 5.3 (ref < 5.1) H 1 h glucose 9.6"): limits are not
    # compared by time point (round 8).
    limits = attribute == REFERENCE_RANGE
    if mine.timepoint and other.timepoint and not limits and not _may_coincide(mine, other):
        return False
    if mine.value.unit and not other.value.unit and mine.value.unit not in ("%",):
        return (bool(attribute) and attribute == other.attribute) or unit_beside(
            mine.value, other.sentence
        )
    return True


def _may_coincide(mine: Bound, other: Bound) -> bool:
    """Whether the sentence's time point may be the passage's. "The latest" in the sentence fits
    any; the passage's own "now" is no value of the admission or before it."""
    assert mine.timepoint is not None and other.timepoint is not None
    if mine.timepoint == LATEST:
        return True
    if other.timepoint == LATEST:
        return mine.timepoint not in _EARLIER_THAN_NOW
    return same_point(mine, other)


# Named time points a passage's "now" ("lactate 4.1 on admission, now 1.6") comes after.
_EARLIER_THAN_NOW = frozenset({"admission", "before"})


def is_date(point: str) -> bool:
    return point[:1].isdigit() or point.startswith("--")


def same_point(mine: Bound, other: Bound) -> bool:
    """Whether two bound values' time points may be the same: two named ones alike, two dates
    in any of their readings; a date and a named time point cannot be told apart."""
    assert mine.timepoint is not None and other.timepoint is not None
    if is_date(mine.timepoint) != is_date(other.timepoint):
        return True
    return any(_same_time(a, b) for a in mine.timepoints() for b in other.timepoints())


def _same_time(a: str, b: str) -> bool:
    if is_date(a) and is_date(b):
        return dates_agree(a, b) or dates_agree(b, a)
    return a == b or a.startswith(b) or b.startswith(a)


def unit_beside(value: Value, sentence: str) -> bool:
    """Whether ``sentence`` gives another value in ``value``'s unit, so that a number it gives
    bare may be read in it ("fasting 98, 1 h 192 ... mg/dL")."""
    unit = quantity(value)[1]
    if unit in ("°c", "°f"):
        # A temperature written with its letter alone, as obs charts do: "T 38.9 C" (round 8).
        letter = re.compile(rf"(?<![\d.]){re.escape(value.canonical)}\s?{unit[-1].upper()}\b")
        if letter.search(sentence):
            return True
    # A unit in brackets with no number, as a table's column heading gives it ("Tac trough
    # (ug/L)"), is read as if it had one.
    headed = _UNIT_HEADING.sub("(1 ", sentence)
    return any(v.unit and quantity(v)[1] == unit for v in extract_values(headed))


_UNIT_HEADING = re.compile(r"\((?=\s*[A-Za-zµμ%][^()\d]{0,12}\))")


LATEST = "latest"
# The named time points in the order they come, where that order is sure ("after" surgery may
# fall before or after discharge, so it is left out).
_ORDER = {"before": 0, "admission": 1, "discharge": 2, "today": 3}


def later(a: str, b: str) -> bool:
    """Whether time point ``a`` is known to come after ``b``: two dates (ISO, "2025-02" before
    "2025-03-14"; a month and a day in it are not ordered), or two named points in ``_ORDER``.
    A date against a named point is not known."""
    if a[0].isdigit() and b[0].isdigit():
        return not _same_time(a, b) and a > b
    if a in _ORDER and b in _ORDER:
        return _ORDER[a] > _ORDER[b]
    return False


def superseded(claimed: Bound, found: Bound, evidence: list[Bound]) -> Bound | None:
    """A value of the same attribute that ``evidence`` gives for a later time point than
    ``found`` (the passage's binding of the value ``claimed`` states as the latest), with
    another value; None when ``found`` is the latest the evidence knows of."""
    attribute = claimed.attribute or found.attribute
    if claimed.timepoint != LATEST or not attribute or not found.timepoint:
        return None
    if found.uncertain_date:
        return None  # "12/11/2024" may be November's: no date is known to come after it
    return next(
        (
            b
            for b in evidence
            if b.attribute == attribute
            and b.timepoint
            and not b.uncertain_date
            and later(b.timepoint, found.timepoint)
            and b.value.canonical != found.value.canonical
        ),
        None,
    )


_SAID = {"admission": "on admission", "discharge": "at discharge", "today": "today",
         "before": "before (baseline)", "after": "afterwards", LATEST: "most recently"}  # fmt: skip


# Counted things read as counts: "the number of fractions", not "the fractions".
_NAMED = {"fractions": "the number of fractions", "cycles": "the number of cycles",
          "boost": "the boost dose", "age": "the age", "wbc": "the white cell count"}  # fmt: skip


def describe(bound: Bound) -> str:
    """How the passage binds a value, for a flag: "the hemoglobin on admission"."""
    attribute = bound.attribute
    parts = [_NAMED.get(attribute, f"the {attribute}") if attribute else "a value"]
    if bound.timepoint:
        point = bound.timepoint
        parts.append(f"on {point}" if point[0].isdigit() else _SAID.get(point, point))
    elif not bound.attribute:
        parts = ["something else"]
    return " ".join(parts)
