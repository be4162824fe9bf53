"""review56a: CSV/TSV tables read under their header row (table55/table56), probed as a lab
export is written. Each case here was a claim the passage contradicts that passed the checks on
main 6c52c115 while c471fa70 (before the table work) flagged it (promise 3: grounded)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.timing import assert_linear

from medlocal.delimited_tables import delimited_tables
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.value_tables import delimited_cells, range_limit_cells
from medlocal.values import extract_values


def kinds(answer: str, passage: str) -> set[str]:
    return {f.kind for f in ground(answer, {1: passage}).flags}


def messages(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags]


WRONG = {"misattributed_value", "unverified_number"}

# ---- a second header row with no blank line above it opens the file's next table --------------

TWO_TABLES = (
    "Date,Hb,K\n2024-03-02,98,4.2\n2024-03-09,101,5.6\n"
    "Date,Na,Creat\n2024-03-02,139,88\n2024-03-09,137,92\n"
)


def test_a_header_row_under_rows_opens_a_new_table() -> None:
    tables = delimited_tables(TWO_TABLES)
    assert [t.heading(TWO_TABLES) for t in tables] == ["Date,Hb,K", "Date,Na,Creat"]


@pytest.mark.parametrize(
    "answer",
    [
        "Her haemoglobin was 139 on 2 March 2024 [1].",  # 139 is the sodium
        "Her potassium was 88 on 2 March 2024 [1].",  # 88 is the creatinine
    ],
)
def test_a_second_table_s_values_are_not_read_under_the_first_header(answer: str) -> None:
    assert kinds(answer, TWO_TABLES) & WRONG, answer


@pytest.mark.parametrize(
    "answer",
    ["Her sodium was 139 on 2 March 2024 [1].", "Her creatinine was 92 on 9 March 2024 [1]."],
)
def test_a_second_table_s_values_are_read_under_its_own_header(answer: str) -> None:
    assert not kinds(answer, TWO_TABLES) & WRONG, messages(answer, TWO_TABLES)


def test_a_repeated_header_mid_file_changes_nothing() -> None:
    text = "Date,Hb,K\n2024-03-02,98,4.2\nDate,Hb,K\n2024-03-16,99,3.9\n"
    assert not kinds("Her potassium was 3.9 on 16 March 2024 [1].", text) & WRONG
    assert kinds("Her potassium was 99 on 16 March 2024 [1].", text) & WRONG


@pytest.mark.parametrize(
    "row", ["not done,not done,not done", ",haemolysed,haemolysed", "Comment,see note,see note"]
)
def test_a_row_of_words_inside_a_table_keeps_the_rows_under_it_in_their_columns(row: str) -> None:
    text = f"Date,Hb,K\n2024-03-02,98,4.2\n{row}\n2024-03-09,101,5.6\n"
    assert len(delimited_tables(text)) == 1
    assert kinds("Her potassium was 101 on 9 March 2024 [1].", text) & WRONG
    assert not kinds("Her potassium was 5.6 on 9 March 2024 [1].", text) & WRONG


# ---- a wide table with a free-text column is still read by its columns ------------------------

COMMENTED = "Date,Hb,K,Comment\n2024-03-02,98,4.2,K 5.9 on repeat\n"


def test_a_comment_that_names_a_measure_does_not_make_a_wide_table_long_form() -> None:
    assert kinds("Her potassium was 98 on 2 March 2024 [1].", COMMENTED) & WRONG
    assert not kinds("Her potassium was 4.2 on 2 March 2024 [1].", COMMENTED) & WRONG


# ---- a unit written in the header belongs to the column's cells -------------------------------

UNITS_IN_HEADER = (
    "Date,K (mmol/L),Na (mmol/L),Hb (g/L)\n2024-03-02,4.2,139,98\n2024-03-09,5.6,137,101\n"
)
UNITS_ROW = "Date,Hb,K\n,g/L,mmol/L\n2024-03-02,98,4.2\n"
HBA1C = "Date,HbA1c (mmol/mol),HbA1c [%]\n2024-03-02,58,7.5\n"


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her potassium was 4.2 g/L on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her potassium was 5.6 mg/dL on 9 March 2024 [1].", UNITS_IN_HEADER),
        ("Her haemoglobin was 98 mmol/L on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her potassium was 4.2 g/L [1].", UNITS_ROW),
        ("Her haemoglobin was 98 mmol/L [1].", UNITS_ROW),
        ("Her HbA1c was 58% [1].", HBA1C),
        ("Her HbA1c was 7.5 mmol/mol [1].", HBA1C),
    ],
)
def test_a_value_in_another_unit_than_its_column_s_is_flagged(answer: str, passage: str) -> None:
    assert "unverified_number" in kinds(answer, passage), messages(answer, passage)


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her potassium was 4.2 mmol/L on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her potassium was 4.2 on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her haemoglobin was 98 g/L on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her haemoglobin was 9.8 g/dL on 2 March 2024 [1].", UNITS_IN_HEADER),
        ("Her potassium was 4.2 mmol/L [1].", UNITS_ROW),
        ("Her HbA1c was 58 mmol/mol [1].", HBA1C),
        ("Her HbA1c was 7.5% [1].", HBA1C),
    ],
)
def test_a_value_in_its_column_s_unit_passes(answer: str, passage: str) -> None:
    assert not kinds(answer, passage) & WRONG, messages(answer, passage)


def test_the_wrong_unit_message_names_the_column_s_unit() -> None:
    found = messages("Her potassium was 4.2 g/L on 2 March 2024 [1].", UNITS_IN_HEADER)
    assert any("gives 4.2 in mmol/l" in m.lower() for m in found), found


# ---- a semicolon table's decimal commas are the cited answer's habit --------------------------

SEMICOLON = "Datum;Hb;Kalium\n02.03.2024;9,8;4,2\n09.03.2024;10,1;5,6\n"


@pytest.mark.parametrize(
    "answer", ["Kalium 4,2 am 02.03.2024 [1].", "Hb 10,1 am 09.03.2024 [1].", "Kalium 5,6 [1]."]
)
def test_an_answer_copying_a_semicolon_table_s_decimal_commas_passes(answer: str) -> None:
    assert not kinds(answer, SEMICOLON) & WRONG, messages(answer, SEMICOLON)


def test_a_wrong_decimal_comma_value_is_still_flagged() -> None:
    assert kinds("Kalium 9,8 am 02.03.2024 [1].", SEMICOLON) & WRONG
    assert kinds("Kalium 4,2 am 09.03.2024 [1].", SEMICOLON) & WRONG


# ---- a long-form table's range-limit columns (F5, mended) -------------------------------------

LIMITS = "Test,Result,Unit,Low,High\nPotassium,5.9,mmol/L,3.5,5.3\nSodium,139,mmol/L,135,145\n"


@pytest.mark.parametrize("answer", ["Her potassium was 5.3 [1].", "Her sodium was 145 [1]."])
def test_a_range_limit_column_s_value_is_no_result(answer: str) -> None:
    assert kinds(answer, LIMITS) & WRONG


@pytest.mark.parametrize(
    "answer", ["Her potassium was 5.9 mmol/L [1].", "Her sodium was 139 mmol/L [1].",
               "Her potassium was high at 5.9 [1].", "Her sodium was normal [1]."],
)  # fmt: skip
def test_a_long_form_row_s_result_still_passes(answer: str) -> None:
    assert not kinds(answer, LIMITS), messages(answer, LIMITS)


@pytest.mark.parametrize(
    "answer", ["Her potassium was normal [1].", "Her sodium was high [1].",
               "Her sodium was low [1]."],
)  # fmt: skip
def test_a_claim_against_the_row_s_limit_cells_is_flagged(answer: str) -> None:
    assert kinds(answer, LIMITS) == {"range_conflict"}, messages(answer, LIMITS)


@pytest.mark.parametrize(
    "heading",
    ["Test,Result,Unit,Ref low,Ref high", "Test,Result,Unit,Lower limit,Upper limit",
     "Test,Result,Unit,LLN,ULN", "Test,Result,Unit,Min,Max", "Test,Result,Unit,Low (mmol/L),High"],
)  # fmt: skip
def test_limit_columns_are_known_however_headed(heading: str) -> None:
    passage = LIMITS.replace("Test,Result,Unit,Low,High", heading)
    assert kinds("Her potassium was 5.3 [1].", passage) & WRONG
    assert not kinds("Her potassium was 5.9 mmol/L [1].", passage)


def test_a_semicolon_table_s_limit_cells_with_decimal_commas() -> None:
    passage = "Test;Wert;Einheit;Untere Grenze;Obere Grenze\nKalium;5,9;mmol/l;3,5;5,1\n"
    assert kinds("Kalium 5,1 [1].", passage) & WRONG
    assert not kinds("Kalium 5,9 mmol/l [1].", passage)


def test_a_diary_s_min_and_max_columns_are_results() -> None:
    # No test column: "Min" and "Max" are the day's lowest and highest readings, not limits.
    diary = "Date,Glucose min,Glucose max\n2024-03-02,4.1,12.3\n2024-03-03,5.0,9.8\n"
    assert not kinds("Her glucose reached 12.3 on 2 March 2024 [1].", diary)
    diary = "Date,Min,Max\n2024-03-02,4.1,12.3\n2024-03-03,5.0,9.8\n"
    assert not kinds("Her highest reading was 12.3 on 2 March 2024 [1].", diary)


# ---- linear time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        # Many tables, each opened by a header row under the last one's rows.
        lambda n: "".join(f"Date,Hb,K\n2024-03-{1 + i % 28:02d},98,4.2\n" for i in range(n // 20)),
        # A header cell's unit in brackets after a run of blanks; a units row of long cells.
        lambda n: "Date,K (" + " " * n + "mmol/L)\n2024-03-02,4.2\n",
        lambda n: "Date,K\n," + "mmol" * (n // 4) + "\n2024-03-02,4.2\n",
        # A test column's cells with many measure names in blanks.
        lambda n: "Date,Test,Result\n" + "2024-03-02,K " + "Na " * (n // 3) + ",4.2\n" * 2,
    ],
)
def test_tables_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: extract_values(shape(n)), 5_000)
    # bind() as a whole is quadratic in a run of blanks on c471fa70 already (table55's note):
    # the part of it these tables add is guarded here.
    assert_linear(lambda n: delimited_cells(shape(n), None, False), 5_000)


@pytest.mark.parametrize(
    "shape",
    [
        # A long-form table with limit columns: every row a sentence of its own.
        lambda n: "Test,Result,Unit,Low,High\n" + "Potassium,5.9,mmol/L,3.5,5.3\n" * (n // 28),
        # A limit heading with a long bracket after it.
        lambda n: "Test,Result,Low (" + "(" * n + "\nPotassium,5.9,3.5\n" * 2,
    ],
)
def test_limit_cells_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: range_limit_cells(shape(n)), 5_000)
    assert_linear(lambda n: bind(shape(n)), 2_000)
