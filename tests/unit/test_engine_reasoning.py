"""A reasoning model's thinking split from its answer as the pieces stream (engine/reasoning.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest

from medlocal.engine.api import STOP_END, ChatMessage, SamplingParams
from medlocal.engine.reasoning import (
    THINKING_SETTING,
    ReasoningSplitter,
    ReasoningStream,
    ThinkingBudgetExceeded,
    ThinkingMeter,
    prompt_opens_thinking,
    split_reasoning,
    template_thinks,
)

ANSWER = "Metformin 500 mg twice daily [1]."

CASES = [
    # (output, answer, thinking)
    (f"<think>Passage 1 says metformin.</think>\n\n{ANSWER}", ANSWER, "Passage 1 says metformin."),
    (f"<THINK>upper case</THINK>{ANSWER}", ANSWER, "upper case"),
    (f"<thinking>\nweigh it\n</thinking>\n{ANSWER}", ANSWER, "weigh it"),
    (f"<Reasoning>mixed case</Reasoning> {ANSWER}", ANSWER, "mixed case"),
    # The template opened the block in the prompt: only the closing tag appears.
    (f"the dose is in passage 1</think>\n\n{ANSWER}", ANSWER, "the dose is in passage 1"),
    # HuatuoGPT-o1's sections.
    (
        f"## Thinking\n\nThe note says 500 mg.\n\n## Final Response\n\n{ANSWER}",
        ANSWER,
        "The note says 500 mg.",
    ),
    # Whitespace before the block is allowed; an opening tag after text is answer text.
    (f" \n<think>hmm</think> {ANSWER}", ANSWER, "hmm"),
    # An opening tag inside the thinking is thinking text; the first closing tag ends it.
    (f"<think>a <think> b</think>{ANSWER}", ANSWER, "a <think> b"),
    # A model that never thinks: unchanged, "<" and "##" included.
    (
        f"Dose < 1 g; ## not a heading <b> {ANSWER}",
        f"Dose < 1 g; ## not a heading <b> {ANSWER}",
        "",
    ),
    ("## Summary\n" + ANSWER, "## Summary\n" + ANSWER, ""),
]


@pytest.mark.parametrize(("output", "answer", "thinking"), CASES)
def test_every_format_is_split(output: str, answer: str, thinking: str) -> None:
    # The catalog's reasoning models (a closing tag alone ends a block the template opened).
    split = split_reasoning(output, reasons=True)
    assert (split.answer, split.thinking) == (answer, thinking)
    assert split.had_thinking == bool(thinking)
    assert not split.unclosed


@pytest.mark.parametrize(("output", "answer", "thinking"), CASES)
def test_tags_split_at_every_position_never_leak(output: str, answer: str, thinking: str) -> None:
    for cut in range(1, len(output)):
        for pieces in ([output[:cut], output[cut:]], list(output)):
            splitter = ReasoningSplitter(reasons=True)
            shown = "".join(splitter.feed(p) for p in pieces) + splitter.flush()
            assert splitter.answer.strip() == answer, (cut, pieces[:3])
            assert splitter.thinking.strip() == thinking
            if output.startswith(thinking) and thinking:
                # Opened in the prompt, unknown to the splitter: what streamed before the
                # closing tag is taken back from the answer (the model knows; see below).
                continue
            assert shown.strip() == answer, (cut, pieces[:3])  # no thinking ever shown


def test_an_unclosed_block_takes_the_rest() -> None:
    split = split_reasoning("<think>still weighing the doses when the cap")
    assert split.answer == ""
    assert split.thinking == "still weighing the doses when the cap"
    assert split.unclosed and split.had_thinking


def test_a_block_opened_in_the_prompt_is_thinking_from_the_first_piece() -> None:
    splitter = ReasoningSplitter(opened=True)
    assert splitter.feed("weighing passage 1") == ""
    assert splitter.thinking_now
    assert splitter.feed("</think>\n\n" + ANSWER) == ANSWER
    assert splitter.thinking == "weighing passage 1"


def test_no_thinking_passes_through_with_only_a_tag_prefix_held() -> None:
    splitter = ReasoningSplitter(reasons=True)
    assert splitter.feed("The dose") == "The dose"
    assert splitter.feed(" is 5 mg <") == " is 5 mg "  # "<" may begin "</think>"
    assert splitter.feed("= 10 mg") == "<= 10 mg"
    assert splitter.feed(" daily</") == " daily"  # "</" may close a block the prompt opened
    assert splitter.feed("b>") == "</b>"
    assert splitter.flush() == ""
    assert not splitter.had_thinking and splitter.thinking_pieces == 0


PLAIN_OUTPUTS = [
    f"Sure. <think>hmm</think> {ANSWER}",
    "Qwen3 wraps its reasoning in <think> tags; MedLocal hides them. " + ANSWER,
    f"Maybe warfarin 7 mg? No. </think>\n\n{ANSWER}",
    f"Models end with </think> then answer: {ANSWER}",
    f"## Thinking\nabout the dose: {ANSWER}",
    f"Consider <thinking about> risks; dose < 5 mg. {ANSWER}",
]


@pytest.mark.parametrize("output", PLAIN_OUTPUTS)
def test_a_model_not_known_to_reason_streams_its_output_unchanged(output: str) -> None:
    """Tags past the start, a closing tag alone and "## Thinking" are a plain model's own text:
    every piece comes back as it went in, at once (only the start may wait on a tag prefix)."""
    for pieces in ([output], list(output)):
        splitter = ReasoningSplitter()
        shown = [splitter.feed(p) for p in pieces]
        assert "".join(shown) + splitter.flush() == output
        assert splitter.answer == output and splitter.thinking == ""
        assert not splitter.had_thinking
        assert shown[-1] == pieces[-1]  # nothing held back past the start
    stream = ReasoningStream(
        _Thinker(list(output), reasoning=False), MESSAGES, SamplingParams(), think_budget=64
    )
    assert "".join(stream) == output


def test_an_opening_tag_counts_only_at_the_start() -> None:
    splitter = ReasoningSplitter()
    assert splitter.feed("  \n<thi") == ""  # may still open a block
    assert splitter.feed("nk>weighing</think>\n\n" + ANSWER) == "  \n" + ANSWER
    assert splitter.thinking == "weighing"
    late = ReasoningSplitter(reasons=True)
    assert late.feed("The dose <think> is") == "The dose <think> is"
    assert not late.had_thinking


def test_thinking_pieces_are_counted() -> None:
    splitter = ReasoningSplitter()
    for piece in ["<think>", "one", " two", " three", "</think>", "Answer."]:
        splitter.feed(piece)
    assert splitter.thinking_pieces == 4  # "one", " two", " three" and the closing piece
    assert splitter.answer == "Answer."


def test_templates_and_prompts_that_open_thinking() -> None:
    assert template_thinks("{% if '</think>' in content %}...{% endif %}")
    assert not template_thinks("{{ bos_token }}{% for m in messages %}{% endfor %}")
    assert not template_thinks(None)
    assert prompt_opens_thinking("<|im_start|>assistant\n<think>\n")
    assert not prompt_opens_thinking("<|im_start|>assistant\n<think>\n\n</think>\n\n")
    assert not prompt_opens_thinking("<|im_start|>assistant\n")


class _Thinker:
    """A fake chat model that writes its pieces (and records the budget it was given)."""

    n_ctx = 4096

    def __init__(self, pieces: Sequence[str], *, reasoning: bool = True) -> None:
        self.pieces = list(pieces)
        self.reasoning = reasoning
        self.asked_max_tokens = 0
        self.read = 0

    @property
    def last_stop_reason(self) -> str:
        return STOP_END

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return sum(self.count_tokens(m.content) for m in messages)

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        self.asked_max_tokens = params.max_tokens
        for piece in self.pieces[: params.max_tokens]:
            if cancel is not None and cancel.is_set():
                return
            self.read += 1
            yield piece


MESSAGES = [ChatMessage("user", "dose?")]


def test_the_thinking_has_its_own_budget_beside_the_answer() -> None:
    pieces = ["<think>", *(["hmm "] * 30), "</think>", *(["word "] * 20)]
    model = _Thinker(pieces)
    meter = ThinkingMeter()
    seen: list[int] = []
    meter.listener = seen.append
    stream = ReasoningStream(
        model, MESSAGES, SamplingParams(max_tokens=10), think_budget=64, meter=meter
    )
    answer = "".join(stream)
    assert model.asked_max_tokens == 10 + 64  # the thinking does not eat the answer's 10
    assert answer == "word " * 10  # cut at the answer's own max_tokens
    assert stream.thinking.startswith("hmm") and stream.thinking_tokens == 31
    assert seen[-1] == 30 and not meter.active
    assert "hmm" not in answer


def test_a_model_not_known_to_reason_keeps_its_budget() -> None:
    model = _Thinker(["Plain ", "answer."], reasoning=False)
    stream = ReasoningStream(model, MESSAGES, SamplingParams(max_tokens=10), think_budget=64)
    assert "".join(stream) == "Plain answer."
    assert model.asked_max_tokens == 10 and stream.thinking_tokens == 0


def test_thinking_past_the_budget_stops_with_the_setting_named() -> None:
    model = _Thinker(["<think>", *(["hmm "] * 500)])
    stream = ReasoningStream(model, MESSAGES, SamplingParams(max_tokens=10), think_budget=64)
    with pytest.raises(ThinkingBudgetExceeded, match=THINKING_SETTING):
        list(stream)
    assert model.read <= 66  # stopped at the cap, not at the end of the stream
    assert stream.capped

    quiet = ReasoningStream(
        _Thinker(["<think>", *(["hmm "] * 500)]),
        MESSAGES,
        SamplingParams(max_tokens=10),
        think_budget=64,
        on_cap="stop",
    )
    assert list(quiet) == [] and quiet.capped


def test_cancel_works_while_thinking() -> None:
    cancel = threading.Event()
    model = _Thinker(["<think>", *(["hmm "] * 500)])
    stream = ReasoningStream(
        model, MESSAGES, SamplingParams(max_tokens=10), cancel, think_budget=1000
    )
    meter = stream.meter
    meter.listener = lambda n: cancel.set() if n >= 5 else None
    assert list(stream) == []  # cancelled, not "no answer"
    assert model.read < 10


def test_close_thinking_puts_the_closing_tag_in_the_models_mouth() -> None:
    """At the budget the closing tag is yielded as if generated and generation restarts after
    it, with the prompt, what was generated and the tag as its new prompt."""
    from medlocal.engine.reasoning import close_thinking

    vocab = {1: "<think>", 2: "hmm ", 3: "</think>", 4: "\n\n", 5: "Answer", 6: "."}
    ids = {text: token for token, text in vocab.items()}
    starts: list[list[int]] = []
    closed: list[bool] = []

    def start(prompt: list[int]) -> Iterator[int]:
        starts.append(prompt)
        try:
            if len(starts) == 1:
                yield 1
                while True:
                    yield 2  # would think forever
            else:
                yield from (5, 6)
        finally:
            closed.append(True)

    out = list(
        close_thinking(
            start,
            [9, 9],
            5,
            lambda t: vocab[t].encode(),
            lambda text: [ids["</think>"], ids["\n\n"]] if text == "</think>\n\n" else [],
        )
    )
    assert out == [1, 2, 2, 2, 2, 2, 3, 4, 5, 6]
    assert starts == [[9, 9], [9, 9, 1, 2, 2, 2, 2, 2, 3, 4]]
    assert closed == [True, True]
    split = split_reasoning("".join(vocab[t] for t in out))
    assert split.answer == "Answer." and split.thinking == "hmm hmm hmm hmm hmm"


def test_an_engine_that_closes_thinking_is_asked_to() -> None:
    class Closer(_Thinker):
        closes_thinking = True

        def stream_chat(self, messages, params, cancel=None):  # type: ignore[no-untyped-def]
            self.asked_think_budget = params.think_budget
            return super().stream_chat(messages, params, cancel)

    model = Closer(["<think>", *(["hmm "] * 70), "</think>", "Answer."])
    stream = ReasoningStream(model, MESSAGES, SamplingParams(max_tokens=10), think_budget=64)
    assert "".join(stream) == "Answer."  # a few pieces past the budget is not a failure
    assert model.asked_think_budget == 64


def test_the_engine_closes_the_block_early_enough_to_leave_the_answer_room() -> None:
    from medlocal.engine.chat import MIN_ANSWER_TOKENS
    from medlocal.engine.llama_chat import thinking_close_at

    # Room added for the thinking (512 answer + 1024 thinking) and all of it fits: the budget.
    asked = SamplingParams(max_tokens=512 + 1024, think_budget=1024)
    assert thinking_close_at(asked, 1536) == 1024
    # The context cut the output to 600 tokens: the answer keeps its 512 (under half: 300).
    assert thinking_close_at(asked, 600) == 300
    assert thinking_close_at(asked, 1200) == 1200 - 512
    # No room added (a model the catalog does not know, its prompt opened the block).
    plain = SamplingParams(max_tokens=24, think_budget=64)
    assert thinking_close_at(plain, 24) == 12
    assert thinking_close_at(SamplingParams(max_tokens=200, think_budget=64), 200) == 64
    assert thinking_close_at(SamplingParams(max_tokens=200, think_budget=180), 200) == (
        200 - MIN_ANSWER_TOKENS
    )
    assert thinking_close_at(SamplingParams(max_tokens=200), 200) == 0  # not asked


def test_the_prompt_opening_the_block_comes_with_the_stream() -> None:
    """Not from the model's shared state: a stream another request started later cannot
    change what this one's splitter was told."""
    from medlocal.engine.reasoning import ThinkingPieces

    class Opener(_Thinker):
        def stream_chat(self, messages, params, cancel=None):  # type: ignore[no-untyped-def]
            self.last_prompt_opened_thinking = False  # as if another request rendered since
            return ThinkingPieces(iter(self.pieces), True)

    model = Opener(["weighing", "</think>", "Answer."], reasoning=False)
    stream = ReasoningStream(model, MESSAGES, SamplingParams(), think_budget=64)
    assert "".join(stream) == "Answer." and stream.thinking == "weighing"


