"""Small widgets of the chat pane: the list of a patient's chats (narrow, elided, whole label
as tooltip) and the question box (Enter sends, Tab moves on)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from medlocal.ui.render import local_time


def chat_label(chat_id: int, created: str) -> str:
    """How the chat list names a chat: its number and when it was started (local time)."""
    return f"Chat {chat_id} — {local_time(created)}"


class ChatList(QComboBox):
    """The patient's chats: as narrow as ``min_chars`` characters, not as wide as its longest
    label or its placeholder (walk 34: the window could not shrink below 1006 px); a label
    that does not fit ends in "…", and the chosen chat's whole label is the tooltip."""

    def __init__(self, min_chars: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min_chars)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        text = QSize(metrics.horizontalAdvance("X") * min_chars, metrics.height())
        content = QStyle.ContentsType.CT_ComboBox
        self.setMinimumWidth(self.style().sizeFromContents(content, option, text, self).width())
        self.currentIndexChanged.connect(self.sync_tooltip)
        self.sync_tooltip()

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self.sync_tooltip()

    def sync_tooltip(self, _index: int = -1) -> None:
        self.setToolTip(self.currentText() or self.placeholderText())

    def show_chats(self, chats: Sequence[tuple[int, str]], open_id: int | None) -> bool:
        """List ``chats`` ((id, label) pairs), ``open_id`` chosen (or none), unless the list
        shows them already; whether it changed. Refilling it chooses no chat: no signal."""
        shown = [(self.itemData(i), self.itemText(i)) for i in range(self.count())]
        if shown == list(chats):
            return False
        self.blockSignals(True)
        self.clear()
        for cid, label in chats:
            self.addItem(label, cid)
        self.setCurrentIndex(self.findData(open_id) if open_id is not None else -1)
        self.blockSignals(False)
        self.sync_tooltip()
        return True

    def shown_text(self) -> str:
        """The label as drawn at the present width."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        text = option.currentText
        if self.currentIndex() < 0 and self.placeholderText():
            text = self.placeholderText()
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, field.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            placeholder = option.palette.placeholderText()
            option.palette.setBrush(QPalette.ColorRole.ButtonText, placeholder)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class QuestionBox(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; Tab and Shift+Tab move to the next and
    previous control (a question needs no tab character, and keyboard users must reach Send,
    Stop and the other buttons)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # Files dragged from the desktop are not a question: taking them typed their path into
        # the box and imported nothing (review 53c F7). Refused, the desktop shows the drop
        # refused; files are imported by dropping them on the Documents list.
        if source.hasUrls() and any(url.isLocalFile() for url in source.urls()):
            return False
        return super().canInsertFromMimeData(source)
