"""A summary's progress says how long a stage has left once one of its steps has been timed
(QA: "map: 0/26 steps" then nothing for minutes on a long record looked like a hang)."""

from __future__ import annotations

from medlocal.app.outputs import StepClock
from medlocal.progress import Progress


def test_each_stage_is_timed_from_its_own_start() -> None:
    seen: list[Progress] = []
    now = [0.0]
    clock = StepClock(seen.append, clock=lambda: now[0])
    clock("map", 0, 26)
    now[0] = 120.0
    clock("map", 1, 26)  # 2 min a step, 25 steps to go
    now[0] = 240.0
    clock("map", 2, 26)
    now[0] = 3120.0
    clock("map", 26, 26)
    clock("reduce", 0, 4)
    now[0] = 3150.0
    clock("reduce", 1, 4)
    assert [p.describe() for p in seen] == [
        "reading the documents: 0/26 steps",
        "reading the documents: 1/26 steps (about 50 min left)",
        "reading the documents: 2/26 steps (about 48 min left)",
        "reading the documents: 26/26 steps",
        "writing the sections: 0/4 steps",
        "writing the sections: 1/4 steps (about 2 min left)",
    ]


def test_long_and_short_stages_read_plainly() -> None:
    seen: list[Progress] = []
    now = [0.0]
    clock = StepClock(seen.append, clock=lambda: now[0])
    clock("map", 0, 100)
    now[0] = 600.0
    clock("map", 1, 100)
    clock("combine 1", 0, 3)
    now[0] = 610.0
    clock("combine 1", 1, 3)
    assert seen[1].detail == "about 16.5 h left" and seen[3].detail == "about 1 min left"
    assert seen[3].stage == "combining the notes (round 1)"
