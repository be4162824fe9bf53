"""SQL for documents, chunks and their vectors (called by the Vault inside its transactions)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence, Sized
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.delimited_tables import HEADER_WINDOW, TABLE_FILE_TYPES, heading_for
from medlocal.document_dates import DATE_WINDOW, own_date_shown
from medlocal.vault.db import Connection
from medlocal.vault.ids import next_id
from medlocal.vault.index import IndexedVector
from medlocal.vault.records import (
    ChunkRecord,
    PageSpan,
    PictureMarks,
    Region,
    SearchHit,
    last_page_of,
    scanned_pages_of,
)
from medlocal.vault.rows import Chunk, DocumentInfo

VECTOR_DTYPE = np.dtype("<f4")  # little-endian float32 on every platform


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_vectors(chunks: Sized, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    array = np.asarray(vectors)
    if array.ndim != 2 or array.shape[0] != len(chunks):
        raise ValueError("vectors must have shape (number of chunks, dim)")
    if len(chunks) and array.shape[1] == 0:
        raise ValueError("vectors must not be empty")
    if not np.all(np.isfinite(array)):
        raise ValueError("vectors contain NaN or infinity")
    return np.ascontiguousarray(array, dtype=VECTOR_DTYPE)


def find_duplicate(conn: Connection, patient_id: int, sha256: str) -> int | None:
    row = conn.execute(
        "SELECT id FROM documents WHERE patient_id = ? AND sha256 = ?", (patient_id, sha256)
    ).fetchone()
    return None if row is None else int(row[0])


def insert_document(
    conn: Connection,
    *,
    patient_id: int,
    collection_id: int | None,
    file_name: str,
    file_type: str,
    data: bytes,
    sha256: str,
    imported_at: str,
    embed_model_id: str,
    text: str | None,
    chunks: Sequence[ChunkRecord],
    vectors: npt.NDArray[np.float32],
    pages: Sequence[PageSpan] = (),
    notes: Sequence[str] = (),
    attached_to: int | None = None,
    stored: bytes | None = None,
    pictures: PictureMarks | None = None,
) -> tuple[int, list[IndexedVector]]:
    document_id = next_id(conn, "documents")
    conn.execute(
        "INSERT INTO documents (id, patient_id, collection_id, file_name, file_type, size, "
        "sha256, imported_at, embed_model_id, text, content, pages, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            patient_id,
            collection_id,
            file_name,
            file_type,
            len(data),
            sha256,
            imported_at,
            embed_model_id,
            text,
            data if stored is None else stored,
            pages_json(pages),
            notes_json(notes),
        ),
    )
    marks = pictures_json(pictures)
    if marks is not None:
        conn.execute(
            "INSERT INTO document_pictures (document_id, marks) VALUES (?, ?)",
            (document_id, marks),
        )
    if attached_to is not None:
        conn.execute(
            "INSERT INTO document_carriers (document_id, carrier_id) VALUES (?, ?)",
            (document_id, attached_to),
        )
    indexed = insert_chunks(conn, document_id, collection_id, chunks, vectors, embed_model_id)
    return document_id, indexed


def set_content(conn: Connection, document_id: int, content: bytes) -> bool:
    """Replace a document's stored bytes (see ``Vault.replace_stored_copy``); False when it
    was deleted meanwhile, or holds these bytes already (an e-mail imported again)."""
    query = "UPDATE documents SET content = ? WHERE id = ? AND content IS NOT ?"
    return int(conn.execute(query, (content, document_id, content)).rowcount) > 0


def insert_chunks(
    conn: Connection,
    document_id: int,
    collection_id: int | None,
    chunks: Sequence[ChunkRecord],
    vectors: npt.NDArray[np.float32],
    embed_model_id: str,
) -> list[IndexedVector]:
    """A document's passages and their vectors (the FTS rows follow by trigger)."""
    dim = int(vectors.shape[1]) if vectors.ndim == 2 else 0
    indexed: list[IndexedVector] = []
    for ordinal, (chunk, vector) in enumerate(zip(chunks, vectors, strict=True)):
        chunk_id = int(
            conn.execute(
                "INSERT INTO chunks (document_id, ord, text, page, start_char, end_char, section, "
                "context, regions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id,
                    ordinal,
                    chunk.text,
                    chunk.page,
                    chunk.start,
                    chunk.end,
                    chunk.section,
                    chunk.context,
                    regions_json(chunk.regions),
                ),
            ).lastrowid
        )
        conn.execute(
            "INSERT INTO embeddings (chunk_id, model_id, dim, vector) VALUES (?, ?, ?, ?)",
            (chunk_id, embed_model_id, dim, vector.tobytes()),
        )
        indexed.append(IndexedVector(chunk_id, document_id, collection_id, vector))
    return indexed


