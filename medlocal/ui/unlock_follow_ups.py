"""What starts after each unlock besides the panels' lists: older documents' passages redone
in the background, the "no recent backup" reminder, word of an import that closing
MedLocal stopped, and of a chat model whose file is gone."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlocal.errors import MedLocalError
from medlocal.fsutil import shown_path
from medlocal.ui.dialogs.common import run_owned
from medlocal.ui.workers import Job, ProgressRelay, folder_looks

if TYPE_CHECKING:
    from medlocal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_REMINDER = "No recent verified backup of this vault: Tools → Backup and restore…"
MODEL_MISSING_MS = 120_000


def model_missing_text(model_id: str, folder: str) -> str:
    return (
        f"The chat model {model_id} is missing from {shown_path(folder)}: plug in its USB stick "
        "or drive, or choose another in Models → Model manager…"
    )


class UnlockFollowUps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.workspace = window.workspace
        self._backups_told = 0  # backups written while the window is open (reminder reads)

    def start(self) -> None:
        self.start_rechunk()
        self.remind()
        self.tell_interrupted_import()

    def tell_interrupted_import(self) -> None:
        """An import that closing MedLocal stopped: its files not imported are listed under its
        patient, and the status bar says so (walk 46a D3: the next start said nothing)."""
        try:
            stopped = self.workspace.take_interrupted_import()
        except MedLocalError:
            return
        if stopped is None:
            return
        self.window.patients.imports.show_interrupted(stopped)
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(
                f"The last import for {stopped.label} was stopped when MedLocal closed: "
                f"{len(stopped.files)} file(s) not imported, listed under that patient's "
                "documents.",
                60000,
            )

    def start_rechunk(self) -> None:
        """Older documents get section-aware passages in the background after unlocking."""
        ws = self.workspace
        try:
            pending = ws.rechunk_pending()
        except MedLocalError:
            return
        if not pending:
            return
        window = self.window
        bar = window.statusBar()
        relay = ProgressRelay(window)
        if bar is not None:
            relay.progressed.connect(
                lambda p: bar.showMessage(f"Updating passages: {p.describe()}")
            )

        def done(report: Any) -> None:
            if bar is not None and not report.cancelled:
                bar.showMessage(f"Updated the passages of {report.total} older document(s).", 8000)

        # Owned by the window, as the reminder below: its status bar is gone with it.
        run_owned(
            window,
            "re-chunk",
            lambda cancel: ws.rechunk(progress=relay, cancel=cancel),
            done,
            lambda exc: log.info("re-chunking stopped (%s)", type(exc).__name__),
        )

    def remind(self) -> Job:
        """The reminders due at the unlock, read on one worker: a chat model whose file is gone
        (imported in place from a USB stick now unplugged; ui63: nothing was said until the
        first question failed on it), else the "no recent backup" reminder when one is due.
        Both read folders that may be slow or gone (backups.json in the config folder, on a
        portable install's stick; the model's drive): on a worker (left 52: the backup's read
        held the window right after an unlock). One worker for both, as closing waits for
        every task."""
        ws = self.workspace
        window = self.window
        asked = self._backups_told

        def look(_cancel: threading.Event) -> tuple[bool, list[tuple[str, str]]]:
            try:
                is_due = ws.backup_due()
            except (MedLocalError, OSError):
                is_due = False  # no reminder is better than a false one
            # The chat model chosen by the clinician (with none chosen the packaged demo model
            # answers, never missing). Its record and one stat: the whole listing's first read
            # took 0.3 s, a window closed at once waited for it.
            try:
                registry = ws.registry
                chosen = registry.defaults().get("chat")
                model = registry.find(chosen) if chosen else None
                if model is None or Path(model.path).exists():
                    return is_due, []
            except (MedLocalError, OSError):
                return is_due, []
            return is_due, [(model.id, str(Path(model.path).parent))]

        def show(found: tuple[bool, list[tuple[str, str]]]) -> None:
            is_due, gone = found
            if window.stack.currentIndex() != window.WORKING:
                return  # not on the lock screen
            if gone:  # a question would fail on it: said before the backup
                window.status.show_reminder(model_missing_text(*gone[0]), MODEL_MISSING_MS)
            elif is_due and asked == self._backups_told:  # not after a backup written meanwhile
                window.status.show_reminder(BACKUP_REMINDER, 15000)

        # Owned by the window, as every other result a worker brings back to a widget: one that
        # lands after the window was deleted (a test's teardown; review 52a) is dropped.
        return run_owned(window, "reminders", look, show, lambda _exc: None, pool=folder_looks())

    def drop_backup_reminder(self) -> None:
        """A backup was just written and verified: the reminder is no longer true."""
        self._backups_told += 1  # a reminder still being read is no longer true either
        self.window.status.drop_reminder(BACKUP_REMINDER)
