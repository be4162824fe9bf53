"""Files dragged onto the window's text inputs and how a drop is taken (left54: review 53c F7's
second half, F9, F10). Drags are delivered as the desktop delivers them, to the top-level window
at the point under the pointer, so Qt chooses the widget and the window's guard acts first.

- A text input never types a dragged file's path: on the Patients search box (a file manager
  also sends the path as text) the files go to the import, asked for the chosen patient; on the
  question box, or anywhere else that takes no files, the drag is refused with a line saying
  where to drop. Plain text is still typed.
- A drop is taken as a copy, never a move (Shift proposes a move; the file manager would then
  delete its original).
- An idle lock while the drop question is open says, after the unlock, that the files were not
  imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.desktop_drags import COPY_OR_MOVE, drag_to, file_mime
from fixtures.gui_window import PASS, window_with_patient
from fixtures.message_boxes import answer_next_box
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.file_drags import FileDragGuard, take_dropped_path
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.patient_rows import LABEL_ROLE

WAIT_MS = 30_000


def _note(tmp_path: Path, name: str = "ward_note_4.txt") -> Path:
    path = tmp_path / name
    path.write_text(f"{name}: apixaban 5 mg twice daily for atrial fibrillation.", "utf-8")
    return path


@pytest.fixture
def window(qtbot: QtBot, gui_workspace: Workspace) -> MainWindow:
    shown: MainWindow = window_with_patient(qtbot, gui_workspace, "Edwina Marchbanks")
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.patients.patient_id is not None
    return shown


def _chosen_label(window: MainWindow) -> str:
    item = window.patients.patients.currentItem()
    return str(item.data(LABEL_ROLE))


def _documents(ws: Workspace, window: MainWindow) -> int:
    patient = window.patients.patient_id
    assert patient is not None
    return len(ws.require_vault().list_documents(patient))


def test_a_file_dragged_onto_the_search_box_is_imported_not_searched(
    qtbot: QtBot, gui_workspace: Workspace, window: MainWindow, tmp_path: Path
) -> None:
    note = _note(tmp_path)
    label = _chosen_label(window)
    asked: list[str] = []
    answer_next_box(f"Import for {label}", asked)
    drag = drag_to(window.patients.search, file_mime([note]))
    assert window.patients.search.text() == ""  # the list is not filtered down to nothing
    assert drag.dropped and drag.drop_action == Qt.DropAction.CopyAction
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert asked[0].startswith(f"Import 1 file for {label}?"), asked
    imports = window.patients.imports
    qtbot.waitUntil(lambda: imports.import_job is None and imports.last_report is not None)
    assert _documents(gui_workspace, window) == 1


def test_a_file_dragged_onto_the_question_box_is_refused_and_says_where_to_drop(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    note = _note(tmp_path)
    question = window.chat.question
    drag = drag_to(question.viewport(), file_mime([note]))
    assert not drag.entered and not drag.dropped  # the desktop shows it refused
    assert question.toPlainText() == ""
    notice = window.patients.imports.drop_notice
    assert notice.isVisible()
    assert notice.text() == (
        f"To import files for {_chosen_label(window)}, drop them on the Documents list; the "
        "rest of the window does not take files."
    )
    # Dropped on the Documents list after all: imported, and the line goes.
    assert drag_to(window.patients.documents.viewport(), file_mime([note])).dropped
    assert not notice.isVisible()
    # The import ends before the window closes (else its close asks to stop it, and waits).
    imports = window.patients.imports
    qtbot.waitUntil(lambda: imports.import_job is None and imports.last_report is not None)


def test_no_text_input_of_the_window_types_a_dragged_files_path(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing imported here: only where the drag went matters.
    monkeypatch.setattr(window.patients.imports, "import_paths", lambda paths: None)
    monkeypatch.setattr(window.patients, "_import_dropped_on_list", lambda *a: None)
    note = _note(tmp_path)
    inputs = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit) and w.isVisible()
    ]
    assert len(inputs) >= 3, inputs  # the search box, the question box, the conversation
    for field in inputs:
        before = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        target = field if isinstance(field, QLineEdit) else field.viewport()
        drag_to(target, file_mime([note]))
        after = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        assert after == before, field.accessibleName()
        assert field.acceptDrops() or not isinstance(field, QLineEdit | QPlainTextEdit)


def test_text_dragged_onto_the_question_box_is_still_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    mime = QMimeData()
    mime.setText("What is her current dose of bisoprolol?")
    question = window.chat.question
    drag = drag_to(question.viewport(), mime)
    assert drag.dropped
    assert question.toPlainText() == "What is her current dose of bisoprolol?"


def test_a_drop_with_shift_held_is_taken_as_a_copy_never_a_move(
    qtbot: QtBot, gui_workspace: Workspace, window: MainWindow, tmp_path: Path
) -> None:
    note = _note(tmp_path)
    shift = Qt.KeyboardModifier.ShiftModifier
    drag = drag_to(
        window.patients.documents.viewport(), file_mime([note]), actions=COPY_OR_MOVE, keys=shift
    )
    assert drag.entered and drag.dropped
    # The desktop proposed a move (Shift); MedLocal answered a copy, at the entry and the drop.
    assert (drag.enter_action, drag.drop_action) == (Qt.DropAction.CopyAction,) * 2
    imports = window.patients.imports
    qtbot.waitUntil(lambda: imports.import_job is None and imports.last_report is not None)
    assert _documents(gui_workspace, window) == 1
    assert note.exists()


def test_a_drag_that_offers_only_a_move_is_refused_and_said(
    window: MainWindow, tmp_path: Path
) -> None:
    note = _note(tmp_path)
    drag = drag_to(
        window.patients.documents.viewport(), file_mime([note]), actions=Qt.DropAction.MoveAction
    )
    assert not drag.entered and not drag.dropped
    notice = window.patients.imports.drop_notice
    assert notice.isVisible()
    assert "only to be moved" in notice.text() and note.name in notice.text()


def test_a_lock_while_the_drop_question_is_open_says_the_files_were_not_imported(
    qtbot: QtBot, gui_workspace: Workspace, window: MainWindow, tmp_path: Path
) -> None:
    vault = gui_workspace.require_vault()
    other = vault.add_patient("Edwin Marchant", mrn="EMC-100233")
    window.patients.reload(select=window.patients.patient_id)
    rows = window.patients.patients
    item = next(
        rows.item(r) for r in range(rows.count()) if "Edwin Marchant" in rows.item(r).text()
    )
    assert window.patients.patient_id != other
    asked: list[str] = []

    def lock_when_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QuestionDialog):
            QTimer.singleShot(20, lock_when_asked)
            return
        asked.append(box.text.text())
        window.lock("idle")

    QTimer.singleShot(0, lock_when_asked)
    centre = rows.visualItemRect(item).center()
    drag_to(rows.viewport(), file_mime([_note(tmp_path), _note(tmp_path, "b.txt")]), centre)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    assert asked and "Edwin Marchant" in asked[0]
    notice = window.patients.imports.drop_notice
    assert not notice.isVisible()  # nothing said over the lock screen
    window.lock_screen.secret.setText(PASS)
    QTest.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=WAIT_MS)
    assert notice.isVisible()
    assert notice.text() == (
        "Not imported: the 2 file(s) dropped on the Patients list before MedLocal locked, as "
        "it asked which patient they were for. Drop them again."
    )
    assert len(gui_workspace.require_vault().list_documents(other)) == 0


def test_a_path_field_takes_a_dropped_folders_path(
    qtbot: QtBot, file_drag_guard: FileDragGuard, tmp_path: Path
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    folder_field, name_field = QLineEdit(page), QLineEdit(page)
    take_dropped_path(folder_field)
    layout = QVBoxLayout(page)
    layout.addWidget(folder_field)
    layout.addWidget(name_field)
    page.show()
    qtbot.waitExposed(page)
    file_drag_guard.watch(page.windowHandle())
    folder_field.setText("/old/place")
    backup = tmp_path / "backups"
    backup.mkdir()
    assert drag_to(folder_field, file_mime([backup])).dropped
    assert folder_field.text() == str(backup)  # the path, whole, never a file:// address
    assert not drag_to(name_field, file_mime([backup])).dropped  # any other field refuses
    assert name_field.text() == ""
    assert not drag_to(folder_field, file_mime([backup, tmp_path])).dropped  # one path only
    assert folder_field.text() == str(backup)
