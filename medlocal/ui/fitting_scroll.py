"""Scroll areas that ask for the whole of their content, so a window is as large as its content
where the screen has room and scrolls where it has not (walk 55a)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget


class FittingScrollArea(QScrollArea):
    """A scroll area that asks for the whole of its content (a wrapped label's every line at
    the width it has), not Qt's default of at most 36 x 24 lines of text; the window around it
    caps that at the screen. Its minimum is small: what does not fit scrolls."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Asks for its content's own width, as before it was first shown, not its viewport's:
        # set while a window is measured afresh after a font change.
        self.measuring_afresh = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes to the controls inside, never to the area; the area scrolls the focused one
        # into view by itself (QScrollArea.focusNextPrevChild).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        # Focus put anywhere inside by a shortcut (F6 to the question box) or a click scrolls it
        # into view too, not only a Tab.
        self._focused: QWidget | None = None
        self._scroll_later = QTimer(self)
        self._scroll_later.setSingleShot(True)
        self._scroll_later.setInterval(0)
        self._scroll_later.timeout.connect(self._scroll_to_focused)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The widget being typed in stays in view as the window shrinks.
        self._show_focused(None, QApplication.focusWidget())

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self._focused = new
            self._scroll_later.start()  # once the layout has settled at the new size

    def _scroll_to_focused(self) -> None:
        focused = self._focused
        content = self.widget()
        if focused is None or content is None or not shiboken6.isValid(focused):
            return
        if not content.isAncestorOf(focused):
            return
        # With a little around it: the question box's Send below it, a field's label.
        # The whole widget, not only its text cursor (what ensureWidgetVisible shows of a text
        # box).
        margin = min(2 * self.fontMetrics().height(), self.viewport().height() // 4)
        where = QRect(focused.mapTo(content, QPoint(0, 0)), focused.size())
        # Its left edge (where text starts), and its whole height.
        self.ensureVisible(where.left(), where.center().y(), 0, where.height() // 2 + margin)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint().expandedTo(content.minimumSizeHint())
        width = hint.width()
        if self.isVisible() and self.viewport().width() > 0 and not self.measuring_afresh:
            width = self.viewport().width()  # the lines a wrapped label takes at this width
        height = hint.height()
        if content.hasHeightForWidth():
            height = max(height, content.heightForWidth(width))
        frame = 2 * self.frameWidth()
        return QSize(width + frame, height + frame)

    def minimumSizeHint(self) -> QSize:
        # Room for the scroll bars and a line of content, no more; as wide as the content's
        # minimum where it never scrolls sideways.
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        line = self.fontMetrics().lineSpacing()
        least = QSize(3 * bar + 2 * line, 2 * bar + line)
        content = self.widget()
        if content is not None and (
            self.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            width = content.minimumSizeHint().width() + bar + 2 * self.frameWidth()
            least.setWidth(max(least.width(), width))
        return least


class _AtLeastItsMinimum(QWidget):
    """Holds a pane in a scroll area at no less than the pane's *minimum* height for the width
    it is given, a row of buttons that wrapped to three lines counting three lines.

    Why: a box layout squeezed below that height lays a wrapped row of buttons over the widgets
    after it (walk 55a H6: Delete under "Export redacted copy…"): a window's minimum counts
    each row at one line. And a scroll area left to itself holds a pane that has a
    height-for-width at its *preferred* height, so its lists would scroll away instead of
    shrinking, even where the window has room for them at their minimum."""

    def __init__(self, pane: QWidget) -> None:
        super().__init__()
        self.pane = pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pane)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = self.pane.layout()
        least = self.pane.minimumSizeHint().height()
        if inner is not None and inner.hasHeightForWidth():
            return max(least, inner.minimumHeightForWidth(width))
        return least


def scrolling_pane(pane: QWidget) -> FittingScrollArea:
    """``pane`` inside a scroll area, for a splitter: the pane is laid out at no less than its
    minimum height (wrapped rows of buttons counted whole) and scrolls where the window is
    shorter or narrower."""
    area = FittingScrollArea(_AtLeastItsMinimum(pane))
    area.setObjectName(f"{pane.objectName() or type(pane).__name__}Scroll")
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
