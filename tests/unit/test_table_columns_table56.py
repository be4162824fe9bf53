"""Session 56, left by table55 and review55c: a CSV's Range column holds the limits of its row's
range, never a result ("Her sodium was 145 [1]" passed over "Sodium,139,mmol/L,135-145"), and
"WCC" names the white cell count (its column bound no measure)."""

from __future__ import annotations

import pytest

from medlocal.measured_things import find_measures
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.value_tables import range_column_cells

COMMA = (
    "Test,Result,Units,Range\n"
    "Potassium,4.1,mmol/L,3.5-5.0\n"
    "Sodium,139,mmol/L,135-145\n"
    "Creatinine,88,umol/L,45-90\n"
)
HEADED = (
    "Date,Test,Result,Units,Reference range (adult)\n"
    "30/11/2026,Potassium,4.1,mmol/L,3.5-5.0\n"
    "30/11/2026,Sodium,139,mmol/L,135-145\n"
)
WIDE = "Date,Hb,WCC,Plt,Na\n2024-03-02,98,7.1,250,139\n2024-03-09,101,11.4,262,137\n"


def checked(answer: str, passage: str) -> set[str]:
    kinds = {"misattributed_value", "unverified_number"}
    return {str(f.kind) for f in ground(answer, {1: passage}).flags} & kinds


@pytest.mark.parametrize(
    "answer",
    [
        "Her sodium was 145 [1].",
        "Her sodium was 145 mmol/L [1].",
        "Her potassium was 5.0 [1].",
        "Her creatinine was 90 umol/L [1].",
        "Her potassium was 3.5 mmol/L [1].",
    ],
)
@pytest.mark.parametrize("passage", [COMMA, HEADED])
def test_a_range_column_s_limit_is_no_result(answer: str, passage: str) -> None:
    assert checked(answer, passage), answer


@pytest.mark.parametrize(
    "answer",
    ["Her sodium was 139 mmol/L [1].", "Her potassium was 4.1 [1].", "Sodium 139 [1]."],
)
@pytest.mark.parametrize("passage", [COMMA, HEADED])
def test_a_result_beside_its_range_passes(answer: str, passage: str) -> None:
    assert not checked(answer, passage), answer


def test_the_range_limits_are_bound_to_their_row_s_test() -> None:
    limits = {b.value.canonical: b for b in bind(COMMA) if b.range_of}
    assert limits["145"].range_of == "sodium"
    assert limits["5"].range_of == "potassium"
    assert not limits.get("139")


def test_only_a_column_headed_as_the_range_is_one() -> None:
    # A column of ranges that are the values themselves ("Target") is no reference range.
    assert range_column_cells("Drug,Target\nWarfarin INR,2-3\nTacrolimus,5-8\n") == []
    assert len(range_column_cells(COMMA)) == 3


def test_wcc_names_the_white_cell_count() -> None:
    assert [m[2] for m in find_measures("WCC 11.4, Hb 101")] == ["wbc", "hemoglobin"]
    assert not checked("Her WCC was 11.4 on 9 March 2024 [1].", WIDE)
    assert not checked("Her white cell count was 7.1 on 2 March 2024 [1].", WIDE)
    assert "misattributed_value" in checked(
        "Her white cell count was 250 on 2 March 2024 [1].", WIDE
    )
