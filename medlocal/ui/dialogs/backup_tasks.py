"""The Backup dialog's task glue: one task at a time runs in its panel (off the window's
thread, with progress and Cancel), every button waits for it, and its failure is said under
the part that started it; Close while a task runs asks first. Also the small form pieces both
parts of the dialog use. (Split out of backup_dialog.py, session 52: the parts themselves are
backup_page, backup_prune and restore_page.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.errors import GenerationCancelled
from medlocal.ui import files
from medlocal.ui.backup_advice import make_room
from medlocal.ui.closing import PRUNE_JOB, RESTORE_JOB, WAITED_FOR
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import ErrorLine, Task, TaskPanel, error_text
from medlocal.ui.workers import Job, folder_looks
from medlocal.vault.backup_files import NoRoomError

T = TypeVar("T")

KEEP_MOST = 9999  # Keep newest's box; the setting itself may hold more (it opens at this)

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


def secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setPlaceholderText(name)
    return field


def row_label(text: str, buddy: QWidget) -> QLabel:
    """A row label with an Alt+letter for a row that holds a layout (which gets no buddy)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def folder_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class BackupTasks(QDialog):
    """The task glue the dialog's parts share (see the module's text). The parts set the
    widgets declared here when they build their boxes."""

    workspace: Workspace
    task: TaskPanel
    keep: QSpinBox
    destination: QLineEdit
    backup_button: QPushButton
    prune_button: QPushButton
    verify_button: QPushButton
    restore_button: QPushButton
    backup_message: ErrorLine
    restore_message: ErrorLine
    _outcome: ErrorLine  # where the running task's failure is said
    # What the last full-drive refusal advised keeping, and in which folder: the count the
    # Remove older backups question starts at there.
    _room_keep: tuple[Path, int] | None = None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._outcome_task = ""  # the running (or last) task's job name
        self._closing_asked = False  # Close was answered "Stop and close": close once stopped

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
        stop = confirm(
            self,
            "Stop and close?",
            f"{said} Stop it and close?",
            "Stop and close",
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
