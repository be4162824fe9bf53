"""The model manager's long tasks, each shaped ``task(progress, cancel)`` for a TaskPanel.

They adapt the model services' own callbacks to the project's one progress type: a download's
:class:`DownloadProgress` (bytes, speed, ETA), the importer's ``(done, total)`` hash callback, the
folder importer's per-file items. Where a service has no cancel of its own (import, folder
import), the callback raises :class:`GenerationCancelled` at its next report, which the service
treats like any failure: it removes its temporary copy and records nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from medlocal.errors import GenerationCancelled
from medlocal.fsutil import shown_name
from medlocal.models.catalog import CatalogEntry
from medlocal.models.download import DownloadProgress, download_entry
from medlocal.models.embedders import import_embedder
from medlocal.models.importer import FolderItem, ImportResult, import_folder, import_gguf
from medlocal.models.registry import InstalledModel
from medlocal.progress import Progress, ProgressCallback, check_cancel


def duration_text(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def download_progress(value: DownloadProgress) -> Progress:
    """A download's bytes, speed and time left as the one progress type (detail: speed, ETA)."""
    if value.note:  # a cut connection being resumed: said in place of the speed
        return Progress("downloading", value.done_bytes, value.total_bytes, value.note, "bytes")
    speed = f"{value.bytes_per_second / 1_000_000:.1f} MB/s"
    eta = f", about {duration_text(value.eta_seconds)} left" if value.eta_seconds else ""
    return Progress("downloading", value.done_bytes, value.total_bytes, speed + eta, "bytes")


def download(
    entry: CatalogEntry,
    progress: ProgressCallback,
    cancel: threading.Event,
    *,
    stall_timeout: float,
) -> InstalledModel:
    """Download (or resume) ``entry``; a cancel keeps the partial file for the next try."""
    return download_entry(
        entry,
        progress=lambda value: progress(download_progress(value)),
        cancel=cancel,
        stall_timeout=stall_timeout,
    )


def import_file(path: Path, progress: ProgressCallback, cancel: threading.Event) -> ImportResult:
    """Copy, hash and register one GGUF; Cancel stops it between blocks (nothing recorded)."""

    def report(done: int, total: int) -> None:
        check_cancel(cancel, f"importing {shown_name(path.name)}")
        progress(Progress("checking", done, total, path.name, "bytes"))

    return import_gguf(path, progress=report)


@dataclass(frozen=True)
class FolderOutcome:
    items: list[FolderItem]
    cancelled: bool = False


def import_models_folder(
    folder: Path, progress: ProgressCallback, cancel: threading.Event
) -> FolderOutcome:
    """Import every GGUF in ``folder`` (checked against its SHA256SUMS when it has one).
    Cancel stops between files; the files already imported stay."""
    items: list[FolderItem] = []

    def on_item(item: FolderItem) -> None:
        items.append(item)
        progress(Progress("importing", len(items), None, item.name, "files"))
        check_cancel(cancel, "the folder import")

    try:
        import_folder(folder, on_item=on_item)
    except GenerationCancelled:
        return FolderOutcome(items, cancelled=True)
    return FolderOutcome(items)


def convert_embedder(
    folder: Path, progress: ProgressCallback, cancel: threading.Event
) -> InstalledModel:
    """Convert a sentence-transformers folder (or .zip) to a GGUF embedder. The converter has no
    safe point to stop at, so this task is not cancellable."""
    progress(Progress("converting", 0, None, folder.name))
    return import_embedder(folder)
