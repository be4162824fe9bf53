"""Fit badges for the model manager: green / yellow / red with the reason.

Installed files get the precise advice of :func:`medlocal.models.fit.advise` (it reads the GGUF
header); catalog entries not on disk get the catalog's RAM estimate against free RAM, judged
with the same shares. Plain Python: it runs in a worker because reading headers and probing the
GPU take time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil

from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.errors import MedLocalError
from medlocal.models.catalog import CatalogEntry
from medlocal.models.fit import GREEN_SHARE, YELLOW_SHARE, Verdict, advise
from medlocal.models.registry import InstalledModel

BADGE_COLOURS: dict[str, str] = {"green": "#2e7d32", "yellow": "#b7950b", "red": "#c0392b"}
_GB = 1e9

# Parsing a GGUF's tensor table takes seconds (3 s for the 135M demo model); the header of an
# unchanged file is read once per run. Keyed by path, size and mtime, like the registry.
_infos: dict[tuple[str, int, int], GGUFInfo] = {}
_infos_lock = threading.Lock()


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


def _info(path: Path) -> GGUFInfo:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _infos_lock:
        cached = _infos.get(key)
    if cached is None:
        cached = read_gguf_info(path)
        with _infos_lock:
            _infos[key] = cached
    return cached


def file_badge(path: Path, n_ctx: int | None) -> FitBadge:
    try:
        advice = advise(_info(path), n_ctx or None)
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
