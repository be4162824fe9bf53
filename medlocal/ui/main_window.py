"""The main window: lock screen or work area (patients | chat | sources), menus, shortcuts,
status bar, auto-lock. Wiring only: every verb is the workspace's.

The idle lock counts a vault call or the user's input as activity, and a background task the
window runs as well: a summary or an OCR import may go on for longer than the idle minutes
without a vault call, while the clinician waits elsewhere, and locking would cancel it and
throw its result away. While a task runs the window touches the vault every
``JOB_ACTIVITY_S``; once none runs, the idle minutes count again from the last touch.

Locking cancels the tasks first, then closes the vault: closing waits for the session, which a
task may hold through a commit, and a cancelled task starts no further work meanwhile."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from medlocal import paths
from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.errors import MedLocalError
from medlocal.rag.passages import SourceRef
from medlocal.ui import clipboard
from medlocal.ui.chat_panel import ChatPanel
from medlocal.ui.closing import STOP_WAIT_S, STOPPING, Closing, waited_for_work
from medlocal.ui.colours import Tone
from medlocal.ui.confirm import safe_default_question
from medlocal.ui.dialogs.common import run_owned
from medlocal.ui.file_drags import install_file_drag_guard, local_paths
from medlocal.ui.fit_screen import scrolling_pane
from medlocal.ui.focus_frame import show_focus_rings
from medlocal.ui.focus_return import set_default_focus, watch_focus_return
from medlocal.ui.icons import icon
from medlocal.ui.import_section import CLOSE
from medlocal.ui.lock_screen import LockScreen
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.ui.quit_signals import quit_requested
from medlocal.ui.sources_panel import SourcesPanel
from medlocal.ui.status import StatusWidgets
from medlocal.ui.workers import (
    Job,
    ProgressRelay,
    active_jobs,
    folder_looks,
    wait_for_jobs,
)
from medlocal.vault import db

log = logging.getLogger(__name__)

APP_TITLE = "MedLocal"
FIRST_SIZE = (1300, 800)  # the window's size at its first start, if the screen has room
ACTIVITY_PING_S = 5.0  # activity resets the idle lock at most this often
JOB_ACTIVITY_S = 20.0  # a running task touches the vault this often (the idle lock: >= 1 min)
BACKUP_REMINDER = "No recent verified backup of this vault: Tools → Backup and restore…"
RESTORING = (
    "Restoring from a backup… When it has finished, this screen says which passphrase opens "
    "the restored vault."
)


class _WorkspaceRelay(QObject):
    """The vault may lock on its idle timer's thread, and a backup or restore ends on a worker's:
    bring the news to the GUI thread (queued, so in the order it happened)."""

    locked = Signal(str)
    backed_up = Signal()
    restore_ended = Signal(object)  # the RestoreResult, or None: failed, refused or cancelled

    def attach(self, workspace: Workspace) -> None:
        locked, backed_up, restore_ended = (
            self.locked.emit,
            self.backed_up.emit,
            self.restore_ended.emit,
        )
        workspace.add_lock_listener(locked)
        workspace.add_backup_listener(backed_up)
        workspace.add_restore_listener(restore_ended)

        # Taken off with the window: a workspace that outlives it (a test's, a second window's)
        # told a deleted relay at each lock, and logged "lock listener failed: Signal source
        # has been deleted" (fix 52a). The very objects added are removed, never the relay's.
        def detach() -> None:
            workspace.remove_lock_listener(locked)
            workspace.remove_backup_listener(backed_up)
            workspace.remove_restore_listener(restore_ended)

        self.destroyed.connect(detach)


class _ActivityFilter(QObject):
    """Keyboard and mouse use in any of the app's windows postpones the idle lock.

    It watches each top-level window (where Qt delivers input first) once that window has had
    focus, not the whole application: an application-wide filter written in Python runs for
    every event of every object (timers, paints, queued signals; ~300 a second during an
    import), and each run must first take the interpreter lock, which a worker parsing a PDF
    or chunking text gives up only every few milliseconds. Those waits stalled the window.
    """

    def __init__(self, workspace: Workspace, parent: QObject) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._last = 0.0

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing it again keeps a single copy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            now = time.monotonic()
            if now - self._last > ACTIVITY_PING_S:
                self._last = now
                self.workspace.touch()
        return False


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
        self.patients.exportDocumentRequested.connect(self.export_document)
        self.chat.sourceRequested.connect(self._show_source)
        self.chat.answerAdded.connect(self._answer_added)
        self.chat.generating.connect(self._generating)
        self.chat.exportRequested.connect(self.export_output)
        self.chat.documentsMissing.connect(self.patients.patient_still_there)

        self._relay = _WorkspaceRelay(self)
        self._relay.locked.connect(self._on_locked)
        self._relay.backed_up.connect(self._drop_backup_reminder)
        self._backups_told = 0  # backups written while the window is open (reminder reads)
        self._relay.restore_ended.connect(self._on_restore_ended)
        self._relay.attach(workspace)
        self._activity = _ActivityFilter(workspace, self)
        self._job_activity = QTimer(self)
        self._job_activity.setInterval(int(JOB_ACTIVITY_S * 1000))
        self._job_activity.timeout.connect(self._touch_while_working)
        self._job_activity.start()
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
        self._closing = Closing(self)
        self._closing.timer.timeout.connect(self._close_when_stopped)
        self._build_menus()
        self._restore_geometry()
        self.show_lock_screen()

    # -- menus and shortcuts -------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: Any = None) -> QAction:
        """A menu action calling ``slot()`` with no arguments: ``triggered`` passes ``checked``,
        which a slot with an optional first parameter (``open_models(importing=None)``) would
        otherwise take for that parameter."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # Focus comes back after the dialog the action opens: focus_return (walk 46a D8).
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        assert bar is not None
        file_menu = bar.addMenu("&File")
        self.import_action = self._action(
            "&Import documents…", self.patients.imports.choose_files, QKeySequence.StandardKey.Open
        )
        self.summarize_action = self._action("&Summarise…", self.open_summarize, "Ctrl+Shift+S")
        self.outputs_action = self._action(
            "Saved &answers and summaries…", self.open_outputs, "Ctrl+Shift+O"
        )
        self.lock_action = self._action("&Lock", lambda: self.lock("user"), "Ctrl+L")
        self.lock_action.setIcon(icon("lock"))
        quit_action = self._action("&Quit", self.close)
        # QKeySequence.Quit is empty on some Linux desktops and on Windows (walk 48a D12):
        # Ctrl+Q where the platform gives none.
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        for action in (
            self.import_action,
            self.summarize_action,
            self.outputs_action,
            self.lock_action,
            quit_action,
        ):
            file_menu.addAction(action)
        self._build_chat_menu(bar.addMenu("&Chat"))
        models_menu = bar.addMenu("&Models")
        models_menu.addAction(self._action("&Model manager…", self.open_models, "Ctrl+M"))
        tools_menu = bar.addMenu("&Tools")
        self.settings_action = self._action("&Settings…", self.open_settings)
        # QKeySequence.Preferences is empty on Linux and Windows (walk 39: no shortcut opened
        # Settings there): Ctrl+, everywhere, after the platform's own (Cmd+, on macOS).
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        self.settings_action.setShortcuts(
            [*preferences, *([] if comma in preferences else [comma])]
        )
        tools_menu.addAction(self.settings_action)
        self.passphrase_action = self._action("Change &passphrase…", self.open_change_passphrase)
        tools_menu.addAction(self.passphrase_action)
        tools_menu.addAction(self._action("&Audit log…", self.open_audit))
        self.backup_action = self._action("&Backup and restore…", self.open_backup)
        tools_menu.addAction(self.backup_action)
        tools_menu.addAction(self._action("&Evaluate models…", self.open_evaluate))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About and diagnostics…", self.open_about))
        # F6 goes to the question box from anywhere in the window (walk 48a D11: nine Tab
        # presses from Add patient…), as F6 moves between a window's panes elsewhere.
        self.ask_action = self._action("Go to the question box", self._go_to_question, "F6")
        self.addAction(self.ask_action)
        stop = self._action("Stop generation", self.chat.stop, "Esc")
        stop.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(stop)
        self.working_actions = [
            self.import_action,
            self.summarize_action,
            self.outputs_action,
            self.lock_action,
            self.passphrase_action,
        ]

    def _build_chat_menu(self, menu: QMenu) -> None:
        """The chat's buttons as menu items with shortcuts (walk 53a L2: reached only by F6 and
        a count of Tabs that changed with which buttons were on). Each presses its button, so
        it does what the button does, and nothing while the button is off."""
        chat = self.chat
        for text, button, shortcut in (
            ("&New chat", chat.new_chat, "Ctrl+Shift+N"),
            ("&Regenerate answer", chat.regenerate_button, "Ctrl+R"),
            ("&Copy answer", chat.copy_button, "Ctrl+Shift+C"),
            ("&Export answer…", chat.export_button, "Ctrl+E"),
        ):
            action = self._action(text, button.click, shortcut)
            menu.addAction(action)
            # Shown on only when its button is: a grey item says "not now", as the button does.
            menu.aboutToShow.connect(
                lambda action=action, button=button: action.setEnabled(button.isEnabled())
            )
            menu.aboutToHide.connect(lambda action=action: action.setEnabled(True))
            button.setToolTip(f"{text.replace('&', '')} ({shortcut})")

    def _go_to_question(self) -> None:
        if self.stack.currentIndex() != self.LOCKED and self.chat.question.isEnabled():
            self.chat.question.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- lock and unlock -----------------------------------------------------------------------

    def show_lock_screen(self, message: str = "", tone: Tone = Tone.ERROR) -> None:
        self.stack.setCurrentIndex(self.LOCKED)
        for action in self.working_actions:
            action.setEnabled(False)
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

    def _touch_while_working(self) -> None:
        """A running task is activity: the idle lock must not cancel it (see the module). One
        that survives a lock counts too: a restore over a vault that never held a record reads
        the backup with that vault open, and an idle lock mid-read refused it (review 43b)."""
        if active_jobs():
            self.workspace.touch()

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
        for action in self.working_actions:
            action.setEnabled(True)
        self.patients.reload(select=patient_id)
        if patient_id is not None and chat_id is not None:
            self.chat.set_patient(patient_id, chat_id)
        # A model kept loaded through the lock is named again; its speed figures come with
        # its next answer (those of an answer no longer on screen are not shown).
        self._show_model()
        self._start_rechunk()
        self._remind_backup()
        self._tell_interrupted_import()
        # The unlock that upgraded the vault says so once (walk 44 D5: the upgrade was silent).
        note = ws.take_upgrade_notice()
        if note is not None:
            self.status.set_upgrade_notice(note)
            log.info("%s", note)
        if ws.opened_with_recovery_key():
            # Walk 50a D2: the recovery key only unlocked, so every start needed it again.
            QTimer.singleShot(0, self.offer_new_passphrase)

    def _tell_interrupted_import(self) -> None:
        """An import that closing MedLocal stopped: its files not imported are listed under its
        patient, and the status bar says so (walk 46a D3: the next start said nothing)."""
        try:
            stopped = self.workspace.take_interrupted_import()
        except MedLocalError:
            return
        if stopped is None:
            return
        self.patients.imports.show_interrupted(stopped)
        bar = self.statusBar()
        if bar is not None:
            bar.showMessage(
                f"The last import for {stopped.label} was stopped when MedLocal closed: "
                f"{len(stopped.files)} file(s) not imported, listed under that patient's "
                "documents.",
                60000,
            )

    def _start_rechunk(self) -> None:
        """Older documents get section-aware passages in the background after unlocking."""
        ws = self.workspace
        try:
            pending = ws.rechunk_pending()
        except MedLocalError:
            return
        if not pending:
            return
        bar = self.statusBar()
        relay = ProgressRelay(self)
        if bar is not None:
            relay.progressed.connect(
                lambda p: bar.showMessage(f"Updating passages: {p.describe()}")
            )

        def done(report: Any) -> None:
            if bar is not None and not report.cancelled:
                bar.showMessage(f"Updated the passages of {report.total} older document(s).", 8000)

        # Owned by the window, as the reminder below: its status bar is gone with it.
        run_owned(
            self,
            "re-chunk",
            lambda cancel: ws.rechunk(progress=relay, cancel=cancel),
            done,
            lambda exc: log.info("re-chunking stopped (%s)", type(exc).__name__),
        )

    # -- panels --------------------------------------------------------------------------------

    def _patient_chosen(self, patient_id: int) -> None:
        self.sources.clear()
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
            QTimer.singleShot(0, self._show_model)
        self._show_model()
        self.status.generating(active)

    def _show_model(self) -> None:
        self.status.set_model(self.workspace.loaded_chat_model)

    # -- dialogs -------------------------------------------------------------------------------

    def _dialog(self, module: str, name: str, *args: Any) -> Any:
        """Dialogs load on first use: the window opens faster and each stays self-contained."""
        import importlib

        cls = getattr(importlib.import_module(f"medlocal.ui.dialogs.{module}"), name)
        return cls(self.workspace, *args, parent=self)

    def open_summarize(self) -> None:
        patient = self.patients.patient_id
        if patient is None:
            QMessageBox.information(self, "Summarise", "Choose a patient first.")
            return
        # Modal: it shows a clicked citation's passage itself (the sources panel is behind it).
        self._dialog("summarize_dialog", "SummarizeDialog", patient).exec()

    def open_outputs(self) -> None:
        """The chosen patient's saved outputs (every patient's when none is chosen)."""
        dialog = self._dialog("outputs_dialog", "OutputsDialog", self.patients.patient_id)
        dialog.exportRequested.connect(self.export_output)
        dialog.exec()
        self.chat.reload_open_chat()  # an answer shown there may have lost its saved copy

    def export_output(self, output_id: int) -> None:
        self._dialog("export_dialog", "ExportDialog", output_id).exec()

    def export_document(self, document_id: int) -> None:
        """A de-identified copy of an imported document: the outputs' export dialog, redacting
        from the start."""
        self._dialog("export_dialog", "DocumentExportDialog", document_id).exec()

    def open_models(self, importing: Path | None = None) -> None:
        """The model manager; with ``importing``, already importing that file (a ``.gguf``
        the operating system handed over)."""
        dialog = self._models_dialog()
        if importing is not None:
            dialog.show()
            dialog.import_file(importing.resolve())
        dialog.exec()

    def show_model_manager(self) -> Any:
        """The model manager over the window without a nested event loop (``open()``, not
        ``exec()``): what "Choose later in the model manager" on the first-run wizard opens once
        the window is shown."""
        dialog = self._models_dialog()
        dialog.open()
        return dialog

    def _models_dialog(self) -> Any:
        dialog = self._dialog("models_dialog", "ModelManagerDialog")
        dialog.modelsChanged.connect(self._show_model)
        return dialog

    def open_settings(self) -> None:
        dialog = self._dialog("settings_dialog", "SettingsDialog")
        dialog.settingsChanged.connect(self._settings_changed)
        dialog.exec()

    def _settings_changed(self, settings: Any) -> None:
        from medlocal.ui.app import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)

    def open_audit(self) -> None:
        if self.workspace.vault is None or self.workspace.vault.is_locked:
            QMessageBox.information(self, "Audit log", "Unlock the vault first.")
            return
        self._dialog("audit_dialog", "AuditDialog").exec()

    def open_change_passphrase(self) -> None:
        self._dialog("passphrase_dialog", "ChangePassphraseDialog").exec()

    def offer_new_passphrase(self) -> Any:
        """After an unlock with the recovery key: *Change passphrase* over the window, saying
        why, without a nested event loop (Close leaves it for later)."""
        if self.workspace.vault is None or self.stack.currentIndex() == self.LOCKED:
            return None
        dialog = self._dialog("passphrase_dialog", "ChangePassphraseDialog")
        dialog.open()
        return dialog

    def open_evaluate(self) -> None:
        self._dialog("eval_dialog", "EvaluateDialog").exec()

    def open_backup(self) -> None:
        if self.workspace.vault is None or self.workspace.vault.is_locked:
            QMessageBox.information(self, "Backup", "Unlock the vault first.")
            return
        self.backup_dialog().exec()

    def backup_dialog(self) -> Any:
        # The outcome of a restore reaches the lock screen from the workspace
        # (_on_restore_ended), however the dialog was opened.
        return self._dialog("backup_dialog", "BackupDialog")

    def _remind_backup(self) -> Job:
        """The "no recent backup" reminder, when one is due. Whether it is reads backups.json
        (in the config folder: on a portable install's stick, which may be slow or asleep), so
        on a worker (left 52: it held the window right after an unlock)."""
        ws = self.workspace
        asked = self._backups_told

        def due(_cancel: threading.Event) -> bool:
            try:
                return ws.backup_due()
            except (MedLocalError, OSError):
                return False  # no reminder is better than a false one

        def show(is_due: bool) -> None:
            # Not after a backup written meanwhile, nor on the lock screen.
            if is_due and asked == self._backups_told and self.stack.currentIndex() == self.WORKING:
                self.status.show_reminder(BACKUP_REMINDER, 15000)

        # Owned by the window, as every other result a worker brings back to a widget: one that
        # lands after the window was deleted (a test's teardown; review 52a) is dropped.
        return run_owned(self, "backup reminder", due, show, lambda _exc: None, pool=folder_looks())

    def _drop_backup_reminder(self) -> None:
        """A backup was just written and verified: the reminder is no longer true."""
        self._backups_told += 1  # a reminder still being read is no longer true either
        self.status.drop_reminder(BACKUP_REMINDER)

    def _import_running(self, patient: int) -> bool:
        """Whether an import into ``patient`` runs now (the Patients panel's import job)."""
        return self.patients.imports.running and self.patients.patient_id == patient

    def open_about(self) -> None:
        self._dialog("about_dialog", "AboutDialog").exec()

    # -- window state --------------------------------------------------------------------------

    def _settings_store(self) -> QSettings:
        # Geometry and panel sizes only: never a patient, a file name or any text. With
        # MEDLOCAL_HOME (a portable install, a USB stick) they stay in its config folder too,
        # not in this computer's ~/.config or registry.
        if paths.home_override() is not None:
            return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
        return QSettings("MedLocal", "MedLocal")

    def first_size(self) -> QSize:
        """1300 x 800, or the screen's free area where that is smaller (a 1024 x 768 or a
        1366 x 768 laptop with a side panel): a window larger than the screen hides its edges
        and its status bar."""
        free = self.screen().availableGeometry().size()
        return QSize(min(FIRST_SIZE[0], free.width()), min(FIRST_SIZE[1], free.height()))

    def _restore_geometry(self) -> None:
        store = self._settings_store()
        geometry = store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(self.first_size())
        sizes = store.value("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.stack.currentIndex() == self.WORKING:
            # Back from the command line or another window: what changed there shows here (a
            # patient removed there is dropped with their chats; else their chats are read).
            self._sync_with_vault()
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
        store = self._settings_store()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/splitter", self.splitter.saveState())
        store.sync()  # written now: a quit with a job still running ends the process at once
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
        return safe_default_question(
            self,
            "Close MedLocal?",
            f"{' '.join(text for text, _after in waited_for)} Stop and close MedLocal?",
            ("Stop and close", QMessageBox.ButtonRole.DestructiveRole),
            "Keep working",
            informative=" ".join(after for _text, after in waited_for),
        )

    def _stop_then_close(self) -> None:
        """Cancel every task, say so, and close once they have ended (or after STOP_WAIT_S: the
        launcher then ends the process; what a task writes is transactional)."""
        self._closing.stopping = True
        self.stack.setEnabled(False)  # nothing new starts while the window closes
        for action in self.working_actions:
            action.setEnabled(False)
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
