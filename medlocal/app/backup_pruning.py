"""Removing a vault's older backups from a folder when the person asks, as both faces do it:
``vault backup --prune N`` and the Backup dialog's Remove older backups (left 51: a backup
refused for a full drive showed the window the ``--prune`` command). Which go is
:func:`medlocal.vault.backup.backups_to_prune` (never another vault's, a damaged one, the one
recorded as the last verified backup, nor the newest); the removal writes one audit entry."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path
from medlocal.vault.backup import Pruned, backups_to_prune, remove_and_record
from medlocal.vault.backup_listing import list_backups, of_vault
from medlocal.vault.store import Vault
from medlocal.wording import counted


@dataclass(frozen=True)
class PrunePlan:
    """The backups of one vault that removing the older ones in ``folder`` would remove
    (``doomed``, oldest first) and the dates of those removed and of those staying."""

    folder: Path
    doomed: tuple[Path, ...]
    gone: tuple[str, ...]
    stay: tuple[str, ...]

    def question(self) -> str:
        """ "Remove 2 backups of this vault from F, made A to B? 1 backup stays (…)." """
        newest = f"the newest made {self.stay[-1]}" if self.stay else "none"
        span = f" to {self.gone[-1]}" if len(self.gone) > 1 else ""
        verb = "stays" if len(self.stay) == 1 else "stay"
        return (
            f"Remove {counted(len(self.doomed), 'backup')} of this vault from "
            f"{shown_path(self.folder)}, made {self.gone[0]}{span}? "
            f"{counted(len(self.stay), 'backup')} {verb} ({newest})."
        )


def plan_prune(folder: Path, vault_id: str, keep: int) -> PrunePlan:
    """Which of vault ``vault_id``'s backups in ``folder`` go to keep its newest ``keep`` (at
    least 1: each face refuses less in its own words first). Nothing is removed here; reads
    the folder (a face calls it off its window's thread)."""
    if not folder.is_dir():
        raise UserInputError(f"{shown_path(folder)} is not a folder that exists.")
    doomed = backups_to_prune(folder, vault_id, keep)
    listed = {b.folder: b for b in list_backups(folder)}
    gone = tuple(listed[f].made if f in listed else f.name for f in doomed)
    mine = of_vault(list(listed.values()), vault_id)
    stay = tuple(b.made for b in mine if b.folder not in doomed)
    return PrunePlan(folder, doomed, gone, stay)


def prune(vault: Vault, plan: PrunePlan, cancel: threading.Event | None = None) -> Pruned:
    """Remove ``plan``'s backups (agreed to by the person) and record it in ``vault``'s audit
    log; a removal that fails partway is said in :meth:`Pruned.warning`, not raised.
    ``cancel`` set stops it after the backup being removed (:attr:`Pruned.stopped`)."""
    return remove_and_record(vault, plan.folder, plan.doomed, cancel)
