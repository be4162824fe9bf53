"""Walk 40 (C6): ``kill -TERM`` on the window (a logout, a shutdown, a service manager) ended it
at once: no orderly quit, the run marker left, and the next start said the last run "did not
close properly … killed". SIGTERM, SIGINT and SIGHUP now close the window the File > Quit way:
open dialogs dismissed, the window's close saving its layout and locking the vault, exit status
0 and no run marker left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.child_process import child_env
from fixtures.gui_window import FAST_KDF, PASS, open_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal import run_marker
from medlocal.app import Workspace
from medlocal.ui.confirm import confirm
from medlocal.ui.quit_signals import QuitOnSignals, quit_signals

START_S = 180.0


def _wait_for_log(log_file: Path, text: str, child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if log_file.exists() and text in log_file.read_text(encoding="utf-8", errors="replace"):
            return
        if child.poll() is not None:
            pytest.fail(f"the window ended before it was shown: {child.communicate()}")
        time.sleep(0.1)
    pytest.fail(f"the window was not shown in {START_S:.0f} s")


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM from outside on Windows")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_terminated_window_closes_the_orderly_way(
    medlocal_home: Path, sig: signal.Signals
) -> None:
    workspace = Workspace(kdf_params=FAST_KDF)  # the default vault in MEDLOCAL_HOME
    workspace.create_vault(PASS, PASS)
    workspace.close()
    logs = medlocal_home / "logs"
    child = subprocess.Popen(
        [sys.executable, "-m", "medlocal"],
        env=child_env(medlocal_home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_log(logs / "medlocal.log", "window shown", child)
        assert len(list(logs.glob("run-*.marker"))) == 1  # the window's run is marked
        child.send_signal(sig)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    # Exit status 0, as File > Quit: an orderly quit the system asked for is a normal end.
    assert child.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    log_text = (logs / "medlocal.log").read_text(encoding="utf-8")
    assert f"{sig.name} received: closing the window as File > Quit does" in log_text
    # The window's own close ran (it writes the layout) and the run marker is gone ...
    assert (medlocal_home / "config" / "window.ini").is_file()
    assert list(logs.glob("run-*.marker")) == []
    assert list(logs.glob("crash-*.txt")) == []
    # ... so the next start has nothing to say about it.
    assert run_marker.start_run("window") == []


def test_a_signal_dismisses_an_open_question_and_closes_the_window(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """A signal while a modal question is open (its own event loop running): the question is
    answered as Escape would, then the window closes as File > Quit does (vault locked)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = {sig: signal.getsignal(sig) for sig in quit_signals()}
    quitter = QuitOnSignals(app)
    try:
        window = open_window(qtbot, gui_workspace)
        window.show()
        quitter.window = window
        answers: list[bool] = []

        def ask() -> None:
            QTimer.singleShot(200, lambda: os.kill(os.getpid(), signal.SIGTERM))
            answers.append(confirm(window, "Restore?", "Replace this vault?", "Restore"))

        QTimer.singleShot(0, ask)
        qtbot.waitUntil(lambda: bool(answers) and not window.isVisible(), timeout=20_000)
        assert answers == [False]  # not Yes: nothing that asks goes ahead
        assert quitter.received == signal.SIGTERM
        assert gui_workspace.vault is None  # closeEvent locked it, as File > Quit does
    finally:
        quitter.uninstall()
    assert {sig: signal.getsignal(sig) for sig in quit_signals()} == before


def test_a_signal_during_a_start_up_dialog_opens_nothing_more(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM while the start-up's "did not close properly" dialog is open: the dialog is
    dismissed and no first-run wizard or main window opens after it."""
    from medlocal.ui import app as gui

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    told: list[bool] = []
    wizard: list[bool] = []

    def tell_last_run(_parent: object, **_said: object) -> None:
        QTimer.singleShot(200, lambda: os.kill(os.getpid(), signal.SIGTERM))
        told.append(confirm(None, "MedLocal did not close properly", "The last run …", "Send"))

    monkeypatch.setattr(gui, "tell_last_run", tell_last_run)

    def first_run(_workspace: Workspace) -> gui.FirstRun:
        wizard.append(True)  # the wizard would open here
        return gui.FirstRun(False)

    monkeypatch.setattr(gui, "first_run", first_run)
    quitter = QuitOnSignals(qapp)
    try:
        assert gui.build_window(gui_workspace) is None
    finally:
        quitter.uninstall()
    assert told == [False] and wizard == []
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()]


def test_the_signal_handler_itself_writes_no_log_line(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Python-level handler may interrupt a log handler's own write on the GUI thread:
    logging from it raised "reentrant call inside BufferedWriter" and put a traceback on stderr
    when SIGTERM came during a flush (seen in the whole suite, session 64). The handler only
    records the signal and schedules the close; the line is written from the event loop."""
    from medlocal.ui import quit_signals as module

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    written: list[str] = []
    monkeypatch.setattr(module.log, "info", lambda message, *args: written.append(message % args))
    closes: list[bool] = []
    quitter = QuitOnSignals(qapp)
    monkeypatch.setattr(quitter, "_close_window", lambda: closes.append(True))
    try:
        quitter._on_signal(signal.SIGTERM, None)
        assert written == []  # nothing from inside the handler
        qtbot.waitUntil(lambda: bool(closes), timeout=5_000)
    finally:
        quitter.uninstall()
    assert written == ["SIGTERM received: closing the window as File > Quit does"]
