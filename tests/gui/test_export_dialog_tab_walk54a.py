"""Walk 54a D1: after the keyboard had been on the export dialog's Export and Close buttons
(Tab through the dialog), a Keep selected… answered in the real input box left the Export
button's Python name dead ("Internal C++ object (QPushButton) already deleted") and the result
line said "Exporting…" for good. The cause was the focus ring (PySide's QFocusFrame.setWidget
makes each widget followed a child of the frame in the binding's books; the frame went with the
input box and took the buttons' names with it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from fixtures.gui_window import focus_in_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog
from medlocal.ui.focus_frame import FocusRing, show_focus_rings
from medlocal.ui.focus_return import watch_focus_return

WAIT_MS = 120_000  # the redactor loads in a worker: seconds quiet, tens of seconds at load 8

_PARENTS: list[QWidget] = []  # a parent collected by Python would take its dialog with it


@pytest.fixture(autouse=True)
def _rings() -> Iterator[None]:
    watch_focus_return()  # as create_application does for the whole application
    show_focus_rings()
    yield
    _PARENTS.clear()


def _answer_next_input_box(text: str) -> None:
    """Type ``text`` into the next real QInputDialog and press Enter, as a person would."""

    def step() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(50, step)
            return
        edit = box.findChild(QLineEdit)
        edit.setText(text)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(50, step)


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    for _ in range(30):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def test_a_button_box_button_outlives_a_ring_gone_with_an_input_box(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    edit = QLineEdit(dialog)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    export = box.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)  # Qt creates it
    layout = QVBoxLayout(dialog)
    layout.addWidget(edit)
    layout.addWidget(box)
    focus_in_window(qtbot, dialog, edit)
    _tab_to(qtbot, export)
    ring = next(r for r in dialog.findChildren(FocusRing) if r.isVisible())
    assert ring.widget() is export and ring.geometry().contains(export.geometry())
    _answer_next_input_box("why")
    assert QInputDialog.getText(dialog, "Keep", "Why?") == ("why", True)
    qtbot.wait(50)  # the input box and whatever it held are deleted
    assert shiboken6.isValid(export)
    export.setEnabled(False)  # raised "already deleted" before the fix
    assert not export.isEnabled()


def test_keep_after_tabbing_over_the_buttons_then_export_says_the_result(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    document_id = workspace.require_vault().list_documents(patient_with_note)[0].id
    parent = QWidget()
    qtbot.addWidget(parent)
    _PARENTS.append(parent)
    dialog = DocumentExportDialog(workspace, document_id, parent=parent)
    focus_in_window(qtbot, dialog, dialog.path_edit)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    # The keyboard walk of the dialog: over Export and on to Close, as walk 54a did.
    _tab_to(qtbot, dialog.export_button)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    _tab_to(qtbot, close)
    dialog.preview.selectRow(0)
    number, kept = dialog.planned[0].number, dialog.planned[0].redaction.original
    _answer_next_input_box("ward name only")
    _tab_to(qtbot, dialog.keep_button)
    qtbot.keyClick(dialog.keep_button, Qt.Key.Key_Space)  # Keep selected…
    assert dialog.spans.keep == [(number, "ward name only")]
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    assert shiboken6.isValid(dialog.export_button) and shiboken6.isValid(close)
    out = tmp_path / "copy.txt"
    dialog.path_edit.setText(str(out))
    _tab_to(qtbot, dialog.export_button)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.keyClick(dialog.export_button, Qt.Key.Key_Space)
    said = dialog.message.text()
    assert said.startswith("Exported to ") and "1 kept" in said, said
    assert kept in out.read_text(encoding="utf-8")
    assert dialog.export_button.isEnabled()
    dialog.close()
