"""Chat follow-ups are searched and checked with the question they continue (walk 27: "What dose
of metformin is she taking now?" then "Why was it changed?" gave "Not found", with the note that
no passage named 'why' or 'changed')."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, FakeStore, hit

from medlocal.engine.api import ChatMessage
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.followup import depends_on_conversation, standalone_question
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.rag.relevance import key_terms

METFORMIN = hit(
    31,
    "Metformin reduced from 1 g twice daily to 500 mg twice daily in March 2025 because of"
    " falling eGFR.",
    vector_score=0.6,
)
FIRST = "What dose of metformin is she taking now?"


def session_with(answers: list[str]) -> tuple[ChatSession, FakeRetriever, FakeChatModel]:
    model = FakeChatModel(answers)
    retriever = FakeRetriever([METFORMIN])
    answerer = GroundedAnswerer(model, retriever, FakeEmbedder())  # type: ignore[arg-type]
    return ChatSession(answerer, FakeStore(), Scope(patient_id=1)), retriever, model  # type: ignore[arg-type]


def test_a_why_follow_up_is_answered_from_the_passage_about_the_earlier_question() -> None:
    session, retriever, model = session_with(
        ["500 mg twice daily [1].", "It was reduced because of falling eGFR [1]."]
    )
    session.ask(FIRST).consume()
    follow = session.ask("Why was it changed?").consume()
    assert follow.status == "answered", (follow.text, follow.notes)
    assert not any("no passage found names" in n for n in follow.notes)
    assert "metformin" in retriever.queries[1]["query"]
    # The model reads the follow-up as asked, with the first turn as history.
    assert model.calls[1][-1].content.endswith("Why was it changed?")
    assert [m.role for m in model.calls[1][1:3]] == ["user", "assistant"]


def test_a_follow_up_is_still_refused_when_no_passage_names_what_the_chat_is_about() -> None:
    model = FakeChatModel(["Her BP is 140/90 [1].", "never asked"])
    vitals = hit(40, "OBJECTIVE: BP 151/71 mmHg, HR 79/min.", vector_score=0.6)
    answerer = GroundedAnswerer(model, FakeRetriever([vitals]), FakeEmbedder())  # type: ignore[arg-type]
    session = ChatSession(answerer, FakeStore(), Scope(patient_id=1))  # type: ignore[arg-type]
    session.ask("What was her bone density T-score on DEXA?").consume()
    follow = session.ask("Why was it done?").consume()
    assert follow.status == "not_found" and follow.text == NOT_FOUND_MESSAGE
    assert any("'dexa'" in n for n in follow.notes) and not any("'why'" in n for n in follow.notes)


def test_a_question_that_stands_on_its_own_is_searched_alone() -> None:
    session, retriever, _ = session_with(["500 mg twice daily [1].", "eGFR fell [1]."])
    session.ask(FIRST).consume()
    session.ask("What is her eGFR?").consume()
    assert retriever.queries[1]["query"] == "What is her eGFR?"


HISTORY = [ChatMessage("user", FIRST), ChatMessage("assistant", "500 mg twice daily [1].")]


@pytest.mark.parametrize(
    "question",
    [
        "Why was it changed?",
        "and the dose?",
        "When?",
        "What about that dose?",
        # Walk 27: a question about an aspect of what it does not name.
        "What were the side effects?",
        "What was the reason for stopping?",
        "How often?",
    ],
)
def test_follow_ups_carry_the_earlier_question(question: str) -> None:
    assert depends_on_conversation(question)
    assert standalone_question(question, HISTORY) == f"{FIRST} {question}"


@pytest.mark.parametrize(
    "question",
    [
        "What is her eGFR?",
        "Is there evidence that she has CKD?",
        "Why is she on apixaban?",
        "What were the side effects of amiodarone?",
        "When was metformin started?",
        "What medications is she on?",
    ],
)
def test_questions_naming_their_subject_stand_alone(question: str) -> None:
    assert standalone_question(question, HISTORY) == question


def test_a_chain_of_follow_ups_keeps_the_question_it_started_from() -> None:
    history = [*HISTORY, ChatMessage("user", "Why was it changed?"), ChatMessage("assistant", "-")]
    assert standalone_question("When?", history) == f"{FIRST} Why was it changed? When?"


def test_the_previous_answer_s_drug_is_carried_when_no_question_names_one() -> None:
    history = [
        ChatMessage("user", "What does she take for diabetes?"),
        ChatMessage("assistant", "Metformin 500 mg twice daily [1]."),
    ]
    assert standalone_question("Why was it reduced?", history).endswith(" metformin")
    not_found = [history[0], ChatMessage("assistant", NOT_FOUND_MESSAGE)]
    assert "metformin" not in standalone_question("Why was it reduced?", not_found)


@pytest.mark.parametrize("question", ["Why was it changed?", "How has it changed over time?"])
def test_question_words_and_generic_verbs_are_no_key_terms(question: str) -> None:
    assert key_terms(question) == ()
