"""Left49a: an e-mail was stored whole, so each attachment's bytes were stored twice (inside the
e-mail and as its own document: a 56.6 MB e-mail with a 40 MB PDF made a 96 MB vault, 41 MB
now). The vault keeps the e-mail's headers and text as they came, with the attachments that are
documents of their own left out of it (their headers kept and marked); an attachment that did
not become a document (unsupported, damaged, a copy of the e-mail's text, a picture without
text, one a cancel did not reach) stays inside it, so nothing imported is lost. Also: an
attachment named without an extension is read by what its bytes are ("scan" sent as
application/octet-stream was skipped as .bin); a text attachment repeating the e-mail's text is
no second document; a picture with no text is said in one line, not as a failure.

Real SQLCipher vault, real PDF (reportlab), real OCR of a blank picture; fast fake embedder."""

from __future__ import annotations

import hashlib
import io
import threading
from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_docx, make_pdf
from fixtures.vault_file import new_workspace
from PIL import Image

from medlocal.app import Workspace
from medlocal.ingest.extractors.mail import LEFT_OUT_HEADER, email_attachments, extract_email
from medlocal.ingest.pipeline import CARRIED_MARK, NO_TEXT_PICTURE, SAME_AS_TEXT, ProgressEvent
from medlocal.ingest.sniff import text_suffix
from medlocal.vault.store import Vault

BODY = "Dear colleague,\nMr Quornwaithe was discharged on ticagrelor 90 mg twice daily.\n"
DISCHARGE = make_pdf(["Discharge summary\nTicagrelor 90 mg twice daily for 12 months."])
SCAN = make_pdf(["Echocardiogram report\nEjection fraction 35%."])
ECHO = make_docx([("h1", "Cardiology clinic"), ("p", "Echo: left ventricle dilated.")])
BROKEN = b"%PDF-1.4 damaged"
INVITE = b"BEGIN:VCALENDAR"
RESULTS = b"Potassium 5.9 mmol/L (high)\nSodium 138 mmol/L\n"
BLOB = bytes(range(256)) * 4
M = CARRIED_MARK


def _blank_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 80), "white").save(out, format="PNG")
    return out.getvalue()


def _email(crlf: bool = False) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Discharge"
    message["From"] = "ward7@hospital.example"
    message["Date"] = "Tue, 3 Mar 2026 14:05:00 +0000"
    message.set_content(BODY)
    octets = ("application", "octet-stream")
    for data, kind, name in (
        (DISCHARGE, ("application", "pdf"), "discharge.pdf"),
        (SCAN, octets, "scan"),  # no extension, no telling type: a PDF by its bytes
        (ECHO, octets, "echo"),  # a Word document by its bytes
        (RESULTS, octets, "results"),  # text
        (BLOB, octets, "blob"),  # neither: skipped as before
        (BROKEN, ("application", "pdf"), "broken.pdf"),
        (INVITE, ("text", "calendar"), "follow-up.ics"),
        (BODY.encode(), ("text", "plain"), "message.txt"),  # the body again
        (_blank_png(), ("image", "png"), "logo.png"),  # a picture with no text
    ):
        message.add_attachment(data, *kind, filename=name)
    data = message.as_bytes()
    return data.replace(b"\n", b"\r\n") if crlf else data


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path, chat=None)
    yield ws  # type: ignore[misc]
    ws.close()


def _letter_for(workspace: Workspace, tmp_path: Path) -> tuple[Path, Vault, int]:
    """The e-mail above as a file, and the vault and patient to import it for."""
    letter = tmp_path / "letter.eml"
    letter.write_bytes(_email())
    vault = workspace.require_vault()
    return letter, vault, vault.add_patient("Arthur Quornwaithe")


def test_an_email_is_stored_once_without_the_attachments_that_are_documents(
    workspace: Workspace, tmp_path: Path
) -> None:
    letter, vault, patient = _letter_for(workspace, tmp_path)

    report = workspace.import_documents([letter], patient)

    outcomes = {o.file_name: o for o in report.files}
    assert {name: o.status for name, o in outcomes.items()} == {
        "letter.eml": "imported",
        f"letter.eml{M}discharge.pdf": "imported",
        f"letter.eml{M}scan.pdf": "imported",
        f"letter.eml{M}echo.docx": "imported",
        f"letter.eml{M}results.txt": "imported",
        f"letter.eml{M}blob.bin": "skipped",
        f"letter.eml{M}broken.pdf": "failed",
        f"letter.eml{M}follow-up.ics": "skipped",
        f"letter.eml{M}message.txt": "skipped",
        f"letter.eml{M}logo.png": "skipped",
    }
    assert outcomes[f"letter.eml{M}message.txt"].reason == SAME_AS_TEXT
    assert outcomes[f"letter.eml{M}logo.png"].reason == NO_TEXT_PICTURE
    assert len(report.failed) == 1  # only the damaged PDF is a failure

    email = outcomes["letter.eml"].document_id
    assert email is not None
    info = vault.get_document(email)
    original = letter.read_bytes()
    # Size and sha256 are the file's: imported again it is found a duplicate.
    assert info.size == len(original)
    assert info.sha256 == hashlib.sha256(original).hexdigest()
    stored = vault.document_bytes(email)
    documents = len(DISCHARGE) + len(SCAN) + len(ECHO) + len(RESULTS)
    assert len(stored) < len(original) - documents
    # Read again, the stored e-mail gives the text it was imported with; the attachments that
    # are documents are left out (marked), the others are inside it, byte for byte.
    assert extract_email(stored, "letter.eml").text == vault.document_text(email)
    inside = [a.data for a in email_attachments(stored, "letter.eml")]
    kept = [BLOB, BROKEN, INVITE, BODY.encode(), _blank_png()]
    assert inside == [b"", b"", b"", b"", *kept]  # in the e-mail's order, as above
    assert stored.count(LEFT_OUT_HEADER.encode()) == 4
    for name, data in (("scan.pdf", SCAN), ("echo.docx", ECHO), ("results.txt", RESULTS)):
        document_id = outcomes[f"letter.eml{M}{name}"].document_id
        assert document_id is not None and vault.document_bytes(document_id) == data

    again = workspace.import_documents([letter], patient)
    assert again.imported == [] and len(again.failed) == 1  # the damaged PDF, said again
    assert outcomes[f"letter.eml{M}message.txt"].duplicate_of is None

    # Deleting the e-mail alone (--keep-attachments) keeps its attachments' documents whole.
    pdf = outcomes[f"letter.eml{M}discharge.pdf"].document_id
    assert pdf is not None
    vault.delete_document(email)
    assert vault.document_bytes(pdf) == DISCHARGE


