"""A clinician's day in the window, the steps ui61 and ui62 did not walk (ui63), at 18 pt on a
1366 x 768 screen, keyboard first: an answer copied with its citations, Ctrl+F in a long answer,
the window's size and place after a restart, a very long document name, a patient with no
documents, and the chat model's USB stick unplugged.

Each step checks what the person sees: where the keyboard is, which buttons can be pressed, that
no label or button is cut (fixtures.seen_text), the words said, and that the event loop kept
turning while the answer was written (fixtures.heartbeat). A Qt warning fails any of them
(pyproject's qt_log_level_fail)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import FAST_KDF, PASS, make_workspace, shown_window
from fixtures.heartbeat import Heartbeat
from fixtures.ingest_files import FakeEmbedder
from fixtures.model_files import write_tiny_gguf
from fixtures.seen_text import cut_texts
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry
from medlocal.ui import screen_room
from medlocal.ui.chat_texts import NO_DOCUMENTS_HINT
from medlocal.ui.find_bar import NOT_FOUND
from medlocal.ui.main_window import MainWindow
from medlocal.ui.patient_deletions import NOTHING_LISTED
from medlocal.ui.unlock_follow_ups import model_missing_text

SCREEN = QRect(0, 0, 1366, 768)
NAME = "Margaret Hartley"
MEDS = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."
CITED = "She takes metformin 500 mg twice daily [1]. Lisinopril 10 mg once daily [1]."
MOST_GUI_CPU_S = 0.5  # the event loop's widest gap (GUI-thread CPU) while the answer is written
WAIT_MS = 60_000


@pytest.fixture
def screen(big_font: QFont, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """A 1366 x 768 screen, the application's font at 18 pt (conftest's big_font)."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SCREEN))
    return SCREEN


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def _window(
    qtbot: QtBot, tmp_path: Path, answer: str = CITED, file_name: str = "discharge.txt"
) -> tuple[Workspace, MainWindow]:
    """The window on a vault with one patient and (unless ``file_name`` is empty) one note."""
    workspace = make_workspace(tmp_path, chat=FakeChatModel(answer))
    workspace.create_vault(PASS)
    patient = workspace.require_vault().add_patient(NAME)
    if file_name:
        note = tmp_path / file_name
        note.write_text(MEDS, "utf-8")
        workspace.import_documents([note], patient)
    window = shown_window(qtbot, workspace, SCREEN.width(), SCREEN.height())
    window.patients.patients.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.patients.patient_id == patient, timeout=WAIT_MS)
    return workspace, window


def _ask(qtbot: QtBot, window: MainWindow, question: str) -> None:
    """Type ``question`` in the box and press Enter; the answer is written with the event loop
    turning."""
    chat = window.chat
    chat.question.setFocus()
    qtbot.keyClicks(chat.question, question)
    beat = Heartbeat()
    beat.start()
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=WAIT_MS)
    beat.stop()
    assert beat.longest_cpu < MOST_GUI_CPU_S, beat.longest_cpu


