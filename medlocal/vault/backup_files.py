"""The files of a backup folder: splitting the snapshot into parts, joining and checking them,
finding backups, publishing a finished one.

A backup is written into ``.<name>.partial`` and renamed to ``<name>`` only after every file is
fsynced and the whole backup verified, so a folder with a final name is a finished, verified
backup, and an interrupted one is recognisably unfinished (and refused by verification). The
snapshot is split into parts below 4 GiB because clinics back up to FAT32 USB sticks.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from medlocal.fsutil import free_bytes, fsync_dir, private_dir, shown_name, shown_path
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.vault.manifest import MANIFEST_NAME, BackupError, BackupRefusedError, Part

if TYPE_CHECKING:
    from medlocal.vault.backup_listing import RoomAdvice

# FAT32 holds files up to 4 GiB - 1 byte; a round margin below it.
PART_BYTES = (4 << 30) - (1 << 20)
BLOCK_BYTES = 4 << 20
PARTIAL_SUFFIX = ".partial"
_NAME = re.compile(r"^medlocal-backup-\d{8}T\d{6}Z-[0-9a-f]{8}-[0-9a-f]{4}$")

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(err: OSError) -> bool:
    return err.errno in _FULL_ERRNOS


def backup_name(created: datetime, vault_id: str) -> str:
    return f"medlocal-backup-{created:%Y%m%dT%H%M%SZ}-{vault_id[:8]}-{secrets.token_hex(2)}"


def part_name(index: int) -> str:
    return f"vault.db.{index:03d}"


def is_published(folder: Path) -> bool:
    return bool(_NAME.match(folder.name))


def staging_folder(destination: Path, name: str) -> Path:
    return destination / f".{name}{PARTIAL_SUFFIX}"


def mb(count: int) -> str:
    """A byte count in decimal megabytes, as backup messages and listings show sizes."""
    return f"{max(count, 0) / 1e6:,.1f} MB"


def told_apart(*counts: int) -> list[str]:
    """Byte counts in MB as :func:`mb` says them, or in kB (then bytes) where two different
    counts would read the same: a 64 kB drive was told "it needs about 0.1 MB, and 0.1 MB is
    free there" (user62's walk)."""
    for size in (mb, _kb, _bytes):
        said = [size(count) for count in counts]
        if len(set(said)) == len(set(counts)):
            return said
    return said


def _kb(count: int) -> str:
    return f"{max(count, 0) / 1e3:,.0f} kB"


def _bytes(count: int) -> str:
    return f"{max(count, 0):,} bytes"


class NoRoomError(BackupError):
    """A backup refused by :func:`check_room`: its message (``str``) ends with the command that
    would make room; ``plain`` is the message without it and ``advice`` what the folder holds
    and how many to keep there, for a face that words the removal as its own action."""

    def __init__(self, plain: str, advice: RoomAdvice | None, vault_folder: Path | None) -> None:
        super().__init__(plain + (advice.command_text(vault_folder) if advice else ""))
        self.plain = plain
        self.advice = advice