def test_the_stored_email_keeps_its_own_line_ends_and_headers(tmp_path: Path) -> None:
    original = _email(crlf=True)
    document = extract_email(original, "letter.eml")
    assert document.stored_form is not None
    stored = document.stored_form([None] * len(document.attachments))
    head = original[: original.index(b"\r\n\r\n")]
    assert stored.startswith(head + b"\r\n")  # the e-mail's heading lines exactly as they came
    assert b"\n" not in stored.replace(b"\r\n", b"")
    assert extract_email(stored, "letter.eml").text == document.text
    everything = document.stored_form([a.data for a in document.attachments])
    assert [a.data for a in extract_email(everything, "letter.eml").attachments] == [
        a.data for a in document.attachments
    ]


def test_a_cancel_keeps_the_attachments_not_reached_inside_the_email(
    workspace: Workspace, tmp_path: Path
) -> None:
    letter, vault, patient = _letter_for(workspace, tmp_path)
    cancel = threading.Event()

    def on_file(event: ProgressEvent) -> None:
        if event.stage == "done" and event.file_name.endswith("discharge.pdf"):
            cancel.set()

    report = workspace.import_documents([letter], patient, on_file=on_file, cancel=cancel)
    assert report.cancelled and report.not_reached == [str(letter)]
    email = report.files[0].document_id
    assert email is not None
    inside = [a.data for a in email_attachments(vault.document_bytes(email), "letter.eml")]
    assert inside[:3] == [b"", SCAN, ECHO] and inside[5] == BROKEN


def test_an_email_without_attachments_is_stored_as_it_came(
    workspace: Workspace, tmp_path: Path
) -> None:
    message = EmailMessage()
    message["Subject"] = "Clinic letter"
    message.set_content(BODY)
    letter = tmp_path / "plain.eml"
    letter.write_bytes(message.as_bytes())
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    (done,) = workspace.import_documents([letter], patient).imported
    assert done.document_id is not None
    assert vault.document_bytes(done.document_id) == letter.read_bytes()


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (RESULTS, ".txt"),
        ("Kalium 5,9 mmol/l – hoch\n".encode("cp1252"), ".txt"),
        (b"{\\rtf1\\ansi Letter}", ".rtf"),
        (BLOB, None),
        (b"text\x00with a NUL", None),
        (b"   \n", None),
    ],
)
def test_bytes_that_read_as_text(data: bytes, suffix: str | None) -> None:
    assert text_suffix(data) == suffix


def test_an_email_that_cannot_be_written_out_again_is_stored_whole(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ingest.extractors import mail

    def refuse(self: object, keep: object) -> bytes:
        raise UnicodeEncodeError("ascii", "é", 0, 1, "a header the generator cannot write")

    monkeypatch.setattr(mail._StoredForm, "__call__", refuse)
    letter, vault, patient = _letter_for(workspace, tmp_path)
    report = workspace.import_documents([letter], patient)
    email = report.files[0]
    assert email.status == "imported" and email.document_id is not None
    assert vault.document_bytes(email.document_id) == letter.read_bytes()
    assert len(report.imported) == 5


def test_an_attachment_named_without_an_extension_is_named_by_its_bytes() -> None:
    message = EmailMessage()
    message["Subject"] = "Scans"
    message.set_content("Attached.")
    for data, name in ((SCAN, "Dr. Smith letter"), (_blank_png(), "photo"), (BLOB, "data")):
        message.add_attachment(data, "application", "octet-stream", filename=name)
    message.add_attachment(SCAN, "application", "pdf", filename="report.v2")
    names = [a.name for a in extract_email(message.as_bytes(), "scans.eml").attachments]
    assert names == ["Dr. Smith letter.pdf", "photo.png", "data.bin", "report.v2"]
