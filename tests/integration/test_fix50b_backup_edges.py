"""fix50b (review 50a R8, R9, R12), each against a real SQLCipher vault and real backups:

- with backups in several folders, a patient's removal named a prune for each folder after "back
  up after the removal", though a backup made to another folder leaves that folder's only
  backup, the one holding the patient: each folder's own two steps are named;
- a failed audit write after a verified backup and its removals turned the backup into an error;
- ``vault backup --prune N --yes`` with no passphrase to read did not say nothing was removed,
  and its question said "1 backup stay".
"""

from __future__ import annotations

import errno
import getpass
import io
import os
import shlex
from pathlib import Path
from typing import Any

import pytest
from fixtures.backup_vault import PASS, make_planted_vault
from fixtures.terminal import at_terminal, run_cli

from medlocal.app.removal_traces import removal_traces
from medlocal.vault import backup as backup_module
from medlocal.vault.backup import BackupResult, create_backup
from medlocal.vault.backup_listing import list_backups
from medlocal.vault.store import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_planted_vault(tmp_path / "my vault", documents=1, chunks=2).folder


def _backup(vault: Path, folder: Path, keep: int | None = None) -> BackupResult:
    folder.mkdir(exist_ok=True)
    with Vault.open(vault, passphrase=PASS) as opened:
        return create_backup(opened, PASS, folder, keep=keep)


def test_each_backup_folder_is_told_its_own_backup_and_prune(vault: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "usb A", tmp_path / "usb B"
    _backup(vault, first)
    _backup(vault, second)
    with Vault.open(vault, passphrase=PASS) as opened:
        said = removal_traces(opened, opened.list_patients()[0].id).still_held()
    quoted = shlex.quote(str(vault))
    for folder in (first, second):
        where = shlex.quote(str(folder))
        line = next(s for s in said if f"1 older backup in {folder}" in s)
        assert f"back up to that folder, medlocal vault backup --vault {quoted} --to {where}," in (
            line
        ), line
        assert f"then remove the older backups there: medlocal vault backup --vault {quoted} " in (
            line
        )
        assert f"--prune 1 --to {where}" in line


def test_a_failed_audit_write_after_the_removals_is_a_warning(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    older = _backup(vault, usb)
    recorded = Vault.record_event

    def disk_full(self: Vault, event: str, details: dict[str, Any] | None = None) -> None:
        if event == backup_module.PRUNE_EVENT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        recorded(self, event, details)

    monkeypatch.setattr(Vault, "record_event", disk_full)
    result = _backup(vault, usb, keep=1)
    assert result.path.is_dir() and result.removed == (older.path,)
    assert not older.path.exists()
    assert "could not be written to the vault's audit log" in result.prune_warning
    assert os.strerror(errno.ENOSPC) in result.prune_warning
    assert "could not all be removed" not in result.prune_warning


def test_prune_with_no_passphrase_says_nothing_was_removed(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    for _ in range(2):
        _backup(vault, usb)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", closed)
    command = ["vault", "backup", "--vault", str(vault), "--to", str(usb), "--prune", "1"]
    assert run_cli(*command, "--yes") != 0
    err = capsys.readouterr().err
    assert "No passphrase could be read" in err and "Nothing was removed." in err, err
    assert len(list_backups(usb)) == 2


def test_the_prune_question_says_1_backup_stays(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    for _ in range(2):
        _backup(vault, usb)
    asked = at_terminal(monkeypatch, "n")
    command = ["vault", "backup", "--vault", str(vault), "--to", str(usb), "--prune", "1"]
    assert run_cli(*command) != 0
    assert "? 1 backup stays (the newest made" in asked[0], asked
