"""Left48a: an e-mail's attachments were named in the import notes but not imported, while a
clinic receives its letters and lab PDFs exactly so. Each supported attachment is now imported
as a document of its own of the same patient (same checks, stages and duplicate check as a file
on disk, nothing written to disk in plain text), named "letter.eml › discharge.pdf", each with
its own line in the report; an unsupported or broken one gets its own clear line and the rest
goes on; a citation opens the attachment's passage (its own text, page and original bytes).
Imported again, the e-mail is skipped as a duplicate and so is each attachment already in the
vault; one that is not yet there (an e-mail imported before attachments were) is imported.

Real SQLCipher vault, real .eml files made with the stdlib ``email`` package holding a real
PDF (reportlab) and DOCX (python-docx); the embedder is the fast fake."""

from __future__ import annotations

import tempfile
import threading
import tracemalloc
from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_docx, make_pdf
from fixtures.vault_file import new_workspace

from medlocal.app import Workspace
from medlocal.ingest.extractors.mail import extract_email
from medlocal.ingest.pipeline import CARRIED_MARK, ProgressEvent

DISCHARGE = make_pdf(["Discharge summary\nTicagrelor 90 mg twice daily for 12 months."])
REFERRAL = make_pdf(["Referral letter\nPlease review the dermatology findings."])
ECHO = make_docx([("h1", "Cardiology clinic"), ("p", "Echocardiogram: ejection fraction 35%.")])
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _message(subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "ward7@hospital.example"
    message["To"] = "gp@clinic.example"
    message["Date"] = "Tue, 3 Mar 2026 14:05:00 +0000"
    message.set_content(text)
    return message


def _letter() -> bytes:
    """An e-mail carrying a PDF, a DOCX, a text file, an unnamed PDF, a calendar invite, a
    damaged PDF and an e-mail of its own (with its own PDF)."""
    message = _message("Discharge of Mr Quornwaithe", "Dear colleague, the documents are attached.")
    message.add_attachment(DISCHARGE, maintype="application", subtype="pdf",
                           filename="discharge.pdf")  # fmt: skip
    message.add_attachment(ECHO, *DOCX_TYPE, filename="echo.docx")
    message.add_attachment("Potassium 5.9 mmol/L (high).", filename="labs.txt")
    message.add_attachment(b"BEGIN:VCALENDAR", maintype="text", subtype="calendar",
                           filename="follow-up.ics")  # fmt: skip
    message.add_attachment(b"%PDF-1.4 damaged", maintype="application", subtype="pdf",
                           filename="broken.pdf")  # fmt: skip
    inner = _message("Referral", "Referral attached.")
    inner.add_attachment(REFERRAL, maintype="application", subtype="pdf", filename="referral.pdf")
    message.add_attachment(inner.as_bytes(), maintype="application", subtype="octet-stream",
                           filename="fwd.eml")  # fmt: skip
    return message.as_bytes()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path, chat=None)
    yield ws  # type: ignore[misc]
    ws.close()


def _lines(report: object) -> list[tuple[str, str]]:
    return [(outcome.shown, outcome.status) for outcome in report.files]  # type: ignore[attr-defined]


