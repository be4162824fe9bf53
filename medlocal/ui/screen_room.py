"""The screen's free area, and a window kept within it (walk 55a: at 200 % on a 1366 x 768
laptop the screen is 683 x 384 logical pixels, and dialogs ran past its edges)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Set on a window whose least size keep_on_screen bounded to the screen: a font change measures
# its least size afresh.
BOUNDED_LEAST = "leastBoundedToScreen"


def free_area(widget: QWidget) -> QRect:
    """The free area (without task bars and docks) of the screen ``widget`` is on, in logical
    pixels: at 200 % a 1366 x 768 panel is 683 x 384."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def size_on_screen(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or the screen's free area where that is smaller."""
    return QSize(width, height).boundedTo(free_area(widget).size())


def keep_on_screen(window: QWidget) -> None:
    """``window``'s minimum, size and place within the free area of its screen."""
    free = free_area(window)
    least = window.minimumSize()
    if least.boundedTo(free.size()) != least:
        # Only where it is larger: a minimum set at all is one the window's layout no longer
        # sets (the summary dialog's splitter then gave its picker the larger part).
        window.setMinimumSize(least.boundedTo(free.size()))
        window.setProperty(BOUNDED_LEAST, True)
    size = window.size().boundedTo(free.size())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    # Moved only when it does not lie inside the free area already: a window manager's own
    # placement is kept otherwise.
    if not free.contains(QRect(frame.topLeft(), window.size())):
        x = min(max(frame.x(), free.x()), free.right() + 1 - frame.width())
        y = min(max(frame.y(), free.y()), free.bottom() + 1 - frame.height())
        window.move(max(x, free.x()), max(y, free.y()))
