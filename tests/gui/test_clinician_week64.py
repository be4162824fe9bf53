"""A clinician's week in the window, the steps ui61-ui63 did not walk (ui64): two patients of
one name, a document imported twice, thirty files with three bad ones, the window closed while
a summary is written, the main actions by keyboard alone, and the names a screen reader says.
Each step checks what the person sees and hears."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, focus_in_window, open_window
from fixtures.heartbeat import Heartbeat
from fixtures.message_boxes import answer_questions
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog
from medlocal.ui.main_window import MainWindow

WAIT_MS = 60_000
MEDS = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."


def _rows(window: MainWindow) -> list[str]:
    listed = window.patients.patients
    return [listed.item(row).text() for row in range(listed.count())]


def _documents(window: MainWindow) -> list[str]:
    listed = window.patients.documents
    return [listed.item(row).text() for row in range(listed.count())]


def test_two_patients_of_one_name_are_told_apart_by_birth_date_and_mrn(
    qtbot: QtBot, workspace: Workspace
) -> None:
    vault = workspace.require_vault()
    older = vault.add_patient("John Murphy", dob="1950-01-02")
    younger = vault.add_patient("John Murphy", dob="1971-06-30")
    third = vault.add_patient("John Murphy", mrn="KTV-219907", dob="1971-06-30")
    window = open_window(qtbot, workspace)
    assert _rows(window) == [
        "John Murphy\nborn 2 Jan 1950",
        "John Murphy\nborn 30 Jun 1971",
        "John Murphy\nMRN KTV-219907  ·  born 30 Jun 1971",
    ]
    assert window.patients.patient_id == older
    window.patients.patients.setCurrentRow(1)
    assert window.patients.patient_id == window.chat.patient_id == younger
    shown = window.patients.patients.currentItem()
    assert shown is not None and shown.toolTip() == "John Murphy  ·  born 30 Jun 1971"
    window.patients.patients.setCurrentRow(2)
    assert window.chat.patient_id == third


def test_a_document_imported_again_is_said_and_listed_once(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    patient = workspace.require_vault().add_patient("Maeve Doherty")
    note = tmp_path / "discharge.txt"
    note.write_text(MEDS, "utf-8")
    workspace.import_documents([note], patient)
    window = open_window(qtbot, workspace)
    window.show()
    panel = window.patients
    assert len(_documents(window)) == 1
    job = panel.imports.import_paths([note])
    assert job is not None
    qtbot.waitUntil(lambda: not panel.imports.running, timeout=WAIT_MS)
    assert panel.imports.progress_label.text().endswith("Imported 0, skipped 1, failed 0.")
    errors = panel.imports.errors
    listed = [errors.item(row).text() for row in range(errors.count())]
    # The line under it names the file and why it was skipped.
    assert errors.isVisible() and len(listed) == 1, listed
    assert "discharge.txt" in listed[0] and "skipped" in listed[0], listed
    assert len(_documents(window)) == 1  # not twice
    assert panel.import_button.isEnabled()


def test_thirty_files_with_three_bad_ones_go_on_and_name_each_bad_one(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    patient = workspace.require_vault().add_patient("Fionnuala Ryan")
    folder = tmp_path / "referrals"
    folder.mkdir()
    files = []
    for n in range(27):
        good = folder / f"letter_{n:02d}.txt"
        good.write_text(f"Clinic letter {n}. {MEDS} Review number {n}.", "utf-8")
        files.append(good)
    bad = {
        "scan_broken.pdf": b"%PDF-1.7 this is not a PDF body",
        "empty.txt": b"",
        "report_broken.docx": b"PK\x03\x04 not a zip",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
        files.append(folder / name)
    window = open_window(qtbot, workspace)
    window.show()
    panel = window.patients
    assert panel.patient_id == patient
    beat = Heartbeat()
    beat.start()
    job = panel.imports.import_paths(files)
    assert job is not None
    qtbot.waitUntil(lambda: not panel.imports.running, timeout=WAIT_MS * 3)
    beat.stop()
    assert beat.longest_cpu < 0.5, beat.longest_cpu  # the window kept turning
    assert len(_documents(window)) == 27  # the batch went on past each bad file
    errors = panel.imports.errors
    listed = [errors.item(row).text() for row in range(errors.count())]
    assert errors.isVisible() and len(listed) == 3, listed
    for name in bad:
        assert sum(name in line for line in listed) == 1, (name, listed)
    assert "27" in panel.imports.progress_label.text()


def test_closing_while_a_summary_is_written_stops_it_saves_nothing_half_and_loses_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    fake_chat: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    started, release = threading.Event(), threading.Event()

    def hold(_call: int) -> None:
        started.set()
        release.wait(10)

    fake_chat.on_piece = hold
    window = open_window(qtbot, workspace)
    window.show()
    dialog = SummarizeDialog(workspace, patient_with_note, window)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    job = dialog.start()
    assert job is not None
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    asked: list[str] = []
    answer_questions(monkeypatch, lambda box: asked.append(box.text.text()) or "Stop and close")
    window.close()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)  # no hang
    assert len(asked) == 1 and "summary" in asked[0].lower(), asked
    assert job.cancel_event.is_set()
    vault = workspace.unlock(PASS)  # the close locked the vault; nothing in it was lost
    assert [d.file_name for d in vault.list_documents(patient_with_note)] == ["meds.txt"]
    assert vault.list_outputs(patient_with_note) == []  # no half summary saved


def _menu_items(window: MainWindow) -> dict[str, QAction]:
    bar = window.menuBar()
    return {
        action.text().replace("&", ""): action
        for menu_action in bar.actions()
        if (menu := menu_action.menu()) is not None
        for action in menu.actions()
        if not action.isSeparator()
    }


def test_the_main_actions_have_shortcuts_shown_in_the_menus_and_work_by_keyboard(
    qtbot: QtBot, workspace: Workspace
) -> None:
    workspace.require_vault().add_patient("Cathal Byrne")
    window = open_window(qtbot, workspace)
    items = _menu_items(window)
    for text in (
        "Add patient…",
        "Find a patient",
        "Import documents…",
        "Import folder…",
        "Go to the question box",
        "Summarise…",
        "Find in the conversation…",
        "New chat",
        "Lock",
    ):
        assert text in items, (text, sorted(items))
        assert not items[text].shortcut().isEmpty(), text
    focus_in_window(qtbot, window, window.chat.question)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.chat.question, Qt.Key.Key_F, ctrl | shift)
    assert QApplication.focusWidget() is window.patients.search
    qtbot.keyClick(window.patients.search, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.chat.question
    # Tab from the patient search goes down the pane: the list, then its buttons.
    window.patients.search.setFocus()
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.patients.patients
    qtbot.keyClick(window.patients.patients, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.patients.add_button
    # On the lock screen the patients' items do nothing.
    window.lock()
    items["Add patient…"].trigger()
    assert QApplication.activeModalWidget() is None
    window.workspace.unlock(PASS)
    window.close()


CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSpinBox,
)


def _unnamed(window: QWidget) -> list[str]:
    return [
        f"{type(control).__name__} {getattr(control, 'text', lambda: '')()!r}"
        for kind in CONTROLS
        for control in window.findChildren(kind)
        if control.isVisibleTo(window)
        and not control.objectName().startswith("qt_")
        and not control.accessibleName()
    ]


def test_every_control_a_clinician_uses_has_a_name_a_screen_reader_says(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    window = open_window(qtbot, workspace)
    window.show()
    qtbot.keyClicks(window.patients.document_filter, "meds")  # its clear button shows
    window.chat.find_bar.open()
    assert _unnamed(window) == []
    window.close()
