"""Multi-turn grounded chat kept in the vault.

The question is stored when its answer starts (walk 38: a killed run lost it); the finished
turn then stores the checked answer as a chat message and as an output with its provenance, in
one vault transaction. A stopped (cancelled) or failed turn removes its question again, so it
stores nothing; a question left without an answer (the process was killed, or its answer could
not be saved and the question could not be removed: a full disk) shows as interrupted
(:func:`medlocal.app.chats.chat_turns`). When the save failed, the session stores why in place of
the answer as soon as the vault takes a write again ("The answer could not be saved: the disk
was full"). Follow-ups see earlier answered turns as history,
trimmed to the context budget by :mod:`medlocal.rag.context`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Sequence
from typing import Any, Protocol

from medlocal.engine.api import ChatMessage
from medlocal.engine.reasoning import ThinkingMeter
from medlocal.errors import DiskFullError, UserInputError
from medlocal.rag.answer import AnswerStream, GroundedAnswer, GroundedAnswerer
from medlocal.rag.flags import Flag
from medlocal.rag.passages import Scope
from medlocal.rag.store import ChatStore, OutputStore

_TITLE_CHARS = 80
# Stored in place of an answer that was generated but could not be saved (the question could not
# be removed either: a full disk refuses both), once the vault takes a write again. A reopened
# chat shows it as said (medlocal.app.chats.chat_turns) and never sends it to the model.
UNSAVED_PREFIX = "(The answer could not be saved: "


def unsaved_text(reason: str) -> str:
    return f"{UNSAVED_PREFIX}{reason}. Ask again.)"


def is_unsaved(content: str) -> bool:
    return content.startswith(UNSAVED_PREFIX)


def unsaved_reason(error: BaseException) -> str:
    """Why a finished answer was not saved, in the words a reopened chat shows."""
    if isinstance(error, DiskFullError):
        return "the disk was full"
    return f"the vault could not be written ({type(error).__name__})"


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
        answer_check: Callable[[str, str, Sequence[int]], list[Flag]] | None = None,
    ) -> None:
        """``question_notes`` reads a question for what the answer must say about it before
        its own notes (the application's check for another patient of the vault it names);
        ``answer_check`` reads the question, the answer's text and the sentences MedLocal
        attached a citation to for flags of its own (the application's check for a sentence
        giving this patient's values to another person), listed before the answer's others."""
        self.answerer = answerer
        self.question_notes = question_notes
        self.answer_check = answer_check
        self.store = store
        self.scope = scope
        self.chat_id = chat_id if chat_id is not None else store.create_chat(scope.patient_id)
        self.last_output_id: int | None = None
        # Questions whose answer could not be saved and which could not be removed either,
        # with why: told in the chat at the next write that works (:meth:`_tell_unsaved`).
        self._unsaved: list[tuple[int, str]] = []

    def history(self) -> list[ChatMessage]:
        """The answered turns: a question left without its answer (an interrupted run) is not
        sent to the model again as if it had been answered."""
        messages = [m for r in self.store.chat_messages(self.chat_id) if (m := _as_message(r))]
        return [
            m
            for i, m in enumerate(messages)
            if (m.role == "assistant" and not is_unsaved(m.content))
            or (
                m.role == "user"
                and i + 1 < len(messages)
                and messages[i + 1].role == "assistant"
                and not is_unsaved(messages[i + 1].content)
            )
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
        self._tell_unsaved()
        question_id = self.store.add_chat_message(self.chat_id, "user", question)
        saving = False
        try:
            yield from stream
            saving = True
            answer = self._save(stream.result, question, question_id)
        except BaseException as error:
            # Stopped, failed, or abandoned (GeneratorExit), or the turn could not be saved:
            # nothing of the turn is kept, as before. A removal that fails too (the vault locked
            # meanwhile, or a full disk, which refuses the save and the removal alike) leaves
            # the question; the face shows the first error.
            try:
                self.store.remove_chat_message(self.chat_id, question_id)
            except Exception:
                if saving:
                    # Kept so the chat can say why once a write works again: without it the
                    # reopened chat could only say "no answer was saved" (session 38: it said
                    # MedLocal had closed, which it had not).
                    self._unsaved.append((question_id, unsaved_reason(error)))
            raise
        return answer

    def _tell_unsaved(self) -> None:
        """Store, after each question left by an unsaved answer, why its answer is missing.
        Asked before the next question is saved, so the note follows its own question; a note
        that still cannot be written waits for the next question (or is lost with the session:
        the reopened chat then says only that no answer was saved)."""
        while self._unsaved:
            question_id, reason = self._unsaved[0]
            try:
                messages = list(self.store.chat_messages(self.chat_id))
                # Only right after its question (another face may have written meanwhile):
                # elsewhere the note would pair with the wrong question.
                if messages and getattr(messages[-1], "id", question_id) == question_id:
                    self.store.add_chat_message(self.chat_id, "assistant", unsaved_text(reason))
            except Exception:
                return
            self._unsaved.pop(0)

    def _save(self, answer: GroundedAnswer, question: str, question_id: int) -> GroundedAnswer:
        if self.question_notes is not None:
            answer.notes[:0] = self.question_notes(question)
        if self.answer_check is not None:
            attached = sorted({f.sentence for f in answer.flags if f.kind == "attached_citation"})
            answer.flags[:0] = self.answer_check(question, answer.text, attached)
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
