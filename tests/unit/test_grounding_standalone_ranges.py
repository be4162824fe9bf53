"""Walk 50b D3: a number that is only an end of a reference range is no value of the analyte.
OCR lost the INR's result cell and left "INR | 0.8-1.2"; "Her INR was 0.8" passed. A range that
fills a table cell is the reference range where the table or row says so (a Range heading or
label, a result before it), as is a bracket after the analyte; the result itself, ranges in
prose, and targets, doses, vital signs and daily amounts standing alone in a cell (review 50a,
R5) are read as before."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

MISATTRIBUTED = "misattributed_value"


def _kinds(answer: str, passage: str) -> list[str]:
    return [flag.kind for flag in ground(answer, {1: passage}).flags]


HEADING = "Test | Result | Units | Range\n"


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        (HEADING + "INR | 0.8-1.2", "Her INR was 0.8 [1]."),
        (HEADING + "INR | 0.8-1.2", "Her INR was 1.2 [1]."),
        (HEADING + "INR |  |  | 0.8-1.2 [low OCR confidence]", "Her INR was 0.8 [1]."),
        (
            HEADING + "Sodium | 139 | mmol/L | 133-146\nTSH | 0.3-4.2 | mU/L",
            "Her TSH was 4.2 mU/L [1].",
        ),
        ("TSH | Ref range | 0.3-4.2", "Her TSH was 0.3 [1]."),  # a label cell
        ("TSH | 1.1 | 0.3-4.2", "Her TSH was 4.2 [1]."),  # a result before it
        ("TSH (0.3-4.2)", "Her TSH was 4.2 [1]."),
        ("Test;Normal;Unit\nKalium;3,5-5,1;mmol/l", "Her potassium was 3.5 mmol/L [1]."),
        ("Analyte\tReference\nCreatinine\t45-84 umol/L", "Her creatinine was 84 umol/L [1]."),
    ],
)
def test_an_end_of_a_range_standing_alone_is_no_result(passage: str, answer: str) -> None:
    assert MISATTRIBUTED in _kinds(answer, passage)


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        ("INR | 1.1 |  | 0.8-1.2", "Her INR was 1.1 [1]."),
        ("TSH | 15.5 | mU/L | 0.3-4.2", "Her TSH was 15.5 mU/L [1]."),
        ("Kalium | 5,9 | mmol/l | 3,5-5,1", "Her potassium was 5.9 mmol/L [1]."),
        ("Pain score 2-3/10 on walking.", "Her pain score was 3/10 on walking [1]."),
        ("Collected | 12-03-2026", "It was collected on 12-03-2026 [1]."),
        ("Paracetamol | 1-2 tablets | four times a day", "She takes 2 tablets of paracetamol [1]."),
        # Review 50a R5: a range alone in a cell that no heading, label or result calls a
        # reference range is the value itself: a target, a dose, vital signs, a daily amount.
        ("Warfarin target INR | 2-3", "Her target INR is 2-3 [1]."),
        ("Warfarin target INR | 2-3", "Her target INR is 2 to 3 [1]."),
        (HEADING + "Target INR | 2-3", "Her target INR is 2-3 [1]."),
        ("Metformin | 500-1000 mg/day", "Metformin 1000 mg/day [1]."),
        (HEADING + "Metformin | 500-1000 mg/day", "Metformin 1000 mg/day [1]."),
        ("BP  | 120-130", "Her systolic blood pressure was 130 [1]."),
        ("Heart rate  90-110  bpm", "Her heart rate was 110 bpm [1]."),
        ("Smoking | 10-20 | cigarettes a day", "She smokes 20 cigarettes a day [1]."),
        ("Fluid restriction  1.5-2 L/day", "Her fluid restriction is 2 L/day [1]."),
        ("Diet | 1500-1800 kcal/day", "Her diet is 1800 kcal/day [1]."),
        ("INR | 0.8-1.2", "Her INR was 1.2 [1]."),  # nothing says it is a range
        ("Hb | 120 | g/L | 120-160", "Her Hb was 120 g/L [1]."),
        ("Test | Range | Result\nHb | 120-160 | 135", "Her Hb was 135 [1]."),
    ],
)
def test_results_and_ranges_in_prose_are_read_as_before(passage: str, answer: str) -> None:
    assert MISATTRIBUTED not in _kinds(answer, passage)
