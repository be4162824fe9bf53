"""Re-chunk documents already in the vault, from their stored original bytes (no re-import).

Vaults written before passages had indexing headers (schema step 2) keep their old passages:
searchable, but without section-aware chunking, headers or the newer extractors' text (FHIR
references resolved, readable dates). This job brings them up to date one document at a time:
extract from the encrypted original, chunk, embed, then swap the passages, vectors and text in
one transaction (``Vault.replace_passages``), so a search running meanwhile sees a document
either wholly old or wholly new. It is meant for a worker thread after unlock; ``cancel`` is
honoured between documents and between embedding batches, and a lock stops it the same way.

The same job records the page spans of PDFs imported before they were kept (schema step 4): the
stored original is extracted again and, when its text is the text already stored (so every
passage offset still holds), only the spans are written; nothing is re-embedded.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medlocal.engine.api import Embedder
from medlocal.errors import GenerationCancelled
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.errors import IngestError
from medlocal.ingest.formats import format_of_document
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.vault.errors import NotFoundError, VaultLockedError
from medlocal.vault.records import ChunkRecord, PageSpan
from medlocal.vault.rows import Chunk, DocumentInfo

EMBED_BATCH = 32  # passages per embedder call: the granularity of cancel


class PassageStore(Protocol):
    """What re-chunking needs from the vault (``medlocal.vault.store.Vault`` fits)."""

    def documents_without_headers(self) -> list[int]: ...

    def documents_without_pages(self) -> list[int]: ...

    def document_text(self, document_id: int) -> str: ...

    def set_document_pages(self, document_id: int, pages: Sequence[PageSpan]) -> None: ...

    def get_document(self, document_id: int) -> DocumentInfo: ...

    def document_bytes(self, document_id: int) -> bytes: ...

    def document_chunks(self, document_id: int) -> list[Chunk]: ...

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
    ) -> bool: ...


@dataclass
class RechunkReport:
    total: int = 0
    rechunked: int = 0
    skipped: int = 0  # deleted or changed while being re-chunked: left as they are
    failed: int = 0  # the current extractor refuses the stored file: old passages kept
    paged: int = 0  # only page spans recorded (text unchanged): nothing re-embedded
    cancelled: bool = False


def pending_documents(store: PassageStore) -> list[int]:
    """Documents the job would update: passages without headers, or PDFs without page spans."""
    return sorted(set(store.documents_without_headers()) | set(store.documents_without_pages()))


def rechunk_documents(
    store: PassageStore,
    embedder: Embedder,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    chunking: ChunkingParams | None = None,
) -> RechunkReport:
    """Re-chunk every document whose passages lack indexing headers, and record the page spans
    of PDFs without them; ``progress`` counts documents (detail: the file name) and, inside a
    large one, passages embedded."""
    result = RechunkReport()
    try:
        headerless = set(store.documents_without_headers())
        todo = sorted(headerless | set(store.documents_without_pages()))
        result.total = len(todo)
        for done, document_id in enumerate(todo):
            check_cancel(cancel, "re-chunking")
            if document_id in headerless:
                outcome = _rechunk_one(store, embedder, document_id, chunking, progress, cancel)
            else:
                outcome = _record_pages(store, document_id)
            setattr(result, outcome, getattr(result, outcome) + 1)
            report(progress, Progress("re-chunking", done + 1, len(todo), unit="documents"))
    except (GenerationCancelled, VaultLockedError):
        result.cancelled = True
    return result


def _record_pages(store: PassageStore, document_id: int) -> str:
    """Page spans for a document whose passages are current: from the stored original when it
    still extracts to the stored text; otherwise () ("unknown", so the job does not retry it
    at every unlock; the sources panel then places a passage by its own page number)."""
    try:
        info = store.get_document(document_id)
        data = store.document_bytes(document_id)
        stored = store.document_text(document_id)
    except NotFoundError:
        return "skipped"
    try:
        document = format_of_document(info.file_name, info.file_type).extract(data, info.file_name)
    except IngestError:  # e.g. a scan read by OCR at import: not re-read here (slow)
        document = None
    if document is not None and document.text == stored:
        store.set_document_pages(document_id, document.pages)
        return "paged"
    store.set_document_pages(document_id, ())
    return "failed"


def _rechunk_one(
    store: PassageStore,
    embedder: Embedder,
    document_id: int,
    chunking: ChunkingParams | None,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> str:
    try:
        info = store.get_document(document_id)
        old_ids = [chunk.id for chunk in store.document_chunks(document_id)]
        data = store.document_bytes(document_id)
    except NotFoundError:
        return "skipped"
    try:
        document = format_of_document(info.file_name, info.file_type).extract(data, info.file_name)
    except IngestError:
        return "failed"
    chunks = chunk_document(document, embedder, chunking, file_name=info.file_name, cancel=cancel)
    if not chunks:
        return "failed"
    texts = [chunk.indexed_text for chunk in chunks]
    parts = []
    for offset in range(0, len(texts), EMBED_BATCH):
        check_cancel(cancel, "re-chunking")
        parts.append(np.asarray(embedder.embed(texts[offset : offset + EMBED_BATCH])))
        embedded = min(offset + EMBED_BATCH, len(texts))
        report(
            progress,
            Progress("embedding", embedded, len(texts), detail=info.file_name, unit="passages"),
        )
    vectors = np.concatenate(parts, axis=0).astype(np.float32)
    swapped = store.replace_passages(
        document_id,
        old_ids,
        text=document.text,
        chunks=chunks,
        vectors=vectors,
        embed_model_id=embedder.model_id,
        pages=document.pages,
    )
    return "rechunked" if swapped else "skipped"
