"""Review of walkfix55a (review55c): on a usual screen (1x, 1920 x 1080, the default font) the
dialogs open as before the small-screen work. The Backup dialog asked for 640 x 460 and was
held at its layout's minimum, 640 x 528, so all of it showed; once its content moved into a
scroll area, 460 was kept and the restore part (New passphrase, Repeat it, Verify, Restore)
lay under a scroll bar, with the running task's Cancel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures.gui_window import open_window
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import fitting_scroll, screen_room
from medlocal.ui.workers import wait_for_jobs

USUAL_SCREEN = QRect(0, 0, 1920, 1080)


@pytest.fixture
def usual_screen(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(USUAL_SCREEN))
    yield


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("backup_dialog", "BackupDialog"),
        ("models_dialog", "ModelManagerDialog"),
        ("about_dialog", "AboutDialog"),
        ("audit_dialog", "AuditDialog"),
    ],
)
def test_a_dialog_on_a_usual_screen_shows_all_of_itself_without_scrolling(
    qtbot: QtBot, workspace: Workspace, usual_screen: None, module: str, name: str
) -> None:
    window = open_window(qtbot, workspace)
    dialog = window.dialogs.make(module, name)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    scrolled = [
        area.objectName() or type(area).__name__
        for area in dialog.findChildren(QScrollArea)
        if type(area) is fitting_scroll.FittingScrollArea
        and (area.verticalScrollBar().isVisible() or area.horizontalScrollBar().isVisible())
    ]
    assert scrolled == [], (dialog.size(), dialog.sizeHint())
    dialog.reject()
    assert wait_for_jobs(20.0)
