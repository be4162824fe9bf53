"""A value the passage gives for an earlier time than the sentence does: "the LVEF on the March
2026 echocardiogram was 45%" cited to a March report that says "previous LVEF 45% ... LVEF 38%"
(walk 52a M3: the number check passed, since 45 is in the passage). And a sentence that gives one
measure two values at one time point ("was 45% (LVEF 38%)")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.rag.binding import Bound
from medlocal.rag.bound_comparison import LATEST, describe, is_date, later
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.reference_ranges import REFERENCE_RANGE
from medlocal.values import Value, dates_agree, extract_values, is_dose, quantity, same_value

# The time points a sentence gives a value "now" for: the study's date, the latest, today.
_NOW = (LATEST, "today")
_BEFORE = "before"


def _earlier(found: Bound, mine: Bound) -> bool:
    """Whether the passage's ``found`` is dated before the sentence's ``mine``: "previous",
    "prior", "baseline", or a date before the sentence's. A "prior" value that its passage
    dates with the sentence's date after it is that date's ("A1c 7.8% (prior 7.2% in 1/2023)"
    for "7.2% in January 2023")."""
    if found.timepoint == _BEFORE:
        return not _dated_after(found, mine)
    return (
        found.timepoint is not None
        and mine.timepoint is not None
        and is_date(found.timepoint)
        and is_date(mine.timepoint)
        and not found.uncertain_date
        and later(mine.timepoint, found.timepoint)
    )


def _dated_after(found: Bound, mine: Bound) -> bool:
    """Whether ``found``'s sentence writes a date agreeing with ``mine``'s after the value, with
    no other number between."""
    if mine.timepoint is None or not is_date(mine.timepoint):
        return False
    values = extract_values(found.sentence)
    at = found.sentence.find(found.value.raw)
    if at < 0:
        return False
    for v in values:
        if v.start <= at:
            continue
        if v.kind == "date":
            return dates_agree(mine.timepoint, v.canonical) or (
                mine.timepoint_alt is not None and dates_agree(mine.timepoint_alt, v.canonical)
            )
        if v.kind in ("number", "ratio"):
            return False
    return False


def _same_kind(a: Value, b: Value) -> bool:
    """Two values of one measure that may be compared: the same unit, or either bare."""
    if a.unit is None or b.unit is None:
        return True
    return quantity(a)[1] == quantity(b)[1]


def _dated_now(mine: Bound, rival: Bound, passage_dates: Sequence[Value]) -> bool:
    """Whether the passage's ``rival`` is its value at the sentence's time point: dated so, or
    undated in a passage whose own date is the sentence's (a report's "Date of study"), or the
    sentence asks for the latest."""
    claimed = mine.timepoint
    assert claimed is not None
    if rival.timepoint is not None and rival.timepoint != LATEST:
        return (
            is_date(claimed) and is_date(rival.timepoint) and dates_agree(claimed, rival.timepoint)
        )
    if claimed in _NOW:
        return True
    return any(dates_agree(claimed, d.canonical) for d in passage_dates)


def check_earlier(
    check: SentenceCheck,
    value: Value,
    mine: Bound,
    fitting: Sequence[tuple[int, Bound]],
    evidence_bound: Sequence[tuple[int, Bound]],
    facts: PassageFacts,
) -> bool:
    """Flag ``value`` where the sentence dates it now (a date, "the latest") and every passage
    that gives it gives it for an earlier time, while that passage gives the same measure
    another value now. True when flagged."""
    if mine.timepoint is None or not (is_date(mine.timepoint) or mine.timepoint in _NOW):
        return False
    if is_dose(value) or not fitting or not all(_earlier(b, mine) for _, b in fitting):
        return False
    for n, found in fitting:
        if found.attribute is None or found.attribute == REFERENCE_RANGE:
            continue
        dates = [v for v in facts.values(n) if v.kind == "date"]
        rival = next(
            (
                b
                for m, b in evidence_bound
                if m == n
                and b.attribute == found.attribute
                and not same_value(value, b.value)
                and not is_dose(b.value)
                and _same_kind(found.value, b.value)
                and (found.side is None or b.side is None or found.side == b.side)
                and not _earlier(b, mine)
                and b.timepoint != _BEFORE
                and _dated_now(mine, b, dates)
            ),
            None,
        )
        if rival is None:
            continue
        check.add(
            "misattributed_value",
            value.raw,
            f"'{value.raw}' is in the cited passage as an earlier value ({describe(found)}),"
            f" not {describe(mine)}: there the {found.attribute} then is '{rival.value.raw}':"
            f' "{quoted(rival.sentence)}"',
            value.start,
            quote=quoted(rival.sentence),
            passage=n,
        )
        return True
    return False


# Words between two values that make them a trend, a range or a choice, not one time point's
# two values: "45% -> 38%", "fell from 45% to 38%", "35-40%", "45% or 50%", "45% and 38%".
_JOINS_TWO = re.compile(
    r"->|→|⇒|>|<|-|–|—|/|\b(?:to|from|then|now|and|or|vs\.?|versus|between|previously|before"
    r"|previous|prior|baseline|last|latest|initially|admission|discharge"
    r"|after|later|earlier|fell|rose|dropped|increased|decreased|improved|worsened|declined"
    r"|down|up|while|but|compared|each|respectively|range|ranging"
    # A change named as a change: "to 96.4 kg in February 2025, a gain of 4.3 kg".
    r"|gain|loss|rise|fall|drop|increase|decrease|reduction|difference|change)\b",
    re.I,
)


def check_two_values(check: SentenceCheck, body: str, bound: Sequence[Bound]) -> None:
    """Flag a sentence that gives one measure two different values at one time point it names
    ("the LVEF on the March 2026 echocardiogram was 45% (LVEF 38%)"): at most one is right. A
    value with no time point of its own shares the other's ("on 19/03/2026 was 38% (LVEF 45%)":
    the date labels the first number only). Trends, ranges, doses, sides, values in two units
    and values joined by a word of change or choice are left."""
    results = [
        b
        for b in bound
        if b.attribute is not None
        and b.attribute != REFERENCE_RANGE
        and (b.timepoint is None or is_date(b.timepoint) or b.timepoint in _NOW)
        and not is_dose(b.value)
    ]
    for i, first in enumerate(results):
        for second in results[i + 1 :]:
            if (
                second.attribute != first.attribute
                # One number read two ways ("28+4 weeks" and its "4 weeks") is one value.
                or second.value.start < first.value.start + len(first.value.raw)
                or (first.timepoint or second.timepoint) is None
                or (
                    None not in (first.timepoint, second.timepoint)
                    and first.timepoint != second.timepoint
                )
                or same_value(first.value, second.value)
                or (first.side and second.side and first.side != second.side)
                or first.value.unit is None
                or second.value.unit is None
                or not _same_kind(first.value, second.value)
            ):
                continue
            between = body[first.value.start + len(first.value.raw) : second.value.start]
            if _JOINS_TWO.search(between):
                continue
            at = next(
                (b.value for b in (second, first) if b.value.start not in check.flagged), None
            )
            if at is None:
                return
            check.add(
                "misattributed_value",
                at.raw,
                f"the sentence gives {describe(first)} twice, as '{first.value.raw}' and"
                f" '{second.value.raw}': at most one of them is that value",
                at.start,
            )
            return
