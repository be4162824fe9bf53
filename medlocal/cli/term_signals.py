"""A command asked to end by the system stops as Ctrl-C stops it.

Walk51b L7: ``timeout`` (or a logout, a shutdown, ``kill``) sends SIGTERM, whose default is to
die at once: a summary was cut off with its run marker left, and the next command said the last
run "did not close properly: it was killed or the computer stopped". While a command runs,
SIGTERM and SIGHUP (its terminal closed; not on Windows) raise :class:`Terminated` in the main
thread instead, a ``KeyboardInterrupt``: every command already stops cleanly on Ctrl-C (a step
abandoned, nothing half-saved, the vault closed) and the run ends normally, its marker removed.
A second such signal while it stops is the default again (the process ends at once), as a
SIGKILL would: a way out should stopping ever hang. SIGKILL itself cannot be caught, so a run it
ends is still told as not closed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

from medlocal.crash import Terminated

_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None

__all__ = [
    "Terminated",
    "after_the_command",
    "let_go_until_exit",
    "terminated_as_interrupt",
    "termination_signals",
]


def termination_signals() -> list[signal.Signals]:
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


@contextlib.contextmanager
def terminated_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`Terminated` (once: a second one
    ends the process). Does nothing off the main thread, where no handler can be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, _Handler] = {}
    asked: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        asked.append(signum)
        for each in previous:
            signal.signal(each, signal.SIG_DFL)  # a second request ends it at once
        raise Terminated(signal.Signals(signum).name)

    for signum in termination_signals():
        previous[signum] = signal.signal(signum, on_signal)
    try:
        yield
    finally:
        if asked:
            # Asked once already: the close that follows (the workspace, the engine) runs with
            # the default, so a second request still ends the process at once (review 52b F7:
            # putting back the launcher's start-up handler made it wait for a stuck close and
            # then cut that close short with status 130).
            previous.clear()
        for signum, handler in previous.items():
            with contextlib.suppress(TypeError, ValueError):  # a handler not set from Python
                signal.signal(signum, handler)


@contextlib.contextmanager
def after_the_command() -> Iterator[None]:
    """The command has finished and said what it did: while the block closes it (the vault
    locking, the workspace closed), a SIGTERM or SIGHUP no longer ends the process with status
    143 after "Restored the vault …" (walk 52b L3): the first is let go, the process ending
    anyway; a second ends it at once, a way out should closing hang. The handlers are put back
    after the block (a command run in-process leaves its caller's as they were); the launcher
    keeps letting them go until the process exits (:func:`let_go_until_exit`)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, _Handler] = {}
    for signum in termination_signals():
        with contextlib.suppress(ValueError, OSError):
            previous[signum] = signal.signal(signum, _let_go)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            with contextlib.suppress(TypeError, ValueError, OSError):
                signal.signal(signum, handler)


def let_go_until_exit() -> None:
    """The launcher's command has returned: from here to the process's end a first SIGTERM or
    SIGHUP is let go (see :func:`after_the_command`)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in termination_signals():
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signum, _let_go)


def _let_go(signum: int, frame: FrameType | None) -> None:
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signum, signal.SIG_DFL)
