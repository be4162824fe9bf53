"""Walk 36's window defects: a citation of a deleted document said "No document with id 1";
choosing another patient while a question was on its way lost the question silently; closing
the window just after a patient switch wrote a crash report (a cancelled worker's signal)."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.child_process import run_child
from fixtures.gui_window import open_window
from fixtures.held_stream import HeldStream
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.passages import SourceRef
from medlocal.ui.chat_texts import SWITCH_STOPPED, SWITCH_STOPPED_PARTIAL
from medlocal.ui.main_window import MainWindow

WAIT_MS = 30_000
QUESTION = "What dose of levetiracetam does Ada Byrne take?"
PARTIAL = "Ada Byrne takes levetiracetam 750 mg"


# -- 1. a citation of a deleted document ----------------------------------------------------


def test_a_citation_of_a_deleted_document_says_it_was_deleted(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Byrne")
    letter = tmp_path / "clinic_letter.txt"
    letter.write_text("Ada Byrne: levetiracetam 750 mg BD.", encoding="utf-8")
    gui_workspace.import_documents([letter], 1)
    (doc,) = vault.list_documents(1)
    (chunk,) = vault.document_chunks(doc.id)
    source = SourceRef(1, chunk.id, doc.id, doc.file_name, None, chunk.start, chunk.end, "")
    window = open_window(qtbot, gui_workspace)
    vault.delete_document(doc.id)  # the answer citing it is still on screen
    sources = window.sources
    sources.show_source(source)
    qtbot.waitUntil(lambda: "opening" not in sources.header.text(), timeout=WAIT_MS)
    said = sources.header.text()
    assert said == (
        "[1] cannot be shown: the document it came from (clinic_letter.txt) was deleted from "
        "the vault after this answer was written."
    )
    assert "id" not in said.split()  # no internal id
    assert sources.current is None and sources.text.toPlainText() == ""


# -- 2. a question on its way when another patient is chosen --------------------------------


class _Session:
    last_output_id = None
    # Set when the worker reaches the model: before that, the patient's index is built and a
    # stop ends the job there, before any answer can be written.
    asked = threading.Event()

    def __init__(self, chat_id: int, finish: threading.Event, silent: bool) -> None:
        self.chat_id, self.finish, self.silent = chat_id, finish, silent

    def ask(self, question: str, cancel: threading.Event, meter: object = None) -> HeldStream:
        _Session.asked.set()
        answer = GroundedAnswer(question, "answered", PARTIAL, PARTIAL)
        return HeldStream(cancel, self.finish, answer, PARTIAL, silent=self.silent)


def _two_patients(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, silent: bool
) -> tuple[MainWindow, threading.Event]:
    vault = ws.require_vault()
    for number, name in ((1, "Ada Byrne"), (2, "Ben Cole")):
        vault.add_patient(name)
        note = tmp_path / f"note_{number}.txt"
        note.write_text(f"{name}: levetiracetam 750 mg BD.", encoding="utf-8")
        ws.import_documents([note], number)
    finish = threading.Event()
    _Session.asked.clear()
    made: list[int] = []

    def grounded_chat(patient: int, chat_id: int | None = None, **_: Any) -> _Session:
        made.append(patient)
        return _Session(chat_id or 100 + len(made), finish, silent)

    monkeypatch.setattr(ws, "grounded_chat", grounded_chat)
    window = open_window(qtbot, ws)
    assert window.patients.patient_id == 1
    return window, finish


@pytest.mark.parametrize("streaming", [False, True], ids=["loading", "streaming"])
def test_choosing_another_patient_mid_question_gives_the_question_back(
    qtbot: QtBot,
    gui_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    streaming: bool,
) -> None:
    window, _finish = _two_patients(
        qtbot, gui_workspace, tmp_path, monkeypatch, silent=not streaming
    )
    chat, patients = window.chat, window.patients.patients
    chat.question.setPlainText(QUESTION)
    chat.send()
    job = chat.job
    assert job is not None and chat.question.toPlainText() == ""
    if streaming:
        qtbot.waitUntil(lambda: PARTIAL in chat.view.toPlainText(), timeout=WAIT_MS)
    else:
        assert "Loading the model" in chat.view.toPlainText()

    patients.setCurrentRow(1)  # Ben Cole: the question is stopped
    assert window.patients.patient_id == 2
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    # Nothing of Ada's question or answer in Ben's chat.
    for shown in (chat.visible_text(), chat.status_line, chat.live_question, chat.live_text):
        assert "Ada" not in shown and "levetiracetam" not in shown and "Stopped" not in shown
    assert chat.question.toPlainText() == ""
    assert chat.send_button.isEnabled()

    patients.setCurrentRow(0)  # back to Ada: her question is in the box, with why
    assert window.patients.patient_id == 1
    assert chat.question.toPlainText() == QUESTION
    expected = SWITCH_STOPPED + (SWITCH_STOPPED_PARTIAL if streaming else "")
    assert chat.status_line == expected
    assert expected in chat.view.toPlainText()
    assert PARTIAL not in chat.view.toPlainText()  # a stopped answer is not shown as one
    assert chat.send_button.isEnabled()
    chat.send()  # Enter asks it again
    assert chat.live_question == QUESTION and chat.question.toPlainText() == ""
    assert SWITCH_STOPPED not in chat.view.toPlainText()
    chat.stop()
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)


def test_a_typed_question_not_yet_sent_stays_with_its_patient_until_the_lock(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _finish = _two_patients(qtbot, gui_workspace, tmp_path, monkeypatch, silent=True)
    chat, patients = window.chat, window.patients.patients
    chat.question.setPlainText(QUESTION)
    patients.setCurrentRow(1)
    assert chat.question.toPlainText() == "" and chat.status_line == ""
    patients.setCurrentRow(0)
    assert chat.question.toPlainText() == QUESTION and chat.status_line == ""
    patients.setCurrentRow(1)
    window.menus.lock_action.trigger()  # a lock forgets it: no patient text kept behind the screen
    assert chat.memory.drafts == {}


def test_a_question_answered_despite_the_switch_is_not_given_back_twice(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model hears a stop only at its next token: the answer may end and be saved."""
    window, finish = _two_patients(qtbot, gui_workspace, tmp_path, monkeypatch, silent=True)
    chat, patients = window.chat, window.patients.patients
    chat.question.setPlainText(QUESTION)
    chat.send()
    job = chat.job
    assert job is not None
    qtbot.waitUntil(_Session.asked.is_set, timeout=WAIT_MS)  # the model is writing
    finish.set()  # answered as the switch stops it: its result is already on its way
    patients.setCurrentRow(1)
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    assert chat.memory.chat_of_patient.get(1) == 101 and 1 not in chat.memory.drafts


