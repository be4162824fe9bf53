"""Walk 48b D1: "Is her ejection fraction normal?" against a scan saying "Echo: LVEF 45%" was
answered "Not found in the selected documents" with no passage given, while search ranked that
scan first (its query adds the abbreviation). The relevance gate compared words only: a
passage's cosine under 0.5 and no shared word dropped it. It now reads an abbreviation the
question writes or spells out the way search does, both ways, in a longer form ("LVEF" for EF,
"eGFR" for GFR) and with British spellings folded ("haemoglobin" is Hb)."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.abbreviations_asked import abbreviations_asked
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.relevance import RelevanceThreshold, holds_abbreviation

ECHO = "Cardiology clinic note 20/12/2025 Echo: LVEF 45%, mild mitral regurgitation."
LABS = "Renal: eGFR 52 mL/min/1.73m2. FBC: Hb 112 g/L (120-150)."
OBS = "Clinic observations: BP 150/90 sitting, pulse 72 regular."
SPELT = (
    "Left ventricular ejection fraction 45%. Estimated glomerular filtration rate 52 mL/min. "
    "Haemoglobin 112 g/L. Blood pressure 150/90 sitting."
)
# A cosine under the gate's bar: the passage passes on its words or not at all.
LOW = 0.3

PAIRS = [
    ("Is her ejection fraction normal?", ECHO),
    ("What was her most recent ejection fraction?", ECHO),
    ("Is her LVEF normal?", SPELT),
    ("What is her glomerular filtration rate?", LABS),
    ("What is her estimated glomerular filtration rate?", LABS),
    ("What is her eGFR?", SPELT),
    ("What is her haemoglobin?", LABS),
    ("Is her hemoglobin low?", LABS),
    ("What is her Hb?", SPELT),
    ("What is her blood pressure?", OBS),
    ("What was her BP?", SPELT),
]


@pytest.mark.parametrize(("question", "text"), PAIRS)
def test_a_passage_writing_the_other_form_is_kept_and_answers(question: str, text: str) -> None:
    threshold = RelevanceThreshold()
    kept = threshold.filter([hit(1, text, vector_score=LOW)], question)
    assert [h.chunk_id for h in kept] == [1], question
    assert threshold.answerable(kept, question)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Is her ejection fraction normal?", OBS),
        ("What is her haemoglobin?", "Renal: eGFR 52 mL/min. Potassium 4.1 mmol/L."),
        ("What was her BP?", ECHO),
        ("What is her eGFR?", "FBC: Hb 112 g/L. Platelets 250."),
        # "Pt" is the list's patient: a question's own frame words bring no abbreviation.
        ("What is the patient's ejection fraction?", "Pt seen in clinic. BP 150/90."),
    ],
)
def test_a_passage_naming_something_else_is_still_dropped(question: str, text: str) -> None:
    assert RelevanceThreshold().filter([hit(1, text, vector_score=LOW)], question) == []


def test_the_forms_asked_include_longer_and_one_word_senses() -> None:
    assert "EF" in abbreviations_asked("Is her ejection fraction normal?", ["ejection"])
    assert "Hb" in abbreviations_asked("What is her haemoglobin?", ["haemoglobin"])
    assert "Pt" not in abbreviations_asked("What is the patient's Hb?", ["hb"])
    assert holds_abbreviation("GFR", "eGFR 52 mL/min")
    assert not holds_abbreviation("GFR", "Renal function stable")


def test_the_model_is_given_the_echo_passage() -> None:
    """The walk's question, through the answerer: the scan is given to the model (it was
    answered "Not found in the selected documents" with 0 passages)."""
    model = FakeChatModel("Her LVEF is 45%, below the normal range [1].")
    hits = [hit(1, ECHO, vector_score=LOW), hit(2, "Seen by the GP for a cough.", vector_score=LOW)]
    answerer = GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]
    stream = answerer.ask("Is her ejection fraction normal?", Scope(patient_id=1))
    list(stream)
    result = stream.result
    assert result.status == "answered"
    assert [s.chunk_id for s in result.sources] == [1]
