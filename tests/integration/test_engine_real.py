"""The engine with real llama.cpp and the real demo GGUF."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from fixtures.decode_probe import without_abort_callback
from fixtures.model_state import cold_cache, speculation

from medlocal.engine.api import ChatMessage, ChatModel, Embedder, SamplingParams
from medlocal.engine.generation import GenerationStats
from medlocal.engine.runtime import Engine, LlamaChatModel, LlamaEmbedder, LoadOptions
from medlocal.errors import ContextBudgetError, ModelLoadError

SYSTEM = ChatMessage("system", "You are a concise clinical assistant.")


def ask(text: str) -> list[ChatMessage]:
    return [SYSTEM, ChatMessage("user", text)]


def test_protocols(demo_chat: LlamaChatModel, demo_embedder: LlamaEmbedder) -> None:
    assert isinstance(demo_chat, ChatModel)
    assert isinstance(demo_embedder, Embedder)
    prov = demo_chat.provenance()
    assert len(prov.sha256) == 64 and prov.n_ctx == 2048 and prov.backend == "CPU"


def test_streams_an_answer(demo_chat: LlamaChatModel) -> None:
    pieces = list(
        demo_chat.stream_chat(ask("What is metformin used for?"), SamplingParams(max_tokens=40))
    )
    assert len(pieces) > 3
    text = "".join(pieces)
    assert text.strip()
    assert "<|im_end|>" not in text and "<|im_start|>" not in text
    stats = demo_chat.last_stats
    assert 0 < stats.generated_tokens <= 40
    assert stats.stop_reason in ("end", "length")
    assert demo_chat.last_stop_reason == stats.stop_reason  # the ChatModel protocol's view
    assert stats.tokens_per_second > 0


def test_same_seed_same_answer(demo_chat: LlamaChatModel) -> None:
    """Same seed, same cache, same decode shapes: the same answer (drafting, which learns its
    lengths from timings, is held off; see fixtures.model_state)."""
    params = SamplingParams(temperature=0.9, max_tokens=24, seed=7)
    answers = []
    with speculation(demo_chat, None):
        for _ in range(2):
            cold_cache(demo_chat)
            answers.append("".join(demo_chat.stream_chat(ask("Name three symptoms."), params)))
    assert answers[0] and answers[0] == answers[1]


class _CancelRecorded(threading.Event):
    """A cancel that notes how many tokens were generated when it was set, under the same lock
    the engine thread's check takes: the engine thread runs ahead of the reader by however far
    the reader's thread is descheduled (with drafting, a verified draft is emitted at once), so
    the pieces the reader has seen say nothing about where generation was."""

    def __init__(self, stats: Callable[[], GenerationStats]) -> None:
        super().__init__()
        self._stats, self._lock = stats, threading.Lock()
        self.set_at: int | None = None

    def set(self) -> None:
        with self._lock:
            self.set_at = self._stats().generated_tokens
            super().set()

    def is_set(self) -> bool:
        with self._lock:
            return super().is_set()


@pytest.fixture(params=["abort_callback", "no_abort_callback"])
def cancel_chat(
    request: pytest.FixtureRequest, demo_chat: LlamaChatModel
) -> Iterator[LlamaChatModel]:
    """The demo chat model with its abort callback, and without it: GPU backends (CUDA, Vulkan)
    never call one, so there the generation loop's check after each token is all a Stop has
    (review 36: that check weakened to every 4th token passed while the callback ended the
    decode anyway)."""
    if request.param == "abort_callback":
        yield demo_chat
    else:
        with without_abort_callback(demo_chat):
            yield demo_chat


def test_cancel_takes_effect_within_one_token(cancel_chat: LlamaChatModel) -> None:
    demo_chat = cancel_chat
    cancel = _CancelRecorded(lambda: demo_chat.last_stats)
    for received, _ in enumerate(
        demo_chat.stream_chat(
            ask("Write a long essay about the heart."), SamplingParams(max_tokens=400), cancel
        ),
        start=1,
    ):
        if received == 5:
            cancel.set()
    stats = demo_chat.last_stats
    assert stats.stop_reason == "cancelled" and cancel.set_at is not None
    # The token in flight when cancel was set, no more.
    assert 5 <= cancel.set_at <= stats.generated_tokens <= cancel.set_at + 1


def test_abandoned_stream_frees_the_engine(demo_chat: LlamaChatModel) -> None:
    for i, _ in enumerate(
        demo_chat.stream_chat(
            ask("Describe the kidneys in detail."), SamplingParams(max_tokens=400)
        )
    ):
        if i == 2:
            break
    # The next request is served right away: the abandoned generation stopped.
    text = "".join(demo_chat.stream_chat(ask("Say hello."), SamplingParams(max_tokens=8)))
    assert text


def test_follow_up_reuses_kv_cache(demo_chat: LlamaChatModel) -> None:
    history = ask("What is hypertension? " + "Explain briefly. " * 40)
    answer = "".join(demo_chat.stream_chat(history, SamplingParams(max_tokens=16)))
    first_prompt = demo_chat.last_stats.prompt_tokens
    follow = [*history, ChatMessage("assistant", answer), ChatMessage("user", "And its treatment?")]
    "".join(demo_chat.stream_chat(follow, SamplingParams(max_tokens=8)))
    stats = demo_chat.last_stats
    assert stats.reused_prefix_tokens >= first_prompt - 2
    assert stats.prompt_tokens > stats.reused_prefix_tokens


def test_long_history_is_trimmed_not_an_error(demo_chat: LlamaChatModel) -> None:
    history = [SYSTEM]
    for i in range(30):
        history.append(ChatMessage("user", f"Question {i}: " + "tell me about the liver " * 12))
        history.append(ChatMessage("assistant", "The liver filters blood. " * 10))
    history.append(ChatMessage("user", "Summarise."))
    text = "".join(demo_chat.stream_chat(history, SamplingParams(max_tokens=16)))
    trim = demo_chat.last_stats.trim
    assert text and trim.trimmed and trim.dropped_messages > 0 and trim.notes
    assert demo_chat.last_stats.prompt_tokens + 16 <= demo_chat.n_ctx


def test_oversized_message_gets_a_clear_error(demo_chat: LlamaChatModel) -> None:
    with pytest.raises(ContextBudgetError, match="too long for this model"):
        list(demo_chat.stream_chat(ask("word " * 5000), SamplingParams(max_tokens=16)))
    # and the model still answers afterwards
    assert "".join(demo_chat.stream_chat(ask("Hi"), SamplingParams(max_tokens=4)))


def test_embeddings_normalised_and_deterministic(demo_embedder: LlamaEmbedder) -> None:
    texts = ["metformin 500 mg twice daily", "blood pressure 140/90", "", "chest pain on exertion"]
    a = demo_embedder.embed(texts)
    b = demo_embedder.embed(texts)
    assert a.shape == (4, demo_embedder.dim) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, b)
    single = demo_embedder.embed([texts[0]])
    assert np.allclose(single[0], a[0], atol=1e-4)  # batching does not change a vector
    if demo_embedder.n_gpu_layers == 0:
        # On a CPU each text has a decode of its own: its vector does not depend on the texts
        # beside it in a batch, to the last bit (packed, they moved it by up to 1e-4).
        assert np.array_equal(single[0], a[0])
        assert np.array_equal(demo_embedder.embed(texts[::-1])[::-1], a)
    assert demo_embedder.count_tokens("metformin") > 0
    assert len(demo_embedder.model_id) == 64


def test_bad_file_then_good_model_in_same_process(tmp_path: Path, demo_gguf: Path) -> None:
    engine = Engine()
    try:
        junk = tmp_path / "junk.gguf"
        junk.write_bytes(b"\x00" * 1000)
        with pytest.raises(ModelLoadError):
            engine.load_chat(junk)
        with pytest.raises(ModelLoadError):
            engine.load_chat(tmp_path / "missing.gguf")
        model = engine.load_chat(demo_gguf, LoadOptions(n_ctx=512))
        assert "".join(model.stream_chat(ask("Hi"), SamplingParams(max_tokens=4)))
        model.unload()
        with pytest.raises(ModelLoadError, match="unloaded"):
            model.count_tokens("x")
    finally:
        engine.shutdown()


def test_unload_while_other_threads_tokenize(demo_gguf: Path) -> None:
    """Tokenising runs on callers' threads; unloading must never free the model under them."""
    engine = Engine()
    try:
        model = engine.load_chat(demo_gguf, LoadOptions(n_ctx=512))
        errors: list[BaseException] = []
        stop = threading.Event()

        def hammer() -> None:
            while not stop.is_set():
                try:
                    model.count_tokens("metformin 500 mg twice daily " * 20)
                except ModelLoadError:
                    return  # the clean outcome once unloaded
                except BaseException as exc:
                    errors.append(exc)
                    return

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        model.unload()
        stop.set()
        for t in threads:
            t.join(10)
        assert errors == []
    finally:
        engine.shutdown()


