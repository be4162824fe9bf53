"""Stored grounded chats as turns (question, checked answer, its sources and flags), so a face
can reopen a chat exactly as it was shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medlocal.errors import MedLocalError
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.flags import Flag
from medlocal.rag.passages import SourceRef, snippet
from medlocal.vault.records import last_page_of
from medlocal.vault.rows import StoredOutput
from medlocal.vault.store import Vault


@dataclass
class ChatTurn:
    question: str
    answer: str
    sources: list[SourceRef] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    output_id: int | None = None
    status: str = "answered"
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_answer(cls, answer: GroundedAnswer, output_id: int | None) -> ChatTurn:
        sources = list(answer.sources)
        if answer.found and not sources:
            # Nothing could be tied to a passage: still offer what the model was given.
            sources = [p.source() for p in answer.passages]
        return cls(
            answer.question,
            answer.text,
            sources,
            list(answer.flags),
            output_id,
            answer.status,
            list(answer.notes),
        )


def chat_turns(vault: Vault, chat_id: int) -> list[ChatTurn]:
    """The chat's turns in order; each answer's sources and flags come from its saved output."""
    messages = vault.chat_messages(chat_id)
    outputs = [
        o
        for o in vault.list_outputs()
        if o.kind == "answer" and o.provenance.get("chat_id") == chat_id
    ]
    outputs.sort(key=lambda o: o.id)
    turns: list[ChatTurn] = []
    question: str | None = None
    for message in messages:
        if message.role == "user":
            question = message.content
        elif message.role == "assistant" and question is not None:
            turns.append(ChatTurn(question, message.content))
            question = None
    for turn in turns:
        # Paired by text, not by position: a saved answer deleted from the middle of a chat
        # must not hand its neighbours' sources and flags to the turns after it.
        output = next((o for o in outputs if _saved_for(o, turn)), None)
        if output is None:
            continue
        outputs.remove(output)
        turn.output_id = output.id
        turn.sources = [SourceRef.from_dict(s) for s in output.provenance.get("sources", [])]
        if not turn.sources:
            given = output.provenance.get("passages", [])
            turn.sources = [s for s in (_given_source(vault, r) for r in given) if s is not None]
        turn.flags = [Flag.from_dict(f) for f in output.flags]
        turn.status = str(output.provenance.get("status", "answered"))
    return turns


def _saved_for(output: StoredOutput, turn: ChatTurn) -> bool:
    """``output`` is the saved copy of ``turn``'s answer (older outputs lack the question)."""
    question = output.provenance.get("question", turn.question)
    return output.content == turn.answer and question == turn.question


def _given_source(vault: Vault, record: dict[str, Any]) -> SourceRef | None:
    """A passage the model was given (provenance keeps ids only), rebuilt from the vault; None
    when its document was deleted since."""
    try:
        chunk = vault.get_chunk(int(record["chunk_id"]))
        document = vault.get_document(chunk.document_id)
    except (MedLocalError, KeyError, ValueError):
        return None
    return SourceRef(
        number=int(record.get("number", 0)),
        chunk_id=chunk.id,
        document_id=chunk.document_id,
        file_name=document.file_name,
        page=chunk.page,
        start=chunk.start,
        end=chunk.end,
        snippet=snippet(chunk.text),
        last_page=last_page_of(vault.document_pages(chunk.document_id) or (), chunk.end),
    )
