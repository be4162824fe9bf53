"""ground59: numbers read as what they are. A time after a start ("at 120 minutes", "30 min",
"after 2 h") is a time point, not a result; a header of years, months or times heads its
columns and an answer's year or time is checked against the column's; thousands-shaped lists
("125,250,500 mg", "Na 139,141") are results; a named limit has a side; a claim of normal that
the answer's own range contradicts is flagged."""

from __future__ import annotations

import pytest

from medlocal.delimited_tables import delimited_tables, header_times, heads_dates
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


def numbers(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.unit) for v in extract_values(text) if v.kind == "number"]


# ---- 1. a time after a start is a time point --------------------------------------------------

OGTT = "Time,0,30,60,120\nGlucose,4.8,9.1,8.0,6.0\n"
OGTT_PROSE = "OGTT: glucose 4.8 fasting, 9.1 at 60 minutes, 6.0 at 120 minutes."
TROPONIN = "Troponin 12 ng/L on arrival, 45 ng/L at 3 hours."
LACTATE = "Lactate 4.2 on arrival, 1.8 after 2 h of fluids."
SYNACTHEN = "Synacthen test: cortisol 0 min 210, 30 min 550 nmol/L."


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Glucose at 120 minutes was 6.0 [1].", OGTT),
        ("Glucose at 120 minutes was 6.0 [1].", OGTT_PROSE),
        ("Glucose was 9.1 at 60 min [1].", OGTT_PROSE),
        ("Troponin at 3 hours 45 ng/L [1].", TROPONIN),
        ("Troponin was 45 ng/L by 3 hours [1].", TROPONIN),
        ("Lactate after 2 h 1.8 [1].", LACTATE),
        ("Cortisol 30 min 550 [1].", SYNACTHEN),
        ("Cortisol at 30 min was 550 nmol/L [1].", SYNACTHEN),
    ],
)
def test_a_result_at_its_time_passes(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Glucose at 60 minutes was 6.0 [1].", OGTT),
        ("Glucose was 9.1 mmol/L at 60 min [1].", OGTT),
        ("Glucose at 60 minutes was 6.0 [1].", OGTT_PROSE),
        ("Troponin at 6 hours 45 ng/L [1].", TROPONIN),
        ("Lactate after 4 h 1.8 [1].", LACTATE),
    ],
)
def test_a_result_at_another_time_is_flagged(answer: str, passage: str) -> None:
    assert "misattributed_value" in kinds(answer, passage)


def test_the_time_is_no_result_of_the_test() -> None:
    # Main bound "120 minutes" as a glucose value.
    bound = {
        (b.value.raw, b.attribute, b.timepoint) for b in bind("Glucose at 120 minutes was 6.0.")
    }
    assert bound == {("6.0", "glucose", "hour 02")}


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Lactate 1.8 after 2 h of fluids.", "hour 02"),
        # A deadline ("within 3 hours") dates no value (review59c): test_review59c.py.
        ("Troponin 45 ng/L at 3 hours.", "hour 03"),
        ("Cortisol 30 min 550.", "minute 000030"),
        ("Glucose at 90 minutes was 7.1.", "minute 000090"),
    ],
)
def test_times_after_a_start_are_keyed_alike(text: str, point: str) -> None:
    assert [
        b.timepoint for b in bind(text) if b.value.canonical in ("1.8", "45", "550", "7.1")
    ] == [point]


@pytest.mark.parametrize(
    "text",
    [
        "Infused over 30 minutes 500 mL.",  # a duration
        "Walked for 6 minutes 400 m.",
    ],
)
def test_a_duration_is_no_time_point(text: str) -> None:
    assert all(b.timepoint is None for b in bind(text))


def test_a_flag_names_the_time_readably() -> None:
    (flag,) = ground("Glucose at 60 minutes was 6.0 [1].", {1: OGTT}).flags
    assert "the glucose at 2 h, not the glucose at 1 h" in flag.message


# ---- 2. headers of years, months and times ----------------------------------------------------

YEARS = "Test,2022,2023,2024\nHbA1c,58,52,55\nWeight,80,82,85\n"
MONTHS = "Test,Mar 2024,Jun 2024,Sep 2024\nHbA1c,58,52,55\n"


