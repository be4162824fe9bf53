"""Walk 41 item 6: "What is her current dose of bisoprolol?" was answered "3.75 mg" while the
newest document (discharge summary, 2 Dec 2026) gives "Bisoprolol 2.5 mg once daily (reduced
from 3.75 mg)". The disagreement was buried in an "unverified number" flag: the discharge
summary gave bisoprolol two doses, so rag/dose_disagreements.py left it out as recording a
change, and the superseded-dose check read "(reduced from 3.75 mg)" as a dose taken. The notes
now lead with the disagreement and the newest dated document's dose, and an answer giving the
older dose as current is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit
from fixtures.vault_file import PASS, new_workspace

from medlocal.cli import main
from medlocal.rag.answer import GroundedAnswer, GroundedAnswerer
from medlocal.rag.checks.doses import changed_from
from medlocal.rag.passages import Scope
from medlocal.values import extract_values

CARDIO = hit(
    53,
    "Current medications: bisoprolol 3.75 mg once daily, edoxaban 30 mg once daily.",
    document_id=5,
    file_name="cardiology_letter_2026-10-21.pdf",
)
RENAL = hit(
    51,
    "Medications on discharge:\nDrug | Dose | Frequency | Change\n"
    "Bisoprolol | 3.75 mg | once daily | unchanged\n",
    document_id=3,
    file_name="renal_discharge_2026-11-12.docx",
    page=None,
)
WARD9 = hit(
    52,
    "Medications on discharge:\n- Furosemide 20 mg once daily (reduced from 40 mg)\n"
    "- Bisoprolol 2.5 mg once daily (reduced from 3.75 mg)\n- Edoxaban 30 mg once daily\n",
    document_id=4,
    file_name="discharge_summary_ward9_2026-12-02.txt",
    page=None,
)
CURRENT = "What is her current dose of bisoprolol?"
LEAD = (
    "the dose of bisoprolol changed over time: the newest dated document gives 2.5 mg once daily"
    " [3] (discharge_summary_ward9_2026-12-02.txt, 2 Dec 2026); older: 3.75 mg once daily [2]"
    " (renal_discharge_2026-11-12.docx, 12 Nov 2026)"
)


def _ask(reply: str, question: str = CURRENT) -> GroundedAnswer:
    answerer = GroundedAnswerer(
        FakeChatModel(reply),
        FakeRetriever([CARDIO, RENAL, WARD9]),  # type: ignore[arg-type]
        FakeEmbedder(),  # type: ignore[arg-type]
    )
    return answerer.ask(question, Scope(patient_id=1)).consume()


def test_the_dose_a_change_was_made_from_after_the_new_one() -> None:
    text = "Bisoprolol 2.5 mg once daily (reduced from 3.75 mg)"
    doses = {v.raw: v for v in extract_values(text)}
    old, new = doses["3.75 mg"], doses["2.5 mg"]
    assert changed_from(text, old) and not changed_from(text, new)


@pytest.mark.parametrize(
    "reply",
    [
        "The patient has a current dose of 3.75 mg of bisoprolol.",
        "Her current dose of bisoprolol is 3.75 mg once daily [1].",
        "Her current dose of bisoprolol is 2.5 mg once daily [3].",
    ],
)
def test_the_notes_lead_with_the_disagreement_and_the_newest_dose(reply: str) -> None:
    answer = _ask(reply)
    assert answer.notes and answer.notes[0] == LEAD, answer.notes


@pytest.mark.parametrize(
    "reply",
    [
        "The patient has a current dose of 3.75 mg of bisoprolol.",
        "Her current dose of bisoprolol is 3.75 mg once daily [1].",
    ],
)
def test_the_older_dose_given_as_current_is_flagged(reply: str) -> None:
    answer = _ask(reply)
    flag = answer.flags[0]
    assert flag.kind == "timing_conflict" and flag.token == "3.75 mg"
    assert "superseded dose" in flag.message and "2.5 mg once daily [3]" in flag.message
    assert flag.passage == 3 and 3 in {s.number for s in answer.sources}


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        ("Her current dose of bisoprolol is 2.5 mg once daily [3].", CURRENT),
        # told as the past dose
        ("It was reduced from 3.75 mg to 2.5 mg once daily [3].", CURRENT),
        # not asked or said as the current dose
        (
            "The cardiology letter lists bisoprolol 3.75 mg once daily [1].",
            "What did cardiology give?",
        ),
    ],
)
def test_no_superseded_flag_for_the_newest_dose_or_a_past_one(reply: str, question: str) -> None:
    answer = _ask(reply, question)
    assert not [f for f in answer.flags if "superseded dose" in f.message], answer.flags


def test_without_the_newest_document_the_note_is_as_before() -> None:
    # A question not about the current dose keeps the plain form, newest first.
    answer = _ask("She takes bisoprolol 2.5 mg once daily [3].", "What dose of bisoprolol?")
    assert answer.notes[0].startswith(
        "the dose of bisoprolol changed over time (newest first): 2.5 mg once daily [3]"
        " (discharge_summary_ward9"
    )


def test_the_command_line_prints_the_disagreement_before_the_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The cardiology letter is [2]: a question about the current dose is given the newest dated
    # document's passage first (walk 44 D1, D4).
    chat = FakeChatModel("Her current dose of bisoprolol is 3.75 mg once daily [2].")
    ws = new_workspace(tmp_path, chat)
    patient = ws.require_vault().add_patient("Rosalind Ortega-Whitfield")
    files = []
    for passage in (CARDIO, WARD9):
        path = tmp_path / passage.file_name.replace(".pdf", ".txt")
        path.write_text(passage.text, encoding="utf-8")
        files.append(path)
    ws.import_documents(files, patient)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    args = ["ask", "--patient", str(patient), "--passphrase-file", str(secret), CURRENT]
    assert main(args, workspace=ws) == 0
    out = capsys.readouterr().out
    note_at = out.index("Note: the dose of bisoprolol changed over time: the newest dated document")
    assert note_at < out.index("Her current dose")
    assert "superseded dose: '3.75 mg' of bisoprolol" in out
    ws.close()


def test_the_passages_a_note_names_are_listed_with_the_sources() -> None:
    """Walk 42g #9: the disagreement note named "[2] (discharge_summary...)" while Sources listed
    only [1], so the CLI could not show the passage the note pointed to."""
    answer = _ask("Her current dose of bisoprolol is 3.75 mg once daily [1].")
    assert answer.notes[0] == LEAD
    assert {2, 3} <= {source.number for source in answer.sources}
