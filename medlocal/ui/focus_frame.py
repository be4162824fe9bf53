"""A focus indicator that can be seen (walk 48a D10): the platform style marks the focused
button with a faint 1-pixel line, a check box with a pale fill, and draws nothing where code
placed focus (after a dialog) until Tab is pressed. One frame per application follows focus
and draws a solid line in the highlight colour round whatever has it; the widgets keep their
platform look. Its width is the style's focus-frame margin in device-independent pixels, so it
grows with the screen's scale."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QStyle, QWidget


class FocusRing(QFocusFrame):
    """Qt's focus frame (it follows its widget's geometry, masked to a border, transparent to
    the mouse), painted as a solid line instead of by the style (most draw nothing)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) if style else 2
        painter = QPainter(self)
        pen = QPen(self.palette().highlight().color(), max(2, margin))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = pen.widthF() / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        painter.end()


class _Follower(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring = self._ring if self._ring is not None and shiboken6.isValid(self._ring) else None
        if new is None or new.isWindow():
            if ring is not None:
                ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr: none
            return
        if ring is None:  # the first, or the last one went with its window
            ring = self._ring = FocusRing(new)
        ring.setWidget(new)
        ring.show()


def show_focus_rings() -> None:
    """Install the follower once for this application (a no-op without a QApplication)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.findChild(_Follower) is None:
        _Follower(app)
