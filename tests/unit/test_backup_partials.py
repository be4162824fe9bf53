"""Review 35 (D4): the clean-up of unfinished backup folders removed a folder as soon as its
lock could be taken. Locks do not cross machines on some shared folders (sshfs/FUSE, CIFS
``nobrl``, NFS ``local_lock``), so a second machine backing up the same vault deleted the
first machine's live folder, and a removal racing a publish emptied the published backup.

Now a folder goes only when it (and its newest file) is over the age limit, its lock is free,
and its lock file names this host; it is renamed aside before it is removed, so a publish at
that moment fails loudly; and the writer re-counts its files after publishing."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from medlocal.vault import backup_files
from medlocal.vault.manifest import MANIFEST_NAME, BackupError, Part

VAULT_ID = "abcdef0123456789"
NAME = f"medlocal-backup-20261203T000000Z-{VAULT_ID[:8]}-1a2b"
HOUR = 3600.0


def _staging(dest: Path, *, host: str | None, old: bool, name: str = NAME) -> Path:
    """An unfinished folder with one part and (unless ``host`` is None) a free lock file naming
    ``host``: what a writer that died, or one on another machine, leaves visible here."""
    staging = backup_files.staging_folder(dest, name)
    staging.mkdir()
    (staging / "vault.db.000").write_bytes(b"x" * 1000)
    lock = dest / (staging.name + backup_files.LOCK_SUFFIX)
    if host is not None:
        lock.write_text(f"{host}\n4242\n" if host else "")
    if old:
        for path in (staging / "vault.db.000", staging, lock):
            if path.exists():
                os.utime(path, (1, 1))
    return staging


def test_the_lock_file_names_the_host_and_pid(tmp_path: Path) -> None:
    lock = backup_files.StagingLock(backup_files.staging_folder(tmp_path, NAME))
    try:
        assert lock.path.read_text() == f"{socket.gethostname()}\n{os.getpid()}\n"
    finally:
        lock.release()
    assert not lock.path.exists()


@pytest.mark.parametrize("host", ["other-machine", ""])
def test_another_machines_folder_is_never_removed(tmp_path: Path, host: str) -> None:
    """Its lock, held over there, is free here; old or not, the folder is kept (an empty lock
    file, being written or unreadable, names no host and is kept too)."""
    live = _staging(tmp_path, host=host, old=False)
    old = _staging(tmp_path, host=host, old=True, name=NAME[:-4] + "3c4d")
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []
    assert live.is_dir() and old.is_dir() and len(list(tmp_path.iterdir())) == 4


def test_this_hosts_dead_folder_goes_only_once_old(tmp_path: Path) -> None:
    """A run killed a moment ago (lock free) keeps its folder for the hour; so does an old
    folder whose part was written a moment ago; an old one with an old part goes, lock too."""
    host = socket.gethostname()
    recent = _staging(tmp_path, host=host, old=False)
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []
    os.utime(recent, (1, 1))
    os.utime(tmp_path / (recent.name + backup_files.LOCK_SUFFIX), (1, 1))
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []  # fresh part
    os.utime(recent / "vault.db.000", (1, 1))
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == [recent]
    assert list(tmp_path.iterdir()) == []


def test_a_held_lock_keeps_an_old_folder(tmp_path: Path) -> None:
    staging = backup_files.staging_folder(tmp_path, NAME)
    lock = backup_files.StagingLock(staging)
    try:
        staging.mkdir()
        (staging / "vault.db.000").write_bytes(b"x")
        for path in (staging / "vault.db.000", staging, lock.path):
            os.utime(path, (1, 1))
        assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []
        assert staging.is_dir()
    finally:
        lock.release()


def test_a_publish_racing_the_removal_fails_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The removal renames the folder aside first: a writer that publishes while the files are
    being removed gets an error, not a published backup emptied under it (review 35: 0 of
    20000 parts left)."""
    staging = _staging(tmp_path, host=socket.gethostname(), old=True)
    final = tmp_path / NAME
    real_remove = backup_files.remove_tree
    seen: list[str] = []

    def publish_meanwhile(folder: Path) -> None:
        with pytest.raises(BackupError, match="removed while it was written"):
            backup_files.publish(staging, final)
        seen.append("refused")
        real_remove(folder)

    monkeypatch.setattr(backup_files, "remove_tree", publish_meanwhile)
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == [staging]
    assert seen == ["refused"] and not final.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_published_folder_is_not_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Published between the check and the removal: the rename aside fails, nothing goes."""
    staging = _staging(tmp_path, host=socket.gethostname(), old=True)
    final = tmp_path / NAME
    real_abandoned = backup_files._abandoned

    def then_published(folder: Path, now: float, older_than_s: float) -> bool:
        answer = real_abandoned(folder, now, older_than_s)
        if folder == staging:
            os.rename(staging, final)
        return answer

    monkeypatch.setattr(backup_files, "_abandoned", then_published)
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []
    assert (final / "vault.db.000").stat().st_size == 1000


def test_a_removal_killed_half_way_is_finished_later(tmp_path: Path) -> None:
    aside = tmp_path / f".{NAME}{backup_files.PARTIAL_SUFFIX}.removing-0a0b0c0d"
    aside.mkdir()
    (aside / "vault.db.000").write_bytes(b"x")
    assert backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR) == []
    assert aside.is_dir()  # maybe being removed right now
    os.utime(aside, (1, 1))
    backup_files.remove_stale_partials(tmp_path, VAULT_ID, HOUR)
    assert not aside.exists()


def test_the_writer_recounts_its_files_after_publishing(tmp_path: Path) -> None:
    final = tmp_path / NAME
    final.mkdir()
    (final / MANIFEST_NAME).write_bytes(b"m")
    (final / "vault.db.000").write_bytes(b"x" * 10)
    parts = (Part("vault.db.000", 10, "0" * 64), Part("vault.db.001", 5, "0" * 64))
    with pytest.raises(BackupError, match="1 of 3 files missing"):
        backup_files.check_published(final, parts)
    (final / "vault.db.001").write_bytes(b"x" * 5)
    backup_files.check_published(final, parts)
    (final / "vault.db.000").write_bytes(b"")
    with pytest.raises(BackupError, match="damaged just after it was written"):
        backup_files.check_published(final, parts)
