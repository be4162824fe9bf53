"""At 18 pt on a 683 px wide window (a 1366 x 768 screen split in two) the status bar's texts
are whole (ui63): the model's name and the speed showed as a "…" alone and the backend as
"Back…" (review62u); the row now takes the lines its texts need."""

from __future__ import annotations

import pytest
from fixtures.gui_window import open_window
from fixtures.seen_text import cut_texts
from fixtures.status_model import status_model
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.flow import ElidedLabel

HALF_SCREEN = QRect(0, 0, 683, 768)
REMINDER = "No recent verified backup of this vault: Tools → Backup and restore…"


MODEL = status_model("SmolLM2-360M-Instruct-Q8_0")


@pytest.mark.parametrize("reminder", [False, True], ids=["alone", "beside the reminder"])
def test_every_status_text_is_whole_at_18_pt_on_half_a_1366_screen(
    qtbot: QtBot,
    workspace: Workspace,
    big_font: QFont,
    monkeypatch: pytest.MonkeyPatch,
    reminder: bool,
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(HALF_SCREEN))
    monkeypatch.setattr(type(workspace), "loaded_chat_model", property(lambda _self: MODEL))
    workspace.require_vault().add_patient("Margaret Hartley")
    window = open_window(qtbot, workspace)
    window.resize(HALF_SCREEN.size())
    window.show()
    window.show_model()
    status = window.status
    qtbot.waitUntil(lambda: status.context.text() == "Context 174/8192")
    if reminder:
        status.show_reminder(REMINDER, 60_000)
    qtbot.wait(200)
    assert window.width() <= HALF_SCREEN.width() and window.height() <= HALF_SCREEN.height()
    for label in (status.model, status.backend, status.speed, status.context):
        assert label.isVisible() and label.shown_text() == label.text(), label.text()
    assert status.model.text() == f"Model: {MODEL.name}"
    # Each text lies inside the row, and the row inside the status bar: none drawn off it.
    bar = window.statusBar()
    for label in (status.model, status.backend, status.speed, status.context, status.offline):
        assert label.visibleRegion().boundingRect() == label.rect(), label.text()
        assert bar.rect().contains(label.mapTo(bar, label.rect().bottomRight()))
    assert [
        label.text()
        for label in window.findChildren(ElidedLabel)
        if label.isVisible() and label.is_elided()
    ] == []
    assert cut_texts(window) == []
    window.close()