def check_room(
    beside_vault: Path,
    destination: Path,
    needed: int,
    vault_id: str | None = None,
    vault_folder: Path | None = None,
) -> None:
    """Refuse a backup that cannot fit, before anything is written: its snapshot (``needed``
    bytes, the vault's pages in use) is written beside the vault, then the backup's parts (as
    large) in ``destination``; on one disk both are there at once. Walk 43 D12 (b): a 30 MB
    stick wrote for 4.8 s, then said "Not enough space … in DEST (or next to the vault)",
    knowing neither which side nor how much. Where free space cannot be read, nothing is
    refused here (the write's own disk-full error still says so). A :class:`BackupError`, as
    the disk filling during the write is (exit 1: not a wrong input). Short of room in
    ``destination``, it names the older backups there and the command that would make room by
    removing vault ``vault_id``'s oldest (walk 49b D2; nothing is removed unasked), naming
    ``vault_folder`` when it is not the default vault."""
    from medlocal.vault.backup_listing import room_advice

    here, there = free_bytes(beside_vault), free_bytes(destination)
    if here is None or there is None:
        return
    try:
        one_disk = os.stat(beside_vault).st_dev == os.stat(destination).st_dev
    except OSError:
        return

    if one_disk:
        if here < 2 * needed:
            both, each, free = told_apart(2 * needed, needed, here)
            raise NoRoomError(
                f"Not enough space for the backup: the vault and {shown_path(destination)} are on "
                f"one disk, which needs about {both} free while it is written (a snapshot beside "
                f"the vault, then the backup, each about {each}); {free} is free. Free some "
                "space, or back up to another drive. Nothing was written.",
                room_advice(destination, vault_id, 2 * needed - here),
                vault_folder,
            )
        return
    if there < needed:
        wanted, free = told_apart(needed, there)
        raise NoRoomError(
            f"Not enough space for the backup in {shown_path(destination)}: it needs about "
            f"{wanted}, and {free} is free there. Free some space on that drive or choose a "
            "larger one. Nothing was written.",
            room_advice(destination, vault_id, needed - there),
            vault_folder,
        )
    if here < needed:
        wanted, free = told_apart(needed, here)
        raise BackupError(
            f"Not enough space beside the vault in {shown_path(beside_vault)} for the backup's "
            f"snapshot: it needs about {wanted}, and {free} is free on that disk. Free "
            "some space there. Nothing was written."
        )


def check_destination(destination: Path) -> None:
    """Refuse, before any work, a backup folder that does not exist or cannot be written."""
    if destination.exists() and not destination.is_dir():
        raise BackupRefusedError(
            f"{shown_path(destination)} is a file, not a folder; back up into a folder."
        )
    if not destination.is_dir():
        if _drives_appear_in(destination.parent):
            raise BackupRefusedError(
                f"The backup folder {shown_path(destination)} does not exist: the drive may not be "
                "plugged in or mounted yet. MedLocal makes no folder in "
                f"{shown_path(destination.parent)}, where drives appear once mounted."
            )
        parent = destination.parent
        if parent.is_dir() and not os.access(parent, os.W_OK | os.X_OK):
            # Walk 40: under a read-only mount this said "Create it first", which cannot be done.
            raise BackupRefusedError(
                f"The backup folder {shown_path(destination)} does not exist, and it cannot be "
                f"created: the folder {shown_path(parent)} is not writable (a read-only drive or "
                "folder). Choose a folder you may write to."
            )
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} does not exist. Create it first, or "
            "check the name (a USB stick may not be plugged in or mounted yet)."
        )
    if not os.access(destination, os.W_OK | os.X_OK):
        raise BackupRefusedError(f"The backup folder {shown_path(destination)} is not writable.")


# Folders in which the system shows each mounted drive as a folder of its own. A folder made in
# one of them would stand in for a drive that is not plugged in, and the backup meant for the
# drive would land on the local disk.
_DRIVE_FOLDERS = (Path("/media"), Path("/mnt"), Path("/Volumes"), Path("/run/media"))
_PER_USER_DRIVE_FOLDERS = (Path("/media"), Path("/run/media"))  # /media/<user>/<drive>


def _drives_appear_in(folder: Path) -> bool:
    return folder in _DRIVE_FOLDERS or folder.parent in _PER_USER_DRIVE_FOLDERS


def may_create_destination(destination: Path, *, parents: bool = False) -> bool:
    """Whether a missing backup folder may be made: only its own name is missing (or, with
    ``parents``, any chain of folders is, in the window once the person agreed to the full
    path), below an existing, writable folder that is not where drives appear. A chain under
    ``/media/me`` is never made, so that ``/media/me/STICK/backups`` with the stick unplugged
    does not become folders on the local disk (the backup then refuses as before)."""
    if destination.exists() or destination.parent == destination:
        return False
    base = existing_ancestor(destination)
    if base is None or (not parents and base != destination.parent):
        return False
    return base.is_dir() and os.access(base, os.W_OK | os.X_OK) and not _drives_appear_in(base)


