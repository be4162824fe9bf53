"""review57b: the lead's session-57 table reading (cumulative reports with dates across the top,
Low/High limit cells) probed with lab exports as clinicians get them."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


# ---- a cumulative report's unit: a Units column before the dates, or the test's own brackets --

UNITS_FIRST = "Test,Units,2024-03-02,2024-03-09\nPotassium,mmol/L,4.2,5.6\nHaemoglobin,g/L,98,101\n"
UNIT_IN_NAME = "Test,2024-03-02,2024-03-09\nPotassium (mmol/L),4.2,5.6\nHaemoglobin (g/L),98,101\n"
UNITS_SEMICOLON = "Test;Einheit;02.03.2024;09.03.2024\nKalium;mmol/l;4,2;5,6\nHb;g/l;98;101\n"


@pytest.mark.parametrize("passage", [UNITS_FIRST, UNIT_IN_NAME])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium on 9 March 2024 was 5.6 g/L [1].",
        "Haemoglobin on 9 March 2024 was 101 mmol/L [1].",
    ],
)
def test_a_wrong_unit_on_a_cumulative_report_is_flagged(answer: str, passage: str) -> None:
    # Before, the cell's number was bare in the passage's values and fitted any unit.
    assert kinds(answer, passage) == ["unverified_number"]


@pytest.mark.parametrize("passage", [UNITS_FIRST, UNIT_IN_NAME])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium on 9 March 2024 was 5.6 mmol/L [1].",
        "Haemoglobin on 9 March 2024 was 101 g/L [1].",
        "Potassium on 2 March 2024 was 4.2 [1].",
    ],
)
def test_the_right_unit_on_a_cumulative_report_passes(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


def test_a_german_cumulative_report_gives_its_units() -> None:
    assert kinds("Kalium am 09.03.2024 5,6 mmol/l [1].", UNITS_SEMICOLON) == []
    assert kinds("Kalium am 09.03.2024 5,6 g/l [1].", UNITS_SEMICOLON) == ["unverified_number"]


@pytest.mark.parametrize("passage", [UNITS_FIRST, UNIT_IN_NAME])
def test_the_cells_carry_their_row_s_unit(passage: str) -> None:
    read = {(v.canonical, v.unit) for v in extract_values(passage) if v.kind == "number"}
    assert {("5.6", "mmol/l"), ("101", "g/l")} <= read


def test_a_number_in_the_test_s_name_takes_no_unit() -> None:
    # "25-OH vitamin D (nmol/L)": 25 is part of the name, not a result in nmol/L.
    passage = "Test,2024-03-02,2024-03-09\n25-OH Vitamin D (nmol/L),48,52\n"
    read = [(v.canonical, v.unit) for v in extract_values(passage) if v.kind == "number"]
    assert ("48", "nmol/l") in read and ("25", "nmol/l") not in read


def test_a_table_of_results_by_column_keeps_its_header_units() -> None:
    passage = "Date,K (mmol/L),Hb (g/L)\n2024-03-02,4.2,98\n"
    read = [(v.canonical, v.unit) for v in extract_values(passage) if v.kind == "number"]
    assert read == [("4.2", "mmol/l"), ("98", "g/l")]


# ---- time: a long long-form export with Low/High columns ---------------------------------------


def test_limit_cells_are_looked_up_in_linear_time() -> None:
    from fixtures.timing import assert_linear

    from medlocal.rag.binding import bind

    def export(n: int) -> str:
        rows = "".join(f"Potassium,{4 + i % 20 / 10:.1f},mmol/L,3.5,5.3\n" for i in range(n // 29))
        return "Test,Result,Unit,Low,High\n" + rows

    assert_linear(lambda n: bind(export(n)), 6_000)


# ---- a cumulative report's reference range column ----------------------------------------------

WITH_REF = (
    "Test,Units,Ref,2024-03-02,2024-03-09\n"
    "Potassium,mmol/L,3.5-5.3,4.2,5.6\n"
    "Sodium,mmol/L,135-145,139,141\n"
    "Haemoglobin,g/L,115-165,98,101\n"
)
WITH_REF_LAST = (
    "Test,2024-03-02,2024-03-09,Reference range\n"
    "Potassium,4.2,5.6,3.5-5.3\n"
    "Haemoglobin,98,101,115-165\n"
)


@pytest.mark.parametrize("passage", [WITH_REF, WITH_REF_LAST])
@pytest.mark.parametrize(
    "answer",
    ["Her potassium was 5.3 [1].", "Her potassium was 3.5 [1].", "Her haemoglobin was 165 [1]."],
)
def test_a_range_limit_of_a_cumulative_report_is_no_result(answer: str, passage: str) -> None:
    # Before, the Ref column was read by nothing: its limits confirmed any result.
    assert kinds(answer, passage) == ["misattributed_value"]


@pytest.mark.parametrize("passage", [WITH_REF, WITH_REF_LAST])
def test_normal_of_a_result_outside_its_row_s_range_is_flagged(passage: str) -> None:
    assert kinds("Her haemoglobin on 2 March 2024 was normal [1].", passage) == ["range_conflict"]
    assert kinds("Her potassium on 9 March 2024 was low [1].", passage) == ["range_conflict"]


@pytest.mark.parametrize("passage", [WITH_REF, WITH_REF_LAST])
@pytest.mark.parametrize(
    "answer",
    [
        "Her potassium on 9 March 2024 was 5.6 mmol/L, high [1].",
        "Her potassium on 2 March 2024 was normal [1].",
        "Her haemoglobin on 9 March 2024 was low at 101 g/L [1].",
        "The potassium reference range is 3.5-5.3 mmol/L [1].",
        "Potassium on 9 March 2024 was 5.6 [1].",
    ],
)
def test_right_claims_over_a_ref_column_pass(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


# ---- a result's flag in its cell: "5.6 H" is no 5.6 hours, "131 L" no 131 litres ---------------

FLAGGED_CUMULATIVE = (
    "Test,Units,2024-03-02,2024-03-09\nPotassium,mmol/L,4.2,5.6 H\nSodium,mmol/L,139,131 L\n"
)
FLAGGED_WIDE = "Date,K (mmol/L),Na (mmol/L)\n2024-03-02,4.2,139\n2024-03-09,5.6 H,131 L\n"


@pytest.mark.parametrize("passage", [FLAGGED_CUMULATIVE, FLAGGED_WIDE])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium on 9 March 2024 was 5.6 mmol/L [1].",
        "Sodium on 9 March 2024 was 131 mmol/L [1].",
        "Potassium on 9 March 2024 was high [1].",
    ],
)
def test_a_flagged_cell_s_right_value_passes(answer: str, passage: str) -> None:
    # Before, "5.6 H" was 5.6 hours: "the cited passage gives 5.6 in H".
    assert kinds(answer, passage) == []


@pytest.mark.parametrize(
    "passage",
    [
        "Test,Units,2024-03-02,2024-03-09\n"
        "Potassium,mmol/L,5.4 H,5.6 H\nSodium,mmol/L,133 L,131 L\n",
        "Date,K (mmol/L),Na (mmol/L)\n2024-03-02,5.4 H,133 L\n2024-03-09,5.6 H,131 L\n",
    ],
)
@pytest.mark.parametrize("answer", ["Her potassium was normal [1].", "Her sodium was normal [1]."])
def test_normal_of_flagged_cells_is_flagged(answer: str, passage: str) -> None:
    # (The range check reads every value of the measure: with one unflagged, it says nothing.)
    assert "range_conflict" in kinds(answer, passage)


def test_a_cell_in_litres_keeps_its_unit() -> None:
    passage = "Date,Urine output,Weight (kg)\n2024-03-02,1.5 L,72\n"
    read = [(v.canonical, v.unit) for v in extract_values(passage) if v.kind == "number"]
    assert read == [("1.5", "l"), ("72", "kg")]


def test_a_german_cumulative_report_s_referenz_column_gives_the_range() -> None:
    passage = (
        "Test;Einheit;Referenzbereich;02.03.2024;09.03.2024\n"
        "Kalium;mmol/l;3,5-5,3;4,2;5,6\n"
        "Natrium;mmol/l;135-145;139;141\n"
    )
    assert kinds("Kalium 5,3 mmol/l [1].", passage) != []
    assert kinds("Natrium 145 [1].", passage) == ["misattributed_value"]
    assert kinds("Kalium am 09.03.2024 5,6 mmol/l [1].", passage) == []


# ---- mended in ground58 (strict xfails before) -------------------------------------------------

LOW_HIGH = "Test,Result,Unit,Low,High\nPotassium,5.9,mmol/L,3.5,5.3\n"


def test_a_limit_named_so_in_the_answer_passes() -> None:
    # Since the Low/High cells are limits (58171eb3), the answer's 5.3 was "not the potassium";
    # reference_ranges now reads "upper limit (of normal)", "ULN" as a limit's name (ground58).
    assert (
        kinds("Her potassium of 5.9 mmol/L was above the upper limit of 5.3 [1].", LOW_HIGH) == []
    )


def test_a_value_of_an_unknown_test_is_no_other_test_s() -> None:
    # Ferritin is no measured thing: its 45 bound to no measure and fitted the potassium; the
    # row's name binds it now (rag/unlisted_tests.py, ground58).
    passage = "Test,2024-03-02,2024-03-09\nFerritin,12,45\nPotassium,4.2,5.6\n"
    assert kinds("Potassium on 9 March 2024 was 45 [1].", passage) == ["misattributed_value"]


def test_a_row_s_bracketed_unit_is_read_in_linear_time() -> None:
    from fixtures.timing import assert_linear

    # A cue "(" then a run of blanks in a row's first cell (the classic trap: the bracket
    # pattern's optional blanks on both sides of its unit were quadratic, x18 for 4x).
    def cumulative(n: int) -> str:
        return "Test,2024-03-02,2024-03-09\nPotassium (" + " " * n + "x,4.2,5.6\n"

    assert_linear(lambda n: extract_values(cumulative(n)), 2_000)
