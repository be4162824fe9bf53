"""The passages a saved answer's model was given, rebuilt from the vault. Provenance keeps only
their ids (no patient text outside the encrypted rows it points to); an answer that cites none
of them (its draft set aside as unsupported) offers them to read instead, in the reopened chat
and in its export."""

from __future__ import annotations

from typing import Any

from medlocal.errors import MedLocalError
from medlocal.rag.cited_place import cited_place
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
    deleted since (its passage's id may name another document's passage now)."""
    try:
        chunk = vault.get_chunk(int(record["chunk_id"]))
        document = vault.get_document(chunk.document_id)
    except (MedLocalError, KeyError, ValueError):
        return None
    if str(chunk.document_id) != str(record.get("document_id", chunk.document_id)):
        # A deleted passage's id is given to the next passage written (SQLite reuses the
        # highest rowid): then another document's, maybe another patient's (review60a H2).
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
    document was deleted since, or read again and no longer holds it."""
    cited: list[tuple[SourceRef, str | None]] = []
    for record in provenance.get("sources") or []:
        source = SourceRef.from_dict(record)
        cited.append((source, _cited_text(vault, source)))
    return cited


def _cited_text(vault: Vault, source: SourceRef) -> str | None:
    """The passage ``source`` cites. Its chunk while that is still the passage quoted; after
    the document was read again (``vault update``: new passages, and the cited one's id freed
    and maybe given to another), the quoted words in its text (cited_place.py)."""
    try:
        chunk = vault.get_chunk(source.chunk_id)
    except NotFoundError:
        chunk = None
    if (
        chunk is not None
        and (chunk.document_id, chunk.start, chunk.end)
        == (source.document_id, source.start, source.end)
        and (not source.snippet or snippet(chunk.text) == source.snippet)
    ):
        return chunk.text
    try:
        text = vault.document_text(source.document_id)
    except NotFoundError:  # its document was deleted since
        return None
    place = cited_place(text, source)
    return None if place is None else text[place[0] : place[1]]
