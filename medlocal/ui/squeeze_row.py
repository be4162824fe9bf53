"""Labels side by side that give up room in a set order: each is as wide as its text where the
row has room; where it has not, the first named gives way first, down to its least width, then
the next. Qt's box layout takes the same from each: on a 1366 px window at 18 pt the status bar
showed "Context 174…" and "Backend:…" beside a model name 44 px short of whole, and at 1000 px
"Context …", with room for both had the model's name given way (ui62).

Where the texts do not all fit whole on one line, the row takes as many lines as they need, each
label whole (ui63: at 18 pt on a 683 px window, half a 1366 x 768 screen, the model's name and
the speed showed as a "…" alone and the backend as "Back…"); only a label wider than the whole
row is still cut, with its text in its tooltip. The status bar grows to the row's height, but
to no more than an eighth of the screen's free height (``SCREEN_SHARE``): past that the row
keeps one line and gives way as above (a 683 x 384 screen, 1366 x 768 at 200 %, at 18 pt: three
lines pushed the window 7 px past the screen's foot)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

from medlocal.ui import screen_room

SPACING = 6  # between two labels, where the style gives no layout spacing
SCREEN_SHARE = 8  # the row's lines take at most 1/SCREEN_SHARE of the screen's free height


def _ellipsis(label: QWidget) -> int:
    """The width of a "…" alone in ``label``."""
    margins = label.contentsMargins()
    return label.fontMetrics().horizontalAdvance("…") + margins.left() + margins.right()


class SqueezeRow(QWidget):
    """``labels`` in that order, laid out by hand: ``give_way`` (the same widgets) is the order
    in which they give up room, first to their least widths, then each to a "…" alone."""

    def __init__(
        self,
        labels: Sequence[QWidget],
        give_way: Sequence[QWidget],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert sorted(map(id, labels)) == sorted(map(id, give_way))
        self._labels = list(labels)
        self._give_way = list(give_way)
        for label in self._labels:
            label.setParent(self)
            label.installEventFilter(self)  # a new text, shown or hidden: laid out again
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def _spacing(self) -> int:
        spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        return spacing if spacing >= 0 else SPACING

    def _shown(self) -> list[QWidget]:
        return [label for label in self._labels if not label.isHidden()]

    def _total(self, widths: Sequence[int]) -> int:
        return sum(widths) + self._spacing() * max(len(widths) - 1, 0)

    def lines(self, room: int) -> list[list[QWidget]]:
        """The shown labels in their lines, in a row ``room`` pixels wide: each whole, a line
        taking the next label while it fits (one line where all fit)."""
        lines: list[list[QWidget]] = [[]]
        used = 0
        for label in self._shown():
            width = label.sizeHint().width()
            if lines[-1] and used + self._spacing() + width > room:
                lines.append([])
            used = width if not lines[-1] else used + self._spacing() + width
            lines[-1].append(label)
        return lines

    def _line_height(self) -> int:
        return max((label.sizeHint().height() for label in self._shown()), default=0)

    def laid_out(self, room: int) -> list[list[QWidget]]:
        """:meth:`lines`, or one line (each label giving way) where they would take more than
        the screen's share."""
        lines = self.lines(room)
        most = screen_room.free_area(self).height() // SCREEN_SHARE // max(self._line_height(), 1)
        return lines if len(lines) <= max(most, 1) else [self._shown()]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._line_height() * len(self.laid_out(width))

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = self._total([label.sizeHint().width() for label in shown])
        return QSize(width, self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        # As high as the lines at the present width: the status bar takes its height from it.
        shown = self._shown()
        width = self._total([label.minimumSizeHint().width() for label in shown])
        return QSize(width, self.heightForWidth(self.width()))

    def widths(self, room: int) -> dict[QWidget, int]:
        """Each shown label's width in a row ``room`` pixels wide."""
        shown = self._shown()
        widths = {label: label.sizeHint().width() for label in shown}
        least = {label: min(label.minimumSizeHint().width(), widths[label]) for label in shown}
        over = self._total(list(widths.values())) - room
        # To their least widths in turn, then (where that is still too wide) in turn to a "…"
        # alone: the figures after the model's name stay readable the longest.
        for floors in (least, {label: _ellipsis(label) for label in shown}):
            for label in self._give_way:
                if over <= 0:
                    return widths
                if label in widths:
                    given = max(min(over, widths[label] - floors[label]), 0)
                    widths[label] -= given
                    over -= given
        return widths

    def _place(self) -> None:
        lines = self.laid_out(self.width())
        if len(lines) > 1:
            height = self._line_height()
            for number, line in enumerate(lines):
                x = 0
                for label in line:
                    width = min(label.sizeHint().width(), self.width())
                    label.setGeometry(QRect(x, number * height, width, height))
                    x += width + self._spacing()
            return
        widths = self.widths(self.width())
        x = 0
        for label in self._labels:
            if label in widths:
                label.setGeometry(QRect(x, 0, widths[label], self.height()))
                x += widths[label] + self._spacing()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if len(self.laid_out(event.size().width())) != len(self.laid_out(event.oldSize().width())):
            self.updateGeometry()  # another number of lines: the status bar's height follows
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Hide):
            self.updateGeometry()
            self._place()
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a label's size hint changed
            self.updateGeometry()
            self._place()
        return super().event(event)
