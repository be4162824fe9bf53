"""Numbers and values: each must appear in the cited passages, bound as the passages bind it.
What a number may be worked out from, or written as, the readers beside this module say
(arithmetic, durations, blood_pressure, table_units, written_forms)."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.binding import Bound, bind, measures_before
from medlocal.rag.bound_comparison import compatible, describe
from medlocal.rag.checks.arithmetic import converted_temperature, difference
from medlocal.rag.checks.blood_pressure import part_of_blood_pressure
from medlocal.rag.checks.dimensions import side_of_a_size
from medlocal.rag.checks.durations import (
    clock_difference,
    later_than_its_date,
    span_of_its_dates,
)
from medlocal.rag.checks.earlier_values import check_earlier, check_two_values
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.misattributed import (
    check_latest,
    check_time_point,
    named_by_its_measure,
    of_another_measure,
    what_differs,
)
from medlocal.rag.checks.molar_units import converted_result
from medlocal.rag.checks.named_changes import named_change
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.range_row_flags import RangeRowFlags
from medlocal.rag.checks.regimens import WrongRegimen, regimen_spans
from medlocal.rag.checks.score_totals import score_totals
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent, quoted
from medlocal.rag.checks.table_units import fits_a_bare_cell, unit_in_its_table, unit_of_its_table
from medlocal.rag.checks.units import (
    a_rate_of,
    body_weights,
    equal_for_measure,
    other_unit,
    per_weight_product,
    unit_text,
)
from medlocal.rag.checks.worked_out import (
    course_total,
    percent_change,
    rest_of_week,
    worked_out_totals,
)
from medlocal.rag.checks.written_forms import diabetes_type, fio2_as_percent, unsure_absence
from medlocal.rag.frequency import frequencies
from medlocal.rag.time_points import elapsed_labels
from medlocal.values import extract_values, is_supported, same_value


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
    commas = facts.sentence_decimal_commas(body, cited)
    bound = {b.value.start: b for b in bind(body, day_first, commas)}
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
    values = extract_values(body, day_first, commas)
    row_flags = RangeRowFlags(check, body)
    weights = [
        *(w for n in cited for w in body_weights(facts.text([n]), facts.values(n))),
        *(w for w in body_weights(body, values) if is_supported(w, evidence_values)),
    ]
    # A time after a start that labels a result ("the 1-hour glucose", "at 120 minutes") is
    # confirmed by a passage's value of that time, however written ("60 min", "Time,0,60,120"):
    # the result itself is checked against the passage's value of that time (binding.py).
    passage_times = {b.timepoint for _, b in evidence_bound}
    timed = {p.start for p in elapsed_labels(body, values) if p.key in passage_times}
    totals = worked_out_totals(body, values, frequencies(body), evidence_text)
    scales = score_totals(body, values, evidence_text)
    for value in values:
        if any(start <= value.start < end for start, end in settled) or value.start in timed:
            continue
        if value.start in scales:
            continue  # "6 out of 10": the 10 names the scale, no result to find
        if (
            not is_supported(value, evidence_values)
            and not difference(value, values, evidence_values)
            and not per_weight_product(value, evidence_values, weights)
            and not clock_difference(value, values, body, cited, facts)
            and not span_of_its_dates(value, values, body, evidence_values)
            and not later_than_its_date(value, values, body, evidence_values)
            and not percent_change(value, values, body, evidence_values)
            and not named_change(value, values, body, evidence_values)
            and value.start not in totals
            and not course_total(value, values, body)
            and not rest_of_week(value, values, body, evidence_text)
            and not converted_temperature(value, evidence_values)
            and not converted_result(value, values, body, evidence_values)
            and not part_of_blood_pressure(
                value, bound.get(value.start), body, evidence_bound, facts
            )
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
            if unsure_absence(value, values, evidence_text):
                continue
            if diabetes_type(value, body, evidence_text):
                continue
            if fio2_as_percent(value, body, evidence_text):
                continue
            dates = [v.canonical for v in values if v.kind == "date"]
            if any(
                unit_of_its_table(value, body, facts.layout(n), dates, facts.day_first(n))
                for n in cited
            ) and fits_a_bare_cell(value, bound.get(value.start), evidence_bound):
                continue
            where = elsewhere.value(value, body)
            said = bound.get(value.start)
            theirs = None if where.passage else of_another_measure(value, said, evidence_bound)
            if theirs is not None and said is not None:
                n, other = theirs
                unit = f", in {unit_text(other.value)}," if other.value.unit else ","
                check.add(
                    "misattributed_value",
                    value.raw,
                    f"'{value.raw}' is not in the cited passage; {other.value.canonical} there"
                    f" is {describe(other)}{unit} not {describe(said)}:"
                    f' "{quoted(other.sentence)}"',
                    value.start,
                    quote=quoted(other.sentence),
                    passage=n,
                )
                continue
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
        # A change named after its two values ("to 118 mmHg ..., a drop of 30 mmHg") is of no
        # measure or time of its own, whatever a passage binds the same number to.
        if named_change(value, values, body, evidence_values):
            continue
        # "on 12 May 2025 ... two days later": a count to a day the passages give, not a value
        # of its own, whatever a passage binds the same number to.
        if later_than_its_date(value, values, body, evidence_values):
            continue
        if side_of_a_size(value, body, evidence_text):
            continue  # "8 × 6 mm" for a passage's "8 x 6": the same size
        same = [(n, b) for n, b in evidence_bound if same_value(value, b.value)]
        fitting = [(n, b) for n, b in same if compatible(mine, b)]
        if fitting:
            if not check_time_point(
                check, value, mine, fitting, evidence_bound
            ) and not check_earlier(check, value, mine, fitting, evidence_bound, facts):
                check_latest(check, value, mine, fitting, evidence_bound)
            continue
        if not same:
            continue
        if unit_in_its_table(value, mine, body, same, values, facts):
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
        row_flags.add(
            value,
            other,
            n,
            f"'{value.raw}' is in the cited passage, but there it is {what}{claimed}:"
            f' "{quoted(other.sentence)}"',
        )
    check_two_values(check, body, list(bound.values()))


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
