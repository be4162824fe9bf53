"""ui60's window leftovers (ui61).

* Each answer of a question has its own Alt+letter (review60b L3: the old Yes/No had Alt+Y and
  Alt+N; the answers that say what they do had none, so only Tab reached them).
* ``tell`` deletes its message once it is closed, as ``ask`` deletes its question: messages left
  among their parent's children made a later gui test segfault (ui60).
* ``keep_on_screen`` keeps a dialog's frame on the screen, not only its inside: a dialog placed
  at the top edge of a 683 x 384 screen had its frame past the screen's edges, and where the
  window system had not told the frame yet, its title bar above the screen.

The first-run wizard opened at 18 pt is its 9 pt size at 9 pt again: tests/gui/
test_font_change_fit_ui60.py includes it now."""

from __future__ import annotations

import pytest
from fixtures.message_boxes import look_at_next_modal, when_asked, without_mnemonic
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QStyle, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from medlocal.ui import screen_room
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.message_dialog import MessageDialog, QuestionDialog, ask, letter_places, tell

SMALL_SCREEN = QRect(0, 0, 683, 384)
DELETE_WITH = "Delete with the 2 saved outputs"
DELETE_KEEP = "Delete, keep the outputs"


def test_each_answer_has_its_own_alt_letter(qtbot: QtBot) -> None:
    dialog = QuestionDialog(
        None, "Delete documents", "Delete?", [DELETE_WITH, DELETE_KEEP], "Cancel"
    )
    qtbot.addWidget(dialog)
    keys = {label: button.shortcut() for label, button in dialog.answers.items()}
    assert keys == {
        DELETE_WITH: QKeySequence("Alt+D"),
        DELETE_KEEP: QKeySequence("Alt+K"),  # D taken: its next word's first letter
        "Cancel": QKeySequence("Alt+C"),
    }
    assert {without_mnemonic(b.text()) for b in dialog.answers.values()} == set(keys)


def test_letters_are_unique_and_fall_back_to_any_free_letter() -> None:
    places = letter_places(["Remove", "Replace", "Restore", "R", "…"])
    assert places == {"Remove": 0, "Replace": 1, "Restore": 2, "R": None, "…": None}
    letters = [label[p].lower() for label, p in places.items() if p is not None]
    assert len(letters) == len(set(letters))


@pytest.mark.parametrize(
    ("key", "answer"),
    [(Qt.Key.Key_K, DELETE_KEEP), (Qt.Key.Key_D, DELETE_WITH), (Qt.Key.Key_C, "Cancel")],
)
def test_alt_and_an_answers_letter_gives_that_answer(
    qtbot: QtBot, key: Qt.Key, answer: str
) -> None:
    closed_by_the_key = []

    def press(box: QuestionDialog) -> None:
        qtbot.keyClick(box.focusWidget() or box, key, Qt.KeyboardModifier.AltModifier)
        for _ in range(40):  # a shortcut clicks as a mouse would, pressed for a moment
            if not box.isVisible():
                break
            qtbot.wait(25)
        closed_by_the_key.append(not box.isVisible())
        if box.isVisible():
            box.reject()  # the key did nothing: not left open

    when_asked(qtbot, press)
    assert ask(None, "Delete documents", "Delete?", [DELETE_WITH, DELETE_KEEP], "Cancel") == answer
    assert closed_by_the_key == [True]


def test_tell_deletes_its_message_once_closed(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    look_at_next_modal(qtbot, lambda _box: None)
    tell(parent, "Backup made", "The backup is in /home/clinic/backups.")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert parent.findChildren(MessageDialog) == []


def _small_dialog() -> QDialog:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Choose a folder for the backup."))
    fit_dialog(dialog)
    return dialog


@pytest.mark.parametrize("placed", [QRect(0, 0, 683, 384), QRect(0, 0, 683, 500)])
def test_a_dialog_at_the_top_edge_keeps_its_whole_frame_on_the_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, placed: QRect
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    dialog = _small_dialog()
    qtbot.addWidget(dialog)
    dialog.setGeometry(placed)
    dialog.show()
    qtbot.waitExposed(dialog)
    frame = dialog.frameGeometry()
    assert frame != dialog.geometry()  # the offscreen window system's frame, 2 px a side
    assert SMALL_SCREEN.contains(frame), frame  # was 687 x 388 from (0, 0)


def test_a_window_not_framed_yet_leaves_room_for_its_title_bar(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the window system tells the frame (an X11 window manager tells it once the window
    is mapped), a title bar's height is kept free above the window."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(683, 384)
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    assert title > 0
    assert screen_room.frame_margins(window).top() == title
    screen_room.keep_on_screen(window)
    assert window.height() <= SMALL_SCREEN.height() - title
    assert screen_room.size_on_screen(window, 2000, 2000).height() == SMALL_SCREEN.height() - title