def _sees_all(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(100)
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height()
    assert cut_texts(window) == []


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (CITED, "Sources:\n[1] discharge.txt"),
        ("She takes metformin 500 mg twice daily.", "The model cited no passage"),
    ],
    ids=["cited", "cited by MedLocal alone"],
)
def test_an_answer_copied_by_keyboard_carries_what_its_citations_point_at(
    qtbot: QtBot, tmp_path: Path, screen: QRect, answer: str, said: str
) -> None:
    """The pasted answer read "metformin 500 mg twice daily [1]" with nothing saying what [1]
    was (Copy took the answer's text alone)."""
    _workspace, window = _window(qtbot, tmp_path, answer)
    _ask(qtbot, window, "What does she take?")
    chat = window.chat
    assert chat.copy_button.isEnabled()
    QGuiApplication.clipboard().clear()
    _press(
        qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("She takes metformin 500 mg twice daily [1")
    assert said in copied
    assert "[1] discharge.txt" in copied  # the one cited passage, named
    assert QApplication.focusWidget() is chat.question  # the keyboard stayed where it was
    _sees_all(qtbot, window)
    window.close()


def test_ctrl_f_finds_a_word_in_the_answer_and_escape_gives_the_keyboard_back(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    long_answer = " ".join([CITED] * 12)
    _workspace, window = _window(qtbot, tmp_path, long_answer)
    _ask(qtbot, window, "What does she take?")
    chat = window.chat
    bar = chat.find_bar
    assert not bar.isVisible()
    _press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and QApplication.focusWidget() is bar.box
    qtbot.keyClicks(bar.box, "lisinopril")
    first = chat.view.textCursor()
    assert first.selectedText().lower() == "lisinopril"
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)  # the next one
    second = chat.view.textCursor()
    assert second.selectedText().lower() == "lisinopril"
    assert second.selectionStart() > first.selectionStart()
    qtbot.keyClick(bar.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back
    assert chat.view.textCursor().selectionStart() == first.selectionStart()
    assert bar.result.text() == ""
    bar.box.clear()
    qtbot.keyClicks(bar.box, "warfarin")
    assert bar.result.isVisible() and bar.result.text() == NOT_FOUND
    _sees_all(qtbot, window)
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is chat.view
    assert window.isVisible() and chat.job is None  # Escape closed the box, nothing else
    # Ctrl+F again opens it with what was typed chosen; the lock forgets it (patient text).
    _press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.box.text() == "warfarin" and bar.box.selectedText() == "warfarin"
    window.lock("user")
    assert bar.box.text() == "" and not bar.isVisible()
    window.close()


def test_the_window_comes_back_at_its_size_and_place_after_a_restart(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    workspace, window = _window(qtbot, tmp_path)
    # Within the offscreen platform's own 800 x 600 screen, which restoreGeometry fits to.
    window.setGeometry(QRect(30, 40, 740, 500))
    qtbot.waitUntil(lambda: window.size().width() == 740, timeout=5000)
    placed = window.geometry()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)  # saved as it closes
    workspace.close()
    reopened = make_workspace(tmp_path)
    reopened.unlock(PASS)
    again = MainWindow(reopened)
    qtbot.addWidget(again)
    again.start()
    again.show()
    qtbot.waitUntil(lambda: again.isVisible(), timeout=5000)
    assert again.geometry().size() == placed.size()
    assert again.geometry().topLeft() == placed.topLeft()
    # Only the window's geometry is kept outside the vault: no patient's name in the settings.
    settings = QSettings("MedLocal", "MedLocal")
    kept = " ".join(str(settings.value(key)) for key in settings.allKeys())
    assert NAME not in kept and "Hartley" not in kept
    # The patient is not chosen again by itself (nothing of them kept unencrypted): the list is
    # there, whole, for the keyboard.
    assert again.patients.patients.count() == 1
    again.close()


def test_a_very_long_document_name_can_be_read_whole(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    long_name = "2024-03-13_" + "cardiology_outpatient_follow_up_letter_" * 5 + "final.txt"
    _workspace, window = _window(qtbot, tmp_path, file_name=long_name)
    documents = window.patients.documents
    qtbot.waitUntil(lambda: documents.count() == 1, timeout=WAIT_MS)
    item = documents.item(0)
    # The row is cut short with "…" in the middle (one line, no sideways scroll) ...
    assert documents.fontMetrics().horizontalAdvance(item.text()) > documents.viewport().width()
    # ... and hovering it shows the whole name (it had no tooltip).
    assert long_name in documents.tip_for(item)
    _sees_all(qtbot, window)
    window.close()


def test_a_patient_with_no_documents_is_told_what_to_do(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    _workspace, window = _window(qtbot, tmp_path, file_name="")
    panel, chat = window.patients, window.chat
    assert panel.documents.count() == 0
    assert panel.import_button.isEnabled() and panel.import_folder_button.isEnabled()
    assert not panel.export_copy_button.isEnabled()
    # The filter box finds nothing and says nothing of "0 documents".
    qtbot.keyClicks(panel.document_filter, "letter")
    assert not panel.document_filter.count.isVisible()
    panel.document_filter.clear()
    # Delete says there is nothing to delete.
    panel.delete_button.setFocus()
    qtbot.keyClick(panel.delete_button, Qt.Key.Key_Space)
    assert panel.notice.isVisible() and panel.notice.text() == NOTHING_LISTED
    # A question says to import first; it stays in the box.
    chat.question.setFocus()
    qtbot.keyClicks(chat.question, "What does she take?")
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: NO_DOCUMENTS_HINT in chat.visible_text(), timeout=WAIT_MS)
    assert chat.question.toPlainText() == "What does she take?" and chat.turns == []
    assert not chat.copy_button.isEnabled()
    _sees_all(qtbot, window)
    window.close()


def test_a_chat_model_on_an_unplugged_stick_is_said_at_the_start(
    qtbot: QtBot, tmp_path: Path, screen: QRect
) -> None:
    """The default chat model imported in place from a USB stick, the stick gone: the window
    said nothing until the first question failed on it."""
    stick = tmp_path / "stick"
    stick.mkdir()
    source = write_tiny_gguf(stick / "clinic-model.gguf")
    import_gguf(source, in_place=True, model_id="on-stick")
    Registry().set_default("on-stick", "chat")
    source.unlink()
    workspace = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda _m: FakeEmbedder()
    )
    workspace.create_vault(PASS)
    patient = workspace.require_vault().add_patient(NAME)
    note = tmp_path / "discharge.txt"
    note.write_text(MEDS, "utf-8")
    workspace.import_documents([note], patient)
    window = shown_window(qtbot, workspace, SCREEN.width(), SCREEN.height())
    reminder = window.status.reminder
    qtbot.waitUntil(lambda: reminder.isVisible(), timeout=WAIT_MS)
    assert reminder.text() == model_missing_text("on-stick", str(stick))
    assert "Model manager" in reminder.text()
    _sees_all(qtbot, window)
    # The question then says the same, and stays answerable once the stick is back.
    window.patients.patients.setCurrentRow(0)
    chat = window.chat
    chat.ask("What does she take?")
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    assert "model file is missing" in chat.visible_text()
    window.close()
