"""Layouts and labels that let the window shrink to a small screen (walk 34: the window could not
be made narrower than 1006 px, wider than a 1024 px screen with a side panel).

``FlowLayout`` puts a row of buttons on as many lines as the width needs, each line stretched
to the full width (as a box layout's row of buttons is), so its narrowest is its widest
button, not the sum of them. ``ElidedLabel`` shows as much of a one-line text as fits, ending
in "…", with the whole text as its tooltip."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget

DEFAULT_SPACING = 6


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        gap = self.spacing()
        if gap >= 0:
            return gap
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return DEFAULT_SPACING
        metric = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        return metric if metric >= 0 else DEFAULT_SPACING

    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = self._visible()
        hints = [item.sizeHint() for item in items]
        width = sum(h.width() for h in hints) + self._gap() * max(len(hints) - 1, 0)
        height = max((h.height() for h in hints), default=0)
        return QSize(width, height) + self._margins()

    def minimumSize(self) -> QSize:
        """One item a line: the widest item's width."""
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + self._margins()

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (only measuring unless ``move``); the height taken."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in self._visible():
            width = item.sizeHint().width()
            if lines and used + gap + width <= area.width():
                lines[-1].append(item)
                used += gap + width
            else:
                lines.append([item])
                used = width
        y = area.y()
        for line in lines:
            height = max(item.sizeHint().height() for item in line)
            if move:
                self._place(line, QPoint(area.x(), y), area.width(), height, gap)
            y += height + gap
        if lines:
            y -= gap
        return y - area.y() + m.top() + m.bottom()

    @staticmethod
    def _place(line: list[QLayoutItem], at: QPoint, width: int, height: int, gap: int) -> None:
        """One line's items stretched to fill ``width`` (an item never narrower than its hint,
        unless the line is a single item wider than the space)."""
        hints = [item.sizeHint().width() for item in line]
        spare = max(width - sum(hints) - gap * (len(line) - 1), 0)
        x = at.x()
        for index, (item, hint) in enumerate(zip(line, hints, strict=True)):
            extra = spare // len(line) + (1 if index < spare % len(line) else 0)
            item_width = hint + extra if len(line) > 1 or hint <= width else width
            item.setGeometry(QRect(x, at.y(), item_width, height))
            x += item_width + gap


class ElidedLabel(QLabel):
    """A one-line label that draws as much of its text as fits, ending in "…"; the whole text
    is its tooltip while it does not fit. ``elide`` Left keeps the text's end (the figures of
    "Context 174/8192": cut at the right it showed "Context …", ui62)."""

    MIN_CHARS = 8

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        self._elide = elide
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._sync_tooltip()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._sync_tooltip()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        text = self.text()
        shown = text
        if len(text) > self.MIN_CHARS:
            left = self._elide == Qt.TextElideMode.ElideLeft
            shown = "…" + text[-self.MIN_CHARS :] if left else text[: self.MIN_CHARS] + "…"
        margins = self.contentsMargins()
        # Rounded up, and a pixel more: at the integer advance Qt's elision gave one character
        # fewer ("…74/8192").
        advance = math.ceil(QFontMetricsF(self.font()).horizontalAdvance(shown)) + 1
        width = advance + margins.left() + margins.right()
        return QSize(min(width, hint.width()), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def shown_text(self) -> str:
        """What is drawn at the present width."""
        return self.fontMetrics().elidedText(self.text(), self._elide, self.contentsRect().width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sync_tooltip()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A larger font cuts the text at the same width (a label its layout keeps as wide as
        # before): without this the cut text had no tooltip to read it whole (review61u).
        if event.type() == QEvent.Type.FontChange:
            self._sync_tooltip()

    def _sync_tooltip(self) -> None:
        self.setToolTip(self.text() if self.text() and self.is_elided() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        style = self.style()
        style.drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )
        painter.end()
