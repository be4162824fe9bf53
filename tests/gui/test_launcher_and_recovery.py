"""Starting MedLocal: window or CLI or self-test; no display gives a hint instead of a Qt crash;
a crash report from last time is offered once; a background job meeting a lock fails cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.gui_window import window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import app as gui_app
from medlocal.ui.app import tell_last_run

MEDS = "Discharge medications: metformin 500 mg twice daily. " * 40


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(extra)
    return env


def test_no_display_prints_a_hint_and_the_help(medlocal_home: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "medlocal"],
        env=_env(MEDLOCAL_HOME=str(medlocal_home)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert "no display found" in proc.stderr and proc.stderr.count("\n") == 1
    assert "usage: medlocal" in proc.stdout and "--selftest" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_selftest_passes_on_the_demo_model_and_leaves_no_vault(medlocal_home: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "medlocal", "--selftest"],
        env=_env(MEDLOCAL_HOME=str(medlocal_home)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[-1].startswith("PASS")
    # "ok   <step> (1.2 s)": every step, in order, by its whole name.
    assert [line[5:].rsplit(" (", 1)[0] for line in lines[:-1]] == [
        "offline guard",
        "create vault",
        "import sample",
        "grounded answer",
        "scanned page (OCR)",
        "redaction",
        "redaction in its own process",
        "lock",
    ]
    assert not (medlocal_home / "data" / "vault").exists() or not any(
        (medlocal_home / "data" / "vault").iterdir()
    )


def test_crash_report_from_last_time_is_offered_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.crash import pending_crash_reports, write_crash_report

    write_crash_report(ValueError("secret patient text must not appear"))
    assert len(pending_crash_reports()) == 1
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, _t, text: shown.append(text))
    tell_last_run(None)
    tell_last_run(None)
    assert len(shown) == 1 and "no patient" in shown[0]
    # Not "closed unexpectedly": the report may come from a medlocal command (QA).
    assert "1 crash report(s), from this window or a medlocal command" in shown[0]
    assert "closed unexpectedly" not in shown[0]
    assert pending_crash_reports() == []


def test_a_window_killed_last_time_is_said_once_at_the_next_start(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, medlocal_home: Path
) -> None:
    """Walk 38: after a SIGKILL the next start said nothing. A marker whose process is gone
    (this child's, killed) makes the next window say so, once."""
    import json

    from fixtures.child_process import leave_a_killed_window_run

    leave_a_killed_window_run(medlocal_home)
    markers = list((medlocal_home / "logs").glob("run-*.marker"))
    # No patient data: the process, its start, its kind, whether it could use the vault and
    # the command's name ("" for the window).
    assert len(markers) == 1 and set(json.loads(markers[0].read_text())) == {
        "pid",
        "created",
        "kind",
        "vault",
        "command",
    }
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, _t, text: shown.append(text))
    tell_last_run(None)
    tell_last_run(None)
    assert len(shown) == 1
    assert shown[0].startswith("The last run of the MedLocal window (started ")
    assert "did not close properly" in shown[0] and "shows in its chat as interrupted" in shown[0]


def _kill_a_window_run(medlocal_home: Path, *, crash: bool) -> None:
    """A child that marks a window run and dies without closing: SIGKILL, or a native crash
    (SIGSEGV) that faulthandler writes to the native crash log, as a llama.cpp crash would."""
    import signal

    crash_setup = "from medlocal import crash; crash.install_crash_handler(); " if crash else ""
    sig = "SIGSEGV" if crash else "SIGKILL"
    code = (
        f"{crash_setup}from medlocal import run_marker; run_marker.start_run('window'); "
        f"import os, signal; os.kill(os.getpid(), signal.{sig})"
    )
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=False, timeout=60, capture_output=True
    )
    assert done.returncode == -getattr(signal, sig), done.stderr


