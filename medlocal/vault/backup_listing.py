"""What a folder of backups holds, read without a passphrase: each backup's date, size, vault
and whether it is finished (verified when written) or an interrupted one; how much room
removing this vault's oldest would free. ``vault backup --list``, the window's Backup dialog,
the refusal of a backup that does not fit, and a patient's removal all say it (walk 49b D1-D3:
backups piled up unseen, a full stick named none of them).

Only the manifest's clear header is read (vault id, date): no key, no patient data.
"""

from __future__ import annotations

import contextlib
import re
import shlex
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from medlocal import paths
from medlocal.fsutil import shown_name, shown_path
from medlocal.vault import backup_files
from medlocal.vault.backup_files import mb
from medlocal.vault.manifest import BackupError, OtherFormatError, read_manifest


@dataclass(frozen=True)
class ListedBackup:
    """One backup folder: ``finished`` ones were verified before they got their name (an
    interrupted one keeps its hidden ``.partial`` name and can never be restored)."""

    folder: Path
    size: int
    finished: bool
    vault_id: str = ""  # "" when the manifest cannot be read (unfinished, damaged)
    created_at: str = ""  # ISO, UTC; "" when unknown
    problem: str = ""  # the state of a published one that cannot be trusted or read here

    @property
    def made(self) -> str:
        """When it was made, "2026-12-05 22:10 UTC" ("date unknown" without a manifest, "date
        unreadable" when its manifest's date is not a date: review 49b R3)."""
        if not self.created_at:
            return "date unknown"
        moment = backup_date(self.created_at)
        if moment is None:
            return "date unreadable"
        return moment.strftime("%Y-%m-%d %H:%M UTC")

    @property
    def dated(self) -> datetime | None:
        """When it was made, for ordering backups by age: None when the date cannot be read or
        lies ahead of this computer's clock (a clock set back, a damaged manifest). Such a
        backup is never the reason another goes, and is never removed unnamed (review 49b R1)."""
        moment = backup_date(self.created_at)
        if moment is None or moment > datetime.now(UTC) + CLOCK_SKEW:
            return None
        return moment

    def describe(self, this_vault: str | None = None) -> str:
        """One line: date, size, state, which vault, folder name."""
        if self.finished:
            state = "verified when written"
        elif self.problem:
            state = self.problem
        elif backup_files.is_published(self.folder):
            state = "DAMAGED: its manifest cannot be read"
        else:
            state = "UNFINISHED: cannot be restored"
        if not self.vault_id:
            owner = "vault unknown"
        elif self.vault_id == this_vault:
            owner = "this vault"
        elif this_vault is None:
            owner = f"vault {self.vault_id[:8]}"
        else:
            owner = f"another vault ({self.vault_id[:8]})"
        return (
            f"{self.made:<20}  {mb(self.size):>9}  {state}; {owner}  {shown_name(self.folder.name)}"
        )


# Two computers' clocks differ by minutes: a backup written by one a little ahead still counts
# as dated on the other (only its place in the age order is at stake, never its removal unnamed).
CLOCK_SKEW = timedelta(minutes=10)


def backup_date(text: str) -> datetime | None:
    """A manifest's ISO date as an aware UTC instant; None when it does not parse (a damaged or
    hand-edited manifest must not stop a listing: review 49b R3)."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def list_backups(folder: Path) -> list[ListedBackup]:
    """The finished and unfinished backups directly in ``folder``, oldest first (finished ones
    by the date in their manifest; an unreadable date first). An unreadable or missing folder
    lists none; a link named like a backup is not one (review 49b R5: pruning followed one)."""
    found: list[ListedBackup] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.is_symlink() or not entry.is_dir():
                continue
            if backup_files.is_published(entry):
                found.append(_finished(entry))
            elif entry.name.startswith(".medlocal-backup-") and entry.name.endswith(
                backup_files.PARTIAL_SUFFIX
            ):
                size = backup_files.folder_bytes(entry)
                found.append(ListedBackup(entry, size, False, created_at=_named_time(entry.name)))
    return sorted(found, key=_age_order)


def _age_order(backup: ListedBackup) -> tuple[str, str]:
    """By date (unreadable ones first), the folder's name only breaking ties."""
    moment = backup_date(backup.created_at)
    return (moment.isoformat() if moment else "", backup.folder.name)


_STAMP = re.compile(r"medlocal-backup-(\d{8}T\d{6}Z)-")


