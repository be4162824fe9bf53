"""The time left of a summary whose one long reading step slows as it goes (walk51b M3: "about
20 min left" at 1,024 of 6,606 tokens, then 19, 24, 30, 36 min near the step's end, ~3 min
before the run ended). A simulated clock and model: batches of 512 prompt tokens that take
longer the further into the prompt they are (and, in the second case, the longer the machine is
busy), then the writing; the summary's 6 sections come after."""

from __future__ import annotations

import itertools

import pytest

from medlocal.app.outputs import StepClock
from medlocal.engine.generation import GenerationStats
from medlocal.progress import Countdown, Progress, rate_slope

PROMPT, BATCH, SECTIONS, MAX_TOKENS = 6606, 512, 6, 96
WRITE_S = 0.6  # seconds per written token on an idle machine


class LiveModel:
    last_stats = GenerationStats()


def _seconds(detail: str) -> float:
    shown = detail.split("about ", 1)[1].split(" left", 1)[0]
    number, unit = shown.split(" ")
    return float(number) * {"s": 1, "min": 60, "h": 3600}[unit]


def _simulate(slowing: float, load_end: float) -> tuple[list[tuple[int, float]], float, float]:
    """(second, time left shown) at each tick of the reading step, the step's length, and the
    true time from the step's end to the summary's (the sections)."""
    seen: list[Progress] = []
    now = [0.0]
    model = LiveModel()
    clock = StepClock(
        seen.append,
        clock=lambda: now[0],
        model=model,
        max_tokens=MAX_TOKENS,
        sections=SECTIONS,
        pace={},
    )
    clock("map", 0, 1)
    stats = model.last_stats = GenerationStats(prompt_tokens=PROMPT)
    landed: list[tuple[float, int]] = []
    elapsed, read, batch = 0.0, 0, 0
    while read < PROMPT:
        batch += 1
        load = 1 + (load_end - 1) * read / PROMPT
        elapsed += 20 * (1 + slowing * batch) * load
        read = min(read + BATCH, PROMPT)
        landed.append((elapsed, read))
    reading, write = elapsed, WRITE_S * load_end
    step = reading + MAX_TOKENS * write
    per_token = 20 * (1 + slowing * batch) * load_end / BATCH
    after = SECTIONS * (100 * per_token + MAX_TOKENS * write) + MAX_TOKENS * per_token
    shown: list[tuple[int, float]] = []
    for second in range(1, int(step)):
        now[0] = float(second)
        stats.prompt_read = max((r for t, r in landed if t <= second), default=0)
        if second > reading:
            stats.generated_tokens = int((second - reading) / write)
        clock.tick()
        if "about" in seen[-1].detail:
            shown.append((second, _seconds(seen[-1].detail)))
    return shown, step, after


def _rises(shown: list[tuple[int, float]]) -> list[int]:
    return [t for (_, before), (t, value) in itertools.pairwise(shown) if value > before]


def test_a_prompt_read_ever_slower_is_estimated_near_the_truth_and_rises_early_if_at_all() -> None:
    shown, step, after = _simulate(slowing=0.12, load_end=1.0)
    truth = {t: step + after - t for t, _ in shown}
    # Each section was counted as one more 6,606-token reading step: 2.5-7.8 times the truth.
    assert all(0.5 <= value / truth[t] <= 1.3 for t, value in shown if t >= 60), shown[::30]
    rises = _rises(shown)
    assert len(rises) <= 2 and all(t < 0.6 * step for t in rises), rises


def test_a_machine_growing_busier_never_makes_the_figure_grow_near_the_steps_end() -> None:
    # The batches slow with the prompt's length and the machine 2.5 times busier by the end
    # (walk51b: load 3 -> 9).
    shown, step, after = _simulate(slowing=0.12, load_end=2.5)
    truth = {t: step + after - t for t, _ in shown}
    assert all(value <= 1.2 * truth[t] for t, value in shown), shown[::30]  # was up to 5.9x
    rises = _rises(shown)
    assert len(rises) <= 4 and all(t < 0.6 * step for t in rises), rises
    # Every rise was held until it had lasted 30 s: no figure moving by the second.
    assert all(b - a >= 30 for a, b in itertools.pairwise(rises)), rises


def test_the_countdown_ignores_jitter_and_shows_a_lasting_slowdown_after_a_while() -> None:
    countdown = Countdown(move=0.25, hold_s=30.0)
    assert countdown.shown(0.0, 600.0) == 600.0
    # An estimate jittering a fifth either way around the truth: the figure only counts down.
    figures = [countdown.shown(float(t), (600 - t) * (1.2 if t % 2 else 0.8)) for t in range(1, 60)]
    assert all(b <= a for a, b in itertools.pairwise(figures)) and figures[-1] == 541.0
    # Twice as long, lasting: still counting down for 30 s, then shown.
    assert countdown.shown(60.0, 1100.0) == 540.0
    assert countdown.shown(89.0, 1071.0) == 511.0
    assert countdown.shown(90.0, 1070.0) == 1070.0
    # Much sooner is shown at once.
    assert countdown.shown(91.0, 300.0) == 300.0
    # The figure run out while the work goes on: the new estimate at once, not "1 s" for 30 s.
    assert countdown.shown(400.0, 120.0) == 120.0
    countdown.reset()
    assert countdown.shown(401.0, 5000.0) == 5000.0


def test_rate_slope_measures_a_slowdown_and_nothing_else() -> None:
    # Batches of 100 units taking 10, 12, 14, 16 s: 0.02 s per unit more every 100 units.
    marks = [(0.0, 0), (10.0, 100), (22.0, 200), (36.0, 300), (52.0, 400)]
    assert rate_slope(marks) == pytest.approx(0.0002)
    assert rate_slope([(0.0, 0), (10.0, 100), (20.0, 200), (30.0, 300)]) == 0.0
    assert rate_slope(marks[:3]) == 0.0  # two intervals: too few to tell
    assert rate_slope([(0.0, 0), (16.0, 100), (30.0, 200), (42.0, 300)]) == 0.0  # faster: 0
