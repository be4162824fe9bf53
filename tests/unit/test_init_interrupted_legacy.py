"""Left48a: half-made vaults from versions before the "unfinished" mark (walk 47a D1). Such a
version wrote the key file, then the database, and killed between the two left a key file with
no database: every command said "The vault database file is missing." and `vault init` "A vault
already exists" (stuck); killed just after the empty database file was made, a key file beside
a 0-byte database. Both are recognised as never finished (they hold nothing), said so with the
way to start again, and `vault init` / a restore replace them; the unmarked key file is kept
beside the folder, not deleted, since the database it opens may only have been moved away. A
database that was written is never taken for half made: without its key file it is named as
such, with the restore that brings it back. Real SQLCipher vaults and the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.backup_vault import PASS as BACKUP_PASS
from fixtures.backup_vault import make_planted_vault
from fixtures.vault_file import PASS, new_vault

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.vault.backup import create_backup
from medlocal.vault.errors import VaultCorruptedError, VaultExistsError
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault
from medlocal.vault.unlock import VaultFiles
from medlocal.vault.unrecorded import NOTE_NAME


def _vault_folder(home: Path) -> Path:
    ws = Workspace()
    try:
        return ws.vault_folder
    finally:
        ws.close()


def _pre_mark_vault(folder: Path, database: bytes | None) -> bytes:
    """A key file as versions before the mark wrote it (no "unfinished" in it), beside no
    database (``None``) or a database file holding ``database``; returns the key file's bytes."""
    new_vault(folder).lock()
    files = VaultFiles(folder)
    for suffix in ("-wal", "-shm", ""):
        files.database.with_name(files.database.name + suffix).unlink(missing_ok=True)
    (folder / NOTE_NAME).unlink(missing_ok=True)  # not made by those versions either
    if database is not None:
        files.database.write_bytes(database)
        files.database.with_name(files.database.name + "-journal").write_bytes(b"\0" * 512)
    assert b"unfinished" not in files.key_file.read_bytes()
    return files.key_file.read_bytes()


@pytest.mark.parametrize("database", [None, b""], ids=["no database", "empty database"])
def test_a_pre_mark_half_made_vault_is_said_unfinished_and_made_again(
    database: bytes | None, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = medlocal_home.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    folder = _vault_folder(medlocal_home)
    old_key = _pre_mark_vault(folder, database)
    kept = VaultFiles(folder).kept_key_file()
    assert Vault.is_unfinished(folder) and not Vault.exists(folder)

    assert main(["vault", "status", "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "database file is missing" not in err
    assert "was never finished" in err and "'medlocal vault init'" in err
    if database is None:  # where the old key file will be kept, and the moved-database case
        assert "has a key file but no database" in err and "put it back instead" in err
        assert kept.name in err

    assert main(["vault", "init", "--passphrase-file", str(secret)]) == 0
    assert "Recovery key" in capsys.readouterr().out
    assert kept.read_bytes() == old_key  # kept, never deleted
    assert main(["vault", "status", "--passphrase-file", str(secret)]) == 0
    assert "Patients:     0" in capsys.readouterr().out


def test_a_restore_replaces_a_pre_mark_half_made_vault(tmp_path: Path) -> None:
    planted = make_planted_vault(tmp_path / "vault")
    (tmp_path / "usb").mkdir()
    with Vault.open(planted.folder, BACKUP_PASS) as vault:
        backup = create_backup(vault, BACKUP_PASS, tmp_path / "usb").path
    target = tmp_path / "half"
    old_key = _pre_mark_vault(target, None)
    kept = VaultFiles(target).kept_key_file()
    restore_backup(backup, target, passphrase=BACKUP_PASS)
    with Vault.open(target, BACKUP_PASS) as vault:
        assert vault.list_patients()
    assert kept.read_bytes() == old_key


def test_a_written_database_without_its_key_file_is_never_taken_for_half_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    vault = new_vault(folder)
    vault.add_patient("Ada Quornwaithe")
    vault.lock()
    files = VaultFiles(folder)
    files.key_file.unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert not Vault.is_unfinished(folder)
    with pytest.raises(VaultCorruptedError, match="has its database but not its key file"):
        Vault.open(folder, PASS)
    with pytest.raises(VaultExistsError, match="vault restore BACKUP_FOLDER --replace"):
        Vault.create(folder, PASS)
    ws = Workspace(folder)
    try:
        with pytest.raises(VaultCorruptedError, match="not its key file"):
            ws.unlock(PASS)
    finally:
        ws.close()
    from medlocal.app.doctor import _vault_note

    assert _vault_note(folder).startswith("a vault database without its key file")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_empty_database_without_a_key_file_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "vault.db").write_bytes(b"")
    assert Vault.is_unfinished(folder)
    new_vault(folder).lock()
    Vault.open(folder, PASS).lock()
