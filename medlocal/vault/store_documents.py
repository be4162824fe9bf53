"""Patients, collections and their documents and passages, and finding them again.

:class:`DocumentsMixin` is the part of the :class:`~medlocal.vault.store.Vault` facade that stores
what a patient's records hold and searches it: the rows live in ``patients`` and ``documents``;
changes the in-memory vector index must follow go through ``indexed_writes``; the index and
hybrid search are in ``search`` and switching the embedding model in ``reembed``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from medlocal.errors import UserInputError
from medlocal.vault import documents, extractor_marks, indexed_writes, patients, reembed, search
from medlocal.vault.errors import NotFoundError
from medlocal.vault.records import ChunkRecord, PageSpan, PictureMarks, SearchHit
from medlocal.vault.reembed import Embedder, ReembedReport
from medlocal.vault.rows import Chunk, Collection, DocumentInfo, Patient
from medlocal.vault.search import ProgressCallback
from medlocal.vault.store_core import VaultCore, now


class DocumentsMixin(VaultCore):
    """Patients, collections, documents, passages, the vector index and search."""

    # --- patients and collections ---------------------------------------------------------------

    def add_patient(self, name: str, mrn: str | None = None, dob: str | None = None) -> int:
        if not name.strip():
            raise UserInputError("A patient needs a name.")
        with self._tx() as s:
            patient_id = patients.insert_patient(s.conn, name.strip(), mrn, dob, now())
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
            return patients.collection_id(s.conn, name, created_at=now()) or 0

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
        notes: Sequence[str] = (),
        attached_to: int | None = None,
        stored: bytes | None = None,
        pictures: PictureMarks | None = None,
        extractor_version: int | None = None,
    ) -> int:
        """Store a document, its bytes, chunks, vectors and FTS rows, and the import event, in
        one transaction; nothing is visible until it commits. ``text`` (the extracted text the
        chunk offsets refer to) is optional; without it :meth:`document_text` rebuilds it.
        ``pages`` says where each page lies in that text (PDFs: to place a passage on its page).
        ``notes`` are what the import noted about where the file belongs (it names another
        patient of the vault): kept with it, shown wherever the document is. ``attached_to``:
        the document (an e-mail) this one came from as an attachment. ``stored``: the bytes to
        keep when not ``data`` itself (an e-mail without the attachments stored as documents of
        their own); the size and sha256 recorded, and the duplicate check, are ``data``'s.
        ``pictures``: where its text was read from pictures and which pages show one not read,
        for its passages' citations. ``extractor_version``: the version of the extractor that
        read its text (``ingest.extractor_versions``), so that a later fix can reach it."""
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
            now=now(),
            pages=pages,
            notes=notes,
            attached_to=attached_to,
            stored=stored,
            pictures=pictures,
            extractor_version=extractor_version,
        )

    def replace_stored_copy(self, document_id: int, stored: bytes) -> None:
        """Store ``stored`` as a document's bytes (an e-mail with its attachments that did not
        become documents of their own put back inside it), audited; text, passages, size and
        sha256 stay as imported. Nothing when it was deleted meanwhile, or holds these bytes
        already."""
        with self._tx() as s:
            if documents.set_content(s.conn, document_id, stored):
                s.audit.append("stored_copy", {"document_id": document_id, "bytes": len(stored)})

    def attachments_of(self, document_id: int) -> list[DocumentInfo]:
        """The documents imported from this document's attachments (an e-mail's), theirs
        included; empty for a file imported on its own."""
        with self._read() as s:
            return documents.attachments_of(s.conn, document_id)

    def add_to_collection(self, document_id: int, collection: str) -> str | None:
        """Put a document already imported, in no collection yet, into ``collection`` (created
        if new). Returns the collection it was in before: None when it is now in
        ``collection``, else the name of the one it stays in (a document is in at most one)."""
        return indexed_writes.add_to_collection(self._session, document_id, collection, now=now())

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

    def document_openings(self, patient_id: int, chars: int) -> dict[int, str]:
        """Document id -> the first ``chars`` characters of its text (one query for a list)."""
        with self._read() as s:
            return documents.document_openings(s.conn, patient_id, chars)

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

    def record_seeds(self, document_id: int, key: str) -> str | None:
        """The stored record seeds of a document (privacy.deid_record, as JSON) when they were
        stored under ``key``; None when none were or they were read from something else."""
        with self._read() as s:
            row = s.conn.execute(
                "SELECT seeds FROM record_seeds WHERE document_id = ? AND key = ?",
                (document_id, key),
            ).fetchone()
        return None if row is None else str(row[0])

    def set_record_seeds(self, document_id: int, key: str, seeds: str) -> None:
        """Keep a document's record seeds (replacing any stored under another key); nothing
        when the document was deleted meanwhile."""
        with self._tx() as s:
            s.conn.execute(
                "INSERT OR REPLACE INTO record_seeds (document_id, key, seeds) "
                "SELECT id, ?, ? FROM documents WHERE id = ?",
                (key, seeds, document_id),
            )

    def documents_without_pages(self) -> list[int]:
        with self._read() as s:
            return documents.documents_without_pages(s.conn)

    def documents_without_headers(self) -> list[int]:
        """Documents chunked before passages had indexing headers (see ``replace_passages``)."""
        with self._read() as s:
            return documents.documents_without_headers(s.conn)

    def documents_read_before(self, current: Mapping[str, int]) -> list[int]:
        """Documents read by an older extractor than ``current`` (file type -> version) names."""
        with self._read() as s:
            return extractor_marks.documents_read_before(s.conn, current)

    def extractor_version(self, document_id: int) -> int | None:
        """The extractor version recorded for a document (None: read before they were kept)."""
        with self._read() as s:
            return extractor_marks.extractor_version(s.conn, document_id)

    def set_extractor_version(self, document_id: int, version: int) -> None:
        """Record that a document's text is ``version``'s (read again and found unchanged, or
        kept as it is); nothing when it was deleted meanwhile."""
        with self._tx() as s:
            extractor_marks.set_extractor_version(s.conn, document_id, version)

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
        extractor_version: int | None = None,
    ) -> bool:
        """Swap one document's passages, vectors, extracted text, page spans and extractor
        version in one transaction, with a ``rechunk`` audit event; False (nothing changed)
        when the document was deleted or its passages changed since ``expected_chunk_ids``
        were read."""
        return indexed_writes.replace_passages(
            self._session,
            document_id,
            expected_chunk_ids,
            text=text,
            chunks=chunks,
            vectors=vectors,
            embed_model_id=embed_model_id,
            pages=pages,
            extractor_version=extractor_version,
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
        *,
        total: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        """Build the in-memory vector collection of one patient, or of the whole vault (None),
        unless it is built already: ``total(n)`` hears its size, ``progress(k)`` each batch.
        A lock or ``cancel`` stops it between batches, leaving nothing built."""
        search.ensure_index(
            self._session(), patient_id, embed_model_id, progress, total=total, cancel=cancel
        )

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
