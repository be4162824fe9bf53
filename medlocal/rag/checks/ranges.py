"""Normal or not: a sentence that calls a value normal (within the normal range, unremarkable,
not raised) where the cited passage shows it outside its reference range or flags it (H, L,
HIGH, "raised"), or calls it high, raised or low where the passage gives it inside its range,
unflagged (walk 39: "potassium was 5.4 …, which is a normal range" for the CSV row
"Potassium,5.4,mmol/L,3.5-5.3,HIGH" passed every check).

Precision first, as round 6 of the precision audit set it: a claim is compared only with the
value it plainly speaks of (the nearest value or measured thing before it in its clause, or the
one it qualifies: "a normal potassium"), and only where the passage says on which side of its
range that value lies: a range written with the value ("3.5-5.3", "(ref 3.5-5.3)", "[135-145]",
a CSV row's range cell), a flag after it, or "raised", "elevated", "high", "low" written with
it. A passage that says nothing about range is never a reason to flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from medlocal.measured_things import MEASURES, find_measures
from medlocal.rag.binding import Bound, bind
from medlocal.rag.bound_comparison import compatible
from medlocal.rag.checks.named_limit_sides import check_named_limit_sides
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.reference_ranges import (
    COMMA_NUMBER,
    OTHER_LANGUAGES_RANGE_NAMES,
    POINT_NUMBER,
    REFERENCE_RANGE,
    short_name_in_same_unit,
)
from medlocal.rag.time_points import timepoints
from medlocal.rag.value_tables import UNIT_TOKEN, range_limit_cells
from medlocal.values import is_dose, same_value, writes_decimal_commas

Claim = Literal["normal", "abnormal", "high", "low"]
# "outside": flagged abnormal, neither side said.
Side = Literal["inside", "high", "low", "outside"]

# What a sentence may say of a value's place against its range. Qualified forms ("high-normal",
# "upper limit of normal", "borderline high", "low-dose", "high risk") are no such claim: they
# are left out where the pattern is applied (``_claims``).
_NORMAL = (
    r"within\s+(?:the\s+)?(?:normal|reference)\s+(?:range|limits?)|within\s+normal\s+limits"
    r"|in\s+(?:the\s+)?(?:normal|reference)\s+range|within\s+range|\bWNL\b"
    r"|unremarkable|normal"
)
_ABOVE = r"above\s+(?:the\s+)?(?:normal|reference)\s+range|raised|elevated|high"
_BELOW = r"below\s+(?:the\s+)?(?:normal|reference)\s+range|low"
_ABNORMAL = r"outside\s+(?:the\s+)?(?:normal|reference)\s+range|abnormal|deranged"
_CLAIM = re.compile(
    rf"\b(?P<neg>(?:not|no\s+longer|never)\s+(?:been\s+|be\s+)?)?"
    rf"(?:(?P<normal>{_NORMAL})|(?P<high>{_ABOVE})|(?P<low>{_BELOW})|(?P<abnormal>{_ABNORMAL}))"
    r"\b(?!-)",
    re.I,
)
# Before a claim word: it is qualified or part of another phrase ("high-normal", "upper limit of
# normal", "low normal", "borderline high", "a high of 39", "the normal range is 3.5-5.3"), or
# the thing compared with ("higher than normal", "above normal", "below the normal": review 39),
# which claims no normal.
_QUALIFIED_BEFORE = re.compile(
    r"(?:\b(?:limits?\s+of|borderline|upper|lower|high|low|near|almost|returned\s+to|back\s+to"
    r"|the\s+reference|ref|(?:than|above|below|over|under|beyond)(?:\s+the)?)|[-/])\s*$",
    re.I,
)
# After a claim word: it names a range ("normal 3.5-5.3", "normal range: <5", "normal range for
# this lab 3.5-5.3": review 39), which the check reads in ``_claims``. Each run of spaces is
# followed by a token it cannot take, so a long run is read once: four optional runs in a row
# backtracked for seconds on 200 spaces (review 39).
_RANGE_NAME = r"(?:range|limits?|values?|ref(?:erence)?)\b"
_RANGE_AFTER = re.compile(
    rf"^\s*(?:"
    rf"(?:{_RANGE_NAME}\s*)?(?:(?:is|of|:|=|\()\s*)?(?:[<>≤≥]\s*)?\d"
    # A few words between, then a range itself ("3.5-5.3", "<5"), not any number: "normal
    # range at 5.4", "normal range on 30/11" still claim.
    rf"|{_RANGE_NAME}(?:\s+(?!(?:at|on|since|was|were|by|today|now)\b)[A-Za-z]+){{1,4}}\s*"
    r"(?:(?:is|of|:|=|\()\s*)?(?:[<>≤≥]\s*\d|\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d)"
    r")",
    re.I,
)
# Words after a claim word that leave it predicative: "normal range for her age", "raised at
# 85", "normal [1]", "normal, and".
_PREDICATIVE_AFTER = re.compile(
    r"^\s*(?:$|[.,;:)\]\[(]|range\b|limits?\b|for\b|at\b|on\b|in\b|and\b|but\b|with\b"
    r"|when\b|throughout\b|today\b|again\b|now\b|overall\b|still\b|too\b|as\b|since\b)",
    re.I,
)
# A claim followed by the value it is stated at: "normal at 5.4", "raised (85 mg/L)".
_STATED_AT = re.compile(r"\s*(?:at|of|:|\(|-|–|—)\s*(?:a\s+(?:value|level)\s+of\s+)?(?=\d)", re.I)
# Where a claim's clause starts: a semicolon, a contrast, or a comma or "and" (a list's items
# are each their own claim: "sodium 139 and potassium 5.4, which is high").
_BREAKS = re.compile(
    r";|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b|\b(?:al)?though\b|,(?!\d)|\band\b|\bwith\b",
    re.I,
)
# An exception the clause makes before its claim: "Apart from a potassium of 5.4 mmol/L her
# electrolytes were normal" says normal of all but the value it names (review 39).
_EXCEPTION = re.compile(
    r"\b(?:apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|besides)\b", re.I
)
# A clause that names nothing of its own before its claim refers back to the one before:
# "…5.4 mmol/L, which is a normal range", "…5.4 mmol/L, within the normal range" (while "…5.4
# mmol/L and her ECG was normal" speaks of the ECG).
_REFERS_BACK = re.compile(
    r"^\s*(?:(?:which|that|this|it|is|was|were|are|a|an|the|all|both|entirely|completely"
    r"|considered|remains?|remained|being|been|has|have|had|deemed|felt|thought|to|be|reported"
    r"|as|so|also|quite|fully|therefore|and)\s+)*$",
    re.I,
)

# How a passage flags a result after it: a flag cell or letter ("H", "L", "HIGH", "(H)", "*H"),
# or a word ("raised", "elevated", "low", "abnormal").
_FLAG_AFTER = re.compile(
    r"^[\s,|\t;]*[(\[*]?\s*(?:(?P<high>H|HH|HI|HIGH|High|high|raised|elevated|↑)"
    r"|(?P<low>L|LL|LO|LOW|Low|low|↓)|(?P<abnormal>ABN|abnormal|Abnormal|ABNORMAL))"
    # Standing alone in its cell or clause: "5.4, low magnesium" flags nothing of the 5.4.
    r"(?![\w-])(?=\s*(?:[)\],;|\t\n.*]|$))",
)
# Before it, with at most its measure's name (two words) and "of", "at", "was" between:
# "raised CRP of 85", "potassium was raised at 5.4", "low Hb 92". Not where "high" or "low" is
# part of the test's or treatment's name ("high sensitivity troponin 6", "high density
# lipoprotein 1.4", "low molecular weight heparin": review 39).
_FLAG_BEFORE = re.compile(
    r"(?<!not )(?<!no )\b(?:(?P<high>raised|elevated|high)|(?P<low>low))\s+"
    r"(?!(?:sensitivity|sensitive|density|molecular|dose|flow|intensity|grade|risk)\b)"
    r"(?:[A-Za-z][\w-]*\s+){0,2}?(?:(?:at|of|was|is|to|:|=)\s*)?$",
    re.I,
)


def _range_after_value(number: str) -> re.Pattern[str]:
    """A reference range written after the result (and its unit cell): "3.5-5.3", "(ref
    3.5-5.3)", "[135-145]", "| 3.5 - 5.3 |", "(normal <5)", a row's cells apart by two spaces
    or more ("5,9  mmol/l  3,5-5,1") or by semicolons ("5,9;mmol/l;3,5-5,1"); its limits written
    as ``number``. A unit the value reader leaves apart ("15,2 /nl (4,0-10,0)", as German
    reports write counts) may stand before a bracketed range, and a short name before a rate
    where the result is written in the same unit ("110 lpm (VR 60-100 lpm)")."""
    return re.compile(
        rf"^[\s,|\t;]*(?:/?(?P<unit>{UNIT_TOKEN})(?:\s*[,|\t;]|[ \t]{{2,}}|[ \t]*(?=[(\[]))\s*)?"
        r"[(\[]?\s*"
        r"(?:(?:(?:ref(?:erence)?|normal)\.?(?:\s+(?:range|interval))?"
        rf"|{OTHER_LANGUAGES_RANGE_NAMES}|{short_name_in_same_unit('unit', number)})\s*:?\s*)?"
        rf"(?:(?P<lo>{number})\s*(?:-|–|to)\s*(?P<hi>{number})"
        rf"|(?P<cmp>[<>≤≥])\s*(?P<limit>{number}))"
        r"(?=\s*(?:[)\]|,;\t\n]|$|[A-Za-zµμ/%]+\b|\.(?!\d)))",
        re.I,
    )


_RANGE_AFTER_VALUE = _range_after_value(POINT_NUMBER)
# In a passage that writes its decimals with a comma its limits may be so written too: "Kalium
# 5,9 mmol/l (3,5-5,1) H", "(< 5,0)" ("1,200-1,500" stays no range of decimals).
_RANGE_AFTER_VALUE_WITH_COMMAS = _range_after_value(COMMA_NUMBER)
# What stands around a range or flag in a row, not part of it.
_CELL_EDGES = " ,|\t;([*"
_LINE_END = re.compile(r"\n")
# A row or sentence ends the place where a result's range and flag are read; the point of a
# range's abbreviated name ends neither ("(Ref. 3.5-5.1)", "(Réf. 3,5-5,1)", "(v.r. 3,5-5,1)").
_ROW_END = re.compile(r"\n|;|(?<![Rr][Ee][Ff])(?<![Rr][Éé][Ff])(?<![Vv]\.[RrNn])\.(?!\d)\s")


@dataclass(frozen=True)
class _Status:
    side: Side
    why: str  # how the passage shows it: "its range 3.5-5.3", "flagged 'HIGH'"
    # The side its range sets no limit on ("<5" has no lower one), where it has one.
    unbounded: Literal["low", "high"] | None = None


@dataclass(frozen=True)
class _Target:
    bound: Bound | None  # the sentence's value the claim speaks of, if it gives one
    measure: str | None  # what it measures ("potassium"), where named


def check_ranges(
    check: SentenceCheck, body: str, cited: Sequence[int], facts: PassageFacts
) -> None:
    """Flag claims of ``body`` about a value's place against its range that the cited passages
    contradict (``range_conflict``)."""
    if not cited:
        return
    check_named_limit_sides(check, body)
    claims = list(_claims(body))
    if not claims:
        return
    bound = _results(body)
    measures = find_measures(body)
    evidence = [item for n in cited for item in _passage_values(n, facts)]
    for start, end, claim in claims:
        target = _target(body, start, end, bound, measures)
        if target is None or _against_itself(check, body, start, end, claim, target):
            continue
        if not any(status is not None for _, _, status in evidence):
            continue
        about = _evidence_for(target, evidence)
        # Every value the passages give of it must say on which side of its range it lies, and
        # contradict the claim: a high potassium on admission and an unflagged one later leave
        # "her potassium is now normal" unsettled.
        settled = [(n, b, s) for n, b, s in about if s is not None]
        if not about or len(settled) < len(about):
            continue
        if not all(_contradicts(claim, s) for _, _, s in settled):
            continue
        n, other, status = settled[0]
        what = target.measure or "this value"
        check.add(
            "range_conflict",
            body[start:end],
            f"'{body[start:end]}': the cited passage gives {what} as"
            f" {other.value.raw.strip()}, {_side_words(status)} ({status.why}):"
            f' "{quoted(other.sentence)}"',
            start,
            quote=quoted(other.sentence),
            passage=n,
        )


def _results(body: str) -> list[Bound]:
    """The results ``body`` gives, which a claim may speak of: no dose, nor a range's limit
    ("Potassium 5.9 mmol/L (3.5-5.3), normal" speaks of the 5.9, not of the 5.3: read as the
    limit's, the claim was compared with nothing, ground58)."""
    return [
        b
        for b in bind(body)
        if b.value.kind == "number" and not is_dose(b.value) and b.attribute != REFERENCE_RANGE
    ]


# Between a value's range and a claim, what makes the claim another clause's, of another time
# or value: "Potassium 5.9 mmol/L (3.5-5.3) on admission; normal on discharge" says the later
# value is normal (review59c: flagged as the sentence contradicting itself).
_ANOTHER_CLAUSE = re.compile(
    r"[;\n\d]|\b(?:but|now|then|later|since|after|before|on|at|by|when|until|while|whereas"
    r"|although|however|subsequently|repeat(?:ed)?|discharge|admission|today|previously)\b",
    re.IGNORECASE,
)


def _against_itself(
    check: SentenceCheck, body: str, start: int, end: int, claim: Claim, target: _Target
) -> bool:
    """Flag a claim the sentence's own range or flag contradicts ("Potassium 5.9 mmol/L
    (3.5-5.3), normal"): whatever the passages say, the sentence cannot be right. True when
    flagged."""
    if target.bound is None:
        return False
    ranges = _RANGE_AFTER_VALUE_WITH_COMMAS if writes_decimal_commas(body) else _RANGE_AFTER_VALUE
    status, read = _status(body, target.bound, ranges)
    if status is None or not _contradicts(claim, status):
        return False
    # The claim after the range ("(3.5-5.3), normal") or before the value ("a normal potassium
    # of 5.9 (3.5-5.3)"), in one clause with it.
    value_start = target.bound.value.start
    gap = (read, start) if start >= read else (end, value_start) if end <= value_start else None
    if gap is None or _ANOTHER_CLAUSE.search(body, *gap):
        return False
    what = target.measure or "this value"
    check.add(
        "range_conflict",
        body[start:end],
        f"'{body[start:end]}': the sentence itself gives {what} as"
        f" {target.bound.value.raw.strip()}, {_side_words(status)} ({status.why})",
        start,
    )
    return True


def claimed_measures(body: str) -> set[str]:
    """The names of the measured things ``body`` says are normal, high or low ("her potassium
    was normal"): there the word is the blood test, not the drug of the same name, as it is
    where the sentence gives its value (binding.measured_in)."""
    claims = _claims(body)
    if not claims:
        return set()
    bound = _results(body)
    measures = find_measures(body)
    targets = (_target(body, start, end, bound, measures) for start, end, _ in claims)
    return {
        name
        for target in targets
        if target is not None and target.measure in MEASURES
        for name in (target.measure, *MEASURES[target.measure])
    }


def _passage_values(n: int, facts: PassageFacts) -> list[tuple[int, Bound, _Status | None]]:
    """The results of passage ``n`` (not doses, nor a range's limits), each with its place
    against its range where the passage gives it."""
    text = facts.text([n])
    commas, points = facts.decimal_marks(n)
    ranges = _RANGE_AFTER_VALUE_WITH_COMMAS if commas > points else _RANGE_AFTER_VALUE
    found: list[tuple[int, Bound, _Status | None]] = []
    limits_end = -1
    bounds = sorted(facts.bound(n), key=lambda b: b.value.start)
    cells = range_limit_cells(text)
    starts = [b.value.start for b in bounds]
    for b in bounds:
        if b.value.kind != "number" or is_dose(b.value) or b.value.start < limits_end:
            continue
        if b.attribute == REFERENCE_RANGE:
            continue
        status, read = _status(text, b, ranges)
        limits_end = read
        if status is None and cells:
            status = _status_by_limit_cells(text, b, bounds, starts, cells)
        found.append((n, b, status))
    return found


def _status_by_limit_cells(
    text: str,
    bound: Bound,
    bounds: Sequence[Bound],
    starts: Sequence[int],
    cells: Sequence[tuple[int, int]],
) -> _Status | None:
    """On which side of its range a long-form table row gives ``bound``'s value where the
    row's range is written as two limit cells ("Potassium,5.9,mmol/L,3.5,5.3" under
    "Test,Result,Unit,Low,High": review56a F5; value_tables.range_limit_cells): the two
    limits of its measure on its line (after it; before it in a cumulative report's "Ref"
    column: "Potassium,mmol/L,3.5-5.3,4.2,5.6", review57b)."""
    line_start = text.rfind("\n", 0, bound.value.start) + 1
    line_end = text.find("\n", bound.value.start)
    line_end = len(text) if line_end < 0 else line_end
    # Only the bounds and cells of the value's own line, found by bisection (``bounds`` are in
    # text order, ``cells`` sorted and apart): a scan of all of them for each value was
    # quadratic in a long lab export.
    on_line = bounds[bisect_left(starts, line_start) : bisect_left(starts, line_end)]
    near = cells[
        max(bisect_left(cells, (line_start, 0)) - 1, 0) : bisect_left(cells, (line_end, 0))
    ]
    limits = [
        _decimal(b.value.canonical)
        for b in on_line
        if b.attribute == REFERENCE_RANGE
        and b.range_of == bound.attribute
        and any(a <= b.value.start < z for a, z in near)
    ]
    number = _decimal(bound.value.canonical)
    if len(limits) != 2 or number is None or None in limits:
        return None
    lo, hi = sorted(x for x in limits if x is not None)
    side: Side = "low" if number < lo else "high" if number > hi else "inside"
    return _Status(side, f"reference range {lo}-{hi}")


def _claims(body: str) -> list[tuple[int, int, Claim]]:
    found: list[tuple[int, int, Claim]] = []
    for m in _CLAIM.finditer(body):
        before = body[max(0, m.start() - 30) : m.start()]
        after = body[m.end() : m.end() + 40]
        if _QUALIFIED_BEFORE.search(before) or _RANGE_AFTER.match(after):
            continue
        kind: Claim = (
            "normal"
            if m.group("normal")
            else "high"
            if m.group("high")
            else "low"
            if m.group("low")
            else "abnormal"
        )
        if m.group("neg"):
            # "not raised" says normal; "not normal" says abnormal; "not low" says nothing of
            # which side, but rules out one: read as no claim.
            if kind == "low":
                continue
            kind = "abnormal" if kind == "normal" else "normal"
        found.append((m.start(), m.end(), kind))
    return found


def _target(
    body: str,
    start: int,
    end: int,
    bound: Sequence[Bound],
    measures: Sequence[tuple[int, int, str]],
) -> _Target | None:
    """What the claim at ``body[start:end]`` speaks of: the thing it qualifies where it stands
    before a measured thing ("a normal potassium", "raised CRP of 85"), else the nearest value
    or measured thing before it in its clause (or the clause before, where it refers back:
    "…, which is normal")."""
    after = body[end:]
    if not _PREDICATIVE_AFTER.match(after):
        # Attributive: only a measured thing right after it ("normal potassium").
        first = next((m for m in measures if m[0] >= end and not body[end : m[0]].strip()), None)
        if first is None:
            return None
        value = next(
            (b for b in bound if b.value.start >= first[1] and b.attribute == first[2]), None
        )
        within = value is not None and _BREAKS.search(body, first[1], value.value.start) is None
        return _Target(value if within else None, first[2])
    # The value the claim is stated at: "normal at 5.4 mmol/L", "unremarkable (102 g/L)".
    stated = _STATED_AT.match(body, end)
    if stated is not None:
        at = next((b for b in bound if b.value.start == stated.end()), None)
        if at is not None:
            named_before = [m for m in measures if _clause_start(body, start) <= m[0] < start]
            measure = at.attribute or (named_before[-1][2] if named_before else None)
            return _Target(at, measure)
    own = lo = _clause_start(body, start)
    if _REFERS_BACK.match(body[lo:start]) and lo > 0:
        lo = _clause_start(body, max(0, lo - 1))
    lo = _past_exception(body, lo, start, bound, measures)
    values = [b for b in bound if lo <= b.value.start < start]
    named = [m for m in measures if lo <= m[0] < start]
    if values:
        value = values[-1]
        if value.value.start < own and _of_another_time(body, end, value):
            return None
        measure = value.attribute or (named[-1][2] if named else None)
        return _Target(value, measure)
    if named:
        return _Target(None, named[-1][2])
    return None


def _past_exception(
    body: str,
    lo: int,
    start: int,
    bound: Sequence[Bound],
    measures: Sequence[tuple[int, int, str]],
) -> int:
    """Where what the claim at ``start`` speaks of may start in its clause ``body[lo:start]``:
    past an exception and the value it names ("Apart from a potassium of 5.4 mmol/L | her
    electrolytes were normal"), or the measured thing where it names no value ("Except for
    potassium | her electrolytes were normal"); ``lo`` where the clause makes none."""
    last = None
    for m in _EXCEPTION.finditer(body, lo, start):
        last = m
    if last is None:
        return lo
    value = next((b for b in bound if last.end() <= b.value.start < start), None)
    if value is not None:
        return value.value.start + len(value.value.raw)
    named = next((m for m in measures if last.end() <= m[0] < start), None)
    return named[1] if named is not None else lo


def _of_another_time(body: str, end: int, value: Bound) -> bool:
    """Whether the claim ending at ``end`` names a time of its own in its clause that is not
    the time of ``value``, the clause before's: "5.9 (3.5-5.3) on admission; normal on
    discharge" says the discharge value is normal (review59c: once a claim no longer spoke of
    the range's limit 5.3, it was read as of the 5.9 and flagged)."""
    stop = _BREAKS.search(body, end)
    clause = body[end : stop.start() if stop else len(body)]
    return any(p.key != value.timepoint for p in timepoints(clause, []))


def _clause_start(body: str, before: int) -> int:
    lo = 0
    for m in _BREAKS.finditer(body, 0, before):
        lo = m.end()
    return lo


def _evidence_for(
    target: _Target, evidence: Sequence[tuple[int, Bound, _Status | None]]
) -> list[tuple[int, Bound, _Status | None]]:
    """The passages' values the target is: its number, read as the passages bind it, where the
    sentence gives one; else every value they give of its measure."""
    if target.bound is not None:
        mine = target.bound
        return [
            (n, b, s)
            for n, b, s in evidence
            if (
                (same_value(mine.value, b.value) and compatible(mine, b))
                # Its number for the same measure in another unit (walk 39: "5.4 mmol/mol,
                # which is a normal range" of "Potassium,5.4,mmol/L,3.5-5.3"): the unit is
                # flagged as such (checks/units.py), and the claim is read against the row.
                or (
                    mine.attribute is not None
                    and b.attribute == mine.attribute
                    and b.value.canonical == mine.value.canonical
                )
            )
            and (target.measure is None or b.attribute in (None, target.measure))
        ]
    return [(n, b, s) for n, b, s in evidence if b.attribute == target.measure]


def _status(text: str, bound: Bound, ranges: re.Pattern[str]) -> tuple[_Status | None, int]:
    """On which side of its range the passage gives ``bound``'s value, from a range or a flag
    written with it in its row or sentence (None where it does not say, or says both ways), and
    where the range and flag read with it end (numbers before that are the range's limits).
    ``ranges``: how the passage writes a range after a value (its decimals with a comma or not)."""
    value = bound.value
    end = value.start + len(value.raw)
    # The value reader may take a flag cell for a unit: "20-41,H" reads "41 H" (hours).
    head = re.match(r"^[^A-Za-zµμ%]*", value.raw)
    if value.unit == "h" and head is not None:
        end = value.start + len(head.group().rstrip())
    # A row of cells apart by semicolons ("Kalium;5,9;mmol/l;3,5-5,1;H") is read to its line's
    # end: its semicolons part cells, not clauses.
    stop = (_LINE_END if text[value.start - 1 : value.start] == ";" else _ROW_END).search(text, end)
    row_after = text[end : stop.start() if stop else len(text)]
    line_start = max(text.rfind("\n", 0, value.start), text.rfind(". ", 0, value.start)) + 1
    before = text[line_start : value.start]
    sides: list[_Status] = []
    read = end
    ranged = ranges.match(row_after)
    if ranged is not None:
        number = _decimal(value.canonical)
        side = _against_range(number, ranged) if number is not None else None
        if side is not None:
            limits = (
                f"{ranged.group('lo')}-{ranged.group('hi')}"
                if ranged.group("lo") is not None
                else f"{ranged.group('cmp')}{ranged.group('limit')}"
            )
            unbounded: Literal["low", "high"] | None = (
                None
                if ranged.group("lo") is not None
                else "low"
                if ranged.group("cmp") in "<≤"
                else "high"
            )
            sides.append(_Status(side, f"reference range {limits}", unbounded))
        read += ranged.end()
        row_after = row_after[ranged.end() :]
    flagged = _FLAG_AFTER.match(row_after)
    if flagged is not None:
        word = flagged.group().strip(_CELL_EDGES)
        flag_side: Side = (
            "high" if flagged.group("high") else "low" if flagged.group("low") else "outside"
        )
        sides.append(_Status(flag_side, f"flagged '{word}'"))
        read += flagged.end()
    adjective = _FLAG_BEFORE.search(before)
    if adjective is not None:
        word = adjective.group("high") or adjective.group("low")
        sides.append(_Status("high" if adjective.group("high") else "low", f"written '{word}'"))
    if not sides:
        return None, read
    directed = {s.side for s in sides if s.side != "outside"}
    if len(directed) > 1 or ("inside" in directed and len(sides) > 1):
        return None, read  # the range and the flag disagree: no plain reading
    # A side a range or word gives says more than "abnormal".
    return next((s for s in sides if s.side != "outside"), sides[0]), read


def _against_range(number: Decimal, ranged: re.Match[str]) -> Side | None:
    if ranged.group("lo") is not None:
        lo, hi = _decimal(ranged.group("lo")), _decimal(ranged.group("hi"))
        if lo is None or hi is None or lo > hi:
            return None
        return "low" if number < lo else "high" if number > hi else "inside"
    limit = _decimal(ranged.group("limit"))
    if limit is None:
        return None
    if ranged.group("cmp") in "<≤":
        return "high" if number > limit else "inside"
    return "low" if number < limit else "inside"


def _decimal(raw: str) -> Decimal | None:
    # A comma here is a decimal one: a canonical value has none, and a range's limit has one
    # only as _RANGE_AFTER_VALUE_WITH_COMMAS reads it ("3,5").
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


def _contradicts(claim: Claim, status: _Status) -> bool:
    side = status.side
    if side == "inside" and claim == status.unbounded:
        # "Low" of a CRP of 4 under "<5" (or "high" of an eGFR of 75 over ">60") is a fair
        # word for a value the range sets no limit on that side of (review 39).
        return False
    if claim == "normal":
        return side != "inside"
    if claim == "abnormal":
        return side == "inside"
    # "High" of a value flagged only abnormal may be right.
    return side != claim and side != "outside"


def _side_words(status: _Status) -> str:
    return {
        "inside": "inside its reference range",
        "high": "above its reference range",
        "low": "below its reference range",
        "outside": "outside its reference range",
    }[status.side]
