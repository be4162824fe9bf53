"""A Stop acts inside the decode llama.cpp is running (its abort callback), not after it: the
prompt's last batch, a generated token's decode and a speculative verification batch end the
request as cancelled at once, and the cache they leave answers the next request as a fresh
one would. On a loaded two-core machine a 7B model's batch of 512 tokens takes 15-50 s."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import llama_cpp
import pytest
from fixtures.decode_probe import DecodeProbe, probe_decodes
from fixtures.model_state import cold_cache, speculation

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.generation import GenerationStats
from medlocal.engine.runtime import Engine, LlamaChatModel, LoadOptions
from medlocal.engine.speculative import SpeculationConfig

SYSTEM = ChatMessage("system", "You are a concise clinical assistant.")
NOTE = (
    "Clinic 12/03/2023: BP 142/88, HbA1c 58 mmol/mol. Metformin 1 g twice daily continued; "
    "ramipril 5 mg once daily. Review in 3 months. "
)
SAMPLED = SamplingParams(temperature=0.8, max_tokens=16, seed=7)


def long_prompt(model: LlamaChatModel, tokens: int) -> list[ChatMessage]:
    text = ""
    while model.count_chat_tokens([SYSTEM, ChatMessage("user", text + NOTE)]) < tokens:
        text += NOTE
    return [SYSTEM, ChatMessage("user", text + "Summarise these notes.")]


def stop_inside_a_decode(
    model: LlamaChatModel,
    messages: list[ChatMessage],
    params: SamplingParams,
    when: Callable[[GenerationStats], bool],
) -> tuple[str, GenerationStats, DecodeProbe, int]:
    """Run ``messages``; once a decode starts with ``when(stats)`` true, press Stop from this
    thread while llama.cpp is inside that decode. The answer, the request's figures, the
    probe and the tokens generated when Stop was pressed."""
    cancel = threading.Event()
    stream = model.stream_chat(messages, params, cancel)
    stats = model.last_stats
    answer: list[str] = []
    with probe_decodes(model, lambda: when(stats)) as probe:
        reader = threading.Thread(target=lambda: answer.append("".join(stream)))
        reader.start()
        assert probe.entered.wait(300), "the decode to stop in never started"
        generated_at_stop = stats.generated_tokens  # the engine is held inside the decode
        cancel.set()
        reader.join(120)
        assert not reader.is_alive(), "the request did not end after Stop"
    assert not probe.flag_timed_out, "the Stop never reached llama.cpp's abort flag"
    assert not [t for t in threading.enumerate() if t.name == "medlocal-stop-watch"]
    assert not model._abort.is_set()  # later work on the context is not aborted
    return answer[0], stats, probe, generated_at_stop


@pytest.mark.parametrize("fixture", ["demo_chat", "swa_chat"])
def test_a_stop_during_the_prompts_last_batch_aborts_it(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """The last batch is read by Llama.generate, which never looked at cancel: the Stop used to
    wait for it and for the first token."""
    model: LlamaChatModel = request.getfixturevalue(fixture)
    messages = long_prompt(model, 700)  # one batch of 512 read first, then the last batch
    with speculation(model, None):
        cold_cache(model)
        answer, stats, probe, _ = stop_inside_a_decode(
            model, messages, SAMPLED, lambda s: s.prompt_read >= 512
        )
        assert answer == ""
        assert stats.stop_reason == "cancelled" and stats.generated_tokens == 0
        assert stats.prompt_read == 512
        assert probe.calls_after_stop == 1  # aborted at the next graph node
        # The next request finds the batch read before the Stop and reads the rest as a
        # request on an emptied cache does.
        again = "".join(model.stream_chat(messages, SAMPLED))
        assert model.last_stats.reused_prefix_tokens == 512
        cold_cache(model)
        fresh = "".join(model.stream_chat(messages, SAMPLED))
    assert again and again == fresh


@pytest.mark.parametrize(
    "drafting",
    [None, SpeculationConfig(max_draft=4, batch_cost=0.0, learn_cost=False)],
    ids=["plain", "speculative"],
)
def test_a_stop_during_a_generated_tokens_decode_aborts_it(
    demo_chat: LlamaChatModel, drafting: SpeculationConfig | None
) -> None:
    """Plain generation (Llama.generate) or a speculative verification batch: the token being
    decoded is not produced, and the cache it leaves is no trap for the next request."""
    messages = [SYSTEM, ChatMessage("user", NOTE * 3 + "Repeat the note.")]
    cold_cache(demo_chat)
    with speculation(demo_chat, drafting):
        answer, stats, probe, at_stop = stop_inside_a_decode(
            demo_chat, messages, SAMPLED, lambda s: s.generated_tokens >= 3
        )
    assert stats.stop_reason == "cancelled"
    assert at_stop >= 3 and stats.generated_tokens == at_stop  # nothing after the Stop
    assert answer
    assert probe.calls_after_stop == 1

    other = [SYSTEM, ChatMessage("user", "List the medicines in this note: " + NOTE)]
    with speculation(demo_chat, None):
        after_stop = "".join(demo_chat.stream_chat(other, SAMPLED))
        assert demo_chat.last_stats.reused_prefix_tokens > 0  # the stopped request's prefix
        cold_cache(demo_chat)
        fresh = "".join(demo_chat.stream_chat(other, SAMPLED))
    assert after_stop and after_stop == fresh


def test_a_stop_inside_a_decode_prints_nothing_of_llama_cpps(
    demo_chat: LlamaChatModel,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Walk 38: each aborted decode printed llama.cpp's warning "decode: removing memory module
    entries ..." on the terminal (and its errors "failed to decode, ret = 2"): internal, for
    the debug log only (engine/llama_log.py)."""
    import logging

    caplog.set_level(logging.DEBUG, logger="medlocal.llama_cpp")
    messages = [SYSTEM, ChatMessage("user", NOTE * 3 + "Repeat the note.")]
    cold_cache(demo_chat)
    capfd.readouterr()
    with speculation(demo_chat, None):
        _, stats, _, _ = stop_inside_a_decode(
            demo_chat, messages, SAMPLED, lambda s: s.generated_tokens >= 3
        )
    assert stats.stop_reason == "cancelled"
    assert capfd.readouterr().err == ""
    logged = [r.getMessage() for r in caplog.records if r.name == "medlocal.llama_cpp"]
    assert any("removing memory module entries" in line for line in logged)
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "medlocal.llama_cpp")


