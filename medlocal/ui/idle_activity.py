"""What postpones the idle lock: the user's input in any of the app's windows, and a background
task the window runs.

A vault call or the user's input counts as activity, and a running task as well: a summary or
an OCR import may go on for longer than the idle minutes without a vault call, while the
clinician waits elsewhere, and locking would cancel it and throw its result away. While a task
runs the window touches the vault every ``JOB_ACTIVITY_S``; once none runs, the idle minutes
count again from the last touch."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow

from medlocal.app import Workspace
from medlocal.ui.workers import active_jobs

ACTIVITY_PING_S = 5.0  # activity resets the idle lock at most this often
JOB_ACTIVITY_S = 20.0  # a running task touches the vault this often (the idle lock: >= 1 min)


class ActivityFilter(QObject):
    """Keyboard and mouse use in any of the app's windows postpones the idle lock.

    It watches each top-level window (where Qt delivers input first) once that window has had
    focus, not the whole application: an application-wide filter written in Python runs for
    every event of every object (timers, paints, queued signals; ~300 a second during an
    import), and each run must first take the interpreter lock, which a worker parsing a PDF
    or chunking text gives up only every few milliseconds. Those waits stalled the window.
    """

    def __init__(self, workspace: Workspace, parent: QObject) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._last = 0.0

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing it again keeps a single copy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            now = time.monotonic()
            if now - self._last > ACTIVITY_PING_S:
                self._last = now
                self.workspace.touch()
        return False


def touch_while_working(workspace: Workspace, parent: QObject) -> QTimer:
    """A started timer that counts a running task as activity: the idle lock must not cancel
    it. One that survives a lock counts too: a restore over a vault that never held a record
    reads the backup with that vault open, and an idle lock mid-read refused it (review 43b)."""

    def touch() -> None:
        if active_jobs():
            workspace.touch()

    timer = QTimer(parent)
    timer.setInterval(int(JOB_ACTIVITY_S * 1000))
    timer.timeout.connect(touch)
    timer.start()
    return timer
