"""Summarise a patient's documents into a template: pick documents and a template, follow the
map/reduce steps with Cancel, then read the result with its citation chips, flagged sentences and
provenance, and export it.

The summary runs in a worker (``Workspace.summarize``); nothing is saved when it is cancelled.
Clicking a citation chip emits ``sourceRequested(SourceRef)`` for the window's sources panel.
"""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.outputs import SavedSummary
from medlocal.progress import ProgressCallback
from medlocal.rag.flags import listed_flags
from medlocal.rag.passages import SourceRef
from medlocal.rag.provenance import provenance_lines
from medlocal.rag.summarize import Summary
from medlocal.rag.templates import list_templates
from medlocal.ui.colours import Tone, tone_css
from medlocal.ui.dialogs.common import (
    ErrorLine,
    TaskPanel,
    error_text,
    picker_and_result_layout,
)
from medlocal.ui.render import answer_html, flag_list_html
from medlocal.ui.safe_browser import SafeBrowser
from medlocal.ui.workers import Job


def sources_html(sources: list[SourceRef]) -> str:
    """The reference list under the summary: file and page per passage number (no text)."""
    if not sources:
        return ""
    items = "".join(
        f'<li><a href="cite:{s.number}">[{s.number}]</a> {html.escape(s.file_name)}'
        + (f", {s.pages}" if s.page else "")
        + "</li>"
        for s in sources
    )
    return f"<p><b>Sources</b></p><ul>{items}</ul>"


def summary_html(summary: Summary) -> str:
    # The summary's text starts with its title ("# Problem list"): a second title above it
    # doubled it (walk 26).
    titled = summary.text.lstrip().startswith("# ")
    return (
        ("" if titled else f"<h2>{html.escape(summary.title)}</h2>")
        + answer_html(summary.text, summary.flags)
        + flag_list_html(summary.flags, summary.text, tone_css(Tone.ERROR), whole="summary")
        + sources_html(summary.sources)
    )


class SummarizeDialog(QDialog):
    """``outputSaved(output_id)`` after a summary is saved in the vault."""

    outputSaved = Signal(int)
    sourceRequested = Signal(object)  # a SourceRef

    def __init__(
        self, workspace: Workspace, patient_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Summarise")
        self.workspace = workspace
        self.patient_id = patient_id
        self.saved: SavedSummary | None = None

        self.documents = QListWidget(self)
        self.documents.setAccessibleName("Documents to summarise")
        self.all_button = QPushButton("Select &all", self)
        self.all_button.setAccessibleName("Select all documents")
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button = QPushButton("Select &none", self)
        self.none_button.setAccessibleName("Select no documents")
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.template = QComboBox(self)
        self.template.setAccessibleName("Summary template")
        for template in list_templates():
            self.template.addItem(template.title, template.name)
            self.template.setItemData(
                self.template.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
        self.template_help = QLabel(self)
        self.template_help.setWordWrap(True)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.run_button = QPushButton("&Summarise", self)
        self.run_button.setAccessibleName("Start the summary")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.task = TaskPanel("Summary", self)
        self.message = ErrorLine("Summary message", self)

        self.view = SafeBrowser(self)
        self.view.setAccessibleName("Summary")
        self.view.citationClicked.connect(self._citation)
        self.provenance = QPlainTextEdit(self)
        self.provenance.setReadOnly(True)
        self.provenance.setAccessibleName("Summary provenance")
        self.provenance.setMaximumHeight(90)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setAccessibleName("Export the summary")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.open_export)
        self._layout()
        self.load_documents()
        self._template_chosen()

    def _layout(self) -> None:
        picker = QWidget(self)
        form = QFormLayout(picker)
        form.addRow("&Documents", self.documents)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_button)
        buttons_row.addWidget(self.none_button)
        buttons_row.addStretch(1)
        form.addRow("", buttons_row)
        form.addRow("&Template", self.template)
        form.addRow("", self.template_help)
        form.addRow("", self.run_button)
        result = QWidget(self)
        column = QVBoxLayout(result)
        column.addWidget(self.view, 1)
        column.addWidget(self.provenance)
        picker_and_result_layout(self, picker, result, self.task, self.message, self.export_button)
        self.resize(960, 640)

    def load_documents(self) -> None:
        self.documents.clear()
        try:
            documents = self.workspace.require_vault().list_documents(self.patient_id)
        except Exception as exc:
            self.message.show_error(error_text(exc, "Listing the documents"))
            documents = []
        for document in documents:
            item = QListWidgetItem(f"{document.file_name}  ({document.imported_at[:10]})")
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.documents.addItem(item)
        self.run_button.setEnabled(bool(documents))
        if not documents:
            self.message.show_note("This patient has no documents yet: import some first.")

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.documents.count()):
            self.documents.item(row).setCheckState(state)

    def chosen_documents(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.documents.item(row) for row in range(self.documents.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _template_chosen(self, *_: object) -> None:
        self.template_help.setText(
            str(self.template.itemData(self.template.currentIndex(), Qt.ItemDataRole.ToolTipRole))
        )

    def start(self) -> Job | None:
        documents = self.chosen_documents()
        if not documents:
            self.message.show_error("Choose at least one document.")
            return None
        template = str(self.template.currentData())
        workspace, patient = self.workspace, self.patient_id
        self.message.clear_message()
        self.run_button.setEnabled(False)
        self.export_button.setEnabled(False)

        def task(progress: ProgressCallback, cancel: threading.Event) -> SavedSummary:
            return workspace.summarize(
                patient, template, document_ids=documents, progress=progress, cancel=cancel
            )

        return self.task.start("summarising", task, self._done, self._failed)

    def _done(self, saved: SavedSummary) -> None:
        self.saved = saved
        self.run_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.show_summary(saved.summary)
        # What the list under the summary shows: one item per sentence or section.
        flagged = len(listed_flags(saved.summary.flags, saved.summary.text))
        self.message.show_note(
            "Saved in the vault."
            + (f" {flagged} item(s) to check against the sources." if flagged else "")
        )
        self.outputSaved.emit(saved.output_id)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.message.show_error(error_text(exc, "The summary") + " Nothing was saved.")

    def show_summary(self, summary: Summary) -> None:
        self.view.setHtml(summary_html(summary))
        self.provenance.setPlainText("\n".join(provenance_lines(summary.provenance)))

    def _citation(self, ref: str) -> None:
        if self.saved is None:
            return
        number = ref.rsplit(".", 1)[-1]
        for source in self.saved.summary.sources:
            if str(source.number) == number:
                self.sourceRequested.emit(source)
                return

    def open_export(self) -> None:
        if self.saved is None:
            return
        from medlocal.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.workspace, self.saved.output_id, self)
        dialog.open()

    def _clear(self) -> None:
        # Patient text leaves the widgets with the dialog (the window also locks by closing it).
        self.view.clear()
        self.provenance.clear()

    def reject(self) -> None:
        self.task.cancel()
        self._clear()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.task.cancel()
        self._clear()
        super().closeEvent(event)
