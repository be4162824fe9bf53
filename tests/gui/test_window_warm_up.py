"""Opening the window starts the warm-up (search dictionaries loaded, heap frozen out of the
garbage collector) in a worker, not on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.app import build_window
from medlocal.ui.workers import wait_for_jobs


def test_build_window_warms_up_off_the_gui_thread(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    monkeypatch.setattr(
        gui_workspace, "warm_up", lambda: threads.append(threading.current_thread())
    )
    window = build_window(gui_workspace)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(threads), timeout=10000)
    assert threads[0] is not threading.main_thread()
    assert wait_for_jobs(10.0)
    window.close()
