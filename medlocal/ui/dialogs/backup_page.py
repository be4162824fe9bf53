"""The Backup dialog's first part, "Back up this vault": the folder (and what it holds, read
off the window's thread), Keep newest, the passphrase and Back up now: the folder is checked
on a worker, its creation asked for, then the backup written and verified, and the folder and
Keep newest remembered in the settings."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
)

from medlocal.app import Workspace
from medlocal.app.backups import NewFolder, folder_summary, folder_to_create, list_backups
from medlocal.errors import GenerationCancelled, MedLocalError
from medlocal.fsutil import shown_path
from medlocal.progress import ProgressCallback
from medlocal.ui.backup_advice import KEEP_FEWER
from medlocal.ui.closing import BACKUP_JOB
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.backup_tasks import (
    CHECKING_FOLDER,
    KEEP_MOST,
    BackupTasks,
    folder_row,
    row_label,
    secret_field,
)
from medlocal.ui.dialogs.common import ErrorLine, error_text, run_owned
from medlocal.ui.file_drags import take_dropped_path
from medlocal.ui.workers import Job, folder_looks


def backup_lines(folder: Path, this_vault: str | None) -> list[str]:
    """The list's lines for the backups in ``folder`` (read off the window's thread): one per
    backup, or why there is none; a folder gone meanwhile (a stick pulled out) is said so."""
    if not folder.is_dir():
        return ["No such folder."]
    lines = [backup.describe(this_vault) for backup in list_backups(folder)]
    if not folder.is_dir():
        return ["That folder is no longer there (a drive unplugged?)."]
    return lines or ["No MedLocal backup in that folder yet."]


def summary_text(summary: str) -> str:
    """The doctor's one-line backup summary, worded for this dialog: it told people to run a
    terminal command when the button for it is right below."""
    if summary.startswith("never verified"):
        return "No verified backup of this vault yet: choose a folder below and press Back up now."
    return summary[:1].upper() + summary[1:]


def remember_choices(ws: Workspace, backup: Path, keep: int) -> str:
    """The folder a backup went to becomes the backup folder setting, so the next backup
    (and `medlocal vault backup`) goes there without choosing it again (walk 29: it was
    forgotten between sessions), and Keep newest the backup_keep setting (walk 49b D1).
    What to add to the message when they could not be saved. Called on the backup's
    worker: the settings file may be slow to write."""
    changed: dict[str, Any] = {}
    if str(backup.parent) != ws.settings.backup_folder:
        changed["backup_folder"] = str(backup.parent)
    if keep != ws.settings.backup_keep:
        changed["backup_keep"] = keep
    if not changed:
        return ""
    try:
        ws.update_settings(**changed)
    except (MedLocalError, OSError) as err:
        return (
            " (The folder and Keep newest could not be remembered: "
            f"{error_text(err, 'Saving settings')}.)"
        )
    return ""


class BackupPage(BackupTasks):
    """The "Back up this vault" part (see the module's text)."""

    summary: QLabel
    summary_job: Job | None
    _summary_gen: int

    def _backup_box(self, prune_button: QPushButton) -> QGroupBox:
        """The part's box; ``prune_button`` (Remove older backups, backup_prune) sits beside
        Back up now."""
        workspace = self.workspace
        self.destination = QLineEdit(workspace.settings.backup_folder)
        self.destination.setAccessibleName("Backup folder")
        take_dropped_path(self.destination)  # a folder dropped here is named (left54)
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
        self.backup_passphrase = secret_field("Vault passphrase")
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setAccessibleName("Write and verify a backup now")
        self.backup_button.clicked.connect(self.start_backup)
        self.prune_button = prune_button
        backup_box = QGroupBox("Back up this vault")
        backup_form = QFormLayout(backup_box)
        backup_form.addRow(
            row_label("&Folder", self.destination), folder_row(self.destination, choose)
        )
        backup_form.addRow("&Keep newest", self.keep)
        backup_form.addRow(row_label("Backups &in it", self.backups), self.backups)
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
        self._listing = 0  # which listing of the folder is the latest (older ones are dropped)
        self.listing_job: Job | None = None
        return backup_box

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
            # The summary's new line too: it reads backups.json and the backup's folder. And
            # the folder and Keep newest are saved here, not on the window's thread (left 52:
            # the settings file on a slow stick held the window after each backup).
            summary = summary_text(ws.backup_summary())
            return result, held, summary, remember_choices(ws, result.path, keep)

        return self._start(BACKUP_JOB, task, self._backed_up, self.backup_message)

    def _agree_to_create(self, new: NewFolder) -> bool:
        if confirm(self, "Create the backup folder?", new.question(), "Create the folder"):
            return True
        self._clear_messages()
        self.backup_message.show_note(
            f"No backup was written: {shown_path(new.folder)} does not exist. Choose an existing "
            "folder, or press Back up now again to create it."
        )
        self.destination.setFocus()
        return False

    def _backed_up(self, done: tuple[Any, str, str, str]) -> None:
        result, held, summary, remembered = done
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
        # Left 49: a removal of older backups that failed is said beside the good backup.
        warning = f"\n\nWarning: {result.prune_warning}" if result.prune_warning else ""
        self.backup_message.show_note(f"{created}{written}{removed} {held}{remembered}{warning}")
        self.list_backups()
        self._close_if_asked()
