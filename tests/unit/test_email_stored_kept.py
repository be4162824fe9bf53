"""Review49: the e-mail stored without its attachments' bytes lost them where they were not
documents linked to it.

R1: an attachment that duplicates a document already in the vault was left out of the e-mail
too, yet deleting the e-mail does not name that document: deleting it (or the other e-mail that
brought it) left the vault with no copy. It now stays inside the e-mail.
R2: an import stopped between the e-mail's two writes (a crash, a second Ctrl-C) left it
without the attachments not yet reached, and importing it again did not put them back. A
re-import now writes the e-mail once more from its file.
R6: a signed e-mail (S/MIME, PGP) was rewritten inside its signed part, so its signature no
longer verified. It is stored whole, and the import says so.

Real SQLCipher vault, real PDFs (reportlab); fast fake embedder."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_pdf
from fixtures.vault_file import new_workspace

from medlocal.app import Workspace
from medlocal.ingest import pipeline
from medlocal.ingest.extractors.mail import SIGNED, email_attachments, extract_email
from medlocal.vault.store import Vault

ECHO = make_pdf(["Echocardiogram report\nEjection fraction 35%."])
DISCHARGE = make_pdf(["Discharge summary\nTicagrelor 90 mg twice daily."])
BROKEN = b"%PDF-1.4 damaged"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = new_workspace(tmp_path, chat=None)
    yield ws
    ws.close()


def _mail(folder: Path, name: str, *attached: tuple[bytes, str]) -> Path:
    message = EmailMessage()
    message["Subject"] = f"About {name}"
    message["From"] = "ward7@hospital.example"
    message.set_content(f"Dear colleague, {name}: see attached.")
    for data, file_name in attached:
        message.add_attachment(data, "application", "pdf", filename=file_name)
    path = folder / name
    path.write_bytes(message.as_bytes())
    return path


def _inside(vault: Vault, email: int | None) -> list[bytes]:
    """The attachments' bytes the stored e-mail holds (b"" for one left out of it)."""
    assert email is not None
    return [a.data for a in email_attachments(vault.document_bytes(email), "x.eml")]


def _setup(workspace: Workspace) -> tuple[Vault, int]:
    vault = workspace.require_vault()
    return vault, vault.add_patient("Arthur Quornwaithe")


def test_two_emails_with_one_pdf_each_keep_it_when_one_is_deleted(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault, patient = _setup(workspace)
    one = workspace.import_documents([_mail(tmp_path, "one.eml", (ECHO, "echo.pdf"))], patient)
    two = workspace.import_documents([_mail(tmp_path, "two.eml", (ECHO, "echo.pdf"))], patient)
    first, second = one.files[0].document_id, two.files[0].document_id
    assert two.files[1].duplicate_of == one.files[1].document_id  # not linked to two.eml
    assert first is not None and _inside(vault, first) == [b""]  # a document linked to it
    assert _inside(vault, second) == [ECHO]
    vault.delete_documents([first, *(d.id for d in vault.attachments_of(first))])
    assert _inside(vault, second) == [ECHO]


def test_an_email_keeps_a_pdf_first_imported_on_its_own(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault, patient = _setup(workspace)
    alone = tmp_path / "echo.pdf"
    alone.write_bytes(ECHO)
    (pdf,) = workspace.import_documents([alone], patient).imported
    report = workspace.import_documents([_mail(tmp_path, "a.eml", (ECHO, "echo.pdf"))], patient)
    email = report.files[0].document_id
    assert pdf.document_id is not None and _inside(vault, email) == [ECHO]
    vault.delete_documents([pdf.document_id])
    assert _inside(vault, email) == [ECHO]


def test_the_same_pdf_twice_in_one_email_is_stored_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault, patient = _setup(workspace)
    twice = _mail(tmp_path, "twice.eml", (ECHO, "echo.pdf"), (ECHO, "echo copy.pdf"))
    report = workspace.import_documents([twice], patient)
    email = report.files[0].document_id
    assert email is not None and [d.file_name for d in vault.attachments_of(email)] == [
        "twice.eml › echo.pdf"
    ]
    assert _inside(vault, email) == [b"", b""]  # the copy's document is linked to it


def test_an_import_stopped_midway_is_mended_by_importing_the_email_again(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, patient = _setup(workspace)
    letter = _mail(tmp_path, "c.eml", (DISCHARGE, "discharge.pdf"), (BROKEN, "broken.pdf"))
    reached = {"count": 0}
    original = pipeline._import_attachment

    def stop_at_the_second(*args: object, **kwargs: object) -> object:
        reached["count"] += 1
        if reached["count"] == 2:  # the second Ctrl-C, or the process killed, here
            raise KeyboardInterrupt
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_import_attachment", stop_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        workspace.import_documents([letter], patient)
    monkeypatch.setattr(pipeline, "_import_attachment", original)
    (email, discharge) = vault.list_documents(patient)
    assert _inside(vault, email.id) == [b"", b""]  # broken.pdf not reached: in no document

    again = workspace.import_documents([letter], patient)
    assert [o.status for o in again.files] == ["skipped", "skipped", "failed"]
    assert _inside(vault, email.id) == [b"", BROKEN]
    assert [d.id for d in vault.attachments_of(email.id)] == [discharge.id]
    assert vault.document_text(email.id) == extract_email(letter.read_bytes(), "c.eml").text
    stored = vault.document_bytes(email.id)
    workspace.import_documents([letter], patient)  # nothing to mend: left as it is
    assert vault.document_bytes(email.id) == stored


def test_a_signed_email_is_stored_whole(workspace: Workspace, tmp_path: Path) -> None:
    signed = (
        b"From: ward7@hospital.example\nSubject: Discharge\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; '
        b"micalg=sha-256; boundary=S1\n\n--S1\n"
        b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\n"
        b"Content-Type: text/plain\n\nDear colleague, the discharge summary is attached.\n"
        b"--XX\nContent-Type: application/pdf\n"
        b'Content-Disposition: attachment; filename="discharge.pdf"\n'
        b"Content-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(DISCHARGE)
        + b"--XX--\n\n--S1\nContent-Type: application/pkcs7-signature; name=smime.p7s\n"
        b"Content-Disposition: attachment; filename=smime.p7s\n"
        b"Content-Transfer-Encoding: base64\n\nMIIBAAAA\n--S1--\n"
    )
    letter = tmp_path / "signed.eml"
    letter.write_bytes(signed)
    vault, patient = _setup(workspace)
    report = workspace.import_documents([letter], patient)
    email = report.files[0]
    assert email.document_id is not None and SIGNED in email.notes
    assert "signed.eml › discharge.pdf" in [o.file_name for o in report.imported]
    assert vault.document_bytes(email.document_id) == signed
    workspace.import_documents([letter], patient)  # a re-import does not rewrite it either
    assert vault.document_bytes(email.document_id) == signed
