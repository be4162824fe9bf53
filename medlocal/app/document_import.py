"""Importing files for one patient with the workspace's settings: the import limit, OCR, and
one progress stream for files, passages and scanned pages."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from medlocal.app.patient_mixups import other_patient_check
from medlocal.engine.api import Embedder
from medlocal.fsutil import shown_name
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import ImportReport, LongFile, ProgressEvent, import_paths
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.settings import Settings
from medlocal.vault.errors import NotFoundError
from medlocal.vault.store import Vault


def import_documents(
    vault: Vault,
    sources: Iterable[str | Path],
    patient_id: int,
    embedder: Embedder,
    settings: Settings,
    *,
    collection: str | None = None,
    max_mb: float | None = None,
    progress: ProgressCallback | None = None,
    on_file: Callable[[ProgressEvent], None] | None = None,
    cancel: threading.Event | None = None,
    confirm_long: Callable[[LongFile], bool] | None = None,
) -> ImportReport:
    """Import files and folders for one patient (see ``Workspace.import_documents``)."""
    limit = max_mb if max_mb is not None else float(settings.import_max_mb)

    def relay(event: ProgressEvent) -> None:
        # The progress line names the file, not its whole path (walk 39b: "embed: 1/12 files
        # (/tmp/walk39/docs/discharge_summary.pdf)"); on_file keeps the path as given, for the
        # list of files not imported.
        named = replace(event, file_name=shown_name(Path(event.file_name).name or event.file_name))
        if event.within_file:
            # After each embedding batch (the passages of the file being embedded) or each
            # hundredth of a long text split into passages, so a 900-page document shows
            # movement instead of minutes on "Indexing: file 1 of 1".
            report(progress, named.as_progress())
        else:
            finished = event.index if event.stage == "done" else event.index - 1
            stage = event.outcome or "done" if event.stage == "done" else event.stage
            report(progress, Progress(stage, finished, event.total, named.file_name, "files"))
        if on_file is not None:
            on_file(event)

    imported = import_paths(
        vault,
        list(sources),
        patient_id,
        embedder,
        collection=collection,
        check_text=other_patient_check(vault.list_patients(), patient_id),
        progress=relay,
        cancel=cancel,
        confirm_long=confirm_long,
        max_bytes=int(limit * 1024 * 1024),
        # OCR reports pages of the file it is reading (with an ETA) on the same callback.
        ocr=OcrOptions(
            enabled=settings.ocr == "on",
            max_pages=settings.ocr_max_pages,
            progress=progress,
        ),
    )
    _repeat_stored_notes(vault, imported)
    return imported


def _repeat_stored_notes(vault: Vault, imported: ImportReport) -> None:
    """A file skipped as a duplicate gets the notes stored with the document already in the
    vault (walk 30: a letter naming another patient, imported again, said only "duplicate")."""
    for outcome in imported.skipped:
        if outcome.duplicate_of is None:
            continue
        try:
            stored = vault.get_document(outcome.duplicate_of).notes
        except NotFoundError:  # deleted since: nothing to repeat
            continue
        outcome.notes = [*outcome.notes, *stored]


# The vault note (``Vault.keep_note``) naming the files an import stopped by closing MedLocal
# left out: the next unlock says which they were (walk 46a D3: nothing did).
INTERRUPTED_NOTE = "import_stopped_by_close"


@dataclass(frozen=True)
class InterruptedImport:
    """An import that closing MedLocal stopped: its patient (id and line in the list) and the
    files of its batch not imported (as the import named them)."""

    patient_id: int
    label: str
    files: tuple[str, ...]


def not_imported(report: ImportReport) -> list[str]:
    """The files of a stopped batch that are not in the vault: cut short, or never reached."""
    cut = [outcome.shown for outcome in report.files if outcome.status == "cancelled"]
    return [*cut, *report.not_reached]


def remember_interrupted(vault: Vault, stopped: InterruptedImport) -> None:
    record = {"patient": stopped.patient_id, "label": stopped.label, "files": stopped.files}
    vault.keep_note(INTERRUPTED_NOTE, json.dumps(record))


def take_interrupted(vault: Vault) -> InterruptedImport | None:
    """The import the last close stopped, told once; None when none was (or it is unreadable)."""
    text = vault.take_note(INTERRUPTED_NOTE)
    if text is None:
        return None
    try:
        record = json.loads(text)
        files = tuple(str(name) for name in record["files"])
        return InterruptedImport(int(record["patient"]), str(record["label"]), files)
    except (ValueError, KeyError, TypeError):
        return None
