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
from medlocal.fsutil import readable_name, shown_name
from medlocal.ingest.import_report import ImportReport, LongFile, ProgressEvent
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import import_paths
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
    on_batch: Callable[[list[str]], None] | None = None,
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
        on_batch=on_batch,
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


class ImportTally:
    """Which files of a running import are finished, kept as its worker goes (:meth:`batch` and
    :meth:`file` are the import's ``on_batch`` and ``on_file``) and read from any thread.

    A close that stops the import reads it before it locks the vault, not the import's end: a
    step slower than the close's wait (an OCR page, a huge PDF being read) ends after the lock,
    when the worker can no longer write the note (review 46b D11: the note was lost)."""

    def __init__(self, given: Iterable[str | Path]) -> None:
        self._lock = threading.Lock()
        # Until the import has found the batch's files (the embedder loads first, seconds for
        # the first import), the files and folders as given stand for them.
        self._batch = [readable_name(str(Path(path).absolute())) for path in given]
        self._finished: set[str] = set()

    def batch(self, files: list[str]) -> None:
        with self._lock:
            self._batch = list(files)

    def file(self, event: ProgressEvent) -> None:
        """A file's end: imported, skipped or failed counts as finished; cut short does not."""
        if event.stage == "done" and event.outcome != "cancelled":
            with self._lock:
                self._finished.add(event.file_name)

    def not_imported(self) -> list[str]:
        """The batch's files not finished: cut short, still being read, or not reached. A file
        stored a moment before its end reached the tally is listed too: importing it again
        skips it as a duplicate."""
        with self._lock:
            return [name for name in self._batch if name not in self._finished]


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
