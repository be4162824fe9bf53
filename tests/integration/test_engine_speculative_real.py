"""Speculative decoding on the real demo model (short prompts, few tokens: the CPU is shared)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from fixtures.model_state import cold_cache, speculation

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.runtime import LlamaChatModel
from medlocal.engine.speculative import (
    LlamaTarget,
    SpeculationConfig,
    SpeculationStats,
    speculative_generate,
)

PASSAGE = (
    "Medications: metformin 500 mg twice daily, lisinopril 10 mg once daily, "
    "atorvastatin 40 mg at night. Allergies: penicillin (rash)."
)
MESSAGES = [
    ChatMessage("system", "Answer only from the passage."),
    ChatMessage("user", f"Passage: {PASSAGE}\n\nList the medications with doses, as written."),
]
# Draft whenever lookup finds a match (a fixed zero cost, not learned from timings).
FORCE = SpeculationConfig(max_draft=6, batch_cost=0.0, learn_cost=False)


@pytest.fixture
def forced(demo_chat: LlamaChatModel) -> Iterator[LlamaChatModel]:
    with speculation(demo_chat, FORCE):
        yield demo_chat


def test_every_token_is_the_argmax_of_its_own_logits(demo_chat: LlamaChatModel) -> None:
    # No repeat penalty: at temperature 0 the sampler is then exactly argmax.
    params = SamplingParams(temperature=0.0, repeat_penalty=1.0, max_tokens=40)
    prompt, _, _ = demo_chat._prompt_tokens(MESSAGES)

    def run() -> tuple[list[int], list[tuple[int, int, float]], SpeculationStats]:
        llm = demo_chat._llama
        llm.set_seed(params.seed)
        target = LlamaTarget(llm, params)
        target.record = []
        stats = SpeculationStats()
        out: list[int] = []
        for token in speculative_generate(target, prompt, FORCE, stats, params.max_tokens):
            out.append(token)
            if llm.token_eos() == token or len(out) == params.max_tokens:
                break
        return out, target.record, stats

    cold_cache(demo_chat)  # the same start on every run, whatever ran before
    out, record, stats = demo_chat._engine.worker.call(run)
    assert stats.accepted > 5  # the answer copies the passage: drafts were verified and kept
    assert len(record) == len(out)
    assert [sampled for _, sampled, _ in record] == out
    assert all(best == sampled for best, sampled, _ in record)
    # Independently: one cold batch over prompt + answer gives the same ranking wherever the
    # top two logits are not nearly tied (batched and single-token logits differ slightly).
    scored = demo_chat.score(prompt[:-1], [prompt[-1], *out[:-1]], list(range(len(out))))
    for row, token, (_, _, margin) in zip(scored.logits, out, record, strict=True):
        if margin > 0.5:
            assert int(np.argmax(row)) == token


def test_same_seed_same_output_with_speculation(forced: LlamaChatModel) -> None:
    params = SamplingParams(temperature=0.8, max_tokens=32, seed=7)
    cold_cache(forced)
    first = "".join(forced.stream_chat(MESSAGES, params))
    stats = forced.last_stats
    assert stats.drafted_tokens > 0 and 0 <= stats.accepted_tokens <= stats.drafted_tokens
    # A different request in between must not leak draft or sampler state into the next one.
    "".join(forced.stream_chat([ChatMessage("user", "Say hello.")], params))
    cold_cache(forced)
    assert "".join(forced.stream_chat(MESSAGES, params)) == first


def test_greedy_answer_matches_plain_decoding(demo_chat: LlamaChatModel) -> None:
    """With the default sampler (repeat penalty on) at temperature 0, speculation on and off
    give the same answer here; on other prompts float differences between batched and single
    logits may flip a near-tie (the benchmark reports how often)."""
    params = SamplingParams(temperature=0.0, max_tokens=32)
    # Both from an emptied cache: the second run would otherwise read its prompt from the
    # first one's cache, and the first from whatever the test before left there.
    with speculation(demo_chat, None):
        cold_cache(demo_chat)
        plain = "".join(demo_chat.stream_chat(MESSAGES, params))
    with speculation(demo_chat, FORCE):
        cold_cache(demo_chat)
        spec = "".join(demo_chat.stream_chat(MESSAGES, params))
        assert demo_chat.last_stats.accepted_tokens > 0
    assert spec == plain
