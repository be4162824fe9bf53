"""Numbers and values: each must appear in the cited passages, bound as the passages bind it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medlocal.rag.binding import Bound, bind, compatible, describe, measures_before
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.misattributed import (
    check_latest,
    check_time_point,
    named_by_its_measure,
    what_differs,
)
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.regimens import WrongRegimen, regimen_spans
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent, quoted
from medlocal.rag.checks.units import (
    a_rate_of,
    body_weights,
    equal_for_measure,
    other_unit,
    per_weight_product,
    unit_text,
)
from medlocal.rag.frequency import frequencies
from medlocal.values import (
    Value,
    canonical_number,
    canonical_unit,
    extract_values,
    is_supported,
    quantity,
    same_value,
)


def check_values(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    facts: PassageFacts,
    wrong_regimens: Sequence[WrongRegimen],
    elsewhere: Elsewhere,
) -> None:
    evidence_values = [v for n in cited for v in facts.values(n)]
    evidence_text = facts.text(cited)
    day_first = facts.sentence_day_first(body, cited)
    bound = {b.value.start: b for b in bind(body, day_first)}
    evidence_bound = [(n, b) for n in cited for b in facts.bound(n)]
    # A number inside a regimen ("every 12 hours", "q12h") is confirmed by the same regimen in
    # any wording ("BD", "twice daily"); one in a regimen found wrong for its drug is flagged
    # once, as that regimen.
    evidence_regimens = [f for n in cited for f in facts.frequencies(n)]
    settled = [
        span
        for f in frequencies(body)
        if any(f.same(e) for e in evidence_regimens)
        for span in regimen_spans(f)
    ] + [span for f, _, _, _, _ in wrong_regimens for span in regimen_spans(f)]
    values = extract_values(body, day_first)
    weights = [
        *(w for n in cited for w in body_weights(facts.text([n]), facts.values(n))),
        *(w for w in body_weights(body, values) if is_supported(w, evidence_values)),
    ]
    for value in values:
        if any(start <= value.start < end for start, end in settled):
            continue
        if (
            not is_supported(value, evidence_values)
            and not _difference(value, values, evidence_values)
            and not per_weight_product(value, evidence_values, weights)
        ):
            if equal_for_measure(value, bound.get(value.start), evidence_bound):
                continue
            in_other_unit = other_unit(value, bound.get(value.start), evidence_bound)
            if in_other_unit is not None:
                n, other = in_other_unit
                if a_rate_of(value, other.value, body):
                    continue
                check.add(
                    "unverified_number",
                    value.raw,
                    f"'{value.raw}': the cited passage gives {other.value.canonical} in"
                    f" {unit_text(other.value)}"
                    + (f" ({_measure(other)})" if other.attribute else ""),
                    value.start,
                    quote=quoted(other.sentence),
                    passage=n,
                )
                continue
            if _unsure_absence(value, values, evidence_text):
                continue
            dates = [v.canonical for v in values if v.kind == "date"]
            if any(
                _unit_of_its_table(value, body, facts.text([n]), dates, facts.day_first(n))
                for n in cited
            ):
                continue
            where = elsewhere.value(value, body)
            check.add(
                "unverified_number",
                value.raw,
                absent(f"{value.kind} '{value.raw}'", "does not appear in", cited) + where.said,
                value.start,
                quote=where.quote,
                passage=where.passage,
            )
            continue
        mine = bound.get(value.start)
        if mine is None:
            continue
        same = [(n, b) for n, b in evidence_bound if same_value(value, b.value)]
        fitting = [(n, b) for n, b in same if compatible(mine, b)]
        if fitting:
            if not check_time_point(check, value, mine, fitting, evidence_bound):
                check_latest(check, value, mine, fitting, evidence_bound)
            continue
        if not same:
            continue
        if named_by_its_measure(check, value, mine, same, evidence_bound, cited):
            continue
        if any(_measure_unsure(mine, b) for _, b in same):
            continue
        n, other = same[0]
        what = describe(other)
        claimed = f", not {describe(mine)}" if mine.attribute or mine.timepoint else ""
        if describe(mine) == what:
            # Both sides read alike (walk 29: "a value on 2026-11-08, not a value on
            # 2026-11-08"): say what differs, or claim no misattribution.
            differs = what_differs(mine, other)
            if differs is None:
                continue
            claimed = f", {differs}"
        check.add(
            "misattributed_value",
            value.raw,
            f"'{value.raw}' is in the cited passage, but there it is {what}{claimed}:"
            f' "{quoted(other.sentence)}"',
            value.start,
            quote=quoted(other.sentence),
            passage=n,
        )


# Round 6 of the precision audit (tests/fixtures/grounding_eval/RESULTS.md): a number is
# flagged only where the sentence's reading and the passage's plainly differ (rag/checks/units.py
# for the units); where the passage writes it in a form the value reader takes for something
# else, the check stays silent.
def _unsure_absence(value: Value, values: Sequence[Value], evidence_text: str) -> bool:
    """Whether "does not appear in the cited passages" would be an unsure reading: a number of
    two or more digits the passages write glued to a code ("SVR12"), or as one side of a
    ratio whose other side the sentence gives too ("ACE-III 71/100" as "71 out of 100"; a
    blood pressure's "145/90" is no heart rate of 90), or a number of four or more digits the
    passages write with its thousands set apart by a space, as tables do ("1 240" for
    "1,240"; round 8); or a date, with its year or without ("11 November" for a handover's
    "dressed 11/11"; round 8), whose day and month the passages give without a year ("Tetanus
    toxoid given 10/14")."""
    if value.kind == "number" and len(value.canonical) >= _COMPOUND_DIGITS:
        n = re.escape(value.canonical)
        if _spaced_thousands(value, evidence_text):
            return True
        if re.search(rf"(?<=[A-Za-z]{{2}}){n}(?![\d.])", evidence_text):
            return True
        mine = {v.canonical for v in values if v is not value}
        return any(
            value.canonical in pair and (set(pair) - {value.canonical}) <= mine
            for pair in _RATIO.findall(evidence_text)
        )
    if value.kind == "date":
        parts = value.canonical.removeprefix("-").split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts[1:]):
            month, day = int(parts[1]), int(parts[2])
            no_year = rf"(?<![\d/.])0?(?:{month}/0?{day}|{day}/0?{month})(?![\d]|[/.]\d)"
            return any(
                not (
                    m.group().split("/")[1].lstrip("0") in ("12", "7")
                    and _DURATION.search(evidence_text, 0, m.start())
                )
                for m in re.finditer(no_year, evidence_text)
            )
    return False


def _spaced_thousands(value: Value, evidence_text: str) -> bool:
    """Whether the passages write the whole number of ``value`` (four or more digits) with its
    thousands set apart by a space: "1 240" (a plain or a narrow no-break space). Not a number
    after a label that counts ("Day 1 250 mL" is day 1's 250 mL; "Bed 2 400", "x 2 500 mg";
    review 33), nor one followed by a unit other than the sentence's."""
    canonical = value.canonical
    if not canonical.isdigit() or len(canonical) < 4 or canonical.startswith("0"):
        return False
    head = canonical[: len(canonical) % 3 or 3]
    rest = canonical[len(head) :]
    groups = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    spaced = r"[ \u202f\u00a0]".join(re.escape(g) for g in [head, *groups])
    for found in re.finditer(rf"(?<![\d.,]){spaced}(?![\d]|[.,]\d)", evidence_text):
        if _COUNTING_LABEL.search(evidence_text, 0, found.start()):
            continue
        probe = extract_values("1" + evidence_text[found.end() : found.end() + 16])
        unit = probe[0].unit if probe and probe[0].start == 0 else None
        if value.unit is not None and unit is not None and unit != value.unit:
            continue
        return True
    return False


# A label whose number counts or names something ("Day 1", "No. 2", "x 2", "bed 3"): a number
# after it is no thousands group of the next.
_COUNTING_LABEL = re.compile(
    r"(?:\b(?:day|days|d|no|nos|number|bed|bay|room|ward|cycle|week|wk|dose|doses|step|grade"
    r"|stage|page|visit|item|tablets?|tabs?|capsules?|caps|level|line|case|patient|pt|x)\.?"
    r"|[×#])\s*$",
    re.I,
)
# "in 3/12", "for 2/52", "x 5/7": months, weeks, days, no day and month (review 33).
_DURATION = re.compile(r"\b(?:in|for|x|over|within|after|every|next)\s*$|×\s*$", re.I)


def _unit_of_its_table(
    value: Value,
    body: str,
    passage: str,
    dates: Sequence[str] = (),
    day_first: bool | None = None,
) -> bool:
    """Whether a table of ``passage`` gives ``value``'s number bare, with the unit the sentence
    writes after it set in a cell of its own: before the values on the number's row ("HbA1c
    mmol/mol 58 62 - 59", a cumulative report; walk 33) or, in brackets, atop the number's
    column ("UF (L)" over "| 2.3 |"; round 8). The unit is compared as written, read as units
    are ("litres" is "L"). Where the sentence gives a date and the column's row one too, they
    must be the same day (review 33: "On 3 February 1.9 litres" is not the 5 February row's)."""
    if value.kind != "number" or value.unit is None or not value.canonical[:1].isdigit():
        return False
    head = _NUMBER_HEAD.match(value.raw)
    written = _UNIT_WORD.match(body, value.start + (head.end() if head else len(value.raw)))
    unit = canonical_unit(written.group(1)) if written else None
    if unit is None or not any(c.isalpha() for c in unit):
        return False
    lines = passage.splitlines()
    for i, line in enumerate(lines):
        for cell in _BARE_NUMBER.finditer(line):
            if canonical_number(cell.group()) != value.canonical:
                continue
            row = _ROW_UNIT.search(line[: cell.start()])
            if row is not None and canonical_unit(row.group(1)) == unit:
                return True
            if (
                "|" in line
                and _column_unit(lines[:i], line, cell.start()) == unit
                and _row_of_its_date(line, dates, day_first)
            ):
                return True
    return False


def _row_of_its_date(line: str, dates: Sequence[str], day_first: bool | None) -> bool:
    """Whether a table row may be the one the sentence's dates speak of: the sentence gives no
    date, the row none, or the row gives one of them (a date without a year by its day and
    month; either way round where the passage does not say how it writes them)."""
    if not dates:
        return True
    # A passage that does not say which way it writes dates is read both ways.
    orders = [day_first] if day_first is not None else [True, False]
    own = [v.canonical for d in orders for v in extract_values(line, d) if v.kind == "date"]
    if not own:
        return True
    return any(_same_day(a, b) for a in dates for b in own)


def _same_day(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-6:] == b[-6:] and a[-6:-5] == "-"
    return False


def _column_unit(above: Sequence[str], line: str, at: int) -> str | None:
    """The unit in brackets atop the column of ``line`` that holds offset ``at``: the header
    is the first line of the block of "|" rows ``line`` ends, with as many cells."""
    index = line[:at].count("|")
    header = None
    for previous in reversed(above):
        if previous.count("|") != line.count("|"):
            break
        header = previous
    if header is None:
        return None
    found = _HEADER_UNIT.search(header.split("|")[index])
    return canonical_unit(found.group(1)) if found else None


# The number's own digits in the passage, not part of another number, a date or a code.
_BARE_NUMBER = re.compile(r"(?<![\w.,/:<>+-])\d+(?:\.\d+)?(?![\w.,/:%])(?!\s?[A-Za-z%°µ/])")
# A row's unit cell: a unit standing before the values, only figures and dashes after it.
_ROW_UNIT = re.compile(r"(?:^|\s)([A-Za-zµμ%][\w/µμ^%.]*)\s+(?:(?:[<>]?[\d.]+|-|–)\s+)*$")
_HEADER_UNIT = re.compile(r"\(([^()\d]*[A-Za-zµμ%][^()]*)\)\s*$")
_UNIT_WORD = re.compile(r"\s?([A-Za-zµμ%][\w/µμ^%.]*)")
_NUMBER_HEAD = re.compile(r"^[\d.,]+")


_RATIO = re.compile(r"(?<![\d./])(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)(?![\d/]|\.\d)")
# A one-digit number stands inside all manner of codes ("T1DM", "x10^9"): never unsure.
_COMPOUND_DIGITS = 2


def _measure_unsure(mine: Bound, other: Bound) -> bool:
    """Whether the passage's value may be of the sentence's measure after all: its clause names
    that measure before it, with another one nearer ("VL 12/07/2024: LDL (<50 copies/mL)",
    read as the LDL; round 7 of the precision audit). Which of the two the value is, no plain
    reading says."""
    if mine.attribute is None or other.attribute in (None, mine.attribute):
        return False
    named = measures_before(other.sentence, other.value)
    return mine.attribute in named and other.attribute in named


def _measure(bound: Bound) -> str:
    return describe(bound).removeprefix("the ")


def _difference(value: Value, values: Sequence[Value], evidence: Sequence[Value]) -> bool:
    """Whether ``value`` is the exact difference of two values in its unit: two other values of
    its sentence, both in the evidence ("fell from 198 lb to 189 lb, a loss of 9 lb"; walk: a
    clinician states the change a note leaves to be worked out), or one of them and a value of
    the cited passages ("her weight had risen to 41.6 kg, a gain of 2.7 kg" from a note that
    gives 38.9 kg at admission and 41.6 kg today: round 7). A number the sentence gives no unit
    ("a loss of 28 pounds": the unit a word the value reader does not read) is the difference
    of two of its sentence's values in one unit."""
    if value.kind != "number" or not value.canonical[:1].isdigit():
        return False
    target = _amount(value, unit_needed=False)
    if target is None:
        return False
    given = [
        found
        for v in values
        if v is not value and is_supported(v, list(evidence))
        for found in [_amount(v)]
        if found is not None
    ]
    if value.unit is None:
        pairs = [(a, b) for i, a in enumerate(given) for b in given[i + 1 :]]
    else:
        unit = quantity(value)[1]
        others = given + [found for v in evidence for found in [_amount(v)] if found is not None]
        pairs = [(a, b) for a in given if a[1] == unit for b in others]
    return any(a[1] == b[1] and abs(a[0] - b[0]) == target[0] for a, b in pairs)


def _amount(value: Value, unit_needed: bool = True) -> tuple[Decimal, str] | None:
    """A number with a unit as (amount, unit) in its dimension's base unit; None for another
    value, a signed or compared one, or (``unit_needed``) one without a unit."""
    if value.kind != "number":
        return None
    amount, unit = quantity(value)
    if not amount[:1].isdigit() or (unit_needed and not unit):
        return None
    try:
        number = Decimal(amount)
    except ArithmeticError:
        return None
    return number, unit or ""
