"""Multi-turn grounded chat kept in the vault.

Each finished turn stores the question and the checked answer as chat messages, and the answer as
an output with its provenance, in one vault transaction. A stopped (cancelled) turn stores
nothing. Follow-ups see earlier turns as history, trimmed to the context budget by
:mod:`medlocal.rag.context`.
"""

from __future__ import annotations

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
        messages = (_as_message(r) for r in self.store.chat_messages(self.chat_id))
        return [m for m in messages if m is not None]

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
        yield from stream
        answer = stream.result
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
        )
        return answer
