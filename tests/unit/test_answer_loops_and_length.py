"""Walk 33: an answer stopped at the length limit ("...and it") said nothing of it, and a
paragraph the demo model wrote three times over was kept, where summaries flag both. Answers
now drop a loop (the same words said again; flagged), stop the model once it loops, and flag an
answer the engine stopped at its length limit."""

from __future__ import annotations

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.engine.api import SamplingParams
from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.section_guard import without_loops

PASSAGE = "Clinic letter. She takes metformin 500 mg twice daily. HbA1c 58 mmol/mol in May."
PARAGRAPH = "She takes metformin 500 mg twice daily [1]. Her HbA1c was 58 mmol/mol [1]."


def _ask(reply: str, max_tokens: int = 512) -> GroundedAnswer:
    model = FakeChatModel(reply)
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
