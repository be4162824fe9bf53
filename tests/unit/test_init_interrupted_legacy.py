"""A key file without its database (walk 47a D1, left48a, review 48 R1/R2/R7). Versions before
the "unfinished" mark, killed between writing the key file and the database, left a key file
with no database (or beside a 0-byte one). But every finished vault's key file is unmarked too,
and its database may have been moved away, quarantined, emptied by a crash, or be on a drive that
is not connected (a link to nothing): nothing tells the two apart, so such a folder is never
called "never finished" nor replaced on its own. It is said to miss its database, with both ways
on (put it back; or, for an old interrupted setup, `vault init --start-over`, which keeps the
files in a hidden folder beside it). Only the mark makes a vault replaceable by init or a
restore, and a refused restore leaves even that one as it was. Real SQLCipher and the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS as BACKUP_PASS
from fixtures.backup_vault import make_planted_vault
from fixtures.vault_file import FAST, PASS, new_vault

from medlocal.app import Workspace
from medlocal.app.doctor import _vault_note
from medlocal.cli import main
from medlocal.vault import unlock
from medlocal.vault.backup import create_backup
from medlocal.vault.errors import (
    VaultCorruptedError,
    VaultExistsError,
    WrongPassphraseError,
)
from medlocal.vault.manifest import BackupRefusedError
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


def _contents(folder: Path) -> dict[str, bytes | str]:
    """Every entry of ``folder``: a file's bytes, a link's target (never followed)."""
    return {
        entry.name: (os.readlink(entry) if entry.is_symlink() else entry.read_bytes())
        for entry in folder.iterdir()
    }


def _used_vault(folder: Path) -> None:
    """A finished vault holding a patient, locked (its key file is unmarked, as every one is)."""
    vault = new_vault(folder)
    vault.add_patient("Ada Quornwaithe")
    vault.lock()
    assert (folder / NOTE_NAME).exists()
    assert b"unfinished" not in VaultFiles(folder).key_file.read_bytes()


def _backup_of_another_vault(tmp_path: Path) -> Path:
    planted = make_planted_vault(tmp_path / "other")
    (tmp_path / "usb").mkdir()
    with Vault.open(planted.folder, BACKUP_PASS) as vault:
        return create_backup(vault, BACKUP_PASS, tmp_path / "usb").path


def _database_gone(folder: Path, how: str, tmp_path: Path) -> Path:
    """Take the database of the vault in ``folder`` away as ``how`` says; returns where it is."""
    database = VaultFiles(folder).database
    kept = tmp_path / "elsewhere" / database.name
    kept.parent.mkdir()
    os.replace(database, kept)
    if how == "empty":  # a crash left it zero-length: the real one is in "elsewhere"
        database.write_bytes(b"")
    elif how == "unmounted drive":  # a link to a drive, then the drive is gone
        database.symlink_to(kept)
        os.replace(kept.parent, tmp_path / "unplugged")
        kept = tmp_path / "unplugged" / database.name
    return kept


HOW = ["moved away", "empty", "unmounted drive"]


@pytest.mark.parametrize("how", HOW)
def test_a_finished_vault_without_its_database_is_never_taken_for_half_made(
    how: str, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    _used_vault(folder)
    kept = _database_gone(folder, how, tmp_path)
    before = _contents(folder)

    assert not Vault.is_unfinished(folder)
    with pytest.raises(VaultCorruptedError) as opened:
        Vault.open(folder, PASS)
    said = str(opened.value)
    assert "was never finished" not in said and "holds nothing" not in said
    assert "put it back" in said and "--start-over" in said
    if how == "unmounted drive":
        assert "is a link to" in said and "not there" in said
    with pytest.raises(VaultExistsError, match="put it back"):
        Vault.create(folder, PASS, kdf_params=FAST)
    backup = _backup_of_another_vault(tmp_path)
    with pytest.raises(BackupRefusedError, match="put it back"):
        restore_backup(backup, folder, passphrase=BACKUP_PASS)
    with pytest.raises(BackupRefusedError, match="another vault"):
        restore_backup(backup, folder, passphrase=BACKUP_PASS, replace=True)
    assert _vault_note(folder).startswith("a vault whose database is missing or empty")
    ws = Workspace(folder)
    try:
        assert not ws.vault_unfinished()
        with pytest.raises(VaultCorruptedError, match="put it back"):
            ws.unlock(PASS)
        with pytest.raises(VaultExistsError, match="put it back"):
            ws.create_vault(PASS, PASS)
    finally:
        ws.close()
    assert _contents(folder) == before  # key file, session count and link all untouched

    # The database comes back: the vault opens with its patient.
    database = VaultFiles(folder).database
    database.unlink(missing_ok=True)
    os.replace(kept, database)
    with Vault.open(folder, PASS) as vault:
        assert [p.name for p in vault.list_patients()] == ["Ada Quornwaithe"]


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
def test_a_pre_mark_half_made_vault_starts_over_only_when_asked(
    database: bytes | None, medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = medlocal_home.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    folder = _vault_folder(medlocal_home)
    old_key = _pre_mark_vault(folder, database)
    before = _contents(folder)

    assert main(["vault", "status", "--passphrase-file", str(secret)]) != 0
    err = capsys.readouterr().err
    assert "was never finished" not in err and "holds nothing" not in err
    assert "is missing" in err or "is empty" in err
    assert "put it back" in err and "'medlocal vault init --start-over'" in err

    assert main(["vault", "init", "--passphrase-file", str(secret)]) != 0
    assert "--start-over" in capsys.readouterr().err
    assert _contents(folder) == before

    assert main(["vault", "init", "--start-over", "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out and "are kept in" in out
    (aside,) = folder.parent.glob(f".{folder.name}.set-aside-*")
    assert _contents(aside) == before and (aside / "vault.keys.json").read_bytes() == old_key
    assert main(["vault", "status", "--passphrase-file", str(secret)]) == 0
    assert "Patients:     0" in capsys.readouterr().out


def test_start_over_refuses_a_vault_that_opens(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = medlocal_home.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    folder = _vault_folder(medlocal_home)
    _used_vault(folder)
    before = _contents(folder)
    assert main(["vault", "init", "--start-over", "--passphrase-file", str(secret)]) != 0
    assert "already exists" in capsys.readouterr().err
    assert _contents(folder) == before
    assert not list(folder.parent.glob(f".{folder.name}.set-aside-*"))


def test_start_over_where_there_is_no_vault_just_creates_one(
    medlocal_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = medlocal_home.parent / "pass.txt"
    secret.write_text(PASS, encoding="utf-8")
    assert main(["vault", "init", "--start-over", "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out and "are kept in" not in out


def test_a_written_database_without_its_key_file_is_never_taken_for_half_made(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    _used_vault(folder)
    files = VaultFiles(folder)
    files.key_file.unlink()
    before = _contents(folder)
    assert not Vault.is_unfinished(folder)
    with pytest.raises(VaultCorruptedError, match="has its database but not its key file"):
        Vault.open(folder, PASS)
    with pytest.raises(VaultExistsError, match="vault restore BACKUP_FOLDER --replace"):
        Vault.create(folder, PASS)
    with pytest.raises(VaultExistsError):
        files.set_aside()
    ws = Workspace(folder)
    try:
        with pytest.raises(VaultCorruptedError, match="not its key file"):
            ws.unlock(PASS)
    finally:
        ws.close()
    assert _vault_note(folder).startswith("a vault database without its key file")
    assert _contents(folder) == before


def test_an_empty_database_without_a_key_file_is_said_and_set_aside_when_asked(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "vault.db").write_bytes(b"")
    assert not Vault.is_unfinished(folder)
    with pytest.raises(VaultExistsError, match=r"no key file .* is empty"):
        Vault.create(folder, PASS, kdf_params=FAST)
    assert (folder / "vault.db").exists()
    aside = VaultFiles(folder).set_aside()
    assert (aside / "vault.db").exists()
    new_vault(folder).lock()
    Vault.open(folder, PASS).lock()


def test_a_refused_restore_leaves_an_unfinished_target_as_it_was(tmp_path: Path) -> None:
    """Review 48 R2: the unfinished vault is removed only once the backup opened."""
    backup = _backup_of_another_vault(tmp_path)
    target = tmp_path / "half"
    vault, _key = Vault.create(target, PASS, kdf_params=FAST, finish=False)
    vault.lock()
    assert Vault.is_unfinished(target)
    before = _contents(target)
    with pytest.raises(WrongPassphraseError):
        restore_backup(backup, target, passphrase="not the passphrase")
    assert _contents(target) == before
    restore_backup(backup, target, passphrase=BACKUP_PASS)  # the right one replaces it
    with Vault.open(target, BACKUP_PASS) as restored:
        assert restored.list_patients()


def test_a_vault_open_elsewhere_is_not_said_to_be_being_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 48 R7: another process holds the vault open and its database was renamed."""
    folder = tmp_path / "vault"
    _used_vault(folder)
    os.replace(VaultFiles(folder).database, tmp_path / "renamed.db")
    monkeypatch.setattr(unlock, "other_openers", lambda _database: {4242})
    with pytest.raises(VaultExistsError) as refused:
        Vault.create(folder, PASS, kdf_params=FAST)
    assert "creating" not in str(refused.value)
    assert "put it back" in str(refused.value)
