"""First run: create the vault, show the recovery key once, optionally remember the vault on this
computer, then choose a model; or restore the vault from a backup (a second computer of the
clinic, walk 43 D1) and go straight to the model. Works fully offline.

Slow steps run on a worker (:func:`run_task`), the page waiting for them: creating the vault
(Argon2id) and remembering it (the OS keychain may hold the call on a Secret Service or KWallet
prompt, and the key file is written and synced)."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from medlocal.app import Workspace
from medlocal.app.passphrase import check_new_passphrase
from medlocal.errors import GenerationCancelled, MedLocalError
from medlocal.fsutil import shown_name
from medlocal.ui.clipboard import copy_sensitive
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.confirm import safe_default_question
from medlocal.ui.dialogs.common import error_text, run_owned
from medlocal.ui.file_drags import take_dropped_path
from medlocal.ui.files import existing_folder, open_file_name
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.fitting_label import FittingLabel
from medlocal.ui.quit_signals import quit_requested
from medlocal.ui.strength_meter import StrengthMeter
from medlocal.ui.workers import Job, run_task
from medlocal.wording import counted

UNFINISHED_EARLIER = (
    "An earlier creation of the vault stopped before its recovery key was confirmed. That "
    "vault holds nothing: create it again below, with a new recovery key (or restore a backup)."
)
CREATING_AGAIN = (
    "The vault is still being created with the passphrase you entered; the next page follows "
    "in a moment."
)


CONFIRM_FIRST = (
    "Tick \u201cI have stored the recovery key safely\u201d once it is written down or printed."
)
LEAVE_TITLE = "Leave without the recovery key?"
LEAVE_TEXT = (
    "The recovery key is shown only now, and you have not confirmed that it is stored. It is the "
    "only way into the vault if the passphrase is forgotten.\n\n"
    "If you leave, the vault is not finished: it holds nothing, MedLocal closes, and the next "
    "start asks for a passphrase again and shows a new recovery key."
)
GO_BACK = "Go back to the key"
LEAVE = "Leave without it"
# Esc or × on the model page while a model is copied (fix 52b left: the wizard closed and the
# copy went on unsaid). Asked, keeping on as the default; a stop deletes the part copied.
STOP_IMPORT_TITLE = "Stop importing the model?"
STOP_IMPORT_TEXT = (
    "The model is still being copied and checked. If you stop, the part copied so far is "
    "deleted and MedLocal opens without it: you can import it later from the Models menu."
)
KEEP_IMPORTING = "Keep importing"
STOP_IMPORT = "Stop the import"
STOPPING_IMPORT = "Stopping the import…"
# The copy hears the stop only between chunks: a read from a dead stick can hang there for good
# (review 53a: Esc and × then only said "Stopping…", and the wizard could not be closed).
STOPPING_IMPORT_WAIT = (
    f"{STOPPING_IMPORT} (press Esc again to close without waiting: the part copied so far is "
    "deleted once the copy stops, or at the next start)"
)


def leave_without_key(parent: QWidget) -> bool:
    """Ask before the recovery key page is left unconfirmed (walk 51a: Escape or the close button
    there ended the wizard without a word); going back is the default, for Enter and Escape."""
    return safe_default_question(
        parent,
        LEAVE_TITLE,
        LEAVE_TEXT,
        (LEAVE, QMessageBox.ButtonRole.DestructiveRole),
        GO_BACK,
        icon=QMessageBox.Icon.Warning,
    )


def stop_importing(parent: QWidget) -> bool:
    """Ask before a model import under way is stopped; keeping on is the default."""
    return safe_default_question(
        parent,
        STOP_IMPORT_TITLE,
        STOP_IMPORT_TEXT,
        (STOP_IMPORT, QMessageBox.ButtonRole.DestructiveRole),
        KEEP_IMPORTING,
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
        wizard = self.wizard()
        if self.restored and isinstance(wizard, FirstRunWizard):
            return wizard.model_page_id
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
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            # The model page follows at once: the outcome (which passphrase opens the vault,
            # an upgrade of an older backup's vault: review 44b B6) is said there.
            wizard.model_page.status.setText(message)
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


class RecoveryPage(QWizardPage):
    def __init__(self, passphrase_page: PassphrasePage, workspace: Workspace) -> None:
        super().__init__()
        self.passphrase_page = passphrase_page
        self.workspace = workspace
        self.setTitle("Your recovery key")
        self.setSubTitle("It opens the vault if the passphrase is forgotten.")  # see PassphrasePage
        self.advice = FittingLabel(
            "It is shown only now: write it down or print it and keep it somewhere safe. "
            "MedLocal keeps no copy."
        )
        self.key = QLineEdit()
        self.key.setReadOnly(True)
        self.key.setAccessibleName("Recovery key")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        self.copy = QPushButton("Copy")
        self.copy.setAccessibleName("Copy the recovery key")
        self.copy.clicked.connect(lambda: copy_sensitive(self.key.text()))
        self.stored = QCheckBox("I have stored the recovery key safely")
        self.stored.setAccessibleName("I have stored the recovery key safely")
        self.stored.toggled.connect(self.completeChanged)
        self.remember = QCheckBox("Unlock without the passphrase on this computer (OS keychain)")
        self.remember.setAccessibleName("Remember the vault on this computer")
        self.remember_note = QLabel("")
        self.remember_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (
            self.advice,
            self.key,
            self.copy,
            self.stored,
            self.remember,
            self.remember_note,
        ):
            layout.addWidget(widget)
        self._remembering = False
        self._remembered = False

    def initializePage(self) -> None:
        self.key.setText(self.passphrase_page.recovery_key or "")

    def isComplete(self) -> bool:
        return self.stored.isChecked()

    def validatePage(self) -> bool:
        if self._remembering:
            return False
        if not self.stored.isChecked():
            # Next is disabled until the box is ticked; a Next that still arrives (a script, a
            # queued key press) must not finish the vault with its key unconfirmed (walk 51a).
            self.remember_note.setText(CONFIRM_FIRST)
            return False
        vault = self.workspace.vault
        if self.remember.isChecked() and not self._remembered and vault is not None:
            self._remembering = True
            self.remember.setEnabled(False)
            self.remember_note.setText("Remembering the vault in the OS keychain…")
            run_task("remember vault", lambda _cancel: vault.remember(), self._done, self._failed)
            return False
        try:  # the key was shown and stored: only now is the vault finished (walk 47a D1)
            self.workspace.finish_vault_creation()
        except (MedLocalError, OSError) as err:  # the key file could not be written
            self.remember_note.setText(error_text(err, "Finishing the vault"))
            return False
        self.key.clear()  # the key leaves the screen as soon as it is confirmed
        return True

    def _done(self, _backend: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._remembering = False
        self._remembered = True
        self.remember.setEnabled(True)
        self.remember_note.setText("")
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._remembering = False
        self.remember.setEnabled(True)
        self.remember_note.setText(f"Not remembered: {error_text(exc, 'Remembering the vault')}")
        self.remember.setChecked(False)


class ModelPage(QWizardPage):
    DEMO, IMPORT, LATER = range(3)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setTitle("Choose a model")
        # The wizard's header shows two lines of subtitle at most (a third was cut off): the
        # rest goes in the page.
        self.setSubTitle(
            "The demo model only shows how MedLocal works: it is not for clinical use."
        )
        self.advice = QLabel(
            "For clinical use, import a medical GGUF model from a disk or USB stick, or open "
            "the model manager later (Models menu) to download one."
        )
        self.advice.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.demo = QRadioButton("Start with the demo model")
        self.import_file = QRadioButton("Import a GGUF model file from disk or USB…")
        self.later = QRadioButton("Choose later in the model manager")
        for index, button in enumerate((self.demo, self.import_file, self.later)):
            button.setAccessibleName(button.text())
            self.group.addButton(button, index)
        self.demo.setChecked(True)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # file names and error texts
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.advice, self.demo, self.import_file, self.later, self.status):
            layout.addWidget(widget)
        self._imported = False
        self._busy = False
        self._stopping = False  # asked to stop: the wizard closes once the copy has stopped
        self._job: Job | None = None

    @property
    def importing(self) -> bool:
        return self._busy

    @property
    def stopping(self) -> bool:
        """Asked to stop, the copy not stopped yet."""
        return self._busy and self._stopping

    def validatePage(self) -> bool:
        if self.group.checkedId() != self.IMPORT or self._imported:
            return True
        if self._busy:
            return False
        name = open_file_name(self, "Import a model", "GGUF models (*.gguf)")
        if not name:
            return False
        self._import(Path(name))
        return False

    def _import(self, path: Path) -> None:
        from medlocal.models.importer import import_gguf

        self._busy = True
        self.status.setText(f"Checking and importing {shown_name(path.name)}…")

        def work(cancel: threading.Event) -> str:
            result = import_gguf(path, cancel=cancel)
            if result.model.role == "chat":
                self.workspace.set_default_model(result.model.id, "chat")
            return result.message

        # Owned by the page: should the wizard go all the same (a quit signal), the copy hears
        # the cancel and its partial file is deleted, and its end finds no page (fix 52b).
        self._job = run_owned(self, "import model", work, self._imported_ok, self._import_failed)

    def stop_import(self) -> None:
        """Stop the copy under way (its partial file is deleted); the wizard closes once it
        has stopped (:meth:`_import_failed`), or says that the copy had already finished."""
        if self._job is None or not self._busy:
            return
        self._stopping = True
        self.status.setText(STOPPING_IMPORT_WAIT)
        self._job.cancel()

    def _imported_ok(self, message: str) -> None:
        self._busy = False
        self._imported = True
        if self._stopping:
            # Too late to stop: the model is in place, and the wizard stays to say so.
            self._stopping = False
            self.status.setText(f"Not stopped: the copy had already finished. {message}")
            return
        self.status.setText(message)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _import_failed(self, exc: BaseException) -> None:
        self._busy = False
        if self._stopping and isinstance(exc, GenerationCancelled):
            self._stopping = False
            wizard = self.wizard()
            if wizard is not None and wizard.isVisible():  # not closed already without waiting
                wizard.reject()  # stopped as asked: the wizard closes, nothing was kept
            return
        self._stopping = False
        self.status.setText(f"Not imported: {exc}")


class FirstRunWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to MedLocal")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.passphrase_page = PassphrasePage(workspace)
        self.recovery_page = RecoveryPage(self.passphrase_page, workspace)
        self.model_page = ModelPage(workspace)
        self.addPage(self.passphrase_page)
        self.addPage(self.recovery_page)
        self.model_page_id = self.addPage(self.model_page)
        self.currentIdChanged.connect(self._no_way_back)
        # Each page scrolls, the wizard stays within the screen: Next, Cancel and Finish were
        # right of a 683 px screen at 200 % and 18 pt (walk 55a H2).
        fit_dialog(self)

    def reject(self) -> None:
        # Escape or the window's close button while the vault is created: the recovery key is
        # on its way and is shown only once.
        if self.passphrase_page._creating:
            self.passphrase_page.error.show_text(CREATING_AGAIN, Tone.PLAIN)
            return
        # On the recovery key page the vault is not finished until the key is confirmed: leaving
        # throws the key away, so it is asked, with a way back (walk 51a). Not on a quit signal:
        # that closes as asked (the next start says the vault was not finished).
        on_key_page = self.currentPage() is self.recovery_page and self.isVisible()
        if on_key_page and not quit_requested() and not leave_without_key(self):
            return
        # During a model import: stop it first (asked; the copy's end is then said or the
        # wizard closes once it has stopped). A quit signal closes at once: the page goes, the
        # copy hears the cancel and deletes its partial file. Esc again while it stops closes
        # without waiting (a copy stuck in a read of a dead stick would never stop: review 53a).
        model = self.model_page
        if model.importing and not quit_requested() and not model.stopping:
            if stop_importing(self) and model.importing:
                model.stop_import()
            return
        super().reject()

    def _no_way_back(self, _page_id: int) -> None:
        # Once the vault exists, going back to the passphrase page would create nothing new.
        if self.passphrase_page.recovery_key is not None or self.passphrase_page.restored:
            back = self.button(QWizard.WizardButton.BackButton)
            if back is not None:
                back.setEnabled(False)

    def open_manager_requested(self) -> bool:
        return self.model_page.group.checkedId() == ModelPage.LATER
