"""The window on a small screen (walk 34: it could not be narrower than 1006 px, wider than a
1024 x 768 screen, or 1024 at 125 % scaling, with a side panel). With a patient open, a chat
with answers, a source shown and a model with a long name, it shrinks to 800 x 600 with every
key control whole and in view: rows of buttons take a second line, long labels end in "…"
with the whole text as their tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import open_window
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.chat_widgets import ChatList
from medlocal.ui.flow import ElidedLabel, FlowLayout
from medlocal.ui.main_window import MainWindow
from medlocal.ui.window_state import FIRST_SIZE

WAIT_MS = 30_000
LONG_FILE = "discharge_summary_cardiology_ward_2026-11-30_final_signed_by_consultant.txt"
LONG_MODEL = "Llama3-Med42-8B.Q4_K_M-medical-instruct-with-a-long-name"


@pytest.fixture
def busy_window(
    qtbot: QtBot, workspace: Workspace, fake_chat: FakeChatModel, tmp_path: Path
) -> MainWindow:
    """A patient with a long-named note, a chat of two answers, the cited passage shown and a
    loaded model with a long name."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Jane Roe", mrn="MRN-4711")
    note = tmp_path / LONG_FILE
    note.write_text("Patient Jane Roe. Medications: metformin 500 mg twice daily.", "utf-8")
    workspace.import_documents([note], patient)
    fake_chat.name = LONG_MODEL  # type: ignore[attr-defined]
    window = open_window(qtbot, workspace)
    window.show()
    qtbot.waitExposed(window)
    for question in ("What does she take?", "How often?"):
        window.chat.question.setPlainText(question)
        window.chat.send()
        qtbot.waitUntil(
            lambda: window.chat.job is None or not window.chat.job.running, timeout=WAIT_MS
        )
    assert len(window.chat.turns) == 2 and window.chat.chats.count() == 1
    window.sources.show_source(window.chat.turns[-1].sources[0])
    qtbot.waitUntil(lambda: window.sources.current is not None, timeout=WAIT_MS)
    window.status.set_model(workspace.loaded_chat_model)
    assert LONG_MODEL in window.status.model.text()
    return window


def _key_controls(window: MainWindow) -> list[QWidget]:
    patients, chat = window.patients, window.chat
    return [
        patients.search,
        patients.patients,
        patients.add_button,
        patients.remove_button,
        patients.documents,
        patients.import_button,
        patients.import_folder_button,
        patients.delete_button,
        patients.export_copy_button,
        chat.chats,
        chat.new_chat,
        chat.delete_chat,
        chat.view,
        chat.notice,
        chat.question,
        chat.send_button,
        chat.stop_button,
        chat.regenerate_button,
        chat.copy_button,
        chat.export_button,
        window.sources.header,
        window.sources.tabs,
        window.status.model,
        window.status.offline,
    ]


def _in_window(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_the_window_fits_800_by_600_with_every_key_control_in_view(
    qtbot: QtBot, busy_window: MainWindow, tmp_path: Path
) -> None:
    window = busy_window
    assert window.minimumSizeHint().width() <= 800
    assert window.minimumSizeHint().height() <= 600
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and window.height() == 600)
    shot = window.grab()
    assert shot.width() == 800
    shot.save(str(tmp_path / "window-800x600.png"))  # looked at: see the commit message
    frame = window.rect()
    placed: list[tuple[QWidget, QRect]] = []
    for widget in _key_controls(window):
        name = widget.accessibleName() or type(widget).__name__
        assert widget.isVisible(), name
        where = _in_window(widget, window)
        assert frame.contains(where), f"{name} at {where} is outside {frame}"
        # Nothing cuts it off: a parent (a pane, the splitter) shows all of it.
        assert widget.visibleRegion().boundingRect() == widget.rect(), name
        if isinstance(widget, QPushButton):
            assert widget.width() >= widget.sizeHint().width(), f"{name}: its text is cut"
        placed.append((widget, where))
    # Buttons that wrapped to a second line do not overlap the ones before them.
    buttons = [(w, r) for w, r in placed if isinstance(w, QPushButton)]
    for index, (first, box) in enumerate(buttons):
        for second, other in buttons[index + 1 :]:
            assert not box.intersects(other), (first.text(), second.text())


