"""Backup and restore: write an encrypted, verified backup of the vault to a USB drive or a
trusted share; re-check a backup; restore one over this vault. Every step runs off the GUI
thread with progress and Cancel, and so does every look at a backup folder: the last verified
backup's (in the summary), the chosen one's listing, and its check before a backup (left 51: a
share gone quiet or a stick pulled out held the window while the dialog opened, and again when
Back up now was pressed)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.backup_pruning import PrunePlan, plan_prune, prune
from medlocal.app.backups import (
    UNUSED_VAULT_WORDS,
    Held,
    NewFolder,
    empty_vault_id,
    folder_summary,
    folder_to_create,
    full_path,
    held_in,
    held_now,
    list_backups,
    loss_note,
    opened_backup_holds,
)
from medlocal.app.passphrase import check_new_passphrase
from medlocal.errors import GenerationCancelled, MedLocalError, UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.progress import ProgressCallback
from medlocal.ui import files
from medlocal.ui.backup_advice import KEEP_FEWER, REMOVE_OLDER, make_room
from medlocal.ui.closing import BACKUP_JOB, PRUNE_JOB, RESTORE_JOB, VERIFY_JOB, WAITED_FOR
from medlocal.ui.confirm import confirm, safe_default_question
from medlocal.ui.dialogs.common import (
    ErrorLine,
    Task,
    TaskPanel,
    error_text,
    resize_on_screen,
    run_owned,
)
from medlocal.ui.workers import Job, folder_looks
from medlocal.vault.backup_files import NoRoomError


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setPlaceholderText(name)
    return field


T = TypeVar("T")

KEEP_MOST = 9999  # Keep newest's box; the setting itself may hold more (it opens at this)

# The restore form's secret: the backup's passphrase, or its recovery key (the box ticked).
SECRET_LABELS = {False: "Pa&ssphrase", True: "Recovery ke&y"}


def _label(text: str, buddy: QWidget) -> QLabel:
    """A row label with an Alt+letter for a row that holds a layout (which gets no buddy)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _folder_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


# Walk 50a D6: a stopped restore said "The backup task was stopped." (the wrong task, and not
# that the vault was unchanged). Only a cancel before the backup is moved into place stops it.
RESTORE_STOPPED = "The restore was stopped; your vault is unchanged."
CHECKING_BACKUP = "Opening the backup"
# Before a backup: whether the chosen folder is there and can be written (nothing written yet,
# so closing the dialog meanwhile needs no question and no wait).
CHECKING_FOLDER = "Checking the backup folder"
READING_OLDER = "Reading the backups in that folder"
REMOVING_OLDER = PRUNE_JOB  # waited for at quit and at Close (closing.WAITED_FOR)
# Tasks that only look at a folder: Close stops them at once (one that does not answer is not
# waited for; their result is dropped).
LOOKS_ONLY = (CHECKING_FOLDER, READING_OLDER)
READING_SUMMARY = "Reading when the last verified backup was made…"


def backup_lines(folder: Path, this_vault: str | None) -> list[str]:
    """The list's lines for the backups in ``folder`` (read off the window's thread): one per
    backup, or why there is none; a folder gone meanwhile (a stick pulled out) is said so."""
    if not folder.is_dir():
        return ["No such folder."]
    lines = [backup.describe(this_vault) for backup in list_backups(folder)]
    if not folder.is_dir():
        return ["That folder is no longer there (a drive unplugged?)."]
    return lines or ["No MedLocal backup in that folder yet."]


@dataclass(frozen=True)
class _BeforeRestore:
    """What the "Restore over this vault?" question says, read on the worker that opened the
    backup: what the backup holds, what the vault holds now (None when locked), and whether
    the vault never held a record."""

    backup: Held
    vault: Held | None
    unused_vault: bool


