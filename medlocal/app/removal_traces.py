"""What still holds a patient's records once they are removed from the vault, for the removal's
question and result in both faces (walk 49b D3: "Removed patient 9 and all their records." was
true inside the vault, while every earlier backup, the files exported from their records and
the audit log still held them; an erasure request needs to hear that).

Read from the vault before the removal: their documents, chats and saved outputs, the audit
entries naming them (exports among them), and this vault's backups in the folder of its last
verified backup made since the patient was added. Nothing is changed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from medlocal.fsutil import shown_path
from medlocal.vault.backup_listing import (
    ListedBackup,
    backup_date,
    list_backups,
    of_vault,
    prune_command,
)
from medlocal.vault.backup_state import last_verified_backup
from medlocal.vault.store import Vault


@dataclass(frozen=True)
class RemovalTraces:
    documents: int
    chats: int
    outputs: int
    exports: int  # files written from their documents or saved outputs (audited exports)
    audit_entries: int  # entries naming the patient, their documents or outputs
    backup_folder: Path | None  # where the last verified backup of this vault is
    backups: tuple[ListedBackup, ...]  # this vault's backups there made since they were added
    backup_reachable: bool = True

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
        if self.backup_folder is not None and not self.backup_reachable:
            said.append(
                f"Backups of this vault in {shown_path(self.backup_folder)} (not reachable now) "
                "may still hold them: a removal never reaches a backup."
            )
        elif self.backups:
            last = self.backups[-1].made
            said.append(
                f"{_counted(len(self.backups), 'older backup')} in "
                f"{shown_path(self.backup_folder or Path())} (the last made {last}) still "
                f"{'holds' if len(self.backups) == 1 else 'hold'} them, and a restore would bring "
                "them back. To erase them there too, "
                + (
                    erase_backups
                    or "back up after the removal, then remove the older backups: "
                    f"{prune_command(self.backup_folder or Path(), 1)} (and any copies elsewhere)."
                )
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


def _counted(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def removal_traces(vault: Vault, patient_id: int) -> RemovalTraces:
    """What removing ``patient_id`` takes from the vault, and what keeps their records after."""
    patient = vault.get_patient(patient_id)
    documents = {d.id for d in vault.list_documents(patient_id)}
    outputs = {o.id for o in vault.list_outputs(patient_id)}
    naming, exports = vault.audit_naming(patient_id, documents, outputs)
    folder, backups, reachable = _backups_since(vault.vault_id, patient.created_at)
    return RemovalTraces(
        documents=len(documents),
        chats=len(vault.list_chats(patient_id)),
        outputs=len(outputs),
        exports=exports,
        audit_entries=naming,
        backup_folder=folder,
        backups=backups,
        backup_reachable=reachable,
    )


def _backups_since(vault_id: str, added: str) -> tuple[Path | None, tuple[ListedBackup, ...], bool]:
    """The folder of this vault's last verified backup, its backups there made since ``added``
    (an earlier one cannot hold the patient), and whether the folder can be read now."""
    last = last_verified_backup(vault_id)
    if last is None:
        return None, (), True
    folder = Path(last.path).parent
    if not folder.is_dir():
        return folder, (), False
    since = backup_date(added)
    mine = of_vault(list_backups(folder), vault_id)
    return folder, tuple(b for b in mine if _not_before(b.created_at, since)), True


def _not_before(text: str, since: datetime | None) -> bool:
    moment = backup_date(text)
    return since is None or moment is None or moment >= since
