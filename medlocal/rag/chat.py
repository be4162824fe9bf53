"""Multi-turn grounded chat kept in the vault.

The question is stored when its answer starts (walk 38: a killed run lost it); the finished
turn then stores the checked answer as a chat message and as an output with its provenance, in
one vault transaction. A stopped (cancelled) or failed turn removes its question again, so it
stores nothing; a question left without an answer (the process was killed) shows as interrupted
(:func:`medlocal.app.chats.chat_turns`). Follow-ups see earlier answered turns as history,
trimmed to the context budget by :mod:`medlocal.rag.context`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Generator
from typing import Any, Protocol

from medlocal.engine.api import ChatMessage
from medlocal.engine.reasoning import ThinkingMeter
from medlocal.errors import UserInputError
from medlocal.rag.answer import AnswerStream, GroundedAnswer, GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.store import ChatStore, OutputStore

_TITLE_CHARS = 80


class GroundedChatStore(ChatStore, OutputStore, Protocol):
    """A store holding both chats and outputs (the Vault)."""


def _as_message(record: Any) -> ChatMessage | None:
    role = getattr(record, "role", None)
    content = getattr(record, "content", None)
    if isinstance(record, dict):
        role, content = record.get("role"), record.get("content")
    if role in ("user", "assistant") and isinstance(content, str):
        return ChatMessage(role, content)
    return None


def answer_title(question: str) -> str:
    flat = " ".join(question.split())
    return flat if len(flat) <= _TITLE_CHARS else flat[: _TITLE_CHARS - 1] + "…"


class ChatSession:
    def __init__(
        self,
        answerer: GroundedAnswerer,
        store: GroundedChatStore,
        scope: Scope,
        chat_id: int | None = None,
        question_notes: Callable[[str], list[str]] | None = None,
    ) -> None:
        """``question_notes`` reads a question for what the answer must say about it before
        its own notes (the application's check for another patient of the vault it names)."""
        self.answerer = answerer
        self.question_notes = question_notes
        self.store = store
        self.scope = scope
        self.chat_id = chat_id if chat_id is not None else store.create_chat(scope.patient_id)
        self.last_output_id: int | None = None

    def history(self) -> list[ChatMessage]:
        """The answered turns: a question left without its answer (an interrupted run) is not
        sent to the model again as if it had been answered."""
        messages = [m for r in self.store.chat_messages(self.chat_id) if (m := _as_message(r))]
        return [
            m
            for i, m in enumerate(messages)
            if m.role != "user" or (i + 1 < len(messages) and messages[i + 1].role == "assistant")
        ]

    def ask(
        self,
        question: str,
        *,
        general: bool = False,
        cancel: threading.Event | None = None,
        meter: ThinkingMeter | None = None,
    ) -> AnswerStream:
        # Checked before generating: a chat deleted elsewhere (the CLI, another window) would
        # otherwise cost a whole answer and only then fail to save it.
        if not self.store.has_chat(self.chat_id):
            raise UserInputError(
                f"Chat {self.chat_id} has been deleted; start a new chat to ask this question."
            )
        stream = self.answerer.ask(
            question,
            self.scope,
            history=self.history(),
            general=general,
            cancel=cancel,
            meter=meter,
        )
        return AnswerStream(self._record(stream, question))

    def _record(self, stream: AnswerStream, question: str) -> Generator[str, None, GroundedAnswer]:
        # Saved (encrypted, in the vault) before the first token: a run killed while answering
        # leaves the question in the chat, shown as interrupted (walk 38: it was silently gone).
        question_id = self.store.add_chat_message(self.chat_id, "user", question)
        try:
            yield from stream
            answer = self._save(stream.result, question, question_id)
        except BaseException:
            # Stopped, failed, or abandoned (GeneratorExit), or the turn could not be saved:
            # nothing of the turn is kept, as before. A removal that fails too (the vault locked
            # meanwhile) leaves the question, shown as interrupted; the face shows the first
            # error.
            with contextlib.suppress(Exception):
                self.store.remove_chat_message(self.chat_id, question_id)
            raise
        return answer

    def _save(self, answer: GroundedAnswer, question: str, question_id: int) -> GroundedAnswer:
        if self.question_notes is not None:
            answer.notes[:0] = self.question_notes(question)
        answer.provenance["chat_id"] = self.chat_id
        if answer.notes:  # kept with the saved answer: a reopened chat says them again
            answer.provenance["notes"] = list(answer.notes)
        # One transaction for the messages, the saved answer and the audit event (written here,
        # in the service, so the CLI and the GUI cannot forget it): a crash between them left a
        # turn that reopened without its sources and flags.
        self.last_output_id = self.store.save_chat_turn(
            self.chat_id,
            question,
            answer.text,
            patient_id=self.scope.patient_id,
            title=answer_title(answer.question),
            provenance=answer.provenance | {"question": answer.question},
            flags=[f.as_dict() for f in answer.flags],
            ask_details={
                "patient_id": self.scope.patient_id,
                "question": self.store.text_digest(question),
                "status": answer.status,
                "chunks": [p.hit.chunk_id for p in answer.passages],
            },
            question_id=question_id,
        )
        return answer
