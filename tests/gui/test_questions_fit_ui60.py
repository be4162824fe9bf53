"""Questions that fit the screen and answer right (ui60).

* Every question of the window (two or more buttons) was a QMessageBox, which fixes its own size
  from the screen's width alone: at 18 pt on a 683 x 384 screen (1366 x 768 at 200 %) the
  settings question, which quotes the file's path, ran off the screen. Each now goes through
  ui.message_dialog.ask: its text scrolls, its buttons stay in view (one under another where a
  row of them is wider than the screen).
* Buttons say what they do; Escape (and the close button) give the safe answer, and so does
  Enter, except where the caller chose another default (the settings question resets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.gui_window import make_workspace
from fixtures.message_boxes import inside, look_at_next_modal, when_asked
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.settings import settings_path
from medlocal.ui import screen_room
from medlocal.ui.message_dialog import QuestionDialog

SMALL_SCREEN = QRect(0, 0, 683, 384)  # 1366 x 768 at 200 %
LONG_FOLDER = "/home/clinic/Shared drive of the practice/cardiology team/letters for review"


@dataclass(frozen=True)
class Case:
    """A question as the window asks it: ``ask`` asks and returns what the caller gets; that
    result for the button that acts, for Escape and for Enter."""

    ask: Callable[[], object]
    act: str
    acted: object
    escaped: object
    entered: object


def _case(name: str, tmp_path: Path) -> Case:
    from medlocal.ui.confirm import confirm
    from medlocal.ui.dialogs.patient_dialogs import (
        DOCUMENTS_ONLY,
        WITH_OUTPUTS,
        _add_anyway,
        ask_delete_documents,
    )
    from medlocal.ui.first_run import GO_BACK, LEAVE, STOP_IMPORT, leave_without_key

    parent = QWidget()
    parent.setObjectName("parent")
    _PARENTS.append(parent)
    if name == "settings":
        from medlocal.ui.app import settings_usable

        settings_path().parent.mkdir(parents=True, exist_ok=True)
        settings_path().write_text("threads = = 3")
        workspace = make_workspace(tmp_path)
        return Case(lambda: settings_usable(workspace), "Reset to defaults", True, False, True)
    if name == "delete with outputs":
        return Case(
            lambda: ask_delete_documents(None, "Delete 3 documents of Jane Roe?", 2),
            "Delete with the 2 saved outputs",
            WITH_OUTPUTS,
            None,
            None,
        )
    if name == "delete documents":
        return Case(
            lambda: ask_delete_documents(parent, "Delete 3 documents of Jane Roe?", 0),
            "Delete",
            DOCUMENTS_ONLY,
            None,
            None,
        )
    if name == "same MRN":
        question = (
            "MRN HRT-999001 is already used by Margaret Ellen Hartley. Is this the same person? "
            "Then go back, cancel the form and import into that patient.\n\nAdd anyway?"
        )
        return Case(
            lambda: _add_anyway(parent, "Same MRN", question), "Add anyway", True, False, False
        )
    if name == "leave the key page":
        assert GO_BACK
        return Case(lambda: leave_without_key(parent), LEAVE, True, False, False)
    if name == "stop the import":
        from medlocal.ui.first_run import stop_importing

        return Case(lambda: stop_importing(parent), STOP_IMPORT, True, False, False)
    assert name == "replace file"
    path = f"{LONG_FOLDER}/letter to Dr Hartley about the echocardiogram of March.md"
    return Case(
        lambda: confirm(parent, "Replace file?", f"{path} already exists. Replace it?", "Replace"),
        "Replace",
        True,
        False,
        False,
    )


_PARENTS: list[QWidget] = []
NAMES = [
    "settings",
    "delete with outputs",
    "delete documents",
    "same MRN",
    "leave the key page",
    "stop the import",
    "replace file",
]


@pytest.mark.parametrize("name", NAMES)
def test_each_question_fits_a_small_screen_at_18_pt(
    qtbot: QtBot,
    big_font: QFont,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    case = _case(name, tmp_path)
    seen: dict[str, object] = {}

    def look(box: QWidget) -> None:
        assert isinstance(box, QuestionDialog)
        seen["question"] = True
        seen["size"] = box.size()
        seen["buttons"] = {
            label: inside(box, button)
            for label, button in box.answers.items()
            if button.isVisible()
        }
        seen["text on screen"] = not box.text.visibleRegion().isEmpty()

    look_at_next_modal(qtbot, look)
    assert case.ask() == case.escaped  # closed unanswered: the safe answer
    size = seen["size"]
    assert isinstance(size, QSize)
    assert size.boundedTo(SMALL_SCREEN.size()) == size, size
    buttons = seen["buttons"]
    assert isinstance(buttons, dict) and case.act in buttons
    assert all(buttons.values()), buttons
    assert seen["text on screen"]


def _answer_next(qtbot: QtBot, how: str, label: str) -> None:
    def answer(box: QuestionDialog) -> None:
        focused = box.focusWidget() or box
        if how == "escape":
            qtbot.keyClick(focused, Qt.Key.Key_Escape)
        elif how == "enter":
            assert focused is box.text  # the keyboard starts on the text
            qtbot.keyClick(focused, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(box.answers[label], Qt.MouseButton.LeftButton)

    when_asked(qtbot, answer)


@pytest.mark.parametrize("how", ["act", "escape", "enter"])
@pytest.mark.parametrize("name", NAMES)
def test_each_question_answers_right(qtbot: QtBot, tmp_path: Path, name: str, how: str) -> None:
    case = _case(name, tmp_path)
    _answer_next(qtbot, how, case.act)
    expected = {"act": case.acted, "escape": case.escaped, "enter": case.entered}[how]
    assert case.ask() == expected


def test_a_question_needs_an_answer_that_acts_besides_the_safe_one() -> None:
    from medlocal.ui.message_dialog import ask

    with pytest.raises(ValueError, match="needs answers"):
        ask(None, "Title", "Text?", [], "Cancel")
    with pytest.raises(ValueError, match="needs answers"):
        ask(None, "Title", "Text?", ["Cancel"], "Cancel")


def test_the_buttons_go_one_under_another_where_a_row_is_wider_than_the_screen(
    qtbot: QtBot, big_font: QFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    acts = ["Delete with the 12 saved outputs", "Delete, keep the outputs"]
    dialog = QuestionDialog(None, "Delete documents", "Delete 3 documents?", acts, "Cancel")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.buttons.orientation() == Qt.Orientation.Vertical
    assert dialog.width() <= SMALL_SCREEN.width()
    assert all(inside(dialog, button) for button in dialog.answers.values())
