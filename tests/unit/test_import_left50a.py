"""Left by session 49 in the import (real SQLCipher vault, real PDF and Word files; fast fake
embedder):

- a file named on purpose whose extension MedLocal does not know ("report.v2", a PDF) was refused
  as an unsupported type, though an e-mail's attachment of the same bytes was read by them;
- after a cancelled e-mail import, importing it again was said to store its attachments' bytes
  twice (inside the e-mail and as their own documents). The cause was the duplicate e-mail's
  stored form not being written again (fixed by 5be28e0c, ``Carried.again``'s rewrite); this
  keeps it so, for a cancel in the middle of an attachment.
"""

from __future__ import annotations

import threading
from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_docx, make_pdf
from fixtures.vault_file import new_workspace

from medlocal.app import Workspace
from medlocal.ingest.extractors.mail import email_attachments
from medlocal.ingest.formats import format_of_document
from medlocal.ingest.pipeline import ProgressEvent

LETTER = make_pdf(["Discharge summary\nTicagrelor 90 mg twice daily for 12 months."])
ECHO = make_docx([("h1", "Cardiology clinic"), ("p", "Echo: left ventricle dilated.")])
RESULTS = b"Potassium 5.9 mmol/L (high)\nSodium 138 mmol/L\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path, chat=None)
    yield ws  # type: ignore[misc]
    ws.close()


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_file_named_with_an_unknown_extension_is_read_by_its_content(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    files = [
        _write(tmp_path, "report.v2", LETTER),
        _write(tmp_path, "echo", ECHO),  # no extension at all
        _write(tmp_path, "results.lab", RESULTS),
        _write(tmp_path, "data.v2", bytes(range(256)) * 4),  # neither: refused as before
    ]
    report = workspace.import_documents(files, patient)
    outcomes = {o.file_name: o for o in report.files}
    assert {name: (o.status, o.file_type) for name, o in outcomes.items()} == {
        "report.v2": ("imported", "pdf"),
        "echo": ("imported", "docx"),
        "results.lab": ("imported", "txt"),
        "data.v2": ("failed", None),
    }
    assert outcomes["report.v2"].notes[0] == "read as PDF by its content"
    assert outcomes["echo"].notes[0] == "read as Word document by its content"
    assert outcomes["results.lab"].notes[0] == "read as plain text by its content"
    assert "unsupported file type (.v2)" in outcomes["data.v2"].reason
    pdf = outcomes["report.v2"].document_id
    assert pdf is not None and "Ticagrelor" in vault.document_text(pdf)
    # Read again later (re-chunking, page spans) by the type it was imported as, not refused
    # by its name.
    info = vault.get_document(pdf)
    again = format_of_document(info.file_name, info.file_type).extract(
        vault.document_bytes(pdf), info.file_name
    )
    assert again.text == vault.document_text(pdf)


def test_a_folder_still_skips_files_of_unknown_types(workspace: Workspace, tmp_path: Path) -> None:
    """A folder may hold anything (a scanner's log, an exported spreadsheet): only files named
    on purpose are read by their content."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    folder = tmp_path / "letters"
    folder.mkdir()
    _write(folder, "report.v2", LETTER)
    (outcome,) = workspace.import_documents([folder], patient).files
    assert outcome.status == "skipped" and "unsupported file type" in outcome.reason


def test_an_email_cancelled_midway_and_imported_again_stores_attachments_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    message = EmailMessage()
    message["Subject"] = "Discharge"
    message.set_content("Dear colleague, the letters are attached.\n")
    for data, kind, name in (
        (LETTER, ("application", "pdf"), "discharge.pdf"),
        (ECHO, ("application", "octet-stream"), "echo.docx"),
        (RESULTS, ("text", "plain"), "results.txt"),
    ):
        message.add_attachment(data, *kind, filename=name)
    letter = _write(tmp_path, "letter.eml", message.as_bytes())
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    cancel = threading.Event()

    def on_file(event: ProgressEvent) -> None:
        if event.stage == "embed" and event.file_name.endswith("echo.docx"):
            cancel.set()  # in the middle of the second attachment

    first = workspace.import_documents([letter], patient, on_file=on_file, cancel=cancel)
    assert first.cancelled
    email = first.files[0].document_id
    assert email is not None
    inside = [a.data for a in email_attachments(vault.document_bytes(email), "letter.eml")]
    assert inside == [b"", ECHO, RESULTS]  # not reached: kept inside the e-mail

    again = workspace.import_documents([letter], patient)
    assert [o.status for o in again.files] == ["skipped", "skipped", "imported", "imported"]
    inside = [a.data for a in email_attachments(vault.document_bytes(email), "letter.eml")]
    assert inside == [b"", b"", b""]  # each attachment's bytes are in its own document only
    stored = {d.file_name: vault.document_bytes(d.id) for d in vault.attachments_of(email)}
    assert sorted(stored.values(), key=len) == sorted([LETTER, ECHO, RESULTS], key=len)
