"""Questions asking for an overall picture ("How is she doing?"): walk 39 of session 39 got a
bare "Not found in the selected documents." for it beside a letter saying "much less
breathless", and "How is he getting on?" was refused before the model because no passage named
"getting"."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.cli.answer_sources import print_answer_sources
from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.open_questions import is_open_question
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE, OPEN_QUESTION_HINT

SCOPE = Scope(patient_id=1)
LETTER = hit(
    21,
    "Heart failure clinic: she is much less breathless, walking 200 yards on the flat, weight"
    " down 2 kg since the furosemide was increased.",
    file_name="clinic_letter_2026-11-02.docx",
    page=None,
)
NURSE = hit(
    22,
    "Community nurse review: ankles less swollen, BP 128/76, taking her medicines as prescribed.",
    file_name="hf_nurse_note.txt",
    page=None,
)

OPEN = (
    "How is she doing?",
    "How is he getting on?",
    "How's Mrs Hale doing?",
    "How has she been keeping?",
    "Any concerns?",
    "Anything new?",
    "What is new?",
    "Give me an overview",
    "What's the latest?",
)
SPECIFIC = (
    "How is her breathing?",
    "How is her wound healing?",
    "How is her diabetes doing?",
    "Any problems with her kidneys?",
    "Any new allergies?",
    "Any changes to her medication?",
    "What dose of apixaban is she taking?",
    "What is the patient's blood group?",
    "What happened during his cardiac admission?",
    "How is his gout controlled and what is the plan?",
)


@pytest.mark.parametrize("question", OPEN)
def test_an_overall_question_is_open(question: str) -> None:
    assert is_open_question(question)


@pytest.mark.parametrize("question", SPECIFIC)
def test_a_question_naming_a_problem_a_medicine_or_a_test_is_not_open(question: str) -> None:
    assert not is_open_question(question)


def _ask(question: str, reply: str) -> tuple[FakeChatModel, GroundedAnswer]:
    model = FakeChatModel(reply)
    answerer = GroundedAnswerer(model, FakeRetriever([LETTER, NURSE]), FakeEmbedder())
    return model, answerer.ask(question, SCOPE).consume()


def test_an_open_question_reaches_the_model_and_its_cited_answer_is_given() -> None:
    model, result = _ask(
        "How is he getting on?", "She is much less breathless [1]. Her ankles are less swollen [2]."
    )
    assert model.calls, "refused before the model (no passage names 'getting')"
    assert result.status == "answered"
    assert [s.chunk_id for s in result.sources] == [21, 22]


def test_a_declined_open_question_lists_what_was_read_not_a_bare_not_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    model, result = _ask("How is she doing?", "NOT IN DOCUMENTS")
    assert model.calls
    text = result.text
    assert not text.startswith(NOT_FOUND_MESSAGE)
    assert text.splitlines() == [
        "The model gave no supported answer from the 2 passage(s) it read.",
        OPEN_QUESTION_HINT,
        "[1] clinic_letter_2026-11-02.docx",
        "[2] hf_nurse_note.txt",
    ]
    # Saved with the answer: a reopened chat and an export list them too.
    assert [s["chunk_id"] for s in result.provenance["sources"]] == [21, 22]
    print_answer_sources(result)
    assert "clinic_letter_2026-11-02.docx" in capsys.readouterr().out


def test_a_specific_question_about_an_absent_drug_is_still_refused_before_the_model() -> None:
    model, result = _ask("Any concerns about warfarin?", "Warfarin is fine [1].")
    assert not model.calls
    assert result.text == NOT_FOUND_MESSAGE
