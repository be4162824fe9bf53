"""Crash-safe, owner-only file writes shared by every layer.

A file MedLocal writes (key file, registry, settings, converted model, export) must appear
complete or not at all, even after a power cut: write a temporary file in the same folder, fsync
it, rename it over the target, fsync the folder. Files are created 0600 and folders 0700 because
they may hold key material or patient data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from medlocal.errors import DiskFullError


class ReadOnlyFolderError(PermissionError):
    """A folder MedLocal must write to is read-only (a read-only mount, or its write permission
    taken away). ``str()`` is the one line to show; no crash report: the machine, not a bug."""

    def __init__(self, folder: Path) -> None:
        super().__init__(errno.EROFS, "read-only", str(folder))
        self.folder = folder

    def __str__(self) -> str:
        return (
            f"MedLocal cannot write to its folder {self.folder}: read-only. Make it writable "
            "again (chmod u+w, or remount the disk read-write), or set MEDLOCAL_HOME to a "
            "writable folder."
        )


_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)
# Out of space, or out of the user's disk quota (EDQUOT: not defined on Windows).
_NO_SPACE = tuple(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None
)
# SQLite's SQLITE_FULL as the sqlite3 (and sqlcipher3) modules word it.
_SQLITE_FULL = "database or disk is full"


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is the machine running out of disk space or quota: an OSError with
    ENOSPC/EDQUOT, or SQLite's "database or disk is full" (any DB-API error class: the check
    must work for sqlcipher3 without importing it here)."""
    if isinstance(exc, DiskFullError):
        return True
    if isinstance(exc, OSError):
        return exc.errno in _NO_SPACE
    return (
        type(exc).__name__ in ("OperationalError", "DatabaseError")
        and _SQLITE_FULL in str(exc).lower()
    )


def free_bytes(folder: Path) -> int | None:
    """Bytes free to this user in ``folder`` (or the nearest folder above it that exists)."""
    try:
        return shutil.disk_usage(_nearest_existing(folder)).free
    except OSError:
        return None


def disk_full_error(
    exc: BaseException, where: Path | None = None, kind: type[DiskFullError] = DiskFullError
) -> DiskFullError | None:
    """``exc`` as the one clear disk-full error (``kind``: the vault's wording, or an export's)
    naming ``where`` (default: the folder of the file the error names, if any) and what is free
    there; None when ``exc`` is something else. A DiskFullError already made is kept as is."""
    if isinstance(exc, DiskFullError):
        return exc
    if not is_disk_full(exc):
        # An error that wraps one ("cannot write the export: No space left on device").
        cause = exc.__cause__
        if cause is None or not is_disk_full(cause):
            return None
        exc = cause
    name = getattr(exc, "filename", None)
    if where is None and isinstance(name, str) and name:
        where = Path(name).parent
    return kind(str(where) if where else None, free_bytes(where) if where else None)


@contextlib.contextmanager
def disk_full_said(
    where: Path, kind: type[DiskFullError] = DiskFullError, *, files_only: bool = False
) -> Iterator[None]:
    """Raise a write that ran out of space inside the block as :class:`DiskFullError` (or
    ``kind``); one the vault raised (its own write) keeps the vault's wording. With
    ``files_only``, only a file's write (an OSError, or an error it caused) is said so: SQLite's
    "database or disk is full" is the vault's, reading or writing, and is left to be said in the
    vault's words (review45b D12: an export named its --out folder for it)."""
    try:
        yield
    except Exception as exc:
        if files_only and not _a_file_error(exc):
            raise
        full = disk_full_error(exc, where, kind)
        if full is None or full is exc:
            raise
        raise full from exc


