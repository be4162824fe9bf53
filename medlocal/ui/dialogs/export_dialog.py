"""Export a saved answer or summary to .md, .txt, .docx or .pdf, optionally de-identified; and, as
:class:`DocumentExportDialog`, a de-identified copy of an imported document (the same preview,
keep/add and audit, through the same :meth:`Workspace.export`).

With "Redact identifiers" on, the dialog first lists exactly what will be removed (each span,
its type, where it is and what replaces it) from :meth:`Workspace.preview_redactions`, and the
Export button waits for that list: nothing is written before the person has seen it. The
preview and the export both run off the GUI thread (export_tasks); the list is
redaction_preview's, the person's keeps and adds span_review's, the texts export_texts'.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.backups import full_path
from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.fsutil import shown_path
from medlocal.progress import Progress
from medlocal.rag.export import ExportReport, Shared
from medlocal.ui import files
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import ErrorLine, resize_on_screen, run_owned
from medlocal.ui.dialogs.export_tasks import Exporter, Previewer, exporter, previewer
from medlocal.ui.dialogs.export_texts import (
    DATE_MODES,
    EXPORT_UNREDACTED,
    FILTERS,
    MODEL_LINE_HELP,
    MODEL_LINE_STOPPED,
    MODEL_LINE_TEXT,
    PATH_EXAMPLE,
    UNREDACTED_DOCUMENT_QUESTION,
    UNREDACTED_DONE,
    UNREDACTED_QUESTION,
    export_error_text,
    progress_note,
)
from medlocal.ui.dialogs.redaction_preview import (
    fill_preview,
    preview_summary,
    preview_table,
)
from medlocal.ui.dialogs.span_review import SpanReview
from medlocal.ui.workers import Job, ProgressRelay

if TYPE_CHECKING:
    # Importing the redactor compiles some two thousand patterns (1.7-2.3 s of CPU): on the GUI
    # thread, opening this dialog froze the window that long (walk 25). The preview's worker
    # imports it instead, through Workspace.preview_redactions.
    from medlocal.privacy.deid_plan import PlanItem, RedactionPlan


class ExportDialog(QDialog):
    """``exported(path)`` after the file is written."""

    exported = Signal(str)

    def __init__(self, workspace: Workspace, item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.workspace = workspace
        self.shared = self._shared(item_id)  # a saved output's id here, a document's below
        self.planned: list[PlanItem] | None = None
        self.plan: RedactionPlan | None = None  # the plan the list shows
        self.preview_job: Job | None = None
        # Where the preview and the export say how far they read the patient's record (the
        # first export of a patient with a long document reads it for minutes; walk 35).
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._show_progress)
        self.export_job: Job | None = None
        self._preview_key: tuple[bool, str, bool] | None = None
        self._replace_agreed = ""  # an existing file the person agreed to replace

        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName("Export file")
        self.path_edit.setPlaceholderText("Choose where to save: .md, .txt, .docx or .pdf")
        self.browse_button = QPushButton("&Choose…", self)
        self.browse_button.setAccessibleName("Choose the export file")
        self.browse_button.clicked.connect(self.browse)
        self.redact = QCheckBox("&Redact identifiers", self)
        self.redact.setAccessibleName("Redact identifiers")
        self.redact.setToolTip("Remove names, record numbers, dates and contact details.")
        self.date_mode = QComboBox(self)
        self.date_mode.setAccessibleName("How dates are redacted")
        for label, value in DATE_MODES:
            self.date_mode.addItem(label, value)
        self.date_mode.setEnabled(False)
        # Off by default: minutes per page, and it adds little with a small model (walk 45).
        self.model_line = QCheckBox(MODEL_LINE_TEXT, self)
        self.model_line.setAccessibleName("Also ask the chat model for names and places")
        self.model_line.setAccessibleDescription(MODEL_LINE_HELP)
        self.model_line.setToolTip(MODEL_LINE_HELP)
        self.model_line.setEnabled(False)
        self.preview = preview_table(self)
        self.keep_button = QPushButton("&Keep selected…", self)
        self.keep_button.setAccessibleName("Keep the selected span in the export, with a reason")
        self.keep_button.clicked.connect(self.keep_selected)
        self.add_button = QPushButton("&Add text to remove…", self)
        self.add_button.setAccessibleName("Remove a text the rules missed")
        self.add_button.clicked.connect(self.add_text)
        self.review = QWidget(self)
        review_row = QHBoxLayout(self.review)
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.keep_button)
        review_row.addWidget(self.add_button)
        review_row.addStretch(1)
        self.review.setVisible(False)
        self.message = ErrorLine("Export message", self)
        self.spans = SpanReview(self, self.preview, self.message)  # what the person keeps, adds
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setAccessibleName("Write the export file")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        # Stops the preview or export running (the model line takes minutes); Close does too.
        self.cancel_button = buttons.addButton("Ca&ncel", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setAccessibleName("Stop the preview or export now running")
        self.cancel_button.clicked.connect(self.cancel_running)
        self.cancel_button.setVisible(False)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        file_label = QLabel("&File", self)
        file_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy of its own
        form.addRow(file_label, row)
        form.addRow("", self.redact)
        form.addRow("&Dates", self.date_mode)
        form.addRow("", self.model_line)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.review)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        resize_on_screen(self, 720, 480)
        self.redact.toggled.connect(self._options_changed)
        self.date_mode.currentIndexChanged.connect(self._options_changed)
        self.model_line.toggled.connect(self._options_changed)

    def browse(self) -> None:
        # Qt's own (non-native) save dialog: a native one would add the exported letter to the
        # desktop's recent-files list, a record of patients outside the vault (medlocal.ui.files).
        chosen = files.save_file_name(self, "Export to", self.path_edit.text(), FILTERS)
        if chosen:
            self.path_edit.setText(chosen)
            self._replace_agreed = chosen  # the save dialog asked before choosing a file there

    @property
    def mode(self) -> str:
        return str(self.date_mode.currentData())

    def _options_changed(self, *_: object) -> None:
        on = self.redact.isChecked()
        self.date_mode.setEnabled(on)
        self.model_line.setEnabled(on)
        self.preview.setVisible(on)
        self.planned = None
        self.plan = None
        self.preview.setRowCount(0)
        self.message.clear_message()
        if on:
            self.load_preview()
        self._update_export_button()

    def _update_export_button(self) -> None:
        waiting = self.redact.isChecked() and self.planned is None
        busy = self.export_job is not None
        self.export_button.setEnabled(not waiting and not busy)
        self.cancel_button.setVisible(busy or self.preview_job is not None)

    @property
    def asks_model(self) -> bool:
        return self.redact.isChecked() and self.model_line.isChecked()

    def cancel_running(self) -> None:
        """Stop the preview or the export now running (a model-line preview takes minutes)."""
        for job in (self.preview_job, self.export_job):
            if job is not None:
                job.cancel()
        self.message.show_note("Stopping…")

    def load_preview(self) -> Job:
        """What a redacted export would remove, computed off the GUI thread; writes nothing."""
        mode, model_line = self.mode, self.asks_model
        key = (True, mode, model_line)
        self._preview_key = key
        # Said at once: the first preview of a session may wait seconds for the redactor to load.
        self.message.show_note("Preparing the preview: finding identifiers…")
        if self.preview_job is not None:  # an older preview's minutes of model line are wasted
            self.preview_job.cancel()

        keep, add = list(self.spans.keep), list(self.spans.add)
        previewer = self._previewer()

        def work(cancel: threading.Event) -> RedactionPlan:
            return previewer(mode, keep, add, model_line, self.relay, cancel)

        def done(plan: RedactionPlan) -> None:
            if self._preview_key != key or not self.redact.isChecked():
                return  # the options changed meanwhile; a newer preview is on its way
            self.preview_job = None
            self.plan = plan
            self.show_preview(plan.items)

        def failed(exc: BaseException) -> None:
            if self._preview_key != key:
                return  # a preview replaced by a newer one (and cancelled): nothing to say
            self.preview_job = None
            self._update_export_button()
            if isinstance(exc, GenerationCancelled) and model_line:
                # Stopped during the model's reading: show what the rules alone remove.
                self.spans.note = MODEL_LINE_STOPPED
                self.model_line.setChecked(False)  # starts the rules' preview
                return
            if isinstance(exc, GenerationCancelled):
                self.message.show_note(
                    "The preview was stopped. Untick and tick Redact identifiers to list again."
                )
                return
            self.message.show_error(export_error_text(exc))

        self.preview_job = run_owned(self, "redaction preview", work, done, failed)
        self._update_export_button()
        return self.preview_job

    def _show_progress(self, value: Progress) -> None:
        """A line of the reading of the record, while a preview or an export runs."""
        if self.preview_job is not None:
            doing = "Preparing the preview"
        elif self.export_job is not None:
            doing = "Exporting"
        else:
            return  # a late value of a job that ended or was dropped
        self.message.show_note(progress_note(doing, value))

    def show_preview(self, planned: list[PlanItem]) -> None:
        self.planned = planned
        fill_preview(self.preview, planned)
        self.review.setVisible(True)
        self.message.show_note(f"{self.spans.take_note()}{preview_summary(planned)}")
        self._update_export_button()

    def keep_selected(self) -> None:
        if self.spans.keep_selected(self.planned):
            self._preview_again()

    def add_text(self) -> None:
        if self.spans.add_text(self.plan, self.planned):
            self._preview_again()

    def _preview_again(self) -> None:
        """The list computed again with the person's kept spans and added texts."""
        self.planned = None
        self.plan = None
        self.load_preview()

    def export(self) -> Job | None:
        text = self.path_edit.text().strip()
        if not text:
            self.message.show_error("Choose a file to export to.")
            return None
        if self.redact.isChecked() and self.planned is None:
            self.message.show_error("Wait for the list of what will be removed.")
            return None
        try:  # the window has no meaningful current folder: "letter.txt" says no folder
            path = full_path(text, "The export file", example=PATH_EXAMPLE, thing="file")
        except UserInputError as err:
            self.message.show_error(str(err))
            return None
        redact, mode = self.redact.isChecked(), self.mode
        model_line = self.asks_model
        if not redact and not self._unredacted_allowed():
            return None
        if not self._may_write(path):
            return None
        keep, add = list(self.spans.keep), list(self.spans.add)
        exporter = self._exporter()

        def work(cancel: threading.Event) -> ExportReport:
            return exporter(
                path,
                redact,
                mode,
                keep if redact else (),
                add if redact else (),
                model_line,
                self.relay,
                cancel,
            )

        def done(report: ExportReport) -> None:
            self.export_job = None
            self._update_export_button()
            # A kept span is in the file: it is counted as kept, never as removed; an
            # unredacted file says so, as the command line does.
            removed = f", {report.tally() if redact else UNREDACTED_DONE}"
            self.message.show_note(f"Exported to {shown_path(report.path)}{removed}.")
            self.exported.emit(str(report.path))

        def failed(exc: BaseException) -> None:
            self.export_job = None
            self._update_export_button()
            self.message.show_error(export_error_text(exc))

        self.message.show_note("Exporting…")
        self.export_job = run_owned(self, "export", work, done, failed)
        self._update_export_button()
        return self.export_job

    def _may_write(self, path: Path) -> bool:
        """Whether ``path`` may be written: a new file, one the save dialog already asked about,
        or one the person agrees to replace now (walk 21: a typed path silently replaced the
        original letter it named; the command line refuses without --overwrite)."""
        if not path.exists() or str(path) == self._replace_agreed:
            return True
        if path.is_dir():
            self.message.show_error(f"{shown_path(path)} is a folder: type a file name after it.")
            return False
        if not confirm(
            self, "Replace file?", f"{shown_path(path)} already exists. Replace it?", "Replace"
        ):
            self.message.show_note("Not exported: choose another file name.")
            return False
        self._replace_agreed = str(path)
        return True

    def _shared(self, item_id: int) -> Shared:
        """What this dialog exports: a saved output here, a document in the subclass."""
        return Shared.output(item_id)

    def _previewer(self) -> Previewer:
        return previewer(self.workspace, self.shared)

    def _exporter(self) -> Exporter:
        return exporter(self.workspace, self.shared)

    def _unredacted_allowed(self) -> bool:
        """Whether the person, asked, agrees to write the file with the identifiers in it."""
        return confirm(self, "Export unredacted", UNREDACTED_QUESTION, EXPORT_UNREDACTED)

    def _clear(self) -> None:
        """Closed: the list leaves the screen, and a preview still being computed is cancelled
        and its late list dropped (``done`` finds the key changed), so a hidden dialog holds no
        patient's names."""
        self._preview_key = None
        if self.preview_job is not None:
            self.preview_job.cancel()
            self.preview_job = None
        self.cancel_button.setVisible(self.export_job is not None)
        self.preview.setRowCount(0)
        self.planned = None
        self.plan = None

    def reject(self) -> None:
        self._clear()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clear()
        super().closeEvent(event)


class DocumentExportDialog(ExportDialog):
    """ "Export redacted copy…" of an imported document: the outputs' dialog, with "Redact
    identifiers" on from the start, and an unredacted copy written only after the person says
    yes to a question naming what it holds."""

    def __init__(
        self, workspace: Workspace, document_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, document_id, parent)
        self.setWindowTitle("Export redacted copy")
        self.redact.setChecked(True)  # the preview starts at once

    def _shared(self, item_id: int) -> Shared:
        return Shared.document(item_id)

    def _unredacted_allowed(self) -> bool:
        return confirm(self, "Export unredacted", UNREDACTED_DOCUMENT_QUESTION, EXPORT_UNREDACTED)
