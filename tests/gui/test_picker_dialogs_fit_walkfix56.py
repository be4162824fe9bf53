"""Walk 55a M1, left by walkfix55a: Summarise and Evaluate (a picker on the left, the result on
the right) could not be narrower than about 794 px at 18 pt, wider than a 683 x 384 screen (a
1366 x 768 laptop at 200 %), their Close and Export/Save beyond its edge. The picker now
scrolls in its pane, as the main window's panes do, so the dialog fits; on a usual screen the
result keeps the larger part and nothing scrolls."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.gui_window import open_window
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QScrollArea, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.workers import wait_for_jobs

SMALL_SCREEN = QRect(0, 0, 683, 384)  # 1366 x 768 at 200 %
USUAL_SCREEN = QRect(0, 0, 1920, 1080)

DIALOGS = [("summarize_dialog", "SummarizeDialog"), ("eval_dialog", "EvaluateDialog")]


def _open(qtbot: QtBot, workspace: Workspace, patient: int, module: str, name: str) -> Any:
    window = open_window(qtbot, workspace)
    args: tuple[Any, ...] = (patient,) if name == "SummarizeDialog" else ()
    dialog = window.dialogs.make(module, name, *args)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _panes(dialog: QWidget) -> tuple[QWidget, QWidget]:
    splitter = next(
        s for s in dialog.findChildren(QSplitter) if s.orientation().name == "Horizontal"
    )
    picker, result = splitter.widget(0), splitter.widget(1)
    assert picker is not None and result is not None
    return picker, result


@pytest.mark.parametrize(("module", "name"), DIALOGS)
def test_a_picker_dialog_fits_a_small_screen_at_18_pt(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    big_font: QFont,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    dialog = _open(qtbot, workspace, patient_with_note, module, name)
    try:
        size, least = dialog.size(), dialog.minimumSizeHint()
        assert size.width() <= SMALL_SCREEN.width() and size.height() <= SMALL_SCREEN.height()
        assert least.width() <= SMALL_SCREEN.width(), least
        assert least.height() <= SMALL_SCREEN.height(), least
        buttons = [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]
        assert buttons
        for button in buttons:
            where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
            assert dialog.rect().contains(where), (button.text(), where, dialog.rect())
            assert button.visibleRegion().boundingRect() == button.rect(), button.text()
        picker, result = _panes(dialog)
        # The picker scrolls rather than set the dialog's width; the result keeps a share.
        assert isinstance(picker, QScrollArea)
        assert result.width() >= dialog.width() // 4, (picker.width(), result.width())
        # Its action button is reached by scrolling to it: the focus scrolls it into view.
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.run_button.setFocus()
        button = dialog.run_button
        qtbot.waitUntil(lambda: button.visibleRegion().boundingRect().height() == button.height())
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)


@pytest.mark.parametrize(("module", "name"), DIALOGS)
def test_on_a_usual_screen_the_result_keeps_the_larger_part(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(USUAL_SCREEN))
    dialog = _open(qtbot, workspace, patient_with_note, module, name)
    try:
        picker, result = _panes(dialog)
        assert result.width() > picker.width(), (picker.width(), result.width())
        # Nothing of the picker is hidden: no scroll bar shows.
        if isinstance(picker, QScrollArea):
            QApplication.processEvents()
            assert not picker.verticalScrollBar().isVisible()
            assert not picker.horizontalScrollBar().isVisible()
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)
