"""Review 52b F11 (left 53, Qt offscreen): a task started with ``run_owned`` is cancelled when
its widget is deleted, without the deleted widget as the cancel's reason (``destroyed`` passes
the object: any read or log of ``cancelled_by`` then raised "already deleted")."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.ui.dialogs.common import run_owned

WAIT_MS = 60_000


def test_a_deleted_owner_cancels_with_no_reason(qtbot: QtBot) -> None:
    release = threading.Event()
    owner = QWidget()  # deleted by the test

    def work(cancel: threading.Event) -> None:
        release.wait(30)

    job = run_owned(owner, "held", work, lambda _r: None, lambda _e: None)
    try:
        shiboken6.delete(owner)
        assert job.cancel_event.is_set()
        assert job.cancelled_by == ""
        assert isinstance(job.cancelled_by, str)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
