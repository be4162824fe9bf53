"""The chosen patient's documents, as the Patients panel lists them: the list widget, and its
refresh, at once from a read or, while an import runs, off the GUI thread at most every
DOCS_REFRESH_MS."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QHelpEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QToolTip

from medlocal.app import Workspace
from medlocal.app.patients import documents_in_order
from medlocal.ui.patient_rows import ID_ROLE, document_item
from medlocal.ui.workers import run_task
from medlocal.vault.rows import DocumentInfo

DOCS_REFRESH_MS = 500


class SelectingList(QListWidget):
    """A list whose current row is selected when the keyboard arrives in it (walk 48a D9: Tab
    landed on a current but unselected document, so "Export redacted copy…" stayed off and
    out of the Tab order until an arrow key)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        item = self.currentItem()
        keys = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        # A row the filter box hides is not chosen by arriving (ui63: it would be deleted unseen).
        if (
            item is not None
            and not item.isHidden()
            and not self.selectedItems()
            and event.reason() in keys
        ):
            item.setSelected(True)

    def tip_for(self, item: QListWidgetItem) -> str:
        """What hovering ``item`` shows: its own tooltip (what its import noted), else its
        whole text where the row cuts it short with "…" (ui63: a 200-character file name was
        "2024-03-13_disch…(1 passage)" with no way to read the rest), else nothing."""
        if item.toolTip():
            return item.toolTip()
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 2
        # The item's rect is as wide as its whole text: the row is cut at the viewport's edge.
        room = min(self.visualItemRect(item).width(), self.viewport().width()) - margin
        return item.text() if self.fontMetrics().horizontalAdvance(item.text()) > room else ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.itemAt(event.pos())
            tip = self.tip_for(item) if item is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class DocumentRefresh(QObject):
    """Fills ``documents`` with the documents of the patient ``patient_id()`` names. A read
    made off the GUI thread that is older than the last list shown (a reload, a lock, another
    patient chosen) is dropped. ``shown`` follows each new list (the filter box applies itself
    to it)."""

    shown = Signal()

    def __init__(
        self,
        workspace: Workspace,
        documents: QListWidget,
        patient_id: Callable[[], int | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.documents = documents
        self.patient_id = patient_id
        # The list follows an import at most every DOCS_REFRESH_MS, read off the GUI thread.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DOCS_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_in_background)
        self._generation = 0  # a background read older than the last reload is dropped

    def forget_reads(self) -> None:
        """No read under way or to come is shown: a newer list is (or nothing is)."""
        self._timer.stop()
        self._generation += 1

    def show(self, docs: list[DocumentInfo]) -> None:
        self.documents.clear()
        for doc in documents_in_order(docs):  # the order `patient show` lists them in
            self.documents.addItem(document_item(doc))
        self.shown.emit()

    def listed(self) -> list[int]:
        """The ids of the documents listed, in their order."""
        return [
            int(self.documents.item(row).data(ID_ROLE)) for row in range(self.documents.count())
        ]

    def follow_import(self) -> None:
        """A file was imported: the list is read again soon (at most every DOCS_REFRESH_MS)."""
        if not self._timer.isActive():
            self._timer.start()

    def refresh_in_background(self) -> None:
        """The list during an import. Read on a worker: the vault serialises its calls, and the
        import may be committing a large document, which would hold a GUI-thread read (and the
        window) until the commit ends."""
        ws, patient, generation = self.workspace, self.patient_id(), self._generation
        if patient is None:
            return

        def read(_cancel: Any) -> list[DocumentInfo]:
            return ws.require_vault().list_documents(patient)

        def show(docs: list[DocumentInfo]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.show(docs)

        # A failed read (the vault locked meanwhile) leaves the list as it is: the end of the
        # import, or the lock, reloads or clears it.
        run_task("document list", read, show, lambda _exc: None)