@pytest.mark.parametrize("requested", [10, 300])
def test_context_size_off_llama_cpp_padding_still_generates(
    demo_gguf: Path, requested: int
) -> None:
    """llama.cpp pads the context to a multiple of 256 but llama-cpp-python's token buffer kept
    the requested size: 'ask --ctx 10' (and a prompt past 300 tokens with --ctx 300) crashed with
    an internal ValueError instead of answering or saying the message is too long."""
    engine = Engine()
    try:
        model = engine.load_chat(demo_gguf, LoadOptions(n_ctx=requested, n_threads=1))
        assert model.n_ctx % 256 == 0 and model.n_ctx >= requested
        words = requested + 50  # a prompt longer than the size requested, shorter than padded
        question = "List these: " + " ".join(["aspirin"] * words)
        try:
            text = "".join(model.stream_chat(ask(question), SamplingParams(max_tokens=4)))
        except ContextBudgetError:
            return
        assert text is not None
    finally:
        engine.shutdown()


def _greedy_tokens(model: LlamaChatModel, messages: list[ChatMessage], n: int) -> list[int]:
    """The tokens of a greedy answer from a cold cache, drafting held off."""
    with speculation(model, None):
        cold_cache(model)
        list(model.stream_chat(messages, SamplingParams(temperature=0.0, max_tokens=n)))
    prompt = model.last_stats.prompt_tokens
    return model._engine.worker.call(
        lambda: [int(t) for t in model._llama._input_ids[prompt : model._llama.n_tokens]]
    )


