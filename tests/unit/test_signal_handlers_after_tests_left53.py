"""Left 53 (note 52): a test that ran the launcher's start in-process left MedLocal's start-up
SIGTERM handler (it raises KeyboardInterrupt) in the pytest process, so ``timeout``'s SIGTERM
ended a test run as an interrupt. tests/conftest.py puts SIGTERM, SIGHUP and SIGINT back as
pytest had them after every test: the second test here sees the first one's handler gone.
(The two run in file order; the second alone passes trivially.)"""

from __future__ import annotations

import signal
import sys

import pytest

from medlocal import crash

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_the_launchers_start_sets_its_handler() -> None:
    hook = sys.excepthook
    try:
        crash.tell_interrupts_in_one_line()  # what `import medlocal.launcher` runs first
        assert signal.getsignal(signal.SIGTERM) is crash._interrupt_at_start
        assert signal.getsignal(signal.SIGHUP) is crash._interrupt_at_start
    finally:
        sys.excepthook = hook  # only the signal handlers are left to the conftest


def test_the_next_test_has_pytests_handlers_back() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        assert signal.getsignal(signum) is not crash._interrupt_at_start
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
