"""Walk 52a M3, promise 3: a wrong value that passed because the passage gives it for another
time. Asked for the LVEF of the March 2026 echocardiogram, the model answered "45% (LVEF 38%)":
the report says 38%, and 45% is the previous value it names. The number check passed because 45
is in the passage.

1. "previous", "prior", "last time" and "old" (not an age's) date a value before; a year in
   brackets after a value ("45% (2025)") is its time point, not a number of its own.
2. A value the sentence dates now (the study's date, "the latest") that the passage gives only
   for an earlier time, while it gives the measure another value now, is flagged, naming that.
3. A sentence giving one measure two values at one time point is flagged.
Trends, "previously 45%, now 38%", ranges and doses still pass.

The first tests of parts 1-3 failed on main 21858abf.
"""

from __future__ import annotations

import pytest

from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground

ECHO = (
    "Echocardiography Report\nPatient: Eleanor Whitcombe   Date of study: 19/03/2026\n"
    "Indication: new breathlessness, ankle oedema, previous LVEF 45%.\n"
    "Findings: LV mildly dilated. LVEF 38% (Simpson's biplane). Moderate mitral regurgitation."
)
ECHO_YEAR = "Indication: breathlessness, previous LVEF 45% (2025). Findings: LVEF 38%."


def _flags(answer: str, passage: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.token, f.message) for f in ground(answer, {1: passage}).flags]


def _content(answer: str, passage: str) -> list[tuple[str, str, str]]:
    return [f for f in _flags(answer, passage) if f[0] != "attached_citation"]


def _points(text: str) -> dict[str, str | None]:
    return {b.value.raw: b.timepoint for b in bind(text)}


# 1. Time points


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Indication: previous LVEF 45%.", "45%"),
        ("Prior HbA1c 8.1%.", "8.1%"),
        ("Creatinine last time 140 umol/L.", "140 umol/L"),
        ("Old ECG: heart rate 52 bpm.", "52 bpm"),
    ],
)
def test_previous_and_prior_date_a_value_before(text: str, raw: str) -> None:
    assert _points(text)[raw] == "before"


def test_bracketed_year_dates_the_value_and_is_no_value() -> None:
    points = _points(ECHO_YEAR)
    assert points == {"45%": "2025", "38%": None}


def test_an_age_and_prior_to_are_no_time_points() -> None:
    assert _points("A 78-year-old woman, BP 150/90 mmHg.")["150/90"] is None
    assert _points("Prior to the procedure her INR was 1.1.")["1.1"] is None


# 2. A value of an earlier time given as the study's


def test_previous_value_given_as_the_studys_is_flagged() -> None:
    flags = _content("The LVEF on the March 2026 echocardiogram was 45% [1].", ECHO)
    assert [(k, t) for k, t, _ in flags] == [("misattributed_value", "45%")]
    assert "earlier value" in flags[0][2] and "'38%'" in flags[0][2]


def test_the_demo_models_answer_is_flagged_on_45() -> None:
    flags = _content("The LVEF on the March 2026 echocardiogram was 45% (LVEF 38%) [1].", ECHO)
    assert ("misattributed_value", "45%") in [(k, t) for k, t, _ in flags]
    assert not any(t == "38%" and "earlier" in m for _, t, m in flags)


def test_previous_value_given_as_the_latest_is_flagged() -> None:
    flags = _content("Her most recent LVEF was 45% [1].", ECHO)
    assert [(k, t) for k, t, _ in flags] == [("misattributed_value", "45%")]


def test_bracketed_year_value_given_as_this_years_is_flagged() -> None:
    flags = _content("The LVEF in March 2026 was 45% [1].", ECHO_YEAR)
    assert ("misattributed_value", "45%") in [(k, t) for k, t, _ in flags]


@pytest.mark.parametrize(
    "answer",
    [
        "The LVEF on the March 2026 echocardiogram was 38% [1].",
        "The previous LVEF was 45% [1].",
        "The LVEF was previously 45% and is now 38% [1].",
        "Her LVEF fell from 45% to 38% [1].",
        "LVEF 45% -> 38% [1].",
        "The LVEF in 2025 was 45% [1].",
        "The March 2026 echocardiogram showed an LVEF of 38%, down from 45% [1].",
    ],
)
def test_correctly_attributed_values_pass(answer: str) -> None:
    passage = ECHO_YEAR if "2025" in answer else ECHO
    assert _content(answer, passage) == []


def test_a_prior_value_dated_by_its_passage_passes() -> None:
    # bench_grounding dev d22: the prior value's own date is the sentence's.
    passage = "Clinic 07/2023: A1c 7.8% (prior 7.2% in 1/2023)."
    answer = "Her A1c rose from 7.2% in January 2023 to 7.8% in July 2023 [1]."
    assert _content(answer, passage) == []


# 3. One measure, two values, one time point


def test_two_values_of_one_measure_at_one_time_are_flagged() -> None:
    passage = "Echo 19/03/2026: LVEF 38%. Previous echo 02/02/2025: LVEF 45%."
    flags = _content("The LVEF on 19/03/2026 was 38% (LVEF 45%) [1].", passage)
    assert any("twice" in m for _, _, m in flags), flags


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("On 19/03/2026 the LVEF was 35-40% [1].", "Echo 19/03/2026: LVEF 35-40%."),
        (
            "On 19/03/2026 she took bisoprolol 2.5 mg and ramipril 5 mg [1].",
            "Medication 19/03/2026: bisoprolol 2.5 mg, ramipril 5 mg.",
        ),
        (  # bench_grounding heldout2 h210: "28+4 weeks" read also as "4 weeks"
            "Gestational diabetes at 28+4 weeks after a glucose tolerance test on 10 October"
            " 2024, fasting glucose 5.6 and a 1-hour value of 10.9 mmol/L [1].",
            "GTT 10/10/2024 at 28+4 weeks: fasting glucose 5.6, 1 h 10.9 mmol/L. GDM.",
        ),
        (
            "On 19/03/2026 the potassium was 5.9 mmol/L and the sodium 138 mmol/L [1].",
            "Bloods 19/03/2026: potassium 5.9 mmol/L, sodium 138 mmol/L.",
        ),
    ],
)
def test_ranges_doses_and_two_measures_pass(answer: str, passage: str) -> None:
    assert _content(answer, passage) == []
