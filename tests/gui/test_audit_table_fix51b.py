"""Review 51b on the audit log table: each shown row's details were made once per column (four
times per row, R9), and the unlock/lock box ticked twice quickly could leave the older load
showing (two loads in flight, the older landing last)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app.audit_view import AuditView
from medlocal.ui.dialogs import audit_dialog
from medlocal.ui.dialogs.audit_dialog import AuditDialog
from medlocal.vault.audit import AuditEntry

WAIT_MS = 30_000


def _entries(count: int, event: str = "import") -> list[AuditEntry]:
    return [
        AuditEntry(seq, "2026-12-06T05:00:00Z", event, {"document_id": seq, "sha256": "ab" * 32})
        for seq in range(1, count + 1)
    ]


class LogOnly:
    """An open vault as the dialog sees it; ``views`` answers each load in turn (a load may
    wait for ``hold`` first)."""

    def __init__(self, views: list[tuple[list[AuditEntry], threading.Event | None]]) -> None:
        self.views = views
        self.loads = 0

    def require_vault(self) -> object:
        return object()

    def audit_view(self, limit: int | None = None, *, sessions: bool = False) -> AuditView:
        entries, hold = self.views[min(self.loads, len(self.views) - 1)]
        self.loads += 1
        if hold is not None:
            hold.wait(WAIT_MS / 1000)
        return AuditView(entries)


def test_each_shown_rows_details_are_made_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: Counter[int] = Counter()
    real = audit_dialog.details_text

    def counting(details: dict[str, Any]) -> str:
        made[details["document_id"]] += 1
        return real(details)

    monkeypatch.setattr(audit_dialog, "details_text", counting)
    workspace: Any = LogOnly([(_entries(5_000), None)])
    dialog = AuditDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.resize(760, 480)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.load_job is None, timeout=WAIT_MS)
    for _ in range(3):
        QApplication.processEvents()
    for _ in range(5):
        dialog.table.viewport().repaint()
    model = dialog.table.model()
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole).startswith("document_id=1")
    assert made and max(made.values()) == 1, made.most_common(3)


def test_the_latest_load_is_shown_when_an_older_one_lands_last(qtbot: QtBot) -> None:
    slow = threading.Event()
    workspace: Any = LogOnly(
        [(_entries(2), None), (_entries(3, "unlock"), slow), (_entries(4), None)]
    )
    dialog = AuditDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.load_job is None, timeout=WAIT_MS)
    dialog.sessions_box.setChecked(True)  # load 2: slow
    qtbot.waitUntil(lambda: workspace.loads == 2, timeout=WAIT_MS)
    dialog.sessions_box.setChecked(False)  # load 3: lands first
    qtbot.waitUntil(lambda: dialog.table.model().rowCount() == 4, timeout=WAIT_MS)
    slow.set()
    qtbot.wait(500)
    assert dialog.table.model().rowCount() == 4
    assert dialog.reload_button.isEnabled()
