"""review62u (of ui62): the close question is taken back when the answer it asks about ends while
it is open; Delete pressed with no document chosen says what to choose; a window dragged to a
screen it fits stays where the drag put it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import open_window
from fixtures.held_stream import HeldSession
from fixtures.screens_process import OPENED_WINDOW, run_on_screens
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.closing import WORK_ENDED
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.patient_deletions import NOTHING_LISTED, NOTHING_SELECTED

PARTIAL = "Metformin 500 mg twice daily, taken with"
LINGER_MS = 8000  # a question still open this long after the answer ended has lingered


def test_the_close_question_is_taken_back_when_the_answer_ends_while_it_is_open(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer ended (and was saved) while "An answer is still being written… Nothing of it
    is saved" stood open: the question stayed, saying both of an answer already saved. Now it is
    taken back as Keep working, the window stays and says why; a second close asks nothing."""
    finish = threading.Event()
    workspace.require_vault().add_patient("Ann Held")
    monkeypatch.setattr(workspace, "grounded_chat", lambda *a, **k: HeldSession(finish, PARTIAL))
    window = open_window(qtbot, workspace)
    window.show()
    job = window.chat.ask("What does she take for diabetes?")
    qtbot.waitUntil(lambda: PARTIAL in window.chat.view.toPlainText(), timeout=10000)
    seen: list[str] = []
    lingered: list[bool] = []

    def answer_ends() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box.text.text() if isinstance(box, QuestionDialog) else "")
        finish.set()
        QTimer.singleShot(LINGER_MS, give_up)

    def give_up() -> None:  # the question stayed: answered so that the test does not hang
        box = QApplication.activeModalWidget()
        if isinstance(box, QuestionDialog):
            lingered.append(True)
            box.choose("Keep working")

    QTimer.singleShot(300, answer_ends)
    window.close()  # the question opens; the answer ends while it is open
    assert seen and seen[0].startswith("An answer is still being written.")
    assert not lingered, "the close question stayed open after the answer ended"
    assert not job.running and window.isVisible()
    bar = window.statusBar()
    assert bar is not None and bar.currentMessage() == WORK_ENDED
    window.close()  # nothing runs: closes without asking
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)


def test_delete_with_no_document_chosen_says_what_to_choose(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ui62's day: Delete (enabled, a Tab stop, whenever a patient is chosen) did nothing
    without a word when no document was chosen."""
    asked: list[Any] = []
    monkeypatch.setattr(
        "medlocal.ui.patient_deletions.ask_delete_documents", lambda *a: asked.append(a)
    )
    window = open_window(qtbot, workspace)
    panel = window.patients
    qtbot.waitUntil(lambda: panel.documents.count() == 1)
    panel.documents.clearSelection()
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    assert panel.notice.isVisibleTo(panel) and panel.notice.text() == NOTHING_SELECTED
    assert asked == []
    panel.documents.setCurrentRow(0)  # chosen: the hint goes
    assert panel.documents.selectedItems() and not panel.notice.isVisibleTo(panel)
    workspace.require_vault().delete_documents(
        [d.id for d in workspace.require_vault().list_documents(patient_with_note)]
    )
    panel.reload_documents()
    qtbot.waitUntil(lambda: panel.documents.count() == 0)
    panel.delete_button.click()
    assert panel.notice.isVisibleTo(panel) and panel.notice.text() == NOTHING_LISTED


DRAGGED_ACROSS = (
    """
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
"""
    + OPENED_WINDOW
    + """window.resize(1280, 700)
window.move(100, 100)
settle()
first = window.screen().name()
window.move(1300, 100)  # dragged so far that its middle is on the second screen
settle()
print(json.dumps({"screens": [first, window.screen().name()], "x": window.x()}))
workspace.lock("closed")
"""
)


def test_a_window_dragged_onto_a_screen_it_fits_stays_where_the_drag_put_it(
    tmp_path: Path,
) -> None:
    """ui62 refitted every window whose screen changed: dragged between two 1920 x 1080
    screens, a 1280 px window jumped whole onto the second (x 1300 -> 1920) as its middle
    crossed, mid-drag, and could not lie across both. Only one too large is refitted now."""
    screens = [
        {"name": name, "x": x, "y": 0, "width": 1920, "height": 1080}
        for name, x in (("left", 0), ("right", 1920))
    ]
    seen = run_on_screens(DRAGGED_ACROSS, screens, tmp_path)
    assert seen["screens"] == ["left", "right"], seen
    assert seen["x"] == 1300, seen