@pytest.mark.parametrize(
    ("header", "heads"),
    [
        ("Test,2022,2023,2024", True),
        ("Test,2024,2023,2022", True),
        (",2022,2023", True),
        ("Test,Mar 2024,Jun 2024", True),
        ("Test,Mar-24,Jun-24", True),
        ("Test,03/2024,06/2024", True),
        ("Test,2024-03,2024-06", True),
        ("Admissions,2021,2045,2100", False),  # a row of counts, no run of years
        ("Test,2022,2022,2023", False),
        ("Na,139,141,143", False),
    ],
)
def test_a_header_of_years_or_months(header: str, heads: bool) -> None:
    text = header + "\n"
    assert heads_dates(text, (0, len(header)), ",") is heads


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("HbA1c was 52 in 2023 [1].", False),
        ("HbA1c was 58 in 2022 [1].", False),
        ("In 2024 her weight was 85 kg [1].", False),
        ("HbA1c was 58 in 2023 [1].", True),
        ("In 2023 her weight was 85 kg [1].", True),
        ("During 2022 her HbA1c was 55 [1].", True),
    ],
)
def test_a_result_is_checked_against_its_year(answer: str, flagged: bool) -> None:
    assert bool(kinds(answer, YEARS)) is flagged


def test_a_result_is_checked_against_its_month() -> None:
    assert kinds("In June 2024 her HbA1c was 52 [1].", MONTHS) == []
    assert kinds("In June 2024 her HbA1c was 58 [1].", MONTHS) != []


def test_a_year_flag_names_the_years() -> None:
    (flag,) = ground("HbA1c was 58 in 2023 [1].", {1: YEARS}).flags
    assert "the hba1c in 2022, not the hba1c in 2023" in flag.message


def test_a_year_with_a_unit_is_a_quantity() -> None:
    assert [b.value.canonical for b in bind("Fluid intake in 2000 mL.")] == ["2000"]


@pytest.mark.parametrize(
    ("header", "times"),
    [
        ("Time,-15,0,30,60,120", [None, -15.0, None, 30.0, 60.0, 120.0]),
        ("Time,Baseline,30,60", [None, "baseline", 30.0, 60.0]),
        ("Test,Fasting,1 h,2 h", [None, "fasting", 60.0, 120.0]),
        ("Hours,0,1,2", [None, None, 60.0, 120.0]),
        ("Time (h),0,1,2", [None, None, 60.0, 120.0]),
    ],
)
def test_a_header_of_times_gives_each_column_its_time(header: str, times: list) -> None:
    found = header_times(header, (0, len(header)), ",")
    assert found is not None
    # the start (0) as 0.0; compared apart so that -0.0/0.0 read alike
    assert [t if t != 0 else None for t in found] == times


@pytest.mark.parametrize(
    ("passage", "right", "wrong"),
    [
        ("Time,-15,0,30,60,120\nGlucose,4.9,4.8,9.1,8.0,6.0\n", "120 minutes", "60 minutes"),
        ("Time (min),Baseline,30,60\nGlucose,4.8,9.1,6.0\n", "60 minutes", "30 minutes"),
        ("Test,Baseline,1 h,2 h\nGlucose,4.8,9.1,6.0\n", "2 hours", "1 hour"),
    ],
)
def test_ogtt_headers_starting_before_the_start_head_a_table(
    passage: str, right: str, wrong: str
) -> None:
    (table,) = delimited_tables(passage)
    assert len(table.header) == 1
    assert kinds(f"Glucose at {right} was 6.0 [1].", passage) == []
    assert "misattributed_value" in kinds(f"Glucose at {wrong} was 6.0 [1].", passage)


def test_a_baseline_column_is_the_baseline_value() -> None:
    passage = "Time (min),Baseline,30,60\nCortisol,210,550,610\n"
    assert kinds("Baseline cortisol was 210 [1].", passage) == []
    assert kinds("Baseline cortisol was 550 [1].", passage) != []