def _named_time(name: str) -> str:
    """The time in a backup folder's name (to the second), ISO; "" when it has none."""
    found = _STAMP.search(name)
    if found is None:
        return ""
    return datetime.strptime(found[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).isoformat()


def _finished(folder: Path) -> ListedBackup:
    size = backup_files.folder_bytes(folder)
    try:
        header = read_manifest(folder).header
    except OtherFormatError:
        # Review 49b R9: a newer MedLocal's backup is not damaged; it is kept, never pruned.
        problem = "written by another MedLocal version: open it with that version"
        return ListedBackup(
            folder, size, False, created_at=_named_time(folder.name), problem=problem
        )
    except BackupError:
        # No readable manifest: not one to trust.
        return ListedBackup(folder, size, False, created_at=_named_time(folder.name))
    problem = ""
    if backup_date(header.created_at) is None:
        problem = "DAMAGED: the date in its manifest cannot be read"
    elif not (folder / backup_files.part_name(0)).is_file():
        # A manifest alone (parts removed, a removal cut short) is no backup (review 49b R4).
        problem = "DAMAGED: its data files are missing"
    return ListedBackup(folder, size, not problem, header.vault_id, header.created_at, problem)


def of_vault(backups: list[ListedBackup], vault_id: str) -> list[ListedBackup]:
    """This vault's finished backups, oldest first."""
    return [b for b in backups if b.finished and b.vault_id == vault_id]


def removable(backups: list[ListedBackup], vault_id: str) -> list[ListedBackup]:
    """This vault's finished backups that may go to keep the newest: those with a date this
    computer can place, oldest first."""
    return sorted((b for b in of_vault(backups, vault_id) if b.dated), key=_age_order)


def vault_option(vault_folder: Path | None) -> str:
    """`` --vault DIR`` for a command MedLocal suggests, when the vault is not the default one:
    the folder as it was given (quoted for the shell), so that the command acts on the same
    vault (left 49: the suggested --prune omitted it, and would have named the default vault's
    backups, or none)."""
    if vault_folder is None:
        return ""
    with contextlib.suppress(OSError):
        if vault_folder.expanduser().resolve() == paths.vault_dir().resolve():
            return ""
    return f" --vault {shlex.quote(str(vault_folder))}"


def backup_to_command(folder: Path, vault_folder: Path | None = None) -> str:
    """The command that backs this vault up to ``folder`` (``vault_folder`` as for
    :func:`prune_command`)."""
    return f"medlocal vault backup{vault_option(vault_folder)} --to {shlex.quote(str(folder))}"


def prune_command(folder: Path, keep: int, vault_folder: Path | None = None) -> str:
    """The command that removes this vault's oldest backups in ``folder`` beyond ``keep``
    (``vault_folder``: the vault's folder, named when it is not the default one)."""
    return (
        f"medlocal vault backup{vault_option(vault_folder)} --prune {keep} "
        f"--to {shlex.quote(str(folder))}"
    )


def folder_summary(
    folder: Path,
    vault_id: str,
    keep: int | None,
    vault_folder: Path | None = None,
    *,
    keep_fewer: str | None = None,
) -> str:
    """After a backup: how many of this vault's backups the folder now holds and their space,
    and, when all are kept, how to keep fewer (keeping all is the default: deleting copies is
    the clinic's retention decision, not MedLocal's): ``keep_fewer``, the window's words for
    its own control, else the commands. ``vault_folder`` as for :func:`prune_command`."""
    mine = of_vault(list_backups(folder), vault_id)
    total = sum(b.size for b in mine)
    held = (
        f"{shown_path(folder)} now holds {len(mine)} backup(s) of this vault ({mb(total)} in all)"
    )
    if keep:
        return f"{held}; the newest {keep} are kept (the Keep newest setting, backup_keep)."
    if keep_fewer is not None:
        return f"{held}; older backups are never removed unless you ask. {keep_fewer}"
    return (
        f"{held}; older backups are never removed unless you ask. To keep only the newest N: "
        "medlocal settings set backup_keep N (then each backup removes the older ones), or now: "
        f"{prune_command(folder, 1, vault_folder)}"
    )


@dataclass(frozen=True)
class RoomAdvice:
    """For a backup refused for lack of space in ``folder``: the older MedLocal backups there
    (``note``), and how many of this vault's to keep there so that removing the older ones
    makes room (``keep``; None when no removal would, then ``last_only`` says whether even
    all but this vault's newest would not). Each face words the removal as its own action:
    the command line its ``--prune`` command (:meth:`command_text`), the window its Remove
    older backups button (left 51: the window showed the command)."""

    folder: Path
    note: str
    keep: int | None = None
    removed: int = 0
    last_only: bool = False

    def command_text(self, vault_folder: Path | None = None) -> str:
        """The note with the command that makes room (``vault_folder`` as for
        :func:`prune_command`)."""
        if self.keep is not None:
            return (
                f"{self.note} Removing this vault's oldest {self.removed} would make room: "
                f"{prune_command(self.folder, self.keep, vault_folder)}"
            )
        return self.note + LAST_ONLY if self.last_only else self.note


LAST_ONLY = (
    " Even removing all but this vault's newest would not make enough room there (MedLocal "
    "never removes the last one: copy it elsewhere before deleting it)."
)


def room_advice(folder: Path, vault_id: str | None, short_by: int) -> RoomAdvice | None:
    """What :class:`RoomAdvice` says for ``folder``, ``short_by`` bytes short; None when the
    folder holds no MedLocal backup. Nothing is removed here."""
    backups = list_backups(folder)
    if not backups:
        return None
    total = sum(b.size for b in backups)
    listed = "; ".join(f"{b.made}, {mb(b.size)}" for b in backups[-5:])
    more = f" (the newest 5: {listed})" if len(backups) > 5 else f" ({listed})"
    note = f" That folder holds {len(backups)} older MedLocal backup(s), {mb(total)} in all{more}."
    # The newest always stays: pruning keeps at least one (review 49b R2).
    mine = removable(backups, vault_id)[:-1] if vault_id else []
    freed = 0
    for removed, backup in enumerate(mine, start=1):
        freed += backup.size
        if freed >= short_by:
            return RoomAdvice(folder, note, len(mine) + 1 - removed, removed)
    last_only = bool(vault_id and of_vault(backups, vault_id))
    return RoomAdvice(folder, note, last_only=last_only)


def room_note(
    folder: Path, vault_id: str | None, short_by: int, vault_folder: Path | None = None
) -> str:
    """:func:`room_advice` as the command line says it: the older MedLocal backups in
    ``folder`` and the command that would make room by removing this vault's oldest ones
    (``vault_folder`` as for :func:`prune_command`); "" when the folder holds no backup."""
    advice = room_advice(folder, vault_id, short_by)
    return advice.command_text(vault_folder) if advice is not None else ""
