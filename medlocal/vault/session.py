"""What exists only while a vault is unlocked, and the way every vault call takes hold of it.

A :class:`Session` owns the open database, the key material and the in-memory vector index.
Calls fetch it through a :data:`SessionSource` (``Vault._session``: raises when locked, resets
the idle clock) and then :func:`hold` it, which re-checks under the session's lock that it was
not closed in between.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from medlocal.errors import DiskFullError
from medlocal.vault import db, unlock
from medlocal.vault.audit import AUDIT_KEY_META, AuditLog, derive_audit_key
from medlocal.vault.backup_state import damaged_vault_message
from medlocal.vault.errors import VaultBusyError, VaultCorruptedError, VaultLockedError
from medlocal.vault.index import VectorIndex
from medlocal.vault.keys import SecretKey

log = logging.getLogger(__name__)
# Locking records its event only if the vault's write lock comes at once: a lock (the button,
# the idle timer, quitting) never waits for another process's import.
LOCK_WAIT_S = 0.2
# A meta row written in a deletion's own transaction and removed in its purge's: a purge that
# could not run (another process writing, the vault locked while it waited) is run at the next
# write, at the lock, or at the next unlock, so deleted words do not stay in the FTS segments.
PURGE_PENDING_META = "fts_purge_pending"


# An audit entry: its event and details.
AuditItem = tuple[str, dict[str, Any]]
# Called at the lock with the deferred entries it could not write.
LostEntries = Callable[[list[AuditItem]], None]


class Session:
    """What exists only while unlocked. Closing it is idempotent; the vault also arranges for it
    to run at interpreter exit (via ``weakref.finalize``), so a forgotten vault still gets locked.
    """

    def __init__(
        self,
        conn: db.Connection,
        dek: SecretKey,
        audit_key: SecretKey,
        lost: LostEntries | None = None,
    ) -> None:
        self.conn = conn
        self.dek = dek
        self.audit_key = audit_key
        self.audit = AuditLog(conn, audit_key)
        self.index = VectorIndex()
        self.lock = threading.RLock()
        self._turn = threading.Condition(self.lock)
        self.closed = False
        self._chunk_total: int | None = None  # cached for the lexical search's common-word cut
        # Work a deletion left undone (see settle): the FTS purge (its meta row is the record
        # that outlives the session) and the WAL fold.
        self.purge_pending = (
            conn.execute("SELECT 1 FROM meta WHERE key = ?", (PURGE_PENDING_META,)).fetchone()
            is not None
        )
        self.fold_pending = False
        # Audit entries of reads (an unlock, a model load) that a full disk kept from being
        # written (walk 47a D3: reading was refused for them). Each is marked deferred (its
        # time is when it was written) and goes in with the next write, the lock's included:
        # the chain stays whole, and a full disk does not stop anyone reading.
        self.deferred_audit: list[AuditItem] = []
        # Told the deferred entries the lock could not write either (review 47 R3: the session
        # left no trace at all), so that they are noted where they can be.
        self._lost = lost
        db.set_pause(conn, self.pause)

    def append_deferred_audit(self) -> None:
        """Write the deferred audit entries inside the caller's transaction."""
        for event, details in self.deferred_audit:
            self.audit.append(event, {**details, "deferred": True})

    def pause(self, seconds: float) -> bool:
        """Let go of the session for ``seconds`` (held re-entrantly or not), as a write waiting
        for another process does between tries; False when it was closed meanwhile. The
        caller holds the session (every write runs inside :func:`hold`)."""
        with self._turn:
            self._turn.wait(seconds)
        return not self.closed

    def mark_purge(self) -> None:
        """Inside a deletion's transaction: its FTS purge is owed until :meth:`purge` commits."""
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, x'01')", (PURGE_PENDING_META,)
        )
        self.purge_pending = True

    def purge(self) -> None:
        """Merge the FTS index so deleted tokens leave its segments (a delete in FTS5 only adds a
        tombstone), then fold the WAL back so old page images do not linger in it. Called with
        the session held, outside a transaction. Another process writing past this thread's wait,
        or a lock meanwhile, leaves it owed (the deletion itself committed): :meth:`settle`, the
        lock and the next unlock run it."""
        try:
            with db.transaction(self.conn):
                self.conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')")
                self.conn.execute("DELETE FROM meta WHERE key = ?", (PURGE_PENDING_META,))
        except (VaultBusyError, VaultLockedError):
            log.info("the search index purge waits: another process was writing")
            return
        self.purge_pending = False
        self.fold()

    def fold(self) -> None:
        """Fold the WAL back into the database (db.fold_wal); owed again if it could not."""
        folded = db.fold_wal(self.conn)
        self.fold_pending = not folded and not self.closed

    def settle(self) -> None:
        """After a write (and at unlock), with the session held: the purge or fold an earlier
        deletion owes, each waiting at most FOLD_WAIT_S for another process (a retry must not
        hold up every write while another process reads). A failure leaves it owed: the write
        itself committed."""
        if self.closed or not (self.purge_pending or self.fold_pending):
            return
        try:
            with db.waiting_at_most(db.FOLD_WAIT_S):
                db.apply_wait_limit(self.conn)
                if self.purge_pending:
                    self.purge()
                else:
                    self.fold()
        except db.DatabaseError:
            log.warning("the search index purge failed; it is tried again at the next write")
        if not self.closed:
            db.apply_wait_limit(self.conn)

    def chunk_total(self) -> int:
        if self._chunk_total is None:
            self._chunk_total = int(self.conn.execute("SELECT count(*) FROM chunks").fetchone()[0])
        return self._chunk_total

    def chunks_changed(self) -> None:
        self._chunk_total = None

    def close(self, reason: str) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
            db.set_pause(self.conn, None)  # this thread holds the session: it waits in place
            written = False
            try:
                with db.waiting_at_most(LOCK_WAIT_S), db.telling_waits(None):
                    db.apply_wait_limit(self.conn)
                    with db.transaction(self.conn):
                        self.append_deferred_audit()
                        if self.purge_pending:  # an owed purge commits with the lock's entry
                            self.conn.execute(
                                "INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')"
                            )
                            self.conn.execute(
                                "DELETE FROM meta WHERE key = ?", (PURGE_PENDING_META,)
                            )
                        self.audit.append("lock", {"reason": reason})
                    written = True
                    if self.purge_pending or self.fold_pending:
                        db.fold_wal(self.conn)  # at most LOCK_WAIT_S: no session to let go
            except VaultBusyError:
                log.info("the vault locked without its audit entry: another process was writing")
            except DiskFullError:
                log.info("the vault locked without its audit entry: the disk is full")
            except (db.DatabaseError, VaultLockedError):
                pass  # a damaged database must still be closed and the keys wiped
            finally:
                self.index.close()
                self.conn.close()
                self.dek.wipe()
                self.audit_key.wipe()
            if not written and self.deferred_audit and self._lost is not None:
                self._lost(list(self.deferred_audit))


