"""Files dragged from the desktop onto the window's text inputs, and how every drop is taken.

A text input given a drag of local files typed their path (review 53c F7: the Patients search
box took a file manager's ``text/plain`` copy of the path, filtered the list down to nothing, and
the panel's import, question and busy refusal never ran). :class:`FileDragGuard`, installed for
the application (``run_gui``, the main window), watches every top-level window, so every input
of every window and dialog is covered, those added later too: a text input does not take a drag
that carries a local file, and Qt gives the drag to the nearest widget around the input that
takes drops (the Patients panel imports it; the main window refuses it with a line saying where
to drop). Plain text and links are still typed. A path field (a backup to restore, an
export's destination) opts in with :func:`take_dropped_path`: a single dropped file's path
becomes its text.

:func:`accept_as_copy` is the one way a drop of files is taken: as a copy, never a move (review
53c F9: with Shift held the desktop proposes a move, and the file manager then deletes its
original once the drop is accepted, while MedLocal reads the file only later)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QDropEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

# The dynamic property that marks a QLineEdit asking for a file or folder path.
PATH_FIELD = "medlocalTakesDroppedPath"


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders a drag carries (links to the web are not files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def accept_as_copy(event: QDropEvent) -> bool:
    """Accept a drag's entry, move or drop as a copy; refuse one that offers no copy.

    ``QDragEnterEvent`` and ``QDragMoveEvent`` are drop events too: each answer tells the
    desktop which action is taken, so every one of them is set to a copy."""
    if not event.possibleActions() & Qt.DropAction.CopyAction:
        event.ignore()
        return False
    event.setDropAction(Qt.DropAction.CopyAction)
    event.accept()
    return True


def _text_input(widget: QWidget) -> QWidget | None:
    """The text input ``widget`` is, or whose viewport it is (a QTextEdit's drops arrive at
    its viewport); ``None`` for any other widget."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    parent = widget.parentWidget()
    if isinstance(parent, QTextEdit | QPlainTextEdit) and widget is parent.viewport():
        return parent
    return None


def _drop_target(top: QWidget, pos: QPoint) -> QWidget | None:
    """The widget Qt gives a drag at ``pos`` of the window ``top``: the one under the pointer,
    or the nearest around it that takes drops (as QWidgetWindow's findDnDTarget chooses)."""
    widget: QWidget | None = top.childAt(pos) or top
    while widget is not None and not widget.isWindow() and not widget.acceptDrops():
        widget = widget.parentWidget()
    return widget if widget is not None and widget.acceptDrops() else None


def _takes_path(field: QWidget, paths: list[Path]) -> bool:
    return (
        isinstance(field, QLineEdit)
        and bool(field.property(PATH_FIELD))
        and len(paths) == 1
        and field.isEnabled()
        and not field.isReadOnly()
    )


class FileDragGuard(QObject):
    """Refuses drags of local files on every text input (see the module).

    It watches each top-level window, where the desktop's drag arrives before Qt chooses the
    widget under the pointer, not the whole application: an application-wide filter written in
    Python runs for every event of every object and must first take the interpreter lock each
    time, which stalled the window during imports (idle_activity.ActivityFilter). Before Qt
    chooses, a text input under the pointer stops taking drops for the rest of that drag, so Qt
    gives the drag to the nearest widget around it that takes drops; the input takes drops
    again when the drag leaves the window or is dropped, or when a drag of text comes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stopped: list[QWidget] = []  # inputs not taking drops during this drag
        # The windows watched, as last listed: kept alive here, so a new window's wrapper
        # never takes the id of one that is gone.
        self._watched: list[QWindow] = []

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing it again keeps a single copy
            self._watched.append(window)

    def watch_all(self, windows: list[QWindow]) -> None:
        """Watch each of ``windows`` not watched yet; forget windows no longer listed."""
        known = {id(window) for window in self._watched}
        for window in windows:
            if id(window) not in known:
                window.installEventFilter(self)
        self._watched = list(windows)

    def watches(self, window: QWindow | None) -> bool:
        return window is not None and any(window is known for known in self._watched)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDropEvent)
            paths = local_paths(event.mimeData())
            top = _widget_of(watched)
            if paths and top is not None:
                self._stop_inputs_under(top, event.position().toPoint(), paths)
            elif not paths:
                self._restore()  # text and links are typed as before
        elif kind == QEvent.Type.DragLeave:
            self._restore()
        elif kind == QEvent.Type.Drop:
            QTimer.singleShot(0, self._restore)  # once Qt has delivered the drop
        return False

    def _stop_inputs_under(self, top: QWidget, pos: QPoint, paths: list[Path]) -> None:
        while (target := _drop_target(top, pos)) is not None:
            field = _text_input(target)
            if field is None or _takes_path(field, paths):
                return
            target.setAcceptDrops(False)
            self._stopped.append(target)

    def _restore(self) -> None:
        stopped, self._stopped = self._stopped, []
        for widget in stopped:
            if shiboken6.isValid(widget):
                widget.setAcceptDrops(True)


def _widget_of(window: QObject) -> QWidget | None:
    """The top-level widget shown in ``window`` (a QWindow)."""
    for widget in QApplication.topLevelWidgets():
        if widget.windowHandle() is window:
            return widget
    return None


class _PathField(QObject):
    """A path field's own drops of one local file: its path becomes the field's text (a
    QLineEdit would type the desktop's text copy of it, often a ``file://`` address, at the
    cursor)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent) and isinstance(watched, QWidget)
        paths = local_paths(event.mimeData())
        if not paths:
            return False  # text typed as before
        if not _takes_path(watched, paths):
            event.ignore()
            return True
        if accept_as_copy(event) and kind == QEvent.Type.Drop:
            assert isinstance(watched, QLineEdit)
            watched.setText(str(paths[0]))
            watched.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def take_dropped_path(field: QLineEdit) -> None:
    """Let ``field`` (it asks for a file or folder) take the path of a single local file or
    folder dropped on it as its whole text; other text inputs refuse dropped files."""
    field.setProperty(PATH_FIELD, True)
    field.setAcceptDrops(True)
    field.installEventFilter(_PathField(field))


# How often the guard looks for windows it does not watch yet (see install_file_drag_guard).
SWEEP_MS = 250


def install_file_drag_guard(app: QApplication) -> FileDragGuard:
    """Install the guard once for ``app``: every window shown now, each that takes focus later,
    and each a short sweep finds. Focus alone did not do (review54a F14): a dialog shown while
    MedLocal is not the active application (focus-stealing prevention), or shown without
    activating, never takes focus, and a file dragged onto its text field from the file manager
    typed the path. Qt tells of no new window, so the windows are looked over every
    ``SWEEP_MS`` (a list of a few windows: microseconds), quicker than a hand can drag a file
    onto a window just shown."""
    guard = app.findChild(FileDragGuard)
    if guard is None:
        guard = FileDragGuard(app)
        app.focusWindowChanged.connect(guard.watch)
        sweep = QTimer(guard)
        sweep.setInterval(SWEEP_MS)
        sweep.timeout.connect(lambda: guard.watch_all(app.topLevelWindows()))
        sweep.start()
    guard.watch_all(app.topLevelWindows())
    return guard
