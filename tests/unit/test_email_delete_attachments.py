"""Review 48 R6: an e-mail's attachments are imported as documents of their own, and deleting
the e-mail (usually because it was filed under the wrong patient) left them behind, unsaid.
Each attachment now records the e-mail it came from (vault schema 7); deleting the e-mail says
how many documents came from its attachments, names them, and deletes them with it (the command
line keeps them with --keep-attachments). Real SQLCipher vault, real .eml and PDF files, the
real CLI; the embedder is the fast fake."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_pdf
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.app.document_deletion import plan_deletion
from medlocal.cli import main


def _attach_pdf(message: EmailMessage, text: str, name: str) -> None:
    message.add_attachment(make_pdf([text]), maintype="application", subtype="pdf", filename=name)


def _email(tmp_path: Path) -> Path:
    """Ward 7's e-mail: a discharge PDF and a forwarded e-mail carrying a referral PDF."""
    message = EmailMessage()
    message["Subject"] = "Discharge"
    message["From"] = "ward7@hospital.example"
    message.set_content("Dear colleague, the discharge summary is attached.")
    _attach_pdf(message, "Discharge summary\nBisoprolol 2.5 mg daily.", "discharge.pdf")
    inner = EmailMessage()
    inner["Subject"] = "Referral"
    inner.set_content("Referral attached.")
    _attach_pdf(inner, "Referral\nPlease review the rash.", "referral.pdf")
    message.add_attachment(inner.as_bytes(), maintype="application", subtype="octet-stream",
                           filename="fwd.eml")  # fmt: skip
    path = tmp_path / "letter.eml"
    path.write_bytes(message.as_bytes())
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path, chat=None)
    yield ws  # type: ignore[misc]
    ws.close()


def _imported(workspace: Workspace, tmp_path: Path) -> tuple[int, int, dict[str, int]]:
    """The patient, the e-mail's document and its attachments' documents by name."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    other = tmp_path / "clinic.txt"
    other.write_text("Clinic note: blood pressure 128/80.", encoding="utf-8")
    workspace.import_documents([_email(tmp_path), other], patient)
    ids = {info.file_name: info.id for info in vault.list_documents(patient)}
    return patient, ids.pop("letter.eml"), ids


def test_deleting_an_email_names_and_takes_its_attachments(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    _patient, email, others = _imported(workspace, tmp_path)
    carried = {
        "letter.eml › discharge.pdf",
        "letter.eml › fwd.eml",
        "letter.eml › fwd.eml › referral.pdf",
    }
    assert carried <= set(others)
    assert {info.file_name for info in vault.attachments_of(email)} == carried
    assert vault.attachments_of(others["clinic.txt"]) == []

    plan = plan_deletion(vault, [email])
    said = plan.attachments_sentence()
    assert said.startswith(" 3 documents came from its attachments and are deleted with it:")
    assert all(name in said for name in carried)
    assert set(plan.document_ids) == {email} | {others[name] for name in carried}

    kept = plan_deletion(vault, [email], with_attachments=False)
    assert kept.document_ids == [email] and kept.attachments_sentence() == ""


def _cli_options(workspace: Workspace, tmp_path: Path) -> tuple[Path, list[str]]:
    """The vault's folder, locked, and the options that open it from the CLI (--yes last)."""
    folder = workspace.vault_folder
    workspace.lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    return folder, ["--vault", str(folder), "--passphrase-file", str(secret), "--yes"]


@pytest.mark.parametrize("keep", [False, True], ids=["deleted with it", "--keep-attachments"])
def test_the_cli_delete_says_and_deletes_the_attachments(
    keep: bool, workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patient, email, others = _imported(workspace, tmp_path)
    folder, opts = _cli_options(workspace, tmp_path)
    flags = ["--keep-attachments"] if keep else []
    assert main(["delete", str(email), *flags, *opts]) == 0
    said = "Deleted the 3 documents from its attachments" in capsys.readouterr().out
    assert said is not keep
    ws = Workspace(folder)
    try:
        vault = ws.unlock(PASS)
        left = {info.file_name for info in vault.list_documents(patient)}
        assert left == (set(others) if keep else {"clinic.txt"})
        if keep:  # the forwarded e-mail still carries its own attachment
            inner = vault.attachments_of(others["letter.eml › fwd.eml"])
            assert [info.file_name for info in inner] == ["letter.eml › fwd.eml › referral.pdf"]
    finally:
        ws.close()


def test_the_cli_question_names_the_attachments(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient, email, others = _imported(workspace, tmp_path)
    folder, opts = _cli_options(workspace, tmp_path)
    asked: list[str] = []
    monkeypatch.setattr("medlocal.cli.common.stdin_is_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    assert main(["delete", str(email), *opts[:-1]]) == 1  # without --yes: asked
    (question,) = asked
    assert question.startswith(f"Delete document {email} (letter.eml)? 3 documents came from")
    assert "letter.eml › fwd.eml › referral.pdf" in question and "--keep-attachments" in question
    ws = Workspace(folder)
    try:
        assert len(ws.unlock(PASS).list_documents(patient)) == len(others) + 1  # nothing deleted
    finally:
        ws.close()
