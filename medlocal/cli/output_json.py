"""The one JSON shape of a saved answer or summary (``outputs show --json``, ``ask --json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from medlocal.rag.passages import SourceRef
from medlocal.vault.rows import StoredOutput


def output_json(
    output: StoredOutput, cited: Sequence[tuple[SourceRef, str | None]]
) -> dict[str, Any]:
    """A saved output as ``outputs show --json`` and ``ask --patient --json`` print it: its
    fields, its notes, and each source it cites with its document, page and passage text
    (``cited``: :func:`medlocal.app.given_passages.cited_passages`; the text None where the
    document was deleted since)."""
    return _answer_json(
        output.id,
        output.patient_id,
        output.kind,
        output.title,
        output.content,
        provenance=output.provenance,
        flags=output.flags,
        created_at=output.created_at,
        cited=cited,
        notes=[str(note) for note in output.provenance.get("notes") or []],
    )


def general_answer_json(question: str, text: str) -> dict[str, Any]:
    """A general answer (``ask`` without ``--patient``) as ``ask --json`` prints it: the shape of
    a saved output's, with no id (it is not saved), no sources and no flags."""
    return _answer_json(None, None, "general answer", question, text)


def _answer_json(
    output_id: int | None,
    patient_id: int | None,
    kind: str,
    title: str,
    content: str,
    *,
    provenance: dict[str, Any] | None = None,
    flags: Sequence[dict[str, Any]] = (),
    created_at: str | None = None,
    cited: Sequence[tuple[SourceRef, str | None]] = (),
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The one JSON shape of an answer or summary (see :func:`output_json`)."""
    return {
        "id": output_id,
        "patient_id": patient_id,
        "kind": kind,
        "title": title,
        "content": content,
        "provenance": provenance,
        "flags": list(flags),
        "created_at": created_at,
        "notes": list(notes),
        "citations": [
            {
                "number": source.number,
                "document_id": source.document_id,
                "file_name": source.file_name,
                "page": source.page,
                "last_page": source.last_page,
                "chunk_id": source.chunk_id,
                "passage": text,
            }
            for source, text in cited
        ],
    }


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
