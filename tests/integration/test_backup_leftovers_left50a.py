"""Left by session 49 (backups), each checked against a real SQLCipher vault and real backups:

- the suggested ``--prune`` commands left out ``--vault`` for a vault that is not the default
  one, so they would have acted on the default vault's backups (or none);
- removing older backups wrote nothing to the audit log;
- a failure removing older backups after a good backup raised, as though no backup was made;
- a patient's removal checked only the last verified backup's folder for backups holding them.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault
from fixtures.terminal import run_cli

from medlocal import paths
from medlocal.app.removal_traces import removal_traces
from medlocal.vault import backup_files
from medlocal.vault.backup import PRUNE_EVENT, BackupResult, create_backup
from medlocal.vault.backup_listing import folder_summary, list_backups, room_note, vault_option
from medlocal.vault.store import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_planted_vault(tmp_path / "my vault", documents=1, chunks=2).folder


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    file = tmp_path / "pass.txt"
    file.write_text(PASS + "\n")
    return file


def _backup(vault: Path, usb: Path, keep: int | None = None) -> BackupResult:
    with Vault.open(vault, passphrase=PASS) as opened:
        return create_backup(opened, PASS, usb, keep=keep)


def _prune_entries(vault: Path) -> list[dict[str, object]]:
    with Vault.open(vault, passphrase=PASS) as opened:
        return [e.details for e in opened.audit_entries() if e.event == PRUNE_EVENT]


def test_suggested_prune_commands_name_a_vault_that_is_not_the_default(
    vault: Path, usb: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quoted = shlex.quote(str(vault))
    assert quoted.startswith("'")  # its folder has a space: quoted for the shell
    command = ["vault", "backup", "--vault", str(vault), "--passphrase-file", str(secret)]
    assert run_cli(*command, "--to", str(usb)) == 0
    out = capsys.readouterr().out
    assert f"medlocal vault backup --vault {quoted} --prune 1 --to {usb}" in out, out
    _backup(vault, usb)
    first = list_backups(usb)[0]
    assert f"--vault {quoted} --prune 1" in room_note(usb, first.vault_id, 1, vault)
    assert vault_option(paths.vault_dir()) == ""  # the default vault needs no --vault
    assert "--vault" not in folder_summary(usb, first.vault_id, None, paths.vault_dir())


def test_removing_older_backups_is_written_to_the_audit_log(
    vault: Path, usb: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        _backup(vault, usb)
    last = _backup(vault, usb, keep=2)
    assert len(last.removed) == 2 and not last.prune_warning
    assert _prune_entries(vault) == [{"removed": 2, "folder": str(usb), "kept": 2}]
    command = ["vault", "backup", "--vault", str(vault), "--to", str(usb), "--prune", "1"]
    assert run_cli(*command, "--yes", "--passphrase-file", str(secret)) == 0
    assert "kept 1 backup of it" in capsys.readouterr().out
    assert _prune_entries(vault)[-1] == {"removed": 1, "folder": str(usb), "kept": 1}


def test_a_failed_removal_after_a_good_backup_is_a_warning_not_a_failure(
    vault: Path,
    usb: Path,
    secret: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    older = _backup(vault, usb)

    def refused(folder: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))

    monkeypatch.setattr(backup_files, "remove_published", refused)
    result = _backup(vault, usb, keep=1)
    assert result.path.is_dir() and result.removed == ()
    assert "could not all be removed" in result.prune_warning
    assert os.strerror(errno.EACCES) in result.prune_warning
    assert older.path.is_dir()
    assert _prune_entries(vault) == [{"removed": 0, "folder": str(usb), "kept": 2, "failed": True}]
    # The command line: the backup is said as made and verified, the failure as a warning
    # line, and the exit code is 0 (the backup is there, checked).
    command = ["vault", "backup", "--vault", str(vault), "--passphrase-file", str(secret)]
    assert run_cli(*command, "--to", str(usb), "--keep", "1") == 0
    captured = capsys.readouterr()
    assert "Backup written and verified" in captured.out
    assert "medlocal: warning: Older backups in" in captured.err, captured.err


def test_a_patients_removal_checks_every_folder_backed_up_to(vault: Path, tmp_path: Path) -> None:
    first, second, gone = tmp_path / "stick one", tmp_path / "share", tmp_path / "stick two"
    for folder in (first, second, gone):
        folder.mkdir()
    _backup(vault, first)
    _backup(vault, gone)
    _backup(vault, second)  # the last verified backup: the only folder checked before
    shutil.rmtree(gone)  # a stick not plugged in now
    with Vault.open(vault, passphrase=PASS) as opened:
        traces = removal_traces(opened, opened.list_patients()[0].id)
    assert [(h.folder, len(h.backups)) for h in traces.backup_folders] == [(first, 1), (second, 1)]
    assert traces.unreachable == (gone,)
    said = "\n".join(traces.still_held())
    assert f"1 older backup in {first}" in said and f"1 older backup in {second}" in said
    assert f"in {gone} (not reachable" in said
    assert f"--vault {shlex.quote(str(vault))} --prune 1 --to {shlex.quote(str(first))}" in said
