"""review58b: a long lab export read as one sentence ("Date,Test,Result,Unit" rows, no full stop)
is bound in linear time. Each value's clause, time point, trend and row name were searched for
from the sentence's start: 200 rows took ~11x the time of 50 (ground58's report), and a
clinician's long export would hold up the answer checks."""

from __future__ import annotations

from fixtures.timing import assert_linear

from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground

_TESTS = [("Potassium", "mmol/L"), ("Sodium", "mmol/L"), ("Creatinine", "umol/L"), ("Hb", "g/L")]


def export(rows: int) -> str:
    lines = ["Date,Test,Result,Unit"]
    for i in range(rows):
        test, unit = _TESTS[i % 4]
        lines.append(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},{test},{3 + i % 50 / 10},{unit}")
    return "\n".join(lines) + "\n"


def test_binding_a_long_export_is_linear() -> None:
    assert_linear(lambda n: bind(export(n)), 60)


def test_a_value_of_a_unit_column_takes_its_own_rows_date() -> None:
    # Its row has no comma after the unit, so its clause ran on into the next row, whose date
    # it took: the right answer was flagged ("the potassium on 2024-02-02, not ... on
    # 2024-01-01") and a wrong one passed (review58b).
    bound = {(b.value.raw, b.attribute, b.timepoint) for b in bind(export(8))}
    assert ("3.0 mmol/L", "potassium", "2024-01-01") in bound
    assert ("3.1 mmol/L", "sodium", "2024-02-02") in bound
    right = "Her potassium was 3.0 mmol/L on 1 January 2024 [1]."
    assert ground(right, {1: export(8)}).flags == []
    wrong = "Her potassium was 3.0 mmol/L on 2 February 2024 [1]."
    assert [f.kind for f in ground(wrong, {1: export(8)}).flags] == ["misattributed_value"]


def test_a_trend_and_its_clauses_are_read_as_before() -> None:
    # The clause breaks are found once per text now; a "to" ends a trend's start only after a
    # "from", and a value after "between ... and" takes the range's last date.
    text = "Her eGFR has declined from 24 in March to 18 in September."
    bound = {(b.value.raw, b.attribute) for b in bind(text)}
    assert {("24", "egfr"), ("18", "egfr")} <= bound
    hb = [
        b
        for b in bind("Hb fell from 112 to 98 between 4/19/2024 and 4/22/2024.")
        if b.value.raw == "98"
    ]
    assert hb and hb[0].timepoint == "2024-04-22"