def test_each_attachment_is_a_document_of_its_own_and_cited_from_its_own_text(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing of an attachment reaches a temporary file (promise 2): the folder stays empty.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    letter = tmp_path / "letter.eml"
    letter.write_bytes(_letter())
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")

    report = workspace.import_documents([letter], patient)

    by = CARRIED_MARK
    shown = str(letter)
    assert _lines(report) == [
        (shown, "imported"),
        (f"{shown}{by}discharge.pdf", "imported"),
        (f"{shown}{by}echo.docx", "imported"),
        (f"{shown}{by}labs.txt", "imported"),
        (f"{shown}{by}follow-up.ics", "skipped"),
        (f"{shown}{by}broken.pdf", "failed"),
        (f"{shown}{by}fwd.eml", "imported"),
        (f"{shown}{by}fwd.eml{by}referral.pdf", "imported"),
    ]
    reasons = {o.file_name: o.reason for o in report.files if o.reason}
    assert reasons[f"letter.eml{by}follow-up.ics"].startswith(
        "attachment not imported: unsupported file type (.ics)"
    )
    assert reasons[f"letter.eml{by}broken.pdf"] == "damaged PDF that cannot be read"
    documents = {d.file_name: d.file_type for d in vault.list_documents(patient)}
    assert documents == {
        "letter.eml": "email",
        f"letter.eml{by}discharge.pdf": "pdf",
        f"letter.eml{by}echo.docx": "docx",
        f"letter.eml{by}labs.txt": "txt",
        f"letter.eml{by}fwd.eml": "email",
        f"letter.eml{by}fwd.eml{by}referral.pdf": "pdf",
    }
    # A citation of the attachment's passage opens the attachment: its text, its page, its PDF.
    (hit, *_) = vault.search("Ticagrelor 90 mg twice daily", None, patient_id=patient)
    assert hit.file_name == f"letter.eml{by}discharge.pdf" and hit.page == 1
    assert "Ticagrelor 90 mg" in vault.document_text(hit.document_id)[hit.start : hit.end]
    assert vault.document_bytes(hit.document_id) == DISCHARGE
    (hit, *_) = vault.search("ejection fraction 35%", None, patient_id=patient)
    assert hit.file_name == f"letter.eml{by}echo.docx"
    assert vault.document_bytes(hit.document_id) == ECHO
    assert list(scratch.iterdir()) == []


def test_an_email_imported_again_imports_only_the_attachments_not_yet_in_the_vault(
    workspace: Workspace, tmp_path: Path
) -> None:
    letter = tmp_path / "letter.eml"
    letter.write_bytes(_letter())
    discharge = tmp_path / "discharge.pdf"
    discharge.write_bytes(DISCHARGE)
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    # The PDF came on its own first (saved from the e-mail by hand, as before).
    (from_disk,) = workspace.import_documents([discharge], patient).imported

    first = workspace.import_documents([letter], patient)
    carried = {o.file_name: o for o in first.files}
    copy = carried[f"letter.eml{CARRIED_MARK}discharge.pdf"]
    assert copy.status == "skipped" and copy.duplicate_of == from_disk.document_id
    assert len(first.imported) == 5  # the e-mail, the DOCX, the text, fwd.eml and its PDF
    count = len(vault.list_documents(patient))

    again = workspace.import_documents([letter], patient)
    statuses = {o.file_name: (o.status, o.reason or "") for o in again.files}
    assert statuses["letter.eml"][0] == "skipped"
    assert statuses["letter.eml"][1].startswith("duplicate: already imported for this patient")
    duplicates = [o for o in again.files if o.duplicate_of is not None]
    # The e-mail, its PDF, DOCX, text and fwd.eml, and fwd.eml's PDF; the invite and the
    # damaged PDF are said again as before.
    assert len(duplicates) == 6
    assert again.imported == [] and len(vault.list_documents(patient)) == count


def test_a_cancel_between_attachments_leaves_the_email_to_import_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    """The e-mail's own end is told after its attachments': cancelled between them, it is
    among the files not reached (and not finished for a close's list), and importing it again
    brings in the attachments left."""
    letter = tmp_path / "letter.eml"
    letter.write_bytes(_letter())
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    cancel = threading.Event()
    ended: list[str] = []

    def on_file(event: ProgressEvent) -> None:
        if event.stage == "done":
            ended.append(event.file_name)
            if event.file_name.endswith("discharge.pdf"):
                cancel.set()

    report = workspace.import_documents([letter], patient, on_file=on_file, cancel=cancel)
    assert report.cancelled and report.not_reached == [str(letter)]
    assert ended == [f"{letter}{CARRIED_MARK}discharge.pdf"]
    assert [o.status for o in report.files] == ["imported", "imported"]

    again = workspace.import_documents([letter], patient, on_file=on_file)
    assert len(again.imported) == 4  # the DOCX, the text, fwd.eml and its PDF
    assert ended[-1] == str(letter)  # told last, once its attachments are through


def test_a_large_emails_attachment_is_decoded_without_copies(tmp_path: Path) -> None:
    """A 56 MB e-mail peaked at ~500 MB (the stdlib parser given the whole file at once, and
    its line-by-line base64 decoding): now the parser is fed a megabyte at a time and the
    attachment decoded from its parsed text, which is then let go."""
    message = _message("Scans", "The scans are attached.")
    body = DISCHARGE + bytes(range(256)) * (8 * 4096)  # 8 MB of "PDF"
    message.add_attachment(body, maintype="application", subtype="pdf", filename="scan.pdf")
    data = message.as_bytes()
    tracemalloc.start()
    try:
        document = extract_email(data, "scans.eml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (attachment,) = document.attachments
    assert attachment.data == body
    # Before: 7.7 times the e-mail's size; now under 3.5 (its text, once, and the bytes).
    assert peak < 3.5 * len(data), f"peak {peak / len(data):.1f} times the e-mail"
