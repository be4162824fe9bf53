"""Summarise a patient's documents into a template: pick documents and a template, follow the
map/reduce steps with Cancel, then read the result with its citation chips, flagged sentences and
provenance, and export it.

The summary runs in a worker (``Workspace.summarize``); nothing is saved when it is cancelled.
Clicking a citation chip shows its passage in the dialog itself, under the summary: the dialog is
modal and covers the window, whose sources panel sat unseen behind it (walk 26).
"""

from __future__ import annotations

import html
import logging
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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.outputs import PLAN_STAGE, SavedSummary, plan_shortened_by
from medlocal.app.patients import document_dates
from medlocal.app.summary_period import PeriodChoice, documents_in_period
from medlocal.document_dates import day_of
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.progress import Progress, ProgressCallback
from medlocal.rag.flags import items_phrase, items_to_check
from medlocal.rag.passages import SourceRef
from medlocal.rag.provenance import provenance_lines
from medlocal.rag.summarize import Summary
from medlocal.rag.summary_outcome import nothing_extracted_note
from medlocal.rag.templates import scan_templates, user_dir
from medlocal.ui.citation_notice import citation_notice_html
from medlocal.ui.colours import Tone, ToneLabel, tone_colour, tone_css
from medlocal.ui.dialogs.common import (
    ErrorLine,
    TaskPanel,
    error_text,
    picker_and_result_layout,
    resize_on_screen,
)
from medlocal.ui.icons import NOTED_MARK
from medlocal.ui.period_row import PeriodRow
from medlocal.ui.render import answer_html, drafts_html, flag_list_html
from medlocal.ui.safe_browser import SafeBrowser
from medlocal.ui.sources_panel import SourcesPanel
from medlocal.ui.workers import Job
from medlocal.vault.rows import DocumentInfo

log = logging.getLogger(__name__)

# The document list grows to show whole file names, up to this width: the summary needs the rest.
MAX_LIST_WIDTH = 440


def templates_left_out(problems: list[str]) -> str:
    """What the template picker leaves out and why, naming the folder the files are read from."""
    if not problems:
        return ""
    lines = "\n".join(f"• {problem}" for problem in problems)
    return f"Left out of this list (fix the file in {user_dir()}):\n{lines}"


def sources_html(sources: list[SourceRef]) -> str:
    """The reference list under the summary: file and page per passage number (no text)."""
    if not sources:
        return ""
    items = "".join(
        f'<li><a href="cite:{s.number}">[{s.number}]</a> {html.escape(shown_name(s.file_name))}'
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
        + citation_notice_html(summary.text, summary.flags, tone_css(Tone.WARNING), "summary")
        + flag_list_html(summary.flags, summary.text, tone_css(Tone.ERROR), whole="summary")
        + drafts_html(summary.flags, tone_css(Tone.MUTED))
        + notes_html(summary.notes)
        + sources_html(summary.sources)
    )


def notes_html(notes: list[str]) -> str:
    """What the imports noted about the documents summarised (one names another patient),
    worded as under an answer: a summary resting on a misfiled letter said nothing (walk 40b)."""
    return "".join(
        f'<p style="{tone_css(Tone.WARNING)}"><i>{NOTED_MARK} Note: {html.escape(note)}</i></p>'
        for note in notes
    )


def period_note(ticked: int, words: str, choice: PeriodChoice) -> str:
    """What *Tick these* did, with what it left unticked that may belong (eight names at
    most)."""
    left = []
    if choice.undated:
        names = ", ".join(shown_name(d.file_name) for d in choice.undated[:8])
        more = f" and {len(choice.undated) - 8} more" if len(choice.undated) > 8 else ""
        left.append(f"{len(choice.undated)} with no clear date of their own ({names}{more})")
    if choice.noted:
        left.append(f"{len(choice.noted)} in the period that name(s) another patient")
    unticked = (
        f" Left unticked: {' and '.join(left)}; tick any that belong yourself." if left else ""
    )
    return f"Ticked the {ticked} document(s) {words}.{unticked}"


