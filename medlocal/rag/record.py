"""A patient's record as the summariser reads it: every passage of the chosen documents, in
document order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from medlocal.delimited_tables import TABLE_FILE_TYPES, heading_for, opening_of
from medlocal.errors import UserInputError
from medlocal.vault.records import PageSpan, SearchHit, last_page_of, scanned_pages_of
from medlocal.vault.rows import Chunk, DocumentInfo


class DocumentSource(Protocol):
    def list_documents(self, patient_id: int | None = None) -> list[DocumentInfo]: ...

    def document_chunks(self, document_id: int) -> list[Chunk]: ...

    def document_pages(self, document_id: int) -> tuple[PageSpan, ...] | None: ...


def record_passages(
    source: DocumentSource, patient_id: int, document_ids: Sequence[int] | None = None
) -> list[SearchHit]:
    """Passages of the patient's documents (all, or those listed, in the order given)."""
    documents = {d.id: d for d in source.list_documents(patient_id)}
    if document_ids:
        unknown = [d for d in document_ids if d not in documents]
        if unknown:
            owned = ", ".join(map(str, sorted(documents))) or "none"
            raise UserInputError(
                f"patient {patient_id} has no document {', '.join(map(str, unknown))} (its "
                f"documents: {owned}; 'medlocal patient show {patient_id}' lists them)"
            )
        chosen = [documents[d] for d in dict.fromkeys(document_ids)]
    else:
        chosen = sorted(documents.values(), key=lambda d: d.id)
    if not chosen:
        raise UserInputError(f"patient {patient_id} has no documents to summarise")
    hits: list[SearchHit] = []
    for doc in chosen:
        pages = source.document_pages(doc.id) or ()
        chunks = sorted(source.document_chunks(doc.id), key=lambda c: c.ord)
        # A table's header row, for its later passages (read as the vault's search reads it).
        tabular = doc.file_type in TABLE_FILE_TYPES
        opening = opening_of((c.start, c.text) for c in chunks) if tabular else ""
        for chunk in chunks:
            last_page = last_page_of(pages, chunk.end)
            hits.append(
                SearchHit(
                    chunk_id=chunk.id,
                    document_id=doc.id,
                    patient_id=patient_id,
                    file_name=doc.file_name,
                    page=chunk.page,
                    start=chunk.start,
                    end=chunk.end,
                    section=chunk.section,
                    text=chunk.text,
                    score=0.0,
                    vector_score=None,
                    bm25_score=None,
                    last_page=last_page,
                    # Its import's note (it names another patient): a summary resting on it
                    # says so, as an answer does (walk 40b).
                    file_notes=doc.notes,
                    scanned_pages=scanned_pages_of(chunk.regions),
                    from_picture=doc.pictures.read_within(chunk.start, chunk.end),
                    unread_picture_pages=doc.pictures.unread_on(chunk.page, last_page),
                    table_heading=heading_for(opening, chunk.start) if opening else None,
                )
            )
    return hits
