"""Opening the SQLCipher database and keeping its schema current.

The database is keyed with the raw 256-bit DEK (``PRAGMA key = "x'..'"``), so SQLCipher skips its
own PBKDF2 and the passphrase cost lives entirely in Argon2id (keys.py). Cipher settings are
SQLCipher 4's defaults (AES-256-CBC per page, HMAC-SHA512 per page). WAL pages are encrypted
too; ``temp_store=MEMORY`` keeps sorts and temp tables off the disk; ``secure_delete`` zeroes
freed pages.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from medlocal.errors import DiskFullError, DiskFullOnOpenError
from medlocal.fsutil import free_bytes, is_disk_full
from medlocal.vault.errors import VaultBusyError, VaultCorruptedError, VaultLockedError
from medlocal.vault.keys import SecretKey
from medlocal.vault.schema import MIGRATIONS

DB_FILE_NAME = "vault.db"
# How long a statement waits for another process's write (an import of a long document commits
# for seconds on a slow disk) before it gives up with VaultBusyError. SQLite's 5 s made a window
# export fail while a command-line import committed (walk 35).
BUSY_WAIT_S = 60.0
# The window's own thread waits this long at most (session 34: a 60 s wait there froze the
# window while a command-line import committed); what it cannot do then says the vault is busy.
GUI_WAIT_S = 0.2
# A write that finds the vault busy tries again this often, letting go of the session between
# tries, so the window's reads (never blocked by another process in WAL mode) go on meanwhile.
RETRY_S = 0.05
# A thread that limits its waits (the window's) folds the WAL after a deletion only if no other
# process reads or writes within this long; a worker waits up to its full limit, letting go of
# the session between tries. A fold that gives up is tried again later (Session.settle).
FOLD_WAIT_S = 0.2

Connection = Any  # sqlcipher3 ships no type information
DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError
OperationalError = sqlcipher.OperationalError


_thread = threading.local()
# conn id -> how a write waiting for another process lets go of the connection's session
# meanwhile (Session.pause); returns False once the session was closed.
_pauses: dict[int, Callable[[float], bool]] = {}


def wait_limit() -> float:
    """How long a write from this thread waits for another process's write lock."""
    limit = getattr(_thread, "limit", None)
    return BUSY_WAIT_S if limit is None else min(float(limit), BUSY_WAIT_S)


def limit_waits(seconds: float | None) -> None:
    """Every write from the calling thread waits at most ``seconds`` for another process (the
    window's thread: :data:`GUI_WAIT_S`), then is :class:`VaultBusyError`; None: the full wait."""
    _thread.limit = seconds


@contextlib.contextmanager
def waiting_at_most(seconds: float) -> Iterator[None]:
    """:func:`limit_waits` for the calls inside the block only."""
    previous = getattr(_thread, "limit", None)
    _thread.limit = seconds if previous is None else min(previous, seconds)
    try:
        yield
    finally:
        _thread.limit = previous


def apply_wait_limit(conn: Connection) -> None:
    """SQLite's own wait (statements other than a transaction's start) for this thread."""
    conn.execute(f"PRAGMA busy_timeout = {int(wait_limit() * 1000)}")


@contextlib.contextmanager
def telling_waits(callback: Callable[[], None] | None) -> Iterator[None]:
    """``callback()`` (on this thread) when a write inside the block first finds the vault
    busy with another process and starts waiting for it: a face can say so meanwhile. None:
    nothing is told inside the block."""
    previous = getattr(_thread, "told", None)
    _thread.told = callback
    try:
        yield
    finally:
        _thread.told = previous


def set_pause(conn: Connection, pause: Callable[[float], bool] | None) -> None:
    if pause is None:
        _pauses.pop(id(conn), None)
    else:
        _pauses[id(conn)] = pause


def _sleep(seconds: float) -> bool:
    """The pause of a connection no session holds (unlocking, restoring): it just waits."""
    time.sleep(seconds)
    return True


