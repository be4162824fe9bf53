"""Walk 38: the app killed (SIGKILL) while answering a chat question: the next start said
nothing, and the question was gone from the chat. Now each run leaves a marker (no patient data)
that a clean end removes, so the next start says the last run did not close; and the question
is saved in the vault before its answer starts, so the reopened chat shows it, marked
interrupted. A stopped or failed answer still leaves nothing of its turn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, FakeStore, hit
from fixtures.vault_file import new_vault

from medlocal import run_marker
from medlocal.app.chats import INTERRUPTED, chat_turns, list_chats
from medlocal.errors import GenerationCancelled
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.passages import Scope
from medlocal.vault.store import Vault

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "kill9_chat_child.py"
QUESTION = "Which antibiotic was she discharged on?"  # the child's


def _answerer(model: FakeChatModel) -> GroundedAnswerer:
    retriever = FakeRetriever([hit(1, "Discharged on amoxicillin 500 mg three times daily.")])
    return GroundedAnswerer(model, retriever, FakeEmbedder())  # type: ignore[arg-type]


def test_a_kill_while_answering_leaves_the_question_and_is_told_next_start(
    tmp_path: Path, medlocal_home: Path
) -> None:
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Alex Example")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(tmp_path / "vault"), str(patient)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MEDLOCAL_HOME": str(medlocal_home)},
    )
    try:
        assert child.stdout is not None
        chat_line = child.stdout.readline()
        assert chat_line.startswith("chat "), chat_line
        assert child.stdout.readline() == "answering\n"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    chat_id = int(chat_line.split()[1])

    ended = run_marker.start_run("command")  # the next start
    assert [e.kind for e in ended] == ["command"]
    assert "did not close properly" in ended[0].note()
    assert run_marker.start_run("command") == []  # said once
    # The marker holds no patient data: only the process id, its start time and its kind.
    for marker in (medlocal_home / "logs").glob("run-*.marker"):
        assert "Alex" not in marker.read_text() and "antibiotic" not in marker.read_text()

    with Vault.open(tmp_path / "vault", "correct horse battery") as vault:
        assert vault.check_integrity() == [] and vault.audit_verify().ok
        turns = chat_turns(vault, chat_id)
        assert [(t.question, t.status) for t in turns] == [(QUESTION, INTERRUPTED)]
        assert (
            "MedLocal closed before it finished" in turns[0].answer and turns[0].output_id is None
        )
        assert list_chats(vault)[0].questions == 1


def test_a_clean_end_leaves_no_marker(medlocal_home: Path) -> None:
    code = (
        "from medlocal import run_marker; assert run_marker.start_run('command') == []; print('ok')"
    )
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home)}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0 and done.stdout == "ok\n", done.stderr
    assert run_marker.start_run("command") == []


def test_the_question_is_in_the_vault_while_it_is_answered(tmp_path: Path) -> None:
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Alex Example")
        model = FakeChatModel("Amoxicillin 500 mg [1].")
        seen: list[list[tuple[str, str]]] = []
        session = ChatSession(_answerer(model), vault, Scope(patient_id=patient))
        model.on_piece = lambda _calls: seen.append(
            [(m.role, m.content) for m in vault.chat_messages(session.chat_id)]
        )
        list(session.ask(QUESTION))
        assert seen and seen[0] == [("user", QUESTION)]
        assert [(m.role, m.content) for m in vault.chat_messages(session.chat_id)] == [
            ("user", QUESTION),
            ("assistant", "Amoxicillin 500 mg [1]."),
        ]
        assert [t.status for t in chat_turns(vault, session.chat_id)] == ["answered"]


def test_a_stopped_answer_still_leaves_nothing(tmp_path: Path) -> None:
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Alex Example")
        model = FakeChatModel("Amoxicillin 500 mg three times daily [1].")
        cancel = threading.Event()
        model.on_piece = lambda _calls: cancel.set()
        session = ChatSession(_answerer(model), vault, Scope(patient_id=patient))
        with pytest.raises(GenerationCancelled):
            list(session.ask(QUESTION, cancel=cancel))
        assert vault.chat_messages(session.chat_id) == []
        assert vault.audit_verify().ok


def test_an_interrupted_question_is_not_history_for_the_next(tmp_path: Path) -> None:
    store = FakeStore()
    model = FakeChatModel(["Amoxicillin [1].", "Seven days [1]."])
    session = ChatSession(_answerer(model), store, Scope(patient_id=1))  # type: ignore[arg-type]
    store.add_chat_message(session.chat_id, "user", "Asked, then the app was killed?")
    list(session.ask(QUESTION))
    sent = [(m.role, m.content) for m in model.calls[0]]
    assert ("user", "Asked, then the app was killed?") not in sent
