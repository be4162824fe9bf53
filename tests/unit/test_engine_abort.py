"""The flag llama.cpp's abort callback reads (engine/abort.py), the thread that sets it on Stop,
and how a decode it aborted ends a request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from medlocal.engine.abort import DecodeAbort, StopWatch, is_abort
from medlocal.engine.generation import GenerationStats, StopFilter, emit_tokens
from medlocal.engine.llama_chat import until_aborted


def test_the_callback_reads_the_flag_in_c() -> None:
    abort = DecodeAbort()
    # Linux has a C library: no Python (and no GIL) between graph nodes.
    assert abort.native
    assert abort.callback(abort.data) is False
    abort.set()
    assert abort.is_set() and abort.callback(abort.data) is True
    abort.clear()
    assert abort.callback(abort.data) is False


def test_without_a_c_library_no_callback_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python callback would run ~500 times per decode under the GIL (one decode 3.1 s
    instead of 0.5 s beside a busy thread): without strlen a Stop waits for the batch instead."""
    import llama_cpp

    from medlocal.engine import abort as abort_module

    installed: list[object] = []
    monkeypatch.setattr(abort_module, "_c_strlen", lambda: None)
    monkeypatch.setattr(llama_cpp, "llama_set_abort_callback", lambda *a: installed.append(a))
    abort = DecodeAbort()
    assert not abort.native and abort.callback is None
    abort.install(type("Llm", (), {"_ctx": type("Ctx", (), {"ctx": None})()})())
    assert installed == []


def test_the_watch_sets_the_flag_on_stop_and_clears_it_after_the_request() -> None:
    abort, cancel = DecodeAbort(), threading.Event()
    abort.set()  # left over: a new request starts clear
    with StopWatch(abort, cancel.is_set, interval=0.005):
        assert not abort.is_set()
        cancel.set()
        deadline = time.monotonic() + 5
        while not abort.is_set() and time.monotonic() < deadline:
            time.sleep(0.001)
        assert abort.is_set()
    assert not abort.is_set()
    assert not [t for t in threading.enumerate() if t.name == "medlocal-stop-watch"]


def test_the_watch_ends_with_a_request_that_was_not_stopped() -> None:
    abort = DecodeAbort()
    with StopWatch(abort, lambda: False, interval=10.0):
        pass  # the thread wakes at once, not after its interval
    assert not abort.is_set()
    assert not [t for t in threading.enumerate() if t.name == "medlocal-stop-watch"]


def test_only_an_aborted_decode_is_an_abort() -> None:
    assert is_abort(RuntimeError("llama_decode returned 2"))
    assert not is_abort(RuntimeError("llama_decode returned -3"))
    assert not is_abort(ValueError("llama_decode returned 2"))


class _Llm:
    def __init__(self) -> None:
        self.n_tokens = 5
        self._is_recurrent = self._is_hybrid = False
        self._requires_eval = False
        self.cut: list[int] = []
        self._ctx = self

    def kv_cache_seq_rm(self, seq_id: int, p0: int, p1: int) -> bool:
        self.cut.append(p0)
        return True


def test_an_aborted_decode_ends_the_tokens_and_the_answer_as_cancelled() -> None:
    """Llama.generate raises mid-answer when a Stop aborts a decode: the request ends as
    cancelled, with what was sent before the Stop and without the held-back tail (a stop
    string's start) that a complete answer would get."""
    llm = _Llm()
    stop = threading.Event()

    def tokens() -> Iterator[int]:
        yield from (1, 2)
        stop.set()  # pressed during the next decode, which llama.cpp aborts
        raise RuntimeError("llama_decode returned 2")

    stats, out = GenerationStats(), []
    emit_tokens(
        until_aborted(tokens(), llm),
        lambda t: {1: b"Dose ", 2: b"<"}[t],
        lambda t: False,
        StopFilter(["<|end|>"]),
        100,
        lambda: False,
        stop.is_set,
        stats,
        out.append,
    )
    assert stats.stop_reason == "cancelled" and stats.generated_tokens == 2
    assert "".join(out) == "Dose "
    assert llm.cut == [5] and llm._requires_eval


def test_a_failed_decode_is_still_an_error() -> None:
    def tokens() -> Iterator[int]:
        yield 1
        raise RuntimeError("llama_decode returned -3")

    with pytest.raises(RuntimeError, match="-3"):
        list(until_aborted(tokens(), _Llm()))


def test_a_source_that_runs_out_without_a_stop_ends_on_length() -> None:
    stats, out = GenerationStats(), []
    emit_tokens(
        iter([1]),
        lambda t: b"a",
        lambda t: False,
        StopFilter([]),
        100,
        lambda: False,
        lambda: False,
        stats,
        out.append,
    )
    assert stats.stop_reason == "length" and out == ["a"]