def _a_file_error(exc: BaseException) -> bool:
    """Whether ``exc``, or the error it wraps, is an OSError (not SQLite's)."""
    return isinstance(exc, OSError) or isinstance(exc.__cause__, OSError)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only; return it.

    The folder loses any group or other access (privacy), but a folder that this user may not
    write to (``chmod a-w`` for a non-root user) or that sits on a read-only mount raises
    :class:`ReadOnlyFolderError` rather than being made writable again behind the user's back or
    failing later with a raw error (walk 37). Whether this user can write is asked of the system
    (``os.access``, the mount's read-only flag), not read from the owner's write bit (review 35:
    root was refused a 0500 folder it can write to, and a member of a group-writable folder's
    group would have been); a folder without the owner's write bit keeps it off."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        if err.errno not in _NO_WRITE:
            raise
        raise ReadOnlyFolderError(_nearest_existing(path)) from err
    if os.name != "nt" and not _can_write(path):
        raise ReadOnlyFolderError(path)
    mode = path.stat().st_mode
    try:
        path.chmod(0o700 if mode & stat.S_IWUSR else mode & 0o700)
    except OSError as err:  # e.g. a FAT32 USB stick or another owner's folder: best effort
        if err.errno == errno.EROFS:
            raise ReadOnlyFolderError(path) from err
    return path


def _can_write(folder: Path) -> bool:
    """Whether this process may make files in ``folder``: not on a read-only mount, and allowed
    by the folder's permissions for this user (root included)."""
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    return os.access(folder, os.W_OK | os.X_OK)


def _nearest_existing(path: Path) -> Path:
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            return ancestor
    return path


def folder_error_reason(path: Path, err: OSError) -> str:
    """Why ``path`` could not be made a folder, in words ("... is a file, not a folder" rather
    than the "File exists" mkdir reports when a file sits where a parent folder should be)."""
    for ancestor in (path, *path.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"{ancestor} is a file, not a folder"
            break
    return err.strerror or type(err).__name__


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Not possible on Windows (directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_private_file(target: Path) -> Iterator[Path]:
    """Yield a fresh 0600 temporary path next to ``target``; when the block succeeds the file is
    fsynced and renamed over ``target``; when it fails the temporary file is removed."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield tmp
        tmp.chmod(0o600)  # a writer may have re-created the file with default permissions
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def atomic_write_private(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically and durably; the file is 0600."""
    with atomic_private_file(target) as tmp:
        tmp.write_bytes(data)


def readable_name(name: str) -> str:
    """A file name (or path) as valid text, to show and to store. On Linux a name is bytes, and
    one that is not UTF-8 (Latin-1 from an old USB stick: ``caf\\xe9.txt``) reaches Python with
    surrogate escapes, which no UTF-8 encoder (SQLite, the embedder, the terminal) accepts; each
    undecodable byte becomes U+FFFD, visibly replaced (``caf\ufffd.txt``)."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file system byte made
        return name.encode("utf-8", "replace").decode("utf-8")
    return raw.decode("utf-8", "replace")


# Bidirectional controls: U+202E (RLO) shows "txt.exe" as "exe.txt" (walk 43 D6).
_BIDI_CONTROLS = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown_path(path: str | bytes | os.PathLike[str]) -> str:
    """A full path (a folder, a file with its folders) as it may be printed or shown:
    :func:`shown_name` of its whole text. A folder named with a newline, ESC or U+202E reached the
    terminal and the window raw where only the last name was escaped (session 45)."""
    return shown_name(os.fsdecode(path))


def shown_name(name: str) -> str:
    """A file name (or path) as it may be printed or listed: :func:`readable_name`, with each
    control character (ESC, newline, tab, DEL, C1) and bidirectional control escaped as Python
    writes it (``esc\\x1b[31mred.txt``, ``line one\\nline two.txt``, ``\\u202e``). Walk 43 D6:
    such a name turned the terminal red, split a one-line report (and could forge a line such
    as "[4/4] failed: …"), and reversed text in the window. Only the display changes: the
    document keeps its name."""
    out: list[str] = []
    for char in readable_name(name):
        code = ord(char)
        if char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif code in _BIDI_CONTROLS:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
