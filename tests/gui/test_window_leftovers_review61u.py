"""review61u: ui61's window leftovers and walk, probed further.

* Settings and the redacted export at 18 pt on a 683 x 384 screen: every control Tab reaches
  is in view when it has the keyboard (the scroll follows the focus), and Tab reaches them all.
* A dialog no one placed opens over its window (on its screen), not in the screen's corner.
* The main window's first size leaves room for its title bar.
* An ElidedLabel cut by a larger font gets its tooltip; an answer's Alt+letter is the
  question's, not the main window's menu's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace
from fixtures.message_boxes import look_at_next_modal, when_asked
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from medlocal.ui import screen_room
from medlocal.ui.flow import ElidedLabel
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import MessageDialog, ask

ROOT = Path(__file__).resolve().parents[2]
SMALL = QRect(0, 0, 683, 384)
WAIT_MS = 60_000
FRAME_PX = 2


@pytest.fixture
def small_screen_18pt(big_font: QFont, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """683 x 384 (1366 x 768 at 200 %) at 18 pt."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL))
    return SMALL


def _out_of_view(dialog: QWidget, focused: QWidget) -> str | None:
    """Why ``focused`` cannot be seen in ``dialog``, or None where it can."""
    where = QRect(focused.mapTo(dialog, QPoint(0, 0)), focused.size())
    if not where.intersects(dialog.rect()):
        return f"outside the dialog at {where}"
    parent = focused.parentWidget()
    while parent is not None and parent is not dialog:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            view = area.viewport()
            inside = QRect(focused.mapTo(view, QPoint(0, 0)), focused.size())
            seen = inside.intersected(view.rect())
            if seen.isEmpty():
                return f"scrolled out of view at {inside} in {view.rect()}"
            # Its frame's last pixel row may lie under the edge (QScrollArea scrolls a Tab stop
            # in with Qt's own margins): LOW, left; more than that hides what it shows.
            if inside.height() <= view.height() and seen.height() < inside.height() - FRAME_PX:
                return (
                    f"cut by the scroll at {inside} in {view.rect()}"
                    f" ({type(area).__name__}, {area.verticalScrollBar().value()}"
                    f"/{area.verticalScrollBar().maximum()})"
                )
        parent = parent.parentWidget()
    return None


def _walk_by_tab(qtbot: QtBot, dialog: QWidget) -> list[str]:
    """Tab round the dialog once: each stop that could not be seen, named."""
    problems: list[str] = []
    first = QApplication.focusWidget()
    assert first is not None and dialog.isAncestorOf(first)
    reached: list[QWidget] = []
    for _ in range(120):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.wait(60)  # the scroll follows the focus on a later turn of the event loop
        why = _out_of_view(dialog, focused)
        if why is not None:
            problems.append(f"{type(focused).__name__} {focused.accessibleName()!r}: {why}")
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is first:
            break
    else:
        problems.append("Tab did not come round to where it started")
    stops = [
        widget
        for widget in dialog.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isVisibleTo(dialog)
        and widget.isEnabled()
        and widget.focusProxy() is None
    ]
    problems += [
        f"not reached by Tab: {type(w).__name__} {w.accessibleName()!r}"
        for w in stops
        if w not in reached
    ]
    return problems


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    workspace = make_workspace(tmp_path, chat=FakeChatModel("Metformin 500 mg [1]."))
    workspace.create_vault(PASS)
    patient = workspace.require_vault().add_patient("Margaret Hartley")
    note = tmp_path / "discharge.txt"
    note.write_text("Margaret Hartley, MRN HRT-447120. Metformin 500 mg twice daily.", "utf-8")
    workspace.import_documents([note], patient)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    window.show()
    window.resize(SMALL.size())
    window.patients.patients.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.patients.documents.count() == 1, timeout=WAIT_MS)
    window.patients.documents.setCurrentRow(0)
    return window


@pytest.mark.parametrize("which", ["settings", "export"])
def test_every_stop_of_settings_and_export_is_in_view_at_18pt_on_683x384(
    qtbot: QtBot, tmp_path: Path, small_screen_18pt: QRect, which: str
) -> None:
    window = _window(qtbot, tmp_path)
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        qtbot.wait(150)  # its first work (a preview) said and laid out
        seen["size"] = dialog.frameGeometry()
        seen["problems"] = _walk_by_tab(qtbot, dialog)

    look_at_next_modal(qtbot, look)
    if which == "settings":
        window.menus.settings_action.trigger()
    else:
        window.patients.export_copy_button.click()
    qtbot.waitUntil(lambda: "problems" in seen, timeout=WAIT_MS)
    assert seen["problems"] == [], "\n".join(seen["problems"])  # type: ignore[arg-type]
    assert SMALL.contains(seen["size"]), seen["size"]  # type: ignore[arg-type]
    window.close()