# ---- 3. thousands-shaped lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Amoxicillin 125,250,500 mg", [("125", "mg"), ("250", "mg"), ("500", "mg")]),
        ("Na 139,141", [("139", None), ("141", None)]),
        ("Sodium was 139,141 on repeat", [("139", None), ("141", None)]),
        ("Hb 120,130,140", [("120", None), ("130", None), ("140", None)]),
        # thousands stay thousands
        ("Cost 125,250,500", [("125250500", None)]),
        ("1,250,500 mL", [("1250500", "ml")]),
        ("Plt 150,000", [("150000", None)]),
        ("WBC 11,000", [("11000", None)]),
        ("Sodium 135,000", [("135000", None)]),
        ("2,000,000 IU", [("2000000", "unit")]),
        ("Fluids 2,500 mL", [("2500", "ml")]),
    ],
)
def test_thousands_shaped_results(text: str, read: list[tuple[str, str | None]]) -> None:
    assert numbers(text) == read


def test_two_sodiums_in_prose_are_confirmed() -> None:
    passage = "Na 139,141 on consecutive days."
    assert kinds("Sodium was 141 [1].", passage) == []
    assert kinds("Sodium was 139141 [1].", passage) != []


def test_a_dose_of_a_thousands_shaped_list_is_confirmed() -> None:
    passage = "Amoxicillin suspension comes as 125,250,500 mg doses."
    assert "unverified_number" not in kinds("Amoxicillin 250 mg [1].", passage)


# ---- 4. limits with sides; an answer's own range --------------------------------------------

ROW = "Test,Result,Unit,Low,High\nPotassium,5.9,mmol/L,3.5,5.3\n"
RANGE_ROW = "Test,Result,Unit,Range,Flag\nPotassium,5.9,mmol/L,3.5-5.3,H\n"
PROSE = "Potassium 5.9 mmol/L (3.5-5.3) H"


@pytest.mark.parametrize("passage", [ROW, RANGE_ROW, PROSE])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 5.9 was above the upper limit of 5.3 [1].",
        "Potassium 5.9 was above the lower limit of 3.5 [1].",
        "Potassium 5.9 mmol/L exceeded the ULN of 5.3 [1].",
        "Potassium 5.9 mmol/L (3.5-5.3), high [1].",
        "Potassium 5.9 mmol/L, normal up to 5.3 [1].",
    ],
)
def test_a_limit_named_right_passes(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


@pytest.mark.parametrize("passage", [ROW, RANGE_ROW, PROSE])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 5.9 was above the upper limit of 3.5 [1].",
        "Potassium 5.9 was below the lower limit of 5.3 [1].",
        "Potassium 5.9 mmol/L exceeded the ULN of 3.5 [1].",
        "Kalium 5,9 mmol/l, über der Obergrenze von 3,5 [1].",
    ],
)
def test_a_limit_named_as_the_other_is_flagged(answer: str, passage: str) -> None:
    assert "misattributed_value" in kinds(answer, passage)


def test_the_other_limit_flag_names_the_sides() -> None:
    (flag,) = ground("Potassium 5.9 was above the upper limit of 3.5 [1].", {1: ROW}).flags
    assert "reference range's lower limit, not the potassium reference range's upper" in (
        flag.message
    )


@pytest.mark.parametrize("passage", [ROW, RANGE_ROW, PROSE, "Potassium 5.9 mmol/L (3.5-5.3)"])
@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 5.9 mmol/L (3.5-5.3), normal [1].",
        "Her potassium was 5.9 mmol/L (3.5-5.3), which is within the normal range [1].",
        "Sodium 128 mmol/L (133-146), unremarkable [1].",
    ],
)
def test_an_out_of_range_value_called_normal_is_flagged(answer: str, passage: str) -> None:
    if answer.startswith("Sodium"):
        passage = "Sodium 128 mmol/L (133-146)"
    assert "range_conflict" in kinds(answer, passage)


@pytest.mark.parametrize(
    "answer",
    [
        "Potassium 4.2 mmol/L (3.5-5.3), normal [1].",
        "Potassium 5.9 mmol/L (3.5-5.3), high [1].",
        "Potassium 5.9 mmol/L (3.5-5.3), abnormal [1].",
    ],
)
def test_a_claim_its_own_range_bears_out_passes(answer: str) -> None:
    passage = "Potassium 4.2 mmol/L (3.5-5.3); repeat 5.9 mmol/L (3.5-5.3) H"
    assert "range_conflict" not in kinds(answer, passage)


