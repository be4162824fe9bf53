"""The main window: lock screen or work area (patients | chat | sources), status bar,
auto-lock, closing. Wiring only: every verb is the workspace's; the menus (window_menus), the
dialogs they open (window_dialogs), what an unlock starts (unlock_follow_ups), what counts as
activity for the idle lock (idle_activity) and the kept size (window_state) have modules of
their own.

Locking cancels the tasks first, then closes the vault: closing waits for the session, which a
task may hold through a commit, and a cancelled task starts no further work meanwhile."""

from __future__ import annotations

import logging
import time
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.rag.passages import SourceRef
from medlocal.ui import clipboard
from medlocal.ui.chat_panel import ChatPanel
from medlocal.ui.closing import (
    CLOSE_TITLE,
    STOP_POLL_MS,
    STOP_WAIT_S,
    STOPPING,
    WORK_ENDED,
    Closing,
    waited_for_work,
    withdraw_stale_question,
)
from medlocal.ui.colours import Tone
from medlocal.ui.confirm import confirm
from medlocal.ui.file_drags import install_file_drag_guard, local_paths
from medlocal.ui.fitting_scroll import scrolling_pane
from medlocal.ui.focus_frame import show_focus_rings
from medlocal.ui.focus_return import set_default_focus, watch_focus_return
from medlocal.ui.icons import icon
from medlocal.ui.idle_activity import ActivityFilter, touch_while_working
from medlocal.ui.import_section import CLOSE
from medlocal.ui.last_choice import LastChoice
from medlocal.ui.lock_screen import LockScreen
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.ui.quit_signals import quit_requested
from medlocal.ui.screen_room import fit_to_new_screen
from medlocal.ui.sources_panel import SourcesPanel
from medlocal.ui.status import StatusWidgets
from medlocal.ui.unlock_follow_ups import UnlockFollowUps
from medlocal.ui.window_dialogs import WindowDialogs
from medlocal.ui.window_menus import WindowMenus
from medlocal.ui.window_state import restore_geometry, save_geometry
from medlocal.ui.workers import active_jobs, wait_for_jobs
from medlocal.ui.workspace_relay import WorkspaceRelay
from medlocal.vault import db

log = logging.getLogger(__name__)

APP_TITLE = "MedLocal"
RESTORING = (
    "Restoring from a backup… When it has finished, this screen says which passphrase opens "
    "the restored vault."
)