class SummarizeDialog(QDialog):
    """``outputSaved(output_id)`` after a summary is saved in the vault."""

    outputSaved = Signal(int)

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
        # A name longer than the list is shortened in its middle, keeping its start, its type
        # and the import date in sight (the tooltip has it whole), not cut off at the right.
        self.documents.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.all_button = QPushButton("Select &all", self)
        self.all_button.setAccessibleName("Select all documents")
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button = QPushButton("Select &none", self)
        self.none_button.setAccessibleName("Select no documents")
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.period = PeriodRow(self)
        self.period.chosen.connect(self._tick_period)
        self._listed: list[DocumentInfo] = []
        self._dates: dict[int, str] = {}
        self.template = QComboBox(self)
        self.template.setAccessibleName("Summary template")
        templates, problems = scan_templates()
        for template in templates:
            self.template.addItem(template.title, template.name)
            self.template.setItemData(
                self.template.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
        self.template_help = QLabel(self)
        self.template_help.setWordWrap(True)
        # A user template that cannot be read is left out of the list; say which and why here,
        # as `templates list` does, or whoever is testing a new template cannot tell (walk 27).
        self.template_problems = ToneLabel(templates_left_out(problems), Tone.WARNING, self)
        self.template_problems.setWordWrap(True)
        self.template_problems.setAccessibleName("Templates left out")
        self.template_problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.template_problems.setVisible(bool(problems))
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.run_button = QPushButton("&Summarise", self)
        self.run_button.setAccessibleName("Start the summary")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.task = TaskPanel("Summary", self)
        self.message = ErrorLine("Summary message", self)
        self.task.relay.progressed.connect(self._planned)

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
        self.source = SourcesPanel(workspace, self)
        self.source.setAccessibleName("Cited passage")
        self.source.hide()  # until a citation is clicked
        self._layout()
        self.load_documents()
        self._template_chosen()

    def _layout(self) -> None:
        picker = QWidget(self)
        form = QFormLayout(picker)
        documents_label = QLabel("&Documents", picker)
        documents_label.setBuddy(self.documents)
        form.addRow(documents_label)  # above the list: its width is the names'
        form.addRow(self.documents)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_button)
        buttons_row.addWidget(self.none_button)
        buttons_row.addStretch(1)
        form.addRow(buttons_row)
        form.addRow(self.period)
        # Above its box, as "Documents" (walk 48a D8: beside it, "Template" was cut at 18 pt
        # when the pane was narrow).
        self.template_label = QLabel("&Template", picker)
        self.template_label.setBuddy(self.template)
        form.addRow(self.template_label)
        form.addRow(self.template)
        form.addRow(self.template_help)
        form.addRow(self.template_problems)
        form.addRow(self.run_button)
        summary = QWidget(self)
        column = QVBoxLayout(summary)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.provenance)
        self.summary_split = QSplitter(Qt.Orientation.Vertical, self)
        self.summary_split.setChildrenCollapsible(False)
        self.summary_split.addWidget(summary)
        self.summary_split.addWidget(self.source)
        picker_and_result_layout(
            self, picker, self.summary_split, self.task, self.message, self.export_button
        )
        resize_on_screen(self, 960, 640)

    def load_documents(self) -> None:
        self.documents.clear()
        try:
            documents = self.workspace.require_vault().list_documents(self.patient_id)
        except Exception as exc:
            self.message.show_error(error_text(exc, "Listing the documents"))
            documents = []
        dates = self._document_dates(documents)
        self._listed, self._dates = documents, dates
        self.period.set_days(day for day in map(day_of, dates.values()) if day is not None)
        for document in documents:
            imported = document.imported_at[:10]
            # The document's own date where its text shows one, else the import date named as
            # such: the import date alone read as the date of the letter (walk 27).
            dated = dates.get(document.id)
            when = f"dated {dated}" if dated else f"imported {imported}"
            text = f"{shown_name(document.file_name)}  ({when})"
            item = QListWidgetItem(f"{NOTED_MARK} {text}" if document.notes else text)
            dated_line = f"Dated {dated}\n" if dated else ""
            checks = "".join(f"\nCheck: {note}" for note in document.notes)
            item.setToolTip(
                f"{shown_name(document.file_name)}\n{dated_line}Imported {imported}{checks}"
            )
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # A document that names another patient is left out unless ticked: summarised by
            # default, another patient's letter went into this one's summary unnoticed (walk
            # 40b). Ticked, the summary carries the import's note.
            if document.notes:
                item.setForeground(tone_colour(Tone.WARNING))
            item.setCheckState(Qt.CheckState.Unchecked if document.notes else Qt.CheckState.Checked)
            self.documents.addItem(item)
        self._fit_documents()
        self.run_button.setEnabled(bool(documents))
        if not documents:
            self.message.show_note("This patient has no documents yet: import some first.")

    def _document_dates(self, documents: list[DocumentInfo]) -> dict[int, str]:
        try:
            return document_dates(self.workspace.require_vault(), documents)
        except Exception as exc:  # the dates only help: the list still shows the import dates
            log.warning("document dates not read (%s)", type(exc).__name__)
            return {}

    def _fit_documents(self) -> None:
        """The list as wide as its longest entry, up to MAX_LIST_WIDTH: at the width it had,
        most file names were cut off (walk 26)."""
        widest = max(self.documents.sizeHintForColumn(0), 0)
        scroll_bar = self.documents.verticalScrollBar().sizeHint().width()
        needed = widest + scroll_bar + 2 * self.documents.frameWidth()
        self.documents.setMinimumWidth(min(needed, MAX_LIST_WIDTH))

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.documents.count()):
            self.documents.item(row).setCheckState(state)

    def _tick_period(self) -> None:
        """Tick the documents dated in the period row's period and untick the rest; say what was
        left unticked and why, so a letter with no date of its own is not lost unseen."""
        try:
            period = self.period.period()
        except UserInputError as bad:
            self.message.show_error(f"{str(bad)[0].upper()}{str(bad)[1:]}.")
            return
        choice = documents_in_period(self._listed, self._dates, period)
        chosen = set(choice.chosen)
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        if not chosen:
            # Unticked, not left as they were: Summarise then asks for a document rather than
            # summarising the whole record as if it were the period (review52a 5).
            self.message.show_note(
                f"No document is {period.words()}: none is ticked now. Choose another period "
                "or tick documents by hand."
            )
            return
        self.message.show_note(period_note(len(choice.chosen), period.words(), choice))

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
        # The passage a citation of the last summary opened is not this one's (walk 32).
        self.source.clear()
        self.source.hide()
        self.run_button.setEnabled(False)
        self.export_button.setEnabled(False)

        def task(progress: ProgressCallback, cancel: threading.Event) -> SavedSummary:
            return workspace.summarize(
                patient, template, document_ids=documents, progress=progress, cancel=cancel
            )

        return self.task.start("summarising", task, self._done, self._failed)

    def _planned(self, value: Progress) -> None:
        """The summary's steps and expected time, kept in sight under the progress line (which
        moves on at the first step) with what shortens it (walk 41: 32 steps, ~2 h, unsaid)."""
        if value.stage == PLAN_STAGE:
            shorter = (
                "choose a template with fewer sections"
                if plan_shortened_by(value) == "sections"
                else "tick fewer documents"
            )
            self.message.show_note(
                f"This summary takes {value.detail}. To shorten it, stop it and {shorter}."
            )

    def _done(self, saved: SavedSummary) -> None:
        self.saved = saved
        self.run_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.show_summary(saved.summary)
        # What the list under the summary shows: one item per sentence or section; for a
        # summary with nothing in it, that (walk 51b L9: it said "1 item(s) to check").
        empty = nothing_extracted_note(saved.summary.text)
        flagged = items_to_check(saved.summary.flags, saved.summary.text)
        if empty is not None:
            self.message.show_error(f"Saved in the vault, but empty. {empty}")
        else:
            self.message.show_note(
                "Saved in the vault."
                + (f" {items_phrase(flagged)} against the sources." if flagged else "")
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
        source = next((s for s in self.saved.summary.sources if str(s.number) == number), None)
        if source is not None:
            self.show_source(source)

    def show_source(self, source: SourceRef) -> None:
        """The passage under the summary, highlighted in its document (read on a worker)."""
        if self.source.isHidden():
            self.source.show()
            height = sum(self.summary_split.sizes())
            self.summary_split.setSizes([height - height * 2 // 5, height * 2 // 5])
        self.source.show_source(source)

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
        self.source.clear()

    def reject(self) -> None:
        self.task.cancel()
        self._clear()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.task.cancel()
        self._clear()
        super().closeEvent(event)
