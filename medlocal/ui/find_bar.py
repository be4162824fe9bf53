"""Ctrl+F in the conversation (ui63: a long answer had no way to find a drug or a date in it
but reading): a box under the chat that finds as the clinician types, Enter the next match,
Shift+Enter the one before, wrapping at the end; Escape closes it and gives the keyboard back
to the conversation. What was typed is patient text: the lock clears it (``forget``).

With nothing to search (no patient chosen, or a conversation not begun) the bar says so instead
of opening an empty box over an empty pane (note 63), and goes once there is (``drop_reason``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QWidget

from medlocal.ui.announce import announce

NOT_FOUND = "Not found in this conversation."


class FindBar(QWidget):
    """The find box over ``view``; hidden until :meth:`open`."""

    def __init__(
        self,
        view: QTextBrowser,
        nothing_to_find: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._nothing_to_find = nothing_to_find  # why there is nothing to search; "" if there is
        view.textChanged.connect(self._conversation_changed)
        self.box = QLineEdit()
        self.box.setPlaceholderText("Find in the conversation (Enter: next, Esc: close)")
        self.box.setAccessibleName("Find in the conversation")
        self.box.textEdited.connect(lambda _text: self.find_text(from_start=True))
        self.box.installEventFilter(self)
        self.result = QLabel("")
        self.result.setAccessibleName("Find result")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.result)
        self.hide()

    def open(self) -> None:
        """Show the box with its text chosen, the keyboard in it; or, with nothing to search,
        the reason (the keyboard stays where it was)."""
        reason = self._nothing_to_find()
        self.box.setEnabled(not reason)
        self.result.setText(reason)
        self.show()
        if reason:
            announce(self, reason)
            return
        self.box.selectAll()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self.hide()
        self.result.clear()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_reason(self) -> None:
        """Hide a bar that only says why there was nothing to search (another patient chosen,
        a conversation begun)."""
        if not self.box.isEnabled():
            self.box.setEnabled(True)
            self.result.clear()
            self.hide()

    def _conversation_changed(self) -> None:
        if not self.box.isEnabled() and self.view.toPlainText().strip():
            self.drop_reason()

    def forget(self) -> None:
        """Nothing typed kept (the lock): the box emptied and hidden."""
        self.box.clear()
        self.result.clear()
        self.hide()

    def find_text(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next match of the box's text (the one before with ``backward``), wrapping
        round; from the start of the conversation while the text is being typed."""
        text = self.box.text()
        if not text:
            self.result.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            cursor = self.view.textCursor()
            cursor.setPosition(min(cursor.selectionStart(), cursor.selectionEnd()))
            self.view.setTextCursor(cursor)
        found = self.view.find(text, flags)
        if not found:  # round from the other end
            edge = QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            self.view.moveCursor(edge)
            found = self.view.find(text, flags)
        self.result.setText("" if found else NOT_FOUND)
        return found

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.find_text(backward=bool(shift))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        if (
            watched is self.box
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()  # the window's own Escape must not take it first
            return True
        return False
