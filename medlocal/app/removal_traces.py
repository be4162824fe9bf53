"""What still holds a patient's records once they are removed from the vault, for the removal's
question and result in both faces (walk 49b D3: "Removed patient 9 and all their records." was
true inside the vault, while every earlier backup, the files exported from their records and
the audit log still held them; an erasure request needs to hear that).

Read from the vault before the removal: their documents, chats and saved outputs, the audit
entries naming them (exports among them), and this vault's backups made since the patient was
added in every folder this computer wrote or verified one of its backups in (left 49: only the
last verified backup's folder was checked). Nothing is changed here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from medlocal.fsutil import shown_path
from medlocal.vault.backup_listing import (
    ListedBackup,
    backup_date,
    backup_to_command,
    list_backups,
    of_vault,
    prune_command,
)
from medlocal.vault.backup_state import backup_folders
from medlocal.vault.store import Vault


@dataclass(frozen=True)
class FolderBackups:
    """One folder that holds backups of this vault: those made since the patient was added."""

    folder: Path
    backups: tuple[ListedBackup, ...]


@dataclass(frozen=True)
class RemovalTraces:
    documents: int
    chats: int
    outputs: int
    exports: int  # files written from their documents or saved outputs (audited exports)
    audit_entries: int  # entries naming the patient, their documents or outputs
    # Every folder this vault was backed up to (or a backup of it verified in) on this
    # computer that can be read now, with its backups made since the patient was added.
    backup_folders: tuple[FolderBackups, ...] = ()
    unreachable: tuple[Path, ...] = ()  # such folders that are missing or cannot be read now
    vault_folder: Path | None = None  # named in the suggested command when not the default

    @property
    def backups(self) -> tuple[ListedBackup, ...]:
        """This vault's backups made since the patient was added, in every folder read."""
        return tuple(b for held in self.backup_folders for b in held.backups)

    def records(self) -> str:
        """ "8 documents, 2 chats and 1 saved output": what the removal takes."""
        parts = [
            _counted(self.documents, "document"),
            _counted(self.chats, "chat"),
            _counted(self.outputs, "saved output"),
        ]
        return f"{', '.join(parts[:-1])} and {parts[-1]}"

    def still_held(self, erase_backups: str | None = None) -> list[str]:
        """One sentence per place that keeps their records after the removal; how to erase
        them from the backups: ``erase_backups`` (the window's words for its own controls),
        else the command."""
        said: list[str] = []
        if self.unreachable:
            where = ", ".join(shown_path(folder) for folder in self.unreachable)
            said.append(
                f"Backups of this vault in {where} (not reachable or not readable now: a drive "
                "not plugged in, a share not connected) may still hold them: a removal never "
                "reaches a backup."
            )
        for held in self.backup_folders:
            if not held.backups:
                continue
            count = len(held.backups)
            said.append(
                f"{_counted(count, 'older backup')} in {shown_path(held.folder)} (the last made "
                f"{held.backups[-1].made}) still {'holds' if count == 1 else 'hold'} them, and a "
                "restore would bring them back. To erase them there too, "
                + (erase_backups or self._erase_command(held.folder))
            )
        if self.exports:
            said.append(
                f"{_counted(self.exports, 'file')} exported from their records stay wherever "
                "they were saved (MedLocal does not remove them): delete them yourself."
            )
        if self.audit_entries:
            said.append(
                f"The audit log keeps {_counted(self.audit_entries, 'entry', 'entries')} about "
                "them (record numbers, file checksums and keyed digests of questions: no names "
                "or text), as a tamper-evident log must."
            )
        return said

    def _erase_command(self, folder: Path) -> str:
        """The folder's own two steps (review 50a, R8): a prune keeps the newest backup there,
        so the new backup must go to that folder, not to another one or the default."""
        return (
            "after the removal back up to that folder, "
            f"{backup_to_command(folder, self.vault_folder)}, then remove the older backups "
            f"there: {prune_command(folder, 1, self.vault_folder)} (and any copies elsewhere)."
        )


def _counted(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def removal_traces(vault: Vault, patient_id: int) -> RemovalTraces:
    """What removing ``patient_id`` takes from the vault, and what keeps their records after."""
    patient = vault.get_patient(patient_id)
    documents = {d.id for d in vault.list_documents(patient_id)}
    outputs = {o.id for o in vault.list_outputs(patient_id)}
    naming, exports = vault.audit_naming(patient_id, documents, outputs)
    since = backup_date(patient.created_at)
    readable: list[FolderBackups] = []
    unreachable: list[Path] = []
    for folder in backup_folders(vault.vault_id):
        if not _readable(folder):
            unreachable.append(folder)
            continue
        mine = of_vault(list_backups(folder), vault.vault_id)
        held = tuple(b for b in mine if _not_before(b.created_at, since))
        readable.append(FolderBackups(folder, held))
    return RemovalTraces(
        documents=len(documents),
        chats=len(vault.list_chats(patient_id)),
        outputs=len(outputs),
        exports=exports,
        audit_entries=naming,
        backup_folders=tuple(readable),
        unreachable=tuple(unreachable),
        vault_folder=vault.folder,
    )


def _readable(folder: Path) -> bool:
    """Whether ``folder`` can be listed now (a stick unplugged, a share gone, no permission:
    not; its backups may still hold the patient)."""
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError:
        return False
    return True


def _not_before(text: str, since: datetime | None) -> bool:
    moment = backup_date(text)
    return since is None or moment is None or moment >= since