SessionSource = Callable[[], Session]


def open_session(unlocked: unlock.Unlocked, lost: LostEntries | None = None) -> Session:
    """The session of a freshly unlocked vault, with its audit key (derived and stored on the
    first unlock of a vault that has none yet); ``lost``: see Session."""
    session = Session(unlocked.conn, unlocked.dek, _load_audit_key(unlocked), lost)
    with hold(session):
        session.settle()  # a purge the last session's deletion could not do
    return session


def _load_audit_key(unlocked: unlock.Unlocked) -> SecretKey:
    conn = unlocked.conn
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (AUDIT_KEY_META,)).fetchone()
    if row is not None:
        return SecretKey(bytes(row[0]))
    key = derive_audit_key(unlocked.dek, unlocked.key_file.vault_id)
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)", (AUDIT_KEY_META, bytes(key.buffer))
        )
    return key


@contextmanager
def corruption_as_error() -> Iterator[None]:
    try:
        yield
    except db.DatabaseError as err:
        if db.is_corruption(err):
            raise VaultCorruptedError(damaged_vault_message()) from err
        raise


@contextmanager
def hold(session: Session) -> Iterator[Session]:
    """Take the session's lock, then make sure it is still open: the vault may have been
    locked (idle timer, another thread) after the session was fetched."""
    with session.lock:
        if session.closed:
            raise VaultLockedError("The vault is locked.")
        db.apply_wait_limit(session.conn)  # this thread's: the window's waits briefly
        with corruption_as_error(), db.busy_said():
            yield session


@contextmanager
def reading(fetch: SessionSource) -> Iterator[Session]:
    """The held session, for reads or for changes that manage their own transaction."""
    with hold(fetch()) as session:
        yield session


@contextmanager
def writing(fetch: SessionSource) -> Iterator[Session]:
    """The held session inside one transaction: commits on success, rolls back on error."""
    with hold(fetch()) as session:
        with db.transaction(session.conn):
            session.append_deferred_audit()
            yield session
        session.deferred_audit.clear()  # committed with this write
        session.settle()
