"""The embedder's thread count, chosen by measured speed (walk 39: 2 threads on 2 busy cores
embedded 0.5 passages a second, 1 thread 7; a 4 MB text would have taken hours)."""

from __future__ import annotations

from typing import Any

import pytest

from medlocal.engine.llama_embedder import LlamaEmbedder
from medlocal.engine.thread_choice import ThreadChoice


def _run(choice: ThreadChoice, seconds_per_token: dict[int, float], texts: int) -> list[int]:
    used = []
    for _ in range(texts):
        threads = choice.pick()
        used.append(threads)
        choice.record(threads, 100, 100 * seconds_per_token[threads])
    return used


def test_busy_cores_switch_to_one_thread_and_stay_mostly() -> None:
    choice = ThreadChoice(4)
    used = _run(choice, {4: 0.01, 1: 0.0005}, 1000)  # 4 threads 20x slower (spinning)
    assert used[:2] == [4, 1]  # each measured once
    assert choice.best == 1
    # Tried again now and then, less often each time it loses: a handful of tries, not one in 16.
    assert 2 <= used.count(4) <= 8


def test_idle_cores_keep_the_configured_threads() -> None:
    choice = ThreadChoice(4)
    used = _run(choice, {4: 0.0002, 1: 0.0006}, 1000)
    assert choice.best == 4
    assert used.count(1) <= 8


def test_a_change_of_load_is_followed() -> None:
    choice = ThreadChoice(2)
    _run(choice, {2: 0.0002, 1: 0.0006}, 200)  # idle: 2 threads
    assert choice.best == 2
    used = _run(choice, {2: 0.02, 1: 0.0006}, 600)  # other jobs start: 1 thread wins
    assert choice.best == 1
    assert used.count(2) < 60  # it notices within the wait, not after hundreds of texts


def test_a_slow_first_decode_does_not_condemn_a_setting() -> None:
    """The first decode carries the warm-up; a later try at that setting replaces it."""
    choice = ThreadChoice(2)
    choice.record(choice.pick(), 100, 5.0)  # 2 threads, warm-up: 50 ms a token
    _run(choice, {2: 0.0002, 1: 0.0006}, 300)
    assert choice.best == 2


def test_one_configured_thread_is_left_alone() -> None:
    choice = ThreadChoice(1)
    assert set(_run(choice, {1: 0.001}, 50)) == {1}


class _FakeLlama:
    """Embeds with a fake clock: each decode costs what its thread count costs under load."""

    def __init__(self, clock: list[float], cost: dict[int, float]) -> None:
        self.ctx = object()
        self.threads = 2
        self.clock = clock
        self.cost = cost
        self.decodes: list[int] = []

    def embed(
        self, texts: list[str], normalize: bool, truncate: bool, return_count: bool
    ) -> tuple[list[list[float]], int]:
        assert len(texts) == 1 and return_count
        self.decodes.append(self.threads)
        self.clock[0] += self.cost[self.threads]
        return [[1.0, 0.0]], 50


def test_the_embedder_sets_llama_threads_from_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    import llama_cpp

    now = [0.0]
    llm = _FakeLlama(now, {2: 1.3, 1: 0.01})  # walk 39's numbers for a short text

    def set_threads(ctx: Any, threads: int, batch: int) -> None:
        assert ctx is llm.ctx and threads == batch
        llm.threads = threads

    monkeypatch.setattr(llama_cpp, "llama_set_n_threads", set_threads)
    embedder = LlamaEmbedder.__new__(LlamaEmbedder)
    embedder._llama = llm
    embedder.n_gpu_layers = 0
    embedder._threads = ThreadChoice(2)
    embedder._threads_set = 2
    embedder._clock = lambda: now[0]
    rows = embedder._embed_batch([f"passage {n}" for n in range(200)])
    assert len(rows) == 200
    assert llm.decodes[:2] == [2, 1]
    assert llm.decodes.count(2) <= 6  # was 200: every passage at the slow setting
    assert now[0] < 0.25 * 200 * 1.3
