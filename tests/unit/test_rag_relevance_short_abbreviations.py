"""Walk 31: "Who is her GP?" was answered "Not found in the selected documents." although two
passages said "GP: Dr Fiona Castleton". Content words start at three letters, so the question
named no term: its passages were judged on cosine alone (0.27, 0.28 < 0.5) and dropped, and the
question counted as a follow-up in a chat. Abbreviations of one or two characters ("GP", "EF",
"BP", "Hb", "O2") are key terms now, held by a passage that writes them or spells them out."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.followup import depends_on_conversation
from medlocal.rag.passages import Scope
from medlocal.rag.relevance import RelevanceThreshold, holds_abbreviation, key_terms

GP_HEADER = "Discharge summary. GP: Dr Fiona Castleton, Brookfield Surgery, Leeds."
UNRELATED = "Potassium 4.1 mmol/L, sodium 138 mmol/L. Ramipril 2.5 mg once daily."


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Who is her GP?", "gp"),
        ("What is her EF?", "ef"),
        ("What was her BP on admission?", "bp"),
        ("What is her Hb?", "hb"),
        ("Is she on O2?", "o2"),
    ],
)
def test_a_short_abbreviation_is_a_key_term_and_no_follow_up(question: str, term: str) -> None:
    assert term in key_terms(question)
    assert not depends_on_conversation(question)


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("GP", "GP: Dr Fiona Castleton"),
        ("GP", "Letter copied to her general practitioner."),
        ("GP", "Copies to both GPs."),
        ("EF", "Echo: ejection fraction 45%."),
        ("EF", "LVEF 45% (Simpson's biplane)."),
        ("BP", "BP 142/88 sitting"),
        ("BP", "SBP 150, DBP 90"),
        ("Hb", "Haemoglobin 102 g/L"),
        ("Hb", "HB 102"),
    ],
)
def test_a_passage_holds_the_abbreviation_written_or_spelled_out(key: str, text: str) -> None:
    assert holds_abbreviation(key, text)


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("Hb", "HbA1c 58 mmol/mol"),  # another test that begins with the letters
        ("GP", "Gemcitabine held; GPT raised."),
        ("EF", "Chief complaint: chest pain."),
        ("EF", "CHIEF COMPLAINT: chest pain"),  # capitals ending in EF, no listed compound
        ("PE", "TYPE 2 DIABETES"),
        ("PE", "No evidence of pe"),
        # Units and titles are no abbreviations of the same letters (review 31).
        ("MG", "Metformin 500 mg once daily"),
        ("MS", "Seen with Ms Thornbury."),
        ("MS", "QTc 440 ms"),
        ("HR", "Observations every 6 hr"),
    ],
)
def test_other_words_do_not_hold_it(key: str, text: str) -> None:
    assert not holds_abbreviation(key, text)


def test_a_unit_is_no_key_term_and_its_question_continues_the_one_before() -> None:
    assert "mg" not in key_terms("What was the dose in mg?")
    assert depends_on_conversation("What was the dose in mg?")


def test_the_gp_passage_passes_the_gate_on_its_abbreviation() -> None:
    header = hit(1, GP_HEADER, vector_score=0.28)
    labs = hit(2, UNRELATED, vector_score=0.27)
    threshold = RelevanceThreshold()
    kept = threshold.filter([header, labs], "Who is her GP?")
    assert [h.chunk_id for h in kept] == [1]
    assert threshold.answerable(kept, "Who is her GP?")
    # A passage that names no GP does not answer it, whatever else it says.
    assert threshold.filter([labs], "Who is her GP?") == []


def test_the_answer_comes_from_the_gp_passage() -> None:
    model = FakeChatModel("Her GP is Dr Fiona Castleton at Brookfield Surgery [1].")
    hits = [hit(1, GP_HEADER, vector_score=0.28), hit(2, UNRELATED, vector_score=0.27)]
    answerer = GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())  # type: ignore[arg-type]
    stream = answerer.ask("Who is her GP?", Scope(patient_id=1))
    list(stream)
    result = stream.result
    assert result.status == "answered"
    assert [s.chunk_id for s in result.sources] == [1]
