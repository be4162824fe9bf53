"""Walk 50b D3: a number that is only an end of a reference range is no value of the analyte.
OCR lost the INR's result cell and left "INR | 0.8-1.2"; "Her INR was 0.8" passed. A range that
fills a table cell, or a bracket after the analyte, is the reference range whether or not a
result stands before it; the result itself, and ranges in prose, are read as before."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

MISATTRIBUTED = "misattributed_value"


def _kinds(answer: str, passage: str) -> list[str]:
    return [flag.kind for flag in ground(answer, {1: passage}).flags]


@pytest.mark.parametrize(
    ("passage", "answer"),
    [
        ("INR | 0.8-1.2", "Her INR was 0.8 [1]."),
        ("INR | 0.8-1.2", "Her INR was 1.2 [1]."),
        ("INR |  |  | 0.8-1.2 [low OCR confidence]", "Her INR was 0.8 [1]."),
        ("Sodium | 139 | mmol/L | 133-146\nTSH | 0.3-4.2 | mU/L", "Her TSH was 4.2 mU/L [1]."),
        ("TSH |  |  | 0.3-4.2", "Her TSH was 0.3 [1]."),
        ("TSH (0.3-4.2)", "Her TSH was 4.2 [1]."),
        ("Kalium | 3,5-5,1", "Her potassium was 5.1 mmol/L [1]."),
        ("Kalium;3,5-5,1;mmol/l", "Her potassium was 3.5 mmol/L [1]."),
        ("Creatinine\t45-84 umol/L", "Her creatinine was 84 umol/L [1]."),
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
    ],
)
def test_results_and_ranges_in_prose_are_read_as_before(passage: str, answer: str) -> None:
    assert MISATTRIBUTED not in _kinds(answer, passage)
