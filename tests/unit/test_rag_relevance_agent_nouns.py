"""Walk 33: "Does she smoke?" was answered "Not found in the selected documents." without asking
the model, though search ranked "She is a current smoker of 10 cigarettes per day" first: the
key-term gate compared "smoke" with "smoker" by stems that keep the agent ending. The relevance
gate reads a person named by what they do as the act; the grounding checks' stems stay strict."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.relevance import RelevanceThreshold, holds_key_term, shared_words

SMOKER = "Social: lives alone. She is a current smoker of 10 cigarettes per day."
LABS = "Potassium 4.1 mmol/L, sodium 138 mmol/L. Ramipril 2.5 mg once daily."


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Does she smoke?", SMOKER),
        ("Is he a smoker?", "He smokes 20 a day."),
        ("Does she drink alcohol?", "Heavy drinker, 40 units a week."),
        ("Is she still smoking?", "Current smoker, 5 a day."),
    ],
)
def test_the_act_and_its_doer_are_one_key_term(question: str, text: str) -> None:
    assert holds_key_term(question, text)
    assert shared_words(question, text)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Does she smoke?", "She lives with her daughter."),
        ("Any history of cancer?", "Appointment cancelled by the patient."),
        ("Is she a smoker?", LABS),
        # Review 32b: the fallback read any shared verb ("takes", "taking", "prescribed").
        ("Does she take warfarin?", "She takes aspirin 75 mg once daily."),
        ("Is she taking apixaban?", "Taking ramipril 5 mg."),
        ("Any numbness?", "Number of falls this year: 2."),
    ],
)
def test_other_words_are_still_no_key_term(question: str, text: str) -> None:
    assert not holds_key_term(question, text)


def test_the_smoking_question_is_answered_from_the_smoker_passage() -> None:
    hits = [hit(1, SMOKER, vector_score=0.41), hit(2, LABS, vector_score=0.30)]
    assert [h.chunk_id for h in RelevanceThreshold().filter(hits, "Does she smoke?")] == [1]
    model = FakeChatModel("Yes, she smokes 10 cigarettes per day [1].")
    answerer = GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]
    stream = answerer.ask("Does she smoke?", Scope(patient_id=1))
    list(stream)
    assert stream.result.status == "answered"
    assert [s.chunk_id for s in stream.result.sources] == [1]
