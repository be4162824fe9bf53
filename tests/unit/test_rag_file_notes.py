"""Walk 30: a letter about another patient, filed under this one, went on being quoted in this
patient's answers with no word of it. An answer given a passage of a document whose import noted
that it names another patient says so in its notes, naming the passages and the file."""

from __future__ import annotations

import dataclasses

from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit

from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import Scope, file_notes, number_hits
from medlocal.rag.prompts import NO_SUPPORTED_ANSWER
from medlocal.vault.records import SearchHit

NOTE = (
    "it names another patient of this vault, Margaret Thornbury (patient 1, MRN RAI-558213): "
    "check that the file belongs to this patient"
)
LETTER = [
    hit(51, "Apixaban 5 mg twice daily for atrial fibrillation.", score=0.9, document_id=4),
    hit(52, "Metformin 500 mg twice daily.", score=0.7, document_id=2, file_name="own.txt"),
    hit(53, "Apixaban was started in March by cardiology.", score=0.6, document_id=4),
]
NOTED = [
    dataclasses.replace(h, file_name="letter.txt", file_notes=(NOTE,)) if h.document_id == 4 else h
    for h in LETTER
]
SCOPE = Scope(patient_id=2)


def _ask(answer: str, hits: list[SearchHit]) -> GroundedAnswer:
    model = FakeChatModel(answer)
    answerer = GroundedAnswerer(model, FakeRetriever(hits), FakeEmbedder())
    return answerer.ask("What anticoagulant is she on?", SCOPE).consume()


def test_one_line_per_noted_document_naming_its_passages() -> None:
    assert file_notes(number_hits(NOTED)) == [f"Passages [1], [3] (letter.txt): {NOTE}"]
    assert file_notes(number_hits(NOTED[:1])) == [f"Passage [1] (letter.txt): {NOTE}"]
    assert file_notes(number_hits(LETTER)) == []


def test_an_answer_quoting_the_letter_says_it_names_another_patient() -> None:
    result = _ask("Apixaban 5 mg twice daily [1].", NOTED)
    assert result.status == "answered"
    assert result.notes == [f"Passages [1], [3] (letter.txt): {NOTE}"]
    assert result.provenance["notes"] == result.notes
    plain = _ask("Apixaban 5 mg twice daily [1].", LETTER)
    assert plain.notes == []


def test_an_unsupported_draft_given_the_letter_says_so_too() -> None:
    result = _ask("She takes warfarin, it seems (letter.txt).", NOTED)
    assert result.text == NO_SUPPORTED_ANSWER
    assert f"Passages [1], [3] (letter.txt): {NOTE}" in result.notes
