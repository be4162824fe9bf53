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

And it brings an extractor's fixes to the documents it read before (schema step 10): a document
whose recorded extractor version (ingest/extractor_versions.py) is older than its format's is
read again from its stored original. When the text comes out the same only the version is
recorded; when it differs, the new passages, vectors, text and version are swapped in together,
so a job killed midway leaves each document wholly old (read again at the next run) or wholly
new. A document whose stored original is absent, or whose text was read by OCR (not run here),
keeps its text and is named in the report.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medlocal.engine.api import Embedder
from medlocal.errors import GenerationCancelled
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.errors import IngestError
from medlocal.ingest.extractor_versions import EXTRACTOR_VERSIONS, extractor_version
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

    def documents_read_before(self, current: Mapping[str, int]) -> list[int]: ...

    def set_extractor_version(self, document_id: int, version: int) -> None: ...

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
        extractor_version: int | None = None,
    ) -> bool: ...


@dataclass
class RechunkReport:
    total: int = 0
    rechunked: int = 0
    skipped: int = 0  # deleted or changed while being re-chunked: left as they are
    failed: int = 0  # the current extractor refuses the stored file: old passages kept
    paged: int = 0  # only page spans recorded (text unchanged): nothing re-embedded
    current: int = 0  # read again by a newer extractor, same text: only its version recorded
    # Left with the text they have, each as (file name, why): the stored original is absent,
    # the text was read by OCR, or the current extractor refuses the original. Read again only
    # after the next extractor change.
    kept: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


# Why a document read by an older extractor keeps its text (RechunkReport.kept).
NO_ORIGINAL = "its stored original is missing or is not the file imported: import the file again"
READ_BY_OCR = "its text was read by OCR, which the update does not run: import it again to redo"
UNREADABLE = "this MedLocal's extractor cannot read its stored original"


def pending_documents(store: PassageStore) -> list[int]:
    """Documents the job would update: passages without headers, PDFs without page spans, or
    text read by an older extractor than its format's."""
    return sorted(
        set(store.documents_without_headers())
        | set(store.documents_without_pages())
        | set(store.documents_read_before(EXTRACTOR_VERSIONS))
    )


def rechunk_documents(
    store: PassageStore,
    embedder: Embedder,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    chunking: ChunkingParams | None = None,
) -> RechunkReport:
    """Re-chunk every document whose passages lack indexing headers, read again those an older
    extractor read, and record the page spans of PDFs without them; ``progress`` counts
    documents (detail: the file name) and, inside a large one, passages embedded."""
    result = RechunkReport()
    try:
        headerless = set(store.documents_without_headers())
        outdated = set(store.documents_read_before(EXTRACTOR_VERSIONS))
        todo = sorted(headerless | outdated | set(store.documents_without_pages()))
        result.total = len(todo)
        for done, document_id in enumerate(todo):
            check_cancel(cancel, "re-chunking")
            if document_id in headerless or document_id in outdated:
                job = _Rechunk(store, embedder, chunking, progress, cancel)
                outcome = job.run(document_id, whenever=document_id in headerless, kept=result.kept)
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


@dataclass
class _Rechunk:
    """Read one document again from its stored original and swap in what comes out."""

    store: PassageStore
    embedder: Embedder
    chunking: ChunkingParams | None
    progress: ProgressCallback | None
    cancel: threading.Event | None

    def run(self, document_id: int, *, whenever: bool, kept: list[tuple[str, str]]) -> str:
        """The outcome's RechunkReport field. ``whenever``: re-chunk even when the text comes
        out the same (passages without headers); otherwise an unchanged text records only the
        extractor version. A document that keeps its text is added to ``kept`` with why."""
        store = self.store
        try:
            info = store.get_document(document_id)
            chunks = store.document_chunks(document_id)
            data = store.document_bytes(document_id)
            stored = None if whenever else store.document_text(document_id)
        except NotFoundError:
            return "skipped"
        version = extractor_version(info.file_type)
        why = _kept_because(info, data, chunks)
        if why is not None and not whenever:
            kept.append((info.file_name, why))
            store.set_extractor_version(document_id, version)
            return "failed"
        try:
            document = format_of_document(info.file_name, info.file_type).extract(
                data, info.file_name
            )
        except IngestError as err:
            # The current extractor refuses the stored file (a letter whose only text was in a
            # hidden section): the old passages stay, named with why, and the version is
            # recorded so that the job does not fail on it at every unlock.
            kept.append((info.file_name, f"{UNREADABLE} ({err.reason})"))
            store.set_extractor_version(document_id, version)
            return "failed"
        if stored is not None and document.text == stored:
            store.set_extractor_version(document_id, version)
            return "current"
        return self._swap(document_id, info, [c.id for c in chunks], document, version)

    def _swap(
        self,
        document_id: int,
        info: DocumentInfo,
        old_ids: list[int],
        document: ExtractedDocument,
        version: int,
    ) -> str:
        embedder, cancel = self.embedder, self.cancel
        chunks = chunk_document(
            document, embedder, self.chunking, file_name=info.file_name, cancel=cancel
        )
        if not chunks:
            self.store.set_extractor_version(document_id, version)
            return "failed"
        texts = [chunk.indexed_text for chunk in chunks]
        parts = []
        for offset in range(0, len(texts), EMBED_BATCH):
            check_cancel(cancel, "re-chunking")
            parts.append(np.asarray(embedder.embed(texts[offset : offset + EMBED_BATCH])))
            embedded = min(offset + EMBED_BATCH, len(texts))
            report(
                self.progress,
                Progress("embedding", embedded, len(texts), detail=info.file_name, unit="passages"),
            )
        vectors = np.concatenate(parts, axis=0).astype(np.float32)
        swapped = self.store.replace_passages(
            document_id,
            old_ids,
            text=document.text,
            chunks=chunks,
            vectors=vectors,
            embed_model_id=embedder.model_id,
            pages=document.pages,
            extractor_version=version,
        )
        return "rechunked" if swapped else "skipped"


def _kept_because(info: DocumentInfo, data: bytes, chunks: Sequence[Chunk]) -> str | None:
    """Why a document must keep the text it has rather than be read again from ``data``: its
    stored original is absent or another file than the one imported (an e-mail stored without
    the attachments that became documents), or its text was read by OCR; None when it may be."""
    if not data or hashlib.sha256(data).hexdigest() != info.sha256.lower():
        return NO_ORIGINAL
    if info.pictures.read or any(chunk.regions for chunk in chunks):
        return READ_BY_OCR
    return None
