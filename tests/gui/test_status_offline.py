"""The status bar's offline indicator is green only while the guard is installed and nothing was
refused (walk g1 #6: "Offline guard OFF" was drawn in the OK colour)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from medlocal.privacy import netguard
from medlocal.ui.colours import Tone
from medlocal.ui.status import StatusWidgets


@pytest.mark.parametrize(
    ("installed", "refused", "tone", "text"),
    [
        (True, 0, Tone.OK, "● Offline · 0 refused"),
        (True, 2, Tone.ERROR, "● Offline · 2 refused"),
        (False, 0, Tone.ERROR, "● Offline guard OFF · 0 refused"),
        (False, 1, Tone.ERROR, "● Offline guard OFF · 1 refused"),
    ],
)
def test_the_colour_follows_the_guard_and_the_refusals(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    installed: bool,
    refused: int,
    tone: Tone,
    text: str,
) -> None:
    state: dict[str, Any] = {**netguard.status()}
    state.update(guard_installed=installed, blocked_attempts=refused)
    monkeypatch.setattr(netguard, "status", lambda: state)
    window = QMainWindow()
    qtbot.addWidget(window)
    widgets = StatusWidgets(window.statusBar(), window)
    try:
        assert widgets.offline.text() == text
        assert widgets.offline.tone is tone
        assert ("not installed" in widgets.offline.toolTip()) is (not installed)
    finally:
        widgets.close()
