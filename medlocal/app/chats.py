"""Stored grounded chats as turns (question, checked answer, its sources and flags), so a face
can reopen a chat exactly as it was shown; listed with what each holds, and deleted."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from medlocal.app.given_passages import given_sources
from medlocal.errors import UserInputError
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.chat import answer_title, is_unsaved
from medlocal.rag.flags import Flag, unsupported_draft
from medlocal.rag.passages import SourceRef
from medlocal.vault.rows import StoredOutput
from medlocal.vault.store import Vault

INTERRUPTED = "interrupted"
# A question without an answer: either MedLocal closed while answering, or the answer was
# generated but could not be saved and the question could not be removed (a full disk refuses
# both; session 38 said only "MedLocal closed", which was untrue then). When the session could
# still record why, the chat holds that instead (UNSAVED).
INTERRUPTED_TEXT = (
    "(No answer was saved for this question: MedLocal closed before it finished (it was killed "
    "or the computer stopped), or the answer could not be saved (for example, the disk was "
    "full). Ask again.)"
)
UNSAVED = "unsaved"


@dataclass
class ChatTurn:
    question: str
    answer: str
    sources: list[SourceRef] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    output_id: int | None = None
    status: str = "answered"
    notes: list[str] = field(default_factory=list)
    # A reasoning model's thinking before this answer: shown folded, marked unchecked; never
    # saved (a reopened chat has none).
    thinking: str = ""
    thinking_tokens: int = 0
    thinking_open: bool = False
    # A draft set aside as unsupported (flags.unsupported_draft) is shown folded until opened:
    # the answer is "No supported answer", not a wall of flagged text (walk 39 item 4).
    draft_open: bool = False

    @classmethod
    def from_answer(cls, answer: GroundedAnswer, output_id: int | None) -> ChatTurn:
        sources = list(answer.sources)
        if (answer.found or unsupported_draft(answer.flags)) and not sources:
            # Nothing could be tied to a passage (or the draft was set aside as unsupported):
            # still offer what the model was given, as reopening the chat does.
            sources = [p.source() for p in answer.passages]
        return cls(
            answer.question,
            answer.text,
            sources,
            list(answer.flags),
            output_id,
            answer.status,
            list(answer.notes),
            answer.thinking,
            answer.thinking_tokens,
        )


@dataclass(frozen=True)
class ChatSummary:
    """One stored chat as a list shows it: its first question (shortened) stands for it."""

    id: int
    patient_id: int | None
    created_at: str
    questions: int
    title: str
    output_ids: tuple[int, ...]  # saved answers given in it (kept if the chat is deleted)


def list_chats(vault: Vault, patient_id: int | None = None) -> list[ChatSummary]:
    """Every chat (of one patient if given), oldest first. An unknown patient is an error
    (NotFoundError), not an empty list."""
    if patient_id is not None:
        vault.get_patient(patient_id)
    found = []
    for chat_id, owner, created_at in vault.list_chats(patient_id):
        asked = [m.content for m in vault.chat_messages(chat_id) if m.role == "user"]
        found.append(
            ChatSummary(
                chat_id,
                owner,
                created_at,
                len(asked),
                answer_title(asked[0]) if asked else "(no question yet)",
                tuple(o.id for o in vault.chat_answers(chat_id)),
            )
        )
    return found


def chat_output_ids(vault: Vault, chat_ids: Collection[int]) -> list[int]:
    """The saved answers given in these chats."""
    return sorted(o.id for chat_id in set(chat_ids) for o in vault.chat_answers(chat_id))


def delete_chats(vault: Vault, chat_ids: Sequence[int]) -> int:
    """Delete chats with all their questions and answers (all or none; audited by id and number
    of messages); returns how many. The saved answers given in them stay, as separate records:
    both faces say so before deleting (:func:`chat_output_ids`)."""
    if not chat_ids:
        raise UserInputError("no chat chosen")
    vault.delete_chats(chat_ids)
    return len(set(chat_ids))


def chat_turns(vault: Vault, chat_id: int) -> list[ChatTurn]:
    """The chat's turns in order; each answer's sources and flags come from its saved output.
    A deleted chat has none."""
    messages = vault.chat_messages(chat_id)
    outputs = vault.chat_answers(chat_id)  # this chat's only: opening a chat stays quick
    turns: list[ChatTurn] = []
    question: str | None = None
    for message in messages:
        if message.role == "user":
            if question is not None:  # asked, and no answer came before the next question
                turns.append(interrupted_turn(question))
            question = message.content
        elif message.role == "assistant" and question is not None:
            status = UNSAVED if is_unsaved(message.content) else "answered"
            turns.append(ChatTurn(question, message.content, status=status))
            question = None
    if question is not None:
        turns.append(interrupted_turn(question))
    for turn in turns:
        if turn.status in (INTERRUPTED, UNSAVED):
            continue
        # Paired by text, not by position: a saved answer deleted from the middle of a chat
        # must not hand its neighbours' sources and flags to the turns after it.
        output = next((o for o in outputs if _saved_for(o, turn)), None)
        if output is None:
            continue
        outputs.remove(output)
        turn.output_id = output.id
        turn.sources = [SourceRef.from_dict(s) for s in output.provenance.get("sources", [])]
        if not turn.sources:
            turn.sources = given_sources(vault, output.provenance)
        turn.flags = [Flag.from_dict(f) for f in output.flags]
        turn.status = str(output.provenance.get("status", "answered"))
        turn.notes = [str(n) for n in output.provenance.get("notes", [])]
    return turns


def drop_unanswered_question(vault: Vault, chat_id: int) -> bool:
    """Remove the chat's last question when no answer follows it, as a stopped answer's session
    does itself; for when it could not: the vault locked before the model heard the stop (walk
    39b: the reopened chat said "MedLocal closed before it finished (it was killed…)"). Call it
    only once that answer's worker has ended. True when a question was removed."""
    messages = vault.chat_messages(chat_id)
    if not messages or messages[-1].role != "user":
        return False
    vault.remove_chat_message(chat_id, messages[-1].id)
    return True


def interrupted_turn(question: str) -> ChatTurn:
    """A question saved when its answer started, whose answer never came: MedLocal was killed
    or the computer stopped while answering, or the answer could not be saved and neither could
    its question be removed (a full disk), with no note of why written since (a stopped or
    failed answer removes its question). Shown so the question is not silently gone (walk 38)."""
    return ChatTurn(question, INTERRUPTED_TEXT, status=INTERRUPTED)


def _saved_for(output: StoredOutput, turn: ChatTurn) -> bool:
    """``output`` is the saved copy of ``turn``'s answer (older outputs lack the question)."""
    question = output.provenance.get("question", turn.question)
    return output.content == turn.answer and question == turn.question
