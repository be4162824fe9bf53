"""The vault facade: one object that is either unlocked (keys in memory, database open) or locked.

Everything a service stores — patients, documents with their bytes, chunks, vectors, chats,
generated outputs — goes through :class:`Vault`, and every change commits in one SQLCipher
transaction together with its audit event. The vector index lives only in memory and is rebuilt
from the vault after each unlock.

This module is the facade: lifecycle, keys, audit, patients, documents, chats. The work lives in
``session`` (what exists while unlocked), ``search`` (vector index and hybrid search),
``reembed`` (switching the embedding model), ``indexed_writes`` (changes the index must follow)
and the row modules ``patients``, ``documents`` and ``conversations``.
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.vault import (
    conversations,
    db,
    documents,
    ids,
    indexed_writes,
    keys,
    patients,
    reembed,
    search,
    unlock,
)
from medlocal.vault.audit import MAX_DETAIL_STRING, AuditEntry, AuditReport
from medlocal.vault.errors import (
    NotFoundError,
    VaultInUseError,
    VaultLockedError,
    WrongPassphraseError,
)
from medlocal.vault.inuse import other_openers
from medlocal.vault.keyfile import load_key_file
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord, PageSpan, SearchHit
from medlocal.vault.reembed import EMBED_BATCH, Embedder, ReembedReport
from medlocal.vault.rows import (
    Chunk,
    Collection,
    DocumentInfo,
    Patient,
    StoredMessage,
    StoredOutput,
    VaultStatus,
)
from medlocal.vault.search import ProgressCallback
from medlocal.vault.session import Session, corruption_as_error, open_session, reading, writing

# Callers import the re-embedding protocol, report and batch size from here, as before the split.
__all__ = ["EMBED_BATCH", "Embedder", "ProgressCallback", "ReembedReport", "Vault"]

MODEL_ROLES = frozenset({"chat", "embedding", "reranker"})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _folder(path_dir: Path | str | None) -> Path:
    return Path(path_dir).expanduser() if path_dir is not None else paths.vault_dir()


class Vault:
    """An unlocked vault. Create with :meth:`create` or :meth:`open`; :meth:`lock` ends it."""

    def __init__(self, files: unlock.VaultFiles, unlocked: unlock.Unlocked) -> None:
        self._files = files
        self._key_file = unlocked.key_file
        self.vault_id = unlocked.key_file.vault_id
        self.unlocked_with = unlocked.method
        self._s: Session | None = open_session(unlocked)
        self._finalizer = weakref.finalize(self, self._s.close, "exit")
        self._last_used = time.monotonic()
        self._idle_timer: threading.Timer | None = None
        self._idle_timeout: float | None = None
        self._lock_listeners: list[Callable[[str], None]] = []

    # --- lifecycle ------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path_dir: Path | str | None = None,
        passphrase: str = "",
        *,
        kdf_params: KdfParams | None = None,
    ) -> tuple[Vault, str]:
        """Create a vault; returns it unlocked plus the recovery key (show it once, never store)."""
        folder = _folder(path_dir)
        unlocked, recovery_key = unlock.create(folder, passphrase, kdf_params or KdfParams())
        vault = cls(unlock.VaultFiles(folder), unlocked)
        vault._write("create", {"schema": db.schema_version(unlocked.conn)})
        return vault, recovery_key

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
        try:
            with vault._tx() as s:
                if unlocked.failures_to_log:
                    s.audit.append("failed_unlock", {"count": unlocked.failures_to_log})
                s.audit.append("unlock", {"method": unlocked.method})
        except BaseException:
            vault.lock("error")
            raise
        return vault

    @staticmethod
    def exists(path_dir: Path | str | None = None) -> bool:
        return unlock.VaultFiles(_folder(path_dir)).key_file.exists()

    @staticmethod
    def is_remembered(path_dir: Path | str | None = None) -> bool:
        files = unlock.VaultFiles(_folder(path_dir))
        return files.key_file.exists() and "keychain" in load_key_file(files.key_file).wraps

    @property
    def folder(self) -> Path:
        return self._files.folder

    @property
    def is_locked(self) -> bool:
        return self._s is None

    def lock(self, reason: str = "user") -> None:
        """Close the database, drop the in-memory index, overwrite key material."""
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        session, self._s = self._s, None
        if session is not None:
            session.close(reason)
            self._finalizer.detach()
            for listener in list(self._lock_listeners):
                listener(reason)

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
        self._idle_timeout = seconds
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        if seconds is not None:
            self._arm_idle_timer(seconds)

    def _arm_idle_timer(self, delay: float) -> None:
        timer = threading.Timer(delay, self._idle_check)
        timer.daemon = True
        self._idle_timer = timer
        timer.start()

    def _idle_check(self) -> None:
        timeout = self._idle_timeout
        if timeout is None or self._s is None:
            return
        remaining = self._last_used + timeout - time.monotonic()
        if remaining <= 0:
            self.lock("idle")
        else:
            self._arm_idle_timer(remaining)

    # --- plumbing -------------------------------------------------------------------------------

    def _session(self) -> Session:
        session = self._s
        if session is None:
            raise VaultLockedError("The vault is locked.")
        self._last_used = time.monotonic()
        return session

    def _read(self) -> AbstractContextManager[Session]:
        return reading(self._session)

    def _tx(self) -> AbstractContextManager[Session]:
        return writing(self._session)

    def _write(self, event: str, details: dict[str, Any]) -> None:
        with self._tx() as s:
            s.audit.append(event, details)

    # --- keys -----------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf_params: KdfParams | None = None) -> None:
        with self._read() as s:
            params = kdf_params or KdfParams.from_dict(self._key_file.wraps["passphrase"]["params"])
            if kdf_params is None and params.memory_kib < KdfParams().memory_kib:
                params = KdfParams()  # raise old, weaker settings to today's default
            unlock.change_passphrase(self._files, self._key_file, s.dek, new_passphrase, params)
        self._write("key_change", {"kind": "passphrase"})

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
            backend = unlock.remember(self._files, self._key_file, s.dek)
        self._write("key_change", {"kind": "remember", "backend": backend[-100:]})
        return backend

    def forget(self) -> None:
        with self._read():
            unlock.forget(self._files, self._key_file)
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

    def audit_entries(self, limit: int | None = None) -> list[AuditEntry]:
        with self._read() as s:
            return s.audit.entries(limit)

    def check_integrity(self) -> list[str]:
        """Every page's HMAC and the b-tree structure; an empty list means healthy."""
        with self._read() as s:
            try:
                return db.integrity_errors(s.conn)
            except db.DatabaseError as err:
                return [str(err)]

    def status(self) -> VaultStatus:
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
                remembered="keychain" in self._key_file.wraps,
                unlocked_with=self.unlocked_with,
                database_bytes=self._files.database.stat().st_size,
            )

    # --- patients and collections ---------------------------------------------------------------

    def add_patient(self, name: str, mrn: str | None = None, dob: str | None = None) -> int:
        if not name.strip():
            raise UserInputError("A patient needs a name.")
        with self._tx() as s:
            patient_id = patients.insert_patient(s.conn, name.strip(), mrn, dob, _now())
            s.audit.append("patient_add", {"patient_id": patient_id})
        return patient_id

    def list_patients(self) -> list[Patient]:
        with self._read() as s:
            return patients.list_patients(s.conn)

    def get_patient(self, patient_id: int) -> Patient:
        with self._read() as s:
            patient = patients.get_patient(s.conn, patient_id)
        if patient is None:
            raise NotFoundError(f"No patient with id {patient_id}.")
        return patient

    def remove_patient(self, patient_id: int) -> None:
        """Remove a patient with every document, chunk, vector, chat and output of theirs."""
        self.get_patient(patient_id)
        indexed_writes.remove_patient(self._session, patient_id)

    def add_collection(self, name: str) -> int:
        """The id of collection ``name``, created if new."""
        with self._tx() as s:
            return patients.collection_id(s.conn, name, created_at=_now()) or 0

    def list_collections(self) -> list[Collection]:
        with self._read() as s:
            return patients.list_collections(s.conn)

    # --- documents ------------------------------------------------------------------------------

    def add_document(
        self,
        patient_id: int,
        file_name: str,
        file_type: str,
        data: bytes,
        chunks: Sequence[ChunkRecord],
        vectors: npt.NDArray[np.float32],
        embed_model_id: str,
        collection: str | None = None,
        *,
        text: str | None = None,
        pages: Sequence[PageSpan] = (),
    ) -> int:
        """Store a document, its bytes, chunks, vectors and FTS rows, and the import event, in
        one transaction; nothing is visible until it commits. ``text`` (the extracted text the
        chunk offsets refer to) is optional; without it :meth:`document_text` rebuilds it.
        ``pages`` says where each page lies in that text (PDFs: to place a passage on its page)."""
        return indexed_writes.add_document(
            self._session,
            patient_id=patient_id,
            file_name=file_name,
            file_type=file_type,
            data=data,
            chunks=chunks,
            vectors=vectors,
            embed_model_id=embed_model_id,
            collection=collection,
            text=text,
            now=_now(),
            pages=pages,
        )

    def has_document(self, patient_id: int, sha256: str) -> bool:
        return self.duplicate_of(patient_id, sha256) is not None

    def duplicate_of(self, patient_id: int, sha256: str) -> int | None:
        """The id of this patient's document with these bytes, if one was imported."""
        with self._read() as s:
            return documents.find_duplicate(s.conn, patient_id, sha256.lower())

    def get_document(self, document_id: int) -> DocumentInfo:
        with self._read() as s:
            info = documents.get_document(s.conn, document_id)
        if info is None:
            raise NotFoundError(f"No document with id {document_id}.")
        return info

    def list_documents(self, patient_id: int | None = None) -> list[DocumentInfo]:
        with self._read() as s:
            return documents.list_documents(s.conn, patient_id)

    def delete_document(self, document_id: int, *, output_ids: Sequence[int] = ()) -> None:
        """Remove the bytes, chunks, vectors and FTS rows, and record the deletion; the saved
        outputs ``output_ids`` (say, those quoting it) are deleted in the same transaction."""
        self.delete_documents([document_id], output_ids=output_ids)

    def delete_documents(
        self, document_ids: Sequence[int], *, output_ids: Sequence[int] = ()
    ) -> None:
        """Delete several documents (and the saved outputs ``output_ids``) in one transaction,
        each deletion audited; NotFoundError, deleting none, when one does not exist. The deleted
        text leaves the FTS index and the WAL once for the batch, not once per document."""
        indexed_writes.delete_documents(self._session, document_ids, output_ids)

    def document_bytes(self, document_id: int) -> bytes:
        with self._read() as s:
            row = s.conn.execute(
                "SELECT content FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"No document with id {document_id}.")
        return bytes(row[0])

    def document_text(self, document_id: int) -> str:
        """The extracted text that chunk offsets point into."""
        with self._read() as s:
            row = s.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"No document with id {document_id}.")
            if row[0] is not None:
                return str(row[0])
            return documents.reconstruct_text(documents.document_chunks(s.conn, document_id))

    def document_chunks(self, document_id: int) -> list[Chunk]:
        with self._read() as s:
            return documents.document_chunks(s.conn, document_id)

    def document_pages(self, document_id: int) -> tuple[PageSpan, ...] | None:
        """Where each page lies in the document's text: None when not yet recorded (a PDF from
        before schema step 4), () when it has no pages or they could not be recovered."""
        with self._read() as s:
            return documents.document_pages(s.conn, document_id)

    def set_document_pages(self, document_id: int, pages: Sequence[PageSpan]) -> None:
        """Record page spans recovered from the stored original (text unchanged)."""
        with self._tx() as s:
            documents.set_document_pages(s.conn, document_id, pages)

    def documents_without_pages(self) -> list[int]:
        with self._read() as s:
            return documents.documents_without_pages(s.conn)

    def documents_without_headers(self) -> list[int]:
        """Documents chunked before passages had indexing headers (see ``replace_passages``)."""
        with self._read() as s:
            return documents.documents_without_headers(s.conn)

    def replace_passages(
        self,
        document_id: int,
        expected_chunk_ids: Sequence[int],
        *,
        text: str,
        chunks: Sequence[ChunkRecord],
        vectors: npt.NDArray[np.float32],
        embed_model_id: str,
        pages: Sequence[PageSpan] = (),
    ) -> bool:
        """Swap one document's passages, vectors, extracted text and page spans in one
        transaction, with a ``rechunk`` audit event; False (nothing changed) when the document
        was deleted or its passages changed since ``expected_chunk_ids`` were read."""
        return indexed_writes.replace_passages(
            self._session,
            document_id,
            expected_chunk_ids,
            text=text,
            chunks=chunks,
            vectors=vectors,
            embed_model_id=embed_model_id,
            pages=pages,
        )

    def get_chunk(self, chunk_id: int) -> Chunk:
        with self._read() as s:
            chunk = documents.get_chunk(s.conn, chunk_id)
        if chunk is None:
            raise NotFoundError(f"No passage with id {chunk_id}.")
        return chunk

    # --- index and search -----------------------------------------------------------------------

    def embed_model_ids(self) -> list[str]:
        """Embedding models in use, most recently used first."""
        return search.embed_model_ids(self._session)

    def ensure_index(
        self,
        patient_id: int | None,
        embed_model_id: str,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Build the in-memory vector collection of one patient, or of the whole vault (None),
        unless it is built already."""
        search.ensure_index(self._session(), patient_id, embed_model_id, progress)

    def build_index(
        self,
        embed_model_id: str | None = None,
        progress: ProgressCallback | None = None,
        *,
        background: bool = True,
    ) -> threading.Thread | None:
        """Build the whole-vault collection (for unscoped searches), in a background thread by
        default. ``progress(done, total)`` counts vectors. Returns the thread when backgrounded."""
        return search.build_index(
            self._session,
            lambda: self.is_locked,
            embed_model_id,
            progress,
            background=background,
        )

    def search(
        self,
        query_text: str,
        query_vector: npt.NDArray[np.float32] | None,
        *,
        patient_id: int | None = None,
        collection: str | None = None,
        document_ids: Sequence[int] | None = None,
        k: int = 8,
        embed_model_id: str | None = None,
    ) -> list[SearchHit]:
        """Hybrid search: chromadb cosine + FTS5 bm25, fused by reciprocal rank.

        Vectors are compared only with vectors of the same embedding model: pass
        ``embed_model_id`` (the query embedder's ``model_id``); without it the most recently
        used model whose dimension matches the query is assumed. While a vault is half
        converted to a new model (:meth:`reembed` cancelled or not yet run), documents still on
        the old model get no vector hits for a new-model query — only their BM25 hits — until
        they are re-embedded.
        """
        return search.hybrid_search(
            self._session,
            query_text,
            query_vector,
            patient_id=patient_id,
            collection=collection,
            document_ids=document_ids,
            k=k,
            embed_model_id=embed_model_id,
        )

    # --- switching the embedding model ----------------------------------------------------------

    def reembed(
        self,
        embedder: Embedder,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> ReembedReport:
        """Give every document vectors of ``embedder``'s model, one document at a time.

        Each document's chunk texts are embedded without holding the vault lock, then its old
        vectors are replaced by the new ones in one transaction together with a ``reembed``
        audit event. ``progress(done, total)`` counts documents. ``cancel`` is honoured between
        documents and between embedding batches; a cancelled run leaves every document whole,
        either on the new model or still on its old one. Searches compare the query only with
        vectors of the query's model, so while a vault is half converted the unconverted
        documents are found by their words (BM25) and not by meaning until the next run.
        """
        return reembed.reembed_documents(self._session, embedder, progress, cancel)

    def record_model_load(self, role: str, name: str, sha256: str) -> None:
        """Audit that a model was loaded to work on this vault: its role, file name and hash."""
        if role not in MODEL_ROLES:
            raise ValueError(f"unknown model role {role!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        self._write(
            "model_load", {"role": role, "name": name[:MAX_DETAIL_STRING], "sha256": sha256}
        )

    # --- chats and generated outputs -----------------------------------------------------------

    def create_chat(self, patient_id: int | None) -> int:
        with self._tx() as s:
            if patient_id is not None:
                patients.require_patient(s.conn, patient_id)
            chat_id = conversations.insert_chat(s.conn, patient_id, _now())
            s.audit.append("chat_create", {"chat_id": chat_id, "patient_id": patient_id})
        return chat_id

    def add_chat_message(self, chat_id: int, role: str, content: str) -> int:
        with self._tx() as s:
            return conversations.append_message(s.conn, s.audit, chat_id, role, content, _now())

    def save_chat_turn(
        self,
        chat_id: int,
        question: str,
        answer: str,
        *,
        patient_id: int | None,
        title: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
        ask_details: dict[str, Any],
    ) -> int:
        """A finished turn in one transaction: the question and the answer as chat messages, the
        answer as a saved output, and the ``ask`` audit event with that output's id. A crash
        leaves all of it or none (a turn saved without its output reopened with no sources or
        flags; one without its event was missing from the audit). Returns the output's id."""
        with self._tx() as s:
            conversations.append_message(s.conn, s.audit, chat_id, "user", question, _now())
            conversations.append_message(s.conn, s.audit, chat_id, "assistant", answer, _now())
            output = conversations.NewOutput(patient_id, "answer", title, answer, provenance, flags)
            output_id = conversations.append_output(s.conn, s.audit, output, _now())
            s.audit.append("ask", ask_details | {"output_id": output_id})
        return output_id

    def has_chat(self, chat_id: int) -> bool:
        with self._read() as s:
            return conversations.chat_exists(s.conn, chat_id)

    def chat_messages(self, chat_id: int) -> list[StoredMessage]:
        with self._read() as s:
            return conversations.messages(s.conn, chat_id)

    def list_chats(self, patient_id: int | None = None) -> list[tuple[int, int | None, str]]:
        """``(chat_id, patient_id, created_at)`` for every chat (of one patient if given)."""
        with self._read() as s:
            return conversations.chats(s.conn, patient_id)

    def delete_chats(self, chat_ids: Sequence[int]) -> None:
        """Delete chats with all their messages in one transaction, each audited by id with its
        number of messages (no text); NotFoundError, deleting none, when one does not exist. The
        saved answers given in them stay (separate records; :meth:`delete_outputs`)."""
        self._delete_then_fold(lambda s: conversations.delete_chats(s.conn, s.audit, chat_ids))

    def date_shift_days(self, scope: str) -> int:
        """The date offset a redacted export of ``scope`` uses (the same for its preview)."""
        with self._tx() as s:
            return ids.date_shift_days(s.conn, scope)

    def save_output(
        self,
        patient_id: int | None,
        kind: str,
        title: str,
        content: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
    ) -> int:
        with self._tx() as s:
            output = conversations.NewOutput(patient_id, kind, title, content, provenance, flags)
            return conversations.append_output(s.conn, s.audit, output, _now())

    def get_output(self, output_id: int) -> StoredOutput:
        with self._read() as s:
            found = conversations.outputs(s.conn, output_id=output_id)
        if not found:
            raise NotFoundError(f"No saved output with id {output_id}.")
        return found[0]

    def list_outputs(self, patient_id: int | None = None) -> list[StoredOutput]:
        with self._read() as s:
            return conversations.outputs(s.conn, patient_id=patient_id)

    def chat_answers(self, chat_id: int) -> list[StoredOutput]:
        """The saved answers given in chat ``chat_id``, oldest first (one query; the other
        outputs are neither read into Python nor decoded)."""
        with self._read() as s:
            return conversations.outputs(s.conn, chat_id=chat_id)

    def delete_outputs(self, output_ids: Sequence[int]) -> None:
        """Delete saved answers or summaries in one transaction, each audited by id (no text);
        NotFoundError, deleting none, when one does not exist. Passages, vectors and the search
        index are untouched: outputs are not indexed."""
        self._delete_then_fold(lambda s: conversations.delete_outputs(s.conn, s.audit, output_ids))

    def _delete_then_fold(self, delete: Callable[[Session], None]) -> None:
        """``delete`` in one transaction, then the WAL folded back into the file, so no page
        image from before the deletion lingers in it (``secure_delete`` zeroes the freed cells)."""
        with self._read() as s:
            with db.transaction(s.conn):
                delete(s)
            db.fold_wal(s.conn)