def test_a_range_column_of_a_long_table_holds_limits() -> None:
    # Main flagged both limits of the right answer as "something else".
    assert kinds("Potassium 5.9 mmol/L (3.5-5.3) [1].", RANGE_ROW) == []
    assert "misattributed_value" in kinds("Her potassium was 5.3 [1].", RANGE_ROW)


# ---- time stays linear ------------------------------------------------------------------------


def test_binding_a_long_timed_table_is_linear() -> None:
    from fixtures.timing import assert_linear

    def run(n: int) -> object:
        header = "Time," + ",".join(str(15 * i) for i in range(n // 10 + 2))
        rows = "\n".join(
            f"Test{i}," + ",".join(str(i + j) for j in range(n // 10 + 2)) for i in range(10)
        )
        return bind(f"{header}\n{rows}\n") and bind("Glucose at 120 minutes was 6.0. " * n)

    assert_linear(run, 60)


def test_reading_joined_figures_is_linear() -> None:
    from fixtures.timing import assert_linear

    assert_linear(lambda n: extract_values("Na 139,141 and 125,250,500 mg; " * n), 400)


def test_a_yearly_review_is_linear() -> None:
    from fixtures.timing import assert_linear

    def run(n: int) -> object:
        rows = "\n".join(f"Test{i},{i},{i + 1},{i + 2}" for i in range(n))
        return bind(f"Test,2022,2023,2024\n{rows}\nIn 2023 HbA1c was 58.\n")

    assert_linear(run, 200)


# ---- 5. diagnosis codes -----------------------------------------------------------------------

CODED = "Diagnosis: NSTEMI (I21.4). Type 2 diabetes (E11.9). CKD stage 3 (ICD-10 N18.3)."


@pytest.mark.parametrize(
    "answer",
    [
        "She was coded I21.4 for NSTEMI [1].",
        "Type 2 diabetes, E11.9 [1].",
        "CKD was coded N18 [1].",  # the category of N18.3
        "Her vitamin B12 level was checked [1].",  # no code
        "She had a T12 fracture [1].",
    ],
)
def test_a_code_the_passage_gives_passes(answer: str) -> None:
    assert "unverified_number" not in kinds(answer, CODED)


@pytest.mark.parametrize(
    "answer",
    [
        "She was coded I21.9 for NSTEMI [1].",
        "Diabetes was coded E11.65 [1].",
        "CKD stage 3 (N18.4) [1].",
        "Hypertension, ICD-10 I10 [1].",
    ],
)
def test_a_code_the_passage_does_not_give_is_flagged(answer: str) -> None:
    flags = ground(answer, {1: CODED}).flags
    assert [f.kind for f in flags if f.kind == "unverified_number"] == ["unverified_number"]
    assert "I21.4, E11.9, N18.3" in next(f.message for f in flags if f.kind == "unverified_number")


def test_no_time_key_is_a_prefix_of_another() -> None:
    # bound_comparison lets a key's prefix match it ("hour 10" would have matched "hour 100").
    from medlocal.rag.time_points import elapsed_key

    keys = {elapsed_key(m) for m in (30, 60, 90, 600, 6000, 6030, 36000, -15)}
    assert not any(a != b and a.startswith(b) for a in keys for b in keys)


# ---- probes in other wordings -----------------------------------------------------------------

GERMAN_OGTT = "oGTT: Glukose nüchtern 4,8, nach 60 Minuten 9,1, nach 120 Minuten 6,0 mmol/l."
FRENCH_OGTT = "HGPO: glycémie à jeun 4,8, à 60 min 9,1, à 120 min 6,0 mmol/l."
MINUTE_HEADER = "Test,0 min,60 min,120 min\nGlucose,5.1,11.2,8.4\n"
HOUR_HEADER = "Time (h),0,1,2,4\nTacrolimus,6.2,15.0,12.1,9.8\n"


@pytest.mark.parametrize(
    ("right", "wrong", "passage"),
    [
        ("Glukose nach 120 Minuten 6,0 mmol/l [1].",
         "Glukose nach 60 Minuten 6,0 mmol/l [1].", GERMAN_OGTT),
        ("Glucose à 120 min 6,0 mmol/l [1].", "Glucose à 60 min 6,0 mmol/l [1].", FRENCH_OGTT),
        ("The 1-hour glucose was 11.2 mmol/L [1].",
         "The 2-hour glucose was 11.2 mmol/L [1].", MINUTE_HEADER),
        ("Glucose at 2 hours was 8.4 [1].", "Glucose at 1 hour was 8.4 [1].", MINUTE_HEADER),
        ("Tacrolimus 2 hours post dose was 12.1 [1].",
         "Tacrolimus at 4 hours was 12.1 [1].", HOUR_HEADER),
        ("HbA1c im Jahr 2023 52 mmol/mol [1].", "HbA1c im Jahr 2023 58 mmol/mol [1].", YEARS),
        ("Her eGFR fell to 38 in 2024 [1].", "Her eGFR fell to 45 in 2024 [1].",
         "Analyte,Unit,2023,2024\neGFR,mL/min,45,38\n"),
        ("Her creatinine was 180 in 2023 [1].", "Her creatinine was 210 in 2023 [1].",
         "Test;2022;2023;2024\nCreatinine;150;180;210\n"),
        ("Ferritin was 45 in 2022 [1].", "Ferritin was 12 in 2022 [1].",
         "Test,2021,2022\nFerritin,12,45\n"),
    ],
)  # fmt: skip
def test_other_wordings(right: str, wrong: str, passage: str) -> None:
    assert kinds(right, passage) == []
    assert "misattributed_value" in kinds(wrong, passage)


def test_a_wait_in_words_dates_its_value() -> None:
    # "after three minutes" was read as a blood pressure value (a development case of the
    # grounding audit flagged it once 3 minutes was read as a time point in the passage).
    passage = "Orthostatic BP: 122/70 lying, 104/62 after 3 minutes standing."
    assert (
        kinds("Her blood pressure fell to 104/62 after three minutes of standing [1].", passage)
        == []
    )
    assert kinds("Her blood pressure fell to 104/62 after five minutes of standing [1].", passage)


def test_a_year_that_ends_its_sentence_dates_its_value() -> None:
    passage = "Previous pregnancies: GDM in 2021 diet-controlled; macrosomic baby 4.3 kg in 2019."
    assert kinds("She had GDM in 2021 and a 4.3 kg baby in 2019 [1].", passage) == []
    assert kinds("She had a 4.3 kg baby in 2021 [1].", passage) != []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("HbA1c 2023: 52 [1].", "HbA1c 2023: 58 [1]."),
        ("The 2023 HbA1c was 52 [1].", "The 2023 HbA1c was 58 [1]."),
        ("HbA1c was 52 (2023) [1].", "HbA1c was 58 (2023) [1]."),
    ],
)
def test_a_year_labelling_a_result(right: str, wrong: str) -> None:
    assert kinds(right, YEARS) == []
    assert "misattributed_value" in kinds(wrong, YEARS)


def test_a_glued_year_colon_is_no_label() -> None:
    assert [b.timepoint for b in bind("Ratio 2023:45")] == [None, None]


def test_a_pasted_row_s_range_cell_is_a_range() -> None:
    # The passage's Range column holds limits now; the answer's pasted row must read its own
    # range cell so too, or its right limits were "not as this sentence gives them".
    passage = "Date,Test,Result,Unit,Range\n2026-10-02,Platelets,312,10^9/L,150-400\n"
    assert kinds("2026-10-02,Platelets,312,10^9/L,150-400 [1]", passage) == []
    assert kinds("Platelets were 400 [1].", passage) == ["misattributed_value"]


def test_binding_an_export_with_a_range_column_is_linear() -> None:
    from fixtures.timing import assert_linear

    def run(n: int) -> object:
        rows = "\n".join(
            f"2024-01-{1 + i % 28:02d},Potassium,{3 + i % 3}.{i % 10},mmol/L,3.5-5.3"
            for i in range(n)
        )
        return bind(f"Date,Test,Result,Unit,Range\n{rows}\n")

    assert_linear(run, 100)