@pytest.mark.parametrize(
    "output",
    [
        "##Thinking\nLet me see.\n## Final Response\nGive 5 mg.",
        "## Thinking\nLet me see.\n##  Final  Response\nGive 5 mg.",
        "  ##\tThinking \r\nLet me see.\r\n##Final Response\r\nGive 5 mg.",
    ],
)
def test_huatuo_sections_split_one_character_at_a_time_as_whole(output: str) -> None:
    """The held-back check follows the full match's spacing: "##Thinking" and "##  Final
    Response" fed a character at a time split as they do whole."""
    for pieces in ([output], list(output)):
        splitter = ReasoningSplitter(reasons=True)
        shown = "".join(splitter.feed(p) for p in pieces) + splitter.flush()
        assert shown.strip() == "Give 5 mg." and splitter.thinking.strip() == "Let me see."


def test_the_thinking_budget_default_is_the_settings_declared_one() -> None:
    import inspect

    from medlocal.app.outputs import summarize_patient
    from medlocal.engine.reasoning import DEFAULT_THINK_BUDGET
    from medlocal.rag.answer import GroundedAnswerer
    from medlocal.rag.export import chat_model_line
    from medlocal.rag.summarize import Summarizer
    from medlocal.settings import Settings, declared_default

    assert DEFAULT_THINK_BUDGET == declared_default("thinking_budget") == Settings().thinking_budget
    for where in (
        inspect.signature(GroundedAnswerer.__init__),
        inspect.signature(Summarizer.__init__),
        inspect.signature(chat_model_line),
        inspect.signature(summarize_patient),
    ):
        assert where.parameters["think_budget"].default is DEFAULT_THINK_BUDGET