def test_a_native_crash_is_said_in_one_dialog_with_its_report(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, medlocal_home: Path
) -> None:
    """Walk 40 (K1): a native crash gave two dialogs in a row at the next start, "did not close
    properly" then "hit an internal error". Now one dialog says both, the report offered once."""
    from medlocal.crash import pending_crash_reports

    _kill_a_window_run(medlocal_home, crash=True)
    # The next start's crash handler turns the native log into a report (as main() does; in a
    # child, so this test process keeps pytest's own hooks).
    subprocess.run(
        [sys.executable, "-c", "from medlocal import crash; crash.install_crash_handler()"],
        env={**os.environ, "MEDLOCAL_HOME": str(medlocal_home)},
        check=True,
        timeout=60,
    )
    assert len(pending_crash_reports()) == 1
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, title, text: shown.append((title, text)))
    tell_last_run(None)
    tell_last_run(None)
    assert len(shown) == 1, shown
    title, text = shown[0]
    assert title == "MedLocal did not close properly"
    assert text.startswith("The last run of the MedLocal window (started ")
    assert "it hit an internal error (see the crash report below)" in text
    assert "shows in its chat as interrupted" in text
    assert "MedLocal also hit an internal error since it was last opened (1 crash report(s)" in text
    assert "no patient data" in text and str(medlocal_home / "logs") in text
    assert pending_crash_reports() == []


def test_a_kill_without_a_crash_report_does_not_speak_of_one(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, medlocal_home: Path
) -> None:
    _kill_a_window_run(medlocal_home, crash=False)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, title, text: shown.append((title, text)))
    tell_last_run(None)
    assert [title for title, _text in shown] == ["MedLocal did not close properly"]
    assert "it was killed or the computer stopped" in shown[0][1]
    assert "crash report" not in shown[0][1]


def test_locking_during_an_import_stops_it_cleanly(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Import Lock Patient")
    files = []
    for i in range(40):
        path = tmp_path / f"n{i:02}.txt"
        path.write_text(f"Visit {i}. {MEDS}")
        files.append(path)
    window.patients.imports.import_paths(files)
    qtbot.waitUntil(lambda: window.patients.imports.progress.value() >= 1, timeout=30000)
    window.lock()
    qtbot.waitUntil(lambda: window.patients.imports.import_job is None, timeout=30000)
    assert window.stack.currentIndex() == window.LOCKED
    assert "Import Lock Patient" not in window.visible_text()
    # Whatever was committed before the lock is whole; the vault opens and verifies.
    reopened = gui_workspace.unlock("correct horse battery staple")
    assert all(d.chunk_count > 0 for d in reopened.list_documents())
    assert reopened.audit_verify().ok
    window.close()


@pytest.mark.qt_no_exception_capture
def test_an_internal_error_is_said_in_the_window_at_the_time(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 27: an exception in a Qt callback or a worker thread only printed to stderr; the
    window carried on without a word. Now the status bar says so, without the exception's
    message, and many errors do not flood it; the report is still offered at the next start."""
    import threading

    from PySide6.QtCore import QTimer

    from medlocal import crash
    from medlocal.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", crash._excepthook)
    monkeypatch.setattr(threading, "excepthook", crash._thread_excepthook)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    bar = window.statusBar()
    assert bar is not None and window.status.internal_errors.isHidden()
    secret = "Philippa Arkwright eGFR 44"

    def buggy() -> None:
        raise RuntimeError(secret)

    QTimer.singleShot(0, buggy)  # a slot the person's click ran
    qtbot.waitUntil(lambda: window.status.internal_errors.text() != "", timeout=5000)
    label = window.status.internal_errors
    assert not label.isHidden() and label.text().endswith("1"), label.text()
    said = bar.currentMessage()
    assert "internal error" in said and "Help → About and diagnostics" in said, said

    bar.clearMessage()
    thread = threading.Thread(target=buggy)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: label.text().endswith("2"), timeout=5000)
    assert bar.currentMessage() == ""  # counted, not said again within the minute
    everything = " ".join((label.text(), label.toolTip(), said))
    assert secret not in everything and "RuntimeError" not in everything
    assert len(crash.pending_crash_reports()) == 2  # still offered at the next start
    window.close()
    assert window.status._crash_relay not in crash._error_listeners  # closed: no longer told
