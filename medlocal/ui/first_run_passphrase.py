"""The first-run wizard's first page: a passphrase for a new vault, or a backup to restore the
vault from (a second computer of the clinic, walk 43 D1).

Creating the vault (Argon2id) and restoring it run on a worker (:func:`run_task`), the page
waiting for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from medlocal.app import Workspace
from medlocal.app.passphrase import check_new_passphrase
from medlocal.errors import MedLocalError
from medlocal.fsutil import shown_name
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.file_drags import take_dropped_path
from medlocal.ui.files import existing_folder
from medlocal.ui.fitting_label import FittingLabel
from medlocal.ui.strength_meter import StrengthMeter
from medlocal.ui.workers import run_task
from medlocal.wording import counted

if TYPE_CHECKING:
    from medlocal.ui.first_run_model import ModelPage

UNFINISHED_EARLIER = (
    "An earlier creation of the vault stopped before its recovery key was confirmed. That "
    "vault holds nothing: create it again below, with a new recovery key (or restore a backup)."
)
CREATING_AGAIN = (
    "The vault is still being created with the passphrase you entered; the next page follows "
    "in a moment."
)


class PassphrasePage(QWizardPage):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setTitle("Protect your patients' records")
        # The wizard's header shows two lines of subtitle at most (walk 48a D3: at 18 pt the
        # advice was cut off): the rest goes in the page, as on the model page.
        self.setSubTitle(
            "MedLocal keeps every document, chat and summary in an encrypted vault on this "
            "computer."
        )
        # Keeps both its lines when the page is short for the font (walk 48a D3).
        self.advice = FittingLabel(
            "Choose a passphrase of several unrelated words; weak ones are refused."
        )
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("New vault passphrase")
        self.secret.setPlaceholderText("Passphrase")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Repeat the passphrase")
        self.confirm.setPlaceholderText("Repeat the passphrase")
        self.meter = StrengthMeter()
        self.error = ToneLabel("", Tone.ERROR)
        self.error.setWordWrap(True)
        # Walk 47a D1: a creation killed before its recovery key was shown is started again.
        self.earlier = QLabel(UNFINISHED_EARLIER if workspace.vault_unfinished() else "")
        self.earlier.setWordWrap(True)
        self.earlier.setVisible(bool(self.earlier.text()))
        self.create_new = QRadioButton("Create a new vault")
        self.from_backup = QRadioButton(
            "Restore from a backup (this clinic's, made on another computer)"
        )
        self.mode = QButtonGroup(self)
        for button in (self.create_new, self.from_backup):
            button.setAccessibleName(button.text())
            self.mode.addButton(button)
        self.create_new.setChecked(True)
        self.backup = QLineEdit()
        self.backup.setAccessibleName("Backup folder")
        take_dropped_path(self.backup)  # a backup folder dropped here is named (left54)
        self.backup.setPlaceholderText("Backup folder (on the USB stick or share)")
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName("Choose the backup folder")
        self.choose.clicked.connect(self._choose_backup)
        self.backup_passphrase = QLineEdit()
        self.backup_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.backup_passphrase.setAccessibleName("The backup's passphrase")
        self.backup_passphrase.setPlaceholderText("The passphrase the backup was made with")
        self.restore_part = QWidget()
        restore_layout = QVBoxLayout(self.restore_part)
        restore_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.backup)
        row.addWidget(self.choose)
        restore_layout.addLayout(row)
        restore_layout.addWidget(self.backup_passphrase)
        self.new_part = QWidget()
        new_layout = QVBoxLayout(self.new_part)
        new_layout.setContentsMargins(0, 0, 0, 0)
        for field in (self.advice, self.secret, self.confirm, self.meter):
            new_layout.addWidget(field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.earlier)
        for part in (self.create_new, self.from_backup, self.new_part, self.restore_part):
            layout.addWidget(part)
        layout.addWidget(self.error)
        self.from_backup.toggled.connect(self._mode_changed)
        self.backup.textChanged.connect(self._edited)
        self.backup_passphrase.textChanged.connect(self._edited)
        self.restored = False  # the vault came from a backup: no recovery key page
        self.secret.textChanged.connect(self.meter.show_for)
        # A refusal is about what was typed: once either field changes it is stale (walk 29:
        # "Strength: strong" above "This is one of the most common passwords", and "do not
        # match" under two fields that matched).
        self.secret.textChanged.connect(self._edited)
        self.confirm.textChanged.connect(self._edited)
        self.recovery_key: str | None = None
        self._creating = False
        # Where a restored vault goes next, the recovery key page skipped: set by the wizard.
        self.model_page: ModelPage | None = None
        self.model_page_id = -1
        self._mode_changed(False)

    def _mode_changed(self, restoring: bool) -> None:
        self.new_part.setVisible(not restoring)
        self.restore_part.setVisible(restoring)
        self._edited("")

    def _choose_backup(self) -> None:
        chosen = existing_folder(self, "Choose the backup folder")
        if chosen:
            self.backup.setText(chosen)

    def nextId(self) -> int:
        # A restored vault keeps the recovery key printed when it was first made: there is no
        # new one to show, so the model page follows.
        if self.restored and self.model_page is not None:
            return self.model_page_id
        return super().nextId()

    def _edited(self, _text: str) -> None:
        if not self._creating and self.recovery_key is None:
            self.error.show_text("", Tone.ERROR)

    def validatePage(self) -> bool:
        if self.recovery_key is not None or self.restored:
            return True
        if self._creating:
            # Next is disabled meanwhile; one that still arrives (a script, a queued key press)
            # is answered rather than dropped without a word.
            self.error.show_text(CREATING_AGAIN, Tone.PLAIN)
            return False
        if self.from_backup.isChecked():
            return self._start_restore()
        secret, confirm = self.secret.text(), self.confirm.text()
        try:
            check_new_passphrase(secret, confirm)
        except MedLocalError as err:
            self.error.show_text(str(err), Tone.ERROR)
            return False
        # Argon2id takes a moment: create the vault off the GUI thread, then move on.
        self._set_creating(True)
        self.error.show_text("Creating the encrypted vault…", Tone.PLAIN)
        run_task(
            "create vault",
            lambda _cancel: self.workspace.create_vault(secret, confirm, finish=False),
            self._created,
            self._failed,
        )
        return False

    def _start_restore(self) -> bool:
        """Restore the chosen backup into this home's vault folder, then open it (the restore
        itself is the app layer's, as *Backup and restore…* and `vault restore` use it)."""
        from medlocal.app.backups import full_path

        source, secret = self.backup.text().strip(), self.backup_passphrase.text()
        if not source or not secret:
            self.error.show_text(
                "Choose the backup folder and type the passphrase it was made with.", Tone.ERROR
            )
            return False
        try:
            path = full_path(source, "The backup to restore")
        except MedLocalError as err:
            self.error.show_text(str(err), Tone.ERROR)
            return False
        workspace = self.workspace

        def work(_cancel: object) -> str:
            result = workspace.restore(path, secret)
            workspace.unlock(secret)
            return (
                f"Restored {counted(result.counts['documents'], 'document')} from "
                f"{shown_name(result.backup.name)}. "
                f"{result.outcome_note()}"
            )

        self._set_creating(True)
        self.error.show_text("Checking and restoring the backup…", Tone.PLAIN)
        run_task("restore vault", work, self._restored, self._restore_failed)
        return False

    def _restored(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.restored = True
        self.backup_passphrase.clear()
        self._set_creating(False)
        self.error.show_text(message, Tone.PLAIN)
        if self.model_page is not None:
            # The model page follows at once: the outcome (which passphrase opens the vault,
            # an upgrade of an older backup's vault: review 44b B6) is said there.
            self.model_page.status.setText(message)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _restore_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_creating(False)
        reason = error_text(exc, "Restoring the backup")
        self.error.show_text(
            f"Nothing was restored: {reason} Change what is needed and press Next again.",
            Tone.ERROR,
        )

    def isComplete(self) -> bool:
        return not self._creating  # the wizard disables Next while it is False

    def _set_creating(self, creating: bool) -> None:
        """Lock the page while the vault is created with the passphrase given: a passphrase typed
        meanwhile would not be the vault's (walk 25: the fields stayed editable, a second Next
        was ignored, and the vault opened only with the first passphrase). Back and Cancel wait
        too: leaving now would lose the recovery key of a vault being created."""
        self._creating = creating
        for field in (
            self.secret,
            self.confirm,
            self.create_new,
            self.from_backup,
            self.backup,
            self.choose,
            self.backup_passphrase,
        ):
            field.setEnabled(not creating)
        wizard = self.wizard()
        cancel = wizard.button(QWizard.WizardButton.CancelButton) if wizard else None
        if cancel is not None:
            cancel.setEnabled(not creating)
        # The wizard sets Next (from isComplete) and Back (from its history) again on this.
        self.completeChanged.emit()
        back = wizard.button(QWizard.WizardButton.BackButton) if wizard else None
        if creating and back is not None:
            back.setEnabled(False)

    def _created(self, recovery_key: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.recovery_key = recovery_key
        self.secret.clear()
        self.confirm.clear()
        self._set_creating(False)
        self.error.setText("")
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_creating(False)
        reason = error_text(exc, "Creating the vault")
        self.error.show_text(
            f"The vault was not created: {reason} Change what is needed and press Next again.",
            Tone.ERROR,
        )
        self.secret.setFocus()