def summary_text(summary: str) -> str:
    """The doctor's one-line backup summary, worded for this dialog: it told people to run a
    terminal command when the button for it is right below."""
    if summary.startswith("never verified"):
        return "No verified backup of this vault yet: choose a folder below and press Back up now."
    return summary[:1].upper() + summary[1:]


class BackupDialog(QDialog):
    """Emits ``restored(note)`` after a restore replaced the vault. (The window's lock screen
    hears how a restore ended from the workspace, not from this signal: it must also when the
    dialog was opened some other way.)"""

    restored = Signal(str)
    # It shows counts, folders and progress, never patient text, and a restore locks the vault
    # on purpose while it runs: the window leaves it open when the vault locks.
    survives_lock = True

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backup and restore")
        self.workspace = workspace
        # Filled off the window's thread: it reads backups.json and looks for the last verified
        # backup's folder, which may sit on a share that does not answer.
        self.summary = QLabel(READING_SUMMARY)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Last verified backup")
        self.summary_job: Job | None = None
        # Which summary is the latest: a read that lands after a newer one (a backup's, or a
        # later read) is dropped (review 51b R5: the slow first read, from a quiet share,
        # replaced the line a backup to a stick had just set).
        self._summary_gen = 0

        self.destination = QLineEdit(workspace.settings.backup_folder)
        self.destination.setAccessibleName("Backup folder")
        self.destination.setPlaceholderText("A USB drive or a trusted network share")
        choose = QPushButton("&Choose…")
        choose.setAccessibleName("Choose the backup folder")
        choose.clicked.connect(lambda: self._choose_folder(self.destination))
        self.keep = QSpinBox()
        self.keep.setRange(0, KEEP_MOST)
        self.keep.setSpecialValueText("all")
        self.keep.setAccessibleName("How many backups to keep in that folder")
        # Walk 49b D1: remembered (the backup_keep setting, which `vault backup` uses too).
        self.keep.setValue(min(workspace.settings.backup_keep, KEEP_MOST))
        # Walk 49b D1: what the folder holds (date, size, verified or unfinished, which vault),
        # read again when the folder is changed and after each backup.
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups in that folder")
        self.backups.setMaximumHeight(110)
        self.destination.editingFinished.connect(self.list_backups)
        self.backup_passphrase = _secret_field("Vault passphrase")
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setAccessibleName("Write and verify a backup now")
        self.backup_button.clicked.connect(self.start_backup)
        # Left 51: a drive too full for one more backup was told a --prune command; Keep newest
        # plus this button is the window's way (a new backup removes older ones only once it
        # is written, which a full drive does not allow).
        self.prune_button = QPushButton("Remove &older backups…")
        self.prune_button.setAccessibleName(
            "Remove this vault's older backups from that folder, asking how many newest to keep"
        )
        # What the last full-drive refusal advised keeping, and in which folder: the count the
        # Remove older backups question starts at there.
        self._room_keep: tuple[Path, int] | None = None
        self.prune_button.clicked.connect(self.start_prune)
        backup_box = QGroupBox("Back up this vault")
        backup_form = QFormLayout(backup_box)
        backup_form.addRow(
            _label("&Folder", self.destination), _folder_row(self.destination, choose)
        )
        backup_form.addRow("&Keep newest", self.keep)
        backup_form.addRow(_label("Backups &in it", self.backups), self.backups)
        backup_form.addRow("&Passphrase", self.backup_passphrase)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.prune_button)
        backup_row.addStretch(1)
        backup_form.addRow("", backup_row)
        # Each part's messages under its own button, beside the fields they are about: one
        # line at the foot of the dialog was read far below the field it named (walk 26).
        self.backup_message = ErrorLine("Backup message", self)
        backup_form.addRow("", self.backup_message)

        self.source = QLineEdit()
        self.source.setAccessibleName("Backup to verify or restore")
        self.source.setPlaceholderText("A backup folder (or a folder of backups: the newest)")
        choose_source = QPushButton("C&hoose…")
        choose_source.setAccessibleName("Choose the backup to verify or restore")
        choose_source.clicked.connect(lambda: self._choose_folder(self.source))
        self.source_passphrase = _secret_field("Passphrase the backup was made with")
        # The recovery key opens any backup of the vault (as --recovery-key-file does); the
        # restored vault then needs a new passphrase.
        self.use_recovery = QCheckBox("Use the &recovery key instead (the passphrase is lost)")
        self.use_recovery.setAccessibleName("Open the backup with the recovery key")
        self.use_recovery.toggled.connect(self._recovery_toggled)
        self.new_passphrase = _secret_field("New passphrase for the restored vault")
        self.new_passphrase.setEnabled(False)
        # Typed twice, as `vault restore` asks at a terminal: a typo would leave a vault that
        # no one can open but with the recovery key again.
        self.confirm_passphrase = _secret_field("Repeat the new passphrase")
        self.confirm_passphrase.setEnabled(False)
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setAccessibleName("Check the backup opens and is whole")
        self.verify_button.clicked.connect(self.start_verify)
        self.restore_button = QPushButton("&Restore over this vault…")
        self.restore_button.setAccessibleName("Replace this vault with the backup")
        self.restore_button.clicked.connect(self.start_restore)
        restore_box = QGroupBox("Verify or restore a backup")
        restore_form = QFormLayout(restore_box)
        restore_form.addRow(_label("B&ackup", self.source), _folder_row(self.source, choose_source))
        restore_form.addRow("", self.use_recovery)
        self.secret_label = _label(SECRET_LABELS[False], self.source_passphrase)
        restore_form.addRow(self.secret_label, self.source_passphrase)
        restore_form.addRow("&New passphrase", self.new_passphrase)
        restore_form.addRow("Repea&t it", self.confirm_passphrase)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.verify_button)
        buttons_row.addWidget(self.restore_button)
        restore_form.addRow("", buttons_row)
        self.restore_message = ErrorLine("Verify or restore message", self)
        restore_form.addRow("", self.restore_message)
        self._outcome = self.backup_message  # where the running task's failure is said
        self._held_before: Held | None = None  # what the vault held when a restore was asked
        self._outcome_task = ""  # the running (or last) task's job name
        self._closing_asked = False  # Close was answered "Stop and close": close once stopped

        self.task = TaskPanel("Backup", self)
        # No parent until the layout takes it: last in the Tab order, as on screen (walk 48a
        # D7: created with the dialog as parent, Close came first and had focus on opening).
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(backup_box)
        layout.addWidget(restore_box)
        layout.addWidget(self.task)
        layout.addStretch(1)  # a taller dialog grows below the task, not between the parts
        layout.addWidget(close)
        resize_on_screen(self, 640, 460)
        self._listing = 0  # which listing of the folder is the latest (older ones are dropped)
        self.listing_job: Job | None = None
        self.read_summary()
        self.list_backups()

    def read_summary(self) -> None:
        """The last verified backup's line, read on a worker ("Reading…" meanwhile)."""
        ws = self.workspace
        self._summary_gen += 1
        generation = self._summary_gen

        def read(_cancel: threading.Event) -> str:
            return summary_text(ws.backup_summary())

        def show(text: str) -> None:
            if generation != self._summary_gen:
                return  # a newer line was set meanwhile
            self.summary_job = None
            self.summary.setText(text)

        def failed(exc: BaseException) -> None:
            show(f"When the last backup was made could not be read: {error_text(exc, 'Reading')}")

        self.summary_job = run_owned(
            self, "backup summary", read, show, failed, pool=folder_looks()
        )

    def list_backups(self) -> None:
        """Fill the list with the backups in the chosen folder, oldest first. Read on a worker
        (left 49: a slow or large USB stick, or a share gone quiet, held the window while it was
        listed); "Reading…" meanwhile, and only the last folder chosen is shown."""
        self.backups.clear()
        text = self.destination.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is None or not folder.is_absolute():
            self.backups.addItem("No folder chosen yet." if folder is None else "No such folder.")
            return
        self._listing += 1
        listing = self._listing
        self.backups.addItem("Reading the folder…")
        vault = self.workspace.vault
        this = vault.vault_id if vault is not None and not vault.is_locked else None

        def read(_cancel: threading.Event) -> list[str]:
            return backup_lines(folder, this)

        def show(lines: list[str]) -> None:
            if listing == self._listing:
                self.listing_job = None
                self.backups.clear()
                self.backups.addItems(lines)

        def failed(exc: BaseException) -> None:
            show([f"The folder could not be read: {error_text(exc, 'Reading the folder')}"])

        self.listing_job = run_owned(self, "backup list", read, show, failed, pool=folder_looks())

    def _choose_folder(self, edit: QLineEdit) -> None:
        chosen = files.existing_folder(self, "Choose a folder")
        if chosen:
            edit.setText(chosen)

    def _start(
        self, name: str, task: Task[T], on_done: Callable[[T], None], outcome: ErrorLine
    ) -> Job:
        """Start ``task`` in the panel, its buttons off; its failure is said in ``outcome``.
        A task that only looks at a folder runs where a silent share holds no other work."""
        self._busy(True, outcome)
        self._outcome_task = name
        pool = folder_looks() if name in LOOKS_ONLY else None
        return self.task.start(name, task, on_done, self._failed, pool=pool)

    def _busy(self, on: bool, outcome: ErrorLine | None = None) -> None:
        """Buttons off while a task runs; its failure is said in ``outcome`` (its part's)."""
        buttons = (self.backup_button, self.prune_button, self.verify_button, self.restore_button)
        for button in buttons:
            button.setEnabled(not on)
        if outcome is not None:
            self._clear_messages()
            self._outcome = outcome

    def _clear_messages(self) -> None:
        self.backup_message.clear_message()
        self.restore_message.clear_message()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        stopped_restore = isinstance(exc, GenerationCancelled) and self._outcome_task in (
            RESTORE_JOB,
            CHECKING_BACKUP,
        )
        if stopped_restore:
            locked = self.workspace.vault is None or self.workspace.vault.is_locked
            unlock = " Unlock it as before." if locked else ""
            self._outcome.show_note(f"{RESTORE_STOPPED}{unlock}")
        elif isinstance(exc, GenerationCancelled) and self._outcome_task in LOOKS_ONLY:
            self._outcome.show_note("Stopped while the folder was read: nothing was changed.")
        elif isinstance(exc, NoRoomError):  # the window's own way to make room, no command
            advice = exc.advice
            if advice is not None and advice.keep is not None:
                self._room_keep = (advice.folder, advice.keep)
            self._outcome.show_error(make_room(exc.plain, advice, self.keep.value()))
        else:
            self._outcome.show_error(error_text(exc, "The backup task"))
        self._close_if_asked()

    # -- closing while a task runs (walk 50a D3: Close left a backup running unseen, and the
    # dialog opened again started a second one beside it) ---------------------------------------

    def reject(self) -> None:
        """Close, Esc or the title bar's × while a task runs asks first: Keep working (the
        default), or stop it and close once it has stopped."""
        job = self.task.job
        if job is not None and job.running and job.name in LOOKS_ONLY:
            job.cancel()  # nothing written yet; a folder that does not answer is not waited for
        if job is None or not job.running or job.name in LOOKS_ONLY:
            super().reject()
            return
        if self._closing_asked:
            return  # stopping already: it closes when the task has ended
        said, after = WAITED_FOR.get(job.name, ("A task is still running.", ""))
        stop = safe_default_question(
            self,
            "Stop and close?",
            f"{said} Stop it and close?",
            ("Stop and close", QMessageBox.ButtonRole.DestructiveRole),
            "Keep working",
            informative=after,
        )
        if stop and job.running:
            self._closing_asked = True
            self.task.cancel()

    def _close_if_asked(self) -> None:
        if self._closing_asked:
            self._closing_asked = False
            super().reject()

    def _missing(self, field: QWidget, message: ErrorLine, text: str) -> None:
        """Something to type first: said under its part, with the cursor in the field."""
        self._clear_messages()
        message.show_error(text)
        field.setFocus()

    # -- backup ------------------------------------------------------------------------------

    def start_backup(self) -> Any:
        passphrase = self.backup_passphrase.text()
        if not passphrase:
            self._missing(
                self.backup_passphrase,
                self.backup_message,
                "Type the vault passphrase: the backup is locked with it.",
            )
            return None
        folder = self.destination.text().strip()
        ws = self.workspace

        def check(_progress: ProgressCallback, cancel: threading.Event) -> NewFolder | None:
            create = folder_to_create(ws.backup_target(folder or None))
            if cancel.is_set():  # Cancel or Close while the folder was looked at
                raise GenerationCancelled()
            return create

        def checked(create: NewFolder | None) -> None:
            self._busy(False)
            if not checking.cancel_event.is_set():  # not stopped, nor the dialog closed
                self._back_up(passphrase, folder, create)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, MedLocalError) and not isinstance(exc, GenerationCancelled):
                # A relative path, a file, a read-only folder, an unplugged drive: said before
                # anything runs, the passphrase kept (nothing was tried with it).
                self._busy(False)
                self._missing(self.destination, self.backup_message, str(exc))
                return
            self._failed(exc)

        # The folder is looked at on a worker (it may be a share that does not answer), in the
        # task panel: Cancel and Close work meanwhile, and the buttons wait for it.
        self._busy(True, self.backup_message)
        self._outcome_task = CHECKING_FOLDER
        checking = self.task.start(CHECKING_FOLDER, check, checked, refused, pool=folder_looks())
        return checking

    def _back_up(self, passphrase: str, folder: str, create: NewFolder | None) -> Job | None:
        """The folder was checked: ask to create it if missing, then write the backup."""
        if create is not None and not self._agree_to_create(create):
            return None
        self.backup_passphrase.clear()
        ws, keep = self.workspace, self.keep.value()

        def task(progress: ProgressCallback, cancel: threading.Event) -> Any:
            result = ws.backup(
                passphrase,
                folder or None,
                keep=keep or None,
                create_folder=create is not None,
                create_parents=create is not None,  # agreed to with the full path
                progress=progress,
                cancel=cancel,
            )
            # What the folder now holds, read here too: never on the window's thread.
            held = folder_summary(
                result.path.parent,
                result.header.vault_id,
                keep or None,
                ws.vault_folder,
                keep_fewer=KEEP_FEWER,
            )
            # The summary's new line too: it reads backups.json and the backup's folder.
            return result, held, summary_text(ws.backup_summary())

        return self._start(BACKUP_JOB, task, self._backed_up, self.backup_message)

    def _agree_to_create(self, new: NewFolder) -> bool:
        if confirm(self, "Create the backup folder?", new.question()):
            return True
        self._clear_messages()
        self.backup_message.show_note(
            f"No backup was written: {shown_path(new.folder)} does not exist. Choose an existing "
            "folder, or press Back up now again to create it."
        )
        self.destination.setFocus()
        return False

    def _backed_up(self, done: tuple[Any, str, str]) -> None:
        result, held, summary = done
        self._busy(False)
        self._summary_gen += 1  # a read still under way is older than this
        self.summary_job = None
        self.summary.setText(summary)
        created = (
            f"Created the folder {shown_path(result.path.parent)}. "
            if result.created_folder
            else ""
        )
        removed = f" Removed {len(result.removed)} older backup(s)." if result.removed else ""
        written = f"Backup written and verified: {shown_path(result.path)}."
        keep = self.keep.value()
        remembered = self._remember(result.path, keep)
        # Left 49: a removal of older backups that failed is said beside the good backup.
        warning = f"\n\nWarning: {result.prune_warning}" if result.prune_warning else ""
        self.backup_message.show_note(f"{created}{written}{removed} {held}{remembered}{warning}")
        self.list_backups()
        self._close_if_asked()

    def _remember(self, backup: Path, keep: int) -> str:
        """The folder a backup went to becomes the backup folder setting, so the next backup
        (and `medlocal vault backup`) goes there without choosing it again (walk 29: it was
        forgotten between sessions), and Keep newest the backup_keep setting (walk 49b D1).
        What to add to the message when they could not be saved."""
        changed: dict[str, Any] = {}
        if str(backup.parent) != self.workspace.settings.backup_folder:
            changed["backup_folder"] = str(backup.parent)
        if keep != self.workspace.settings.backup_keep:
            changed["backup_keep"] = keep
        if not changed:
            return ""
        try:
            self.workspace.update_settings(**changed)
        except (MedLocalError, OSError) as err:
            return (
                " (The folder and Keep newest could not be remembered: "
                f"{error_text(err, 'Saving settings')}.)"
            )
        return ""

    # -- removing older backups (a drive too full for one more) -----------------------------

    def start_prune(self) -> Job | None:
        """Remove this vault's older backups from the chosen folder: asked how many of the
        newest to keep (review 51b R2: it took Keep newest's count, so the backup the full-drive
        advice then told to make ran with it too, removed one more than the advice said, and
        remembered it for every later backup), the folder read on a worker, the person asked
        which go, then removed (one audit entry), as ``vault backup --prune N`` does. Keep
        newest and its setting are left as they are."""
        ws = self.workspace
        try:
            vault_id = ws.require_vault().vault_id
            folder = ws.backup_target(self.destination.text().strip() or None)
        except MedLocalError as err:
            self._missing(self.destination, self.backup_message, str(err))
            return None
        keep = self._ask_keep(folder)
        if keep is None:
            return None

        def read(_progress: ProgressCallback, cancel: threading.Event) -> PrunePlan:
            plan = plan_prune(folder, vault_id, keep)
            if cancel.is_set():
                raise GenerationCancelled()
            return plan

        def ask(plan: PrunePlan) -> None:
            self._busy(False)
            if reading.cancel_event.is_set():
                return
            if not plan.doomed:
                self.backup_message.show_note(
                    f"Nothing to remove: {shown_path(folder)} holds no backup of this vault "
                    f"older than the newest {keep}."
                )
                return
            if confirm(self, "Remove older backups?", plan.question()):
                self._remove_older(plan)

        reading = self._start(READING_OLDER, read, ask, self.backup_message)
        return reading

    def _ask_keep(self, folder: Path) -> int | None:
        """How many of this vault's newest backups in ``folder`` to keep (None: not given).
        It starts at what the last full-drive refusal there advised, else at Keep newest."""
        advised = self._room_keep
        if advised is not None and advised[0] == folder:
            start = advised[1]
        else:
            start = max(self.keep.value(), 1)
        count, given = QInputDialog.getInt(
            self,
            REMOVE_OLDER,
            "Keep how many of this vault's newest backups in that folder? The older ones are "
            "removed (you are asked before any is). Keep newest above is not changed.",
            start,
            1,  # the newest is never removed
            KEEP_MOST,
        )
        return count if given else None

    def _remove_older(self, plan: PrunePlan) -> Job:
        ws = self.workspace

        def remove(_progress: ProgressCallback, cancel: threading.Event) -> Any:
            return prune(ws.require_vault(), plan, cancel)

        def removed(pruned: Any) -> None:
            self._busy(False)
            if pruned.stopped and not pruned.removed:
                self.backup_message.show_note("Stopped before any backup was removed.")
                self._close_if_asked()
                return
            stopped = (
                f"Stopped: {len(plan.doomed) - len(pruned.removed)} of them not removed. "
                if pruned.stopped
                else ""
            )
            said = (
                f"{stopped}Removed {len(pruned.removed)} older backup(s) of this vault from "
                f"{shown_path(plan.folder)}; {pruned.kept} of it kept there."
            )
            if pruned.failure or pruned.audit_failure:
                self.backup_message.show_error(f"{said} {pruned.warning()}")
            else:
                self.backup_message.show_note(said)
            self.list_backups()
            self._close_if_asked()

        return self._start(REMOVING_OLDER, remove, removed, self.backup_message)

    # -- verify and restore ------------------------------------------------------------------

    def _recovery_toggled(self, on: bool) -> None:
        name = "Recovery key" if on else "Passphrase the backup was made with"
        self.secret_label.setText(SECRET_LABELS[on])
        self.source_passphrase.setPlaceholderText(name)
        self.source_passphrase.setAccessibleName(name)
        self.new_passphrase.setEnabled(on)
        self.confirm_passphrase.setEnabled(on)

    def _source(self) -> tuple[Path, str | None, str | None] | None:
        """The chosen backup and what opens it: its passphrase, or the recovery key."""
        if self._source_missing():
            return None
        path, secret = self._source_path(), self.source_passphrase.text()
        if path is None:
            return None
        recovery = self.use_recovery.isChecked()
        self.source_passphrase.clear()
        return (path, None, secret) if recovery else (path, secret, None)

    def _source_path(self) -> Path | None:
        """The chosen backup's full path; None, said under the restore part with what was typed
        kept, for a relative one (checked before the restore question: a refusal after the
        person agreed reads as a change of mind, walk 27)."""
        try:
            return full_path(self.source.text().strip(), "The backup to verify or restore")
        except UserInputError as err:
            self._missing(self.source, self.restore_message, str(err))
            return None

    def _source_missing(self) -> bool:
        """The backup or what opens it is not typed yet: said under the restore part."""
        source, secret = self.source.text().strip(), self.source_passphrase.text()
        if source and secret:
            return False
        recovery = self.use_recovery.isChecked()
        what = "the recovery key" if recovery else "the passphrase it was made with"
        field = self.source_passphrase if source else self.source
        self._missing(field, self.restore_message, f"Choose the backup and type {what}.")
        return True

    def _new_passphrase_accepted(self, fresh: str, repeated: str) -> bool:
        """The rules `vault restore` applies to the restored vault's new passphrase, the match
        included. Checked before the recovery key is read (and cleared), so a refused
        passphrase does not make the person type the long key again."""
        try:
            check_new_passphrase(fresh, repeated)
        except UserInputError as err:
            self.new_passphrase.clear()
            self.confirm_passphrase.clear()
            self._missing(
                self.new_passphrase,
                self.restore_message,
                f"New passphrase for the restored vault: {err} Type it again in both fields.",
            )
            return False
        return True

    def start_verify(self) -> Any:
        chosen = self._source()
        if chosen is None:
            return None
        path, passphrase, recovery_key = chosen

        def task(progress: ProgressCallback, cancel: threading.Event) -> Any:
            from medlocal.app.backups import verify_backups

            # Every backup in a folder, as `vault backup --verify` does, each named.
            return verify_backups(
                path,
                passphrase=passphrase,
                recovery_key=recovery_key,
                progress=progress,
                cancel=cancel,
            )

        return self._start(VERIFY_JOB, task, self._verified, self.restore_message)

    def _verified(self, checks: Any) -> None:
        self._busy(False)
        lines = "\n".join(check.describe() for check in checks)
        failed = sum(not check.ok for check in checks)
        if failed:
            self.restore_message.show_error(f"{failed} of {len(checks)} backups failed:\n{lines}")
        elif len(checks) == 1:
            self.restore_message.show_note(f"The backup is whole:\n{lines}")
        else:
            self.restore_message.show_note(f"All {len(checks)} backups are whole:\n{lines}")
        self._close_if_asked()

    def start_restore(self) -> Any:
        # Everything typed is checked before the "Restore over this vault?" question, the
        # backup's passphrase too (walk 50a D5), on a worker: a refusal after the user agreed
        # to replace the vault reads as a change of mind (walk 27).
        recovering = self.use_recovery.isChecked()
        fresh = self.new_passphrase.text() if recovering else ""
        repeated = self.confirm_passphrase.text() if recovering else ""
        if recovering and not self._new_passphrase_accepted(fresh, repeated):
            return None
        if self._source_missing():
            return None
        path = self._source_path()
        if path is None:
            return None
        secret = self.source_passphrase.text()
        passphrase, recovery_key = (None, secret) if recovering else (secret, None)

        ws = self.workspace

        def opens(_progress: ProgressCallback, _cancel: threading.Event) -> _BeforeRestore:
            # What the question counts is read here too, off the window's thread: the backup
            # (on a stick or a share) and this vault's records.
            vault = ws.vault
            return _BeforeRestore(
                opened_backup_holds(path, passphrase, recovery_key),
                held_now(vault) if vault is not None and not vault.is_locked else None,
                empty_vault_id(vault) is not None,
            )

        def ask(before: _BeforeRestore) -> None:
            self._busy(False)
            self._ask_then_restore(path, passphrase, recovery_key, fresh, before)

        return self._start(CHECKING_BACKUP, opens, ask, self.restore_message)

    def _ask_then_restore(
        self,
        path: Path,
        passphrase: str | None,
        recovery_key: str | None,
        fresh: str,
        before: _BeforeRestore,
    ) -> Any:
        """The backup opens with what was typed: ask, then restore."""
        unlock = (
            "the new passphrase typed here"
            if fresh
            else "the passphrase the vault had when the backup was made, not one set since then"
        )
        # Review 43, D1: say exactly what goes when it is a vault that never held a record
        # (the one kind another vault's backup may replace).
        replaced = (
            f"The vault on this computer (it {UNUSED_VAULT_WORDS}) will be replaced, with its "
            "audit trail, by the backup."
            if before.unused_vault
            else "The vault on this computer will be replaced by the backup."
        )
        # Walk 49b D7: what the vault holds now, so that the loss is counted, not guessed.
        self._held_before = before.vault
        if not confirm(
            self,
            "Restore over this vault?",
            f"{replaced} {loss_note(self._held_before, before.backup)} It is kept aside until "
            "the restored copy has been verified. Once the backup is found to open, the window "
            f"locks; afterwards unlock with {unlock}. Continue?",
        ):
            return None  # what was typed stays, to restore after all
        for field in (self.new_passphrase, self.confirm_passphrase, self.source_passphrase):
            field.clear()
        ws = self.workspace

        def task(progress: ProgressCallback, cancel: threading.Event) -> Any:
            # Workspace.restore checks the backup opens before it locks this vault.
            return ws.restore(
                path,
                passphrase,
                recovery_key=recovery_key,
                new_passphrase=fresh or None,
                replace=True,
                progress=progress,
                cancel=cancel,
            )

        job = self._start(RESTORE_JOB, task, self._restored, self.restore_message)
        job.survives_lock = True  # it locks the vault itself before it starts
        return job

    def _restored(self, result: Any) -> None:
        self._busy(False)
        before = self._held_before
        held = (
            f"The vault held {before.words()}; the restored vault holds "
            f"{held_in(result.counts).words()}. "
            if before is not None
            else ""
        )
        self.restore_message.show_note(
            f"Restored {result.counts['documents']} documents from "
            f"{shown_name(result.backup.name)}. {held}"
            f"{result.outcome_note()}"
        )
        self.restored.emit(result.outcome_note())
        self._close_if_asked()
