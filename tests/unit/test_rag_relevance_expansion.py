"""The relevance gate before answering counts what search read into the question: asked "What
anticoagulant is she on and at what dose?", search ranked the passage naming apixaban first (drug
class expansion), but the gate dropped it (no shared word, cosine 0.44 < 0.5) and the model was
given only an amoxicillin table that happened to say "Dose"."""

from __future__ import annotations

from medlocal.rag.relevance import RelevanceThreshold
from medlocal.vault.records import SearchHit


def _hit(chunk_id: int, text: str, cosine: float) -> SearchHit:
    return SearchHit(chunk_id, 1, 1, "a.pdf", 1, 0, len(text), None, text, 0.03, cosine, None)


QUESTION = "What anticoagulant is she on and at what dose?"


def test_a_drug_of_the_class_asked_about_is_relevant() -> None:
    meds = _hit(1, "MEDICATIONS: apixaban 5 mg twice daily, bisoprolol 2.5 mg once daily.", 0.44)
    brand = _hit(2, "Continue Eliquis, review in six months.", 0.30)
    kept = RelevanceThreshold().filter([meds, brand], QUESTION)
    assert [h.chunk_id for h in kept] == [1, 2]


def test_unrelated_passages_stay_out() -> None:
    # "potassium citrate" was in the FDA anticoagulant class (left out since session 40); a
    # potassium level is no anticoagulant either way.
    lab = _hit(3, "Potassium 4.1 mmol/L, sodium 134 mmol/L.", 0.40)
    note = _hit(4, "Ankle swelling for two weeks.", 0.20)
    assert RelevanceThreshold().filter([lab, note], QUESTION) == []
    assert RelevanceThreshold().filter([note], "hello there") == []


TABLE = (
    "Medication | Dose | Route | Frequency\n"
    "Apixaban | 5 mg | oral | twice daily\nMetoprolol | 25 mg | oral | once daily"
)


def test_inflected_and_general_medicine_questions_keep_the_medication_table() -> None:
    # New-user test: "What medications is she taking?" found the table in search (cosine 0.456,
    # bm25 7.68) but the gate matched words exactly and dropped it: "Not found", 0 passages.
    table = _hit(5, TABLE, 0.456)
    for question in (
        "What medications is she taking?",
        "Which drugs and doses were prescribed?",
        "What meds is she on?",
    ):
        assert RelevanceThreshold().filter([table], question) == [table], question
    named = _hit(6, "Continue apixaban, review in six months.", 0.30)
    assert RelevanceThreshold().accepts(named, "Which drugs were prescribed?")


def test_stemmed_words_still_leave_unrelated_passages_out() -> None:
    note = _hit(4, "Ankle swelling for two weeks.", 0.20)
    dental = _hit(7, "Dental cleaning scheduled.", 0.10)
    for question in ("What medications is she taking?", "Which drugs were prescribed?"):
        assert RelevanceThreshold().filter([note, dental], question) == [], question
    assert RelevanceThreshold().accepts(_hit(8, "Two drugs were stopped.", 0.1), "drug allergy?")
