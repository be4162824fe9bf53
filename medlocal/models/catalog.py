"""The curated model catalog (``resources/catalog.json``): data, validated into typed entries.

The file is reviewed data, so a malformed entry is a packaging bug; it is still reported as a
clear error naming the entry and field rather than a KeyError deep inside the model manager.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from medlocal.errors import MedLocalError, UserInputError
from medlocal.paths import resources_dir

Role = Literal["chat", "embedding", "reranker"]
ROLES: tuple[Role, ...] = ("chat", "embedding", "reranker")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


class CatalogError(MedLocalError):
    """The bundled catalog is missing or malformed."""


class UnknownCatalogEntry(CatalogError, UserInputError):
    """An id the catalog does not have (bad input: the CLI exits 2)."""


@dataclass(frozen=True)
class Benchmark:
    name: str
    score: float
    source: str


@dataclass(frozen=True)
class Shape:
    """The model's published architecture: what the RAM estimate of a model that is not
    installed is computed from (medlocal.models.fit.catalog_advice), as the GGUF header is for
    an installed file."""

    block_count: int
    embedding_length: int
    feed_forward_length: int
    head_count: int
    head_count_kv: int
    head_dim: int


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    display_name: str
    role: Role
    source: Literal["hub", "package"]
    package: str
    repo_id: str
    filename: str
    revision: str  # a 40-hex commit, or "" when not pinned
    sha256: str  # lowercase hex, or "" when not known
    size_gb: float
    license: str
    gated: bool
    parameters: str
    quantization: str
    context_length: int
    default_ctx: int
    architecture: str
    shape: Shape
    intended_use: str
    reasoning_output: bool
    listing_checked: bool
    benchmarks: tuple[Benchmark, ...]

    @property
    def is_demo(self) -> bool:
        return self.id.startswith("demo-")

    @property
    def downloadable(self) -> bool:
        return self.source == "hub"


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]

    def get(self, entry_id: str) -> CatalogEntry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        known = ", ".join(e.id for e in self.entries)
        raise UnknownCatalogEntry(f"no catalog entry '{entry_id}' (known: {known})")

    def find(self, entry_id: str) -> CatalogEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def by_sha256(self, sha256: str) -> CatalogEntry | None:
        digest = sha256.lower()
        return next((e for e in self.entries if e.sha256 and e.sha256 == digest), None)

    def by_role(self, role: Role) -> list[CatalogEntry]:
        return [e for e in self.entries if e.role == role]


def catalog_path() -> Path:
    """Where the bundled catalog lives (checkout, installed wheel or frozen app)."""
    candidate = resources_dir() / "catalog.json"
    if candidate.is_file():
        return candidate
    raise CatalogError("the model catalog (resources/catalog.json) is missing from this install")


def _require(raw: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in raw:
        raise CatalogError(f"catalog entry {where}: missing field '{key}'")
    value = raw[key]
    # bool is an int subclass: a flag must be a real bool, and a number must not be one.
    if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
        raise CatalogError(f"catalog entry {where}: field '{key}' has the wrong type")
    return value


def _parse_entry(raw: Any, index: int) -> CatalogEntry:
    if not isinstance(raw, dict):
        raise CatalogError(f"catalog entry #{index} is not an object")
    where = str(raw.get("id", f"#{index}"))
    text = str
    number = (int, float)
    role = _require(raw, "role", text, where)
    if role not in ROLES:
        raise CatalogError(f"catalog entry {where}: role must be one of {', '.join(ROLES)}")
    source = _require(raw, "source", text, where)
    if source not in ("hub", "package"):
        raise CatalogError(f"catalog entry {where}: source must be hub or package")
    repo_id = _require(raw, "repo_id", text, where)
    if not _REPO_ID.match(repo_id):
        raise CatalogError(f"catalog entry {where}: repo_id '{repo_id}' is not owner/name")
    sha256 = _require(raw, "sha256", text, where).lower()
    if sha256 and not _SHA256.match(sha256):
        raise CatalogError(f"catalog entry {where}: sha256 must be 64 hex digits or empty")
    revision = _require(raw, "revision", text, where)
    if revision and not _COMMIT.match(revision):
        raise CatalogError(f"catalog entry {where}: revision must be a 40-hex commit or empty")
    filename = _require(raw, "filename", text, where)
    if not filename.endswith(".gguf") or "/" in filename or "\\" in filename:
        raise CatalogError(f"catalog entry {where}: filename must be a plain .gguf name")
    benchmarks = tuple(
        Benchmark(
            name=_require(b, "name", text, where),
            score=float(_require(b, "score", number, where)),
            source=_require(b, "source", text, where),
        )
        for b in _require(raw, "benchmarks", list, where)
    )
    return CatalogEntry(
        id=_require(raw, "id", text, where),
        display_name=_require(raw, "display_name", text, where),
        role=role,
        source=source,
        package=_require(raw, "package", text, where),
        repo_id=repo_id,
        filename=filename,
        revision=revision,
        sha256=sha256,
        size_gb=float(_require(raw, "size_gb", number, where)),
        license=_require(raw, "license", text, where),
        gated=_require(raw, "gated", bool, where),
        parameters=_require(raw, "parameters", text, where),
        quantization=_require(raw, "quantization", text, where),
        context_length=_require(raw, "context_length", int, where),
        default_ctx=_require(raw, "default_ctx", int, where),
        architecture=_require(raw, "architecture", text, where),
        shape=_parse_shape(_require(raw, "shape", dict, where), where),
        intended_use=_require(raw, "intended_use", text, where),
        reasoning_output=_require(raw, "reasoning_output", bool, where),
        listing_checked=_require(raw, "listing_checked", bool, where),
        benchmarks=benchmarks,
    )


def _parse_shape(raw: dict[str, Any], where: str) -> Shape:
    values = {name: _require(raw, name, int, where) for name in Shape.__dataclass_fields__}
    if any(value <= 0 for value in values.values()):
        raise CatalogError(f"catalog entry {where}: every shape field must be a positive number")
    return Shape(**values)


def parse_catalog(data: Any) -> Catalog:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CatalogError("the model catalog has no 'entries' list")
    entries = tuple(_parse_entry(raw, i) for i, raw in enumerate(data["entries"]))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise CatalogError(f"catalog entry id '{entry.id}' appears twice")
        seen.add(entry.id)
    return Catalog(entries)


def load_catalog(path: Path | None = None) -> Catalog:
    source = path or catalog_path()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogError(f"the model catalog {source.name} cannot be read: {exc}") from exc
    return parse_catalog(data)


@lru_cache(maxsize=1)
def bundled_catalog() -> Catalog:
    """The catalog shipped with the app, parsed once per process."""
    return load_catalog()


def _name_key(text: str) -> str:
    """A model name for comparing: letters and digits only, lower case ("HuatuoGPT o1 8B" and
    "HuatuoGPT-o1-8B" are the same)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def entry_for_file(
    catalog: Catalog,
    *,
    sha256: str | None = None,
    filename: str | None = None,
    names: Sequence[str | None] = (),
) -> CatalogEntry | None:
    """The catalog entry a GGUF file is, for one imported or passed by path: by its sha256, else
    by the catalog's file name, else by its metadata's names (``general.name``,
    ``general.basename``) against the entry's file name without its quantisation
    ("HuatuoGPT-o1-8B"). Entries without a sha256 (HuatuoGPT-o1's) are found only the other
    ways."""
    if sha256:
        found = catalog.by_sha256(sha256)
        if found is not None:
            return found
    if filename:
        low = filename.lower()
        found = next((e for e in catalog.entries if e.filename.lower() == low), None)
        if found is not None:
            return found
    keys = {_name_key(name) for name in names if name and _name_key(name)}
    if not keys:
        return None
    return next(
        (e for e in catalog.entries if _name_key(e.filename.split(".", 1)[0]) in keys), None
    )
