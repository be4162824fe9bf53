"""The vault facade: one object that is either unlocked (keys in memory, database open) or locked.

Everything a service stores — patients, documents with their bytes, chunks, vectors, chats,
generated outputs — goes through :class:`Vault`, and every change commits in one SQLCipher
transaction together with its audit event. The vector index lives only in memory and is rebuilt
from the vault after each unlock.
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.vault import conversations, db, documents, keys, unlock
from medlocal.vault.audit import AUDIT_KEY_META, AuditEntry, AuditLog, AuditReport, derive_audit_key
from medlocal.vault.errors import (
    DuplicateDocumentError,
    NotFoundError,
    VaultCorruptedError,
    VaultLockedError,
    WrongPassphraseError,
)
from medlocal.vault.index import ALL_PATIENTS, IndexedVector, VectorIndex
from medlocal.vault.keyfile import load_key_file
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.lexical import bm25_search, reciprocal_rank_fusion
from medlocal.vault.records import ChunkRecord, SearchHit
from medlocal.vault.rows import (
    Chunk,
    Collection,
    DocumentInfo,
    Patient,
    ReembedReport,
    StoredMessage,
    StoredOutput,
    VaultStatus,
)


class Embedder(Protocol):
    """What re-embedding needs of an embedding model (``medlocal.engine.api.Embedder`` fits;
    the vault layer does not import the engine)."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


ProgressCallback = Callable[[int, int], None]  # (vectors indexed so far, total)

CHAT_ROLES = frozenset({"system", "user", "assistant"})
MODEL_ROLES = frozenset({"chat", "embedding"})
EMBED_BATCH = 32  # passages per embedder call while re-embedding: the granularity of cancel
MAX_MODEL_ID = 128  # audit details are capped; model ids are sha256 hex (64) in practice


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _folder(path_dir: Path | str | None) -> Path:
    return Path(path_dir).expanduser() if path_dir is not None else paths.vault_dir()


class _Session:
    """What exists only while unlocked. Closing it is idempotent and also runs at interpreter
    exit (via ``weakref.finalize``), so a forgotten vault still gets locked."""

    def __init__(self, conn: db.Connection, dek: SecretKey, audit_key: SecretKey) -> None:
        self.conn = conn
        self.dek = dek
        self.audit_key = audit_key
        self.audit = AuditLog(conn, audit_key)
        self.index = VectorIndex()
        self.lock = threading.RLock()
        self.closed = False
        self._chunk_total: int | None = None  # cached for the lexical search's common-word cut

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
            try:
                with db.transaction(self.conn):
                    self.audit.append("lock", {"reason": reason})
            except db.DatabaseError:
                pass  # a damaged database must still be closed and the keys wiped
            finally:
                self.index.close()
                self.conn.close()
                self.dek.wipe()
                self.audit_key.wipe()


