"""The Backup dialog's Remove older backups action (left 51): a drive too full for one more
backup was told a ``--prune`` command; this is the window's way. It asks how many of the
newest to keep, reads the folder on a worker, asks which go, then removes them (one audit
entry), as ``vault backup --prune N`` does (app/backup_pruning.py)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog, QPushButton

from medlocal.app.backup_pruning import PrunePlan, plan_prune, prune
from medlocal.errors import GenerationCancelled, MedLocalError
from medlocal.fsutil import shown_path
from medlocal.progress import ProgressCallback
from medlocal.ui.backup_advice import REMOVE_OLDER
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.backup_page import BackupPage
from medlocal.ui.dialogs.backup_tasks import KEEP_MOST, READING_OLDER, REMOVING_OLDER
from medlocal.ui.workers import Job


class PruneAction(BackupPage):
    """Remove older backups (see the module's text): part of the backup part, whose folder
    it works on and whose list it reads again afterwards."""

    def _prune_button(self) -> QPushButton:
        # Left 51: a drive too full for one more backup was told a --prune command; Keep newest
        # plus this button is the window's way (a new backup removes older ones only once it
        # is written, which a full drive does not allow).
        button = QPushButton("Remove &older backups…")
        button.setAccessibleName(
            "Remove this vault's older backups from that folder, asking how many newest to keep"
        )
        button.clicked.connect(self.start_prune)
        return button

    def start_prune(self) -> Job | None:
        """Remove this vault's older backups from the chosen folder: asked how many of the
        newest to keep (review 51b R2: it took Keep newest's count, so the backup the full-drive
        advice then told to make ran with it too, removed one more than the advice said, and
        remembered it for every later backup), the folder read on a worker, the person asked
        which go, then removed (one audit entry), as ``vault backup --prune N`` does. Keep
        newest and its setting are left as they are."""
        ws = self.workspace
        try:
            vault_id = ws.require_vault().vault_id
            folder = ws.backup_target(self.destination.text().strip() or None)
        except MedLocalError as err:
            self._missing(self.destination, self.backup_message, str(err))
            return None
        keep = self._ask_keep(folder)
        if keep is None:
            return None

        def read(_progress: ProgressCallback, cancel: threading.Event) -> PrunePlan:
            plan = plan_prune(folder, vault_id, keep)
            if cancel.is_set():
                raise GenerationCancelled()
            return plan

        def ask(plan: PrunePlan) -> None:
            self._busy(False)
            if reading.cancel_event.is_set():
                return
            if not plan.doomed:
                self.backup_message.show_note(
                    f"Nothing to remove: {shown_path(folder)} holds no backup of this vault "
                    f"older than the newest {keep}."
                )
                return
            if confirm(self, "Remove older backups?", plan.question(), "Remove them"):
                self._remove_older(plan)

        reading = self._start(READING_OLDER, read, ask, self.backup_message)
        return reading

    def _ask_keep(self, folder: Path) -> int | None:
        """How many of this vault's newest backups in ``folder`` to keep (None: not given).
        It starts at what the last full-drive refusal there advised, else at Keep newest."""
        advised = self._room_keep
        if advised is not None and advised[0] == folder:
            start = advised[1]
        else:
            start = max(self.keep.value(), 1)
        count, given = QInputDialog.getInt(
            self,
            REMOVE_OLDER,
            "Keep how many of this vault's newest backups in that folder? The older ones are "
            "removed (you are asked before any is). Keep newest above is not changed.",
            start,
            1,  # the newest is never removed
            KEEP_MOST,
        )
        return count if given else None

    def _remove_older(self, plan: PrunePlan) -> Job:
        ws = self.workspace

        def remove(_progress: ProgressCallback, cancel: threading.Event) -> Any:
            return prune(ws.require_vault(), plan, cancel)

        def removed(pruned: Any) -> None:
            self._busy(False)
            if pruned.stopped and not pruned.removed:
                self.backup_message.show_note("Stopped before any backup was removed.")
                self._close_if_asked()
                return
            stopped = (
                f"Stopped: {len(plan.doomed) - len(pruned.removed)} of them not removed. "
                if pruned.stopped
                else ""
            )
            said = (
                f"{stopped}Removed {len(pruned.removed)} older backup(s) of this vault from "
                f"{shown_path(plan.folder)}; {pruned.kept} of it kept there."
            )
            if pruned.failure or pruned.audit_failure:
                self.backup_message.show_error(f"{said} {pruned.warning()}")
            else:
                self.backup_message.show_note(said)
            self.list_backups()
            self._close_if_asked()

        return self._start(REMOVING_OLDER, remove, removed, self.backup_message)
