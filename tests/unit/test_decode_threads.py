"""The chat model's thread count for batch decodes, chosen by measured speed (walk 39: a
451-token prompt of the demo model took 4.9 s with one thread and 10.5 s with two on two busy
cores). One-token steps keep the configured count: their logits depend on it."""

from __future__ import annotations

from typing import Any

import pytest

from medlocal.engine import decode_threads
from medlocal.engine.decode_threads import DecodeThreads, kind_of


class _Batch:
    def __init__(self, n_tokens: int) -> None:
        self.batch = type("llama_batch", (), {"n_tokens": n_tokens})()


class _FakeContext:
    """Decodes on a fake clock: a token costs what its thread count costs under load."""

    def __init__(self, now: list[float], per_token: dict[int, float]) -> None:
        self.ctx = object()
        self.now = now
        self.per_token = per_token
        self.n_threads = 2  # one-token decodes
        self.n_threads_batch = 2
        self.decodes: list[tuple[int, int]] = []  # (tokens, threads used)

    def decode(self, batch: _Batch) -> None:
        n = batch.batch.n_tokens
        threads = self.n_threads if n == 1 else self.n_threads_batch
        self.decodes.append((n, threads))
        self.now[0] += n * self.per_token[threads]


def _chooser(ctx: _FakeContext, *, busy: bool) -> tuple[DecodeThreads, Any]:
    def set_threads(n: int) -> None:
        ctx.n_threads_batch = n

    chooser = DecodeThreads(2, set_threads, clock=lambda: ctx.now[0], busy=lambda: busy)
    return chooser, chooser.wrap(ctx.decode)


def _request(decode: Any, prompt: int = 1100, steps: int = 20, draft: int = 0) -> None:
    """A request's decodes as Llama.eval/generate make them: 512-token batches, the tail, then
    one-token steps (or verification batches of 1 + ``draft`` tokens)."""
    for at in range(0, prompt, 512):
        decode(_Batch(min(512, prompt - at)))
    for _ in range(steps):
        decode(_Batch(1 + draft))


def test_kinds() -> None:
    assert [kind_of(n) for n in (1, 2, 9, 15, 16, 127, 128, 512)] == [0, 1, 1, 1, 2, 2, 3, 3]


def test_busy_machine_reads_prompts_on_one_thread_and_keeps_steps_as_configured() -> None:
    ctx = _FakeContext([0.0], {2: 0.02, 1: 0.009})  # walk 39's prompt: 10.5 s vs 4.9 s
    _, decode = _chooser(ctx, busy=True)
    for _ in range(30):
        _request(decode)
    batches = [threads for n, threads in ctx.decodes if n > 1]
    steps = {threads for n, threads in ctx.decodes if n == 1}
    assert steps == {2}  # never changed: a step's result depends on the count
    assert batches.count(2) <= 10  # measured, tried again now and then; was every batch
    assert batches[-10:] == [1] * 10


def test_idle_machine_does_not_try_one_thread_on_long_batches() -> None:
    """A try at one thread on a long batch costs it several times over on an idle many-core
    machine: not without a sign that one thread could win."""
    ctx = _FakeContext([0.0], {2: 0.002, 1: 0.008})
    _, decode = _chooser(ctx, busy=False)
    for _ in range(20):
        _request(decode)
    assert {threads for _, threads in ctx.decodes} == {2}


def test_short_batches_that_find_one_thread_faster_open_the_long_ones() -> None:
    ctx = _FakeContext([0.0], {2: 0.02, 1: 0.009})
    _, decode = _chooser(ctx, busy=False)  # the load average says nothing (e.g. not known)
    for _ in range(30):
        _request(decode, steps=10, draft=8)  # speculative verification batches of 9 tokens
    long_batches = [threads for n, threads in ctx.decodes if n >= 128]
    assert long_batches[0] == 2 and long_batches[-5:] == [1] * 5


def test_install_routes_the_llama_contexts_decodes(monkeypatch: pytest.MonkeyPatch) -> None:
    import llama_cpp

    ctx = _FakeContext([0.0], {2: 0.02, 1: 0.009})
    calls: list[tuple[int, int]] = []

    def set_n_threads(raw: object, n_threads: int, n_threads_batch: int) -> None:
        assert raw is ctx.ctx
        calls.append((n_threads, n_threads_batch))
        ctx.n_threads, ctx.n_threads_batch = n_threads, n_threads_batch

    monkeypatch.setattr(llama_cpp, "llama_set_n_threads", set_n_threads)
    monkeypatch.setattr(decode_threads.time, "perf_counter", lambda: ctx.now[0])
    monkeypatch.setattr(decode_threads, "machine_busy", lambda: True)
    llm = type("Llama", (), {})()
    llm._ctx = ctx
    chooser = decode_threads.install(llm, 2)
    assert chooser.configured == 2
    for _ in range(10):
        _request(llm._ctx.decode)
    assert calls and all(n_threads == 2 for n_threads, _ in calls)  # steps: as configured
    assert {batch for _, batch in calls} == {1, 2}
    assert ctx.decodes[-1] == (1, 2)
    assert [threads for n, threads in ctx.decodes if n == 512][-3:] == [1, 1, 1]
