"""left55: a drag of files already over the Documents list when an import begins is refused at
its next move, with the reason, as its entry and its drop are (review54a: dragMoveEvent went on
answering the desktop with a copy while the panel was busy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.desktop_drags import file_mime
from fixtures.gui_window import window_with_patient
from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.main_window import MainWindow


def test_a_drag_moving_over_the_list_once_an_import_began_is_refused_with_the_reason(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window: MainWindow = window_with_patient(qtbot, gui_workspace, "Edwina Marchbanks")
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    note = tmp_path / "letter.txt"
    note.write_text("x", "utf-8")
    mime = file_mime([note])
    documents = window.patients.documents.viewport()
    at = documents.mapTo(window, documents.rect().center())
    copy, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    top = window.windowHandle()
    try:
        enter = QDragEnterEvent(at, copy, mime, button, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(top, enter)
        assert enter.isAccepted()  # idle: the drag is taken as a copy

        panel = type(window.patients)
        monkeypatch.setattr(panel, "busy", property(lambda self: True))
        move = QDragMoveEvent(at, copy, mime, button, Qt.KeyboardModifier.NoModifier)
        move.setDropAction(enter.dropAction())
        move.accept()  # as QGuiApplication's processDrag: the move carries the entry's answer
        QApplication.sendEvent(top, move)
        assert not move.isAccepted()
        text = window.patients.imports.drop_notice.text()
        assert text.startswith("Not imported:") and "cannot be dropped now" in text
        assert note.name in text

        monkeypatch.setattr(panel, "busy", property(lambda self: False))
        again = QDragMoveEvent(at, copy, mime, button, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(top, again)
        assert again.isAccepted() and again.dropAction() == copy  # the import ended: taken again
    finally:
        QApplication.sendEvent(top, QDragLeaveEvent())  # Qt's drag state ends with the drag