def test_long_labels_end_in_an_ellipsis_with_the_whole_text_as_tooltip(
    qtbot: QtBot, busy_window: MainWindow
) -> None:
    window = busy_window
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    chats = window.chat.chats
    assert isinstance(chats, ChatList)
    label = chats.currentText()
    assert label.startswith("Chat 1 — ") and chats.toolTip() == label
    window.splitter.setSizes([200, 1, 260])  # the chat pane at its narrowest
    qtbot.waitUntil(lambda: chats.shown_text() != label)
    assert chats.shown_text().endswith("…") and chats.shown_text().startswith("Chat")
    # The model's name in the status bar: drawn short, whole in the tooltip.
    model = window.status.model
    assert isinstance(model, ElidedLabel)
    window.statusBar().showMessage("No recent verified backup of this vault: Tools → Backup…")
    model.resize(model.minimumSizeHint())
    assert model.is_elided() and model.shown_text().endswith("…")
    assert model.toolTip() == f"Model: {LONG_MODEL}"
    # The cited file's long name: the header takes the pane's width; the tooltip has it all.
    header = window.sources.header
    assert header.width() <= window.sources.width() and LONG_FILE in header.toolTip()


def test_rows_of_buttons_take_a_second_line_when_narrow_one_when_wide(
    qtbot: QtBot, busy_window: MainWindow
) -> None:
    window = busy_window
    panel = window.patients
    window.resize(*FIRST_SIZE)
    window.splitter.setSizes([400, 500, 400])
    qtbot.waitUntil(lambda: panel.width() >= 390)
    tops = {b.y() for b in (panel.import_button, panel.import_folder_button, panel.delete_button)}
    assert len(tops) == 1  # one line, as before
    # Stretched to the pane's width, as a box layout's row: no gap at the right.
    right = panel.delete_button.geometry().right()
    assert right >= panel.export_copy_button.geometry().right() - 1
    window.resize(800, 600)
    window.splitter.setSizes([1, 800, 800])  # the patients pane at its narrowest
    qtbot.waitUntil(lambda: panel.width() < 250)
    tops = {b.y() for b in (panel.import_button, panel.import_folder_button, panel.delete_button)}
    assert len(tops) >= 2


def test_flow_layout_minimum_is_its_widest_item_and_height_grows_when_it_wraps(
    qtbot: QtBot,
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    buttons = [QPushButton(text) for text in ("Send", "Stop", "Regenerate", "Copy", "Export…")]
    for button in buttons:
        flow.addWidget(button)
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    assert flow.sizeHint().width() > 4 * widest // 2
    one_line = flow.heightForWidth(flow.sizeHint().width())
    assert flow.heightForWidth(widest) > 3 * one_line  # one button a line
    buttons[2].hide()
    assert flow.minimumSize().width() < widest  # a hidden button takes no room


def test_the_first_window_fits_the_screen(qtbot: QtBot, gui_workspace: Workspace) -> None:
    window = MainWindow(gui_workspace)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry().size()
    size = window.size()
    # Within the screen with its title bar (screen_room.frame_margins), review61u.
    title = screen_room.frame_margins(window).top()
    assert title > 0
    assert size.width() == min(FIRST_SIZE[0], screen.width())
    assert size.height() == min(FIRST_SIZE[1], screen.height() - title)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("eval_dialog", "EvaluateDialog"),
        ("summarize_dialog", "SummarizeDialog"),
        ("models_dialog", "ModelManagerDialog"),
        ("outputs_dialog", "OutputsDialog"),
        ("backup_dialog", "BackupDialog"),
        ("audit_dialog", "AuditDialog"),
    ],
)
def test_the_dialogs_open_within_an_800_px_screen(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, module: str, name: str
) -> None:
    """The tests' screen is 800 px wide: the evaluation dialog opened at 1100 px (and could not
    be narrower than 832), the summary at 960 and the model manager at 860."""
    from medlocal.ui.workers import wait_for_jobs

    window = open_window(qtbot, workspace)
    args = (patient_with_note,) if name in ("SummarizeDialog", "OutputsDialog") else ()
    dialog = window.dialogs.make(module, name, *args)
    free = dialog.screen().availableGeometry()
    assert free.width() <= 800  # what the test is about
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    assert dialog.minimumSizeHint().width() <= 800
    dialog.reject()
    assert wait_for_jobs(20.0)
