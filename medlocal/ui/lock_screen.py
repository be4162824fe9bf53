"""The unlock screen shown at start and after every lock. It holds no patient data, ever."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.ui.announce import announce
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.dialogs.common import run_owned
from medlocal.ui.workers import emit_from_worker
from medlocal.vault.errors import PassphraseRequiredError, wait_text

UNLOCK = "Unlock"
# Said while an unlock waits for another process's write (it waits up to a minute, then says
# the vault is busy): "Unlocking…" alone looked stuck (session 34).
BUSY_WAITING = (
    "The vault is busy with another MedLocal process (an import from the command line?): "
    "waiting for it to finish…"
)


class LockScreen(QWidget):
    """Passphrase (or recovery key) -> unlock off the GUI thread (Argon2id takes a second)."""

    unlocked = Signal()
    _waiting = Signal()  # emitted on the unlock's worker thread, received on the GUI thread

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.title = QLabel("<h2>MedLocal is locked</h2>")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel("Enter the vault passphrase to open your patients' records.")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("Vault passphrase")
        self.secret.setAccessibleName("Vault passphrase")
        self.secret.returnPressed.connect(self.submit)
        self.use_recovery = QCheckBox("Use the recovery key instead")
        self.use_recovery.setAccessibleName("Use the recovery key instead of the passphrase")
        self.use_recovery.toggled.connect(self._mode_changed)
        self.button = QPushButton(UNLOCK)
        self.button.setAccessibleName("Unlock the vault")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.error = ToneLabel("", Tone.ERROR)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Unlock error")
        self._waiting.connect(self._busy_waiting)

        # Stretch above and below keeps the form together in the middle of the window: without
        # it the rows spread over the whole height and an error showed far under the button.
        form = QVBoxLayout()
        form.addStretch(1)
        form.addWidget(self.title)
        form.addWidget(self.hint)
        form.addWidget(self.secret)
        form.addWidget(self.use_recovery)
        form.addWidget(self.button)
        form.addWidget(self.error)
        form.addStretch(1)
        box = QWidget()
        box.setMinimumWidth(320)
        box.setLayout(form)
        box.setMaximumWidth(460)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box)
        outer.addStretch(1)
        self._busy = False
        # The vault's back-off after failed unlocks: the button stays disabled, counting down,
        # until the vault would take another try (a timer; the GUI thread never sleeps).
        self._wait_until = 0.0
        self._wait_reason = ""
        self.countdown = QTimer(self)
        self.countdown.setInterval(250)
        self.countdown.timeout.connect(self._tick)

    @property
    def waiting(self) -> bool:
        return self.countdown.isActive()

    def _mode_changed(self, recovery: bool) -> None:
        self.secret.setPlaceholderText("Recovery key" if recovery else "Vault passphrase")
        self.secret.clear()

    def reset(self, message: str = "", tone: Tone = Tone.ERROR) -> None:
        """Ready for the next try: the field empty, enabled and focused, ``message`` shown. An
        unlock still running keeps the form off until it ends (its outcome is then said)."""
        self.secret.clear()
        self.error.show_text(message, tone)
        self._set_input(not self._busy)

    def _set_input(self, on: bool) -> None:
        """Accept typing and Return (``on``), or none while an unlock runs. The field itself is
        disabled, not only the button: walk 39 typed the right passphrase and Return while a
        wrong one was being checked; that Return was dropped, the field cleared when the wrong
        try ended, and "Wrong passphrase" read as if the right one had failed."""
        self.secret.setEnabled(on)
        self.use_recovery.setEnabled(on)
        self.button.setEnabled(on and not self.waiting)
        if on:
            # Enabled first: a disabled widget cannot take the focus, and the one focused when
            # the form went off lost it then.
            self.secret.setFocus()

    def wait_before_next_try(self, seconds: float, reason: str) -> None:
        """Count down the vault's back-off: ``reason`` and the seconds left, the button off."""
        self._wait_until = time.monotonic() + seconds
        self._wait_reason = reason
        self.countdown.start()
        self._tick()

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self.countdown.stop()
            self.button.setText(UNLOCK)
            self.button.setEnabled(not self._busy)
            self.error.show_text(f"{self._wait_reason} You can try again now.", Tone.ERROR)
            return
        self.button.setEnabled(False)
        self.button.setText(f"{UNLOCK} ({max(1, math.ceil(left))} s)")
        self.error.show_text(f"{self._wait_reason} {wait_text(left)}", Tone.ERROR)

    def try_keychain(self) -> None:
        """When this computer remembers the vault, unlock without asking (off the GUI thread)."""
        # Also when a restore ended "remembered": the unlock without a passphrase then fails
        # saying why, and the lock screen shows it (walk 52b M1).
        if not (self.workspace.vault_remembered() or self.workspace.vault_unremembered()):
            return
        self._start(lambda _cancel: self.workspace.unlock(on_busy=self._say_waiting))

    def submit(self) -> None:
        text = self.secret.text()
        if self._busy or self.waiting:  # Return in the field while the button counts down
            return
        if not text:
            self.error.show_text("Type the passphrase first.", Tone.ERROR)
            return
        self.secret.clear()  # the typed secret does not linger in the widget
        if self.use_recovery.isChecked():
            self._start(
                lambda _cancel: self.workspace.unlock(recovery_key=text, on_busy=self._say_waiting)
            )
        else:
            self._start(lambda _cancel: self.workspace.unlock(text, on_busy=self._say_waiting))

    def _start(self, func: Callable[[threading.Event], object]) -> None:
        self._busy = True
        self._set_input(False)
        self.error.show_text("Unlocking…", Tone.PLAIN)
        # One try at a time (the form is off until it ends): what it ends with is its own.
        # Owned by the screen: an unlock that ends after its window was deleted (a close during
        # the key derivation, a test's teardown) is not said on the deleted form (fix 52b).
        run_owned(self, "unlock", func, self._done, self._failed)

    def _say_waiting(self) -> None:
        """On the unlock's worker thread: the vault is busy elsewhere (said on this screen)."""
        emit_from_worker(self, self._waiting)

    def _busy_waiting(self) -> None:
        if self._busy:
            self.error.show_text(BUSY_WAITING, Tone.PLAIN)

    def _done(self, _vault: object) -> None:
        self._busy = False
        self._set_input(True)
        self.error.setText("")
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        # The window's wording where the error has one (its controls, not shell commands).
        shown = getattr(exc, "window", None) or str(exc)
        # Why the passphrase is asked (the keychain did not unlock it) is a notice, not a fault.
        tone = Tone.WARNING if isinstance(exc, PassphraseRequiredError) else Tone.ERROR
        self.reset(shown or "The vault could not be unlocked.", tone)
        announce(self.error, self.error.text(), urgent=True)
        wait = getattr(exc, "retry_after", 0.0)
        if isinstance(wait, int | float) and wait > 0:
            self.wait_before_next_try(float(wait), str(getattr(exc, "reason", "")) or str(exc))