class Vault:
    """An unlocked vault. Create with :meth:`create` or :meth:`open`; :meth:`lock` ends it."""

    def __init__(self, files: unlock.VaultFiles, unlocked: unlock.Unlocked) -> None:
        self._files = files
        self._key_file = unlocked.key_file
        self.vault_id = unlocked.key_file.vault_id
        self.unlocked_with = unlocked.method
        audit_key = self._load_audit_key(unlocked)
        self._s: _Session | None = _Session(unlocked.conn, unlocked.dek, audit_key)
        self._finalizer = weakref.finalize(self, self._s.close, "exit")
        self._last_used = time.monotonic()
        self._idle_timer: threading.Timer | None = None
        self._idle_timeout: float | None = None

    @staticmethod
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
            with _corruption_as_error():
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

    def _session(self) -> _Session:
        session = self._s
        if session is None:
            raise VaultLockedError("The vault is locked.")
        self._last_used = time.monotonic()
        return session

    @staticmethod
    @contextmanager
    def _hold(session: _Session) -> Iterator[_Session]:
        """Take the session's lock, then make sure it is still open: the vault may have been
        locked (idle timer, another thread) after the session was fetched."""
        with session.lock:
            if session.closed:
                raise VaultLockedError("The vault is locked.")
            with _corruption_as_error():
                yield session

    @contextmanager
    def _read(self) -> Iterator[_Session]:
        with self._hold(self._session()) as session:
            yield session

    @contextmanager
    def _tx(self) -> Iterator[_Session]:
        with self._hold(self._session()) as session, db.transaction(session.conn):
            yield session

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
        """Re-encrypt the whole database under a new data key (see unlock.rotate)."""
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
            cursor = s.conn.execute(
                "INSERT INTO patients (name, mrn, dob, created_at) VALUES (?, ?, ?, ?)",
                (name.strip(), mrn, dob, _now()),
            )
            patient_id = int(cursor.lastrowid)
            s.audit.append("patient_add", {"patient_id": patient_id})
        return patient_id

    def list_patients(self) -> list[Patient]:
        with self._read() as s:
            rows = s.conn.execute(
                "SELECT id, name, mrn, dob, created_at FROM patients ORDER BY id"
            ).fetchall()
        return [Patient(int(r[0]), str(r[1]), r[2], r[3], str(r[4])) for r in rows]

    def get_patient(self, patient_id: int) -> Patient:
        with self._read() as s:
            row = s.conn.execute(
                "SELECT id, name, mrn, dob, created_at FROM patients WHERE id = ?", (patient_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"No patient with id {patient_id}.")
        return Patient(int(row[0]), str(row[1]), row[2], row[3], str(row[4]))

    def remove_patient(self, patient_id: int) -> None:
        """Remove a patient with every document, chunk, vector, chat and output of theirs."""
        self.get_patient(patient_id)
        with self._read() as s:
            with db.transaction(s.conn):
                chunk_ids = documents.patient_chunk_ids(s.conn, patient_id)
                for document in documents.list_documents(s.conn, patient_id):
                    documents.delete_document(s.conn, document.id)
                s.conn.execute("DELETE FROM patients WHERE id = ?", (patient_id,))
                s.audit.append("patient_remove", {"patient_id": patient_id})
                s.chunks_changed()
            s.index.drop_patient(patient_id, chunk_ids)
            self._purge_deleted_text(s)

    def add_collection(self, name: str) -> int:
        """The id of collection ``name``, created if new."""
        with self._tx() as s:
            return self._collection_id(s, name, create=True) or 0

    def list_collections(self) -> list[Collection]:
        with self._read() as s:
            rows = s.conn.execute("SELECT id, name FROM collections ORDER BY name").fetchall()
        return [Collection(int(r[0]), str(r[1])) for r in rows]

    @staticmethod
    def _collection_id(s: _Session, name: str, *, create: bool) -> int | None:
        name = name.strip()
        if not name:
            raise UserInputError("A collection needs a name.")
        row = s.conn.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return int(row[0])
        if not create:
            return None
        cursor = s.conn.execute(
            "INSERT INTO collections (name, created_at) VALUES (?, ?)", (name, _now())
        )
        return int(cursor.lastrowid)

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
    ) -> int:
        """Store a document, its bytes, chunks, vectors and FTS rows, and the import event, in
        one transaction; nothing is visible until it commits. ``text`` (the extracted text the
        chunk offsets refer to) is optional; without it :meth:`document_text` rebuilds it."""
        array = documents.check_vectors(chunks, vectors)
        digest = documents.sha256_hex(data)
        # The index hears of the change after the commit but before the lock is released, so
        # index changes arrive in commit order (see VectorIndex.build).
        with self._read() as s:
            with db.transaction(s.conn):
                self._require_patient(s, patient_id)
                existing = documents.find_duplicate(s.conn, patient_id, digest)
                if existing is not None:
                    raise DuplicateDocumentError(existing)
                collection_id = (
                    None if collection is None else self._collection_id(s, collection, create=True)
                )
                document_id, indexed = documents.insert_document(
                    s.conn,
                    patient_id=patient_id,
                    collection_id=collection_id,
                    file_name=file_name,
                    file_type=file_type,
                    data=data,
                    sha256=digest,
                    imported_at=_now(),
                    embed_model_id=embed_model_id,
                    text=text,
                    chunks=chunks,
                    vectors=array,
                )
                s.audit.append(
                    "import",
                    {
                        "document_id": document_id,
                        "patient_id": patient_id,
                        "sha256": digest,
                        "chunks": len(chunks),
                        "embed_model": embed_model_id[:MAX_MODEL_ID],
                    },
                )
                s.chunks_changed()
            s.index.add(patient_id, embed_model_id, indexed)
        return document_id

    def has_document(self, patient_id: int, sha256: str) -> bool:
        with self._read() as s:
            return documents.find_duplicate(s.conn, patient_id, sha256.lower()) is not None

    def get_document(self, document_id: int) -> DocumentInfo:
        with self._read() as s:
            info = documents.get_document(s.conn, document_id)
        if info is None:
            raise NotFoundError(f"No document with id {document_id}.")
        return info

    def list_documents(self, patient_id: int | None = None) -> list[DocumentInfo]:
        with self._read() as s:
            return documents.list_documents(s.conn, patient_id)

    def delete_document(self, document_id: int) -> None:
        """Remove the bytes, chunks, vectors and FTS rows, and record the deletion."""
        info = self.get_document(document_id)
        with self._read() as s:
            with db.transaction(s.conn):
                ids = documents.chunk_ids(s.conn, document_id)
                documents.delete_document(s.conn, document_id)
                s.audit.append(
                    "delete",
                    {
                        "document_id": document_id,
                        "patient_id": info.patient_id,
                        "sha256": info.sha256,
                    },
                )
                s.chunks_changed()
            s.index.remove(info.patient_id, ids)
            self._purge_deleted_text(s)

    @staticmethod
    def _purge_deleted_text(s: _Session) -> None:
        """Merge the FTS index so deleted tokens leave its segments (a delete in FTS5 only adds a
        tombstone), then fold the WAL back so old page images do not linger in it."""
        with db.transaction(s.conn):
            s.conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

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

    def get_chunk(self, chunk_id: int) -> Chunk:
        with self._read() as s:
            chunk = documents.get_chunk(s.conn, chunk_id)
        if chunk is None:
            raise NotFoundError(f"No passage with id {chunk_id}.")
        return chunk

    # --- index and search -----------------------------------------------------------------------

    def embed_model_ids(self) -> list[str]:
        """Embedding models in use, most recently used first."""
        with self._read() as s:
            rows = s.conn.execute(
                "SELECT embed_model_id FROM documents GROUP BY embed_model_id "
                "ORDER BY max(imported_at) DESC, max(id) DESC"
            ).fetchall()
        return [str(row[0]) for row in rows]

    def ensure_index(
        self,
        patient_id: int | None,
        embed_model_id: str,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Build the in-memory vector collection of one patient, or of the whole vault (None),
        unless it is built already."""
        session = self._session()
        key = ALL_PATIENTS if patient_id is None else patient_id
        if session.index.is_built(key, embed_model_id):
            return

        def snapshot() -> list[IndexedVector]:
            # Read under the lock; the build itself runs without it, and changes committed
            # meanwhile reach the collection through the index's queue.
            with self._hold(session) as s:
                return list(documents.vectors_for(s.conn, patient_id, embed_model_id))

        session.index.build(key, embed_model_id, snapshot, progress)

    def build_index(
        self,
        embed_model_id: str | None = None,
        progress: ProgressCallback | None = None,
        *,
        background: bool = True,
    ) -> threading.Thread | None:
        """Build the whole-vault collection (for unscoped searches), in a background thread by
        default. ``progress(done, total)`` counts vectors. Returns the thread when backgrounded."""

        def run() -> None:
            models = [embed_model_id] if embed_model_id else self.embed_model_ids()
            with self._read() as s:
                counts = dict(
                    s.conn.execute(
                        "SELECT model_id, count(*) FROM embeddings GROUP BY model_id"
                    ).fetchall()
                )
            total = sum(int(counts.get(model, 0)) for model in models)
            done = 0

            def step(n: int) -> None:
                nonlocal done
                done += n
                if progress is not None:
                    progress(done, total)

            for model in models:
                if self.is_locked:
                    return
                self.ensure_index(None, model, step)

        if not background:
            run()
            return None
        thread = threading.Thread(target=_quiet_when_locked(run), name="vault-index", daemon=True)
        thread.start()
        return thread

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
        if k <= 0:
            return []
        pool = max(4 * k, 32)
        with self._read() as s:
            collection_id = None
            if collection is not None:
                collection_id = self._collection_id(s, collection, create=False)
                if collection_id is None:
                    return []
            if document_ids is not None and not document_ids:
                return []
        vector_ranked: list[tuple[int, float]] = []
        if query_vector is not None:
            vector_ranked = self._vector_search(
                np.asarray(query_vector, dtype=np.float32).reshape(-1),
                pool,
                patient_id=patient_id,
                collection_id=collection_id,
                document_ids=document_ids,
                embed_model_id=embed_model_id,
            )
        with self._tx() as s:
            lexical = bm25_search(
                s.conn,
                query_text,
                pool,
                patient_id=patient_id,
                collection_id=collection_id,
                document_ids=document_ids,
                total_chunks=s.chunk_total(),
            )
            fused = reciprocal_rank_fusion(vector_ranked, lexical)[:k]
            hits = documents.hits_for(s.conn, fused, dict(vector_ranked), dict(lexical))
            s.audit.append(
                "search",
                {
                    "patient_id": patient_id,
                    "collection_id": collection_id,
                    "k": k,
                    "query": s.audit.text_digest(query_text),
                    "hits": [hit.chunk_id for hit in hits],
                },
            )
        return hits

    def _vector_search(
        self,
        vector: npt.NDArray[np.float32],
        pool: int,
        *,
        patient_id: int | None,
        collection_id: int | None,
        document_ids: Sequence[int] | None,
        embed_model_id: str | None,
    ) -> list[tuple[int, float]]:
        model_id = embed_model_id or self._model_for_dim(int(vector.shape[0]))
        if model_id is None:
            return []
        # A patient's own collection answers scoped queries from the first second after unlock;
        # everything else goes to the whole-vault collection (built in the background).
        self.ensure_index(patient_id, model_id)
        key = ALL_PATIENTS if patient_id is None else patient_id
        return self._session().index.query(
            key, model_id, vector, pool, document_ids=document_ids, collection_id=collection_id
        )

    def _model_for_dim(self, dim: int) -> str | None:
        for model_id in self.embed_model_ids():
            with self._read() as s:
                row = s.conn.execute(
                    "SELECT dim FROM embeddings WHERE model_id = ? LIMIT 1", (model_id,)
                ).fetchone()
            if row is not None and int(row[0]) == dim:
                return model_id
        return None

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
        target = embedder.model_id
        report = ReembedReport(model_id=target[:MAX_MODEL_ID])
        with self._read() as s:
            todo = documents.documents_not_on(s.conn, target)
        report.total = len(todo)
        for document_id in todo:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            with self._read() as s:
                chunks = documents.document_chunks(s.conn, document_id)
            vectors = _embed_passages(embedder, [chunk.text for chunk in chunks], cancel)
            if vectors is None:
                report.cancelled = True
                break
            if self._replace_vectors(document_id, [c.id for c in chunks], target, vectors):
                report.converted += 1
            else:
                report.skipped += 1
            if progress is not None:
                progress(report.converted + report.skipped, report.total)
        return report

    def _replace_vectors(
        self,
        document_id: int,
        chunk_ids: list[int],
        model_id: str,
        vectors: npt.NDArray[np.float32],
    ) -> bool:
        """One document's swap; False when it was deleted or changed while being embedded."""
        array = documents.check_vectors(chunk_ids, vectors)
        with self._read() as s:
            with db.transaction(s.conn):
                scope = documents.document_scope(s.conn, document_id)
                if scope is None or documents.chunk_ids(s.conn, document_id) != chunk_ids:
                    return False
                patient_id, collection_id = scope
                old_models = documents.vector_models(s.conn, document_id)
                indexed = documents.replace_vectors(
                    s.conn, document_id, collection_id, chunk_ids, model_id, array
                )
                s.audit.append(
                    "reembed",
                    {
                        "document_id": document_id,
                        "patient_id": patient_id,
                        "chunks": len(chunk_ids),
                        "from_models": [m[:MAX_MODEL_ID] for m in old_models if m != model_id],
                        "embed_model": model_id[:MAX_MODEL_ID],
                    },
                )
            for old in old_models:
                if old != model_id:
                    s.index.remove(patient_id, chunk_ids, model_id=old)
            s.index.add(patient_id, model_id, indexed)
        return True

    def record_model_load(self, role: str, name: str, sha256: str) -> None:
        """Audit that a model was loaded to work on this vault: its role, file name and hash."""
        if role not in MODEL_ROLES:
            raise ValueError(f"unknown model role {role!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        self._write("model_load", {"role": role, "name": name[:MAX_MODEL_ID], "sha256": sha256})

    # --- chats and generated outputs -----------------------------------------------------------

    def create_chat(self, patient_id: int | None) -> int:
        with self._tx() as s:
            if patient_id is not None:
                self._require_patient(s, patient_id)
            chat_id = conversations.insert_chat(s.conn, patient_id, _now())
            s.audit.append("chat_create", {"chat_id": chat_id, "patient_id": patient_id})
        return chat_id

    def add_chat_message(self, chat_id: int, role: str, content: str) -> int:
        if role not in CHAT_ROLES:
            raise ValueError(f"unknown chat role {role!r}")
        with self._tx() as s:
            if not conversations.chat_exists(s.conn, chat_id):
                raise NotFoundError(f"No chat with id {chat_id}.")
            message_id = conversations.insert_message(s.conn, chat_id, role, content, _now())
            s.audit.append(
                "chat_message", {"chat_id": chat_id, "message_id": message_id, "role": role}
            )
        return message_id

    def chat_messages(self, chat_id: int) -> list[StoredMessage]:
        with self._read() as s:
            return conversations.messages(s.conn, chat_id)

    def list_chats(self, patient_id: int | None = None) -> list[tuple[int, int | None, str]]:
        """``(chat_id, patient_id, created_at)`` for every chat (of one patient if given)."""
        with self._read() as s:
            return conversations.chats(s.conn, patient_id)

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
            if patient_id is not None:
                self._require_patient(s, patient_id)
            output_id = conversations.insert_output(
                s.conn,
                patient_id=patient_id,
                kind=kind,
                title=title,
                content=content,
                provenance=provenance,
                flags=flags,
                created_at=_now(),
            )
            s.audit.append(
                "output_save",
                {"output_id": output_id, "patient_id": patient_id, "kind": kind[:MAX_MODEL_ID]},
            )
        return output_id

    def get_output(self, output_id: int) -> StoredOutput:
        with self._read() as s:
            found = conversations.outputs(s.conn, output_id=output_id)
        if not found:
            raise NotFoundError(f"No saved output with id {output_id}.")
        return found[0]

    def list_outputs(self, patient_id: int | None = None) -> list[StoredOutput]:
        with self._read() as s:
            return conversations.outputs(s.conn, patient_id=patient_id)

    @staticmethod
    def _require_patient(s: _Session, patient_id: int) -> None:
        if s.conn.execute("SELECT 1 FROM patients WHERE id = ?", (patient_id,)).fetchone() is None:
            raise NotFoundError(f"No patient with id {patient_id}.")


@contextmanager
def _corruption_as_error() -> Iterator[None]:
    try:
        yield
    except db.DatabaseError as err:
        if db.is_corruption(err):
            raise VaultCorruptedError("The vault database is damaged or was altered.") from err
        raise


def _embed_passages(
    embedder: Embedder, texts: list[str], cancel: threading.Event | None
) -> npt.NDArray[np.float32] | None:
    """The passages' vectors, or None when cancelled part-way."""
    parts = [np.zeros((0, embedder.dim), dtype=np.float32)]
    for start in range(0, len(texts), EMBED_BATCH):
        if cancel is not None and cancel.is_set():
            return None
        parts.append(np.asarray(embedder.embed(texts[start : start + EMBED_BATCH])))
    vectors = np.concatenate(parts, axis=0).astype(np.float32, copy=False)
    if vectors.shape != (len(texts), embedder.dim):
        raise ValueError(f"the embedder returned {vectors.shape} vectors for {len(texts)} texts")
    return vectors


def _quiet_when_locked(run: Callable[[], None]) -> Callable[[], None]:
    """A background build that meets a lock just stops."""

    def wrapper() -> None:
        try:
            run()
        except VaultLockedError:
            return

    return wrapper