def _begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE``, tried again until the wait limit while another process writes.
    Between tries the connection's session is let go (another thread of ours may read), and a
    session closed meanwhile (the vault locked) ends the wait as :class:`VaultLockedError`."""
    deadline = time.monotonic() + wait_limit()
    pause = _pauses.get(id(conn), _sleep)
    told = getattr(_thread, "told", None)
    while True:
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except OperationalError as err:
            if not is_busy(err):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                apply_wait_limit(conn)
                raise VaultBusyError from err
            if told is not None:
                told()
                told = None
            if not pause(min(RETRY_S, left)):
                raise VaultLockedError("The vault is locked.") from None
        else:
            apply_wait_limit(conn)
            return


class KeyRejectedError(Exception):
    """The database did not decrypt with the given key (wrong key or a damaged first page)."""


def _key_pragma(verb: str, key: SecretKey) -> str:
    return f"PRAGMA {verb} = \"x'{key.hex()}'\""


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file, so SQLite (which copies the database file's mode to its -wal and
    -shm files) never creates anything group- or world-readable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


# Below this much free space, a "disk I/O error" on the first read is taken for the full disk it
# is: SQLite says so when it cannot size its -shm file (walk 47a D3: it was said as "damaged").
_LOW_SPACE_BYTES = 1_000_000


def _no_room_to_open(db_path: Path, err: BaseException) -> DiskFullOnOpenError | None:
    """The disk-full error for a first read that failed for want of space, else None."""
    folder = db_path.parent
    free = free_bytes(folder)
    io_error = "disk i/o error" in str(err).lower()
    if is_disk_full(err) or (io_error and free is not None and free < _LOW_SPACE_BYTES):
        return DiskFullOnOpenError(str(folder), free)
    return None


def restrict_files(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = db_path.with_name(db_path.name + suffix)
        with contextlib.suppress(FileNotFoundError, PermissionError):
            candidate.chmod(0o600)


def connect(db_path: Path, key: SecretKey) -> Connection:
    """Open and key the database; raises :class:`KeyRejectedError` if it does not decrypt."""
    conn = sqlcipher.connect(
        str(db_path), isolation_level=None, check_same_thread=False, timeout=BUSY_WAIT_S
    )
    try:
        # SQLCipher logs page-level HMAC failures to stderr by default; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma("key", key))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as err:
            if is_busy(err):  # another process holds the whole file: not a wrong key
                raise VaultBusyError from err
            if (full := _no_room_to_open(db_path, err)) is not None:
                raise full from err
            raise KeyRejectedError from err
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        # FULL: a commit is on disk before it is reported, so an import that finished survives a
        # power cut, not only a process crash.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    restrict_files(db_path)
    return conn


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One write transaction: everything inside commits together or not at all. A vault whose
    write lock another process holds past :data:`BUSY_WAIT_S` is :class:`VaultBusyError`."""
    with full_said(conn):
        _begin(conn)
        try:
            with busy_said():
                yield conn
        except BaseException:
            # SQLite may have rolled back already (a full disk ends the transaction itself):
            # a ROLLBACK then would replace the error that says what happened.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            with busy_said():
                conn.execute("COMMIT")
        except BaseException:
            # A commit that could not take the lock leaves the transaction open: end it.
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def full_said(conn: Connection) -> Iterator[None]:
    """Raise SQLite's "database or disk is full" (or an ENOSPC/EDQUOT) inside the block as
    :class:`~medlocal.errors.DiskFullError`, naming the vault's folder and the space left there.
    Every vault write goes through :func:`transaction`, so each face shows the same line."""
    try:
        yield
    except Exception as exc:
        if isinstance(exc, DiskFullError) or not is_disk_full(exc):
            raise
        raise DiskFullError(str(_folder(conn)), free_bytes(_folder(conn))) from exc


def _folder(conn: Connection) -> Path:
    """The folder of the database file ``conn`` has open (the current folder if unknown)."""
    with contextlib.suppress(DatabaseError):
        for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
            if name == "main" and file:
                return Path(file).parent
    return Path.cwd()


def is_busy(err: BaseException) -> bool:
    """Whether ``err`` is SQLite giving up on a lock another connection holds."""
    text = str(err).lower()
    return isinstance(err, OperationalError) and ("locked" in text or "busy" in text)


@contextlib.contextmanager
def busy_said() -> Iterator[None]:
    """Raise a lock SQLite gave up on as :class:`VaultBusyError`, which says what to do."""
    try:
        yield
    except OperationalError as err:
        if is_busy(err):
            raise VaultBusyError from err
        raise


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection) -> int:
    """Apply every migration the database has not seen yet, each in its own transaction;
    returns the schema version it had before (equal to ``len(MIGRATIONS)`` when nothing ran)."""
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise VaultCorruptedError(newer_vault_message(current))
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    return current


def newer_vault_message(version: int) -> str:
    """Why a vault of schema ``version``, newer than this MedLocal knows, does not open. A newer
    MedLocal creates such a vault, or upgrades an older one on its first open (walk 44 D5: "was
    created by a newer MedLocal" was said of a vault the old release had made)."""
    return (
        f"This vault was created or upgraded by a newer MedLocal (vault format {version}; this"
        f" version reads up to {len(MIGRATIONS)}); update MedLocal to open it."
    )


def upgrade_message(version: int) -> str:
    """What the first open that migrated a vault to ``version`` says, once (walk 44 D5: the
    upgrade was silent and one-way). Backups made before it still restore in this version:
    restore migrates them (checked with walk 44's schema-4 backup)."""
    return (
        f"Vault upgraded to format {version}; older MedLocal versions cannot open it; backups"
        " made before still restore in this version."
    )


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlcipher.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def rekey(conn: Connection, new_key: SecretKey) -> None:
    """Re-encrypt every page under ``new_key`` in one SQLCipher transaction."""
    conn.execute(_key_pragma("rekey", new_key)).fetchall()


def fold_wal(conn: Connection) -> bool:
    """Checkpoint the WAL into the database and truncate it, so page images from before a
    deletion do not linger in it (``secure_delete`` has zeroed the freed cells in the new ones).
    Call outside a transaction. While another process reads or writes, it is tried again until
    the thread's wait limit (at most :data:`FOLD_WAIT_S` on a thread that limits its waits),
    letting go of the connection's session between tries like :func:`_begin`; returns whether it
    was folded (False also when the session was closed meanwhile)."""
    limited = getattr(_thread, "limit", None) is not None
    deadline = time.monotonic() + (min(FOLD_WAIT_S, wait_limit()) if limited else wait_limit())
    pause = _pauses.get(id(conn), _sleep)
    while True:
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except OperationalError as err:
            if not is_busy(err):
                apply_wait_limit(conn)
                raise
            row = (1,)
        if row is None or not row[0]:
            apply_wait_limit(conn)
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            apply_wait_limit(conn)
            return False
        if not pause(min(RETRY_S, left)):
            return False  # the session was closed (its connection with it)


def integrity_errors(conn: Connection) -> list[str]:
    """Pages whose HMAC fails (altered or damaged on disk), plus SQLite's own structural check."""
    problems: list[str] = []
    for pragma in ("cipher_integrity_check", "quick_check"):
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        except DatabaseError as err:
            problems.append(str(err))
            continue
        problems += [str(row[0]) for row in rows if row[0] != "ok"]
    return problems


def is_corruption(err: BaseException) -> bool:
    text = str(err).lower()
    return isinstance(err, DatabaseError) and (
        "malformed" in text or "not a database" in text or "hmac" in text or "corrupt" in text
    )
