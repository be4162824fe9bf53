"""Whether a sentence's bound value may be a passage's: same attribute, side and time point
(``compatible``), which time point is later and whether a value is superseded, and how a flag
describes a passage's binding."""

from __future__ import annotations

import re
from functools import lru_cache

from medlocal.rag.binding import Bound, bind
from medlocal.rag.reference_ranges import REFERENCE_RANGE
from medlocal.rag.unlisted_tests import may_be_one_test, written_test
from medlocal.values import Value, dates_agree, extract_values, quantity, readable_date

# Units that say what was measured where the sentence names nothing: "a rate of 148 bpm".
_UNIT_ATTRIBUTES = {"bpm": "heart rate", "°c": "temperature", "°f": "temperature"}


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
    if (
        attribute
        and other.attribute
        and attribute != other.attribute
        and not may_be_one_test(attribute, other.attribute)
    ):
        return False
    if (other.attribute == REFERENCE_RANGE) != (attribute == REFERENCE_RANGE):
        return False  # a range's limit is no result, nor a result a limit
    if mine.limit_side and other.limit_side and mine.limit_side != other.limit_side:
        return False  # "the upper limit of 3.5" against a range's lower limit 3.5
    if mine.side and other.side and mine.side != other.side:
        return False  # "the left kidney 11.2 cm" against "L 10.8 cm, R 11.2 cm"
    # A limit's time point is read from the words around it, which in a passage are often the
    # next result's ("Fasting glucose 5.3 (ref < 5.1) H 1 h glucose 9.6"): limits are not
    # compared by time point (round 8).
    limits = attribute == REFERENCE_RANGE
    if mine.timepoint and other.timepoint and not limits and not _may_coincide(mine, other):
        return False
    if mine.value.unit and not other.value.unit and mine.value.unit not in ("%",):
        return (bool(attribute) and attribute == other.attribute) or read_in_unit(mine, other)
    return True


def read_in_unit(mine: Bound, other: Bound) -> bool:
    """Whether the passage's bare number ``other`` may be read in the unit of the sentence's
    ``mine``: its sentence gives another value in that unit (``unit_beside``), and that value is
    not the measure's own. "He is 71, weight 84 kg" gives the weight in kg as 84, so its 71 is
    no weight (walk 51b: "71 kg weight" passed on the age); "fasting 98, 1 h 192 mg/dL" gives
    no other measure the unit, so 98 is read in mg/dL."""
    if not unit_beside(mine.value, other.sentence):
        return False
    attribute = mine.attribute or _UNIT_ATTRIBUTES.get(mine.value.unit or "")
    unit = quantity(mine.value)[1]
    return not any(
        b.attribute is not None
        and b.attribute != other.attribute
        and (attribute is None or b.attribute == attribute)
        and b.value.unit is not None
        and quantity(b.value)[1] == unit
        and b.value.canonical != other.value.canonical
        for b in _bound(other.sentence)
    )


@lru_cache(maxsize=1024)
def _bound(sentence: str) -> tuple[Bound, ...]:
    """The bound values of a passage's sentence (read once per sentence: a passage's sentence
    is compared with many of an answer's values)."""
    return tuple(bind(sentence))


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


def _elapsed_said(point: str) -> str:
    """A time after a start as a flag names it ("hour 02": "at 2 h", "minute 000030": "at 30
    min"); another named point as it is keyed."""
    unit, _, count = point.partition(" ")
    if unit in ("hour", "minute") and count.isdigit():
        return f"at {int(count)} {'h' if unit == 'hour' else 'min'}"
    return point


def describe(bound: Bound) -> str:
    """How the passage binds a value, for a flag: "the hemoglobin on admission"."""
    attribute = bound.attribute
    if attribute == REFERENCE_RANGE:
        # A range's limit is no result of a day: "the sodium reference range" (walk 41 read
        # "'146' ... the reference range on 2026-07-18" and, before, "the sodium").
        measure = bound.range_of
        limit = f"'s {bound.limit_side} limit" if bound.limit_side else ""
        if not measure:
            return f"a {REFERENCE_RANGE}{limit}"
        named = _NAMED.get(measure, written_test(measure)).removeprefix("the ")
        return f"the {named} {REFERENCE_RANGE}{limit}"
    parts = [_NAMED.get(attribute, f"the {written_test(attribute)}") if attribute else "a value"]
    if bound.timepoint:
        point = bound.timepoint
        # A date reads "on 2026-11-08", one without its year "on 8 Nov", never "--11-08".
        dated = is_date(point)
        # A date read either way round is named as the passage writes it ("on 09/03/2024").
        written = bound.written_date or readable_date(point)
        if dated:
            parts.append(f"in {point}" if len(point) == 4 else f"on {written}")
        else:
            parts.append(_SAID.get(point) or _elapsed_said(point))
    elif not bound.attribute:
        parts = ["something else"]
    return " ".join(parts)