def existing_ancestor(path: Path) -> Path | None:
    """The deepest folder (or file) above ``path`` that exists; None when not even its root
    does (a Windows drive letter with no drive)."""
    for ancestor in path.parents:
        if ancestor.exists():
            return ancestor
    return None


def check_creatable(destination: Path) -> None:
    """Refuse, with what is wrong, a missing backup folder that cannot be made with its parents:
    a file in its path, no drive at its root, a read-only folder above it, or a folder where
    drives appear (an unplugged stick)."""
    base = existing_ancestor(destination)
    if base is None:
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} cannot be created: "
            f"{destination.anchor or 'its '} drive is not there (it may not be plugged in or "
            "mounted yet)."
        )
    if not base.is_dir():
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} cannot be created: {base} is a file, not "
            "a folder."
        )
    if _drives_appear_in(base):
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} does not exist: the drive may not be "
            f"plugged in or mounted yet. MedLocal makes no folder in {base}, where drives appear "
            "once mounted."
        )
    if not os.access(base, os.W_OK | os.X_OK):
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} cannot be created: the folder {base} is "
            "not writable. Choose a folder you may write to."
        )


def first_missing(destination: Path) -> Path:
    """The topmost folder of ``destination``'s path that does not exist (itself when only its
    own name is missing): what a backup that made the chain removes again if it fails."""
    missing = destination
    for ancestor in destination.parents:
        if ancestor.exists():
            break
        missing = ancestor
    return missing


def make_destination(destination: Path, *, parents: bool = False) -> None:
    """Make the missing backup folder (its own name only unless ``parents``). What went wrong
    (the parent vanished meanwhile, it is read-only) is said as :func:`check_destination` says
    it."""
    with contextlib.suppress(OSError):
        destination.mkdir(parents=parents)
    check_destination(destination)


def remove_made_folders(destination: Path, top: Path) -> None:
    """Remove the folders a failed backup made, ``destination`` up to ``top``, each only while
    empty: never anything of another's that appeared meanwhile."""
    folder = destination
    while True:
        try:
            folder.rmdir()
        except OSError:
            return
        if folder == top or folder.parent == folder:
            return
        folder = folder.parent


def make_staging(destination: Path, name: str) -> Path:
    staging = staging_folder(destination, name)
    try:
        staging.mkdir(mode=0o700)
    except PermissionError as err:
        raise BackupRefusedError(
            f"The backup folder {shown_path(destination)} is not writable."
        ) from err
    return staging


def publish(staging: Path, final: Path) -> None:
    """Make a verified backup visible under its final name, durably."""
    fsync_dir(staging)
    try:
        os.rename(staging, final)
    except FileNotFoundError as err:
        raise BackupError(
            f"The unfinished backup folder {staging.name} was removed while it was written: "
            "the drive may have been disconnected (a USB stick pulled out), or another program "
            "or a MedLocal on another computer removed it. Nothing was published; your vault is "
            "unchanged. Check the drive is plugged in, then back up again."
        ) from err
    fsync_dir(final.parent)


