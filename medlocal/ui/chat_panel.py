"""Centre of the window: the patient's grounded chats. Streamed answers, citation chips that open
the sources panel, flagged sentences underlined with the reason, stop / regenerate / copy /
export. Chats persist in the vault, reopen as they were shown, and can be deleted. What happens
to a question is :mod:`medlocal.ui.chat_asking`; what is kept per patient between switches is
:mod:`medlocal.ui.chat_memory`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.chats import (
    ChatTurn,
    chat_turns,
    delete_chats,
    drop_unanswered_question,
    list_chats,
)
from medlocal.engine.reasoning import ThinkingMeter
from medlocal.errors import MedLocalError
from medlocal.rag.passages import SourceRef
from medlocal.ui.answer_copy import answer_copy_text
from medlocal.ui.chat_asking import ChatAsking
from medlocal.ui.chat_memory import PatientChatMemory, draft_to_keep
from medlocal.ui.chat_texts import (
    EMPTY_CHAT_HINT,
    LOCK_STOPPED,
    NO_PATIENT_HINT,
    NO_PATIENTS_YET_HINT,
    NOTHING_TO_FIND_NO_PATIENT,
    NOTHING_TO_FIND_YET,
    NOTICE,
    delete_chat_question,
)
from medlocal.ui.chat_view import ChatView
from medlocal.ui.chat_widgets import ChatList, QuestionBox, chat_label
from medlocal.ui.clipboard import copy_sensitive
from medlocal.ui.confirm import confirm
from medlocal.ui.find_bar import FindBar
from medlocal.ui.flow import FlowLayout
from medlocal.ui.icons import icon
from medlocal.ui.message_dialog import tell
from medlocal.ui.workers import Job
from medlocal.vault.errors import NotFoundError

THINKING_REF = "think."  # cite:think.N opens or folds turn N's reasoning
DRAFT_REF = "draft."  # cite:draft.N opens or folds turn N's unsupported draft
THINKING_POLL_MS = 250
CHATS_MIN_CHARS = 8  # the chat list's narrowest: "Chat 12 …"


class _AtItsNarrowest(QWidget):
    """A label and its box on one line, asking a row of buttons for no more width than the
    box's narrowest: the buttons beside it then wrap later."""

    def __init__(self, label: QLabel, box: QWidget) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(box, 1)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class ChatPanel(ChatAsking, QWidget):
    """Emits ``sourceRequested(SourceRef)`` when a citation is clicked, ``generating(bool)``
    when an answer starts or ends, ``answerAdded(ChatTurn)`` when an answer is added to the chat
    and ``outputSaved(int)`` after each saved answer."""

    sourceRequested = Signal(object)
    generating = Signal(bool)
    answerAdded = Signal(object)
    outputSaved = Signal(int)
    exportRequested = Signal(int)
    # A question found no documents: the window checks the patient is still in the vault.
    documentsMissing = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.patient_id: int | None = None
        # The open chat's id (None: a new chat, created by its first question). A session is
        # built per question from the vault's record, so a model switched in the model manager
        # or settings changed meanwhile take effect at the next question.
        self._open_chat_id: int | None = None
        # Each patient's last chat, set-aside question, and the one a lock stopped.
        self.memory = PatientChatMemory()
        # The chat the running question went to: the open one, or the new one the worker
        # creates with the question (written on the worker's thread, read at a lock).
        self._asked_in: list[int | None] = [None]
        self.turns: list[ChatTurn] = []
        self.live_question = ""
        self.live_text = ""
        self.status_line = ""
        # Whether an import for that patient runs now (the window tells; none by itself).
        self.import_running: Callable[[int], bool] = lambda _patient: False
        self.job: Job | None = None
        self._seed_offset = 0
        # Where the keyboard was put when Regenerate, pressed by keyboard, went grey: back on
        # Regenerate when the answer ends, if it is still there (walk 53a M3: Qt moved it on to
        # Copy, and the next Space copied the answer instead of regenerating).
        self._parked: QWidget | None = None
        # Counts clear()s: a job's results reach the panel only while the count is the one it
        # started under. A cancelled answer's failure (or an answer that finished as the vault
        # locked) arrives after clear(); drawn then, it put "Stopped. … (The partial text below
        # …)" or the answer's text on a panel that had been emptied by the lock (walk g1 #5).
        self._generation = 0
        # A reasoning model's live thinking figures, polled while an answer is on its way.
        self._meter: ThinkingMeter | None = None
        self._meter_generation = 0  # the clear() count the meter's job started under
        self._indexing = [0, 0]  # the running ask's index build: vectors done, total
        self._thinking_timer = QTimer(self)
        self._thinking_timer.setInterval(THINKING_POLL_MS)
        self._thinking_timer.timeout.connect(self._thinking_tick)

        self.chats = ChatList(CHATS_MIN_CHARS)
        self.chats.setAccessibleName("Chats with this patient")
        self.chats.setPlaceholderText("New chat (earlier chats are in this list)")
        self.chats.activated.connect(self._chat_chosen)
        self.new_chat = QPushButton("New chat")
        self.new_chat.setAccessibleName("Start a new chat")
        self.new_chat.clicked.connect(self.start_new_chat)
        self.delete_chat = QPushButton("Delete chat…")
        self.delete_chat.setAccessibleName("Delete this chat from the vault")
        self.delete_chat.clicked.connect(self.delete_open_chat)
        self.view = ChatView()
        self.view.setAccessibleName("Conversation")
        self.view.citationClicked.connect(self._citation)
        self.find_bar = FindBar(self.view, self._nothing_to_find)  # Ctrl+F (the Chat menu's)
        self.notice = QLabel(NOTICE)
        self.notice.setAccessibleName("Decision support notice")
        self.notice.setWordWrap(True)  # the theme's text colour: palette(mid) was ~1.8:1 (light)
        self.question = QuestionBox()
        self.question.setPlaceholderText(
            "Ask about this patient's documents (Enter sends, Shift+Enter new line)"
        )
        self.question.setAccessibleName("Question")
        self.question.setMaximumHeight(90)
        self.question.submitted.connect(self.send)
        self.send_button = QPushButton("Send")
        self.send_button.setAccessibleName("Send the question")
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop the answer (Esc)")
        self.stop_button.clicked.connect(self.stop)
        self.regenerate_button = QPushButton("Regenerate")
        self.regenerate_button.setAccessibleName("Ask the last question again")
        self.regenerate_button.clicked.connect(self.regenerate)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setAccessibleName("Copy the last answer")
        self.copy_button.clicked.connect(self.copy_last)
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export the last answer")
        self.export_button.clicked.connect(self._export_last)

        # A second line for the chat buttons in a narrow pane too: in one row they made the pane
        # at least 563 px wide at 18 pt (walk 55a H1).
        top = FlowLayout()
        top.addWidget(_AtItsNarrowest(QLabel("Chat:"), self.chats))  # the label stays beside
        top.addWidget(self.new_chat)
        top.addWidget(self.delete_chat)
        buttons = FlowLayout()  # a second line in a narrow pane, rather than a wider window
        for button in (
            self.send_button,
            self.stop_button,
            self.regenerate_button,
            self.copy_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        for button, name in (
            (self.send_button, "send"),
            (self.stop_button, "stop"),
            (self.regenerate_button, "regenerate"),
            (self.copy_button, "copy"),
            (self.export_button, "export"),
        ):
            button.setIcon(icon(name))
        self._update_buttons()

    # -- patient and chats ---------------------------------------------------------------------

    def clear(self) -> None:
        """Forget everything shown (on lock or when no patient is chosen), and the questions
        kept for other patients."""
        self.memory.drafts.clear()
        self._reset()

    def clear_for_lock(self) -> None:
        """:meth:`clear` as the vault locks. A question on its way is stopped: its chat (ids
        only) is the one reopened after the unlock, which then says why it has no answer."""
        patient = self.patient_id
        asking = patient is not None and self.job is not None and bool(self.live_question)
        self.memory.lock_stopped = patient if asking else None
        if asking and patient is not None and self._asked_in[0] is not None:
            self.memory.chat_of_patient[patient] = self._asked_in[0]
        self.clear()

    def _reset(self) -> None:
        self.stop()
        self._generation += 1  # what the stopped job still sends is dropped
        # The stopped job may think on until its next token: its meter is no longer read.
        self._thinking_timer.stop()
        self._meter = None
        self.patient_id = None
        self._open_chat_id = None
        self.turns = []
        self.live_question = self.live_text = self.status_line = ""
        self.chats.clear()
        self.question.clear()
        self.view.forget()  # no patient text kept behind the screen either
        self.find_bar.forget()
        self._update_buttons()

    def set_patient(self, patient_id: int | None, chat_id: int | None = None) -> None:
        self.find_bar.drop_reason()  # it spoke of the conversation shown before
        left, running = self.patient_id, self.job is not None and self.job.running
        # The question on its way is stopped by the switch: set aside with what the box holds.
        asked = self.live_question if left is not None and running else ""
        kept = draft_to_keep(self.question.toPlainText(), asked, self.live_text)
        if running:
            self.stop()
        self._reset()
        if left is not None and kept is not None:
            self.memory.drafts[left] = kept
        vault = self.workspace.vault
        if patient_id is None or vault is None or vault.is_locked:
            return
        self.patient_id = patient_id
        chats = vault.list_chats(patient_id)
        for cid, _pid, created in chats:
            self.chats.addItem(chat_label(cid, created), cid)
        ids = [cid for cid, _pid, _created in chats]
        # The chat to reopen (after unlocking, or this window's last with the patient) may
        # have been deleted meanwhile (from the CLI): then a new chat.
        memory = self.memory
        wanted = chat_id if chat_id is not None else memory.chat_of_patient.get(patient_id)
        if memory.lock_stopped == patient_id and wanted in ids and self.job is None:
            # The stopped question's session could not remove it from the locked vault: it
            # would show as "No answer was saved … MedLocal closed before it finished".
            with contextlib.suppress(MedLocalError):
                drop_unanswered_question(vault, wanted)
        if wanted in ids:
            self.open_chat(wanted)
        else:
            memory.chat_of_patient.pop(patient_id, None)
            self.chats.setCurrentIndex(-1)  # the combo chose the first chat added
        if memory.lock_stopped is not None and memory.lock_stopped != patient_id:
            memory.lock_stopped = None  # another patient chosen: the line is no longer news
        if memory.lock_stopped == patient_id:
            self.status_line = LOCK_STOPPED
            self.redraw()
        draft = memory.drafts.pop(patient_id, None)
        if draft is not None:
            text, line = draft
            self.question.setPlainText(text)
            self.question.moveCursor(QTextCursor.MoveOperation.End)
            if line:
                self.status_line = line
                self.redraw()
        self._update_buttons()

    def _chat_label(self, chat_id: int) -> str:
        """The list's entry for ``chat_id``, with the date the vault gave it."""
        vault = self.workspace.vault
        if vault is not None and not vault.is_locked:
            with contextlib.suppress(MedLocalError):
                for cid, _pid, created in vault.list_chats(self.patient_id):
                    if cid == chat_id:
                        return chat_label(cid, created)
        return f"Chat {chat_id}"

    @property
    def chat_id(self) -> int | None:
        return self._open_chat_id

    def open_chat(self, chat_id: int) -> None:
        self._open_chat_id = chat_id
        if self.patient_id is not None:
            self.memory.chat_of_patient[self.patient_id] = chat_id
        self.turns = chat_turns(self.workspace.require_vault(), chat_id)
        index = self.chats.findData(chat_id)
        if index < 0:  # started outside the window since the list was read
            self.sync_chats()
            index = self.chats.findData(chat_id)
        if index >= 0:
            self.chats.setCurrentIndex(index)
        self.redraw()
        self._update_buttons()

    def sync_chats(self) -> None:
        """Read the patient's chats again (the window calls it when it is activated): a chat
        started outside the window (`medlocal ask --patient N`, another MedLocal) is listed
        with its number and date, a label is brought up to date, and a chat deleted there
        goes (the open one with it: a new chat). Walk 34 found the list unchanged until the
        vault was locked and unlocked."""
        vault = self.workspace.vault
        busy = self.job is not None and self.job.running
        if self.patient_id is None or vault is None or vault.is_locked or busy:
            return
        try:
            stored = [
                (cid, chat_label(cid, made)) for cid, _p, made in vault.list_chats(self.patient_id)
            ]
        except MedLocalError:
            return
        open_id = self._open_chat_id
        if not self.chats.show_chats(stored, open_id):
            return
        if open_id is not None and self.chats.findData(open_id) < 0:
            self._deleted(open_id)  # deleted outside the window: nothing of it stays shown

    def _chat_chosen(self, index: int) -> None:
        chat_id = self.chats.itemData(index)
        if chat_id is not None and chat_id != self.chat_id:
            self.open_chat(int(chat_id))

    def start_new_chat(self) -> None:
        self._open_chat_id = None
        if self.patient_id is not None:
            self.memory.chat_of_patient.pop(self.patient_id, None)
        self.turns = []
        self.chats.setCurrentIndex(-1)
        self.redraw()
        self._update_buttons()

    def reload_open_chat(self) -> None:
        """Read the open chat again (its saved answers may have been deleted meanwhile)."""
        if self._open_chat_id is not None and not (self.job is not None and self.job.running):
            self.open_chat(self._open_chat_id)

    def delete_open_chat(self) -> None:
        """Delete the open chat after a confirmation that says its saved answers stay; the view
        clears (nothing of it is left on screen)."""
        chat_id = self._open_chat_id
        if chat_id is None or (self.job is not None and self.job.running):
            return
        try:
            vault = self.workspace.require_vault()
            chat = next(c for c in list_chats(vault, self.patient_id) if c.id == chat_id)
        except (MedLocalError, StopIteration):
            self._deleted(chat_id)  # gone already (deleted from the CLI)
            return
        if not confirm(
            self,
            "Delete chat",
            delete_chat_question(chat_id, chat.questions, len(chat.output_ids)),
            "Delete the chat",
        ):
            return
        try:
            delete_chats(vault, [chat_id])
        except MedLocalError as exc:
            self.status_line = f"The chat was not deleted: {exc}"
            self.redraw()
            return
        self._deleted(chat_id)

    def _deleted(self, chat_id: int) -> None:
        index = self.chats.findData(chat_id)
        if index >= 0:
            self.chats.removeItem(index)
        self.status_line = ""
        self.start_new_chat()

    def copy_last(self) -> None:
        if self.turns:
            copy_sensitive(answer_copy_text(self.turns[-1]))

    def _export_last(self) -> None:
        if not self.turns:
            return
        output_id = self.turns[-1].output_id
        if output_id is not None:
            try:
                self.workspace.require_vault().get_output(output_id)
            except NotFoundError:
                output_id = None
        if output_id is None:
            # Its saved copy was deleted (File → Saved answers and summaries, or the CLI).
            self.reload_open_chat()
            tell(
                self,
                "Export",
                "This answer's saved copy has been deleted, so it cannot be exported. The chat "
                "still shows the answer: Copy puts its text on the clipboard.",
            )
            return
        self.exportRequested.emit(output_id)

    # -- sources ---------------------------------------------------------------------------

    def _citation(self, ref: str) -> None:
        if ref.startswith(THINKING_REF):
            self.toggle_thinking(ref[len(THINKING_REF) :])
            return
        if ref.startswith(DRAFT_REF):
            self.toggle_draft(ref[len(DRAFT_REF) :])
            return
        turn_text, _, number_text = ref.rpartition(".")
        try:
            turn = self.turns[int(turn_text)] if turn_text else self.turns[-1]
            number = int(number_text)
        except (ValueError, IndexError):
            return
        source = self.source_for(turn, number)
        if source is not None:
            self.sourceRequested.emit(source)

    def toggle_thinking(self, index_text: str) -> None:
        """Open or fold a turn's reasoning (a new turn object: a shown turn is never changed)."""
        try:
            index = int(index_text)
            turn = self.turns[index]
        except (ValueError, IndexError):
            return
        self.turns[index] = replace(turn, thinking_open=not turn.thinking_open)
        self.redraw()

    def toggle_draft(self, index_text: str) -> None:
        """Open or fold a turn's unsupported draft (a new turn object, as for the reasoning)."""
        try:
            index = int(index_text)
            turn = self.turns[index]
        except (ValueError, IndexError):
            return
        self.turns[index] = replace(turn, draft_open=not turn.draft_open)
        self.redraw()

    @staticmethod
    def source_for(turn: ChatTurn, number: int) -> SourceRef | None:
        return next((s for s in turn.sources if s.number == number), None)

    def redraw(self) -> None:
        self.view.draw(self.turns, self.live_question, self.live_text, self.status_line)

    def _update_buttons(self) -> None:
        busy = self.job is not None and self.job.running
        has_patient = self.patient_id is not None
        focused = QApplication.focusWidget()
        self.send_button.setEnabled(has_patient and not busy)
        self.question.setEnabled(has_patient)
        self.stop_button.setEnabled(busy)
        self.regenerate_button.setEnabled(bool(self.turns) and not busy)
        self._keep_keyboard_near_regenerate(focused, busy)
        self.copy_button.setEnabled(bool(self.turns))
        self.export_button.setEnabled(bool(self.turns) and not busy)
        self.new_chat.setEnabled(has_patient and not busy)
        self.delete_chat.setEnabled(self._open_chat_id is not None and not busy)
        self.chats.setEnabled(has_patient and not busy)
        # An empty conversation says what to do next instead of showing a blank pane.
        self.view.setPlaceholderText(EMPTY_CHAT_HINT if has_patient else self._no_patient_hint())

    def _keep_keyboard_near_regenerate(self, focused: QWidget | None, busy: bool) -> None:
        """Regenerate pressed by keyboard: on Stop while the answer is written (Space stops it,
        as Esc does), then back on Regenerate, unless the person has moved on meanwhile."""
        if busy and focused is self.regenerate_button:
            self.stop_button.setFocus()
            self._parked = self.stop_button
        elif not busy and self._parked is not None:
            parked, self._parked = self._parked, None
            if focused is parked and self.regenerate_button.isEnabled():
                self.regenerate_button.setFocus()

    def _nothing_to_find(self) -> str:
        """Why Ctrl+F has nothing to search, or "" when the conversation holds text."""
        if self.patient_id is None:
            return NOTHING_TO_FIND_NO_PATIENT
        if not self.view.toPlainText().strip():
            return NOTHING_TO_FIND_YET
        return ""

    def _no_patient_hint(self) -> str:
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            return NO_PATIENT_HINT
        try:
            empty = not vault.list_patients()
        except MedLocalError:
            return NO_PATIENT_HINT
        return NO_PATIENTS_YET_HINT if empty else NO_PATIENT_HINT

    def visible_text(self) -> str:
        """Everything this panel shows as text (the lock test checks it is empty)."""
        parts = [self.view.toPlainText(), self.question.toPlainText()]
        parts.extend(self.chats.itemText(i) for i in range(self.chats.count()))
        return "\n".join(p for p in parts if p)
