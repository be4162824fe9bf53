"""The vault facade: one object that is either unlocked (keys in memory, database open) or locked.

Everything a service stores — patients, documents with their bytes, chunks, vectors, chats,
generated outputs — goes through :class:`Vault`, and every change commits in one SQLCipher
transaction together with its audit event. The vector index lives only in memory and is rebuilt
from the vault after each unlock.

This module is the facade's own part: lifecycle and the idle lock, keys, audit and health. The
rest of it is inherited: patients, documents, passages and search from ``store_documents``; chats
and saved outputs from ``store_chats``; the session plumbing they share (``_read``, ``_tx``,
``_write``) from ``store_core``. The work lives in ``session`` (what exists while unlocked),
``search`` (vector index and hybrid search), ``reembed`` (switching the embedding model),
``indexed_writes`` (changes the index must follow) and the row modules ``patients``,
``documents`` and ``conversations``.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
import weakref
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from medlocal import paths
from medlocal.errors import DiskFullError, UserInputError
from medlocal.vault import db, keychain, keys, unlock, unrecorded
from medlocal.vault.audit import MAX_DETAIL_STRING, AuditEntry, AuditReport
from medlocal.vault.errors import (
    KeyFileError,
    VaultInUseError,
    VaultLockedError,
    WrongPassphraseError,
)
from medlocal.vault.inuse import other_openers
from medlocal.vault.keyfile import load_key_file
from medlocal.vault.keys import KdfParams
from medlocal.vault.reembed import EMBED_BATCH, Embedder, ReembedReport
from medlocal.vault.rows import VaultStatus
from medlocal.vault.schema import SCHEMA_VERSION
from medlocal.vault.search import ProgressCallback
from medlocal.vault.session import corruption_as_error, hold, open_session, writing
from medlocal.vault.store_chats import ChatsMixin
from medlocal.vault.store_documents import DocumentsMixin

# Callers import the re-embedding protocol, report and batch size from here, as before the split.
__all__ = ["EMBED_BATCH", "Embedder", "ProgressCallback", "ReembedReport", "Vault"]

MODEL_ROLES = frozenset({"chat", "embedding", "reranker"})


log = logging.getLogger(__name__)

# How long a lock waits at most for work whose audit entry follows it (Vault.audited_work): the
# window stops such work first, so this is the one backup folder being removed; a share that
# does not answer must not hold the lock (and the window) for good.
AUDITED_WORK_WAIT_S = 15.0


def _folder(path_dir: Path | str | None) -> Path:
    return Path(path_dir).expanduser() if path_dir is not None else paths.vault_dir()


class Vault(DocumentsMixin, ChatsMixin):
    """An unlocked vault. Create with :meth:`create` or :meth:`open`; :meth:`lock` ends it."""

    def __init__(self, files: unlock.VaultFiles, unlocked: unlock.Unlocked) -> None:
        self._files = files
        self._key_file = unlocked.key_file
        self.vault_id = unlocked.key_file.vault_id
        self.unlocked_with = unlocked.method
        # The schema version this open upgraded the vault from (None: no upgrade), for the
        # faces' one-time notice (walk 44 D5).
        self.upgraded_from = unlocked.upgraded_from
        # Set when the disk was full at the unlock: the vault reads, its unlock's audit entry
        # waits for the next write (walk 47a D3); the faces say so once.
        self.disk_full: DiskFullError | None = None
        self._s = open_session(
            unlocked, functools.partial(unrecorded.session_lost, files.folder, self.vault_id)
        )
        self._finalizer = weakref.finalize(self, self._s.close, "exit")
        self._last_used = time.monotonic()
        self._idle_timer: threading.Timer | None = None
        # The timer is set again from whichever thread changes the setting, and by the timer's
        # own thread: one timer at a time.
        self._idle_guard = threading.Lock()
        self._idle_timeout: float | None = None
        self._lock_listeners: list[Callable[[str], None]] = []
        # Work under way whose audit entry is written at its end (see audited_work).
        self._audited = 0
        self._audited_ended = threading.Condition()

    # --- lifecycle ------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path_dir: Path | str | None = None,
        passphrase: str = "",
        *,
        kdf_params: KdfParams | None = None,
        finish: bool = True,
    ) -> tuple[Vault, str]:
        """Create a vault; returns it unlocked plus the recovery key (show it once, never store).
        ``finish=False``: the face calls :meth:`finish_creation` once it has shown the recovery
        key; until then the vault is unfinished (a crash leaves one the next init replaces).
        An unfinished vault left by an earlier crash is replaced; any other is refused."""
        folder = _folder(path_dir)
        unlocked, recovery_key = unlock.create(folder, passphrase, kdf_params or KdfParams())
        vault = cls(unlock.VaultFiles(folder), unlocked)
        vault._write("create", {"schema": db.schema_version(unlocked.conn)})
        unrecorded.prepare(folder, vault.vault_id)
        if finish:
            vault.finish_creation()
        return vault, recovery_key

    def finish_creation(self) -> None:
        """The recovery key was shown: the new vault is finished (see unlock.finish_creation)."""
        if self._key_file.unfinished:
            unlock.finish_creation(self._files, self._key_file)

    @classmethod
    def open(
        cls,
        path_dir: Path | str | None = None,
        passphrase: str | None = None,
        recovery_key: str | None = None,
        use_keychain: bool = False,
    ) -> Vault:
        folder = _folder(path_dir)
        unlocked = unlock.unlock(
            folder, passphrase=passphrase, recovery_key=recovery_key, use_keychain=use_keychain
        )
        try:
            with corruption_as_error():
                vault = cls(unlock.VaultFiles(folder), unlocked)
        except BaseException:
            unlocked.conn.close()
            unlocked.dek.wipe()
            raise
        entries: list[tuple[str, dict[str, Any]]] = []
        if unlocked.failures_to_log:
            entries.append(("failed_unlock", {"count": unlocked.failures_to_log}))
        entries.append(("unlock", {"method": unlocked.method}))
        if unlocked.upgraded_from is not None:
            entries.append(
                ("upgrade", {"from_schema": unlocked.upgraded_from, "to_schema": SCHEMA_VERSION})
            )
        # Sessions before this one that locked on a full disk without any audit entry: noted
        # only by a write that goes in now, so that a note is never deferred and lost again.
        earlier = unrecorded.read(folder, vault.vault_id)
        noted = [] if earlier is None else [(unrecorded.UNRECORDED_EVENT, earlier.audit_details())]
        try:
            vault.disk_full = vault._write_or_defer(entries, now_only=noted)
        except BaseException:
            vault.lock("error")
            raise
        if vault.disk_full is None:
            if earlier is not None:
                unrecorded.clear(folder, vault.vault_id)
            unrecorded.prepare(folder, vault.vault_id)
        return vault

    @staticmethod
    def exists(path_dir: Path | str | None = None) -> bool:
        """Whether a vault to unlock is there (an unfinished one is not: it is made again)."""
        return unlock.VaultFiles(_folder(path_dir)).ready()

    @staticmethod
    def is_unfinished(path_dir: Path | str | None = None) -> bool:
        """Whether a vault whose creation was interrupted is there (it holds nothing)."""
        return unlock.VaultFiles(_folder(path_dir)).unfinished()

    @staticmethod
    def is_remembered(path_dir: Path | str | None = None) -> bool:
        files = unlock.VaultFiles(_folder(path_dir))
        return files.key_file.exists() and "keychain" in load_key_file(files.key_file).wraps

    @staticmethod
    def drop_device_key(path_dir: Path | str | None = None) -> None:
        """Remove a device key the keychain may still hold for a vault that has no keychain
        wrap: it unlocks nothing, so no passphrase is asked to remove it (walk 48b D3)."""
        files = unlock.VaultFiles(_folder(path_dir))
        if files.key_file.exists():  # this folder's entry only: a copy's is not its own
            vault_id = load_key_file(files.key_file).vault_id
            keychain.delete_device_key(keychain.entry_name(vault_id, files.folder))

    @property
    def folder(self) -> Path:
        return self._files.folder

    def lock(self, reason: str = "user") -> None:
        """Close the database, drop the in-memory index, overwrite key material."""
        with self._idle_guard:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
        with self._audited_ended:
            self._await_audited_work()
            session, self._s = self._s, None
        if session is not None:
            session.close(reason)
            self._finalizer.detach()
            for listener in list(self._lock_listeners):
                listener(reason)

    def lock_after(self, check: Callable[[], None], reason: str = "user") -> None:
        """Run ``check`` (it may read this vault) and lock, holding the session throughout, so
        no other thread of this process writes between the two (review 43, D2: a restore's
        last look at the vault it replaces). ``check`` raising leaves the vault open;
        :class:`VaultLockedError` when it is locked already."""
        with self._audited_ended:  # before the hold: such work needs the session to end
            self._await_audited_work()
        with hold(self._session()):
            check()
            self.lock(reason)

    @contextmanager
    def audited_work(self) -> Iterator[None]:
        """Work outside the vault whose audit entry is written at its end (removing older
        backups): a lock meanwhile waits until it has ended, at most AUDITED_WORK_WAIT_S (review
        51b R4: a lock during a removal left the removed backups with no audit entry). Unlike
        holding the session, other calls to the vault go on meanwhile. The face stops the work
        before it locks; :class:`VaultLockedError` when the vault is locked already."""
        with self._audited_ended:
            if self._s is None:
                raise VaultLockedError("The vault is locked.")
            self._audited += 1
        try:
            yield
        finally:
            with self._audited_ended:
                self._audited -= 1
                self._audited_ended.notify_all()

    def _await_audited_work(self) -> None:
        """With ``_audited_ended`` held: wait for audited work under way to end."""
        if not self._audited_ended.wait_for(lambda: self._audited == 0, AUDITED_WORK_WAIT_S):
            log.warning("the vault locks while work whose audit entry follows it still runs")

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs after the vault locks (``user``, ``idle``, ``closed``…),
        on the thread that locked it (the idle timer's, for ``idle``)."""
        self._lock_listeners.append(listener)

    def touch(self) -> None:
        """Activity outside the vault (typing, scrolling) postpones the idle lock."""
        if self._s is not None:
            self._last_used = time.monotonic()

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.lock("closed")

    def set_idle_timeout(self, seconds: float | None) -> None:
        """Lock automatically after ``seconds`` without a vault call (None turns it off)."""
        with self._idle_guard:
            self._idle_timeout = seconds
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            if seconds is not None:
                self._arm_idle_timer(seconds)

    def _arm_idle_timer(self, delay: float) -> None:
        """Start the timer (``_idle_guard`` held)."""
        timer = threading.Timer(delay, self._idle_check)
        timer.daemon = True
        self._idle_timer = timer
        timer.start()

    def _idle_check(self) -> None:
        with self._idle_guard:
            timeout = self._idle_timeout
            if timeout is None or self._s is None:
                return
            running = threading.current_thread()
            if isinstance(running, threading.Timer) and running is not self._idle_timer:
                return  # a timer replaced as it fired (the setting changed): the new one counts
            remaining = self._last_used + timeout - time.monotonic()
            if remaining > 0:
                self._arm_idle_timer(remaining)
                return
        self.lock("idle")  # outside the guard: lock takes it, and runs the lock listeners

    # --- keys -----------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf_params: KdfParams | None = None) -> None:
        if self.check_passphrase(new_passphrase):
            # Walk 26: "Passphrase changed." for the same passphrase told of a change that never
            # happened.
            raise UserInputError(
                "The new passphrase is the one the vault already has; nothing was changed."
            )
        # The key file and its audit entry under one held session (review 50b R3): a lock
        # that lands during the change (a quit, the idle timer) waits for both, so the change
        # is never told as failed while only the new passphrase opens, nor left unaudited.
        with self._read() as s:
            params = kdf_params or KdfParams.from_dict(self._key_file.wraps["passphrase"]["params"])
            if kdf_params is None and params.memory_kib < KdfParams().memory_kib:
                params = KdfParams()  # raise old, weaker settings to today's default
            self._key_file = unlock.change_passphrase(
                self._files, self._key_file, s.dek, new_passphrase, params
            )
            entry = ("key_change", {"kind": "passphrase"})
            try:
                with writing(lambda: s) as held:
                    held.audit.append(*entry)
            except DiskFullError:
                # The passphrase was changed: the entry goes in with the next write or the lock.
                s.deferred_audit.append(entry)

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` unwraps this vault's key (for confirmations when the vault was
        opened from the keychain). Costs one Argon2id derivation."""
        with self._read() as s:
            try:
                candidate = keys.unwrap_with_passphrase(
                    self._key_file.wraps["passphrase"], passphrase, self.vault_id
                )
            except WrongPassphraseError:
                return False
            same = candidate.equals(s.dek)
            candidate.wipe()
            return same

    def rotate_key(self, passphrase: str, *, hook: unlock.RotationHook | None = None) -> None:
        """Re-encrypt the whole database under a new data key (see unlock.rotate). Refused while
        another process has the vault open: its connection would go on with the old key and
        take every page for a damaged one."""
        others = other_openers(self._files.database)
        if others:
            raise VaultInUseError(
                "The vault is open in another MedLocal process (the window or another command). "
                "Close it, then change the key again."
            )
        with self._read() as s:
            new_dek = unlock.rotate(self._files, self._key_file, s.conn, s.dek, passphrase, hook)
            s.dek.wipe()
            s.dek = new_dek
        self._write("key_change", {"kind": "rotate"})

    def remember(self) -> str:
        """Keep a wrap under a device key in the OS keychain; returns the keychain's name."""
        with self._read() as s:
            self._key_file, backend = unlock.remember(self._files, self._key_file, s.dek)
        self._write("key_change", {"kind": "remember", "backend": backend[-100:]})
        return backend

    def unremembered_said(self) -> None:
        """The start that asked for the passphrase showed why (see unlock.unremembered_said)."""
        self._key_file = unlock.unremembered_said(self._files, self._key_file)

    def forget(self) -> None:
        with self._read():
            self._key_file = unlock.forget(self._files, self._key_file)
        self._write("key_change", {"kind": "forget"})

    # --- audit and health -----------------------------------------------------------------------

    def record_event(self, event: str, details: dict[str, Any] | None = None) -> None:
        """Append an audit event (ask, summarise, export, model_load...). Ids and hashes only:
        pass text through :meth:`text_digest` first."""
        self._write(event, details or {})

    def text_digest(self, text: str) -> str:
        with self._read() as s:
            return s.audit.text_digest(text)

    def audit_verify(self) -> AuditReport:
        with self._read() as s:
            return s.audit.verify()

    def audit_entries(
        self, limit: int | None = None, hide: Collection[str] = ()
    ) -> list[AuditEntry]:
        """Newest last: the last ``limit`` entries (all if None) of events not in ``hide``."""
        with self._read() as s:
            return s.audit.entries(limit, hide)

    def audit_naming(
        self, patient_id: int, document_ids: Collection[int], output_ids: Collection[int]
    ) -> tuple[int, int]:
        """Entries naming the patient, their documents or outputs; exports among them."""
        with self._read() as s:
            return s.audit.naming(patient_id, document_ids, output_ids)

    def audit_count(self, events: Collection[str], from_seq: int = 1) -> int:
        """How many entries of ``events`` have sequence number ``from_seq`` or more."""
        with self._read() as s:
            return s.audit.count(events, from_seq)

    def check_integrity(self) -> list[str]:
        """Every page's HMAC and the b-tree structure; an empty list means healthy."""
        with self._read() as s:
            try:
                return db.integrity_errors(s.conn)
            except db.DatabaseError as err:
                return [str(err)]

    def remembered_here(self) -> tuple[bool, str]:
        """Whether this computer's keychain can unlock the vault now (a look-up, no unlock;
        it may block while a locked keychain asks), and why not when the vault was remembered
        but its entry cannot ("" otherwise: a copy's, or a removed one). `vault status` and
        the Settings box both say this (left 49: the box showed such a vault as remembered)."""
        # Read again: another process may have remembered or forgotten the vault since.
        try:
            key_file = load_key_file(self._files.key_file)
        except KeyFileError:
            key_file = self._key_file
        problem = unlock.remembered_problem(self._files, key_file) or ""
        return "keychain" in key_file.wraps and not problem, problem

    def status(self) -> VaultStatus:
        remembered, problem = self.remembered_here()
        with self._read() as s:
            conn = s.conn

            def count(table: str) -> int:
                return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

            models = [
                str(row[0])
                for row in conn.execute(
                    "SELECT DISTINCT embed_model_id FROM documents ORDER BY 1"
                ).fetchall()
            ]
            return VaultStatus(
                folder=str(self.folder),
                vault_id=self.vault_id,
                schema_version=db.schema_version(conn),
                patients=count("patients"),
                documents=count("documents"),
                chunks=count("chunks"),
                embed_models=models,
                kdf=dict(self._key_file.wraps["passphrase"]["params"]),
                remembered=remembered,
                remembered_problem=problem,
                unlocked_with=self.unlocked_with,
                database_bytes=self._files.database.stat().st_size,
            )

    def record_model_load(self, role: str, name: str, sha256: str) -> None:
        """Audit that a model was loaded to work on this vault: its role, file name and hash."""
        if role not in MODEL_ROLES:
            raise ValueError(f"unknown model role {role!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        # A model loaded to read (a search) on a full disk: its entry waits (walk 47a D3).
        self._write_or_defer(
            [("model_load", {"role": role, "name": name[:MAX_DETAIL_STRING], "sha256": sha256})]
        )
