"""Fit badges for the model manager: green / yellow / red with the reason.

Shared by the model manager's badges and ``medlocal models fit``. Installed files get the precise
advice of :func:`medlocal.models.fit.advise` (it reads the GGUF header); catalog entries not on
disk get the same arithmetic from the catalog's size and shape, labelled an estimate. Plain Python;
the window runs it in a worker because probing the GPU and reading several model headers
still take a moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil

from medlocal.engine import hardware
from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.errors import MedLocalError, UserInputError
from medlocal.models.catalog import CatalogEntry, bundled_catalog
from medlocal.models.fit import (
    MIN_CTX,
    FitAdvice,
    Verdict,
    advise,
    catalog_advice,
    catalog_estimate,
    catalog_info,
    estimate_memory,
)
from medlocal.models.registry import InstalledModel, Registry


@dataclass(frozen=True)
class FitBadge:
    verdict: Verdict | None  # None: could not be judged (the reason says why)
    reason: str

    @property
    def label(self) -> str:
        return self.verdict or "unknown"


def catalog_badge(
    entry: CatalogEntry,
    ram_available: int,
    n_ctx: int | None = None,
    *,
    backend: str = "cpu",
    gpu_supported: bool = False,
    vram_free: int | None = None,
) -> FitBadge:
    """The badge of a catalog model not on disk: :func:`catalog_advice` (the same arithmetic as
    for an installed file, from the catalog's size and shape), at its default context unless
    ``n_ctx`` is given."""
    advice = catalog_advice(
        entry,
        n_ctx or entry.default_ctx,
        ram_available=ram_available,
        vram_free=vram_free,
        backend=backend,
        gpu_supported=gpu_supported,
    )
    return FitBadge(advice.verdict, advice.window_message)


# The headers of installed model files, by path and the file's size and modification time: the
# model manager checks every installed file each time it opens, and reading a header walks the
# whole vocabulary on a worker that holds the interpreter lock the window needs (walk 51a).
_HEADERS: dict[tuple[str, int, int], GGUFInfo] = {}
_HEADERS_KEPT = 32


def _header(path: Path) -> GGUFInfo:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    info = _HEADERS.get(key)
    if info is None:
        info = read_gguf_info(path)
        if len(_HEADERS) >= _HEADERS_KEPT:
            _HEADERS.clear()
        _HEADERS[key] = info
    return info


def file_badge(path: Path, n_ctx: int | None) -> FitBadge:
    try:
        advice = advise(_header(path), n_ctx or None)
    except (MedLocalError, OSError) as exc:
        return FitBadge(None, f"could not check the file: {exc}")
    return FitBadge(advice.verdict, advice.window_message)


def fit_badges(
    entries: Iterable[CatalogEntry],
    installed: Iterable[InstalledModel],
    n_ctx: int | None = None,
) -> dict[str, FitBadge]:
    """Badges keyed by catalog id and installed model id (an installed file wins)."""
    available = psutil.virtual_memory().available
    backend, gpu_supported = hardware.detect_backend()  # once, not per entry
    gpus = hardware.gpus_for_backend(backend) if gpu_supported else []
    vram_free = gpus[0].free_bytes if gpus else None
    badges = {
        entry.id: catalog_badge(
            entry,
            available,
            n_ctx,
            backend=backend,
            gpu_supported=gpu_supported,
            vram_free=vram_free,
        )
        for entry in entries
    }
    for model in installed:
        badge = file_badge(model.file, n_ctx)
        badges[model.id] = badge
        if model.catalog_id:
            badges[model.catalog_id] = badge
    return badges


def fit_advice(registry: Registry, id_or_path: str, n_ctx: int | None = None) -> FitAdvice:
    """Precise advice for an installed model or a GGUF path; for a catalog entry that is not on
    disk, the same advice from the catalog's size and shape, labelled an estimate."""
    model = registry.find(id_or_path)
    path = Path(model.path) if model else Path(id_or_path).expanduser()
    if path.is_file():
        info = read_gguf_info(path)
        _check_ctx(n_ctx, info, id_or_path)
        return advise(info, n_ctx)
    if model is not None:  # installed, its file gone: as asking with it says
        raise registry.missing_file_error(model)
    entry = bundled_catalog().find(id_or_path)
    if entry is None:
        raise UserInputError(f"no installed model or file '{id_or_path}'")
    _check_ctx(n_ctx, catalog_info(entry), id_or_path)
    return catalog_advice(entry, n_ctx)


def catalog_ram(registry: Registry, entry: CatalogEntry) -> tuple[int, bool]:
    """RAM in bytes ``entry`` needs at its default context, CPU only, and whether that is an
    estimate: read from the file's header when the model is installed (as ``models fit``
    reads it), else from the catalog's size and shape (walk 48b D10: the installed demo model
    was listed "(estimate)")."""
    model = registry.find(entry.id)
    if model is not None and Path(model.path).is_file():
        info = read_gguf_info(Path(model.path))
        return estimate_memory(info, entry.default_ctx).total_bytes, False
    return catalog_estimate(entry).total_bytes, True


def _check_ctx(n_ctx: int | None, info: GGUFInfo, name: str) -> None:
    """A context size asked for must be one the model can run: from MIN_CTX tokens to its
    training context (never silently changed to another)."""
    trained = info.context_length or 4096  # as advise assumes for a file that does not say
    if n_ctx is not None and not MIN_CTX <= n_ctx <= trained:
        raise UserInputError(
            f"context size {n_ctx} is out of range for {name}: "
            f"from {MIN_CTX} to {trained} tokens (its training context)"
        )