def test_the_first_window_leaves_room_for_its_title_bar_on_a_small_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ui61 kept each dialog's frame on the screen; the main window's first size still took
    the whole free height, so its title bar pushed the status bar (the offline line) below a
    683 x 384 screen, or below a 1366 x 768 laptop's task bar."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL))
    window = MainWindow(make_workspace(tmp_path))
    qtbot.addWidget(window)
    title = screen_room.frame_margins(window).top()
    assert title > 0
    assert window.width() <= SMALL.width()
    assert window.height() + title <= SMALL.height(), (window.size(), title)


def test_an_elided_label_cut_by_a_larger_font_at_the_same_width_gets_its_tooltip(
    qtbot: QtBot,
) -> None:
    """ui61 made the status bar's backend and context ElidedLabels; one the layout keeps as
    wide as before showed "Back…" at 24 pt with no tooltip (it was synced at a text change and
    a resize only)."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = ElidedLabel("Backend: CPU", holder)
    label.setFixedWidth(label.fontMetrics().horizontalAdvance("Backend: CPU") + 4)
    holder.show()
    assert not label.is_elided() and label.toolTip() == ""
    font = QFont(label.font())
    font.setPointSize(font.pointSize() * 3)
    label.setFont(font)
    assert label.is_elided()
    assert label.toolTip() == "Backend: CPU"
    label.setFont(QFont(font.family(), 6))
    assert not label.is_elided() and label.toolTip() == ""


def test_an_answers_alt_letter_is_the_answers_not_the_main_windows_menu(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Alt+F is both the File menu's and, here, the first answer's: the question, modal, takes
    it."""
    window = MainWindow(make_workspace(tmp_path))
    qtbot.addWidget(window)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&File" in menus, menus
    closed_by_the_key: list[bool] = []

    def press(box: QWidget) -> None:
        qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        for _ in range(40):
            if not box.isVisible():
                break
            qtbot.wait(25)
        closed_by_the_key.append(not box.isVisible())
        if box.isVisible():
            box.close()

    when_asked(qtbot, press)
    answer = ask(window, "Forget", "Forget the key?", ["Forget the key"], "Keep it")
    assert closed_by_the_key == [True]
    assert answer == "Forget the key"
    assert window.menuBar().activeAction() is None  # no menu opened behind it
    window.close()


def _parent_at(qtbot: QtBot, where: QRect) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(where)
    parent.show()
    qtbot.waitExposed(parent)
    return parent


@pytest.mark.parametrize("free", [QRect(0, 0, 800, 800), QRect(40, 30, 760, 770)])
def test_a_message_opens_over_its_window_not_in_the_screens_corner(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, free: QRect
) -> None:
    """ScreenKeeper's Show filter runs before QDialog::showEvent, which centres a dialog no one
    placed over its parent: there the dialog still lay at (0, 0), its frame (or ui61's guessed
    title bar) above the screen, so it was moved to the free area's corner, which also told Qt
    not to centre it. Every message and question opened in the screen's top left corner."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(free))
    parent = _parent_at(qtbot, QRect(300, 300, 400, 300))
    message = MessageDialog(parent, "Backup made", "The backup is in /home/clinic/backups.")
    message.show()
    qtbot.waitExposed(message)
    centre = message.frameGeometry().center() - parent.frameGeometry().center()
    assert abs(centre.x()) <= 2 and abs(centre.y()) <= 2, (message.frameGeometry(), centre)
    assert free.contains(message.frameGeometry())
    message.close()


def test_a_message_over_a_window_at_the_screens_edge_is_kept_within_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placed by Qt, then kept on the screen with its frame: a window at the bottom right
    corner of a small free area (with a bar at its top) does not push its message off it."""
    free = QRect(0, 30, 683, 354)
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(free))
    parent = _parent_at(qtbot, QRect(500, 300, 183, 84))
    message = MessageDialog(parent, "Backup made", "The backup is in /home/clinic/backups. " * 4)
    message.show()
    qtbot.waitExposed(message)
    assert free.contains(message.frameGeometry()), message.frameGeometry()
    message.close()


TWO_SCREENS = """
import json, os, sys
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from medlocal.ui.message_dialog import QuestionDialog
second = app.screens()[1]
window = QWidget()
window.setGeometry(QRect(1930, 230, 600, 300))
window.show()
app.processEvents()
question = QuestionDialog(window, "Delete", "Delete this patient?", ["Delete"], "Keep")
question.show()
for _ in range(5):
    app.processEvents()
print(json.dumps([window.screen().name(), question.screen().name(),
    second.availableGeometry().contains(question.frameGeometry())]))
"""
SCREENS_JSON = {
    "screens": [
        {"name": "first", "x": 0, "y": 0, "width": 1920, "height": 1080},
        {"name": "second", "x": 1920, "y": 200, "width": 683, "height": 384},
    ]
}


def test_a_question_opens_on_the_screen_of_its_window(tmp_path: Path) -> None:
    """Two screens (Qt's offscreen platform set up with two, in a process of its own): a
    question asked by a window on the second screen was moved to the first one's corner."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS_JSON), "utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["second", "second", True]
