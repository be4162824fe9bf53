"""The reasoning splitter on real tokenization: the demo model's tokenizer breaks "<think>",
"</think>" and "## Final Response" into several pieces, and none of the thinking leaks."""

from __future__ import annotations

import codecs

import pytest
from fixtures.model_state import cold_cache

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.reasoning import ReasoningSplitter, ReasoningStream
from medlocal.engine.runtime import LlamaChatModel
from medlocal.engine.speculative import SpeculationConfig

THINKING = "The note says metformin 500 mg; warfarin is not mentioned."
ANSWER = "Metformin 500 mg twice daily [1]."
OUTPUTS = [
    f"<think>\n{THINKING}\n</think>\n\n{ANSWER}",
    f"<Thinking>{THINKING}</Thinking> {ANSWER}",
    f"## Thinking\n\n{THINKING}\n\n## Final Response\n\n{ANSWER}",
]


# Drafting whenever lookup finds a match, at a fixed cost (not learned from timings).
FIXED_DRAFTING = SpeculationConfig(max_draft=6, batch_cost=0.0, learn_cost=False)


@pytest.fixture
def plain(plain_demo_chat: LlamaChatModel) -> LlamaChatModel:
    """What these tests assert of the model's words (an answer after the closed block, one run
    equal to another) holds on every run: drafting held off, from an emptied cache."""
    return plain_demo_chat


def _pieces(model: LlamaChatModel, text: str) -> list[str]:
    """``text`` as the engine streams it: one decoded piece per token."""
    tokens = model.tokenize(text, special=False)
    llm = model._llama
    raw = model._engine.worker.call(lambda: [bytes(llm.detokenize([t])) for t in tokens])
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    return [decoder.decode(b) for b in raw]


@pytest.mark.parametrize("output", OUTPUTS)
def test_real_token_pieces_of_a_thinking_answer(demo_chat: LlamaChatModel, output: str) -> None:
    pieces = _pieces(demo_chat, output)
    assert "".join(pieces) == output
    opening = output.split(THINKING)[0].strip()
    assert opening not in pieces  # the tokenizer splits the tag: held back, not leaked
    splitter = ReasoningSplitter(reasons=True)  # "## Thinking" is HuatuoGPT-o1's, a reasoner
    shown = [splitter.feed(p) for p in pieces] + [splitter.flush()]
    assert "".join(shown).strip() == ANSWER
    assert splitter.thinking.strip() == THINKING
    assert splitter.thinking_pieces >= len(demo_chat.tokenize(THINKING, special=False))
    assert not any("warfarin" in s or "<" in s or "##" in s for s in shown)


def test_a_model_that_never_thinks_streams_unchanged(plain: LlamaChatModel) -> None:
    demo_chat = plain
    messages = [ChatMessage("user", "What is metformin used for?")]
    params = SamplingParams(max_tokens=40, temperature=0.0, top_k=1)
    plain_text = "".join(demo_chat.stream_chat(messages, params))
    cold_cache(demo_chat)  # the same start as the first run
    stream = ReasoningStream(demo_chat, messages, params, think_budget=64)
    assert "".join(stream) == plain_text and plain_text.strip()
    assert stream.thinking_tokens == 0 and not demo_chat.reasoning


@pytest.mark.parametrize("speculate", [True, False])
def test_the_engine_closes_a_block_at_the_budget_and_the_model_answers(
    plain: LlamaChatModel, monkeypatch: pytest.MonkeyPatch, speculate: bool
) -> None:
    """The prompt opens a thinking block (as DeepSeek-R1 templates do): the demo model's whole
    output is thinking, until the engine puts "</think>" in its mouth at the budget; what it
    writes after that is the answer, and the answer keeps its own max_tokens."""
    monkeypatch.setattr("medlocal.engine.llama_chat.prompt_opens_thinking", lambda text: True)
    demo_chat = plain
    if speculate:  # restored by the fixture's speculation() on the way out
        demo_chat.speculation = FIXED_DRAFTING
    messages = [ChatMessage("user", "List three uses of metformin, one per line.")]
    params = SamplingParams(max_tokens=24, temperature=0.0, top_k=1)
    stream = ReasoningStream(demo_chat, messages, params, think_budget=20, reserve=True)
    answer = "".join(stream)
    closing = len(demo_chat.tokenize("</think>\n\n"))
    # Stopped at the budget (the closing tag's pieces count until it is whole), not at the end.
    assert 20 <= stream.thinking_tokens <= 20 + closing
    assert answer.strip() and "</think>" not in answer
    assert not stream.capped
    generated = demo_chat.last_stats.generated_tokens
    assert generated <= 20 + closing + 24 + 1


def test_a_block_the_prompt_opened_is_closed_within_the_output_limit(
    plain: LlamaChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model the catalog does not know (no room added for its thinking) whose prompt opens
    the block: the engine closes it before the output limit, so the model still answers."""
    monkeypatch.setattr("medlocal.engine.llama_chat.prompt_opens_thinking", lambda text: True)
    messages = [ChatMessage("user", "List three uses of metformin.")]
    params = SamplingParams(max_tokens=24, temperature=0.0, top_k=1)
    stream = ReasoningStream(plain, messages, params, think_budget=64)
    answer = "".join(stream)
    assert answer.strip() and not stream.capped
    assert stream.thinking_tokens < 24


def test_the_engine_closes_a_block_only_for_a_reasoning_model_or_an_opened_prompt(
    plain: LlamaChatModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain model's "<think>" or "</think>" is its own text: the engine never closes a block
    for it; for a model known to reason it closes within the output limit it was given."""
    import medlocal.engine.llama_chat as llama_chat

    asked: list[int] = []
    real = llama_chat.close_thinking

    def spy(start, prompt, budget, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(budget)
        return real(start, prompt, budget, *args, **kwargs)

    monkeypatch.setattr(llama_chat, "close_thinking", spy)
    messages = [ChatMessage("user", "What is metformin used for?")]
    params = SamplingParams(max_tokens=16, temperature=0.0, top_k=1, think_budget=64)
    assert not plain.reasoning
    text = "".join(plain.stream_chat(messages, params))
    assert asked == [] and text.strip()
    monkeypatch.setattr(plain, "reasoning", True)
    "".join(plain.stream_chat(messages, params))
    assert asked == [8]  # 16 tokens in all: half left to the answer
