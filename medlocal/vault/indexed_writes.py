"""Changes that add or remove passages, kept in step with the in-memory vector index.

Each commits in one transaction with its audit event; the index hears of it after the commit but
before the session lock is released, so index changes arrive in commit order (see
``VectorIndex.build``). Removals then purge the deleted text from the FTS index and the WAL
(Session.purge), a purge owed until it commits.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from medlocal.vault import conversations, db, documents, patients
from medlocal.vault.audit import MAX_DETAIL_STRING
from medlocal.vault.errors import DuplicateDocumentError, NotFoundError
from medlocal.vault.extractor_marks import set_extractor_version
from medlocal.vault.records import ChunkRecord, PageSpan, PictureMarks
from medlocal.vault.session import SessionSource, reading


def add_document(
    fetch: SessionSource,
    *,
    patient_id: int,
    file_name: str,
    file_type: str,
    data: bytes,
    chunks: Sequence[ChunkRecord],
    vectors: npt.NDArray[np.float32],
    embed_model_id: str,
    collection: str | None,
    text: str | None,
    now: str,
    pages: Sequence[PageSpan] = (),
    notes: Sequence[str] = (),
    attached_to: int | None = None,
    stored: bytes | None = None,
    pictures: PictureMarks | None = None,
    extractor_version: int | None = None,
) -> int:
    """Store one document with its bytes (``stored`` where given, else ``data``), chunks,
    vectors, FTS rows, import notes and the version of the extractor that read it; returns its
    id."""
    array = documents.check_vectors(chunks, vectors)
    digest = documents.sha256_hex(data)
    with reading(fetch) as s:
        with db.transaction(s.conn):
            patients.require_patient(s.conn, patient_id)
            existing = documents.find_duplicate(s.conn, patient_id, digest)
            if existing is not None:
                raise DuplicateDocumentError(existing)
            collection_id = (
                None
                if collection is None
                else patients.collection_id(s.conn, collection, created_at=now)
            )
            document_id, indexed = documents.insert_document(
                s.conn,
                patient_id=patient_id,
                collection_id=collection_id,
                file_name=file_name,
                file_type=file_type,
                data=data,
                sha256=digest,
                imported_at=now,
                embed_model_id=embed_model_id,
                text=text,
                chunks=chunks,
                vectors=array,
                pages=pages,
                notes=notes,
                pictures=pictures,
                attached_to=attached_to,
                stored=stored,
            )
            if extractor_version is not None:
                set_extractor_version(s.conn, document_id, extractor_version)
            s.audit.append(
                "import",
                {
                    "document_id": document_id,
                    "patient_id": patient_id,
                    "sha256": digest,
                    "chunks": len(chunks),
                    "embed_model": embed_model_id[:MAX_DETAIL_STRING],
                },
            )
            s.chunks_changed()
        s.index.add(patient_id, embed_model_id, indexed)
        s.settle()
    return document_id


def add_to_collection(
    fetch: SessionSource, document_id: int, collection: str, *, now: str
) -> str | None:
    """Put a document that is in no collection into ``collection`` (created if new): its row,
    its FTS scope and its vectors' metadata, in one audited transaction. Returns the collection
    it was in before: None when it is now in ``collection``; a name (``collection`` itself or
    another) when it was left as it was, since a document belongs to at most one collection."""
    with reading(fetch) as s:
        with db.transaction(s.conn):
            info = documents.get_document(s.conn, document_id)
            if info is None:
                raise NotFoundError(f"No document with id {document_id}.")
            if info.collection is not None:
                return info.collection
            collection_id = patients.collection_id(s.conn, collection, created_at=now)
            assert collection_id is not None
            documents.set_collection(s.conn, document_id, collection_id)
            models = documents.vector_models(s.conn, document_id)
            moved = [(m, documents.document_vectors(s.conn, document_id, m)) for m in models]
            s.audit.append(
                "collection_add",
                {
                    "document_id": document_id,
                    "patient_id": info.patient_id,
                    "collection_id": collection_id,
                },
            )
        for model_id, items in moved:  # an upsert: the same vectors, the new collection
            s.index.add(info.patient_id, model_id, items)
    return None


def replace_passages(
    fetch: SessionSource,
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
    """Swap a document's passages, vectors and extracted text (and the version of the
    extractor that read it, where given) for new ones in one transaction (re-chunking without
    re-import). False, changing nothing, when the document was deleted or its passages changed
    since ``expected_chunk_ids`` were read."""
    array = documents.check_vectors(chunks, vectors)
    with reading(fetch) as s:
        with db.transaction(s.conn):
            scope = documents.document_scope(s.conn, document_id)
            old_ids = documents.chunk_ids(s.conn, document_id)
            if scope is None or old_ids != list(expected_chunk_ids):
                return False
            patient_id, collection_id = scope
            documents.delete_chunks(s.conn, document_id)
            indexed = documents.insert_chunks(
                s.conn, document_id, collection_id, chunks, array, embed_model_id
            )
            s.conn.execute(
                "UPDATE documents SET text = ?, embed_model_id = ?, pages = ? WHERE id = ?",
                (text, embed_model_id, documents.pages_json(pages), document_id),
            )
            if extractor_version is not None:
                set_extractor_version(s.conn, document_id, extractor_version)
            s.audit.append(
                "rechunk",
                {
                    "document_id": document_id,
                    "patient_id": patient_id,
                    "chunks": len(chunks),
                    "embed_model": embed_model_id[:MAX_DETAIL_STRING],
                },
            )
            s.mark_purge()
            s.chunks_changed()
        s.index.remove(patient_id, old_ids)
        s.index.add(patient_id, embed_model_id, indexed)
        s.purge()
    return True


def delete_documents(
    fetch: SessionSource, document_ids: Sequence[int], output_ids: Sequence[int] = ()
) -> None:
    """Remove documents (bytes, chunks, vectors, FTS rows), each deletion audited, and the saved
    outputs ``output_ids`` with them: all in one transaction (NotFoundError, removing nothing,
    when one is gone), then one purge of the deleted text for the whole batch. The session
    stays held from the first deletion to the purge, which is recorded as owed in the deletion's
    own transaction: a purge that another process or a lock keeps from running is done at the next
    write, the lock or the next unlock (Session.purge), and the deletion is not reported failed."""
    with reading(fetch) as s:
        removed: list[tuple[int, list[int]]] = []
        with db.transaction(s.conn):
            conversations.delete_outputs(s.conn, s.audit, output_ids)
            for document_id in dict.fromkeys(document_ids):
                info = documents.get_document(s.conn, document_id)
                if info is None:
                    raise NotFoundError(f"No document with id {document_id}.")
                removed.append((info.patient_id, documents.chunk_ids(s.conn, info.id)))
                documents.delete_document(s.conn, info.id)
                s.audit.append(
                    "delete",
                    {
                        "document_id": info.id,
                        "patient_id": info.patient_id,
                        "sha256": info.sha256,
                    },
                )
            s.mark_purge()
            s.chunks_changed()
        for patient_id, ids in removed:
            s.index.remove(patient_id, ids)
        s.purge()


def remove_patient(fetch: SessionSource, patient_id: int) -> None:
    """Remove a patient row with every document of theirs (chats and outputs go by cascade)."""
    with reading(fetch) as s:
        with db.transaction(s.conn):
            chunk_ids = documents.patient_chunk_ids(s.conn, patient_id)
            for document in documents.list_documents(s.conn, patient_id):
                documents.delete_document(s.conn, document.id)
            s.conn.execute("DELETE FROM patients WHERE id = ?", (patient_id,))
            s.audit.append("patient_remove", {"patient_id": patient_id})
            s.mark_purge()
            s.chunks_changed()
        s.index.drop_patient(patient_id, chunk_ids)
        s.purge()