@pytest.fixture(scope="module")
def ubatched_chat(engine: Engine, demo_gguf: Path) -> LlamaChatModel:
    """The demo model computing each batch of 512 tokens in ubatches of 128: an aborted decode
    call can leave the ubatches it finished before the aborted one in the cache."""
    return engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048, n_ubatch=128, speculative_draft=0))


def last_cached_position(model: LlamaChatModel) -> int:
    """The cache's last position of sequence 0 (-1 when empty), read on the calling thread
    (llama.cpp's abort callback runs on the thread inside the decode)."""
    memory = llama_cpp.llama_get_memory(model._llama._ctx.ctx)
    return int(llama_cpp.llama_memory_seq_pos_max(memory, 0))


def test_a_stop_in_a_later_ubatch_leaves_the_cache_where_n_tokens_says(
    ubatched_chat: LlamaChatModel,
) -> None:
    """Review 36: with one ubatch per batch llama.cpp's own removal of the aborted ubatch left
    nothing to cut, so this file passed with ``forget_aborted`` a no-op. Here the prompt's last
    batch (about 300 tokens: ubatches of 128, 128 and the rest) is stopped in its second
    ubatch or later, after its first one was written to the cache."""
    model = ubatched_chat
    assert model._llama.n_batch == 512 and model._llama.context_params.n_ubatch == 128
    messages = long_prompt(model, 812)
    with speculation(model, None):
        cold_cache(model)
        answer, stats, probe, _ = stop_inside_a_decode(
            model,
            messages,
            SAMPLED,
            # Inside the last batch (read by Llama.generate) once its first ubatch is cached.
            lambda s: s.prompt_read >= 512 and last_cached_position(model) >= 512 + 128,
        )
        assert answer == ""
        assert stats.stop_reason == "cancelled" and stats.prompt_read == 512
        assert probe.calls_after_stop == 1
        # The cache ends exactly where llama-cpp-python's n_tokens says: the first batch.
        n_tokens, last = model._engine.worker.call(
            lambda: (model._llama.n_tokens, last_cached_position(model))
        )
        assert (n_tokens, last) == (512, 511)
        again = "".join(model.stream_chat(messages, SAMPLED))
        assert model.last_stats.reused_prefix_tokens == 512
        cold_cache(model)
        fresh = "".join(model.stream_chat(messages, SAMPLED))
    assert again and again == fresh
