"""The passages a saved answer's model was given, rebuilt from the vault. Provenance keeps only
their ids (no patient text outside the encrypted rows it points to); an answer that cites none
of them (its draft set aside as unsupported) offers them to read instead, in the reopened chat
and in its export."""

from __future__ import annotations

from typing import Any

from medlocal.errors import MedLocalError
from medlocal.rag.passages import SourceRef, snippet
from medlocal.vault.errors import NotFoundError
from medlocal.vault.records import last_page_of
from medlocal.vault.store import Vault


def given_sources(vault: Vault, provenance: dict[str, Any]) -> list[SourceRef]:
    """Each passage of ``provenance["passages"]`` whose document is still in the vault."""
    given = provenance.get("passages") or []
    return [s for s in (_given_source(vault, r) for r in given) if s is not None]


def _given_source(vault: Vault, record: dict[str, Any]) -> SourceRef | None:
    """A passage the model was given, rebuilt from the vault; None when its document was
    deleted since."""
    try:
        chunk = vault.get_chunk(int(record["chunk_id"]))
        document = vault.get_document(chunk.document_id)
    except (MedLocalError, KeyError, ValueError):
        return None
    return SourceRef(
        number=int(record.get("number", 0)),
        chunk_id=chunk.id,
        document_id=chunk.document_id,
        file_name=document.file_name,
        page=chunk.page,
        start=chunk.start,
        end=chunk.end,
        snippet=snippet(chunk.text),
        last_page=last_page_of(vault.document_pages(chunk.document_id) or (), chunk.end),
    )


def cited_passages(vault: Vault, provenance: dict[str, Any]) -> list[tuple[SourceRef, str | None]]:
    """Each source a saved output cites (``provenance["sources"]``) with its passage's whole
    text, from the vault (provenance keeps only ids and a snippet); None where the passage's
    document was deleted since."""
    cited: list[tuple[SourceRef, str | None]] = []
    for record in provenance.get("sources") or []:
        source = SourceRef.from_dict(record)
        try:
            text: str | None = vault.get_chunk(source.chunk_id).text
        except NotFoundError:  # its document was deleted since
            text = None
        cited.append((source, text))
    return cited
