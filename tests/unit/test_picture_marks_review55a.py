"""Review 55a of vault schema 9 (document_pictures, left55): a document's picture marks go with
it through a key rotation, a backup and its restore, and the schema step is safe to run again
(an older release's vault, a step interrupted before its version was written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.vault_file import PASS, new_vault

from medlocal.vault import db
from medlocal.vault.backup import create_backup
from medlocal.vault.records import ChunkRecord, PictureMarks
from medlocal.vault.restore import restore_backup
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault

MARKS = PictureMarks(read=((0, 12),), unread_pages=(1, 3))


def _marked_document(vault: Vault) -> int:
    chunk = ChunkRecord("Apixaban 5 mg twice daily.", 1, 0, 26)
    patient = vault.add_patient("Arthur Quornwaithe")
    return vault.add_document(
        patient,
        "letter.pdf",
        "pdf",
        b"%PDF letter",
        [chunk],
        FakeEmbedder().embed([chunk.text]),
        "m",
        pictures=MARKS,
    )


@pytest.mark.slow  # ~11 s at load 14: a key rotation, a backup and a restore
def test_marks_survive_a_key_rotation_a_backup_and_its_restore(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        document = _marked_document(vault)
        vault.rotate_key(PASS)
        assert vault.get_document(document).pictures == MARKS
        result = create_backup(vault, PASS, tmp_path / "usb", create_folder=True)
        assert result.path.is_dir()
    restore_backup(tmp_path / "usb", tmp_path / "restored", passphrase=PASS)
    with Vault.open(tmp_path / "restored", PASS) as restored:
        assert restored.get_document(document).pictures == MARKS
        (hit,) = restored.search("apixaban", None)
        assert hit.unread_picture_pages == (1,) and hit.from_picture


def test_the_schema_step_runs_again_without_harm(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        document = _marked_document(vault)
        with vault._tx() as s:  # the step ran, its version not written (or an older release's)
            s.conn.execute("PRAGMA user_version = 8")
    with Vault.open(folder, PASS) as vault:
        with vault._read() as s:
            assert db.schema_version(s.conn) == len(MIGRATIONS) >= 9
        assert vault.get_document(document).pictures == MARKS  # kept, not re-created empty
