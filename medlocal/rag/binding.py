"""Values bound to what they measure: "hemoglobin 7.2 g/dL on admission" binds 7.2 g/dL to the
analyte hemoglobin and the time point "admission", so an answer that gives 7.2 g/dL as the
discharge hemoglobin is not confirmed by it, although the number is in the passage.

An attribute is the nearest analyte, vital sign or measured thing in the value's clause (before
it, else just after it: "90% stenosis"). A time point is a phrase such as "on admission" or a
date: the one after the value ("8.4% on 09/30/2023", "2.1 ng/mL today") when no other
number comes between, in its clause), else the nearest one before it in its clause, else in its
sentence. "The latest" ("most recent", "currently") is a time point of its own: it fits a value
of any date unless the passages give a later value of the same thing (``superseded``).
Doses are bound to their drug elsewhere (drug_facts.dose_pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.rag.sentences import clause_span, split_sentences
from medlocal.values import Value, extract_values

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
    "glucose": ("glucose", "blood sugar", "bg", "bsl"),
    "urea": ("urea", "bun"),
    "inr": ("inr",),
    "troponin": ("troponin", "trop", "tnt", "tni"),
    "bnp": ("bnp", "nt-probnp", "probnp"),
    "wbc": ("wbc", "white cell count", "white blood cell count", "leukocytes", "white count"),
    "platelets": ("platelets", "platelet count", "plt"),
    "cea": ("cea",),
    "psa": ("psa",),
    "ldl": ("ldl",),
    "hdl": ("hdl",),
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
    "temperature": ("temperature", "temp"),
    "oxygen saturation": ("oxygen saturation", "saturation", "sats", "spo2", "sao2", "o2 sat"),
    "weight": ("weight", "wt"),
    "height": ("height",),
    "bmi": ("bmi",),
    "age": ("age", "aged", "year-old", "years old"),
    "stenosis": ("stenosis",),
    "fractions": ("fractions", "fraction"),
    "cycles": ("cycles", "cycle"),
    "boost": ("boost",),
    "blood loss": ("blood loss", "ebl"),
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
_SYMBOLS = frozenset({"k", "na", "cl", "ca", "hb", "hr", "bp", "rr", "ef", "cr", "wt", "bg"})

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
}  # fmt: skip
_TIMEPOINT = re.compile(
    r"(?<![A-Za-z])(" + _alternatives([s for v in _TIMEPOINTS.values() for s in v]) + r")"
    r"(?![A-Za-z])",
    re.I,
)
_TIMEPOINT_OF = {s: k for k, v in _TIMEPOINTS.items() for s in v}
_CLAUSE_BREAK = re.compile(
    r";|,(?!\d{3}\b)|\band\b|\bthen\b|\bup from\b|\bdown from\b|\bfrom\b", re.I
)
_BOUND_KINDS = frozenset({"number", "ratio"})


@dataclass(frozen=True)
class Bound:
    value: Value  # offsets in the whole text
    attribute: str | None
    timepoint: str | None
    sentence: str
    # The time point is a date written with day and month both 12 or less ("12/11/2024"): read
    # month first, as everywhere in values.py, it may be the 12th of November of a note that
    # writes day first, so it is never ordered against another date (see superseded).
    uncertain_date: bool = False


# Day and month both 12 or less and different: "03/04/2025" is March or April.
_AMBIGUOUS_DATE = re.compile(r"(0?[1-9]|1[0-2])[/.-](0?[1-9]|1[0-2])[/.-]\d{2,4}")


def _ambiguous(raw: str) -> bool:
    found = _AMBIGUOUS_DATE.fullmatch(raw.strip())
    return found is not None and int(found.group(1)) != int(found.group(2))


def ends_with_measure(text: str) -> bool:
    """Whether ``text`` ends with the name of a measured thing ("Sodium", "K:", "serum
    creatinine ="), as before the value or reference range that follows it."""
    found = _MEASURE_AT_END.search(text)
    if found is None:
        return False
    raw = found.group(1)
    return not (raw.lower() in _SYMBOLS and not raw[0].isupper())


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    return clause_span(text, start, end, _CLAUSE_BREAK)


def _measures(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _MEASURE.finditer(text):
        raw = m.group()
        if raw.lower() in _SYMBOLS and not raw[0].isupper():
            continue
        found.append((m.start(), m.end(), _CANONICAL[_key(raw)]))
    return found


def _attribute(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    end = value.start + len(value.raw)
    lo, hi = _clause(text, value.start, end)
    before = [m for m in measures if lo <= m[0] and m[1] <= value.start]
    if before:
        return max(before, key=lambda m: m[1])[2]
    # "90% stenosis", "50 Gy in 25 fractions": the measured thing right after the value.
    after = [m for m in measures if m[0] >= end and m[1] <= hi and m[0] - end <= 25]
    return min(after, key=lambda m: m[0])[2] if after else None


def _timepoints(text: str, values: list[Value]) -> list[tuple[int, int, str]]:
    points = [
        (m.start(), m.end(), _TIMEPOINT_OF[_key(m.group())]) for m in _TIMEPOINT.finditer(text)
    ]
    points += [(v.start, v.start + len(v.raw), v.canonical) for v in values if v.kind == "date"]
    return sorted(points)


def _timepoint(
    text: str, value: Value, points: list[tuple[int, int, str]], numbers: list[Value]
) -> str | None:
    end = value.start + len(value.raw)
    lo, hi = _clause(text, value.start, end)
    following = [p for p in points if p[0] >= end and p[1] <= hi]
    if following:
        first = min(following)
        if not any(end <= n.start < first[0] for n in numbers):
            return first[2]
    before = [p for p in points if p[1] <= value.start]
    in_clause = [p for p in before if p[0] >= lo]
    if in_clause:
        return max(in_clause)[2]
    return max(before)[2] if before else None


def bind(text: str) -> list[Bound]:
    """Every number and ratio of ``text`` with its attribute and time point."""
    bound: list[Bound] = []
    for sentence in split_sentences(text):
        body = sentence.text
        values = extract_values(body)
        numbers = [v for v in values if v.kind in _BOUND_KINDS]
        measures = _measures(body)
        points = _timepoints(body, values)
        # Clauses are cut at commas; the comma inside "September 30, 2023" is not one.
        clauses = list(body)
        for v in values:
            if v.kind == "date":
                clauses[v.start : v.start + len(v.raw)] = "#" * len(v.raw)
        body_for_clauses = "".join(clauses)
        uncertain = {v.canonical for v in values if v.kind == "date" and _ambiguous(v.raw)}
        for value in numbers:
            shifted = Value(
                value.kind, value.canonical, value.unit, value.raw, sentence.start + value.start
            )
            timepoint = _timepoint(body_for_clauses, value, points, numbers)
            bound.append(
                Bound(
                    shifted,
                    _attribute(body_for_clauses, value, measures),
                    timepoint,
                    body,
                    timepoint in uncertain,
                )
            )
    return bound


def compatible(mine: Bound, other: Bound) -> bool:
    """Same attribute and time point where both sides name one; a unit the answer adds to a
    number the passage gives bare needs the same attribute ("12 weeks" is not "age 12"). "The
    latest" fits a value of any time point (whether a later one exists is ``superseded``)."""
    if mine.attribute and other.attribute and mine.attribute != other.attribute:
        return False
    if (
        mine.timepoint
        and other.timepoint
        and LATEST not in (mine.timepoint, other.timepoint)
        and not _same_time(mine.timepoint, other.timepoint)
    ):
        return False
    if mine.value.unit and not other.value.unit and mine.value.unit not in ("%",):
        return bool(mine.attribute) and mine.attribute == other.attribute
    return True


def _same_time(a: str, b: str) -> bool:
    return a == b or a.startswith(b) or b.startswith(a)


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
          "boost": "the boost dose", "age": "the age"}  # fmt: skip


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
