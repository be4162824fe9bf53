"""What starts after each unlock besides the panels' lists: older documents' passages redone
in the background, the "no recent backup" reminder, word of an import that closing
MedLocal stopped, and of a chat model whose file is gone."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlocal.errors import MedLocalError
from medlocal.ui.dialogs.common import run_owned
from medlocal.ui.workers import Job, ProgressRelay, folder_looks

if TYPE_CHECKING:
    from medlocal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_REMINDER = "No recent verified backup of this vault: Tools → Backup and restore…"
MODEL_MISSING_MS = 120_000


def model_missing_text(model_id: str, folder: str) -> str:
    return (
        f"The chat model {model_id} is missing from {folder}: plug in its USB stick or drive, "
        "or choose another in Models → Model manager…"
    )


class UnlockFollowUps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.workspace = window.workspace
        self._backups_told = 0  # backups written while the window is open (reminder reads)

    def start(self) -> None:
        self.start_rechunk()
        self.remind_backup()
        self.tell_missing_model()
        self.tell_interrupted_import()

    def tell_missing_model(self) -> Job:
        """The chat model's file gone (imported in place from a USB stick now unplugged): said
        at the unlock (ui63: nothing was said until the first question failed on it). Looked
        for on a worker: the folder may be a drive that is asleep or gone."""
        ws = self.workspace
        window = self.window

        def missing(_cancel: threading.Event) -> list[tuple[str, str]]:
            try:
                listing = ws.installed_models()
            except (MedLocalError, OSError):
                return []
            return [
                (m.id, str(Path(m.path).parent))
                for m in listing.models
                if "chat" in listing.default_roles(m.id) and listing.missing(m)
            ]

        def show(gone: list[tuple[str, str]]) -> None:
            if gone and window.stack.currentIndex() == window.WORKING:
                window.status.show_reminder(model_missing_text(*gone[0]), MODEL_MISSING_MS)

        return run_owned(
            window, "missing model", missing, show, lambda _exc: None, pool=folder_looks()
        )

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

    def remind_backup(self) -> Job:
        """The "no recent backup" reminder, when one is due. Whether it is reads backups.json
        (in the config folder: on a portable install's stick, which may be slow or asleep), so
        on a worker (left 52: it held the window right after an unlock)."""
        ws = self.workspace
        window = self.window
        asked = self._backups_told

        def due(_cancel: threading.Event) -> bool:
            try:
                return ws.backup_due()
            except (MedLocalError, OSError):
                return False  # no reminder is better than a false one

        def show(is_due: bool) -> None:
            # Not after a backup written meanwhile, nor on the lock screen.
            # Nor over the word of a missing chat model, which a question would fail on.
            other = window.status.reminder.isVisible() and window.status.reminder.text()
            if (
                is_due
                and asked == self._backups_told
                and window.stack.currentIndex() == window.WORKING
                and other in (False, "", BACKUP_REMINDER)
            ):
                window.status.show_reminder(BACKUP_REMINDER, 15000)

        # Owned by the window, as every other result a worker brings back to a widget: one that
        # lands after the window was deleted (a test's teardown; review 52a) is dropped.
        return run_owned(
            window, "backup reminder", due, show, lambda _exc: None, pool=folder_looks()
        )

    def drop_backup_reminder(self) -> None:
        """A backup was just written and verified: the reminder is no longer true."""
        self._backups_told += 1  # a reminder still being read is no longer true either
        self.window.status.drop_reminder(BACKUP_REMINDER)
