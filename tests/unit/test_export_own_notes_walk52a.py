"""Walk 52a M2: a redacted export read MedLocal's own notes, which open in lower case after
"Note:", as lines typed all in lower case, and removed plain words as names ("repeats an [NAME]
answer of this chat … so it [NAME] not answer"). A note is read as shown; what it quotes or
names of the documents (another patient's name, a date, a file name) is still removed."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_own_sentences import sentence_case
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import plan_export, redact_document
from medlocal.rag.export_parts import ExportDocument

REPEAT = (
    "the model's draft, set aside, repeats an earlier answer of this chat almost word for word,"
    ' so it may not answer "Does she have a pacemaker?": check the passages cited, or ask the'
    " question in full"
)
OTHER = "the question names Osric Penhaligon (patient 2), another patient of this vault"
DOSES = (
    "the documents disagree on aspirin: 75 mg once daily [4] (04_nursing.txt, 3 Nov 2025) vs "
    "300 mg [3] (05_ed_attendance.txt, 02/11/2025)"
)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(
        identity=PatientIdentity("Eleanor Margaret Whitcombe", "WHC-558213", date(1951, 4, 17))
    )


def test_plain_words_of_a_note_stay_and_its_identifiers_go(redactor: Redactor) -> None:
    doc = ExportDocument(
        title="Does she have a pacemaker?",
        kind="answer",
        body="No supported answer was found for Eleanor Whitcombe.",
        notes=[REPEAT, OTHER, DOSES],
    )
    plan = plan_export(doc, redactor)
    in_notes = {it.redaction.original for it in plan.items if it.where.startswith("note")}
    assert not in_notes & {"earlier", "may", "answer", "chat"}, in_notes
    assert "Osric Penhaligon" in in_notes  # another patient named by the note still goes
    assert {"3 Nov 2025", "02/11/2025"} <= in_notes  # and the dates it quotes
    notes = redact_document(doc, plan).notes
    assert "repeats an earlier answer of this chat" in notes[0]
    assert "so it may not answer" in notes[0]
    assert "Osric" not in notes[1] and "Penhaligon" not in notes[1]
    assert "Whitcombe" not in redact_document(doc, plan).body


def test_a_note_opening_with_an_identifier_keeps_it_as_written(redactor: Redactor) -> None:
    doc = ExportDocument(
        title="t", kind="answer", body="", notes=["osric penhaligon is another patient here"]
    )
    plan = plan_export(doc, redactor)
    # The span's text is the note's as written, not as it was read ("Osric").
    assert all(it.redaction.original[0].islower() for it in plan.items if it.where == "note 1")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the model's draft", "The model's draft"),
        ("- the draft", "- The draft"),
        ("[2] cannot be shown", "[2] cannot be shown"),
        ("Already capital", "Already capital"),
        ("ßig", "ßig"),  # its capital is two letters: the offsets would move
        ("", ""),
        ("12 mg", "12 mg"),
    ],
)
def test_sentence_case_keeps_the_length(text: str, shown: str) -> None:
    assert sentence_case(text) == shown and len(sentence_case(text)) == len(text)
