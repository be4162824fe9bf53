"""Walk 46a's answer defects with the real encrypted vault, its search, the demo embedder and
(where what the model writes does not matter) the demo model; a scripted model only where the
test needs a given draft (one that breaks down, one nothing supports).

D1: "What is her aortic valve peak velocity?" beside "Mild aortic stenosis, peak velocity 2.9
m/s" reaches the model; a phrase the documents lack is still not found at once.
D2: a chat's earlier not-found turns are not given to the model as the conversation; an answer
that names a page the documents do not have is stored as not found, its draft set aside.
D5: the dose note dates a dose by its own line. D7: an absent topic says plainly not found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from fixtures.fake_models import FakeChatModel
from test_rag_real import import_notes

from medlocal.app.chats import chat_turns
from medlocal.engine.api import ChatMessage, ChatModel, Embedder, SamplingParams
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import BROKEN_ANSWER, NOT_FOUND_MESSAGE
from medlocal.vault.store import Vault

NOTES = {
    "echo_2026-03-02.txt": (
        "Transthoracic echocardiogram, 02/03/2026.\n\nLeft ventricle: EF 58%, normal size. Mild"
        " aortic stenosis, peak velocity 2.9 m/s. Trivial mitral regurgitation.\n"
    ),
    "nurse_notes.txt": (
        "Heart failure nurse notes, 24/03/2026.\n\n24/03/2026 14:10 Phone call: weight down to"
        " 76.9 kg. No bleeding on apixaban. Potassium 4.8 mmol/L on the last bloods.\n"
    ),
}
RUNNING = {
    "inpatient_notes.txt": (
        "Inpatient notes, admitted 11/01/2025.\n\n12/01/2025 Ward round: breathless, stable.\n"
        "14/01/2025 Bisoprolol 1.25 mg once daily started.\n"
    ),
    "clinic_letter_2025-06-02.txt": (
        "Cardiology clinic letter, 02/06/2025.\n\nBisoprolol 5 mg once daily, tolerating well.\n"
    ),
}


class _Recording:
    """The real model, with the messages of each call kept."""

    def __init__(self, model: ChatModel) -> None:
        self._model = model
        self.calls: list[list[ChatMessage]] = []

    def stream_chat(self, messages: Sequence[ChatMessage], *args: Any, **kw: Any) -> Iterator[str]:
        self.calls.append(list(messages))
        return self._model.stream_chat(messages, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)


def test_the_echo_velocity_reaches_the_model_and_an_absent_area_does_not(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "a", NOTES, demo_embedder)
    answerer = GroundedAnswerer(
        demo_chat, vault, demo_embedder, params=SamplingParams(max_tokens=16)
    )
    asked = answerer.ask("What is her aortic valve peak velocity?", Scope(patient)).consume()
    assert asked.raw_text, "refused before the model"
    assert not any("no passage found names" in n for n in asked.notes), asked.notes
    assert any("peak velocity 2.9" in p.hit.text for p in asked.passages)
    absent = answerer.ask("What is her mitral valve area?", Scope(patient)).consume()
    assert absent.raw_text == "" and absent.text == NOT_FOUND_MESSAGE
    assert absent.notes == ["no passage found names any of 'mitral valve area'"]


def test_a_chat_gives_the_model_no_not_found_text_as_history(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "b", NOTES, demo_embedder)
    model = _Recording(demo_chat)
    answerer = GroundedAnswerer(
        model,  # type: ignore[arg-type]
        vault,
        demo_embedder,
        params=SamplingParams(max_tokens=16),
    )
    session = ChatSession(answerer, vault, Scope(patient))
    first = session.ask("What is the patient's blood group?").consume()
    assert first.text == NOT_FOUND_MESSAGE and not model.calls
    session.ask("What is her aortic valve peak velocity?").consume()
    (messages,) = model.calls
    assert not any(NOT_FOUND_MESSAGE in m.content for m in messages)
    assert not any("blood group" in m.content for m in messages)
    # The stored chat still holds both turns as said.
    assert chat_turns(vault, session.chat_id)[0].answer == NOT_FOUND_MESSAGE


def test_an_answer_naming_a_page_that_does_not_exist_is_stored_not_found(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "c", NOTES, demo_embedder)
    draft = (
        "Peak velocity 2.9 m/s [1] (echo_2026-03-02.txt, page 20).\n17/03/2026 15:39 Phone"
        " call: weight down to 78.9 kg [2]."
    )
    answerer = GroundedAnswerer(FakeChatModel(draft), vault, demo_embedder)  # type: ignore[arg-type]
    session = ChatSession(answerer, vault, Scope(patient))
    answer = session.ask("What is her aortic valve peak velocity?").consume()
    assert answer.status == "not_found" and answer.text == BROKEN_ANSWER, answer.text
    (turn,) = chat_turns(vault, session.chat_id)
    assert turn.status == "not_found" and turn.answer == BROKEN_ANSWER
    assert [f.kind for f in turn.flags] == ["unsupported_draft"]
    assert "page 20" in turn.flags[0].quote


def test_the_dose_note_dates_a_dose_by_its_own_line(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "d", RUNNING, demo_embedder)
    model = FakeChatModel("Bisoprolol 5 mg once daily [1].")
    answer = (
        GroundedAnswerer(model, vault, demo_embedder)  # type: ignore[arg-type]
        .ask("What is the current bisoprolol dose?", Scope(patient))
        .consume()
    )
    (note,) = [n for n in answer.notes if "bisoprolol" in n and "1.25 mg" in n]
    assert "(inpatient_notes.txt, 14 Jan 2025)" in note, note


def test_an_absent_angiogram_is_plainly_not_found(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = import_notes(vault, tmp_path / "e", NOTES, demo_embedder)
    model = FakeChatModel(
        ["Potassium 4.8 mmol/L [1].", "She had an angiogram in 2024 showing no disease [1]."]
    )
    session = ChatSession(
        GroundedAnswerer(model, vault, demo_embedder),  # type: ignore[arg-type]
        vault,
        Scope(patient),
    )
    session.ask("What is her potassium?").consume()
    answer = session.ask("Has she had a coronary angiogram, and what did it show?").consume()
    assert answer.status == "not_found" and answer.text == NOT_FOUND_MESSAGE, answer.text
    assert "no passage found names any of 'coronary', 'angiogram'" in answer.notes
    turn = chat_turns(vault, session.chat_id)[-1]
    assert turn.answer == NOT_FOUND_MESSAGE
    assert "no passage found names any of 'coronary', 'angiogram'" in turn.notes
