"""A value the passages give, but for another measure, time point, side or moment."""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.rag.binding import Bound
from medlocal.rag.bound_comparison import (
    LATEST,
    describe,
    is_date,
    read_in_unit,
    same_point,
    superseded,
    unit_beside,
)
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.checks.units import unit_text
from medlocal.values import Value, is_dose, quantity, same_value


def named_by_its_measure(
    check: SentenceCheck,
    value: Value,
    mine: Bound,
    same: Sequence[tuple[int, Bound]],
    evidence_bound: Sequence[tuple[int, Bound]],
    cited: Sequence[int],
) -> bool:
    """A value with a unit ("an ejection fraction of 5%") whose number the cited passages give
    only bare, for another measure and with nothing in that unit beside it ("CHA2DS2-VASc
    score 5"), while they give the sentence's measure in its unit ("ejection fraction of
    45%"): flagged naming that (walk 31: "there it is the cha2ds2-vasc"). True when flagged.
    A bare number beside values in the unit may be read in it ("1 h 11.2, 2 h 8.4 mmol/L")."""
    if value.unit is None or mine.attribute is None:
        return False
    # A bare number the passage binds to a measure of its own is misattributed (the flag names
    # that measure: "there it is the pulse"); an unbound one is no value of the sentence's
    # measure where the passage gives that measure in the unit ("he is 71, weight 84 kg").
    if any(
        b.value.unit is not None
        or read_in_unit(mine, b)
        or (b.attribute is not None and unit_beside(value, b.sentence))
        for _, b in same
    ):
        return False
    unit = quantity(value)[1]
    given = [
        (n, b)
        for n, b in evidence_bound
        if b.attribute == mine.attribute and b.value.unit and quantity(b.value)[1] == unit
    ]
    if not given:
        return False
    n, theirs = given[0]
    where = "the cited passage" + ("s" if len(cited) > 1 else "")
    check.add(
        "unverified_number",
        value.raw,
        f"{describe(mine)} is '{theirs.value.raw}' in {where}, not '{value.raw}':"
        f' "{quoted(theirs.sentence)}"',
        value.start,
        quote=quoted(theirs.sentence),
        passage=n,
    )
    return True


def what_differs(mine: Bound, other: Bound) -> str | None:
    """What the sentence gives a value that the passage's same-described value lacks: a side or
    a unit; None where nothing that a flag can name differs."""
    if mine.side and other.side and mine.side != other.side:
        return f"on the {other.side} side, not the {mine.side}"
    if mine.value.unit and not other.value.unit:
        return f"given there without a unit, not in {unit_text(mine.value)}"
    return None


def check_time_point(
    check: SentenceCheck,
    value: Value,
    mine: Bound,
    fitting: Sequence[tuple[int, Bound]],
    evidence_bound: Sequence[tuple[int, Bound]],
) -> bool:
    """A value the sentence gives for a named time point ("her fasting glucose was 192") where
    the cited passage gives it without one, beside another value of that time point in the same
    sentence ("fasting 98, 1 h 192"): misattributed. True when flagged. Dates are left out: a
    note's header date is beside all its values."""
    if mine.timepoint is None or mine.timepoint == LATEST or is_date(mine.timepoint):
        return False
    if is_dose(value):
        return False  # a dose is its drug's (check_doses), not one of a series of results
    if any(b.timepoint is not None and not is_date(b.timepoint) for _, b in fitting):
        return False  # compatible() compared the named time points
    for _, found in fitting:
        rival = next(
            (
                (n, b)
                for n, b in evidence_bound
                if b.sentence == found.sentence
                and b.timepoint is not None
                and b.timepoint != LATEST
                and not is_date(b.timepoint)
                and same_point(mine, b)
                and not same_value(value, b.value)
                and (
                    b.attribute is None or found.attribute is None or b.attribute == found.attribute
                )
                and (mine.attribute is None or b.attribute is None or b.attribute == mine.attribute)
            ),
            None,
        )
        if rival is None:
            continue
        n, other = rival
        check.add(
            "misattributed_value",
            value.raw,
            f"'{value.raw}' is in the cited passage, but not as {describe(mine)}: there that is"
            f" '{other.value.raw}': \"{quoted(other.sentence)}\"",
            value.start,
            quote=quoted(other.sentence),
            passage=n,
        )
        return True
    return False


def check_latest(
    check: SentenceCheck,
    value: Value,
    mine: Bound,
    fitting: Sequence[tuple[int, Bound]],
    evidence_bound: Sequence[tuple[int, Bound]],
) -> None:
    """A value the sentence gives as the latest ("her most recent HbA1c was 7.6%") while the
    cited passages give a later value of the same thing is misattributed."""
    evidence = [b for _, b in evidence_bound]
    later = [(found, superseded(mine, found, evidence)) for _, found in fitting]
    if any(newer is None for _, newer in later):
        return  # the value is (also) given where nothing later follows it
    found, newer = later[0]
    assert newer is not None
    check.add(
        "misattributed_value",
        value.raw,
        f"'{value.raw}' is in the cited passage as {describe(found)}, but it is not the latest:"
        f" the cited passages give {describe(newer)} as '{newer.value.raw}':"
        f' "{quoted(newer.sentence)}"',
        value.start,
        quote=quoted(newer.sentence),
        passage=next(m for m, b in evidence_bound if b is newer),
    )


def of_another_measure(
    value: Value, mine: Bound | None, evidence_bound: Sequence[tuple[int, Bound]]
) -> tuple[int, Bound] | None:
    """The cited passages' number of ``value``, in another unit and bound to another measure
    than the sentence's, where they hold ``value`` itself nowhere (CI stop 59: a lab export's
    units row makes the Hb's cell "116 g/L", and "the potassium ... was 116 mmol/L" was
    flagged as a number absent from the passage instead of as the Hb's value). Only a flag
    already due changes its kind: (passage, bound) to name the measure; None otherwise."""
    if mine is None or mine.attribute is None or value.kind != "number" or value.unit is None:
        return None
    return next(
        (
            (n, b)
            for n, b in evidence_bound
            if b.value.kind == "number"
            and b.value.canonical == value.canonical
            and b.attribute is not None
            and b.attribute != mine.attribute
        ),
        None,
    )