# A document's picture marks (schema 9), NULL without any.
_PICTURES_SQL = "(SELECT marks FROM document_pictures WHERE document_id = d.id)"
_DOCUMENT_COLUMNS = (
    "d.id, d.patient_id, c.name, d.file_name, d.file_type, d.size, d.sha256, d.imported_at, "
    "d.embed_model_id, (SELECT count(*) FROM chunks WHERE document_id = d.id), d.notes, "
    f"{_PICTURES_SQL}"
)


def _document(row: Any) -> DocumentInfo:
    return DocumentInfo(
        id=int(row[0]),
        patient_id=int(row[1]),
        collection=None if row[2] is None else str(row[2]),
        file_name=str(row[3]),
        file_type=str(row[4]),
        size=int(row[5]),
        sha256=str(row[6]),
        imported_at=str(row[7]),
        embed_model_id=str(row[8]),
        chunk_count=int(row[9]),
        notes=notes_from_json(row[10]),
        pictures=pictures_from_json(row[11]),
    )


def get_document(conn: Connection, document_id: int) -> DocumentInfo | None:
    row = conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d "
        "LEFT JOIN collections c ON c.id = d.collection_id WHERE d.id = ?",
        (document_id,),
    ).fetchone()
    return None if row is None else _document(row)


def attachments_of(conn: Connection, document_id: int) -> list[DocumentInfo]:
    """The documents imported from ``document_id``'s attachments (an e-mail's), and from
    theirs (an e-mail attached to it), in import order."""
    rows = conn.execute(
        "WITH RECURSIVE carried(id) AS ("
        " SELECT document_id FROM document_carriers WHERE carrier_id = ?"
        " UNION SELECT l.document_id FROM document_carriers l"
        " JOIN carried ON l.carrier_id = carried.id) "
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d "
        "LEFT JOIN collections c ON c.id = d.collection_id "
        "WHERE d.id IN (SELECT id FROM carried) ORDER BY d.id",
        (document_id,),
    ).fetchall()
    return [_document(row) for row in rows]


def list_documents(conn: Connection, patient_id: int | None) -> list[DocumentInfo]:
    sql = (
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d "
        "LEFT JOIN collections c ON c.id = d.collection_id"
    )
    params: tuple[object, ...] = ()
    if patient_id is not None:
        sql += " WHERE d.patient_id = ?"
        params = (patient_id,)
    return [_document(row) for row in conn.execute(sql + " ORDER BY d.id", params).fetchall()]


# The table file types as an SQL list ("'csv', 'xlsx'"): constants, never user input.
_TABLE_TYPES_SQL = ", ".join(f"'{file_type}'" for file_type in TABLE_FILE_TYPES)
# A document's opening: the first N characters of its text (the two "?" take N), or of its
# first passage for a document stored before the text was kept. ``d`` is the documents row.
_OPENING_SQL = (
    "COALESCE(substr(d.text, 1, ?), (SELECT substr(f.text, 1, ?) FROM chunks f "
    "WHERE f.document_id = d.id ORDER BY f.ord LIMIT 1), '')"
)


def document_openings(conn: Connection, patient_id: int, chars: int) -> dict[int, str]:
    """The first ``chars`` characters of each of the patient's documents (of their first passage
    for a document stored before the text was kept)."""
    rows = conn.execute(
        f"SELECT d.id, {_OPENING_SQL} FROM documents d WHERE d.patient_id = ?",
        (chars, chars, patient_id),
    ).fetchall()
    return {int(row[0]): str(row[1]) for row in rows}


def chunk_ids(conn: Connection, document_id: int) -> list[int]:
    rows = conn.execute("SELECT id FROM chunks WHERE document_id = ?", (document_id,)).fetchall()
    return [int(row[0]) for row in rows]


def set_collection(conn: Connection, document_id: int, collection_id: int) -> None:
    """Put a document in a collection: its row, and the scope of its passages' FTS rows (a
    contentless FTS row is replaced whole: deleted, then written again from its chunk)."""
    conn.execute(
        "UPDATE documents SET collection_id = ? WHERE id = ?", (collection_id, document_id)
    )
    conn.execute(
        "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)",
        (document_id,),
    )
    conn.execute(
        "INSERT INTO chunks_fts(rowid, text, scope) "
        "SELECT c.id, coalesce(c.context || char(10), '') || c.text, "
        "'p' || d.patient_id || ' d' || d.id || coalesce(' c' || d.collection_id, '') "
        "FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.id = ?",
        (document_id,),
    )


