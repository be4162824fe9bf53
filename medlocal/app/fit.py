"""Fit badges for the model manager: green / yellow / red with the reason.

Shared by the model manager's badges and ``medlocal models fit``. Installed files get the precise
advice of :func:`medlocal.models.fit.advise` (it reads the GGUF header); catalog entries not on
disk get the catalog's RAM estimate against free RAM, judged with the same shares. Plain Python;
the window runs it in a worker because probing the GPU and reading several model headers
still take a moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil

from medlocal.engine.gguf import read_gguf_info
from medlocal.errors import MedLocalError, UserInputError
from medlocal.models.catalog import CatalogEntry, bundled_catalog
from medlocal.models.fit import GREEN_SHARE, YELLOW_SHARE, FitAdvice, Verdict, advise
from medlocal.models.registry import InstalledModel, Registry

_GB = 1e9


@dataclass(frozen=True)
class FitBadge:
    verdict: Verdict | None  # None: could not be judged (the reason says why)
    reason: str

    @property
    def label(self) -> str:
        return self.verdict or "unknown"


def catalog_badge(entry: CatalogEntry, ram_available: int) -> FitBadge:
    needed = entry.ram_gb * _GB
    if needed <= ram_available * GREEN_SHARE:
        verdict: Verdict = "green"
    elif needed <= ram_available * YELLOW_SHARE:
        verdict = "yellow"
    else:
        verdict = "red"
    advice = {
        "green": "fits",
        "yellow": "tight: close other programs or use a shorter context",
        "red": "does not fit: choose a smaller model or quantisation",
    }[verdict]
    return FitBadge(
        verdict,
        f"{verdict}: the catalog estimates about {entry.ram_gb:.1f} GB of RAM at context "
        f"{entry.default_ctx}; {ram_available / _GB:.1f} GB free — {advice}. "
        "Download or import it for a precise check.",
    )


def file_badge(path: Path, n_ctx: int | None) -> FitBadge:
    try:
        advice = advise(read_gguf_info(path), n_ctx or None)
    except (MedLocalError, OSError) as exc:
        return FitBadge(None, f"could not check the file: {exc}")
    return FitBadge(advice.verdict, advice.message)


def fit_badges(
    entries: Iterable[CatalogEntry],
    installed: Iterable[InstalledModel],
    n_ctx: int | None = None,
) -> dict[str, FitBadge]:
    """Badges keyed by catalog id and installed model id (an installed file wins)."""
    available = psutil.virtual_memory().available
    badges = {entry.id: catalog_badge(entry, available) for entry in entries}
    for model in installed:
        badge = file_badge(model.file, n_ctx)
        badges[model.id] = badge
        if model.catalog_id:
            badges[model.catalog_id] = badge
    return badges


def fit_advice(registry: Registry, id_or_path: str, n_ctx: int | None = None) -> FitAdvice:
    """Precise advice for an installed model or a GGUF path. A catalog entry that is not on
    disk is bad input whose message carries the catalog's estimate."""
    model = registry.find(id_or_path)
    path = Path(model.path) if model else Path(id_or_path).expanduser()
    if path.is_file():
        return advise(read_gguf_info(path), n_ctx)
    entry = bundled_catalog().find(id_or_path)
    if entry is None:
        raise UserInputError(f"no installed model or file '{id_or_path}'")
    raise UserInputError(
        f"{id_or_path} is not installed; the catalog estimates ~{entry.ram_gb:.1f} GB of RAM at "
        f"context {entry.default_ctx}. Download or import it for a precise fit check."
    )
