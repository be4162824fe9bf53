"""The box that narrows a patient's document list as the clinician types: a file name, a type
("pdf") or a date, words in any order. A date typed the common ways ("13/03/2024", "13 Mar 2024",
"March 2024": :mod:`medlocal.app.typed_dates`) finds the documents dated so by their own text,
their file's name or their import (ui64; the document's own date is read from the vault only
once a date is typed, and once per document).

A hidden row is never acted on: Qt's Ctrl+A selects every row of the model, the hidden ones
too, and Delete would then have deleted documents the clinician could not see. So a row the
filter hides is unselected at once, and :func:`chosen_documents` (what Delete and Export act
on) takes only the visible selected rows (ui63; review62u's "not cheap to do safely")."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QWidget,
)

from medlocal.app.typed_dates import dates_match, read_query
from medlocal.folding import fold_letters
from medlocal.ui.patient_rows import DATES_ROLE, FIND_ROLE, ID_ROLE

# Document id -> its own date as the window shows it (medlocal.app.patients.document_dates),
# for the documents listed now.
OwnDates = Callable[[], dict[int, str]]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def document_matches(query: str, found_in: str, dates: list[str] | None = None) -> bool:
    """Whether ``query`` finds a row: every date typed is one of its ``dates`` or of those
    written YYYY-MM-DD in ``found_in`` (its name, type and import date), and every other word
    is in ``found_in``, in any order and case, accents ignored. An empty query finds every
    document."""
    typed = read_query(query)
    if not dates_match(typed.dates, [*(dates or []), *ISO_DAY.findall(found_in)]):
        return False
    text = fold_letters(found_in).casefold()
    return all(fold_letters(word).casefold() in text for word in typed.words.split())


def chosen_documents(documents: QListWidget) -> list[QListWidgetItem]:
    """The selected rows the clinician can see, in the list's order."""
    # selectedItems() gives the order of the clicks; the confirmation names them as listed.
    shown = [item for item in documents.selectedItems() if not item.isHidden()]
    return sorted(shown, key=documents.row)


class DocumentFilter(QLineEdit):
    """The filter box over ``documents``; Escape in it clears it (and only then leaves the
    Escape to the window). ``count`` says how many rows show while it narrows the list."""

    def __init__(
        self,
        documents: QListWidget,
        own_dates: OwnDates | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.documents = documents
        self._own_dates = own_dates
        self._own: dict[int, str] = {}  # document id -> its own date, read once
        self._read_for: set[int] = set()  # the documents whose own date was looked for
        self.setPlaceholderText("Find a document by name, type or date")
        self.setAccessibleName("Find a document")
        self.setToolTip(
            "Type part of a file name, a type (pdf, docx) or a date (2024-03-13, 13/03/2024, "
            "13 Mar 2024, March 2024): the document's own date, its file name's or its "
            "import's. Esc clears."
        )
        self.setClearButtonEnabled(True)
        for button in self.findChildren(QToolButton):  # Qt's clear button, named for a reader
            button.setAccessibleName("Clear the document filter")
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
        if read_query(query).dates:
            self._read_own_dates()
        for row in range(total):
            item = self.documents.item(row)
            dates = list(item.data(DATES_ROLE) or [])
            own = self._own.get(int(item.data(ID_ROLE) or -1))
            found_in = str(item.data(FIND_ROLE) or item.text())
            hidden = not document_matches(query, found_in, [*dates, own] if own else dates)
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

    def _read_own_dates(self) -> None:
        """The own dates of the listed documents not yet looked at (one read of their openings
        for all of them, not one per keystroke)."""
        listed = {
            int(self.documents.item(row).data(ID_ROLE)) for row in range(self.documents.count())
        }
        if self._own_dates is None or listed <= self._read_for:
            return
        self._own.update(self._own_dates())
        self._read_for |= listed

    def forget(self) -> None:
        """Clear the box and the dates read (on lock: both say something of the records)."""
        self.clear()
        self._own.clear()
        self._read_for.clear()

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
