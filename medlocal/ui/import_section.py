"""The document import under the patients' documents: starting it (files, a folder, or paths
dropped on the panel), its progress bars and line (with the ETA), Cancel, and the list of files
not imported or to check. The last import's summary and list belong to the patient it was for.

The section owns its widgets and the import's job; the panel that hosts it lays the widgets out
(:meth:`ImportSection.add_to`), says which patient is chosen and whether an import may start, and
reads its lists again on :attr:`ImportSection.finished`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.document_import import ImportTally, InterruptedImport
from medlocal.errors import MedLocalError
from medlocal.fsutil import shown_name
from medlocal.ingest.formats import SUPPORTED_SUFFIXES
from medlocal.ingest.import_report import ImportReport, ProgressEvent, import_progress_text
from medlocal.progress import Progress, duration_text
from medlocal.ui.announce import announce
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.dialogs.common import error_text, run_owned
from medlocal.ui.files import existing_folder, open_file_names
from medlocal.ui.workers import Job, ProgressRelay, emit_from_worker

log = logging.getLogger(__name__)

# An import the lock stopped says so, not "cancelled": nobody cancelled it (walk 43 D10).
LOCK_STOPPED = "stopped when MedLocal locked"
# Closing the window stops an import too (after asking); the next unlock lists what it left out.
CLOSE = "close"
CLOSE_STOPPED = "stopped when MedLocal closed"


class ImportSection(QObject):
    """Emits ``started()`` when an import begins, ``fileImported()`` for each file stored
    (the host's document list may follow) and ``finished()`` when it ends, however it ends.

    ``chosen()`` gives the chosen patient's id and line in the list (``None``: nobody chosen);
    ``ready()``, asked only with a patient chosen, whether an import may start now (nothing else
    changing the vault, the patient still there)."""

    started = Signal()
    fileImported = Signal()
    finished = Signal()

    def __init__(
        self,
        workspace: Workspace,
        host: QWidget,
        chosen: Callable[[], tuple[int, str] | None],
        ready: Callable[[], bool],
    ) -> None:
        super().__init__(host)
        self.workspace = workspace
        self._host = host  # the parent of the file dialogs
        self._chosen = chosen
        self._ready = ready
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setFormat("%v of %m files")  # the bars say which is which

        self.progress.hide()
        # Passages of the file being embedded: a long document moves batch by batch.
        self.file_progress = QProgressBar()
        self.file_progress.setAccessibleName("Progress of the current file")
        self.file_progress.setFormat("this file: %p%")
        self.file_progress.hide()
        self.progress_label = QLabel("")
        self.progress_label.setWordWrap(True)
        # Two lines reserved: a progress line of one or two lines then never moves the
        # widgets around it. A move repaints the icon buttons, whose font icons qtawesome
        # draws in Python, each draw first waiting for the interpreter lock: the sampler caught
        # such repaints in 60-80 ms stalls when a bar appeared and went away for every file.
        metrics = self.progress_label.fontMetrics()
        self.progress_label.setMinimumHeight(2 * metrics.lineSpacing())
        # A file that takes long to index is announced here while it is indexed, beside Cancel,
        # and the notice goes when that file ends (review 44: it was added to the list of files
        # that could not be imported, and stayed there after the file was imported).
        self.long_notice = QLabel("")
        self.long_notice.setWordWrap(True)
        self.long_notice.setAccessibleName("Long import notice")
        self.long_notice.hide()
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        # Files dropped while the vault is busy are refused, and said here until the next
        # import starts (walk 53a H2: a second drop was accepted, then silently thrown away).
        self.drop_notice = ToneLabel("", Tone.WARNING)
        self.drop_notice.setWordWrap(True)
        self.drop_notice.setAccessibleName("Files not imported message")
        self.drop_notice.hide()
        self.errors = QListWidget()
        self.errors.setAccessibleName("Files that could not be imported")
        # Long reasons wrap inside the list rather than running off its right edge (walk 25:
        # readable only by scrolling sideways).
        self.errors.setWordWrap(True)
        self.errors.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.errors.hide()

        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._on_progress)
        self.file_relay = _FileEventRelay(self)
        self.file_relay.arrived.connect(self._on_file_event)
        self.import_job: Job | None = None
        self.last_report: ImportReport | None = None
        # The last import's summary and list of files not imported belong to its patient.
        self._result = _ImportResult()
        # The last import started, for a close that stops it (keep_what_close_left_out).
        self._batch: _Batch | None = None

    def add_to(self, layout: QVBoxLayout) -> None:
        """The section's widgets at the end of the host's column, the list taking spare room."""
        layout.addWidget(self.progress)
        layout.addWidget(self.file_progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.long_notice)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.drop_notice)
        layout.addWidget(self.errors, 1)

    @property
    def running(self) -> bool:
        return self.import_job is not None and self.import_job.running

    def clear(self) -> None:
        """Stop a running import and forget the last one's result (on lock)."""
        self.cancel_import()
        self.errors.clear()
        self.errors.hide()
        self._result = _ImportResult()
        self.progress.hide()
        self.file_progress.hide()
        self.progress_label.clear()
        self._clear_long_notice()
        self.drop_notice.clear()
        self.drop_notice.hide()

    def refuse_drop(self, why: str, paths: list[Path]) -> None:
        """Say that the files dragged here are not imported (``why``: what holds the vault).
        Said as the drag enters, which the panel refuses: the desktop then shows the drop
        refused, and no drop follows. Nothing is queued: the files are still where they were.
        """
        self.say_about_drop(
            f"Not imported: {why}, so these {len(paths)} file(s) cannot be dropped now "
            f"({_some_names(paths)}). Drop them again when it ends."
        )

    def refuse_move(self, paths: list[Path]) -> None:
        """Say that a drag offering no copy of the files is refused: MedLocal takes a copy and
        leaves the original where it is (review 53c F9). A drag with Alt held offers a link only
        (review54a: it was told it offered a move)."""
        self.say_about_drop(
            f"Not imported: these {len(paths)} file(s) were offered only to be moved or linked, "
            f"not copied ({_some_names(paths)}); MedLocal never takes the original away. Use "
            "Import files… instead."
        )

    def say_about_drop(self, text: str) -> None:
        """Show ``text`` about files dragged or dropped (until the next import starts), and
        announce it once however often a drag repeats it."""
        if text != self.drop_notice.text() or not self.drop_notice.isVisible():
            self.drop_notice.setText(text)
            self.drop_notice.show()
            announce(self.drop_notice, text, urgent=True)

    def choose_files(self) -> None:
        names = open_file_names(
            self._host,
            "Import documents",
            # From the import's own list, so a format it learns is offered here too (walk 20:
            # CSV was added to one and would have been missing from the other).
            f"Documents ({' '.join('*' + suffix for suffix in SUPPORTED_SUFFIXES)});;All files (*)",
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = existing_folder(self._host, "Import a folder of documents")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> Job | None:
        chosen = self._chosen()
        if chosen is None or not self._ready():
            return None
        patient, label = chosen
        self.errors.clear()
        self.errors.hide()
        self.drop_notice.clear()
        self.drop_notice.hide()
        self._result = _ImportResult(patient, label)
        self.progress.setRange(0, 0)
        self.progress.show()
        # Shown for the whole import (reset between files) rather than per file, for the same
        # reason the label keeps its height.
        self.file_progress.setRange(0, 1)
        self.file_progress.setValue(0)
        self.file_progress.show()
        self.cancel_button.show()
        # Whose chart the files go to, said plainly (walk 53a H1: a drop on another patient's row
        # went to the chosen one, and nothing named either).
        starting = f"Importing {what_is_imported(paths)} for {label}…"
        self.progress_label.setText(starting)
        announce(self.progress_label, starting)
        ws = self.workspace
        tally = ImportTally(paths)

        def on_file(event: ProgressEvent) -> None:
            tally.file(event)
            self.file_relay(event)

        def work(cancel: Any) -> ImportReport:
            return ws.import_documents(
                paths,
                patient,
                progress=self.relay,
                on_file=on_file,
                cancel=cancel,
                on_batch=tally.batch,
            )

        # Owned by the section (a child of its panel): deleted with its window, the import stops
        # at its next safe point and its end is dropped; it wrote to deleted bars (fix 52b).
        self.import_job = run_owned(self, "import", work, self._import_done, self._import_failed)
        self._batch = _Batch(self.import_job, patient, label, tally)
        self.started.emit()
        return self.import_job

    def keep_what_close_left_out(self) -> None:
        """Before the closing window locks the vault: the files of the import the close stopped
        that are not imported, kept in the vault for the next unlock to name. Written here, on
        the window's thread before the lock, whether the import has ended or is still in a step
        slower than the close's wait (review 46b D11: the worker wrote it after that step, and
        found the vault locked)."""
        batch = self._batch
        if batch is None or batch.job.cancelled_by != CLOSE:
            return
        left_out = batch.tally.not_imported()
        if not left_out:
            return
        try:
            self.workspace.remember_interrupted_import(
                InterruptedImport(batch.patient, batch.label, tuple(left_out))
            )
        except MedLocalError as exc:  # the close goes on; the list is lost, as it was before
            log.warning("the files not imported could not be noted (%s)", type(exc).__name__)

    def show_interrupted(self, stopped: InterruptedImport) -> None:
        """The import the last close stopped, as its own end would have shown it: the files
        not imported under its patient, and a line saying whose import it was elsewhere."""
        self.errors.clear()
        count = len(stopped.files)
        self._result = _ImportResult(
            stopped.patient_id,
            stopped.label,
            f"{CLOSE_STOPPED[0].upper()}{CLOSE_STOPPED[1:]}: {count} file(s) not imported; "
            "import them again.",
        )
        for shown in stopped.files:
            self._add_error(shown, f"not imported — {CLOSE_STOPPED}: import it again")
        self.show_result()

    def cancel_import(self) -> None:
        if self.import_job is not None and self.import_job.running:
            self.import_job.cancel()
            self.progress_label.setText("Stopping after the current step…")

    def _on_progress(self, value: Progress) -> None:
        if self.import_job is None:
            return  # the import already ended: its summary stays on screen
        # The file's own: embedding, splitting, OCR's pages. OCR's pages went to the batch's bar,
        # which then restarted at 0% with each scan while the file's stayed at 0 (walk 53b, L2).
        if value.unit in ("passages", "characters", "pages"):
            self.file_progress.setRange(0, value.total or 0)
            self.file_progress.setValue(value.done)
        else:
            if value.stage == "extract":  # the next file starts
                self.file_progress.setRange(0, 1)
                self.file_progress.setValue(0)
            if value.total:
                self.progress.setRange(0, value.total)
                self.progress.setValue(value.done)
        self.progress_label.setText(import_progress_text(value))  # words, not stage names

    def _on_file_event(self, event: ProgressEvent) -> None:
        if event.long_file is not None:
            # Said as soon as the pace is known, beside the Cancel button (walk 43: a 35,009-
            # passage lab CSV began an hour's indexing with no word), while that file lasts.
            long_file = event.long_file
            self.long_notice.setText(
                f"{shown_name(listed_name(event.file_name))}: {long_file.passages:,} passages: "
                f"indexing them takes about {duration_text(long_file.seconds)} at this "
                "computer's pace. Cancel stops the import (the files already imported stay)."
            )
            self.long_notice.setToolTip(shown_name(event.file_name))
            self.long_notice.show()
        elif event.stage == "done":  # that file imported, left out, failed or cancelled
            self._clear_long_notice()
        if event.outcome == "failed":
            self._add_error(event.file_name, event.detail or "not imported")
        if event.outcome == "imported":
            self.fileImported.emit()

    def _clear_long_notice(self) -> None:
        self.long_notice.clear()
        self.long_notice.setToolTip("")
        self.long_notice.hide()

    def _add_error(self, shown: str, reason: str) -> None:
        # A file named by its full path is listed by its name: the path pushed the reason out of
        # the narrow list (walk 25). The tooltip gives the path as the import named it.
        item = QListWidgetItem(f"{shown_name(listed_name(shown))}: {reason}")
        item.setToolTip(f"{shown_name(shown)}: {reason}")
        self.errors.addItem(item)
        self._show_import_errors()

    def _import_done(self, report: ImportReport) -> None:
        self.last_report = report
        self.progress.hide()
        self.file_progress.hide()
        self.cancel_button.hide()
        self._clear_long_notice()
        locked = self.import_job is not None and self.import_job.cancelled_by == "lock"
        end = ""
        if report.cancelled:
            end = (
                f" {LOCK_STOPPED[0].upper()}{LOCK_STOPPED[1:]}."
                if locked
                else " Cancelled before the end."
            )
        if report.stopped:
            end += f" Stopped: {report.stopped}"
        if report.not_reached:
            end += f" {len(report.not_reached)} file(s) not reached: import them again."
        self._result.summary = (
            f"Imported {len(report.imported)}, skipped {len(report.skipped)}, "
            f"failed {len(report.failed)}.{end}"
        )
        for outcome in report.imported:  # how it was read where that was a guess: OCR, encoding
            for note in outcome.notes:
                self._add_error(outcome.shown, f"imported — check: {note}")
        for outcome in report.skipped:  # a duplicate: with the notes stored with the first copy
            checks = "".join(f"; check: {note}" for note in outcome.notes)
            self._add_error(outcome.shown, f"skipped — {outcome.reason}{checks}")
        for outcome in report.files:
            if outcome.status == "cancelled":
                reason = f"{LOCK_STOPPED}: import it again" if locked else outcome.reason
                self._add_error(outcome.shown, f"not imported — {reason}")
        why = "the disk is full" if report.stopped else "the import was cancelled"
        if locked and not report.stopped:
            why = f"{LOCK_STOPPED}: import them again"
        for shown in report.not_reached:  # a cancelled or stopped import: what to import again
            self._add_error(shown, f"not reached — {why}")
        self._finish_import()

    def _import_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.file_progress.hide()
        self.cancel_button.hide()
        self._clear_long_notice()
        self._result.summary = f"Import stopped. {error_text(exc, 'The import')}"
        self._finish_import()

    def _finish_import(self) -> None:
        self.import_job = None
        self.finished.emit()

    def _shows_result_patient(self) -> bool:
        chosen = self._chosen()
        patient = chosen[0] if chosen is not None else None
        return self._result.patient is not None and self._result.patient == patient

    def _show_import_errors(self) -> None:
        self.errors.setVisible(self._shows_result_patient() and self.errors.count() > 0)

    def show_result(self) -> None:
        """The last import's summary and its files not imported are shown under the patient they
        were imported for, and hidden under any other (walk 25: "failed 4" and the failed files
        stayed under the next patient's documents). An import that ends while another patient
        is chosen says whose it was, until that patient is chosen. A running import's progress
        line stays whoever is chosen: the import goes on, and the buttons wait for it."""
        self._show_import_errors()
        if self.import_job is not None:
            return
        result = self._result
        if self._shows_result_patient():
            result.seen = True
            self.progress_label.setText(f"For {result.label}: {result.summary}")
        elif result.summary and not result.seen:
            self.progress_label.setText(
                f"The import for {result.label} ended: {result.summary} Choose {result.label} "
                "to see the files not imported."
            )
        else:
            self.progress_label.clear()
        if result.summary and not result.said:  # once per import, not at each patient chosen
            result.said = True
            announce(self.progress_label, self.progress_label.text())


@dataclass(frozen=True)
class _Batch:
    """An import as it was started: its job, patient (id and line in the list) and tally."""

    job: Job
    patient: int
    label: str
    tally: ImportTally


def _some_names(paths: list[Path]) -> str:
    """The first three names of ``paths`` and how many more."""
    names = ", ".join(shown_name(path.name or str(path)) for path in paths[:3])
    return names + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


@dataclass
class _ImportResult:
    """The last import: its patient (id and name as listed), its summary line, and whether the
    summary has been shown under that patient. ``label`` is the patient's line in the list
    (``patient_label``: the name already passed through ``shown_name``; review 43b R7 read the
    old ``name`` field as a raw name)."""

    patient: int | None = None
    label: str = ""
    summary: str = ""
    seen: bool = False
    said: bool = False  # announced to a screen reader


def what_is_imported(paths: list[Path]) -> str:
    """``paths`` counted as the person chose them: "1 file", "2 files and 1 folder"."""
    folders = sum(1 for path in paths if path.is_dir())
    files = len(paths) - folders
    parts = [
        f"{count} {noun}{'s' if count != 1 else ''}"
        for count, noun in ((files, "file"), (folders, "folder"))
        if count
    ]
    return " and ".join(parts) or "0 files"


def listed_name(shown: str) -> str:
    """A file as the list of files not imported names it: the name of a file given by its full
    path; the path inside a dropped folder as it is (it tells two ``letter.pdf`` apart)."""
    path = Path(shown)
    return path.name if path.is_absolute() else shown


class _FileEventRelay(QObject):
    """Finished files (outcome and reason) to the GUI thread. Stage and batch events stay on
    the worker: the progress relay already shows them, coalesced."""

    arrived = Signal(object)

    def __call__(self, value: ProgressEvent) -> None:
        if value.stage == "done":
            emit_from_worker(self, self.arrived, value)
