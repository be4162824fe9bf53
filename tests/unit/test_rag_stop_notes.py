"""Walk 42g: "Is she still on metformin?" was given the discharge summary's "METFORMIN STOPPED
09/07/2026, Do not restart"; the answer said the documents give no information and no note said
the drug had been stopped. The notes now say so, with where, unless a newer document gives the
drug as taken again."""

from __future__ import annotations

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import NumberedPassage, Scope
from medlocal.rag.stop_notes import stop_notes

GP = hit(
    61,
    "Current medications:\nDrug | Dose | Frequency\nMetformin MR | 1 g | twice daily\n"
    "Gliclazide | 80 mg | twice daily\n",
    document_id=7,
    file_name="gp_referral_2026-05-19.docx",
    page=None,
)
DISCHARGE = hit(
    62,
    "Discharge medications: METFORMIN STOPPED 09/07/2026, Do not restart (eGFR 28). "
    "Linagliptin 5 mg once daily STARTED in place of metformin.",
    document_id=8,
    file_name="discharge_summary_2026-07-14.txt",
    page=None,
)
RESTARTED = hit(
    63,
    "Clinic review: eGFR 52 and stable. Metformin 500 mg twice daily restarted today and taken "
    "without side effects.",
    document_id=9,
    file_name="clinic_letter_2026-10-02.txt",
    page=None,
)


def _passages(*hits: object) -> list[NumberedPassage]:
    return [NumberedPassage(i + 1, h) for i, h in enumerate(hits)]  # type: ignore[arg-type]


def _ask(reply: str, *hits: object) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        FakeChatModel(reply),
        FakeRetriever(list(hits)),  # type: ignore[arg-type]
        FakeEmbedder(),  # type: ignore[arg-type]
    )
    return answerer.ask("Is she still on metformin?", Scope(patient_id=1)).consume()


def test_a_stopped_drug_the_question_names_gets_a_note_with_its_place() -> None:
    answer = _ask("The documents give no information about her current treatment.", GP, DISCHARGE)
    stops = [n for n in answer.notes if "was stopped" in n]
    assert len(stops) == 1, answer.notes
    assert stops[0].startswith("the documents say metformin was stopped: “")
    assert "METFORMIN STOPPED 09/07/2026" in stops[0]
    assert "(discharge_summary_2026-07-14.txt, 14 Jul 2026)" in stops[0]
    # The passage the note names is listed with the sources, so it can be read.
    number = next(p.number for p in answer.passages if p.hit.document_id == 8)
    assert f"[{number}]" in stops[0]
    assert number in {s.number for s in answer.sources}


def test_a_newer_document_giving_the_drug_as_taken_cancels_the_note() -> None:
    assert stop_notes(_passages(GP, DISCHARGE, RESTARTED), ["metformin"]) == []


def test_an_older_list_giving_the_drug_does_not_cancel_the_stop() -> None:
    notes = stop_notes(_passages(GP, DISCHARGE), ["Metformin"])
    assert len(notes) == 1 and "[2]" in notes[0]


def test_no_note_for_a_drug_no_passage_stops() -> None:
    assert stop_notes(_passages(GP, DISCHARGE), ["gliclazide", "linagliptin"]) == []


def test_a_hypothetical_or_relatives_stop_is_no_note() -> None:
    passages = _passages(
        hit(70, "If her eGFR falls below 30, metformin should be stopped.", document_id=1),
        hit(71, "Her mother stopped metformin last year.", document_id=2),
    )
    assert stop_notes(passages, ["metformin"]) == []
