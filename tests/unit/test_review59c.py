"""review59c (review of ground59): right answers that ground59's readings flagged, and a wrong
one that passed. A viral load's thousands are no list of three loads; a deadline ("within 48
hours", "by 6 hours") dates no value; a claim of another clause and time is not the sentence
contradicting itself; a timed table's start column fits a fasting, baseline or presentation
value, and a table of ward days is no table of hours; a code written without its point in a
passage ("E119") confirms the answer's "E11.9"."""

from __future__ import annotations

import pytest

from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.values import extract_values
from tests.fixtures.timing import assert_linear


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


def numbers(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.unit) for v in extract_values(text) if v.kind == "number"]


# ---- a count's thousands are one number -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("HIV viral load 123,456,789 copies/mL", [("123456789", "copies/ml")]),
        ("HBV DNA 110,250,600 IU/mL", [("110250600", "unit/ml")]),
        ("CD4 200,350,500 cells/mm3", [("200350500", "cells/µl")]),
        ("WBC 125,250,500 /uL", [("125250500", "cells/µl")]),
        # Still lists (ground59's and other doses or results in units that are no counts).
        ("Amoxicillin 125,250,500 mg", [("125", "mg"), ("250", "mg"), ("500", "mg")]),
        ("ALT 120,130,140 IU/L", [("120", "unit/l"), ("130", "unit/l"), ("140", "unit/l")]),
        ("Na 139,141", [("139", None), ("141", None)]),
    ],
)
def test_a_count_s_thousands_are_one_number(text: str, read: list) -> None:
    assert numbers(text) == read


def test_a_part_of_a_viral_load_is_not_confirmed() -> None:
    passage = "HIV viral load 123,456,789 copies/mL on 2 March."
    assert "unverified_number" in kinds("HIV viral load 456 copies/mL [1].", passage)
    assert kinds("HIV viral load 123,456,789 copies/mL [1].", passage) == []


# ---- a deadline is no time point --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Creatinine rose to 180 within 48 hours.",
        "Within 48 h creatinine rose to 180.",
        "Lactate fell to 1.8 by 6 hours.",
        "By 6 hours lactate was 1.8.",
    ],
)
def test_a_deadline_dates_no_value(text: str) -> None:
    assert all(b.timepoint is None for b in bind(text))


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Creatinine rose to 180 within 48 hours [1].", "Creatinine 95 on admission, 180 day 3."),
        ("Lactate fell to 1.8 by 6 hours [1].", "Lactate 4.2 on arrival, 1.8 after 2 h of fluids."),
        ("Troponin rose to 45 ng/L within 3 hours [1].", "Troponin 12 ng/L at 0 h, 45 ng/L 2 h."),
    ],
)
def test_a_value_reached_by_a_deadline_is_not_misattributed(answer: str, passage: str) -> None:
    assert "misattributed_value" not in kinds(answer, passage)


def test_a_time_after_a_value_still_dates_it() -> None:
    # ground59's reading kept: "after 2 h", "at 3 hours".
    assert [b.timepoint for b in bind("Lactate 1.8 after 2 h of fluids.")] == ["hour 02"]
    passage = "Lactate 4.2 on arrival, 1.8 after 2 h of fluids."
    assert "misattributed_value" in kinds("Lactate 1.8 after 4 h [1].", passage)


# ---- a claim of another clause and time ---------------------------------------------------------

ADMITTED = "Potassium 5.9 mmol/L (3.5-5.3) on admission, 4.5 on discharge."


@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 5.9 mmol/L (3.5-5.3) on admission; normal on discharge [1].",
        "Potassium 5.9 mmol/L on admission; normal on discharge [1].",
        "Potassium was 5.9 mmol/L; normal now [1].",
    ],
)
def test_a_claim_of_a_later_time_is_not_the_earlier_value_s(answer: str) -> None:
    assert "range_conflict" not in kinds(answer, ADMITTED)


@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 5.9 mmol/L (3.5-5.3), normal [1].",
        "Potassium 5.9 mmol/L (3.5-5.3): normal [1].",
        "A normal potassium of 5.9 mmol/L (3.5-5.3) [1].",
        "Potassium was 5.9 mmol/L on admission, which is normal [1].",
        "Potassium was 5.9 mmol/L on admission; normal on admission [1].",
    ],
)
def test_a_claim_of_the_same_value_is_still_flagged(answer: str) -> None:
    assert "range_conflict" in kinds(answer, ADMITTED)


# ---- the start column of a timed table; a table of days ------------------------------------------

