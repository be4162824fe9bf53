"""Read-only views of vault rows handed to callers (CLI, rag, GUI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medlocal.vault.records import PictureMarks, Region


@dataclass(frozen=True)
class Patient:
    id: int
    name: str
    mrn: str | None
    dob: str | None
    created_at: str


@dataclass(frozen=True)
class Collection:
    id: int
    name: str


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    patient_id: int
    collection: str | None
    file_name: str
    file_type: str
    size: int
    sha256: str
    imported_at: str
    embed_model_id: str
    chunk_count: int
    # What its import noted about where the file belongs ("it names another patient of this
    # vault, ..."), kept with it; empty for most documents and all imported before schema 5.
    notes: tuple[str, ...] = ()
    # What its import knew of its pictures (schema 9; empty for documents imported before).
    pictures: PictureMarks = field(default_factory=PictureMarks)


@dataclass(frozen=True)
class Chunk:
    id: int
    document_id: int
    ord: int
    text: str
    page: int | None
    start: int
    end: int
    section: str | None
    context: str | None = None  # the passage's header for indexing (see ChunkRecord.context)
    regions: tuple[Region, ...] = ()  # boxes on a scanned page (see ChunkRecord)


@dataclass(frozen=True)
class StoredMessage:
    id: int
    chat_id: int
    role: str
    content: str
    created_at: str


@dataclass(frozen=True)
class StoredOutput:
    id: int
    patient_id: int | None
    kind: str
    title: str
    content: str
    provenance: dict[str, Any]
    flags: list[dict[str, Any]]
    created_at: str


@dataclass(frozen=True)
class VaultStatus:
    folder: str
    vault_id: str
    schema_version: int
    patients: int
    documents: int
    chunks: int
    embed_models: list[str]
    kdf: dict[str, int]
    remembered: bool
    unlocked_with: str
    database_bytes: int
    # Remembered, but the keychain cannot unlock it here: why (walk 49a D3); "" otherwise.
    remembered_problem: str = ""
