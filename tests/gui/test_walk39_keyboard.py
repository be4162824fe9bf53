"""Walk 39's keyboard defects in the window: Tab entering the Conversation went from citation
link to citation link (18 presses in a 10-turn chat) and the question box and Send were out of
Tab's reach; in the model manager Tab moved between the Installed table's cells and never left
it; Settings had no shortcut on Linux; after a "Not found" answer the Sources pane still showed
the previous answer's passage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import open_window, window_with_patient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.rag.passages import SourceRef
from medlocal.ui.app import apply_theme

WAIT_MS = 20_000


def _chat(turns: int) -> list[ChatTurn]:
    sources = [SourceRef(i, i, 1, "note.txt", None, 0, 10, "metformin") for i in (1, 2, 3)]
    return [
        ChatTurn(f"question {n}?", f"Metformin 500 mg [1], sodium 138 [2], BP [3] ({n}).", sources)
        for n in range(turns)
    ]


def _shown(qtbot: QtBot, workspace: Workspace) -> Any:
    window = window_with_patient(qtbot, workspace, "Keyboard Tester")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_tab_leaves_the_conversation_for_the_question_box(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _shown(qtbot, workspace)
    chat = window.chat
    chat.turns = _chat(10)
    chat.redraw()
    qtbot.waitUntil(lambda: "question 9?" in chat.view.toPlainText())
    chat.view.setFocus()
    qtbot.waitUntil(chat.view.hasFocus)
    qtbot.keyClick(chat.view, Qt.Key.Key_Tab)
    assert _focused() is chat.question  # one press, not one per citation link
    qtbot.keyClick(chat.question, Qt.Key.Key_Tab)
    assert _focused() is chat.send_button
    qtbot.keyClick(chat.send_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(chat.question, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused() is chat.view


def test_citation_links_are_reached_with_ctrl_tab_and_opened_with_enter(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _shown(qtbot, workspace)
    chat = window.chat
    chat.turns = _chat(2)
    chat.redraw()
    qtbot.waitUntil(lambda: "question 1?" in chat.view.toPlainText())
    chat.view.setFocus()
    qtbot.waitUntil(chat.view.hasFocus)
    opened: list[SourceRef] = []
    chat.sourceRequested.connect(opened.append)
    qtbot.keyClick(chat.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(chat.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert chat.view.hasFocus()
    assert chat.view.textCursor().selectedText().strip("\xa0 ") == "[2]"
    qtbot.keyClick(chat.view, Qt.Key.Key_Return)
    assert [s.number for s in opened] == [2]
    qtbot.keyClick(
        chat.view,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert chat.view.textCursor().selectedText().strip("\xa0 ") == "[1]"
    # macOS: Qt reads the physical Control key as Meta (Cmd+Tab is the system's app switcher).
    qtbot.keyClick(chat.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.MetaModifier)
    assert chat.view.textCursor().selectedText().strip("\xa0 ") == "[2]"


def test_tab_leaves_the_installed_models_table(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Walk 39: Tab inside the Installed table moved between its cells and never left, so
    Import, Set as default and Remove were out of the keyboard's reach."""
    from fixtures.model_files import write_tiny_gguf

    from medlocal.models.importer import import_gguf
    from medlocal.ui.dialogs.models_dialog import ModelManagerDialog

    import_gguf(write_tiny_gguf(tmp_path / "kept.gguf", seed=5), model_id="kept")
    dialog = ModelManagerDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fit_job is None, timeout=20_000)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select("kept")
    table = dialog.installed_table
    assert table.rowCount() >= 1 and not table.tabKeyNavigation()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    reached = []
    for _ in range(12):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        reached.append(_focused())
    assert reached[0] is not table
    for button in (dialog.import_file_button, dialog.default_button, dialog.remove_button):
        assert button in reached, button.text()


@pytest.fixture
def fake_chat() -> FakeChatModel:
    """The first question is answered from the note; the second is not in the documents."""
    return FakeChatModel(["Metformin 500 mg twice daily for diabetes [1].", "NOT IN DOCUMENTS"])


def test_a_not_found_answer_clears_the_previous_answers_passage(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    window = open_window(qtbot, workspace)
    chat, sources = window.chat, window.sources
    chat.question.setPlainText("What dose of metformin?")
    chat.send()
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    assert chat.turns[-1].sources
    chat.view.citationClicked.emit("0.1")
    qtbot.waitUntil(lambda: sources.current is not None, timeout=WAIT_MS)
    assert "metformin" in sources.highlighted_text()
    chat.question.setPlainText("What is her blood group?")
    chat.send()
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    assert chat.turns[-1].status == "not_found" and not chat.turns[-1].sources
    assert sources.current is None and sources.text.toPlainText() == ""
    assert sources.highlighted_text() == ""
    assert sources.header.text().startswith("Open a citation")


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "system")


def _frame_pixels(image: QImage, colour: QColor) -> int:
    """Pixels within a short distance of ``colour``."""
    near = 0
    for x in range(image.width()):
        for y in range(image.height()):
            c = QColor(image.pixel(x, y))
            distance = (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
            )
            near += distance < 90
    return near


@pytest.mark.parametrize("theme", ["system", "dark"])
def test_send_shows_a_focus_frame_when_tabbed_to(
    qtbot: QtBot, workspace: Workspace, themed: QApplication, theme: str
) -> None:
    """Walk 39 asked whether the buttons show where the keyboard is: the window sets no style
    sheet (one that styles QPushButton drops the style's focus frame), and the style draws
    the focused Send with a frame in the palette's highlight colour, in either scheme."""
    apply_theme(themed, theme)
    window = _shown(qtbot, workspace)
    chat = window.chat
    assert themed.styleSheet() == "" and window.styleSheet() == ""
    assert chat.send_button.styleSheet() == "" and chat.styleSheet() == ""
    chat.question.setFocus()
    qtbot.waitUntil(chat.question.hasFocus)
    plain = chat.send_button.grab().toImage()
    qtbot.keyClick(chat.question, Qt.Key.Key_Tab)
    assert _focused() is chat.send_button
    focused = chat.send_button.grab().toImage()
    highlight = chat.send_button.palette().color(QPalette.ColorRole.Highlight)
    perimeter = 2 * (focused.width() + focused.height())
    assert _frame_pixels(focused, highlight) - _frame_pixels(plain, highlight) > perimeter // 2


def test_ctrl_comma_opens_settings_with_the_first_field_focused(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Walk 39: QKeySequence.Preferences is empty on Linux, so no shortcut opened Settings."""
    from medlocal.ui.dialogs.settings_dialog import SettingsDialog

    window = _shown(qtbot, workspace)
    seen: list[QWidget | None] = []

    def in_settings() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(50, in_settings)
            return
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(QApplication.focusWidget())
        seen.append(dialog.editors["threads"])
        dialog.reject()

    QTimer.singleShot(0, in_settings)
    window.chat.question.setFocus()
    qtbot.keyClick(window.chat.question, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert seen[0] is seen[1]