def test_batch_thread_choice_leaves_a_greedy_answer_as_it_was(
    engine: Engine, demo_gguf: Path
) -> None:
    """The chat model reads prompt batches on one thread where that is faster
    (engine/decode_threads.py): a 600-token prompt read in batches on one thread, then answered
    on two, gives the tokens two threads throughout give (batches split rows, not sums)."""
    history = " ".join(f"visit {i}: blood pressure stable, no new complaints." for i in range(45))
    messages = ask(f"Patient history: {history} Summarise.")
    pinned = engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048, n_threads=2, pin_threads=True))
    chosen = engine.load_chat(demo_gguf, LoadOptions(n_ctx=2048, n_threads=2))
    assert pinned.decode_threads is None  # the user's count is used as it is
    assert chosen.decode_threads is not None
    chosen.decode_threads.pick = lambda n_tokens: 1  # type: ignore[method-assign]
    try:
        assert chosen.count_chat_tokens(messages) > 512  # two batches, the second past 256
        expected = _greedy_tokens(pinned, messages, 24)
        assert len(expected) >= 20  # the last token sampled is not decoded
        assert _greedy_tokens(chosen, messages, 24) == expected
    finally:
        pinned.unload()
        chosen.unload()


def test_short_greedy_answer_same_with_one_and_two_threads(engine: Engine, demo_gguf: Path) -> None:
    """Below about 256 tokens of context even one-token steps give the same logits with any
    thread count (past it the CPU's flash attention splits a step's sum between the threads,
    which is why steps keep the configured count)."""
    answers = []
    for threads in (1, 2):
        model = engine.load_chat(
            demo_gguf, LoadOptions(n_ctx=512, n_threads=threads, pin_threads=True)
        )
        try:
            answers.append(_greedy_tokens(model, ask("Name three symptoms of anaemia."), 24))
        finally:
            model.unload()
    assert len(answers[0]) > 4 and answers[0] == answers[1]