OGTT = "Time,0,30,60,120\nGlucose,4.8,9.1,8.0,6.0\n"


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Fasting glucose 4.8 [1].", OGTT),
        ("Glucose 4.8 fasting [1].", OGTT),
        ("Baseline glucose 4.8 [1].", "Time,Fasting,30,60,120\nGlucose,4.8,9.1,8.0,6.0\n"),
        ("Fasting glucose 4.8 [1].", "Time,Baseline,30,60,120\nGlucose,4.8,9.1,8.0,6.0\n"),
        ("Troponin 12 on arrival [1].", "Hours,0,3,6\nTroponin,12,45,50\n"),
    ],
)
def test_the_start_column_fits_a_value_before_the_start(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


def test_later_columns_are_still_checked() -> None:
    assert "misattributed_value" in kinds("Fasting glucose 6.0 [1].", OGTT)
    assert "misattributed_value" in kinds("Glucose at 60 minutes was 6.0 [1].", OGTT)


def test_a_table_of_days_is_no_table_of_hours() -> None:
    passage = "Day,1,2,3\nCreatinine,95,120,180\n"
    assert all(b.timepoint is None for b in bind(passage))
    assert "misattributed_value" not in kinds("Creatinine was 180 at 48 hours [1].", passage)


# ---- a code written without its point ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Type 2 diabetes (E11.9) [1].", "Diagnosis: type 2 diabetes mellitus, E119."),
        ("Pneumonia, coded J18.9 [1].", "Pneumonia J189"),
        ("CKD, coded N18 [1].", "CKD stage 3a N1831"),
        ("MI, Read code G30 [1].", "MI (G30..)"),
    ],
)
def test_a_code_without_its_point_in_the_passage_confirms(answer: str, passage: str) -> None:
    assert "unverified_number" not in kinds(answer, passage)


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Type 2 diabetes (E11.9) [1].", "Diagnosis: type 2 diabetes mellitus, E118."),
        ("Type 2 diabetes (E11.9) [1].", "Problem list: T2DM (E11)."),
        ("Pneumonia, coded J18.9 [1].", "Pneumonia J18"),
    ],
)
def test_another_code_without_its_point_is_still_flagged(answer: str, passage: str) -> None:
    assert "unverified_number" in kinds(answer, passage)


def test_reading_undotted_codes_is_linear() -> None:
    def run(n: int) -> None:
        text = " ".join(f"E{10 + i % 80}{i % 10} I21.{i % 10}" for i in range(n))
        ground("Coded E11.9 [1].", {1: text})

    assert_linear(run, 300)


# ---- a list of years --------------------------------------------------------------------------

YEARLY = "Test,2022,2023\nHbA1c,62,58\n"


@pytest.mark.parametrize(
    "answer",
    [
        "HbA1c in 2022 and 2023 was 62 and 58 [1].",
        "HbA1c in 2022, 2023 was 62, 58 [1].",
        "HbA1c was 62 in 2022 and 58 in 2023 [1].",
    ],
)
def test_values_of_a_list_of_years_pass(answer: str) -> None:
    assert kinds(answer, YEARLY) == []


def test_a_value_of_the_wrong_year_is_still_flagged() -> None:
    assert "misattributed_value" in kinds("HbA1c in 2022 was 58 [1].", YEARLY)


# ---- left: Markdown pipe tables are no tables -------------------------------------------------

MD_OGTT = "| Time | 0 | 30 | 60 | 120 |\n|---|---|---|---|---|\n| Glucose | 4.8 | 9.1 | 8.0 | 6.0 |"
MD_YEARLY = "| Test | 2022 | 2023 |\n| --- | --- | --- |\n| HbA1c | 62 | 58 |\n"


@pytest.mark.xfail(
    strict=True,
    reason="Markdown pipe tables with a time-point header are not read as such (ground59 and "
    "review59c left; ground61 reads pipe tables with a header of years): the value at another "
    "column's time is not compared (main flagged it, for its '60 minutes', as 'something else')",
)
def test_a_value_at_another_column_of_a_markdown_table_is_flagged() -> None:
    assert "misattributed_value" in kinds("Glucose at 60 minutes was 6.0 [1].", MD_OGTT)


def test_a_value_at_another_year_of_a_markdown_table_is_flagged() -> None:
    # Mended in ground61 (a strict xfail before): a pipe table is a delimited table.
    assert "misattributed_value" in kinds("HbA1c was 62 in 2023 [1].", MD_YEARLY)
    assert kinds("HbA1c was 58 in 2023 [1].", MD_YEARLY) == []


# ---- a Range column beside no results column is what was measured ------------------------------

DIARY = "Date,Test,Range,Mean\n2024-03-01,Glucose,5.1-9.8,7.2\n2024-03-02,Glucose,4.8-11.2,7.9\n"


@pytest.mark.parametrize(
    "answer",
    [
        "Glucose ranged 5.1-9.8 on 1 March [1].",
        "Glucose was up to 9.8 on 1 March [1].",
        "Mean glucose 7.2 on 1 March [1].",
    ],
)
def test_a_measured_range_is_no_reference_range(answer: str) -> None:
    assert kinds(answer, DIARY) == []


def test_a_range_column_beside_results_still_holds_limits() -> None:
    passage = "Test,Result,Unit,Range,Flag\nPotassium,5.9,mmol/L,3.5-5.3,H\n"
    assert "misattributed_value" in kinds("Potassium was 5.3 [1].", passage)
    assert kinds("Potassium 5.9 mmol/L (3.5-5.3) [1].", passage) == []
