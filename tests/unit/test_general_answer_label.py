"""A general answer (no patient's documents) always carries the general label, whichever face
gives it and wherever it goes: streamed, in the text shown, saved in a chat, reopened and exported
(walk 39: `medlocal ask QUESTION` without --patient printed the demo model's clinically false
answer on metformin with nothing saying it rested on no document)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.chats import chat_turns
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.export import Shared
from medlocal.rag.prompts import GENERAL_LABEL
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
ANSWER = "Nausea and diarrhoea are common; they often settle."


def _workspace(tmp_path: Path, model: FakeChatModel) -> Workspace:
    return Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda name: FakeEmbedder(),
        chat_loader=lambda name: model,
    )


def test_the_app_layer_labels_the_answer_before_its_first_word(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, FakeChatModel(ANSWER))
    question = [ChatMessage("user", "Common side effects of metformin?")]
    stream = ws.general_answer(question, SamplingParams(max_tokens=64))
    pieces = list(stream)
    assert pieces[0] == GENERAL_LABEL + "\n"
    assert "".join(pieces) == f"{GENERAL_LABEL}\n{ANSWER}"
    assert stream.text == f"{GENERAL_LABEL}\n{ANSWER}"
    assert stream.answer.strip() == ANSWER  # a conversation's history: the model's words alone


def test_no_answer_is_no_labelled_empty_answer(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, FakeChatModel(""))
    question = [ChatMessage("user", "Common side effects of metformin?")]
    assert list(ws.general_answer(question, SamplingParams(max_tokens=64))) == []


def test_a_question_is_needed(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, FakeChatModel(ANSWER))
    with pytest.raises(ValueError, match="question"):
        ws.general_answer([ChatMessage("system", "Be brief.")], SamplingParams())


def test_a_saved_general_answer_keeps_its_label_when_reopened_and_exported(
    tmp_path: Path,
) -> None:
    ws = _workspace(tmp_path, FakeChatModel(ANSWER))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("Ada Example")
    session = ws.grounded_chat(patient, params=SamplingParams(max_tokens=64))
    stream = session.ask("Common side effects of metformin?", general=True)
    streamed = "".join(stream)
    answer = stream.result
    assert answer.status == "general"
    assert streamed.startswith(GENERAL_LABEL) and answer.text.startswith(GENERAL_LABEL)
    output_id = session.last_output_id
    assert output_id is not None
    (turn,) = chat_turns(vault, session.chat_id)  # what the window shows on reopening
    assert turn.answer.startswith(GENERAL_LABEL) and ANSWER in turn.answer
    report = ws.export(Shared.output(output_id), tmp_path / "answer.md")
    exported = report.path.read_text(encoding="utf-8")
    assert GENERAL_LABEL in exported and ANSWER in exported
    assert exported.index(GENERAL_LABEL) < exported.index(ANSWER)
    ws.close()
