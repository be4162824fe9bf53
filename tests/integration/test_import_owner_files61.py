"""A folder of documents holds files no program means as documents (user61): Word's and
Excel's owner files ("~$letter.docx", beside a document open in Word or left by a crash),
Windows's Thumbs.db and desktop.ini, macOS's "._" copies on a USB stick. The owner file was read
as a DOCX and failed ("not a DOCX file"), so `medlocal import FOLDER` exited 1 for a folder of
good documents. They are passed over now; a file named by itself is still read."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.cli import main as cli_main
from medlocal.ingest.pipeline import collect_files
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASSPHRASE = "owner files test passphrase"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "letter.txt").write_text("Ramipril 5 mg once daily.")
    (folder / "~$letter.docx").write_bytes(b"\x0bDr A Smith" + b"\x00" * 150)
    (folder / "~$results.xlsx").write_bytes(b"\x05Nurse" + b"\x00" * 160)
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 500)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (folder / "._letter.txt").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    return folder


def test_only_the_documents_of_a_folder_are_collected(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert [found.shown for found in collect_files([folder])] == ["letter.txt"]
    named = folder / "~$letter.docx"  # named on purpose: read, and its reason told
    assert [found.path for found in collect_files([named])] == [named]


def test_import_of_the_folder_succeeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=KdfParams(8 * 1024, 1, 1))
    with vault:
        patient = vault.add_patient("Owner Files")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    code = cli_main(
        [
            "import",
            "--vault",
            str(folder),
            "--passphrase-file",
            str(secret),
            "--patient",
            str(patient),
            str(_folder(tmp_path)),
        ],
        workspace=Workspace(embedder_loader=lambda m: FakeEmbedder()),
    )
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert "Imported 1, skipped 0, failed 0" in out
    assert "~$" not in out and "Thumbs.db" not in out
