"""Pure engine logic: context budget, default context, GPU layer choice, the worker thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from fixtures.model_files import header_info

from medlocal.engine.api import ChatMessage
from medlocal.engine.chat import ChatTemplate, fit_messages
from medlocal.engine.generation import StopFilter
from medlocal.engine.sizing import choose_gpu_layers, default_context, kv_bytes_per_token
from medlocal.engine.worker import EngineWorker
from medlocal.errors import ContextBudgetError


def words(messages: Sequence[ChatMessage]) -> int:
    return sum(len(m.content.split()) + 4 for m in messages)


def convo(turns: int, size: int = 50) -> list[ChatMessage]:
    msgs = [ChatMessage("system", "be careful")]
    for i in range(turns):
        msgs.append(ChatMessage("user", f"q{i} " + "w " * size))
        msgs.append(ChatMessage("assistant", f"a{i} " + "w " * size))
    msgs.append(ChatMessage("user", "final question"))
    return msgs


def test_fits_without_trimming() -> None:
    msgs = convo(2)
    kept, budget, report = fit_messages(msgs, 100, 10_000, words)
    assert kept == msgs and budget == 100 and not report.trimmed and report.notes == []


def test_drops_oldest_turns_keeps_system_and_last_question() -> None:
    msgs = convo(10)
    kept, budget, report = fit_messages(msgs, 100, 400, words)
    assert kept[0].role == "system" and kept[-1].content == "final question"
    assert report.trimmed and report.dropped_messages % 2 == 0
    assert words(kept) + budget <= 400
    # what survives is the most recent part of the conversation, in order
    assert kept[1:] == msgs[len(msgs) - len(kept) + 1 :]
    assert "oldest" in report.notes[0]


def test_reduces_answer_budget_when_only_that_helps() -> None:
    msgs = [ChatMessage("system", "s"), ChatMessage("user", "w " * 300)]
    _, budget, report = fit_messages(msgs, 500, 400, words)
    assert budget == 400 - words(msgs) and any("limited" in n for n in report.notes)


def test_the_note_says_thinking_and_answer_for_a_reasoning_model() -> None:
    msgs = [ChatMessage("system", "s"), ChatMessage("user", "w " * 300)]
    _, budget, report = fit_messages(msgs, 500, 400, words, thinking=True)
    assert report.notes == [
        f"The thinking and the answer together are limited to {budget} tokens to fit the context."
    ]


def test_message_too_long_is_a_clear_error() -> None:
    msgs = [ChatMessage("system", "s"), ChatMessage("user", "w " * 5000)]
    with pytest.raises(ContextBudgetError, match="too long for this model"):
        fit_messages(msgs, 100, 400, words)


def test_a_message_that_cannot_fit_is_refused_before_it_is_tokenised() -> None:
    """Walk 38: a 5 MB question took 23 s and 1.1 GB to tokenise, only to be refused. With a
    vocabulary whose tokens stand for at most 4 bytes, 400 tokens hold at most 1600 characters:
    more is refused without counting; up to that it is counted, however long it looks."""
    counted: list[int] = []
    asked: list[int] = []

    def count(messages: Sequence[ChatMessage]) -> int:
        counted.append(sum(len(m.content) for m in messages))
        return words(messages)

    def piece_bytes() -> int:
        asked.append(1)
        return 4

    system = ChatMessage("system", "s" * 100)
    over = [system, ChatMessage("user", "x" * 1501)]  # 1601 characters kept: cannot fit
    with pytest.raises(ContextBudgetError, match="1,601 characters need more than the 400"):
        fit_messages(over, 100, 400, count, piece_bytes=piece_bytes)
    assert counted == []
    # At the bound exactly, it might fit (one 1600-character token is a word here): counted.
    at_bound = [system, ChatMessage("user", "x" * 1500)]
    kept, budget, _ = fit_messages(at_bound, 100, 400, count, piece_bytes=piece_bytes)
    assert kept == at_bound and budget == 100 and counted == [1600]
    # A short text never asks for the bound (reading it walks the whole vocabulary).
    asked.clear()
    fit_messages([ChatMessage("user", "short")], 100, 400, count, piece_bytes=piece_bytes)
    assert asked == []
    # No bound known (a normalising vocabulary): counted as before, and refused by the count.
    with pytest.raises(ContextBudgetError, match="it needs 5004 tokens"):
        fit_messages([ChatMessage("user", "w " * 5000)], 100, 400, words, piece_bytes=lambda: None)


def test_older_turns_too_long_are_not_refused_by_the_bound() -> None:
    """Only what is always kept (the system prompt and the latest message) is bounded: an old
    long turn is dropped as before, not a reason to refuse."""
    msgs = [
        ChatMessage("system", "s"),
        ChatMessage("user", "old " * 2000),
        ChatMessage("assistant", "ok"),
        ChatMessage("user", "new question"),
    ]
    kept, _, report = fit_messages(msgs, 50, 400, words, piece_bytes=lambda: 1)
    assert [m.content for m in kept] == ["s", "new question"] and report.dropped_messages == 2


def test_kv_bytes_and_default_context() -> None:
    info = header_info()
    assert kv_bytes_per_token(info) == 2 * 32 * 8 * 128 * 2
    # 8 GiB free -> 2 GiB for KV -> 16384 tokens
    assert default_context(info, available_ram=8 << 30) == 16384
    assert default_context(header_info(context_length=4096), available_ram=64 << 30) == 4096
    assert default_context(info, available_ram=1 << 20) == 512  # never below a usable minimum


def test_gpu_layers() -> None:
    info = header_info()
    assert choose_gpu_layers(info, 4096, 80 << 30, supported=True) == -1
    partial = choose_gpu_layers(info, 4096, 2 << 30, supported=True)
    assert 0 < partial < 33
    assert choose_gpu_layers(info, 4096, 100 << 20, supported=True) == 0
    assert choose_gpu_layers(info, 4096, 80 << 30, supported=False) == 0
    assert choose_gpu_layers(info, 4096, None, supported=True) == -1


def test_stop_filter_holds_back_partial_stop() -> None:
    f = StopFilter(["<|im_end|>"])
    assert f.feed("Hello <|im") == ("Hello ", False)
    assert f.feed("_end|> trailing") == ("", True)
    g = StopFilter(["<|im_end|>"])
    assert g.feed("a <") == ("a ", False)
    assert g.feed("b") == ("<b", False)


def test_fallback_template_without_gguf_template() -> None:
    tmpl = ChatTemplate(None, bos_token="", eos_token="")
    rendered = tmpl.render([ChatMessage("system", "s"), ChatMessage("user", "hi")])
    assert rendered.text.endswith("Assistant:") and "User: hi" in rendered.text


def test_template_without_system_role_folds_it() -> None:
    # A template that, like Gemma's, raises on a system message.
    template = (
        "{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('no system') }}"
        "{% endif %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}<assistant>"
    )
    tmpl = ChatTemplate(template, bos_token="<s>", eos_token="</s>")
    rendered = tmpl.render([ChatMessage("system", "SYS"), ChatMessage("user", "hi")])
    assert rendered.text == "<user>SYS\n\nhi<assistant>"


def test_worker_runs_in_order_on_one_thread_and_reports_errors() -> None:
    worker = EngineWorker()
    seen: list[tuple[int, str]] = []
    futures = [
        worker.submit(lambda i=i: seen.append((i, threading.current_thread().name)))
        for i in range(20)
    ]
    for fut in futures:
        fut.result()
    assert [i for i, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {"medlocal-engine"}

    def boom() -> None:
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        worker.call(boom)
    assert worker.call(lambda: 41 + 1) == 42  # the worker survives an error
    worker.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        worker.submit(lambda: None)


def test_worker_stream_stops_producer_when_consumer_leaves() -> None:
    worker = EngineWorker()
    produced: list[int] = []
    finished = threading.Event()

    def produce(emit, stop):  # type: ignore[no-untyped-def]
        for i in range(10_000):
            if stop.is_set():
                break
            produced.append(i)
            emit(i)
            stop.wait(0.001)
        finished.set()

    for item in worker.stream(produce):
        if item == 3:
            break
    assert finished.wait(5)
    assert len(produced) < 50
    worker.shutdown()


def test_worker_stream_propagates_failure() -> None:
    worker = EngineWorker()

    def produce(emit, stop):  # type: ignore[no-untyped-def]
        emit("a")
        raise RuntimeError("native failure")

    got = []
    with pytest.raises(RuntimeError, match="native failure"):
        for item in worker.stream(produce):
            got.append(item)
    assert got == ["a"]
    worker.shutdown()