# -- 4. closing the window while a worker runs, without the app's quit path -----------------

CLOSE_DURING_JOB = """
import time
from medlocal.launcher import _prepare
_prepare()  # the crash handler and logging, as the app (and walk 36's probe) had them
from PySide6.QtCore import QCoreApplication
import medlocal.ui.app as gui
import medlocal.ui.main_window as main_window
from medlocal.app import Workspace
from medlocal.ui.workers import run_task, wait_for_jobs
from medlocal.vault.keys import KdfParams

# The window waits 10 s for cancelled jobs on close; a shorter wait keeps the test short.
main_window.wait_for_jobs = lambda timeout_s: wait_for_jobs(0.2)
app = gui.create_application(["medlocal"])
ws = Workspace(kdf_params=KdfParams(8 * 1024, 1, 1))
ws.create_vault("correct horse battery staple", "correct horse battery staple")
vault = ws.require_vault()
vault.add_patient("Ada Byrne")
vault.add_patient("Ben Cole")
window = main_window.MainWindow(ws)
window.show()
window.start()
window.patients.patients.setCurrentRow(0)
# A job that cannot be cancelled, as the warm-up the window starts: it outlives Qt.
run_task("warm up", lambda cancel: time.sleep(JOB_S))
window.patients.patients.setCurrentRow(1)
end = time.monotonic() + 0.3
while time.monotonic() < end:
    QCoreApplication.processEvents()
    time.sleep(0.02)
window.close()
ws.close()
print("closed", flush=True)
"""


def test_closing_the_window_mid_worker_without_the_event_loop_writes_no_crash_report(
    tmp_path: Path,
) -> None:
    """walk 36's probe: a patient switch, then window.close() and the script's end, no
    app.exec() (so no end_if_jobs_linger): the job's end emitted on signals Qt had deleted."""
    home = tmp_path / "home"
    script = textwrap.dedent(CLOSE_DURING_JOB).replace("JOB_S", "2.0")
    done = run_child(script, home, env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closed"
    assert "RuntimeError" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert sorted(p.name for p in (home / "logs").glob("crash-*.txt")) == []
    log_lines = (home / "logs" / "medlocal.log").read_text(encoding="utf-8").splitlines()
    qt_warnings = [
        line for line in log_lines if " medlocal.qt: " in line and "propagateSizeHints" not in line
    ]
    assert qt_warnings == []  # nothing else Qt complained about (a deleted object, a thread)
    assert any("warm up ended after Qt was torn down" in line for line in log_lines)
