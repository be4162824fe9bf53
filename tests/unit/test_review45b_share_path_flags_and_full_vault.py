"""Review45b D12: ``--preview --overwrite`` without --out was accepted with nothing to
overwrite, and a full disk met while the export read the vault (SQLite's "database or disk is
full", its temporary store filling) was said in the export's words, naming the --out folder.
The first is refused as other flags that would do nothing are; the second keeps the vault's
words and folder. Both tests failed before the fix (checked by restoring
medlocal/cli/rag_cmds.py, medlocal/app/workspace.py and medlocal/fsutil.py from main)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import sqlcipher3.dbapi2 as sqlcipher

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.errors import DiskFullError, ExportDiskFullError
from medlocal.rag.export import Shared
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord

PASS = "correct horse battery staple"
TEXT = "Clinic letter\n\nMrs Ada Quennell was seen. Apixaban 2.5 mg twice daily continued.\n"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Ada Quennell")
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(TEXT, 1, 0, len(TEXT))]
    doc = vault.add_document(
        patient, "letter.txt", "txt", TEXT.encode(), chunks, vector, "f-v1", text=TEXT
    )
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, doc, secret
    ws.close()


def test_overwrite_with_a_preview_and_no_out_is_refused(
    setup: tuple[Workspace, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    ws, document_id, secret = setup
    argv = ["patient", "export-document", str(document_id), "--passphrase-file", str(secret),
            "--redact", "--preview", "--overwrite"]  # fmt: skip
    assert main(argv, workspace=ws) == 2
    err = capsys.readouterr().err
    assert "--overwrite replaces the file of --out, and --preview writes nothing" in err, err


def test_a_full_disk_while_reading_the_vault_is_said_as_the_vaults(
    setup: tuple[Workspace, int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, document_id, _ = setup

    def full(*_args: object) -> None:
        raise sqlcipher.OperationalError("database or disk is full")

    monkeypatch.setattr("medlocal.app.outputs.shared_document", full)
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(DiskFullError) as caught:
        ws.export(Shared.document(document_id), out / "letter.txt", redact=True)
    assert not isinstance(caught.value, ExportDiskFullError)
    assert caught.value.where == str(ws.require_vault().folder)
    assert "nothing already saved was lost" in str(caught.value)
    assert str(out) not in str(caught.value)
