"""Review 51b R4: a lock landing while older backups were removed (the window's Remove older
backups, or a backup's Keep newest) left the removed backups with no backup_prune entry. The
lock now waits for the removal and its entry (Vault.audited_work), while other calls to the
vault go on; it waits at most AUDITED_WORK_WAIT_S for a folder that does not answer."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from medlocal.vault import backup_files, store
from medlocal.vault.backup import Pruned, remove_and_record
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery staple 91"


def _doomed(tmp_path: Path, count: int) -> tuple[Path, ...]:
    folders = []
    for i in range(count):
        folder = tmp_path / "usb" / f"medlocal-backup-{i}"
        folder.mkdir(parents=True)
        (folder / "data").write_bytes(b"x")
        folders.append(folder)
    return tuple(folders)


def test_a_lock_during_a_removal_waits_for_it_and_its_audit_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    doomed = _doomed(tmp_path, 2)
    entered, go = threading.Event(), threading.Event()
    real = backup_files.remove_published

    def slow(folder: Path) -> None:
        entered.set()
        go.wait(10)
        real(folder)

    monkeypatch.setattr(backup_files, "remove_published", slow)
    result: list[Pruned] = []
    worker = threading.Thread(
        target=lambda: result.append(remove_and_record(vault, doomed[0].parent, doomed))
    )
    worker.start()
    entered.wait(10)
    vault.text_digest("other calls go on meanwhile")  # not held up by the removal
    locker = threading.Thread(target=lambda: vault.lock("idle"))
    locker.start()
    time.sleep(0.3)
    assert locker.is_alive()  # the lock waits for the removal
    go.set()
    locker.join(10)
    worker.join(10)
    assert vault.is_locked
    pruned = result[0]
    assert pruned.audit_failure == "" and len(pruned.removed) == 2
    with Vault.open(tmp_path / "vault", PASS) as opened:
        events = [e.event for e in opened.audit_entries()]
    assert events[-3:] == ["backup_prune", "lock", "unlock"], events


def test_a_removal_that_does_not_end_holds_the_lock_only_so_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    monkeypatch.setattr(store, "AUDITED_WORK_WAIT_S", 0.3)
    with vault.audited_work():  # a share that never answers
        started = time.monotonic()
        vault.lock("user")
        assert vault.is_locked and time.monotonic() - started < 5
    with pytest.raises(VaultLockedError), vault.audited_work():
        pass


def test_a_stopped_removal_ends_between_backups_and_says_so(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    doomed = _doomed(tmp_path, 2)
    cancel = threading.Event()
    cancel.set()
    pruned = remove_and_record(vault, doomed[0].parent, doomed, cancel)
    assert pruned.stopped and not pruned.removed and all(f.is_dir() for f in doomed)
    vault.lock()
