"""Review of ui60's questions (ui.message_dialog.ask) and its splits (review60b).

* Enter pressed on the button the keyboard is on presses that button, as in a QMessageBox and
  any other dialog: with every button's autoDefault off, Enter on a focused "Quit" in the
  damaged-settings question reset the settings, and on a focused "Delete the chat" cancelled.
  From the text, where the keyboard starts, Enter still gives the default (the safe answer).
* A "&" in an answer (a patient's name in "Import for …") is shown, not taken as a mnemonic.
* A text's longest part that cannot wrap (a Windows path, which breaks only at spaces) widens
  the question where the screen has room: at 56 characters "Replace file?" hid the file's name
  behind a sideways scroll bar on a 1366 x 768 screen.
* A question whose parent is deleted while it is open gives the safe answer, not a
  RuntimeError.
* The document list, split into ui.document_list, still follows an import: each file imported
  has it read again off the GUI thread, before the import ends."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.message_boxes import when_asked, without_mnemonic
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import fitting_scroll, screen_room
from medlocal.ui.message_dialog import QuestionDialog, ask

WINDOWS_PATH = "C:\\Users\\jsmith\\OneDrive-StMarysCardiology\\Documents\\Letters\\" + (
    "Hartley_Margaret_echocardiogram_2026-03-12_final.docx"
)


def _enter_on(qtbot: QtBot, label: str | None) -> Callable[[QuestionDialog], None]:
    """Tab to the button ``label`` (None: stay on the text) and press Enter there."""

    def press(box: QuestionDialog) -> None:
        target = box.text if label is None else box.answers[label]
        for _ in range(len(box.answers) + 1):
            if box.focusWidget() is target:
                break
            qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Tab)
        assert box.focusWidget() is target
        qtbot.keyClick(target, Qt.Key.Key_Return)

    return press


def test_enter_on_the_button_the_keyboard_is_on_presses_that_button(qtbot: QtBot) -> None:
    results = []
    for label in ("Delete the chat", "Cancel", None):
        when_asked(qtbot, _enter_on(qtbot, label))
        results.append(ask(None, "Delete chat", "Delete this chat?", ["Delete the chat"], "Cancel"))
    assert results == ["Delete the chat", "Cancel", "Cancel"]  # from the text: the safe one


def test_enter_on_quit_quits_where_enter_from_the_text_resets(qtbot: QtBot) -> None:
    from medlocal.ui.app import QUIT, RESET_SETTINGS

    results = []
    for label in (QUIT, None):
        when_asked(qtbot, _enter_on(qtbot, label))
        asked = ask(
            None, "Settings", "Cannot use it.", [RESET_SETTINGS], QUIT, default=RESET_SETTINGS
        )
        results.append(asked)
    assert results == [QUIT, RESET_SETTINGS]


def test_escape_on_the_button_that_acts_gives_the_safe_answer(qtbot: QtBot) -> None:
    def escape(box: QuestionDialog) -> None:
        button = box.answers["Remove the patient"]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Escape)

    when_asked(qtbot, escape)
    assert ask(None, "Remove patient", "Remove?", ["Remove the patient"], "Cancel") == "Cancel"


def test_an_ampersand_in_an_answer_is_shown_not_a_mnemonic(qtbot: QtBot) -> None:
    label = "Import for Smith & Jones (MRN A&E-12)"
    dialog = QuestionDialog(None, "Import dropped files", "Import 2 files?", [label], "Cancel")
    qtbot.addWidget(dialog)
    button = dialog.answers[label]
    assert without_mnemonic(button.text()) == label
    assert button.shortcut() == QKeySequence("Alt+I")  # was Alt+Space, "&" itself hidden
    dialog.choose(label)
    assert dialog.answer == label


def test_a_question_whose_parent_is_deleted_while_open_gives_the_safe_answer(
    qtbot: QtBot,
) -> None:
    parent = QWidget()
    parent.show()
    when_asked(qtbot, lambda _box: parent.deleteLater())
    assert ask(parent, "Delete chat", "Delete this chat?", ["Delete the chat"], "Cancel") == (
        "Cancel"
    )


def test_the_document_list_follows_an_import_before_it_ends(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: object
) -> None:
    from pathlib import Path

    from medlocal.ui.patients_panel import PatientsPanel

    assert isinstance(tmp_path, Path)
    patient = gui_workspace.require_vault().add_patient("Jane Roe")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    panel.reload(patient)
    assert panel.patient_id == patient and panel.documents.count() == 0
    note = tmp_path / "note.txt"
    note.write_text("Patient on metformin 500 mg twice daily.", "utf-8")
    gui_workspace.import_documents([note], patient)  # stored; the import has not ended
    panel.imports.fileImported.emit()
    qtbot.waitUntil(lambda: panel.documents.count() == 1, timeout=10_000)
    assert panel.imports.import_job is None  # listed by the import's refresh, not its end


def test_a_windows_path_is_shown_whole_where_the_screen_has_room(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(0, 0, 1366, 768))
    text = f"{WINDOWS_PATH} already exists. Replace it?"
    dialog = QuestionDialog(None, "Replace file?", text, ["Replace"], "Cancel")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    area = dialog.findChild(fitting_scroll.FittingScrollArea)
    assert area is not None
    assert dialog.text.width() <= area.viewport().width()  # no sideways scrolling
    assert not area.horizontalScrollBar().isVisible()
    assert dialog.width() <= 1366


def test_an_answer_wider_than_a_small_screen_still_says_what_it_does(
    qtbot: QtBot, big_font: QFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(0, 0, 683, 384))
    label = "Import for Maria Guadalupe Fernandez-Hernandez de la Cruz  ·  MRN HRT-999001-07"
    dialog = QuestionDialog(
        None, "Import dropped files", f"Import 2 files for {label[11:]}?", [label], "Cancel"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    button = dialog.answers[label]
    assert button.sizeHint().width() <= button.width()  # its text is not cut off
    shown = without_mnemonic(button.text())
    assert shown.startswith("Import for Maria") and shown.endswith("…")
    assert button.toolTip() == label and button.accessibleName() == label
    assert dialog.width() <= 683
