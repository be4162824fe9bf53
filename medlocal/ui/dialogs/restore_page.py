"""The Backup dialog's second part, "Verify or restore a backup": the backup, what opens it
(its passphrase, or the recovery key and a new passphrase typed twice), Verify, and Restore
over this vault: everything typed is checked, and the backup opened and counted on a worker,
before the question that names what is lost; then the restore runs in the task panel."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton

from medlocal.app.backups import (
    UNUSED_VAULT_WORDS,
    Held,
    empty_vault_id,
    full_path,
    held_in,
    held_now,
    loss_note,
    opened_backup_holds,
)
from medlocal.app.passphrase import check_new_passphrase
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.progress import ProgressCallback
from medlocal.ui.closing import RESTORE_JOB, VERIFY_JOB
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.backup_tasks import (
    CHECKING_BACKUP,
    BackupTasks,
    folder_row,
    row_label,
    secret_field,
)
from medlocal.ui.dialogs.common import ErrorLine
from medlocal.ui.file_drags import take_dropped_path
from medlocal.wording import counted

# The restore form's secret: the backup's passphrase, or its recovery key (the box ticked).
SECRET_LABELS = {False: "Pa&ssphrase", True: "Recovery ke&y"}


@dataclass(frozen=True)
class _BeforeRestore:
    """What the "Restore over this vault?" question says, read on the worker that opened the
    backup: what the backup holds, what the vault holds now (None when locked), and whether
    the vault never held a record."""

    backup: Held
    vault: Held | None
    unused_vault: bool
    # The vault unlocks from this computer's keychain: the restore keeps that (walk 52b M1).
    remembered: bool = False


class RestorePage(BackupTasks):
    """The "Verify or restore a backup" part (see the module's text). Emits ``restored(note)``
    after a restore replaced the vault."""

    restored = Signal(str)

    def _restore_box(self) -> QGroupBox:
        self.source = QLineEdit()
        self.source.setAccessibleName("Backup to verify or restore")
        take_dropped_path(self.source)  # a backup folder dropped here is named (left54)
        self.source.setPlaceholderText("A backup folder (or a folder of backups: the newest)")
        choose_source = QPushButton("C&hoose…")
        choose_source.setAccessibleName("Choose the backup to verify or restore")
        choose_source.clicked.connect(lambda: self._choose_folder(self.source))
        self.source_passphrase = secret_field("Passphrase the backup was made with")
        # The recovery key opens any backup of the vault (as --recovery-key-file does); the
        # restored vault then needs a new passphrase.
        self.use_recovery = QCheckBox("Use the &recovery key instead (the passphrase is lost)")
        self.use_recovery.setAccessibleName("Open the backup with the recovery key")
        self.use_recovery.toggled.connect(self._recovery_toggled)
        self.new_passphrase = secret_field("New passphrase for the restored vault")
        self.new_passphrase.setEnabled(False)
        # Typed twice, as `vault restore` asks at a terminal: a typo would leave a vault that
        # no one can open but with the recovery key again.
        self.confirm_passphrase = secret_field("Repeat the new passphrase")
        self.confirm_passphrase.setEnabled(False)
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setAccessibleName("Check the backup opens and is whole")
        self.verify_button.clicked.connect(self.start_verify)
        self.restore_button = QPushButton("&Restore over this vault…")
        self.restore_button.setAccessibleName("Replace this vault with the backup")
        self.restore_button.clicked.connect(self.start_restore)
        restore_box = QGroupBox("Verify or restore a backup")
        restore_form = QFormLayout(restore_box)
        restore_form.addRow(
            row_label("B&ackup", self.source), folder_row(self.source, choose_source)
        )
        restore_form.addRow("", self.use_recovery)
        self.secret_label = row_label(SECRET_LABELS[False], self.source_passphrase)
        restore_form.addRow(self.secret_label, self.source_passphrase)
        restore_form.addRow("&New passphrase", self.new_passphrase)
        restore_form.addRow("Repea&t it", self.confirm_passphrase)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.verify_button)
        buttons_row.addWidget(self.restore_button)
        restore_form.addRow("", buttons_row)
        self.restore_message = ErrorLine("Verify or restore message", self)
        restore_form.addRow("", self.restore_message)
        self._held_before: Held | None = None  # what the vault held when a restore was asked
        return restore_box

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
                ws.vault_remembered(),
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
        # Walk 52b M1: a remembered vault stays remembered (the restore re-wraps its key).
        remembered = (
            " It stays remembered on this computer: MedLocal unlocks it from the OS keychain "
            "at start, as now."
            if before.remembered and not before.unused_vault
            else ""
        )
        # Walk 49b D7: what the vault holds now, so that the loss is counted, not guessed.
        self._held_before = before.vault
        if not confirm(
            self,
            "Restore over this vault?",
            f"{replaced} {loss_note(self._held_before, before.backup)} It is kept aside until "
            "the restored copy has been verified. Once the backup is found to open, the window "
            f"locks; afterwards unlock with {unlock}.{remembered} Continue?",
            "Restore",
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
            f"Restored {counted(result.counts['documents'], 'document')} from "
            f"{shown_name(result.backup.name)}. {held}"
            f"{result.outcome_note()}"
        )
        self.restored.emit(result.outcome_note())
        self._close_if_asked()
