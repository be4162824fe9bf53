"""Closing the window the orderly way when the system asks the process to end.

Walk 40: ``kill -TERM`` (what a logout, a shutdown or a service manager sends) ended the window at
once: Python's default for SIGTERM is to die, so nothing was saved or stopped, the run marker
stayed, and the next start said the last run "did not close properly … killed". SIGTERM, SIGINT
(Ctrl+C in the terminal that started it) and SIGHUP (that terminal closed; not on Windows) now
close the window as *File → Quit* does: open dialogs are dismissed (as Escape would), the
window's ``closeEvent`` saves its layout, waits for and stops background work and locks the
vault, and the run ends normally (exit status 0, the run marker removed).

Python runs a signal handler only when the interpreter next executes bytecode, and Qt's event
loop sits in C++ waiting for events, so a handler alone would wait for the next mouse move. The
wake-up is ``signal.set_wakeup_fd`` on one end of a socket pair with a ``QSocketNotifier`` on the
other: the C-level handler writes the signal number to the socket, the notifier wakes the event
loop, and the handler runs at once. (A QTimer ticking every few hundred milliseconds would work
too, but wakes the process for nothing all day and still answers late.) The handler itself only
schedules the close for the event loop: it may interrupt any Python code on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

log = logging.getLogger(__name__)

_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None
# The installed one, so start-up steps can see a quit asked for before the window exists.
_installed: list[QuitOnSignals] = []


def quit_requested() -> bool:
    """Whether a quit signal came while the handlers were installed (start-up checks this
    between its dialogs: the first-run wizard must not open after a SIGTERM)."""
    return any(quitter.received is not None for quitter in _installed)


def quit_signals() -> list[signal.Signals]:
    """The signals that ask for an orderly quit on this platform."""
    names = ("SIGTERM", "SIGINT", "SIGHUP")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


class QuitOnSignals(QObject):
    """While installed, SIGTERM, SIGINT and SIGHUP close ``window`` (set once it exists) the way
    File → Quit does and end the event loop. ``received`` is the first such signal, or None: a
    signal that came before the event loop ran (during a start-up dialog) is seen there."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.window: QWidget | None = None
        self.received: signal.Signals | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # the C handler must never block on a full socket
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous: dict[signal.Signals, _Handler] = {}
        for signum in quit_signals():
            self._previous[signum] = signal.signal(signum, self._on_signal)
        _installed.append(self)

    def uninstall(self) -> None:
        """Put back the handlers and wake-up descriptor there were before."""
        if self in _installed:
            _installed.remove(self)
        for signum, handler in self._previous.items():
            with contextlib.suppress(TypeError, ValueError):  # a handler not set from Python
                signal.signal(signum, handler)
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _drain(self) -> None:
        # The bytes only woke the event loop; Python has run (or now runs) the handler itself.
        with contextlib.suppress(OSError):  # BlockingIOError once empty
            while self._reader.recv(512):
                pass

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is not None:
            return  # the close is under way; closeEvent's waits are bounded
        self.received = signal.Signals(signum)
        # Nothing else here, not even a log line: this may have interrupted any Python code on
        # the GUI thread, a log handler's write included (logging again from here raised
        # "reentrant call inside BufferedWriter" when SIGTERM came during a flush).
        QTimer.singleShot(0, self._close_all)

    def _close_all(self) -> None:
        if self.received is not None:
            log.info("%s received: closing the window as File > Quit does", self.received.name)
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        # Open dialogs first (as Escape would: a question is answered No, a running task in a
        # dialog is cancelled), so that their own event loops return before the window closes.
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        QTimer.singleShot(0, self._close_window)

    def _close_window(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.close()  # File → Quit: closeEvent saves, stops jobs, locks the vault
        QApplication.quit()  # ends app.exec even when another top-level window stayed open
