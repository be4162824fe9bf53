"""A summary's progress says how long a stage has left once one of its steps has been timed
(QA: "map: 0/26 steps" then nothing for minutes on a long record looked like a hang)."""

from __future__ import annotations

import itertools
import time

import pytest

from medlocal.app.outputs import PLAN_STAGE, StepClock
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
    assert seen[0].describe() == (
        "summary plan (26 steps to read the documents; the time left is estimated during the"
        " first step)"
    )
    assert [p.describe() for p in seen[1:]] == [
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
    seen = [p for p in seen if p.stage != PLAN_STAGE]
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
    assert len(seen) == 2 and seen[0].stage == PLAN_STAGE
    stats = model.start(7831)
    stats.prompt_read = 2048
    now[0] = 100.0
    clock.tick()
    # 2,048 tokens in 100 s: the step's 7,831 in 382 s, four such steps (walk 41).
    assert seen[-1].describe() == (
        "reading the documents: 0/4 steps (step 1 of 4: read 2,048 of 7,831 tokens;"
        " about 24 min left, estimated from the first step)"
    )
    assert 0.05 < (seen[-1].fraction or 0) < 0.07  # a quarter of the first of four steps
    stats.prompt_read, stats.generated_tokens = 7831, 120
    clock.tick()
    assert seen[-1].detail == (
        "step 1 of 4: writing, 120 tokens so far; about 24 min left, estimated from the first step"
    )
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


class NamedModel(LiveModel):
    """A loaded model's identity, by which its pace is kept across summaries."""

    sha256 = "abc123"


def test_the_first_step_is_timed_from_its_live_rates_with_the_sections_after_it() -> None:
    """Walk 41: "reading the documents: 0/32 steps" and no estimate for the whole first step
    (~4 min a step, ~2 h in all)."""
    seen: list[Progress] = []
    now = [0.0]
    model = NamedModel()
    pace: dict[str, float] = {}
    clock = StepClock(
        seen.append, clock=lambda: now[0], model=model, max_tokens=512, sections=4, pace=pace
    )
    clock("map", 0, 32)
    assert seen[0].stage == PLAN_STAGE
    assert seen[0].detail == (
        "36 steps: 32 to read the documents, 4 to write the sections; the time left is"
        " estimated during the first step"
    )
    stats = model.start(8000)
    stats.reused_prefix_tokens = stats.prompt_read = 1000  # the cached system prompt
    now[0] = 5.0
    stats.prompt_read = 1200  # one batch in 5 s: too rough a rate to multiply by 36
    clock.tick()
    assert "left" not in seen[-1].detail
    now[0] = 10.0
    stats.prompt_read = 1400  # 400 tokens in 10 s: 40/s
    clock.tick()
    # 7,000 to read (175 s) and up to 512 written at ten read tokens' cost each (128 s): 303 s
    # a step, 32 steps; then the sections (walk51b M3: each a step's own cost, not a reading
    # step's): the notes read once (32 x 512 tokens, 410 s) and per section its instructions
    # (100 tokens, 2.5 s) and 512 written (128 s): 931 s. 10,617 s in all, 10 s of it gone.
    assert seen[-1].detail == (
        "step 1 of 32: read 1,400 of 8,000 tokens; about 2.9 h left, estimated from the first step"
    )
    assert not seen[-1].live
    now[0] = 175.0
    stats.prompt_read, stats.generated_tokens = 8000, 10
    clock.tick()  # writing is first seen: its rate is not known yet, the estimate stays
    assert seen[-1].detail.endswith("about 2.9 h left, estimated from the first step")
    now[0] = 185.0
    stats.generated_tokens = 60  # 5 tokens a second: 452 more in 90 s, the step 275 s
    clock.tick()
    assert seen[-1].detail == (
        "step 1 of 32: writing, 60 tokens so far; about 2.6 h left, estimated from the first step"
    )
    now[0] = 240.0
    clock("map", 1, 32)  # a step timed: its pace replaces the estimate
    assert seen[-1].detail == "step 1 of 32 wrote 60 tokens; about 2.3 h left"
    assert pace == {}  # kept once the stage has ended
    now[0] = 32 * 240.0
    clock("map", 32, 32)
    assert pace == {"abc123": 240.0}


def test_a_later_summary_with_the_same_model_says_its_time_before_the_first_step() -> None:
    seen: list[Progress] = []
    pace = {"abc123": 240.0}
    clock = StepClock(seen.append, clock=lambda: 0.0, model=NamedModel(), sections=3, pace=pace)
    clock("map", 0, 27)
    assert seen[0].describe() == (
        "summary plan (30 steps: 27 to read the documents, 3 to write the sections; about"
        " 2.0 h at this model's pace in the last summary)"
    )
    assert seen[1].describe() == (
        "reading the documents: 0/27 steps (about 2.0 h left, at this model's pace in the last"
        " summary)"
    )
    other: list[Progress] = []
    StepClock(other.append, model=LiveModel(), pace=pace)("map", 0, 27)  # another model
    assert other[0].detail.endswith("the time left is estimated during the first step")
    assert other[1].detail == ""


def _minutes_left(detail: str) -> float:
    """The shown time left of a detail ("...; about 12 min left, ..."), in minutes."""
    shown = detail.split("about ", 1)[1].split(" left", 1)[0]
    return float(shown.removesuffix(" min")) if shown.endswith("min") else 60 * float(shown[:-2])


def test_the_first_steps_estimate_holds_between_the_prompts_batches() -> None:
    """Walk41b N1: the window's estimate read 12, 24, 12, 18 min within 30 s: the reading rate,
    taken over the time up to each tick, fell between batches and jumped at each."""
    seen: list[Progress] = []
    now = [0.0]
    model = LiveModel()
    clock = StepClock(seen.append, clock=lambda: now[0], model=model, max_tokens=512)
    clock("map", 0, 4)
    stats = model.start(8000)
    for second in range(1, 60):
        now[0] = float(second)
        stats.prompt_read = 512 * (second // 8)  # a batch of 512 every 8 s
        clock.tick()
    shown = [_minutes_left(p.detail) for p in seen if "about" in p.detail]
    assert shown, [p.detail for p in seen]
    # 512 tokens per 8 s: 13,120 read tokens' worth a step, 205 s, four steps, 16 s gone; from
    # there it only counts down.
    assert shown[0] == 13
    assert all(later <= earlier for earlier, later in itertools.pairwise(shown)), shown


def test_the_writing_rate_waits_for_enough_tokens_and_small_moves_are_not_shown() -> None:
    """Walk41b N1: "about 4.5 h left" once 2 tokens were written (in 9 s)."""
    seen: list[Progress] = []
    now = [0.0]
    model = LiveModel()
    clock = StepClock(seen.append, clock=lambda: now[0], model=model, max_tokens=512)
    clock("map", 0, 4)
    stats = model.start(4000)
    now[0], stats.prompt_read = 20.0, 2000  # 100 tokens a second
    clock.tick()
    # 4,000 to read and 512 written at ten read tokens' cost: 91 s a step, four steps.
    assert seen[-1].detail.endswith("about 6 min left, estimated from the first step")
    now[0], stats.prompt_read, stats.generated_tokens = 40.0, 4000, 1
    clock.tick()  # writing first seen
    for second, written in ((43, 2), (46, 3), (49, 8)):  # slow first tokens: no rate yet
        now[0], stats.generated_tokens = float(second), written
        clock.tick()
        assert seen[-1].detail.endswith("about 5 min left, estimated from the first step")
    now[0], stats.generated_tokens = 50.0, 41  # 40 tokens in 10 s: 471 more in 118 s, 168 s
    clock.tick()
    assert seen[-1].detail.endswith("about 10 min left, estimated from the first step")
    # A rate a little faster (under a fifth off) leaves the figure to count down, not jump.
    now[0], stats.generated_tokens = 62.0, 110  # 109 in 22 s: the step 143 s (9 min left)
    clock.tick()
    assert seen[-1].detail.endswith("about 10 min left, estimated from the first step")
    # Twice as fast is shown, the figure having stood 10 s.
    now[0], stats.generated_tokens = 72.0, 300  # 299 in 32 s: the step 94 s
    clock.tick()
    assert seen[-1].detail.endswith("about 5 min left, estimated from the first step")
