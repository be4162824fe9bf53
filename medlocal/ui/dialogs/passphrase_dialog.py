"""*Change passphrase…* (Tools menu): the window's ``vault passwd`` (walk 50a D2: a clinic that
never opens a terminal could not change its passphrase, nor set one after forgetting it).

The current passphrase is asked unless the vault was opened with the recovery key (that is how a
forgotten one is replaced); the new one is typed twice and judged by the rule a new vault's is.
The work is the workspace's :meth:`~medlocal.app.workspace.Workspace.change_passphrase`, as for
the command, on a worker: checking the current one and wrapping the key take an Argon2id run
each."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.passphrase import STRONG_HINT
from medlocal.app.workspace_vault import PASSPHRASE_CHANGED
from medlocal.ui.announce import announce
from medlocal.ui.dialogs.common import ErrorLine, error_text, run_owned
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.strength_meter import StrengthMeter

AFTER_RECOVERY = (
    "You opened the vault with the recovery key. Choose a new passphrase now, so that the next "
    "start needs only the passphrase. (Close to do it later: Tools → Change passphrase….)"
)
WITH_CURRENT = "Type the passphrase the vault has now, then the new one twice."
CHANGING = "Changing the passphrase… (a few seconds)"
STILL_CHANGING = "The passphrase is being changed; this window closes when it is done."
WRITTEN = (
    f"{PASSPHRASE_CHANGED} Use the new passphrase from now on. A vault this computer "
    "remembers still opens without one."
)


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ChangePassphraseDialog(QDialog):
    """Current passphrase (unless opened with the recovery key), new one twice, strength."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Change passphrase")
        self.needs_current = not workspace.opened_with_recovery_key()
        self.note = QLabel(WITH_CURRENT if self.needs_current else AFTER_RECOVERY, self)
        self.note.setWordWrap(True)
        self.current = _secret_field("Current passphrase")
        self.new = _secret_field("New passphrase")
        self.repeat = _secret_field("Repeat the new passphrase")
        self.meter = StrengthMeter(self)
        self.new.textChanged.connect(self.meter.show_for)
        hint = QLabel(STRONG_HINT, self)
        hint.setWordWrap(True)
        form = QFormLayout()
        if self.needs_current:
            form.addRow("&Current passphrase:", self.current)
        else:
            self.current.setVisible(False)
        form.addRow("&New passphrase:", self.new)
        form.addRow("&Repeat it:", self.repeat)
        form.addRow("", self.meter)
        self.message = ErrorLine("Passphrase change message", self)
        self.change_button = QPushButton("C&hange passphrase", self)
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(lambda _text: self._edited())
            field.returnPressed.connect(self.change)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_dialog(self)
        self.busy = False
        self.changed = False
        (self.current if self.needs_current else self.new).setFocus()

    def _edited(self) -> None:
        if not self.busy:
            self.message.clear_message()  # a refusal is about what was typed before

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.current, self.new, self.repeat, self.change_button):
            widget.setEnabled(not busy)

    def change(self) -> None:
        if self.busy:
            return
        current = self.current.text() if self.needs_current else None
        new, repeated = self.new.text(), self.repeat.text()
        if self.needs_current and not current:
            self.message.show_error("Type the current passphrase first.")
            self.current.setFocus()
            return
        self._set_busy(True)
        self.message.show_note(CHANGING)
        run_owned(
            self,
            "change passphrase",
            lambda _cancel: self.workspace.change_passphrase(new, repeated, current=current),
            self._done,
            self._failed,
        )

    def _done(self, _result: object) -> None:
        self._set_busy(False)
        self.changed = True
        for field in (self.current, self.new, self.repeat):
            field.clear()  # the secrets do not linger in the widgets
        self.message.show_ok(WRITTEN)
        announce(self.message, WRITTEN)
        self.change_button.setEnabled(False)  # done: Close is what is left

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(error_text(exc, "The passphrase change"))
        announce(self.message, self.message.text(), urgent=True)

    # A change in progress finishes in seconds and cannot be stopped half-way: the dialog stays
    # until it is done rather than leave it running unseen.
    def reject(self) -> None:
        if self.busy:
            self.message.show_note(STILL_CHANGING)
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            self.message.show_note(STILL_CHANGING)
            return
        super().closeEvent(event)
