"""What the chat panel (ui/chat_panel.py) says in its own words: the hints of an empty
conversation, the lines a stopped question leaves, the live line while an answer is on its way
(finding passages, indexing, the model's thinking) and the question before a chat is deleted."""

from __future__ import annotations

from medlocal.engine.reasoning import ThinkingMeter, thinking_status
from medlocal.rag.flags import items_phrase
from medlocal.wording import counted

FINDING_STATUS = "Loading the model and finding passages…"
INDEXING = "Indexing this patient's passages: "


def indexing_status(done: int, total: int) -> str:
    """The live line while a patient's passages go into the in-memory index (walk 36: a
    41,610-passage record's first search sat for minutes on a bare "finding passages")."""
    return f"{INDEXING}{done:,} of {total:,}…"


NOTICE = "Decision support only — verify every statement against its sources."
# The conversation draws these hints whole, wrapped to the pane (ChatView.paintEvent).
NO_PATIENT_HINT = "Choose a patient on the left\n(or Add patient…)\nto ask about their documents."
# An open vault with no patient at all: choosing one is no step yet (walk 29).
NO_PATIENTS_YET_HINT = (
    "No patients yet: choose Add patient…\non the left, then import\ntheir documents to ask about."
)
# Ctrl+F with nothing to search (note 63: it opened an empty box over an empty pane).
NOTHING_TO_FIND_NO_PATIENT = (
    "Nothing to find: no patient is chosen. Choose one on the left; Ctrl+F then finds words "
    "in their conversation."
)
NOTHING_TO_FIND_YET = "Nothing to find yet: this conversation has no question or answer."
# Send pressed with the question box empty.
EMPTY_QUESTION_HINT = "Type a question in the box below, then press Send (or Enter)."
NO_DOCUMENTS_HINT = (
    "This patient has no documents yet. Import them on the left (Import files…, Import "
    "folder… or drop them there), then ask again."
)
# Asked while this patient's import still runs (walk 55a M3: "no documents yet" was said then,
# and stayed after the import had ended).
IMPORT_RUNNING_HINT = (
    "This patient's documents are still being imported (see the progress on the left). Your "
    "question stays in the box: press Enter once the import has ended."
)
# Choosing another patient stops a question on its way (nothing of it is saved): coming back,
# the question is in the box again, and this line says why (walk 36: it was lost silently).
SWITCH_STOPPED = (
    "Stopped when you switched patient. Nothing was saved: your question is back in the box "
    "below, press Enter to ask it again."
)
SWITCH_STOPPED_PARTIAL = " (The partial answer was not checked or kept.)"
# A lock stops a question on its way too, and forgets its text (no patient text is kept behind
# the lock screen): after the unlock, the chat it went to is open again with this line (walk
# 39b: an empty new chat was open and nothing said the question had been stopped).
LOCK_STOPPED = "The answer was stopped when MedLocal locked; ask again."
EMPTY_CHAT_HINT = (
    "Ask a question below about this patient's documents.\n"
    "Each answer cites its sources as [1], [2]…:\n"
    "open one (click it, or Ctrl+Tab to it and Enter)\nto see the passage on the right."
)


def live_line(
    meter: ThinkingMeter, indexing: list[int], status_line: str, live_text: str
) -> str | None:
    """The live line to draw now while an answer is on its way (None: leave it as it is). While
    a reasoning model thinks, it says so and counts its tokens; while the patient's passages are
    indexed, it counts them. Only ever replaces the line the question began with
    (FINDING_STATUS), or its own: never an answer's or an error's."""
    if meter.active and not live_text:
        return thinking_status(meter.tokens)
    done, total = indexing
    if live_text or not total:
        return None
    if status_line != FINDING_STATUS and not status_line.startswith(INDEXING):
        return None
    line = indexing_status(done, total) if done < total else FINDING_STATUS
    return line if line != status_line else None


def delete_chat_question(chat_id: int, questions: int, kept: int) -> str:
    """The confirmation before a chat is deleted: what goes, and that its ``kept`` saved
    answers stay (and where to delete them)."""
    return (
        f"Delete chat {chat_id} ({counted(questions, 'question')} and "
        f"{'its answer' if questions == 1 else 'their answers'}) "
        "from the vault? This cannot be undone."
        + (
            f" Its {counted(kept, 'saved answer')} {'is' if kept == 1 else 'are'} kept: "
            f"delete {'it' if kept == 1 else 'them'} under File → Saved answers and "
            "summaries…"
            if kept
            else ""
        )
    )


ANNOUNCED_CHARS = 600  # a screen reader says this much of an answer; the rest is in the chat


def answer_announcement(answer: str, to_check: int) -> str:
    """What a screen reader says when an answer arrives (walk 48a D2: focus stays in the
    question box, and nothing was said): the answer's opening, an unsupported draft's verdict
    included, and how many items to check."""
    text = " ".join(answer.split())
    if len(text) > ANNOUNCED_CHARS:
        text = text[:ANNOUNCED_CHARS].rsplit(" ", 1)[0] + "… (the rest is in the conversation)"
    check = f" {items_phrase(to_check)} against the sources." if to_check else ""
    return f"Answer: {text}{check}"
