"""A focus indicator that can be seen (walk 48a D10): the platform style marks the focused
button with a faint 1-pixel line, a check box with a pale fill, and draws nothing where code
placed focus (after a dialog) until Tab is pressed. One ring per application follows focus
and draws a solid line in the highlight colour round whatever has it; the widgets keep their
platform look. Its width is the style's focus-frame margin in device-independent pixels, so it
grows with the screen's scale.

The ring is a plain widget, not Qt's ``QFocusFrame`` (walk 54a D1): PySide's binding of
``QFocusFrame.setWidget`` makes every widget it is given a *child* of the frame in the binding's
own bookkeeping. When the frame went with a closed dialog (it sits in the focused widget's
parent, and an input box's line edit had focus), the binding invalidated every widget Qt had
created and the frame had once followed: a dialog's button-box buttons stayed on screen, but
their Python names raised "Internal C++ object (QPushButton) already deleted" from then on."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QApplication, QStyle, QWidget

# The widget's changes that move, hide or show the ring with it.
_FOLLOWED = {
    QEvent.Type.Move,
    QEvent.Type.Resize,
    QEvent.Type.Show,
    QEvent.Type.Hide,
    QEvent.Type.ParentChange,
    QEvent.Type.ZOrderChange,
    QEvent.Type.StyleChange,
}


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class FocusRing(QWidget):
    """A border round one widget, placed in that widget's parent just outside its edges (masked
    to the border, so the widget and its neighbours get every click and paint as before)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoChildEventsForParent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._widget: QWidget | None = None

    def widget(self) -> QWidget | None:
        """The widget the ring is round now (None when hidden)."""
        return self._widget if _alive(self._widget) else None

    def margin(self) -> int:
        style = self.style()
        return max(2, style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) if style else 2)

    def follow(self, widget: QWidget | None) -> None:
        """Go round ``widget`` (None or a window: hide)."""
        old = self._widget
        # _forget clears it when Qt deletes the widget; the binding may know first
        if old is not None and _alive(old):
            old.removeEventFilter(self)
            old.destroyed.disconnect(self._forget)
        if widget is None or widget.isWindow() or widget.parentWidget() is None:
            self._widget = None
            self.hide()
            return
        self._widget = widget
        widget.installEventFilter(self)
        # A widget Qt created (a button box's button, a table's cell editor) may be deleted by
        # Qt alone, and the binding cannot tell: its destroyed signal can.
        widget.destroyed.connect(self._forget)
        self._place()

    def _forget(self, _obj: QObject | None = None) -> None:
        self._widget = None
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in _FOLLOWED:
            self._place()
        return False

    def _place(self) -> None:
        widget = self.widget()
        parent = widget.parentWidget() if widget is not None else None
        if widget is None or parent is None or not widget.isVisible():
            self.hide()
            return
        if self.parentWidget() is not parent:
            self.setParent(parent)  # hides it; shown again below
        margin = self.margin()
        self.setGeometry(widget.geometry().adjusted(-margin, -margin, margin, margin))
        inner = self.rect().adjusted(margin, margin, -margin, -margin)
        self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
        self.raise_()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().highlight().color(), self.margin())
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
        ring = self._ring if _alive(self._ring) else None
        if new is None or new.isWindow():
            if ring is not None:
                ring.follow(None)
            return
        if ring is None:  # the first, or the last one went with its window
            ring = self._ring = FocusRing()
        ring.follow(new)


def show_focus_rings() -> None:
    """Install the follower once for this application (a no-op without a QApplication)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.findChild(_Follower) is None:
        _Follower(app)
