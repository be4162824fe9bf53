"""A Stop while the real demo model reads a long prompt acts between its batches (walk 38: a
summary's Stop waited 410 s while a full-context map prompt was read), and reading the prompt
in batches changes nothing the model writes."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fixtures.model_state import cold_cache, speculation

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.generation import GenerationStats
from medlocal.engine.runtime import LlamaChatModel

SYSTEM = ChatMessage("system", "You are a concise clinical assistant.")
NOTE = (
    "Clinic 12/03/2023: BP 142/88, HbA1c 58 mmol/mol. Metformin 1 g twice daily continued; "
    "ramipril 5 mg once daily. Review in 3 months. "
)


def long_prompt(model: LlamaChatModel, tokens: int) -> list[ChatMessage]:
    text = ""
    while model.count_chat_tokens([SYSTEM, ChatMessage("user", text + NOTE)]) < tokens:
        text += NOTE
    return [SYSTEM, ChatMessage("user", text + "Summarise these notes.")]


class StopOnceRead(threading.Event):
    """Reads as set once the model has read ``tokens`` of the prompt: a Stop pressed while
    the prompt is read, at a known point."""

    def __init__(self, stats: Callable[[], GenerationStats], tokens: int) -> None:
        super().__init__()
        self.stats, self.tokens = stats, tokens

    def is_set(self) -> bool:
        return super().is_set() or self.stats().prompt_read >= self.tokens


def forget_prompt(model: LlamaChatModel) -> None:
    """Leave only the system prompt's tokens to reuse from the cache."""
    "".join(model.stream_chat([SYSTEM, ChatMessage("user", "Hi.")], SamplingParams(max_tokens=2)))


def test_a_stop_while_the_prompt_is_read_acts_before_the_rest_is_read(
    demo_chat: LlamaChatModel,
) -> None:
    forget_prompt(demo_chat)
    messages = long_prompt(demo_chat, 1200)  # two batches of 512 and a rest
    cancel = StopOnceRead(lambda: demo_chat.last_stats, 512)
    stream = demo_chat.stream_chat(messages, SamplingParams(max_tokens=16), cancel)
    stats = demo_chat.last_stats
    assert "".join(stream) == ""
    assert stats.stop_reason == "cancelled" and stats.generated_tokens == 0
    # Stopped at the first check after 512 tokens: one batch of 512 left unread, at least.
    assert 512 <= stats.prompt_read <= stats.prompt_tokens - 512
    # The engine is free and the half-read cache is no trap: the same prompt is answered.
    assert "".join(demo_chat.stream_chat(messages, SamplingParams(max_tokens=4)))


def test_reading_the_prompt_in_batches_changes_no_token(demo_chat: LlamaChatModel) -> None:
    """Both runs start from the same cache (emptied, then the system prompt left cached) and
    decode without drafting, so the batches the prompt is read in are the only difference."""
    messages = long_prompt(demo_chat, 1100)
    params = SamplingParams(temperature=0.8, max_tokens=24, seed=11)
    answers = []
    saved = demo_chat._reads_in_batches  # the session's model: left as it was found
    with speculation(demo_chat, None):
        for in_batches in (False, True):
            demo_chat._reads_in_batches = in_batches
            try:
                cold_cache(demo_chat)
                forget_prompt(demo_chat)
                answers.append("".join(demo_chat.stream_chat(messages, params)))
            finally:
                demo_chat._reads_in_batches = saved
            stats = demo_chat.last_stats
            assert stats.reused_prefix_tokens > 0 and stats.prompt_read == stats.prompt_tokens
    assert answers[0] and answers[0] == answers[1]


def test_a_sliding_window_model_reads_its_prompt_in_batches(swa_chat: LlamaChatModel) -> None:
    """Review 35: a sliding-window model (MedGemma) read its prompt in one call, so a Stop
    waited for the whole prompt and the progress line said 'read 0 of N tokens'."""
    import llama_cpp

    assert llama_cpp.llama_model_n_swa(swa_chat._llama._model.model) > 0
    assert swa_chat._reads_in_batches and swa_chat.speculation is None
    # Every cell of the window cache is kept (llama.cpp's default): with a cache of just the
    # window, cutting back to a shared prefix would find positions before it overwritten and
    # read on wrongly, in batches or in one Llama.generate call alike.
    assert swa_chat._llama.context_params.swa_full
    forget_prompt(swa_chat)
    messages = long_prompt(swa_chat, 1200)
    cancel = StopOnceRead(lambda: swa_chat.last_stats, 512)
    assert "".join(swa_chat.stream_chat(messages, SamplingParams(max_tokens=16), cancel)) == ""
    stats = swa_chat.last_stats
    assert stats.stop_reason == "cancelled" and stats.generated_tokens == 0
    assert 512 <= stats.prompt_read <= stats.prompt_tokens - 512
    assert "".join(swa_chat.stream_chat(messages, SamplingParams(max_tokens=4)))


def test_batches_on_a_sliding_window_model_change_no_token(swa_chat: LlamaChatModel) -> None:
    """The prompt (far longer than the 64-token window) is read after the cache was cut back
    to the shared system prompt, in batches and in one call: the same tokens come out."""
    params = SamplingParams(temperature=0.8, max_tokens=24, seed=5)
    answers = []
    saved = swa_chat._reads_in_batches
    # Drafting held off where the model has it (it learns its lengths from timings).
    with speculation(swa_chat, None):
        for prompt_tokens in (1100, 1700):
            messages = long_prompt(swa_chat, prompt_tokens)
            for in_batches in (False, True):
                swa_chat._reads_in_batches = in_batches
                try:
                    cold_cache(swa_chat)
                    forget_prompt(swa_chat)
                    reused = swa_chat.last_stats.prompt_tokens
                    answers.append("".join(swa_chat.stream_chat(messages, params)))
                finally:
                    swa_chat._reads_in_batches = saved
                stats = swa_chat.last_stats
                assert 0 < stats.reused_prefix_tokens < reused
                assert stats.prompt_read == stats.prompt_tokens
    assert answers[0] and answers[0] == answers[1]
    assert answers[2] and answers[2] == answers[3]