class MainWindow(QMainWindow):
    LOCKED, WORKING = 0, 1

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # A vault write made here (adding a patient, deleting a chat or saved outputs, the lock's
        # audit entry) waits a moment at most for another MedLocal's write, then says the vault
        # is busy: a minute's wait froze the window (session 34). Reads never wait for another
        # process (WAL), nor for a worker of ours waiting for one (it lets go between tries).
        db.limit_waits(db.GUI_WAIT_S)
        workspace.leave_cpu_for_window = True  # models loaded from now on leave the GUI a CPU
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icon("app"))
        self.setAccessibleName("MedLocal main window")
        self.lock_screen = LockScreen(workspace)
        self.lock_screen.unlocked.connect(self._on_unlocked)
        self.patients = PatientsPanel(workspace)
        self.chat = ChatPanel(workspace)
        self.sources = SourcesPanel(workspace)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        # Each pane scrolls where the window is shorter or narrower than it needs: their
        # minimum set the window's, 1050 x 559 at 18 pt, larger than a 1366 x 768 screen at
        # 200 % (683 x 384), and it grew with each import's progress rows (walk 55a H1). In
        # a window of usual size nothing scrolls: the conversation and the lists shrink first.
        self.splitter.addWidget(scrolling_pane(self.patients))
        chat_area = scrolling_pane(self.chat)
        # Never narrower than the chat's widest button: its rows wrap instead, and the side
        # panes (which scroll sideways too) give way first.
        chat_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(chat_area)
        self.splitter.addWidget(scrolling_pane(self.sources))
        # The panes' first widths (at the first size, 1300 px): each pane can shrink well below
        # them on a small screen, its rows of buttons then taking two lines.
        self.splitter.setSizes([350, 550, 400])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.lock_screen)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        status_bar = self.statusBar()
        assert status_bar is not None
        self.status = StatusWidgets(status_bar, self)

        self.patients.patientChosen.connect(self._patient_chosen)
        self.patients.documentsChanged.connect(self.sources.clear)
        self.patients.documentsChanged.connect(self.chat.documents_changed)
        self.chat.import_running = self._import_running
        self.dialogs = WindowDialogs(self)
        self.patients.exportDocumentRequested.connect(self.dialogs.export_document)
        self.chat.sourceRequested.connect(self._show_source)
        self.chat.answerAdded.connect(self._answer_added)
        self.chat.generating.connect(self._generating)
        self.chat.exportRequested.connect(self.dialogs.export_output)
        self.chat.documentsMissing.connect(self.patients.patient_still_there)

        self.follow_ups = UnlockFollowUps(self)
        self._relay = WorkspaceRelay(self)
        self._relay.locked.connect(self._on_locked)
        self._relay.backed_up.connect(self.follow_ups.drop_backup_reminder)
        self._relay.restore_ended.connect(self._on_restore_ended)
        self._relay.attach(workspace)
        self._activity = ActivityFilter(workspace, self)
        self._job_activity = touch_while_working(workspace, self)
        watch_focus_return()
        show_focus_rings()
        set_default_focus(self, self.chat.question)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            # Dialogs are windows of their own: watched as soon as they take focus.
            app.focusWindowChanged.connect(self._activity.watch)
        if isinstance(app, QApplication):
            self._file_drags = install_file_drag_guard(app)
        # Files dragged onto any part of the window that takes none are refused with a line
        # saying where a drop imports them (walk 53a L1; review 53c F7).
        self.setAcceptDrops(True)
        # What to reopen after unlocking: ids only, never text.
        self._restore: tuple[int | None, int | None] = (None, None)
        self._last_choice = LastChoice(workspace)  # and after a restart, kept in the vault
        self._closing = Closing(self)
        self._closing.timer.timeout.connect(self._close_when_stopped)
        self.menus = WindowMenus(self)
        restore_geometry(self, self.splitter)
        self.show_lock_screen()

    # -- lock and unlock -----------------------------------------------------------------------

    def show_lock_screen(self, message: str = "", tone: Tone = Tone.ERROR) -> None:
        self.stack.setCurrentIndex(self.LOCKED)
        self.menus.set_working(False)
        self.lock_screen.reset(message, tone)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._activity.watch(self.windowHandle())  # before it first takes focus, if ever
        self._file_drags.watch(self.windowHandle())

    def start(self) -> None:
        """After the window is shown: unlock from the keychain when remembered."""
        if self.workspace.vault is not None and not self.workspace.vault.is_locked:
            self._on_unlocked()
        else:
            self.lock_screen.try_keychain()

    def lock(self, reason: str = "user") -> None:
        self._cancel_jobs()  # before the vault's session is closed (see the module)
        self.workspace.lock(reason)  # listeners bring us to _on_locked

    @staticmethod
    def _cancel_jobs() -> None:
        for job in active_jobs():
            if not job.survives_lock:
                job.cancel("lock")

    def _on_locked(self, reason: str) -> None:
        self._cancel_jobs()
        if not all(shiboken6.isValid(p) for p in (self.patients, self.chat, self.sources)):
            # Torn down while its close waited for work to stop (a test's teardown deletes a
            # panel): nothing is left on screen to clear.
            return
        self._restore = (self.patients.patient_id, self.chat.chat_id)
        # An open dialog (a summary, an export preview) must not keep patient text on screen
        # over the lock screen: reject() closes it and clears what it showed.
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not getattr(dialog, "survives_lock", False):
                dialog.reject()
        self.chat.clear_for_lock()
        self.sources.clear()
        self.patients.clear()
        clipboard.clear_if_ours()
        self.setWindowTitle(APP_TITLE)
        self.status.set_model(None)
        self.status.set_upgrade_notice(None)
        if reason == "restore":
            # Which passphrase opens the vault afterwards depends on how the restore ends
            # (the backup's, or a new one given with the recovery key): said once it has.
            self.show_lock_screen(RESTORING, Tone.PLAIN)
        else:
            self.show_lock_screen("Locked after inactivity." if reason == "idle" else "")

    def _on_restore_ended(self, result: Any) -> None:
        """The lock screen's "restoring" gives way to the outcome: which passphrase opens the
        restored vault, or nothing when the restore did not go ahead (the vault is as it was;
        the dialog that started it says why)."""
        if self.stack.currentIndex() != self.LOCKED:
            return
        if result is None:
            self.show_lock_screen("")
        else:
            self.show_lock_screen(f"Restored. {result.outcome_note()}", Tone.OK)

    def _on_unlocked(self) -> None:
        ws = self.workspace
        vault = ws.require_vault()
        minutes = ws.settings.auto_lock_minutes
        vault.set_idle_timeout(minutes * 60.0 if minutes > 0 else None)
        patient_id, chat_id = self._restore
        self.stack.setCurrentIndex(self.WORKING)
        self.menus.set_working(True)
        self.patients.reload(select=self._last_choice.to_choose(patient_id))
        if patient_id is not None and chat_id is not None:
            self.chat.set_patient(patient_id, chat_id)
        # A model kept loaded through the lock is named again; its speed figures come with
        # its next answer (those of an answer no longer on screen are not shown).
        self.show_model()
        self.follow_ups.start()
        # The unlock that upgraded the vault says so once (walk 44 D5: the upgrade was silent).
        note = ws.take_upgrade_notice()
        if note is not None:
            self.status.set_upgrade_notice(note)
            log.info("%s", note)
        if ws.opened_with_recovery_key():
            # Walk 50a D2: the recovery key only unlocked, so every start needed it again.
            QTimer.singleShot(0, self.dialogs.offer_new_passphrase)

    # -- panels --------------------------------------------------------------------------------

    def _patient_chosen(self, patient_id: int) -> None:
        self.sources.clear()
        self._last_choice.keep(patient_id)
        self.chat.set_patient(patient_id if patient_id >= 0 else None)

    def _show_source(self, source: SourceRef) -> None:
        self.sources.show_source(source)

    def _answer_added(self, turn: ChatTurn) -> None:
        # An answer with no passages ("Not found"): the pane no longer shows the previous
        # answer's passage as if it were this one's (walk 39).
        if not turn.sources:
            self.sources.clear()

    def _generating(self, active: bool) -> None:
        if active:
            # The model is loaded (or about to be) by the workspace; show it once known.
            QTimer.singleShot(0, self.show_model)
        self.show_model()
        self.status.generating(active)

    def _import_running(self, patient: int) -> bool:
        """Whether an import into ``patient`` runs now (the Patients panel's import job)."""
        return self.patients.imports.running and self.patients.patient_id == patient

    def show_model(self) -> None:
        self.status.set_model(self.workspace.loaded_chat_model)

    # -- window state ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.stack.currentIndex() == self.WORKING:
            # Back from the command line or another window: what changed there shows here (a
            # patient removed there is dropped with their chats; else their chats are read).
            self._sync_with_vault()
        elif event.type() == QEvent.Type.ScreenChangeInternal:
            # Once the move that took it there has settled.
            QTimer.singleShot(0, self, lambda: fit_to_new_screen(self))
        return super().event(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Reached only when no widget under the pointer took the drag: the conversation, the
        # question box, the sources. Refused (not accepted), and said where files go; over the
        # Patients panel, the panel has said why it refused (busy, a move, nobody chosen).
        paths = local_paths(event.mimeData())
        over_panel = self.patients.rect().contains(
            self.patients.mapFrom(self, event.position().toPoint())
        )
        if paths and self.stack.currentIndex() == self.WORKING and not over_panel:
            self.patients.refuse_drop_elsewhere(paths)

    def _sync_with_vault(self) -> None:
        if self.patients.busy:
            # An import or deletion may hold the vault for a long commit: nothing is read on
            # the GUI thread meanwhile (review 33: the chat list's read froze the window for
            # the commit's length). The job's end reads the lists again.
            return
        if self.patients.sync_with_vault():
            self.chat.sync_chats()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing asks first while work the clinician waits for runs (an import, a summary),
        then stops every task through its cancel and closes once they have ended, the event
        loop running meanwhile (walk 46a D3: the window stood frozen 10.5 s, with no word,
        in a wait on the GUI thread). A quit signal asks nothing: nobody may be there."""
        if self._closing.stopping:
            event.ignore()  # already stopping: the window closes when the work has ended
            return
        if not self._closing.stopped and active_jobs():
            if quit_requested():
                for job in active_jobs():
                    job.cancel(CLOSE)
                wait_for_jobs(STOP_WAIT_S)  # the process ends next: nothing left to keep moving
            else:
                event.ignore()
                if self._may_stop_work():
                    self._stop_then_close()
                return
        save_geometry(self, self.splitter)
        self.status.close()
        self.patients.imports.keep_what_close_left_out()
        self.workspace.lock("closed")
        super().closeEvent(event)

    def _may_stop_work(self) -> bool:
        """Stop and close, or Keep working (the default: an Enter meant for the window behind
        stops nothing). True at once when only background upkeep runs (a warm-up, re-chunking)."""
        waited_for = waited_for_work(active_jobs())
        if not waited_for:
            return True
        # Taken back if the work ends while it is open: it would go on saying the work runs.
        watch = QTimer(self)
        watch.setInterval(STOP_POLL_MS)
        watch.timeout.connect(self._withdraw_stale_close_question)
        watch.start()
        try:
            return confirm(
                self,
                CLOSE_TITLE,
                f"{' '.join(text for text, _after in waited_for)} Stop and close MedLocal?",
                "Stop and close",
                "Keep working",
                informative=" ".join(after for _text, after in waited_for),
            )
        finally:
            if shiboken6.isValid(watch):  # not deleted with the window meanwhile
                watch.stop()
                watch.deleteLater()

    def _withdraw_stale_close_question(self) -> None:
        bar = self.statusBar()
        if withdraw_stale_question(self) and bar is not None:
            bar.showMessage(WORK_ENDED)

    def _stop_then_close(self) -> None:
        """Cancel every task, say so, and close once they have ended (or after STOP_WAIT_S: the
        launcher then ends the process; what a task writes is transactional)."""
        self._closing.stopping = True
        self.stack.setEnabled(False)  # nothing new starts while the window closes
        self.menus.set_working(False)
        for job in active_jobs():
            job.cancel(CLOSE)
        bar = self.statusBar()
        if bar is not None:
            bar.showMessage(STOPPING)
        self._closing.deadline = time.monotonic() + STOP_WAIT_S
        self._closing.timer.start()

    def _close_when_stopped(self) -> None:
        if active_jobs() and time.monotonic() < self._closing.deadline:
            return
        self._closing.timer.stop()
        self._closing.stopping = False
        self._closing.stopped = True
        self.close()

    def visible_text(self) -> str:
        """Every text a panel shows (the lock test checks no patient text survives)."""
        parts = [self.windowTitle(), self.chat.visible_text(), self.sources.visible_text()]
        panel = self.patients
        for widget in (panel.patients, panel.documents, panel.imports.errors):
            parts.extend(widget.item(i).text() for i in range(widget.count()))
        return "\n".join(p for p in parts if p)
