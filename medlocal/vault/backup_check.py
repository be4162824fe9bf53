"""Opening a snapshot database and proving it is the backup its manifest describes.

Shared by the backup (verify before publishing), ``backup --verify`` and restore: the snapshot
opens with the backup key, every page passes SQLCipher's HMAC check and SQLite's integrity
check, the manifest's MAC verifies under the key derived from the audit key inside the snapshot,
the audit chain verifies and ends at the head the manifest recorded, and the row counts match.
"""

from __future__ import annotations

import contextlib
import hmac
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.vault import db
from medlocal.vault.audit import AUDIT_KEY_META, AuditLog
from medlocal.vault.keys import SecretKey
from medlocal.vault.manifest import (
    BackupError,
    Contents,
    Manifest,
    compute_mac,
    manifest_mac_key,
)

# Counted at backup time and compared after every restore and verification.
COUNTED_TABLES = (
    "patients",
    "documents",
    "chunks",
    "embeddings",
    "chats",
    "chat_messages",
    "outputs",
    "audit",
)
# SQLite calls the progress handler every this many virtual-machine steps.
HANDLER_STEPS = 20_000


def count_rows(conn: db.Connection, schema: str = "main") -> dict[str, int]:
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone()[0])
        for table in COUNTED_TABLES
    }


def audit_head(conn: db.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, mac FROM audit_head WHERE id = 1").fetchone()
    return (0, "") if row is None else (int(row[0]), bytes(row[1]).hex())


def audit_key(conn: db.Connection) -> SecretKey:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (AUDIT_KEY_META,)).fetchone()
    if row is None:
        raise BackupError("The backup holds no audit key (it is not a MedLocal vault snapshot).")
    return SecretKey(bytes(row[0]))


@contextlib.contextmanager
def interruptible(conn: db.Connection, cancel: threading.Event | None) -> Iterator[None]:
    """Let ``cancel`` abort a long statement (export, integrity check) between VM steps."""
    if cancel is None:
        yield
        return
    conn.set_progress_handler(lambda: 1 if cancel.is_set() else 0, HANDLER_STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, HANDLER_STEPS)


def open_read_only(path: Path, key: SecretKey) -> db.Connection:
    """Open a snapshot without writing anything next to it (``immutable``: no locks, no
    journal), so a backup on read-only media can be verified."""
    conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db.DatabaseError as err:
        conn.close()
        raise BackupError(
            "The backup database does not open with its key (damaged, or its manifest belongs "
            "to another backup)."
        ) from err
    return conn


@dataclass(frozen=True)
class SnapshotFacts:
    schema_version: int
    counts: dict[str, int]
    audit_rows: int


def check_snapshot(
    path: Path,
    backup_key: SecretKey,
    manifest: Manifest,
    contents: Contents,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> SnapshotFacts:
    """Everything a snapshot must pass; raises :class:`BackupError` naming the first failure."""
    conn = open_read_only(path, backup_key)
    try:
        with interruptible(conn, cancel):
            _step(progress, cancel, 1, "page checks")
            problems = _integrity_problems(conn)
            if problems:
                raise BackupError(
                    f"The backup is damaged: {len(problems)} integrity problem(s) "
                    "(a page was altered or the file was truncated)."
                )
            _step(progress, cancel, 2, "manifest")
            key = audit_key(conn)
            try:
                _check_manifest_mac(key, manifest)
                _step(progress, cancel, 3, "audit chain")
                chain = AuditLog(conn, key).verify()
            finally:
                key.wipe()
            if not chain.ok:
                raise BackupError(f"The backup's audit log does not verify: {chain.problem}.")
            if audit_head(conn) != (contents.audit_seq, contents.audit_mac):
                raise BackupError("The backup's audit log does not end where its manifest says.")
            _step(progress, cancel, 4, "counts")
            counts = count_rows(conn)
            if counts != contents.counts:
                raise BackupError("The backup's contents do not match its manifest's counts.")
            version = db.schema_version(conn)
            if version != manifest.header.schema_version:
                raise BackupError("The backup's schema version does not match its manifest.")
    except db.DatabaseError as err:
        if "interrupt" in str(err).lower():
            check_cancel(cancel, "the verification")
        raise BackupError("The backup database is damaged (it could not be read).") from err
    finally:
        conn.close()
    return SnapshotFacts(version, counts, chain.rows)


def _step(
    progress: ProgressCallback | None, cancel: threading.Event | None, step: int, what: str
) -> None:
    check_cancel(cancel, "the verification")
    report(progress, Progress("verifying", step, 4, what, "steps"))


def _integrity_problems(conn: db.Connection) -> list[str]:
    problems: list[str] = []
    for pragma in ("cipher_integrity_check", "integrity_check"):
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        problems += [str(row[0]) for row in rows if row[0] != "ok"]
    return problems


def _check_manifest_mac(audit_hmac_key: SecretKey, manifest: Manifest) -> None:
    mac_key = manifest_mac_key(audit_hmac_key, manifest.header.backup_id)
    try:
        expected = compute_mac(mac_key, manifest.unsigned())
    finally:
        mac_key.wipe()
    if not hmac.compare_digest(expected, manifest.mac):
        raise BackupError(
            "The backup manifest does not authenticate (altered, or taken from another backup)."
        )
