"""Walk 33: an answer stopped at the length limit ("...and it") said nothing of it, and a
paragraph the demo model wrote three times over was kept, where summaries flag both. Answers
now drop a loop (the same words said again; flagged), stop the model once it loops, and flag an
answer the engine stopped at its length limit."""

from __future__ import annotations

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.engine.api import SamplingParams
from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.flags import unsupported_draft
from medlocal.rag.loops import without_loops
from medlocal.rag.passages import Scope

PASSAGE = "Clinic letter. She takes metformin 500 mg twice daily. HbA1c 58 mmol/mol in May."
PARAGRAPH = "She takes metformin 500 mg twice daily [1]. Her HbA1c was 58 mmol/mol [1]."


def _ask(reply: str, max_tokens: int = 512) -> GroundedAnswer:
    return _ask_model(FakeChatModel(reply), max_tokens)


def _ask_model(model: FakeChatModel, max_tokens: int = 512) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        model,  # type: ignore[arg-type]
        FakeRetriever([hit(1, PASSAGE, vector_score=0.8)]),
        FakeEmbedder(),  # type: ignore[arg-type]
        params=SamplingParams(max_tokens=max_tokens),
        model_check=False,
    )
    stream = answerer.ask("What does she take for her diabetes?", Scope(patient_id=1))
    list(stream)
    return stream.result


def test_a_paragraph_said_three_times_is_kept_once_and_flagged() -> None:
    answer = _ask("\n\n".join([PARAGRAPH] * 3))
    assert answer.status == "answered"
    assert answer.text.count("metformin") == 1
    (flag,) = [f for f in answer.flags if f.kind == "degenerate_output"]
    assert flag.sentence == -1 and "3 times" in flag.message


def test_bullets_written_again_and_again_are_kept_once() -> None:
    bullets = "- Metformin 500 mg twice daily [1]\n- HbA1c 58 mmol/mol [1]\n"
    answer = _ask("Her diabetes care:\n" + bullets * 3)
    assert answer.text.count("Metformin") == 1 and answer.text.count("HbA1c") == 1
    assert any(f.kind == "degenerate_output" for f in answer.flags)


def test_lines_alike_but_for_their_numbers_are_a_real_list() -> None:
    text = "HbA1c 58 mmol/mol [1]\nHbA1c 61 mmol/mol\nHbA1c 64 mmol/mol\nHbA1c 66 mmol/mol\n"
    kept, loops = without_loops(text + "HbA1c 70 mmol/mol\n")
    assert loops == () and kept.count("HbA1c") == 5


def test_a_runaway_loop_stops_the_model_early() -> None:
    answer = _ask("She takes metformin 500 mg twice daily [1].\n" + "See the clinic letter.\n" * 40)
    assert answer.raw_text.count("See the clinic letter.") < 40
    (flag,) = [f for f in answer.flags if f.kind == "degenerate_output"]
    assert "stopped the model once it looped" in flag.message


def test_an_answer_stopped_at_the_length_limit_is_flagged() -> None:
    answer = _ask("She takes metformin 500 mg twice daily [1] and it", max_tokens=10)
    (flag,) = [f for f in answer.flags if f.kind == "cut_short"]
    assert flag.sentence == -1 and "length limit (10 tokens)" in flag.message
    assert "Longest answer" in flag.message


def test_a_whole_answer_gets_neither_flag() -> None:
    answer = _ask(PARAGRAPH)
    assert not [f for f in answer.flags if f.kind in {"cut_short", "degenerate_output"}]


def test_a_long_list_alike_but_for_its_numbers_is_streamed_whole() -> None:
    """Review 32b: the watch read 8 rows alike but for their numbers as a runaway loop and
    stopped a 12-row HbA1c list at its eighth row, unflagged."""
    rows = "".join(f"- {day:02d}/03/2024: HbA1c {50 + day} mmol/mol\n" for day in range(1, 13))
    answer = _ask("Her HbA1c readings [1]:\n" + rows + "It rose over March [1].")
    # The passage holds none of the twelve values, so every statement is flagged and the whole
    # list is set aside as the model's draft (walk 39 item 4): kept whole there, not cut.
    assert answer.status == "not_found"
    draft = unsupported_draft(answer.flags)
    assert answer.raw_text.count("HbA1c") == 13 and draft.count("HbA1c") == 13
    assert not [f for f in answer.flags if f.kind == "degenerate_output"]


def test_one_sentence_under_different_findings_is_no_loop() -> None:
    text = (
        "- CT head 03/2021 [1]. No acute abnormality.\n"
        "- CT head 06/2022 [1]. No acute abnormality.\n"
        "- MRI brain 01/2024 [1]. No acute abnormality.\n"
        "Blood pressure 130/80 mmHg, 130/80 mmHg, 130/80 mmHg on three visits [1].\n"
    )
    kept, loops = without_loops(text)
    assert loops == () and kept == text.strip()


def test_a_loop_after_thinking_the_template_opened_keeps_the_thinking_out() -> None:
    """Review 32b: with a block the template opened (seen only at its closing tag), the loop
    watch kept the thinking it had read as answer text."""
    from medlocal.engine.reasoning import ReasoningStream

    reply = (
        "Okay, the user asks about diabetes. Passage 1 names metformin.\n</think>\n"
        "She takes metformin 500 mg twice daily [1].\n" + "See the clinic letter.\n" * 12
    )
    model = FakeChatModel(reply)
    model.reasoning = True  # type: ignore[attr-defined]
    stream = ReasoningStream(model, [], SamplingParams(max_tokens=512), None, think_budget=64)  # type: ignore[arg-type]
    assert "".join(stream).startswith("Okay")  # streamed before the closing tag took it back
    answer = _ask_model(model)
    assert "Okay" not in answer.text and "Okay" not in answer.raw_text
    assert answer.text.startswith("She takes metformin")
