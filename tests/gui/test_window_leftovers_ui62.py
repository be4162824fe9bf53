"""note61's window leftovers (ui62): closing while an answer is written asks first; the status
bar's short figures stay whole while the model's name gives way; a window moved to a smaller
second screen is fitted to it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from fixtures.held_stream import HeldSession
from fixtures.message_boxes import answer_questions
from fixtures.screens_process import OPENED_WINDOW, run_on_screens
from fixtures.status_model import status_model
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.flow import ElidedLabel
from medlocal.ui.squeeze_row import SqueezeRow

PARTIAL = "Metformin 500 mg twice daily, taken with"
QUESTION = "An answer is still being written. Stop and close MedLocal?"


def test_closing_while_an_answer_is_written_asks_and_keep_working_keeps_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A close by mistake stopped the answer without a word (closing.WAITED_FOR had no
    answer); now it is asked as for a summary, Keep working (the default) keeps it coming."""
    finish = threading.Event()
    workspace.require_vault().add_patient("Ann Held")
    monkeypatch.setattr(workspace, "grounded_chat", lambda *a, **k: HeldSession(finish, PARTIAL))
    window = open_window(qtbot, workspace)
    window.show()
    chat = window.chat
    job = chat.ask("What does she take for diabetes?")
    qtbot.waitUntil(lambda: PARTIAL in chat.view.toPlainText(), timeout=10000)
    asked: list[str] = []
    answers = iter(["Keep working", "Stop and close"])
    answer_questions(
        monkeypatch, lambda box: asked.append(box.text.text().split("\n")[0]) or next(answers)
    )
    window.close()
    assert asked == [QUESTION]
    assert window.isVisible() and job.running and not job.cancel_event.is_set()
    assert PARTIAL in chat.view.toPlainText() and chat.stop_button.isEnabled()
    window.close()  # asked again: Stop and close
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert asked == [QUESTION, QUESTION] and job.cancel_event.is_set()


MODEL = status_model("SmolLM2-135M-Instruct.Q4_1")


@pytest.mark.parametrize("short", ["of its hint", "of its least width"])
def test_the_status_labels_stay_whole_on_a_second_line_where_one_is_too_narrow(
    qtbot: QtBot,
    workspace: Workspace,
    big_font: QFont,
    monkeypatch: pytest.MonkeyPatch,
    short: str,
) -> None:
    """At 18 pt the status bar cut each label by the same: "Context 174…" and "Backend:…"
    beside a model name 44 px short of whole (a 1366 px window); "Context …", no figures at
    all, where the labels had less than their least widths (1000 px). ui62 let the model's
    name give way first; ui63 wraps the row instead, so nothing is cut."""
    monkeypatch.setattr(type(workspace), "loaded_chat_model", property(lambda _self: MODEL))
    # A 1366 x 768 screen: the row may take an eighth of its height (squeeze_row.SCREEN_SHARE).
    monkeypatch.setattr(screen_room, "free_area", lambda _widget: QRect(0, 0, 1366, 768))
    window = open_window(qtbot, workspace)
    window.resize(1366, 700)
    window.show()
    status = window.status
    window.show_model()
    qtbot.waitUntil(lambda: status.context.text() == "Context 174/8192")
    row = status.row
    # The window as wide as leaves the row 100 px short of its hint or of its least width
    # (the status bar's other parts take what they take: a few tries).
    wanted = (row.sizeHint() if short == "of its hint" else row.minimumSizeHint()).width() - 100
    for _ in range(5):
        qtbot.wait(100)
        if row.width() == wanted:
            break
        window.resize(window.width() - (row.width() - wanted), 700)
    assert row.width() == wanted
    # Since ui63 the row takes a second line rather than cut anything: every text whole.
    assert len(row.lines(row.width())) > 1 and row.height() >= row.heightForWidth(row.width())
    assert status.context.shown_text() == "Context 174/8192"
    assert status.backend.shown_text() == "Backend: CPU"
    assert status.speed.shown_text() == "12.3 tok/s"
    assert status.model.shown_text() == f"Model: {MODEL.name}"
    for label in (status.model, status.backend, status.speed, status.context):
        assert not label.is_elided()
    window.close()


def test_a_squeeze_row_gives_way_in_its_order_then_to_an_ellipsis(qtbot: QtBot) -> None:
    first, second, third = (ElidedLabel(t) for t in ("a long model name here", "CPU", "12/34"))
    row = SqueezeRow((first, second, third), (first, third, second))
    qtbot.addWidget(row)
    hints = {label: label.sizeHint().width() for label in (first, second, third)}
    whole = row.sizeHint().width()
    assert row.widths(whole) == hints
    less = row.widths(whole - 10)
    assert less[first] == hints[first] - 10 and less[second] == hints[second]
    least = row.minimumSizeHint().width()
    at_least = row.widths(least)
    assert at_least == {label: label.minimumSizeHint().width() for label in hints}
    # Below the least widths the first gives way to a "…" alone before the others do.
    squeezed = row.widths(least - 5)
    assert squeezed[first] == at_least[first] - 5 and squeezed[third] == at_least[third]


def test_an_elided_left_label_keeps_its_end(qtbot: QtBot) -> None:
    label = ElidedLabel("Context 174/8192", elide=Qt.TextElideMode.ElideLeft)
    qtbot.addWidget(label)
    label.show()
    label.resize(label.minimumSizeHint())
    qtbot.waitUntil(lambda: label.width() == label.minimumSizeHint().width())
    assert label.shown_text().startswith("…") and label.shown_text().endswith("174/8192")
    assert label.toolTip() == "Context 174/8192"


MOVED_TO_THE_SMALL_SCREEN = (
    """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
app = QApplication([])
font = QFont(app.font()); font.setPointSize(18); app.setFont(font)
from medlocal.ui.message_dialog import QuestionDialog
small = [s for s in app.screens() if s.name() == "small"][0].availableGeometry()
"""
    + OPENED_WINDOW
    + """first = window.size().toTuple()
question = QuestionDialog(window, "Delete", "Delete this patient?", ["Delete"], "Keep")
question.show()
settle()
question_first = question.width()
window.move(small.x() + 4, small.y() + 30)
question.move(small.x() + 4, small.y() + 30)
settle()
print(json.dumps({
    "first": first, "question first": question_first,
    "window on small": small.contains(window.frameGeometry()),
    "question on small": small.contains(question.frameGeometry()),
    "screens": [window.screen().name(), question.screen().name()],
}))
workspace.lock("closed")
"""
)
SCREENS = [
    {"name": "big", "x": 0, "y": 0, "width": 1920, "height": 1080},
    {"name": "small", "x": 1920, "y": 200, "width": 683, "height": 384},
]


def test_a_window_and_a_question_moved_to_a_smaller_second_screen_are_fitted_to_it(
    tmp_path: Path,
) -> None:
    """Qt's offscreen platform with two screens, in a process of its own: a 1280 x 720 window
    dragged to a 683 x 384 second screen kept its size there, its status bar and edges off the
    screen; so did a question opened on the first screen."""
    seen = run_on_screens(MOVED_TO_THE_SMALL_SCREEN, SCREENS, tmp_path)
    assert seen["first"][0] > 683 and seen["question first"] > 683 - 4, seen  # as it opened
    assert seen["screens"] == ["small", "small"], seen
    assert seen["window on small"] and seen["question on small"], seen
