"""Walk 29: an answer whose draft was set aside as unsupported was exported as "Not found in the
selected documents." with a flag saying "its draft is kept below" and "read the passages
listed", and the file had neither. The export now carries the draft under its warning and the
passages the model was given, redacted like the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.export import Shared
from medlocal.rag.flags import DRAFT_HEADING
from medlocal.rag.prompts import NO_SUPPORTED_ANSWER
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
NOTE = "Colonoscopy was discussed with Mrs Quennell at Larkfield Clinic; she declined it."
DRAFT = "It was done in the spring at the regional hospital, with two polyps removed."


def _answered(tmp_path: Path, reply: str, question: str) -> tuple[Workspace, GroundedAnswer, int]:
    """A vault with one patient's note, asked ``question`` of a model that writes ``reply``:
    the workspace, the answer and its saved output's id."""
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda model: FakeEmbedder(),
        chat_loader=lambda model: FakeChatModel(reply),
    )
    ws.create_vault(PASS, PASS)
    patient = ws.require_vault().add_patient("Ada Quennell")
    note = tmp_path / "gp_note.txt"
    note.write_text(NOTE, encoding="utf-8")
    ws.import_documents([note], patient)
    session = ws.grounded_chat(patient)
    answer = session.ask(question).consume()
    assert session.last_output_id is not None
    return ws, answer, session.last_output_id


def _saved_answer(tmp_path: Path) -> tuple[Workspace, int]:
    ws, answer, output_id = _answered(tmp_path, DRAFT, "When was her colonoscopy done?")
    assert answer.text == NO_SUPPORTED_ANSWER and answer.sources == []
    return ws, output_id


@pytest.mark.parametrize("redact", [False, True])
def test_the_export_holds_the_draft_and_the_passages_given(tmp_path: Path, redact: bool) -> None:
    ws, output_id = _saved_answer(tmp_path)
    out = tmp_path / "answer.md"
    ws.export(Shared.output(output_id), out, redact=redact)
    text = out.read_text(encoding="utf-8")
    flags_at = text.index("## Flags")
    assert text.index(NO_SUPPORTED_ANSWER) < flags_at < text.index(DRAFT_HEADING)
    assert (
        text.index(DRAFT_HEADING) < text.index("two polyps removed") < text.index("## References")
    )
    references = text.split("## References", 1)[1]
    assert "gp_note.txt" in references and "declined it" in references
    assert ("Quennell" in references) is not redact
    assert ("Larkfield" in references) is not redact
    ws.close()


def test_an_answer_that_cites_its_passages_lists_only_those(tmp_path: Path) -> None:
    """Only a set-aside draft brings the passages given: a cited answer keeps its references."""
    reply = "She declined a colonoscopy [1]."
    ws, answer, output_id = _answered(tmp_path, reply, "Did she have a colonoscopy?")
    assert answer.status == "answered"
    out = tmp_path / "answer.md"
    ws.export(Shared.output(output_id), out)
    text = out.read_text(encoding="utf-8")
    assert DRAFT_HEADING not in text and text.count("gp_note.txt") == 1
    ws.close()


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_docx_and_pdf_hold_the_draft_under_its_warning(tmp_path: Path, suffix: str) -> None:
    import docx
    import pypdf

    ws, output_id = _saved_answer(tmp_path)
    out = tmp_path / f"answer{suffix}"
    ws.export(Shared.output(output_id), out)
    if suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    flat = " ".join(text.split())
    assert flat.index("Flags") < flat.index(" ".join(DRAFT_HEADING.split())) < flat.index("polyps")
    assert "gp_note.txt" in flat
    ws.close()
