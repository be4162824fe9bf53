"""review54a probes of left54's file-drag guard: dialogs opened after the guard was installed,
with and without taking focus; a drag that offers a link only (Alt held)."""

from __future__ import annotations

from pathlib import Path

from fixtures.desktop_drags import drag_to, file_mime
from fixtures.gui_window import window_with_patient
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.file_drags import FileDragGuard
from medlocal.ui.main_window import MainWindow


def _dialog(qtbot: QtBot, *, activate: bool) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    if not activate:
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, field


def test_a_dialog_opened_later_that_took_focus_types_no_dragged_path(
    qtbot: QtBot, file_drag_guard: FileDragGuard, tmp_path: Path
) -> None:
    note = tmp_path / "letter.txt"
    note.write_text("x", "utf-8")
    dialog, field = _dialog(qtbot, activate=True)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    drag_to(field, file_mime([note]))
    assert field.text() == ""


def test_a_dialog_that_never_had_focus_types_no_dragged_path(
    qtbot: QtBot, file_drag_guard: FileDragGuard, tmp_path: Path
) -> None:
    """A dialog shown while MedLocal is not the active application (focus-stealing
    prevention) or without activating never takes focus: the guard watched a window only once
    it took focus, and a file dragged onto its text field typed the path. The guard's sweep
    finds it (every SWEEP_MS; a hand takes longer to drag a file onto a window just shown)."""
    note = tmp_path / "letter.txt"
    note.write_text("x", "utf-8")
    dialog, field = _dialog(qtbot, activate=False)
    assert not dialog.isActiveWindow()
    qtbot.waitUntil(lambda: file_drag_guard.watches(dialog.windowHandle()), timeout=5000)
    drag_to(field, file_mime([note]))
    assert field.text() == ""


def test_a_drag_that_offers_only_a_link_is_not_said_to_be_a_move(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    """Alt held: the desktop offers a link only; the refusal said 'offered only to be moved'."""
    window: MainWindow = window_with_patient(qtbot, gui_workspace, "Edwina Marchbanks")
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    note = tmp_path / "letter.txt"
    note.write_text("x", "utf-8")
    link = Qt.DropAction.LinkAction
    drag = drag_to(window.patients.documents.viewport(), file_mime([note]), actions=link)
    assert not drag.entered and not drag.dropped
    text = window.patients.imports.drop_notice.text()
    assert "moved or linked, not copied" in text and note.name in text
