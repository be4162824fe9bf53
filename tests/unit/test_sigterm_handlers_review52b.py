"""Review 52b F2, F7: the launcher's first line sets SIGTERM/SIGHUP to raise KeyboardInterrupt
(walk 52b L3). A Qt window that sets no handling of its own (`medlocal import-model`, the
double-clicked .gguf) then ignored SIGTERM until a SIGKILL (F2); and a CLI command asked once
to end put that handler back for its close, so a second SIGTERM waited for a stuck close and
cut it short instead of ending the process at once as README promises (F7)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator

import pytest

from medlocal import crash
from medlocal.cli.term_signals import Terminated, terminated_as_interrupt

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def start_up_handler() -> Iterator[None]:
    """What the launcher's first line leaves; every handler put back after the test."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    saved_hook = sys.excepthook
    crash.tell_interrupts_in_one_line()
    try:
        yield
    finally:
        sys.excepthook = saved_hook
        crash._asked = False
        for signum, handler in saved.items():
            signal.signal(signum, handler)


@pytest.mark.usefixtures("start_up_handler")
def test_the_close_after_a_first_sigterm_keeps_the_default() -> None:
    with pytest.raises(Terminated), terminated_as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):  # the handler runs at the next bytecode boundary
            pass
    # The close (workspace, engine) runs now: a second SIGTERM must end the process at once.
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert signal.getsignal(signal.SIGHUP) == signal.SIG_DFL


@pytest.mark.usefixtures("start_up_handler")
def test_a_command_not_asked_to_end_puts_the_start_up_handler_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with terminated_as_interrupt():
        pass
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.usefixtures("start_up_handler")
def test_a_qt_face_ends_on_sigterm_by_default(qapp: object) -> None:
    from medlocal.ui.app import create_application

    assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
    create_application()  # what import-model and --check-window run before their dialog
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert signal.getsignal(signal.SIGHUP) == signal.SIG_DFL


def test_a_handler_of_its_own_is_left_alone(qapp: object) -> None:
    from medlocal.ui.app import create_application

    def own(signum: int, frame: object) -> None:
        """Someone else's handler (a host application's)."""

    saved = signal.signal(signal.SIGTERM, own)
    try:
        create_application()
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, saved)