def remove_tree(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(folder)


LOCK_SUFFIX = ".lock"
_PARTIAL_GLOB = f".medlocal-backup-*{PARTIAL_SUFFIX}"


def _lock_path(staging: Path) -> Path:
    return staging.with_name(staging.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting; False when another process holds it. The OS
    drops the lock when its holder dies (kill -9 included): a lockable file is an orphan."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


_REMOVING = ".removing-"


def _this_host() -> str:
    return socket.gethostname() or "?"


class StagingLock:
    """Held, beside the staging folder (``.<name>.partial.lock``), for as long as a backup
    writes it: the proof a later backup needs before it removes an unfinished folder. The file
    names the writer's host and pid, because on some shared folders (sshfs/FUSE, CIFS ``nobrl``,
    NFS ``local_lock``) a lock taken on one machine is not seen on another (review 35)."""

    def __init__(self, staging: Path) -> None:
        self.path = _lock_path(staging)
        try:
            self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except PermissionError as err:
            raise BackupRefusedError(
                f"The backup folder {shown_path(staging.parent)} is not writable."
            ) from err
        _try_lock(self._fd)  # a fresh, uniquely named file: nobody else holds it
        with contextlib.suppress(OSError):  # an unreadable owner: never removed by another
            _write_all(self._fd, f"{_this_host()}\n{os.getpid()}\n".encode())

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.close(fd)  # drops the lock; the file goes after (Windows keeps open files)
        with contextlib.suppress(OSError):
            self.path.unlink()


def unfinished_backups(destination: Path) -> list[Path]:
    """Unfinished backup folders (``.medlocal-backup-….partial``) in ``destination``, of any
    vault, oldest first: a backup being written now, or one a killed run left behind."""
    try:
        found = [p for p in destination.glob(_PARTIAL_GLOB) if p.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)


def _newest_mtime(path: Path) -> float:
    """The latest modification time of ``path`` and the files directly in it (a staging folder
    is flat; its parts grow while they are written)."""
    newest = path.stat().st_mtime
    if path.is_dir():
        with os.scandir(path) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    return newest


def _lock_owner(lock: Path) -> str:
    """The host named in a lock file ("" for none: a lock file being written, or unreadable)."""
    try:
        return lock.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    except OSError:
        return ""


def _abandoned(folder: Path, now: float, older_than_s: float) -> bool:
    """Whether ``folder`` is provably no run's work in progress. It must be older than
    ``older_than_s`` (itself and its newest file) in every case, and, when it has a lock file,
    that file must name this host and its lock must be free (its writer died). A lock taken on
    another machine may be invisible here (sshfs, CIFS nobrl, NFS local_lock): another host's
    folder, or one whose lock file names no host, is never removed (review 35: a second machine
    deleted a live backup). No lock file at all: a MedLocal from before walk 37, age alone."""
    lock = _lock_path(folder)
    target = folder if folder.exists() else lock
    if now - _newest_mtime(target) <= older_than_s:
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return folder.exists()
    try:
        if _lock_owner(lock) != _this_host():
            return False
        if now - lock.stat().st_mtime <= older_than_s:
            return False
        return _try_lock(fd)
    finally:
        os.close(fd)


def _remove_aside(folder: Path) -> bool:
    """Rename ``folder`` aside, then remove it. A writer publishing it at that moment (renaming
    it to its final name) then fails loudly rather than having its published backup emptied
    under it (review 35); a folder already gone or published is left alone (False)."""
    aside = folder.with_name(f"{folder.name}{_REMOVING}{secrets.token_hex(4)}")
    try:
        os.rename(folder, aside)
    except OSError:
        return False
    remove_tree(aside)
    return True


def remove_published(folder: Path) -> None:
    """Remove a finished backup in one step that a pulled stick cannot cut in half: renamed first
    to a hidden name (the next backup of this vault removes what is left of it after an hour),
    then deleted. A half-removed backup kept its manifest and listed as verified (review 49b R4)."""
    aside = folder.with_name(f".{folder.name}{PARTIAL_SUFFIX}{_REMOVING}{secrets.token_hex(4)}")
    os.rename(folder, aside)
    fsync_dir(folder.parent)
    remove_tree(aside)


def remove_stale_partials(destination: Path, vault_id: str, older_than_s: float) -> list[Path]:
    """Remove unfinished backups of this vault (the name carries the vault's id) that a killed
    run on this machine left behind over ``older_than_s`` ago, and return them. One being
    written by a live run is kept: its writer holds its lock and keeps its files fresh; one
    written from another machine is kept (walk 37: a killed backup's folder stayed for good;
    review 35: with no age rule a second machine's live backup was deleted)."""
    now = time.time()
    removed: list[Path] = []
    own = f".medlocal-backup-*-{vault_id[:8]}-*{PARTIAL_SUFFIX}"
    for folder in destination.glob(own):
        with contextlib.suppress(OSError):
            if folder.is_dir() and _abandoned(folder, now, older_than_s) and _remove_aside(folder):
                removed.append(folder)
                _lock_path(folder).unlink(missing_ok=True)
    # A lock file whose folder is gone (a run killed just before or after its folder existed).
    for lock in destination.glob(own + LOCK_SUFFIX):
        folder = lock.with_name(lock.name[: -len(LOCK_SUFFIX)])
        with contextlib.suppress(OSError):
            if not folder.exists() and _abandoned(folder, now, older_than_s):
                lock.unlink()
    # A removal itself killed half-way: the folder was set aside for removal already.
    for aside in destination.glob(f"{own}{_REMOVING}*"):
        with contextlib.suppress(OSError):
            if now - aside.stat().st_mtime > older_than_s:
                remove_tree(aside)
    return removed


def check_published(final: Path, parts: tuple[Part, ...]) -> None:
    """After publishing: the manifest and every part are still there, each of its recorded size
    (a removal racing the publish must not leave an emptied backup that looks finished)."""
    missing = [
        name
        for name, size in ((MANIFEST_NAME, None), *((p.name, p.size) for p in parts))
        if not _has_file(final / name, size)
    ]
    if missing:
        raise BackupError(
            f"The backup {shown_path(final)} was damaged just after it was written ({len(missing)} "
            f"of {len(parts) + 1} files missing or cut short: another program, or a MedLocal on "
            "another computer, removed them). Do not rely on it; back up again."
        )


def _has_file(path: Path, size: int | None) -> bool:
    try:
        found = path.stat().st_size
    except OSError:
        return False
    return size is None or found == size


def find_backups(path: Path) -> list[Path]:
    """Backup folders at ``path``: a backup folder, its manifest file, or a folder of backups
    (finished ones only, oldest first)."""
    if path.is_file() and path.name == MANIFEST_NAME:
        return [path.parent]
    if (path / MANIFEST_NAME).is_file() or path.name.endswith(PARTIAL_SUFFIX):
        return [path]
    if not path.exists():
        raise BackupRefusedError(f"{shown_path(path)} does not exist.")
    if not path.is_dir():
        raise BackupRefusedError(
            f"{shown_path(path)} is not a MedLocal backup or a folder of backups."
        )
    found = _backups_in(path)
    if found:
        return found
    # Walk 43 D11: the stick's root was chosen, the backups being one level down (in
    # "MedLocal backups/"): take that folder when it is the only one holding backups, else
    # name the folders to choose from.
    below: dict[Path, list[Path]] = {}
    with contextlib.suppress(OSError):
        for sub in sorted(path.iterdir()):
            with contextlib.suppress(OSError):
                if sub.is_dir() and (inside := _backups_in(sub)):
                    below[sub] = inside
    if len(below) == 1:
        return next(iter(below.values()))
    if below:
        names = "; ".join(shown_name(str(sub)) for sub in below)
        raise BackupRefusedError(
            f"No MedLocal backup in {shown_path(path)} itself; backups are in {len(below)} folders "
            f"inside it: {names}. Name the folder to use."
        )
    raise BackupRefusedError(f"No MedLocal backup in {shown_path(path)}.{_only_unfinished(path)}")


def _only_unfinished(path: Path) -> str:
    """The sentence naming the unfinished backup folders (" It holds only 1 unfinished backup
    folder(s) ...: NAME (0.3 MB) ...") when ``path`` holds no finished backup but unfinished
    ones, else "" (walk 47a D2: they went unnamed, when the clinician most needs to hear that
    their only backup there was interrupted)."""
    found = unfinished_backups(path)
    if not found:
        return ""
    names = ", ".join(f"{p.name} ({folder_bytes(p) / 1e6:.1f} MB)" for p in found)
    return (
        f" It holds only {len(found)} unfinished backup folder(s), left by an interrupted backup "
        f"(or one running now): {names}. An unfinished backup cannot be verified or restored; "
        "make a new backup."
    )


def folder_bytes(folder: Path) -> int:
    """The size of the files under ``folder`` (unreadable ones are skipped)."""
    total = 0
    for item in folder.rglob("*"):
        try:
            total += item.stat().st_size if item.is_file() else 0
        except OSError:
            continue
    return total


def _backups_in(path: Path) -> list[Path]:
    """The finished backups directly inside ``path``, oldest first."""
    return sorted(p for p in path.iterdir() if is_published(p) and (p / MANIFEST_NAME).is_file())


# --- streaming ------------------------------------------------------------------------------


class _Copier:
    """Streams bytes with a running byte count for progress and a cancel check per block."""

    def __init__(
        self,
        stage: str,
        total: int,
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self.progress, self.cancel = progress, cancel

    def blocks(self, source: Path, start: int, length: int) -> Iterator[bytes]:
        with source.open("rb") as handle:
            handle.seek(start)
            left = length
            while left > 0:
                check_cancel(self.cancel, "the backup")
                block = handle.read(min(BLOCK_BYTES, left))
                if not block:
                    return
                left -= len(block)
                self.done += len(block)
                report(self.progress, Progress(self.stage, self.done, self.total, unit="bytes"))
                yield block


def _new_private_file(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_parts(
    snapshot: Path,
    folder: Path,
    part_bytes: int,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> tuple[Part, ...]:
    """Copy ``snapshot`` into ``folder`` as parts of at most ``part_bytes``, each fsynced."""
    size = snapshot.stat().st_size
    copier = _Copier("copying", size, progress, cancel)
    parts: list[Part] = []
    for index, start in enumerate(range(0, max(size, 1), part_bytes)):
        name = part_name(index)
        digest = hashlib.sha256()
        fd = _new_private_file(folder / name)
        try:
            for block in copier.blocks(snapshot, start, min(part_bytes, size - start)):
                digest.update(block)
                _write_all(fd, block)
            os.fsync(fd)
        finally:
            os.close(fd)
        parts.append(Part(name, (folder / name).stat().st_size, digest.hexdigest()))
    return tuple(parts)


def _checked_blocks(folder: Path, part: Part, copier: _Copier) -> Iterator[bytes]:
    path = folder / part.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as err:
        raise BackupError(f"The backup is incomplete: {part.name} is missing.") from err
    if size != part.size:
        state = "truncated" if size < part.size else "damaged"
        raise BackupError(
            f"The backup file {part.name} is {state} or belongs to another backup "
            f"({size} bytes, the manifest says {part.size})."
        )
    digest = hashlib.sha256()
    for block in copier.blocks(path, 0, size):
        digest.update(block)
        yield block
    if digest.hexdigest() != part.sha256:
        raise BackupError(
            f"The backup file {part.name} is damaged or belongs to another backup "
            "(its checksum does not match the manifest)."
        )


def check_parts(
    folder: Path,
    parts: tuple[Part, ...],
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> None:
    """Every part present, of its recorded size and SHA-256."""
    copier = _Copier("checking", sum(p.size for p in parts), progress, cancel)
    for part in parts:
        for _block in _checked_blocks(folder, part, copier):
            pass


def join_parts(
    folder: Path,
    parts: tuple[Part, ...],
    target: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> None:
    """Check each part and join them into ``target`` (a new 0600 file), fsynced."""
    copier = _Copier("reading backup", sum(p.size for p in parts), progress, cancel)
    fd = _new_private_file(target)
    try:
        for part in parts:
            for block in _checked_blocks(folder, part, copier):
                _write_all(fd, block)
        os.fsync(fd)
    finally:
        os.close(fd)


def scratch_folder(base: Path) -> Path:
    """A private folder for a joined snapshot (encrypted, but large: never in RAM-backed /tmp
    by default)."""
    return private_dir(base / f".medlocal-scratch-{secrets.token_hex(4)}")
