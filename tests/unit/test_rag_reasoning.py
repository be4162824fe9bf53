"""A reasoning model (thinking, then an answer with citations) in grounded answers and summaries:
the thinking is never the answer, never checked, cited or saved; the answer after it is."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, FakeStore, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.reasoning import ThinkingBudgetExceeded, ThinkingMeter
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.passages import Scope
from medlocal.rag.summarize import Summarizer
from medlocal.rag.templates import get_template

HITS = [
    hit(11, "Metformin 500 mg twice daily for type 2 diabetes.", score=0.9, start=0),
    hit(12, "Blood pressure 142/90 mmHg. Lisinopril 10 mg daily.", score=0.7, start=60, page=2),
]
SCOPE = Scope(patient_id=1)
# Thinking that would be flagged if it were checked: a dose and a drug no passage holds.
THINKING = "Passage 2 maybe says warfarin 7 mg [2]? No, look again at passage 1."
ANSWER = "The patient takes metformin 500 mg twice daily [1]."

OUTPUTS = {
    "think": f"<think>{THINKING}</think>\n\n{ANSWER}",
    "huatuo": f"## Thinking\n\n{THINKING}\n\n## Final Response\n\n{ANSWER}",
}


class ThinkingModel(FakeChatModel):
    reasoning = True  # as the catalog says of II-Medical and HuatuoGPT-o1


def answerer(model: FakeChatModel, **kw: object) -> GroundedAnswerer:
    return GroundedAnswerer(model, FakeRetriever(HITS), FakeEmbedder(), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("form", sorted(OUTPUTS))
def test_a_grounded_answer_after_thinking_is_checked_without_it(form: str) -> None:
    model = ThinkingModel(OUTPUTS[form])
    store = FakeStore()
    session = ChatSession(answerer(model, think_budget=200), store, SCOPE)  # type: ignore[arg-type]
    meter = ThinkingMeter()
    stream = session.ask("What dose of metformin?", meter=meter)
    shown = "".join(stream)
    result = stream.result
    assert "warfarin" not in shown and "Thinking" not in shown
    assert result.status == "answered"
    assert result.text == ANSWER
    assert "warfarin" not in result.raw_text
    assert result.flags == []  # nothing flagged from the thinking's "warfarin 7 mg [2]"
    assert [s.number for s in result.sources] == [1]  # its [2] is no citation
    assert result.thinking == THINKING and result.thinking_tokens > 5
    assert meter.tokens == result.thinking_tokens
    saved = store.outputs[session.last_output_id]  # type: ignore[index]
    assert "warfarin" not in repr(saved)
    assert saved["provenance"]["thinking"] == {"tokens": result.thinking_tokens, "budget": 200}
    assert "think_budget" not in saved["provenance"]["sampling"]
    assert "warfarin" not in repr(store.chats) and "warfarin" not in repr(store.events)


def test_the_thinking_has_room_beside_the_answer_and_its_own_cap() -> None:
    model = ThinkingModel(OUTPUTS["think"])
    asked: list[int] = []
    stream_chat = model.stream_chat

    def spy(messages, params, cancel=None):  # type: ignore[no-untyped-def]
        asked.append(params.max_tokens)
        return stream_chat(messages, params, cancel)

    model.stream_chat = spy  # type: ignore[method-assign]
    result = answerer(model, params=SamplingParams(max_tokens=64), think_budget=300)
    assert result.ask("metformin dose?", SCOPE).consume().text == ANSWER
    assert asked == [64 + 300]

    endless = ThinkingModel("<think>" + "hmm " * 400)
    with pytest.raises(ThinkingBudgetExceeded, match="thinking_budget"):
        answerer(endless, think_budget=100).ask("metformin dose?", SCOPE).consume()


def test_a_follow_up_reads_the_answer_without_the_thinking() -> None:
    model = ThinkingModel([OUTPUTS["think"], OUTPUTS["huatuo"]])
    store = FakeStore()
    session = ChatSession(answerer(model), store, SCOPE)  # type: ignore[arg-type]
    session.ask("Which diabetes medicine?").consume()
    session.ask("And its dose?").consume()
    assert "warfarin" not in repr(model.calls[1])


def _thinks_then_echoes(messages: Sequence[ChatMessage]) -> str:
    user = messages[-1].content
    if user.startswith("Passages:"):
        facts = [line for line in user.split("\n") if line.startswith("Day ")]
        body = " ".join(f"{fact.rstrip('.')} [{i}]." for i, fact in enumerate(facts, 1))
    else:
        body = user.split("\n")[2]
    return f"<think>{THINKING}</think>\n{body}"


def test_a_summary_from_a_reasoning_model_holds_no_thinking() -> None:
    record = [
        hit(i, f"Day {i}: metformin {100 + i} mg given, glucose {5 + i / 10:.1f} mmol/L.")
        for i in range(1, 4)
    ]
    model = ThinkingModel(_thinks_then_echoes, n_ctx=2048)
    summary = Summarizer(model, params=SamplingParams(max_tokens=60), think_budget=200).summarize(
        record, get_template("soap")
    )
    assert "warfarin" not in summary.text and "look again" not in summary.text
    assert "metformin 101 mg" in summary.text
    assert not [f for f in summary.flags if "7 mg" in f.token or "warfarin" in f.message]


def test_the_export_model_line_reads_only_the_answer() -> None:
    from medlocal.rag.export import chat_model_line

    thinking = "Is Aspen a name?\nPERSON: Aspen\nNo: Aspen is the ward."
    model = ThinkingModel(f"<think>{thinking}</think>\nPERSON: Ada Quennell")
    proposals = chat_model_line(model, think_budget=200)("Ada Quennell was seen on Aspen ward.")
    assert [value for _, value in proposals] == ["Ada Quennell"]
    endless = ThinkingModel("<think>\nPERSON: Aspen\n" + "hmm " * 400)
    assert chat_model_line(endless, think_budget=50)("Seen on Aspen ward.") == []


def test_no_room_for_the_thinking_names_both_settings() -> None:
    from medlocal.errors import ContextBudgetError

    model = ThinkingModel(OUTPUTS["think"], n_ctx=1024)
    asking = answerer(model, params=SamplingParams(max_tokens=256), think_budget=1024)
    with pytest.raises(ContextBudgetError, match=r"max_tokens = 256.*thinking_budget = 1024"):
        asking.ask("metformin dose?", SCOPE).consume()


def test_thinking_cut_off_by_the_output_limit_is_no_answer() -> None:
    """The output ended inside the thinking (the length stop came first): no empty answer and
    no grounded 'No supported answer' is saved; the error names the settings to raise."""
    model = ThinkingModel(f"<think>{THINKING} and more thinking")
    store = FakeStore()
    session = ChatSession(answerer(model, think_budget=200), store, SCOPE)  # type: ignore[arg-type]
    stream = session.ask("What dose of metformin?")
    with pytest.raises(ThinkingBudgetExceeded) as caught:
        "".join(stream)
    for setting in ("thinking_budget", "max_tokens", "context_tokens"):
        assert setting in str(caught.value)
    assert session.last_output_id is None
    assert not store.outputs


def test_no_room_for_the_thinking_suggests_a_budget_that_fits() -> None:
    import re

    from medlocal.errors import ContextBudgetError
    from medlocal.rag.context import fit_passages

    model = ThinkingModel("x", n_ctx=2048)
    with pytest.raises(ContextBudgetError) as caught:
        fit_passages(model, [], lambda p, h: [], max_tokens=512, thinking=2048)
    message = str(caught.value)
    suggested = re.search(r"settings set thinking_budget (\d+)", message)
    assert suggested and "set max_tokens" not in message
    budget = int(suggested.group(1))
    assert budget >= 64 and 512 + budget < 2048  # it fits, with room for the question
    fit_passages(model, [], lambda p, h: [], max_tokens=512, thinking=budget)
    # No thinking budget fits beside this answer length: both settings are named.
    with pytest.raises(ContextBudgetError, match=r"Lower max_tokens and the thinking budget"):
        fit_passages(model, [], lambda p, h: [], max_tokens=2040, thinking=2048)


def test_a_summary_without_room_for_the_thinking_names_the_settings() -> None:
    from medlocal.errors import ContextBudgetError

    model = ThinkingModel("x", n_ctx=1024)
    summarizer = Summarizer(model, params=SamplingParams(max_tokens=256), think_budget=1024)
    with pytest.raises(
        ContextBudgetError,
        match=r"summary_step_tokens = 256.*thinking_budget = 1024.*set thinking_budget 256",
    ):
        summarizer.summarize([hit(1, "Metformin 500 mg.")], get_template("soap"))


class ScoringThinker(ThinkingModel):
    """A reasoning model that can score: the model check and chat reranking read P(yes) at the
    end of what it is given (recorded in ``scored``)."""

    def __init__(self, script: str, chat_template: str, *, opens: bool = False) -> None:
        from types import SimpleNamespace

        super().__init__(script)
        self.info = SimpleNamespace(chat_template=chat_template)
        head = "<|im_start|>assistant\n" + ("<think>\n" if opens else "")
        self.template = SimpleNamespace(
            render=lambda messages: SimpleNamespace(
                text="".join(m.content for m in messages) + head, stop=()
            )
        )
        self.scored: list[str] = []

    def tokenize(self, text: str, *, special: bool = True) -> list[int]:
        word = text.strip() if len(text) <= 4 else text  # " yes" is one "yes" token
        return [ord(c) % 256 for c in word]

    def score(self, prefix, tokens, positions=(-1,)):  # type: ignore[no-untyped-def]
        from types import SimpleNamespace

        import numpy as np

        self.scored.append("".join(chr(t) for t in tokens))
        logits = np.zeros((1, 256))
        logits[0, ord("y")] = 5.0
        return SimpleNamespace(logits=logits, reused_prefix_tokens=0)


QWEN3_TEMPLATE = "{% if '</think>' in content %}{% endif %}"


@pytest.mark.parametrize("opens", [False, True])
def test_a_reasoning_model_is_checked_after_a_closed_empty_thinking_block(opens: bool) -> None:
    """Its first token would be "<think>", not yes or no: the check and the judge score after
    an empty block closed, where the template knows the block."""
    from medlocal.rag.rerank import chat_judge_for
    from medlocal.rag.support import support_check_for

    model = ScoringThinker(ANSWER, QWEN3_TEMPLATE, opens=opens)
    check = support_check_for(model)
    assert check is not None
    assert check.probability("Metformin 500 mg.", [1], {1: HITS[0].text}) > 0.5
    judge = chat_judge_for(model)
    assert judge is not None and judge.probabilities("dose?", ["Metformin 500 mg."])[0] > 0.5
    for scored in model.scored:
        assert scored.endswith("assistant\n<think>\n\n</think>\n\n")


def test_a_reasoning_model_without_a_block_to_close_is_not_checked_and_provenance_says() -> None:
    from medlocal.rag.rerank import chat_judge_for
    from medlocal.rag.support import REASONING_SKIP, support_check_for

    huatuo = ScoringThinker(OUTPUTS["huatuo"], "{{ messages }}")  # no thinking tags
    assert support_check_for(huatuo) is None and chat_judge_for(huatuo) is None
    session = ChatSession(answerer(huatuo, think_budget=200), FakeStore(), SCOPE)  # type: ignore[arg-type]
    stream = session.ask("What dose of metformin?")
    "".join(stream)
    assert stream.result.provenance["model_check"] == REASONING_SKIP
    assert not huatuo.scored
    plain = ScoringThinker(ANSWER, "{{ messages }}")
    plain.reasoning = False  # type: ignore[misc]
    assert support_check_for(plain) is not None
    session = ChatSession(answerer(plain), FakeStore(), SCOPE)  # type: ignore[arg-type]
    stream = session.ask("What dose of metformin?")
    "".join(stream)
    assert "model_check" not in stream.result.provenance
    assert plain.scored and not plain.scored[0].endswith("</think>\n\n")
