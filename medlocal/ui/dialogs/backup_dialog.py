"""Backup and restore: write an encrypted, verified backup of the vault to a USB drive or a
trusted share; re-check a backup; restore one over this vault. Every step runs off the GUI
thread with progress and Cancel, and so does every look at a backup folder: the last verified
backup's (in the summary), the chosen one's listing, and its check before a backup (left 51: a
share gone quiet or a stick pulled out held the window while the dialog opened, and again when
Back up now was pressed).

The dialog is put together from its parts (session 52: one module each): backup_page (Back up
this vault), backup_prune (Remove older backups), restore_page (Verify or restore a backup) and
backup_tasks (the task panel's glue: one task at a time, its failure said under its part, Close
while it runs). This module holds the last verified backup's line and the layout."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_page import backup_lines, summary_text
from medlocal.ui.dialogs.backup_prune import PruneAction
from medlocal.ui.dialogs.backup_tasks import (
    CHECKING_BACKUP,
    CHECKING_FOLDER,
    KEEP_MOST,
    LOOKS_ONLY,
    READING_OLDER,
    REMOVING_OLDER,
    RESTORE_STOPPED,
)
from medlocal.ui.dialogs.common import TaskPanel, error_text, resize_on_screen, run_owned
from medlocal.ui.dialogs.restore_page import SECRET_LABELS, RestorePage
from medlocal.ui.workers import Job, folder_looks

__all__ = [
    "CHECKING_BACKUP",
    "CHECKING_FOLDER",
    "KEEP_MOST",
    "LOOKS_ONLY",
    "READING_OLDER",
    "READING_SUMMARY",
    "REMOVING_OLDER",
    "RESTORE_STOPPED",
    "SECRET_LABELS",
    "BackupDialog",
    "backup_lines",
    "summary_text",
]

READING_SUMMARY = "Reading when the last verified backup was made…"


class BackupDialog(PruneAction, RestorePage):
    """Emits ``restored(note)`` after a restore replaced the vault. (The window's lock screen
    hears how a restore ended from the workspace, not from this signal: it must also when the
    dialog was opened some other way.)"""

    # It shows counts, folders and progress, never patient text, and a restore locks the vault
    # on purpose while it runs: the window leaves it open when the vault locks.
    survives_lock = True

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setWindowTitle("Backup and restore")
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

        backup_box = self._backup_box(self._prune_button())
        restore_box = self._restore_box()
        self._outcome = self.backup_message  # where the running task's failure is said

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
