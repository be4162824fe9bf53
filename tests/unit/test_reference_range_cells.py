"""A lab table's reference cell ("PTH  88  ng/L  15-65  H") holds a range, not results: its
bounds are not flagged as another test's values, a result taken from one is named "the ...
reference range", and one sentence's many problems are listed once each (walk 41, item 7:
"'65' ... there it is the sodium on 2026-08-29", ~20 such flags on one sentence)."""

from __future__ import annotations

from medlocal.rag.binding import bind
from medlocal.rag.flags import Flag, grouped_flags
from medlocal.rag.grounding import ground
from medlocal.rag.reference_ranges import REFERENCE_RANGE, reference_limits
from medlocal.values import extract_values

TABLE = (
    "02/06/2026  Albumin         38      g/L            35-50\n"
    "18/07/2026  Sodium          138     mmol/L         133-146\n"
    "18/07/2026  Creatinine      121     umol/L         45-84      H\n"
    "18/07/2026  eGFR (CKD-EPI)  38      mL/min/1.73m2  >60        L\n"
    "18/07/2026  PTH             88      ng/L           15-65      H\n"
    "29/08/2026  Sodium          137     mmol/L         133-146\n"
)
# The rows as a model copies them into an answer, with a day the table does not give.
COPIED = (
    "18/07/2026  PTH             88      ng/L           15-65      H\n"
    "19/07/2026  Sodium          137     mmol/L         133-146    L\n"
    "19/07/2026  Creatinine      121     umol/L        45-84    L\n"
    "19/07/2026  eGFR (CKD-EPI)  38      mL/min/1.73m2  >60        L [1]."
)


def _messages(answer: str) -> list[str]:
    return [f.message for f in ground(answer, {1: TABLE}).flags]


def test_the_reference_cell_of_a_table_row_is_a_range() -> None:
    limits = reference_limits(TABLE)
    for lo, hi in (("35", "50"), ("133", "146"), ("45", "84"), ("15", "65")):
        at = TABLE.index(f" {lo}-{hi}") + 1
        assert {at, at + len(lo) + 1} <= limits, (lo, hi)
    assert TABLE.index(">60") in limits
    # the results are not
    assert TABLE.index("138") not in limits and TABLE.index("88 ") not in limits


def test_prose_after_a_value_is_no_reference_range() -> None:
    text = "Hb 9 g/dL 2-3 days ago, then 11 g/dL."
    assert not reference_limits(text)


def test_the_body_surface_area_of_a_unit_is_no_number() -> None:
    raws = [v.raw for v in extract_values("eGFR (CKD-EPI)  38      mL/min/1.73m2  >60  L")]
    assert "1.73" not in raws and "38" in raws
    assert [v.unit for v in extract_values("eGFR 38 mL/min/1.73m2")] == ["ml/min/1.73m2"]


def test_copied_range_bounds_are_not_flagged_as_results() -> None:
    said = " ".join(_messages(COPIED))
    for bound in ("'65'", "'15'", "'133'", "'146'", "'45'", "'84'", "'>60'", "'1.73'"):
        assert bound not in said, bound
    # Negative: the day the table does not give is still flagged.
    assert "'19/07/2026' does not appear" in said


def test_a_result_taken_from_a_range_is_named_as_that_range() -> None:
    said = " ".join(_messages("Her latest sodium was 146 mmol/L [1]."))
    assert "the sodium reference range" in said
    said = " ".join(_messages("Her PTH was 65 ng/L [1]."))
    assert "the pth reference range" in said and "sodium" not in said


def test_a_range_bound_names_the_test_of_its_own_row() -> None:
    bounds = {b.value.raw: b for b in bind(TABLE) if b.attribute == REFERENCE_RANGE}
    assert bounds["65"].range_of == "pth"
    assert bounds[">60"].range_of == "egfr"


def test_one_sentence_lists_a_problem_once_and_one_label_per_kind() -> None:
    flags = [
        Flag(0, "unverified_number", "x", "date '19/07' does not appear", 0, 10),
        Flag(0, "unverified_number", "x", "date '19/07' does not appear", 0, 10),
        Flag(0, "unverified_number", "y", "number '5.4' does not appear", 0, 10),
        Flag(0, "misattributed_value", "z", "'38' is the albumin", 0, 10),
    ]
    (merged,) = grouped_flags(flags)
    assert merged.message == (
        "unverified number (2): date '19/07' does not appear; number '5.4' does not appear;"
        " misattributed value: '38' is the albumin"
    )
