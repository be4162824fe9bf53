"""The box that narrows a patient's document list as the clinician types: a file name, a type
("pdf") or a date ("2024-03", the import's or one in the file's name), words in any order.

A hidden row is never acted on: Qt's Ctrl+A selects every row of the model, the hidden ones
too, and Delete would then have deleted documents the clinician could not see. So a row the
filter hides is unselected at once, and :func:`chosen_documents` (what Delete and Export act
on) takes only the visible selected rows (ui63; review62u's "not cheap to do safely")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from medlocal.folding import fold_letters
from medlocal.ui.patient_rows import FIND_ROLE


def document_matches(query: str, found_in: str) -> bool:
    """Whether every word of ``query`` is in ``found_in`` (a row's name, type and dates), in
    any order and case, accents ignored. An empty query finds every document."""
    text = fold_letters(found_in).casefold()
    return all(fold_letters(word).casefold() in text for word in query.split())


def chosen_documents(documents: QListWidget) -> list[QListWidgetItem]:
    """The selected rows the clinician can see, in the list's order."""
    # selectedItems() gives the order of the clicks; the confirmation names them as listed.
    shown = [item for item in documents.selectedItems() if not item.isHidden()]
    return sorted(shown, key=documents.row)


class DocumentFilter(QLineEdit):
    """The filter box over ``documents``; Escape in it clears it (and only then leaves the
    Escape to the window). ``count`` says how many rows show while it narrows the list."""

    def __init__(self, documents: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.setPlaceholderText("Find a document by name, type or date")
        self.setAccessibleName("Find a document")
        self.setToolTip(
            "Type part of a file name, a type (pdf, docx) or a date (2024-03). Esc clears."
        )
        self.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setWordWrap(True)
        self.count.setAccessibleName("Documents shown")
        self.count.hide()
        self.textChanged.connect(self.apply)
        # Ctrl+A, Shift+End and the like may select hidden rows: they are unselected at once.
        documents.itemSelectionChanged.connect(self._drop_hidden)

    def apply(self, *_args: object) -> None:
        """Hide the rows the box does not find, unselecting them; say how many show."""
        query, total, shown = self.text(), self.documents.count(), 0
        for row in range(total):
            item = self.documents.item(row)
            hidden = not document_matches(query, str(item.data(FIND_ROLE) or item.text()))
            item.setHidden(hidden)
            shown += not hidden
        self._drop_hidden()
        if query.strip():
            self.count.setText(
                f"{shown} of {total} documents shown. Esc in the box shows them all."
                if shown
                else f"No document of the {total} matches “{query.strip()}”. Esc shows them all."
            )
        self.count.setVisible(bool(query.strip()) and total > 0)

    def _drop_hidden(self) -> None:
        hidden = [item for item in self.documents.selectedItems() if item.isHidden()]
        if not hidden:
            return
        self.documents.blockSignals(True)
        for item in hidden:
            item.setSelected(False)
        self.documents.blockSignals(False)
        self.documents.itemSelectionChanged.emit()  # the buttons follow the selection left

    def event(self, event: QEvent) -> bool:
        # The window's own Escape (a shortcut) would take the key first: while there is text to
        # clear, the box claims it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
