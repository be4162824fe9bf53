"""Status bar: loaded model, backend, tokens/s while generating, context used, the offline
indicator with the count of refused connection attempts (0 in normal use), and, once one has
happened, the count of internal errors this session (each wrote a crash report)."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from medlocal import crash
from medlocal.privacy import netguard
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.fitting_label import FittingLabel
from medlocal.ui.flow import ElidedLabel
from medlocal.ui.squeeze_row import SqueezeRow

LIVE_REFRESH_MS = 250
# An internal error is also said in the status bar's message area, where it is read, but at most
# this often: a bug that fires on every repaint must not bury everything else said there.
ERROR_MESSAGE_EVERY_S = 60.0
ERROR_MESSAGE_MS = 20_000


class _RefusalRelay(QObject):
    refused = Signal()

    def __call__(self, _attempt: netguard.BlockedAttempt) -> None:
        self.refused.emit()  # from whichever thread was refused; queued to the GUI thread


class _CrashRelay(QObject):
    failed = Signal()

    def __call__(self, _report: Path | None) -> None:
        self.failed.emit()  # from whichever thread failed; queued to the GUI thread


class StatusWidgets:
    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        # A long model name or speed line is cut short with "…" (whole in the tooltip) rather
        # than widening the window (walk 34). The backend and context too: at 18 pt on a
        # 683 px screen the bar squeezed them, cut without a "…" or a tooltip (ui61's walk).
        self.model = ElidedLabel("Model: not loaded")
        self.model.setAccessibleName("Loaded model")
        self.backend = ElidedLabel("")
        self.backend.setAccessibleName("Compute backend")
        self.speed = ElidedLabel("")
        self.speed.setAccessibleName("Tokens per second")
        # Cut at the left, the figures stay ("…174/8192").
        self.context = ElidedLabel("", elide=Qt.TextElideMode.ElideLeft)
        self.context.setAccessibleName("Context used")
        self.offline = ToneLabel("")
        self.offline.setAccessibleName("Offline status")
        self.internal_errors = ToneLabel("", Tone.ERROR)
        self.internal_errors.setAccessibleName("Internal errors this session")
        # Permanent: a temporary message (the backup reminder, "Updating passages…" after
        # unlocking) hid the model and the tokens per second for as long as it showed.
        # In one row where the model's name gives way first, then the speed, the backend and
        # the context (squeeze_row: Qt's layout cut each by the same, "Context 174…" beside a
        # model name nearly whole).
        # The offline and error counts share the row: where the texts do not fit on one line
        # the row takes more, and shares them out over its whole width (ui63).
        labels = (
            self.model,
            self.backend,
            self.speed,
            self.context,
            self.internal_errors,
            self.offline,
        )
        given_way = (self.model, self.speed, self.backend, self.context, *labels[4:])
        self.row = SqueezeRow(labels, given_way)
        bar.addPermanentWidget(self.row)
        self.internal_errors.hide()
        # The one-time "Vault upgraded to format N; ..." (walk 44 D5): a normal widget, so a
        # temporary message covers it while it shows and it comes back after; kept until the
        # vault locks.
        self.upgraded = ToneLabel("", Tone.WARNING)
        self.upgraded.setAccessibleName("Vault upgrade")
        self.upgraded.setWordWrap(True)
        bar.addWidget(self.upgraded, 1)
        self.upgraded.hide()
        # The backup reminder, as a wrapped label beside the permanent ones: as a temporary
        # message it was drawn under them, cut to "Tools → Ba" at 18 pt on a 1280-pixel-wide
        # window (walk 48a D5).
        self.reminder = FittingLabel("", Tone.WARNING, max_lines=2)
        self.reminder.setAccessibleName("Reminder")
        bar.addWidget(self.reminder, 1)
        self.reminder.hide()
        self._reminder_timer = QTimer(parent)
        self._reminder_timer.setSingleShot(True)
        self._reminder_timer.timeout.connect(lambda: self.drop_reminder(self.reminder.text()))
        self._bar = bar
        self._relay = _RefusalRelay(parent)
        self._relay.refused.connect(self.update_offline)
        netguard.add_listener(self._relay)
        # An uncaught exception in a slot or a thread only printed to a terminal nobody sees
        # when MedLocal starts from a menu (walk 27): the window says so when it happens.
        self._crash_relay = _CrashRelay(parent)
        self._crash_relay.failed.connect(self.internal_error)
        crash.add_internal_error_listener(self._crash_relay)
        # Off those process-wide lists with the window too, not only at its close: a window
        # deleted unclosed (a test's) left its relays there, told after they were deleted.
        self._relay.destroyed.connect(functools.partial(netguard.remove_listener, self._relay))
        self._crash_relay.destroyed.connect(
            functools.partial(crash.remove_internal_error_listener, self._crash_relay)
        )
        self._error_count = 0
        self._error_said_at: float | None = None
        self._timer = QTimer(parent)
        self._timer.setInterval(LIVE_REFRESH_MS)
        self._timer.timeout.connect(self._refresh_live)
        self._model: Any = None
        self.update_offline()

    def set_upgrade_notice(self, text: str | None) -> None:
        """Show the vault's upgrade notice (None: hide it)."""
        self.upgraded.setText(text or "")
        self.upgraded.setVisible(bool(text))

    def show_reminder(self, text: str, ms: int) -> None:
        """Show ``text`` in the status bar for ``ms`` milliseconds."""
        self.reminder.setText(text)
        self.reminder.show()
        self._reminder_timer.start(ms)

    def drop_reminder(self, text: str) -> None:
        """Hide the reminder if it is ``text`` (it is no longer true)."""
        if self.reminder.text() == text:
            self._reminder_timer.stop()
            self.reminder.clear()
            self.reminder.hide()

    def close(self) -> None:
        netguard.remove_listener(self._relay)
        crash.remove_internal_error_listener(self._crash_relay)
        self._timer.stop()

    def internal_error(self) -> None:
        """One more internal error: the count stays in view; the message area says it at most
        once a minute. Neither names the error (its message may hold patient text)."""
        self._error_count += 1
        self.internal_errors.setText(f"⚠ Internal errors: {self._error_count}")
        self.internal_errors.setToolTip(
            "MedLocal hit an internal error and carried on. A crash report (versions and code "
            "locations only, no patient data) was written; Help → About and diagnostics… shows "
            "where. If something looks wrong, save your work and restart MedLocal."
        )
        self.internal_errors.show()
        now = time.monotonic()
        if self._error_said_at is None or now - self._error_said_at >= ERROR_MESSAGE_EVERY_S:
            self._error_said_at = now
            self._bar.showMessage(
                "MedLocal hit an internal error and carried on; a crash report was written "
                "(Help → About and diagnostics…).",
                ERROR_MESSAGE_MS,
            )

    def update_offline(self) -> None:
        status = netguard.status()
        refused = int(status["blocked_attempts"])
        installed = bool(status["guard_installed"])
        guard = "Offline" if installed else "Offline guard OFF"
        self.offline.setText(f"● {guard} · {refused} refused")
        # Green only while the guard is in place and nothing tried to connect: "OFF" drawn in
        # the OK colour read as all well (walk g1 #6).
        self.offline.set_tone(Tone.OK if installed and refused == 0 else Tone.ERROR)
        self.offline.setToolTip(
            (
                "MedLocal makes no network connection except a model download you start. "
                if installed
                else "The offline guard is not installed: connections are not being blocked. "
            )
            + f"{refused} connection attempt(s) were refused this session."
        )

    def set_model(self, model: Any) -> None:
        """Show ``model`` (None: none loaded, or the vault locked). The speed and context figures
        describe the shown model's last answer: they are cleared when the model changes or
        goes, and filled again by its next answer. They stayed on the lock screen beside
        "Model: not loaded" (walk 33)."""
        changed = model is not self._model
        self._model = model
        if changed:
            self.speed.setText("")
            self.context.setText("")
        if model is None:
            self.model.setText("Model: not loaded")
            self.backend.setText("")
            return
        self.model.setText(f"Model: {getattr(model, 'name', 'model')}")
        self.backend.setText(f"Backend: {getattr(model, 'backend', 'CPU')}")
        if not changed:
            self._refresh_live()

    def generating(self, active: bool) -> None:
        if active:
            self._timer.start()
        else:
            self._timer.stop()
            self._refresh_live()

    def _refresh_live(self) -> None:
        stats = getattr(self._model, "last_stats", None)
        n_ctx = getattr(self._model, "n_ctx", 0)
        if stats is None:
            return
        used = stats.prompt_tokens + stats.generated_tokens
        if stats.tokens_per_second:
            drafted = getattr(stats, "drafted_tokens", 0)
            accepted = getattr(stats, "accepted_tokens", 0)
            spec = f" · {accepted}/{drafted} drafted tokens accepted" if drafted else ""
            self.speed.setText(f"{stats.tokens_per_second:.1f} tok/s{spec}")
        if n_ctx:
            self.context.setText(f"Context {used}/{n_ctx}")
