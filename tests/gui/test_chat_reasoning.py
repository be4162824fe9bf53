"""A reasoning model in the window: while it thinks the chat says "Thinking… N tokens" (the
window never looks frozen); then the answer is shown, its reasoning folded under a link that
marks it unchecked; the saved chat holds no thinking."""

from __future__ import annotations

import threading
from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from pytestqt.qtbot import QtBot

NOTE = "Metformin 500 mg twice daily for type 2 diabetes."
THINKING = "Maybe warfarin 7 mg from another note? No: the note says metformin."
SAID = "She takes metformin 500 mg twice daily"
ANSWER = f"{SAID} [1]."


class ThinkingModel(FakeChatModel):
    reasoning = True


def _thinking_window(  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    tmp_path: Path,
    release: threading.Event,
    reply: str = "<think>" + "hmm " * 200 + "</think>\n\nShe takes metformin [1].",
    name: str = "Thinking Patient",
):
    """A window whose model is asked about the note and holds mid-thought (its eighth piece)
    until ``release``: the workspace, the window and the count of pieces streamed."""
    model = ThinkingModel(reply)
    pieces = [0]

    def slow(_call: int) -> None:
        pieces[0] += 1
        if pieces[0] == 8:  # the engine busy on one token (or a long prompt) as the chat clears
            release.wait(30)

    model.on_piece = slow
    ws = make_workspace(tmp_path, chat=model)
    ws.create_vault(PASS, PASS)
    note = tmp_path / "gp_note.txt"
    note.write_text(NOTE)
    window = window_with_patient(qtbot, ws, name)
    ws.import_documents([note], window.patients.patient_id)
    window.chat.ask("What dose of metformin?")
    try:
        qtbot.waitUntil(lambda: "Thinking… " in window.chat.view.toPlainText(), timeout=30000)
    except BaseException:
        release.set()
        raise
    return ws, window, pieces


def test_the_window_shows_thinking_then_the_answer_and_saves_no_thinking(
    qtbot: QtBot, tmp_path: Path
) -> None:
    release = threading.Event()
    reply = f"<think>{THINKING} {'hmm ' * 20}</think>\n\n{ANSWER}"
    ws, window, _ = _thinking_window(qtbot, tmp_path, release, reply)
    chat = window.chat
    try:
        shown = chat.view.toPlainText()
        assert "tokens" in shown and "warfarin" not in shown
    finally:
        release.set()
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)
    shown = chat.view.toPlainText()
    assert SAID in shown and "Thinking… " not in shown
    assert "Model reasoning (" in shown and "unchecked" in shown
    assert "warfarin" not in shown  # folded
    chat.view.citationClicked.emit("think.0")  # the link opens it
    assert "warfarin 7 mg" in chat.view.toPlainText()
    assert not chat.turns[0].flags  # nothing checked from the thinking

    chat.open_chat(chat.chat_id)  # read back from the vault
    reopened = chat.view.toPlainText()
    assert SAID in reopened and "warfarin" not in reopened and "Model reasoning" not in reopened
    vault = ws.require_vault()
    outputs = vault.list_outputs(window.patients.patient_id)
    assert outputs and all("warfarin" not in repr(vault.get_output(o.id)) for o in outputs)
    window.close()
    ws.close()


def test_stop_works_while_the_model_thinks(qtbot: QtBot, tmp_path: Path) -> None:
    release = threading.Event()
    reply = f"<think>{THINKING} {'hmm ' * 200}</think>\n\n{ANSWER}"
    ws, window, pieces = _thinking_window(qtbot, tmp_path, release, reply, "Stopped Patient")
    chat = window.chat
    try:
        chat.stop()
    finally:
        release.set()
    qtbot.waitUntil(lambda: chat.job is None, timeout=30000)
    assert pieces[0] < 20  # stopped mid-thought, not after the whole block
    shown = chat.view.toPlainText()
    assert "Stopped. Nothing was saved." in shown and "warfarin" not in shown
    assert ws.require_vault().list_outputs(window.patients.patient_id) == []
    window.close()
    ws.close()


def test_locking_while_the_model_thinks_leaves_no_thinking_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    release = threading.Event()
    ws, window, _ = _thinking_window(qtbot, tmp_path, release)
    chat = window.chat
    try:
        window.lock()
        assert not chat._thinking_timer.isActive()
        qtbot.wait(600)  # polls while the cancelled job has not ended
        assert "Thinking…" not in chat.status_line
    finally:
        release.set()
    qtbot.waitUntil(lambda: chat.job is None, timeout=30000)
    qtbot.wait(300)
    assert "Thinking…" not in chat.status_line and "Thinking…" not in chat.view.toPlainText()
    window.close()
    ws.close()


def test_switching_patient_while_the_model_thinks_leaves_no_thinking_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    release = threading.Event()
    ws, window, _ = _thinking_window(qtbot, tmp_path, release)
    chat = window.chat
    other = ws.require_vault().add_patient("Other Patient")
    try:
        chat.set_patient(other)
        qtbot.wait(600)
        assert "Thinking…" not in chat.status_line
    finally:
        release.set()
    qtbot.waitUntil(lambda: chat.job is None, timeout=30000)
    qtbot.wait(300)
    assert "Thinking…" not in chat.status_line and not chat._thinking_timer.isActive()
    assert "Thinking…" not in chat.view.toPlainText()
    window.close()
    ws.close()


def test_a_dropped_job_resets_a_thinking_line() -> None:
    """Should the line have been drawn by a late tick, the job's end takes it away."""
    from medlocal.ui.chat_panel import ChatPanel

    class Panel:
        status_line = "Thinking… 12 tokens (the model reasons first)"
        job = "job"
        drawn = 0

        def __init__(self) -> None:
            self._thinking_timer = type("T", (), {"stop": lambda self: None})()
            self.generating = type("G", (), {"emit": lambda self, busy: None})()

        def redraw(self) -> None:
            self.drawn += 1

        def _update_buttons(self) -> None:
            pass

    panel = Panel()
    ChatPanel._dropped(panel, "job")  # type: ignore[arg-type]
    assert panel.status_line == "" and panel.drawn == 1 and panel.job is None
