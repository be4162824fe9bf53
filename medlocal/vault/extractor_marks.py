"""Which extractor version each document's text was read with (schema step 10).

The versions themselves are the ingest side's (``medlocal.ingest.extractor_versions``); the
vault only keeps them, so that the update job can tell which documents an extractor fix has not
reached yet. A document without a row was read before versions were kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from medlocal.vault.db import Connection

UNRECORDED = 1  # the version every document read before versions were kept counts as


def set_extractor_version(conn: Connection, document_id: int, version: int) -> None:
    """Record ``version`` for a document; nothing when it was deleted meanwhile."""
    conn.execute(
        "INSERT OR REPLACE INTO document_extractors (document_id, version) "
        "SELECT id, ? FROM documents WHERE id = ?",
        (version, document_id),
    )


def extractor_version(conn: Connection, document_id: int) -> int | None:
    """The version recorded for a document; None when it has none (or does not exist)."""
    row = conn.execute(
        "SELECT version FROM document_extractors WHERE document_id = ?", (document_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def documents_read_before(conn: Connection, current: Mapping[str, int]) -> list[int]:
    """Documents whose recorded version (``UNRECORDED`` without one) is older than ``current``
    gives for their file type; a file type ``current`` does not name is never out of date."""
    rows = conn.execute(
        "SELECT d.id, d.file_type, e.version FROM documents d "
        "LEFT JOIN document_extractors e ON e.document_id = d.id ORDER BY d.id"
    ).fetchall()
    return [
        int(document_id)
        for document_id, file_type, version in rows
        if (UNRECORDED if version is None else int(version)) < current.get(str(file_type), 0)
    ]
