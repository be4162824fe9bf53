"""The chat panel's asking flow: a question sent, its answer streamed in from a worker, then
added to the chat or reported as stopped or failed; regenerate asks the last question again with
another seed. A reasoning model's thinking is counted on the live line while it thinks.

A mixin of :class:`medlocal.ui.chat_panel.ChatPanel`, which owns the widgets, the state named
below (set in its ``__init__``) and the drawing; this module holds what happens to a question."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, SignalInstance

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.engine.api import SamplingParams
from medlocal.engine.reasoning import THINKING_PREFIX, ThinkingMeter
from medlocal.errors import GenerationCancelled
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.chat import ChatSession
from medlocal.rag.flags import items_to_check
from medlocal.ui.announce import announce
from medlocal.ui.chat_memory import PatientChatMemory
from medlocal.ui.chat_texts import (
    EMPTY_QUESTION_HINT,
    FINDING_STATUS,
    IMPORT_RUNNING_HINT,
    NO_DOCUMENTS_HINT,
    answer_announcement,
    live_line,
)
from medlocal.ui.chat_widgets import ChatList, QuestionBox
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.workers import Job, batched, stream_task


class ChatAsking:
    """Asking, for :class:`~medlocal.ui.chat_panel.ChatPanel` (see the module's note)."""

    # The panel's signals, widgets, state and drawing this flow uses.
    generating: SignalInstance
    answerAdded: SignalInstance
    outputSaved: SignalInstance
    documentsMissing: SignalInstance
    workspace: Workspace
    chats: ChatList
    question: QuestionBox
    memory: PatientChatMemory
    patient_id: int | None
    turns: list[ChatTurn]
    live_question: str
    live_text: str
    status_line: str
    job: Job | None
    _open_chat_id: int | None
    _asked_in: list[int | None]
    _seed_offset: int
    _generation: int
    _meter: ThinkingMeter | None
    _meter_generation: int
    _indexing: list[int]
    _thinking_timer: QTimer
    redraw: Callable[[], None]
    _update_buttons: Callable[[], None]
    _chat_label: Callable[[int], str]
    import_running: Callable[[int], bool]

    def documents_changed(self) -> None:
        """The patient's documents changed (an import ended): a line saying they have none, or
        that their import runs, is no longer true."""
        if self.status_line in (NO_DOCUMENTS_HINT, IMPORT_RUNNING_HINT, EMPTY_QUESTION_HINT):
            self.status_line = ""
            self.redraw()

    def send(self) -> None:
        text = self.question.toPlainText().strip()
        if self.patient_id is None or (self.job is not None and self.job.running):
            return
        if not text:
            # Send with nothing typed did nothing at all (ui61's walk): say what to do, where
            # the keyboard goes to do it.
            self.status_line = EMPTY_QUESTION_HINT
            self.redraw()
            announce(self.question, self.status_line, urgent=False)
            self.question.setFocus()
            return
        if not self._has_documents():
            self.documentsMissing.emit()
            if not self._has_patient():  # removed outside the window: dropped, with a message
                return
            # Asking would only answer "Not found in the selected documents": say why instead,
            # and keep the question in the box for after the import.
            running = self.import_running(self.patient_id)
            self.status_line = IMPORT_RUNNING_HINT if running else NO_DOCUMENTS_HINT
            self.redraw()
            return
        self.question.clear()
        self.ask(text)

    def _has_patient(self) -> bool:
        """Whether a patient is chosen (a signal handler may have dropped the one that was)."""
        return self.patient_id is not None

    def _has_documents(self) -> bool:
        vault = self.workspace.vault
        if vault is None or vault.is_locked or self.patient_id is None:
            return True  # nothing to tell; ask() reports a locked vault its own way
        return bool(vault.list_documents(self.patient_id))

    def ask(self, question: str, params: SamplingParams | None = None) -> Job:
        patient = self.patient_id
        assert patient is not None
        ws = self.workspace
        chat_id = self._open_chat_id
        self.memory.lock_stopped = None  # asked again: the lock's line has been read
        asked_in = self._asked_in = [chat_id]
        self.live_question, self.live_text = question, ""
        self.status_line = FINDING_STATUS
        self.redraw()

        meter = self._meter = ThinkingMeter()
        self._meter_generation = self._generation
        indexing = self._indexing = [0, 0]  # vectors done, total: written by the worker
        self._thinking_timer.start()

        def indexed(done: int, total: int) -> None:
            indexing[:] = [done, total]

        def work(cancel: threading.Event) -> Generator[str, None, tuple[Any, ChatSession]]:
            # A huge record's first build takes a while: counted here, shown by the timer.
            ws.index_patient(patient, indexed, cancel)
            session = ws.grounded_chat(patient, chat_id=chat_id, params=params)
            asked_in[0] = session.chat_id  # a new chat exists from here on
            stream = session.ask(question, cancel=cancel, meter=meter)
            yield from batched(iter(stream))
            return stream.result, session

        generation = self._generation
        started: list[Job] = []  # the job, for its late callbacks

        # A model mid-decode hears a cancel late: its ending can arrive after the window (and
        # this panel's timer with it) was deleted by a quit, where touching it raised in the
        # event loop. The session saved the answer, or not, on its own.
        def piece(text: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._piece(text)

        def answered(outcome: tuple[GroundedAnswer, ChatSession]) -> None:
            if not shiboken6.isValid(self):
                return
            if generation == self._generation:
                self._answered(outcome)
            else:
                self.memory.answered_after_switch(patient, outcome[1].chat_id)
                self._dropped(started[0])

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            if generation == self._generation:
                self._failed(exc)
            else:
                self._dropped(started[0])

        self.job = stream_task("answer", work, piece, answered, failed)
        started.append(self.job)
        self.generating.emit(True)
        self._update_buttons()
        return self.job

    def _piece(self, text: str) -> None:
        self.status_line = ""
        self.live_text += text
        self.redraw()

    def _answered(self, outcome: tuple[GroundedAnswer, ChatSession]) -> None:
        self._thinking_timer.stop()
        answer, session = outcome
        first_in_chat = self._open_chat_id is None
        self._open_chat_id = session.chat_id
        if self.patient_id is not None:
            self.memory.chat_of_patient[self.patient_id] = session.chat_id
        turn = ChatTurn.from_answer(answer, session.last_output_id)
        self.turns.append(turn)
        self.live_question = self.live_text = self.status_line = ""
        self.job = None
        if first_in_chat and self.chats.findData(session.chat_id) < 0:
            # Named as the list names every other chat, from the vault's record: "Chat 1 — new"
            # stayed after five saved answers, until a lock and unlock read the list again
            # (walk 33).
            self.chats.addItem(self._chat_label(session.chat_id), session.chat_id)
            self.chats.setCurrentIndex(self.chats.count() - 1)
        self.redraw()
        self.generating.emit(False)
        self._update_buttons()
        announce(
            self.question, answer_announcement(turn.answer, items_to_check(turn.flags, turn.answer))
        )
        self.answerAdded.emit(turn)
        if session.last_output_id is not None:
            self.outputSaved.emit(session.last_output_id)

    def _failed(self, exc: BaseException) -> None:
        self._thinking_timer.stop()
        stopped = isinstance(exc, GenerationCancelled)
        partial = self.live_text.strip()
        self.job = None
        # error_text: a MedLocalError's own words, never a raw internal exception's
        self.status_line = (
            "Stopped. Nothing was saved." if stopped else error_text(exc, "The answer")
        )
        if partial:
            # The status line is drawn after the live text (walk 53a M2: it said "below").
            self.status_line += " (The partial text above was not checked or kept.)"
        self.redraw()
        announce(self.question, self.status_line, urgent=not stopped)
        self.live_question = self.live_text = ""
        self.generating.emit(False)
        self._update_buttons()

    def _dropped(self, job: Job) -> None:
        """A job of a panel cleared since it started ended: nothing of it is drawn (the answer
        was saved, or not, by the session; the chat reopens from the vault)."""
        if self.job is job:
            self._thinking_timer.stop()
            if self.status_line.startswith(THINKING_PREFIX):
                self.status_line = ""  # the dropped job's "Thinking…" line
                self.redraw()
            self.job = None
            self.generating.emit(False)
            self._update_buttons()

    def stop(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()

    def regenerate(self) -> None:
        if not self.turns or (self.job is not None and self.job.running):
            return
        # Same question, another seed: a new turn (the earlier answer stays in the record).
        self._seed_offset += 1
        base = self.workspace.sampling()
        params = SamplingParams(**{**base.as_dict(), "seed": base.seed + self._seed_offset})
        self.ask(self.turns[-1].question, params)

    def _thinking_tick(self) -> None:
        """While a reasoning model thinks, the live line says so and counts its tokens."""
        meter = self._meter
        if meter is None or self._meter_generation != self._generation:
            self._thinking_timer.stop()  # a job of a panel cleared since: not this chat's
            return
        line = live_line(meter, self._indexing, self.status_line, self.live_text)
        if line is not None:
            self.status_line = line
            self.redraw()
