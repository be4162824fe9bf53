"""A summary's progress says how long a stage has left once one of its steps has been timed
(QA: "map: 0/26 steps" then nothing for minutes on a long record looked like a hang)."""

from __future__ import annotations

import time

import pytest

from medlocal.app.outputs import StepClock
from medlocal.engine.generation import GenerationStats
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


class LiveModel:
    """A model's live figures of its current generation, as LlamaChatModel keeps them."""

    def __init__(self) -> None:
        self.last_stats = GenerationStats()

    def start(self, prompt_tokens: int) -> GenerationStats:
        self.last_stats = GenerationStats(prompt_tokens=prompt_tokens)
        return self.last_stats


def test_a_step_says_how_much_of_its_prompt_is_read_and_written() -> None:
    """Walk 38: "reading the documents: 0/4 steps" for 8 minutes, the bar at 0%."""
    seen: list[Progress] = []
    now = [0.0]
    model = LiveModel()
    clock = StepClock(seen.append, clock=lambda: now[0], model=model)
    clock("map", 0, 4)
    clock.tick()  # the step's generation has not started: nothing new to say
    assert len(seen) == 1
    stats = model.start(7831)
    stats.prompt_read = 2048
    now[0] = 100.0
    clock.tick()
    assert seen[-1].describe() == (
        "reading the documents: 0/4 steps (step 1 of 4: read 2,048 of 7,831 tokens)"
    )
    assert 0.05 < (seen[-1].fraction or 0) < 0.07  # a quarter of the first of four steps
    stats.prompt_read, stats.generated_tokens = 7831, 120
    clock.tick()
    assert seen[-1].detail == "step 1 of 4: writing, 120 tokens so far"
    assert seen[-1].live  # redrawn on a terminal, never a line of its own in a log
    now[0] = 480.0
    clock("map", 1, 4)
    clock.tick()  # the figures are the step before's until the next generation starts
    # The step's final count (walk 39: a log's only writing line was "1 tokens so far").
    assert seen[-1].detail == "step 1 of 4 wrote 120 tokens; about 24 min left"
    assert not seen[-1].live
    stats = model.start(7800)
    stats.prompt_read = 3900
    now[0] = 720.0
    clock.tick()
    # 8 min a step: 3 steps left, 4 min of this one gone.
    assert seen[-1].detail == "step 2 of 4: read 3,900 of 7,800 tokens; about 20 min left"
    clock("map", 4, 4)
    clock.tick()
    assert seen[-1].describe() == "reading the documents: 4/4 steps"


def test_ticking_reports_while_the_step_runs() -> None:
    seen: list[Progress] = []
    model = LiveModel()
    clock = StepClock(seen.append, model=model)
    clock("reduce", 0, 2)
    model.start(900).prompt_read = 300
    with clock.ticking(every=0.01):
        deadline = time.monotonic() + 10
        while len(seen) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert seen[-1].detail == "step 1 of 2: read 300 of 900 tokens"


def test_one_token_is_one_token_and_a_log_gets_each_steps_final_count(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 39: on a non-terminal stderr, "step 1 of 3: writing, 1 tokens so far" was the only
    writing line of each step; the count never moved."""
    from medlocal.cli import common

    now = [0.0]
    monkeypatch.setattr(common.time, "monotonic", lambda: now[0])
    log = common.TerminalProgress()
    log.tty = False
    model = LiveModel()
    seen: list[Progress] = []

    def both(p: Progress) -> None:
        seen.append(p)
        log(p)

    clock = StepClock(both, clock=lambda: now[0], model=model)
    clock("reduce", 0, 3)
    for step in range(3):
        stats = model.start(500)
        stats.prompt_read = 500
        for written in (1, 40, 311 + step):
            stats.generated_tokens = written
            now[0] += 20.0
            clock.tick()
            if written == 1:
                assert seen[-1].detail.startswith(f"step {step + 1} of 3: writing, 1 token so far")
        now[0] += 20.0
        clock("reduce", step + 1, 3)
    lines = capsys.readouterr().err.splitlines()
    assert not any("so far" in line for line in lines), lines
    assert [line for line in lines if "wrote" in line] == [
        "writing the sections: 1/3 steps (step 1 of 3 wrote 311 tokens; about 3 min left)",
        "writing the sections: 2/3 steps (step 2 of 3 wrote 312 tokens; about 1 min left)",
        "writing the sections: 3/3 steps (step 3 of 3 wrote 313 tokens)",
    ]
