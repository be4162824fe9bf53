"""When the last verified backup was made: for ``medlocal doctor`` and the window's reminder.

Kept in a small JSON file in the data folder (never inside the vault, so it can be shown without
unlocking). It holds a folder path, ids and times: no patient data.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from medlocal import paths
from medlocal.fsutil import atomic_write_private, shown_path
from medlocal.vault.manifest import Header

STATE_FILE = "backups.json"


@dataclass(frozen=True)
class VerifiedBackup:
    path: str
    vault_id: str
    created_at: str
    verified_at: str

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)


def _state_path() -> Path:
    return paths.data_dir() / STATE_FILE


def _load_all() -> dict[str, Any]:
    try:
        data = json.loads(_state_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return {}  # unknown state reads as "never": the reminder errs towards backing up
    return data if isinstance(data, dict) else {}


def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    found = data.get(name)
    return found if isinstance(found, dict) else {}


def _load() -> dict[str, dict[str, str]]:
    return _section(_load_all(), "vaults")


def record_verified(folder: Path, header: Header) -> None:
    """Remember ``folder`` as its vault's last verified backup (unless a newer one is known),
    and its parent among the folders that hold backups of that vault (:func:`backup_folders`)."""
    data = _load_all()
    vaults, folders = _section(data, "vaults"), _section(data, "folders")
    resolved = folder.resolve()
    known_folders = folders.get(header.vault_id)
    listed = [str(f) for f in known_folders] if isinstance(known_folders, list) else []
    if str(resolved.parent) not in listed:
        listed.append(str(resolved.parent))
    folders[header.vault_id] = listed
    known = vaults.get(header.vault_id)
    if known is None or str(known.get("created_at", "")) <= header.created_at:
        entry = VerifiedBackup(
            path=str(resolved),
            vault_id=header.vault_id,
            created_at=header.created_at,
            verified_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        vaults[header.vault_id] = asdict(entry)
    payload = json.dumps(
        {"version": 1, "vaults": vaults, "folders": folders}, indent=2, sort_keys=True
    )
    atomic_write_private(_state_path(), payload.encode("utf-8"))


def backup_folders(vault_id: str) -> list[Path]:
    """Every folder a backup of ``vault_id`` was written to or verified in on this computer, in
    the order first seen (the last verified backup's folder among them, also for a record
    written before folders were kept). A patient's removal checks each (left 49: only the
    last one's folder was checked, while older backups elsewhere still held the patient)."""
    found = _section(_load_all(), "folders").get(vault_id)
    folders = [Path(str(f)) for f in found] if isinstance(found, list) else []
    last = last_verified_backup(vault_id)
    if last is not None and Path(last.path).parent not in folders:
        folders.append(Path(last.path).parent)
    return folders


def last_verified_backup(vault_id: str | None = None) -> VerifiedBackup | None:
    """The newest verified backup of ``vault_id`` (of any vault when None)."""
    found: list[VerifiedBackup] = []
    for key, entry in _load().items():
        if vault_id is not None and key != vault_id:
            continue
        try:
            found.append(
                VerifiedBackup(**{k: str(entry[k]) for k in VerifiedBackup.__annotations__})
            )
        except (KeyError, TypeError):
            continue
    return max(found, key=lambda b: b.created_at, default=None)


def backup_due(
    interval_days: int, vault_id: str | None = None, now: datetime | None = None
) -> bool:
    """Whether to remind: no verified backup, or the last is older than ``interval_days``
    (0 turns the reminder off)."""
    if interval_days <= 0:
        return False
    last = last_verified_backup(vault_id)
    if last is None:
        return True
    return (now or datetime.now(UTC)) - last.created > timedelta(days=interval_days)


def backup_summary(
    interval_days: int, vault_id: str | None = None, vault_folder: Path | None = None
) -> str:
    """One line for ``medlocal doctor``: when the last verified backup was made, and where
    (the command it suggests names ``vault_folder`` when it is not the default vault)."""
    from medlocal.vault.backup_listing import vault_option

    last = last_verified_backup(vault_id)
    if last is None:
        return f"never verified; run 'medlocal vault backup{vault_option(vault_folder)} --to DIR'"
    when = last.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    due = (
        " (older than the reminder interval: back up soon)"
        if backup_due(interval_days, vault_id)
        else ""
    )
    # A backup on a USB drive that is not plugged in is still a backup: say so, do not nag.
    gone = "" if Path(last.path).is_dir() else " (that folder cannot be reached now)"
    return f"last verified {when}, {shown_path(last.path)}{gone}{due}"


DAMAGED = "The vault database is damaged or was altered."


def damaged_vault_message(
    problem: str = DAMAGED, vault_id: str | None = None, vault_folder: Path | None = None
) -> str:
    """``problem`` and the next step: restore from a backup, naming the last verified one when
    one is known, and ``vault_folder`` when it is not the default vault. The one wording every
    face shows for a damaged vault (walk 37: a truncated vault.db said only "damaged or was
    altered", with no next step)."""
    from medlocal.vault.backup_listing import vault_option

    try:
        last = last_verified_backup(vault_id)
    except OSError:  # a read-only or missing data folder: the step without the folder
        last = None
    if last is None:
        known = "no verified backup is recorded on this computer"
    else:
        when = last.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        known = f"your last verified backup: {shown_path(last.path)}, made {when}"
    return (
        f"{problem} Restore it from a backup: "
        f"medlocal vault restore BACKUP_FOLDER{vault_option(vault_folder)} --replace ({known})."
    )
