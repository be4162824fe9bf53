"""A finished chat turn is saved in one transaction: both messages, the saved answer and the
``ask`` audit event, or none of them (a crash between four transactions left a turn that reopened
without its sources and flags, or an answer missing from the audit)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit
from fixtures.vault_file import new_vault

from medlocal.app.chats import chat_turns
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.passages import Scope
from medlocal.vault import conversations
from medlocal.vault.store import Vault

TURN: dict[str, Any] = {
    "title": "Which antibiotic?",
    "provenance": {"model": "fake", "chat_id": 0},
    "flags": [{"kind": "unverified_number", "token": "14"}],
    "ask_details": {"patient_id": None, "question": "digest", "status": "ok", "chunks": [3]},
}


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as vault:
        yield vault


def _events(vault: Vault, name: str) -> list[dict[str, Any]]:
    return [e.details for e in vault.audit_entries() if e.event == name]


def test_a_turn_is_saved_whole(vault: Vault) -> None:
    patient = vault.add_patient("Alex Example")
    chat = vault.create_chat(patient)
    output_id = vault.save_chat_turn(
        chat, "Which antibiotic?", "Amoxicillin [1].", **(TURN | {"patient_id": patient})
    )
    assert [(m.role, m.content) for m in vault.chat_messages(chat)] == [
        ("user", "Which antibiotic?"),
        ("assistant", "Amoxicillin [1]."),
    ]
    saved = vault.get_output(output_id)
    assert saved.kind == "answer" and saved.content == "Amoxicillin [1]." and saved.flags
    assert _events(vault, "ask")[-1]["output_id"] == output_id
    assert vault.audit_verify().ok


def test_a_failure_part_way_leaves_nothing_of_the_turn(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = vault.add_patient("Alex Example")
    chat = vault.create_chat(patient)
    asks_before = len(_events(vault, "ask"))

    def crash(*_args: object, **_kwargs: object) -> int:
        raise OSError("disk full")  # after both messages were written in the transaction

    monkeypatch.setattr(conversations, "append_output", crash)
    with pytest.raises(OSError):
        vault.save_chat_turn(chat, "Q?", "A.", **(TURN | {"patient_id": patient}))
    assert vault.chat_messages(chat) == []
    assert vault.list_outputs(patient) == []
    assert len(_events(vault, "ask")) == asks_before
    assert vault.audit_verify().ok


def test_a_grounded_chat_turn_reopens_with_its_sources_and_flags(vault: Vault) -> None:
    """The real path: ChatSession over the vault saves the turn so the chat view finds it."""
    patient = vault.add_patient("Alex Example")
    retriever = FakeRetriever([hit(1, "Discharged on amoxicillin 500 mg three times daily.")])
    model = FakeChatModel(["Discharged on amoxicillin 500 mg [1]."])
    answerer = GroundedAnswerer(model, retriever, FakeEmbedder())  # type: ignore[arg-type]
    session = ChatSession(answerer, vault, Scope(patient_id=patient))
    stream = session.ask("Which antibiotic?")
    list(stream)
    turns = chat_turns(vault, session.chat_id)
    assert len(turns) == 1 and turns[0].output_id == session.last_output_id
    assert _events(vault, "ask")[-1]["output_id"] == session.last_output_id
