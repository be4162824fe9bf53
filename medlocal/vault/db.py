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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from medlocal.vault.errors import VaultBusyError, VaultCorruptedError
from medlocal.vault.keys import SecretKey
from medlocal.vault.schema import MIGRATIONS

DB_FILE_NAME = "vault.db"
# How long a statement waits for another process's write (an import of a long document commits
# for seconds on a slow disk) before it gives up with VaultBusyError. SQLite's 5 s made a window
# export fail while a command-line import committed (walk 35).
BUSY_WAIT_S = 60.0

Connection = Any  # sqlcipher3 ships no type information
DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError
OperationalError = sqlcipher.OperationalError


class KeyRejectedError(Exception):
    """The database did not decrypt with the given key (wrong key or a damaged first page)."""


def _key_pragma(verb: str, key: SecretKey) -> str:
    return f"PRAGMA {verb} = \"x'{key.hex()}'\""


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file, so SQLite (which copies the database file's mode to its -wal and
    -shm files) never creates anything group- or world-readable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


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
    with busy_said():
        conn.execute("BEGIN IMMEDIATE")
    try:
        with busy_said():
            yield conn
    except BaseException:
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


def migrate(conn: Connection) -> None:
    """Apply every migration the database has not seen yet, each in its own transaction."""
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise VaultCorruptedError(
            "This vault was created by a newer MedLocal; update MedLocal to open it."
        )
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")


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


def fold_wal(conn: Connection) -> None:
    """Checkpoint the WAL into the database and truncate it, so page images from before a
    deletion do not linger in it (``secure_delete`` has zeroed the freed cells in the new ones).
    Call outside a transaction."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


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
