"""Walk 33: "Eleanor Whitcombe was taking 20 mg of semaglutide [1]." was flagged with "it is in
passage [2], which this sentence does not cite" where passage [2] gives atorvastatin 20 mg; the
passage so named counted as evidence the draft rested on, and the unsupported draft was shown
as the answer instead of "No supported answer". A dose's number held elsewhere only as another
drug's dose is not said to be there, nor is that passage listed with the sources."""

from __future__ import annotations

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import Scope

CLINIC = "Diabetes clinic 02/11/2026. Semaglutide 1 mg once weekly started; HbA1c 61 mmol/mol."
MEDS = "Medication list: Atorvastatin 20 mg at night. Amlodipine 5 mg once daily."
SEMAGLUTIDE_LETTER = "Letter 20/11/2026: semaglutide increased to 2 mg once weekly."


def _ask(reply: str, *passages: str) -> GroundedAnswer:
    hits = [hit(i + 1, text, vector_score=0.8 - i / 10) for i, text in enumerate(passages)]
    answerer = GroundedAnswerer(
        FakeChatModel(reply),  # type: ignore[arg-type]
        FakeRetriever(hits),
        FakeEmbedder(),  # type: ignore[arg-type]
        model_check=False,
    )
    stream = answerer.ask("What dose of semaglutide is she taking?", Scope(patient_id=1))
    list(stream)
    return stream.result


def test_another_drugs_dose_is_not_where_the_number_is() -> None:
    answer = _ask("She was taking 20 mg of semaglutide [1].", CLINIC, MEDS)
    (flag,) = [f for f in answer.flags if f.kind == "unverified_number"]
    assert "no other retrieved passage gives semaglutide that dose" in flag.message
    assert "[2]" not in flag.message
    assert [s.number for s in answer.sources] == [1]  # the statin list is not offered as a source


def test_the_same_drugs_dose_elsewhere_is_still_named() -> None:
    answer = _ask("She takes semaglutide 2 mg once weekly [1].", CLINIC, SEMAGLUTIDE_LETTER)
    (flag,) = [f for f in answer.flags if f.kind == "unverified_number"]
    assert "passage [2]" in flag.message and "semaglutide '2 mg'" in flag.message


def test_a_number_that_is_no_dose_is_still_found_elsewhere() -> None:
    answer = _ask("Her HbA1c was 61 mmol/mol [1].", MEDS, CLINIC)
    (flag,) = [f for f in answer.flags if f.kind == "unverified_number"]
    assert "it is in passage [2], which this sentence does not cite" in flag.message