def document_vectors(conn: Connection, document_id: int, model_id: str) -> list[IndexedVector]:
    """One document's vectors of one embedding model, with its collection, for the index."""
    rows = conn.execute(
        "SELECT e.chunk_id, d.collection_id, e.vector FROM documents d "
        "JOIN chunks c ON c.document_id = d.id JOIN embeddings e ON e.chunk_id = c.id "
        "WHERE d.id = ? AND e.model_id = ?",
        (document_id, model_id),
    ).fetchall()
    return [
        IndexedVector(
            int(chunk_id),
            document_id,
            None if collection_id is None else int(collection_id),
            np.frombuffer(blob, dtype=VECTOR_DTYPE),
        )
        for chunk_id, collection_id, blob in rows
    ]


def delete_document(conn: Connection, document_id: int) -> None:
    delete_chunks(conn, document_id)
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def delete_chunks(conn: Connection, document_id: int) -> None:
    """Explicit deletes (not only the cascade) so the FTS delete trigger sees every chunk."""
    conn.execute(
        "DELETE FROM embeddings WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = ?)",
        (document_id,),
    )
    conn.execute("DELETE FROM chunks WHERE document_id = ?", (document_id,))


def documents_without_headers(conn: Connection) -> list[int]:
    """Documents whose passages predate indexing headers (chunked before schema step 2)."""
    rows = conn.execute(
        "SELECT DISTINCT document_id FROM chunks WHERE context IS NULL ORDER BY document_id"
    ).fetchall()
    return [int(row[0]) for row in rows]


def pages_json(pages: Sequence[PageSpan]) -> str:
    return json.dumps([[p.number, p.start, p.end] for p in pages])


