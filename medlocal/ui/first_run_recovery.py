"""The first-run wizard's recovery key page: the key shown once, confirmed as stored, and the
vault optionally remembered on this computer (the OS keychain may hold the call on a Secret
Service or KWallet prompt, and the key file is written and synced: on a worker)."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizardPage

from medlocal.app import Workspace
from medlocal.errors import MedLocalError
from medlocal.ui.clipboard import copy_sensitive
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.first_run_passphrase import PassphrasePage
from medlocal.ui.fitting_label import FittingLabel
from medlocal.ui.workers import run_task

CONFIRM_FIRST = (
    "Tick \u201cI have stored the recovery key safely\u201d once it is written down or printed."
)


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
