"""Session 38 leftover: a chat answer that was generated in full but could not be saved on a
full disk (the question saved before it could not be removed either: a full disk refuses the
deletion too) reopened as "interrupted: MedLocal closed before it finished — it was killed or
the computer stopped", which was untrue. Now the reopened question says that no answer was saved
and both reasons it may have, and once the vault takes a write again in the same chat (the next
question) the chat records why: "The answer could not be saved: the disk was full".

The full disk is SQLite's own page limit (``PRAGMA max_page_count``), which answers
SQLITE_FULL as a full disk does (tests/unit/test_disk_full.py); the removal's failure, which a
page limit does not cause (a deletion needs no new page), is the vault's DiskFullError raised in
its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever, hit
from fixtures.vault_file import new_vault

from medlocal.app.chats import INTERRUPTED, UNSAVED, chat_turns
from medlocal.errors import DiskFullError
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.passages import Scope
from medlocal.vault.store import Vault

FIRST = "Which antibiotic was she discharged on?"
SECOND = "How long is the amoxicillin course?"
# Long enough that saving it needs new database pages, and never repeating (a looping answer
# is cut short).
LONG = " ".join(f"Word{i} alpha{i * 7} beta{i * 13} [1]." for i in range(800))


def _answerer(model: FakeChatModel) -> GroundedAnswerer:
    retriever = FakeRetriever(
        [hit(1, "Discharged on amoxicillin 500 mg three times daily for seven days.")]
    )
    return GroundedAnswerer(model, retriever, FakeEmbedder())  # type: ignore[arg-type]


def _fill_disk(vault: Vault) -> None:
    session = vault._s
    assert session is not None
    pages = int(session.conn.execute("PRAGMA page_count").fetchone()[0])
    session.conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_disk(vault: Vault) -> None:
    session = vault._s
    assert session is not None
    session.conn.execute("PRAGMA max_page_count = 1073741823")


def _refuse_removal(vault: Vault, monkeypatch: pytest.MonkeyPatch, where: Path) -> None:
    def full(chat_id: int, message_id: int) -> None:
        raise DiskFullError(str(where), 0)

    monkeypatch.setattr(vault, "remove_chat_message", full)


def test_an_answer_the_full_disk_refused_is_not_said_to_be_a_closed_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Alex Example")
        model = FakeChatModel([LONG, "Seven days of amoxicillin [1]."])
        session = ChatSession(_answerer(model), vault, Scope(patient_id=patient))
        # The disk fills while the answer is generated: the question was saved before it.
        model.on_piece = lambda _calls: _fill_disk(vault)
        _refuse_removal(vault, monkeypatch, tmp_path / "vault")
        with pytest.raises(DiskFullError):
            list(session.ask(FIRST))
        model.on_piece = None

        # Reopened now (the app closed after the error, say): no reason is recorded, and the
        # text must not claim MedLocal closed while answering.
        (turn,) = chat_turns(vault, session.chat_id)
        assert (turn.question, turn.status) == (FIRST, INTERRUPTED)
        assert "could not be saved (for example, the disk was full)" in turn.answer
        assert turn.answer.startswith("(No answer was saved for this question:")

        # Space is freed; the next question in the same chat records why the first has none.
        _free_disk(vault)
        monkeypatch.undo()
        list(session.ask(SECOND))
        turns = chat_turns(vault, session.chat_id)
        assert [(t.question, t.status) for t in turns] == [
            (FIRST, UNSAVED),
            (SECOND, "answered"),
        ]
        assert turns[0].answer == "(The answer could not be saved: the disk was full. Ask again.)"
        assert turns[0].output_id is None and turns[1].output_id is not None
        # The unsaved turn is not history for the model: it never saw an answer to it.
        sent = [(m.role, m.content) for m in model.calls[1]]
        assert ("user", FIRST) not in sent
        assert not any("could not be saved" in content for _role, content in sent)
        assert vault.check_integrity() == [] and vault.audit_verify().ok


def test_a_failed_save_whose_question_is_removed_leaves_nothing(tmp_path: Path) -> None:
    # The page limit refuses the save but not the removal: nothing of the turn stays, as for
    # any failed answer, and nothing is told later.
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Alex Example")
        model = FakeChatModel([LONG, "Seven days of amoxicillin [1]."])
        session = ChatSession(_answerer(model), vault, Scope(patient_id=patient))
        model.on_piece = lambda _calls: _fill_disk(vault)
        with pytest.raises(DiskFullError):
            list(session.ask(FIRST))
        model.on_piece = None
        assert vault.chat_messages(session.chat_id) == []
        _free_disk(vault)
        list(session.ask(SECOND))
        assert [t.status for t in chat_turns(vault, session.chat_id)] == ["answered"]
