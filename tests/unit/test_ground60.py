"""ground60: a bound on a duration ("for at least four hours", "≥ 4 h", "more than 6 hours") says
how long, not when: it is no time point, so a share of nights or days after it is not read as
hour 4's value. A time after a start ("glucose at 2 h") still is one."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

CPAP = "CPAP download (28 nights): nights with usage >= 4 h: 22/28 (79%). Mean use 5 h 10 min."
SLEEP = "Actigraphy: slept more than 6 hours on 11 of 14 nights (79%)."
OGTT_PROSE = "OGTT: glucose 4.8 fasting, 10.9 at 1 h, 7.8 at 2 h."


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("He wore CPAP for at least 4 hours on 22 of 28 nights (79%) [1].", CPAP),
        ("He wore CPAP for at least four hours on 22 of 28 nights, 79% [1].", CPAP),
        ("He used CPAP ≥ 4 h on 22 of 28 nights (79%) [1].", CPAP),
        ("He used CPAP at least 4 h on 79% of nights [1].", CPAP),
        ("She slept more than 6 hours on 11 of 14 nights (79%) [1].", SLEEP),
        ("She slept for more than 6 hours on 79% of nights [1].", SLEEP),
    ],
)
def test_a_share_after_a_bound_on_a_duration_passes(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


@pytest.mark.parametrize(
    "answer",
    [
        "He wore CPAP for at least 4 hours on 22 of 28 nights (69%) [1].",
        "He used CPAP ≥ 4 h on 20 of 28 nights (79%) [1].",
    ],
)
def test_a_wrong_share_after_a_bound_on_a_duration_is_still_flagged(answer: str) -> None:
    assert kinds(answer, CPAP) != []


def test_a_time_after_a_start_is_still_a_time_point() -> None:
    assert kinds("Glucose at 2 h was 7.8 [1].", OGTT_PROSE) == []
    assert "misattributed_value" in kinds("Glucose at 2 h was 10.9 [1].", OGTT_PROSE)
    assert "misattributed_value" in kinds("Glucose at 1 h was 7.8 [1].", OGTT_PROSE)