def document_pages(conn: Connection, document_id: int) -> tuple[PageSpan, ...] | None:
    """Where each page of a document lies in its text; None when not recorded (imported before
    schema step 4 and not yet updated), () when the document has no pages or they are unknown."""
    row = conn.execute("SELECT pages FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    return pages_from_json(row[0])


def pages_from_json(raw: str | None) -> tuple[PageSpan, ...]:
    if not raw:
        return ()
    return tuple(
        PageSpan(int(number), int(start), int(end)) for number, start, end in json.loads(raw)
    )


def set_document_pages(conn: Connection, document_id: int, pages: Sequence[PageSpan]) -> None:
    conn.execute("UPDATE documents SET pages = ? WHERE id = ?", (pages_json(pages), document_id))


def documents_without_pages(conn: Connection) -> list[int]:
    """PDFs imported before their page spans were kept (schema step 4)."""
    rows = conn.execute(
        "SELECT id FROM documents WHERE pages IS NULL AND lower(file_type) = 'pdf' ORDER BY id"
    ).fetchall()
    return [int(row[0]) for row in rows]


_CHUNK_COLUMNS = "id, document_id, ord, text, page, start_char, end_char, section, context, regions"


def notes_json(notes: Sequence[str]) -> str | None:
    """A document's import notes as stored: NULL when there are none (most documents)."""
    return json.dumps(list(notes)) if notes else None


def notes_from_json(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    loaded = json.loads(raw)
    return tuple(str(note) for note in loaded) if isinstance(loaded, list) else ()


def pictures_json(pictures: PictureMarks | None) -> str | None:
    """A document's picture marks as stored: NULL without any (most documents)."""
    if not pictures:
        return None
    read = [[start, end] for start, end in pictures.read]
    return json.dumps({"read": read, "unread": list(pictures.unread_pages)})


def pictures_from_json(raw: str | None) -> PictureMarks:
    if not raw:
        return PictureMarks()
    loaded = json.loads(raw)
    if not isinstance(loaded, dict):
        return PictureMarks()
    return PictureMarks(
        read=tuple((int(start), int(end)) for start, end in loaded.get("read") or ()),
        unread_pages=tuple(int(page) for page in loaded.get("unread") or ()),
    )


def regions_json(regions: Sequence[Region]) -> str | None:
    if not regions:
        return None
    return json.dumps([[r.page, r.left, r.top, r.right, r.bottom] for r in regions])


def regions_from_json(raw: str | None) -> tuple[Region, ...]:
    if not raw:
        return ()
    return tuple(
        Region(int(page), float(left), float(top), float(right), float(bottom))
        for page, left, top, right, bottom in json.loads(raw)
    )


def _chunk(row: Any) -> Chunk:
    return Chunk(
        id=int(row[0]),
        document_id=int(row[1]),
        ord=int(row[2]),
        text=str(row[3]),
        page=None if row[4] is None else int(row[4]),
        start=int(row[5]),
        end=int(row[6]),
        section=None if row[7] is None else str(row[7]),
        context=None if row[8] is None else str(row[8]),
        regions=regions_from_json(row[9]),
    )


def get_chunk(conn: Connection, chunk_id: int) -> Chunk | None:
    row = conn.execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    return None if row is None else _chunk(row)


def document_chunks(conn: Connection, document_id: int) -> list[Chunk]:
    rows = conn.execute(
        f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE document_id = ? ORDER BY ord", (document_id,)
    ).fetchall()
    return [_chunk(row) for row in rows]


def reconstruct_text(chunks: Sequence[Chunk]) -> str:
    """Rebuild a document's text from its chunks' offsets (overlaps agree; gaps become spaces)."""
    if not chunks:
        return ""
    buffer = [" "] * max(chunk.end for chunk in chunks)
    for chunk in chunks:
        span = chunk.text[: max(0, chunk.end - chunk.start)]
        buffer[chunk.start : chunk.start + len(span)] = list(span)
    return "".join(buffer)


def vectors_for(
    conn: Connection, patient_id: int | None, model_id: str, batch: int = 4096
) -> Iterator[IndexedVector]:
    """Stream one embedding model's vectors, of one patient or (``None``) the whole vault."""
    sql = (
        "SELECT e.chunk_id, c.document_id, d.collection_id, e.vector FROM documents d "
        "JOIN chunks c ON c.document_id = d.id JOIN embeddings e ON e.chunk_id = c.id "
        "WHERE e.model_id = ?"
    )
    params: tuple[object, ...] = (model_id,)
    if patient_id is not None:
        sql += " AND d.patient_id = ?"
        params = (model_id, patient_id)
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(batch):
        for chunk_id, document_id, collection_id, blob in rows:
            yield IndexedVector(
                int(chunk_id),
                int(document_id),
                None if collection_id is None else int(collection_id),
                np.frombuffer(blob, dtype=VECTOR_DTYPE),
            )


def patient_chunk_ids(conn: Connection, patient_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.patient_id = ?",
        (patient_id,),
    ).fetchall()
    return [int(row[0]) for row in rows]


def chunk_texts(conn: Connection, chunk_ids: Sequence[int]) -> dict[int, str]:
    """The texts of these chunks, by id (a deleted one is missing)."""
    if not chunk_ids:
        return {}
    rows = conn.execute(
        f"SELECT id, text FROM chunks WHERE id IN ({','.join('?' * len(chunk_ids))})",
        list(chunk_ids),
    ).fetchall()
    return {int(row[0]): str(row[1]) for row in rows}


def passage_sources(
    conn: Connection, chunk_ids: Sequence[int]
) -> dict[int, tuple[int, str, str, str, str]]:
    """Chunk id -> (document id, passage text, the document's opening, file type, file name):
    what a passage's dates are read by (its document's own date and day order)."""
    if not chunk_ids:
        return {}
    rows = conn.execute(
        f"SELECT c.id, c.document_id, c.text, d.file_type, d.file_name, {_OPENING_SQL} "
        "FROM chunks c JOIN documents d ON d.id = c.document_id "
        f"WHERE c.id IN ({','.join('?' * len(chunk_ids))})",
        [DATE_WINDOW, DATE_WINDOW, *chunk_ids],
    ).fetchall()
    return {
        int(row[0]): (int(row[1]), str(row[2]), str(row[5]), str(row[3]), str(row[4]))
        for row in rows
    }


def hits_for(
    conn: Connection,
    fused: Sequence[tuple[int, float]],
    vector_scores: dict[int, float],
    bm25_scores: dict[int, float],
) -> list[SearchHit]:
    if not fused:
        return []
    ids = [chunk_id for chunk_id, _ in fused]
    rows = conn.execute(
        "SELECT c.id, c.document_id, d.patient_id, d.file_name, c.page, c.start_char, "
        # The document's opening, which its own date is read from.
        f"c.end_char, c.section, c.text, d.pages, d.notes, d.file_type, {_OPENING_SQL}, "
        # A table's opening, where its header row is read from (a later passage lacks it).
        f"c.regions, {_PICTURES_SQL}, CASE WHEN d.file_type IN ({_TABLE_TYPES_SQL}) "
        f"THEN {_OPENING_SQL} END "
        "FROM chunks c JOIN documents d ON d.id = c.document_id "
        f"WHERE c.id IN ({','.join('?' * len(ids))})",
        [DATE_WINDOW, DATE_WINDOW, HEADER_WINDOW, HEADER_WINDOW, *ids],
    ).fetchall()
    by_id = {int(row[0]): row for row in rows}
    # Parsed once per document, not per hit.
    spans: dict[int, tuple[PageSpan, ...]] = {}
    notes: dict[int, tuple[str, ...]] = {}
    pictures: dict[int, PictureMarks] = {}
    dates: dict[int, str | None] = {}
    hits = []
    for chunk_id, score in fused:
        row = by_id.get(chunk_id)
        if row is None:  # deleted between ranking and fetching
            continue
        document_id = int(row[1])
        if document_id not in spans:
            spans[document_id] = pages_from_json(row[9])
            notes[document_id] = notes_from_json(row[10])
            pictures[document_id] = pictures_from_json(row[14])
            # The rule the passage headers were written by at import, read from the same
            # opening (the vault keeps no date column; its chunks' headers hold it as written).
            dates[document_id] = own_date_shown(str(row[12]), str(row[11]), str(row[3]))
        page = None if row[4] is None else int(row[4])
        last_page = last_page_of(spans[document_id], int(row[6]))
        marks = pictures[document_id]
        hits.append(
            SearchHit(
                chunk_id=chunk_id,
                document_id=document_id,
                patient_id=int(row[2]),
                file_name=str(row[3]),
                page=page,
                start=int(row[5]),
                end=int(row[6]),
                section=None if row[7] is None else str(row[7]),
                text=str(row[8]),
                score=score,
                vector_score=vector_scores.get(chunk_id),
                bm25_score=bm25_scores.get(chunk_id),
                last_page=last_page,
                file_notes=notes[document_id],
                document_date=dates[document_id],
                scanned_pages=scanned_pages_of(regions_from_json(row[13])),
                from_picture=marks.read_within(int(row[5]), int(row[6])),
                unread_picture_pages=marks.unread_on(page, last_page),
                table_heading=None if row[15] is None else heading_for(str(row[15]), int(row[5])),
            )
        )
    return hits


def documents_not_on(conn: Connection, model_id: str) -> list[int]:
    """Documents with a vector of another embedding model, or recorded under another model."""
    rows = conn.execute(
        "SELECT d.id FROM documents d WHERE d.embed_model_id != ? OR EXISTS ("
        "SELECT 1 FROM chunks c JOIN embeddings e ON e.chunk_id = c.id "
        "WHERE c.document_id = d.id AND e.model_id != ?) ORDER BY d.id",
        (model_id, model_id),
    ).fetchall()
    return [int(row[0]) for row in rows]


def vector_models(conn: Connection, document_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT e.model_id FROM embeddings e JOIN chunks c ON c.id = e.chunk_id "
        "WHERE c.document_id = ? ORDER BY 1",
        (document_id,),
    ).fetchall()
    return [str(row[0]) for row in rows]


def replace_vectors(
    conn: Connection,
    document_id: int,
    collection_id: int | None,
    chunk_ids: Sequence[int],
    model_id: str,
    vectors: npt.NDArray[np.float32],
) -> list[IndexedVector]:
    """Swap every vector of the document for ``vectors`` (one per chunk, in ``chunk_ids``
    order) of ``model_id``; the caller's transaction makes the swap all-or-nothing."""
    dim = int(vectors.shape[1])
    conn.execute(
        "DELETE FROM embeddings WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = ?)",
        (document_id,),
    )
    conn.executemany(
        "INSERT INTO embeddings (chunk_id, model_id, dim, vector) VALUES (?, ?, ?, ?)",
        [
            (chunk_id, model_id, dim, vector.tobytes())
            for chunk_id, vector in zip(chunk_ids, vectors, strict=True)
        ],
    )
    conn.execute("UPDATE documents SET embed_model_id = ? WHERE id = ?", (model_id, document_id))
    return [
        IndexedVector(chunk_id, document_id, collection_id, vector)
        for chunk_id, vector in zip(chunk_ids, vectors, strict=True)
    ]


def document_scope(conn: Connection, document_id: int) -> tuple[int, int | None] | None:
    """``(patient_id, collection_id)`` of a document, or None when it is gone."""
    row = conn.execute(
        "SELECT patient_id, collection_id FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        return None
    return int(row[0]), None if row[1] is None else int(row[1])
