"""The screen's free area, and a window kept within it (walk 55a: at 200 % on a 1366 x 768
laptop the screen is 683 x 384 logical pixels, and dialogs ran past its edges)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

# Set on a window whose least size keep_on_screen bounded to the screen: a font change measures
# its least size afresh.
BOUNDED_LEAST = "leastBoundedToScreen"


def free_area(widget: QWidget) -> QRect:
    """The free area (without task bars and docks) of the screen ``widget`` is on, in logical
    pixels: at 200 % a 1366 x 768 panel is 683 x 384."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def size_on_screen(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or the room the screen's free area leaves ``widget`` (less its
    window's frame) where that is smaller."""
    return QSize(width, height).boundedTo(_room(widget.window()).size())


def frame_margins(window: QWidget) -> QMargins:
    """What ``window``'s frame (title bar, borders) adds around it: the window system's, once
    known; until then (a window not shown yet, or not yet framed by an X11 window manager, which
    tells its frame after the window is mapped), a title bar's height above it. Without that, a
    dialog placed or sized at the top edge of a small screen lost its title bar above the
    screen, or its buttons below it (ui60)."""
    frame = window.frameGeometry()
    inner = window.geometry()
    known = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
    if not known.isNull() or not window.isWindow() or frameless:
        return known
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    return QMargins(0, title, 0, 0)


def _room(window: QWidget) -> QRect:
    """Where ``window`` itself (inside its frame) can lie on its screen's free area."""
    return free_area(window).marginsRemoved(frame_margins(window))


def too_large_for_screen(window: QWidget) -> bool:
    """Whether ``window`` is wider or taller than its screen's free area leaves it."""
    room = _room(window).size()
    return window.width() > room.width() or window.height() > room.height()


def fit_to_new_screen(window: QWidget, measure: Callable[[], None] | None = None) -> None:
    """``window``, moved to another screen (dragged to a smaller second monitor), kept within
    that screen's free area (ui62: a 1300 x 800 window stayed that size on a 683 x 384 screen,
    its status bar and edges off it). A maximised or full-screen one the window system sizes.
    Only one too large for that screen: one that fits stays where the drag put it (review62u:
    dragged between two screens of one size, it jumped whole onto the second as its middle
    crossed, mid-drag, and could not lie across both). ``measure`` (a dialog's) first measures
    it for that screen."""
    placed = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    if window.isVisible() and not window.windowState() & placed and too_large_for_screen(window):
        if measure is not None:
            measure()
        keep_on_screen(window)


def keep_on_screen(window: QWidget, *, move: bool = True) -> None:
    """``window``'s minimum, size and (unless not ``move``) place within the free area of its
    screen, its frame (the title bar by which it is moved) included."""
    free = free_area(window)
    margins = frame_margins(window)
    room = free.marginsRemoved(margins).size()
    least = window.minimumSize()
    if least.boundedTo(room) != least:
        # Only where it is larger: a minimum set at all is one the window's layout no longer
        # sets (the summary dialog's splitter then gave its picker the larger part).
        window.setMinimumSize(least.boundedTo(room))
        window.setProperty(BOUNDED_LEAST, True)
    size = window.size().boundedTo(room)
    if size != window.size():
        window.resize(size)
    frame = QRect(window.geometry().topLeft(), size).marginsAdded(margins)
    # Moved only when it does not lie inside the free area already: a window manager's own
    # placement is kept otherwise. move() places the frame's top left corner.
    if move and not free.contains(frame):
        x = min(max(frame.x(), free.x()), free.right() + 1 - frame.width())
        y = min(max(frame.y(), free.y()), free.bottom() + 1 - frame.height())
        window.move(max(x, free.x()), max(y, free.y()))
