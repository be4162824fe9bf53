"""Backup, verification and restore as both faces use them (the services are in medlocal.vault).

The window locks its own vault around a restore (the service only detects a vault open in
another process) and keeps the idle lock from firing in the middle of a backup."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medlocal.app.vault_session import upgrade_notice
from medlocal.errors import GenerationCancelled, MedLocalError, UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.progress import ProgressCallback, check_cancel
from medlocal.vault.backup import BackupResult, VerifyResult, create_backup, verify_backup
from medlocal.vault.backup_files import (
    check_creatable,
    check_destination,
    find_backups,
    first_missing,
    folder_bytes,
    unfinished_backups,
)
from medlocal.vault.backup_listing import folder_summary, list_backups
from medlocal.vault.backup_state import backup_due, backup_summary
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.manifest import BackupRefusedError, DamagedBackupError
from medlocal.vault.restore import (
    PreparedRestore,
    RestoreResult,
    after_colon,
    finish_restore,
    prepare_restore,
    restore_backup,
)
from medlocal.vault.store import Vault
from medlocal.vault.unrecorded import UNRECORDED_EVENT


def backup_destination(chosen: str | Path | None, setting: str) -> Path:
    """Where to write: what the user chose now, else the backup folder setting (a full path)."""
    value = str(chosen) if chosen else setting
    if not value:
        raise UserInputError(
            "Choose where to write the backup (a USB drive, a trusted share), or set a backup "
            "folder in Settings."
        )
    return full_path(value, "The backup folder")


def full_path(value: str | Path, what: str, *, example: str = "", thing: str = "folder") -> Path:
    """``value`` as a path, refused unless it is a full one (``~`` allowed). The window has no
    meaningful current folder (it is wherever the app was started from), so a relative path
    would silently mean a folder nobody chose (session 39's walk; walk 52a: an export typed as
    "letter.txt" landed in the folder MedLocal was started from). The CLI resolves relative
    paths against the shell's folder itself before it gets here. ``example`` and ``thing``
    (a "folder", a "file") fit the message to what is asked for."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise UserInputError(
            f"{what} needs a full path, such as {example or _EXAMPLE}, not '{value}': a "
            f"relative one would mean a {thing} inside wherever MedLocal was started from. "
            f"Use Choose… to pick the {thing}."
        )
    return path


_EXAMPLE = r"E:\MedLocal backups" if sys.platform == "win32" else "/media/usb/medlocal-backups"


@dataclass(frozen=True)
class NewFolder:
    """A backup folder that does not exist yet and may be made (with its parents)."""

    folder: Path
    first_missing: Path  # the topmost folder of its path that is missing (the folder itself)

    def question(self) -> str:
        """What the window asks before making it: the full path, and the missing chain."""
        if self.first_missing == self.folder:
            missing = f"The folder {shown_path(self.folder)} does not exist yet."
        else:
            missing = (
                f"The folder {shown_path(self.folder)} does not exist yet, nor does "
                f"{shown_path(self.first_missing)}: every missing folder on the way will be "
                "created. If it should be on a USB drive or a network share, check that it is "
                "plugged in or connected first, or the backup will be on this computer's disk "
                "instead."
            )
        return f"{missing}\n\nCreate it and write the backup there?"


def folder_to_create(destination: Path) -> NewFolder | None:
    """The backup folder to make, with what is missing on its way, when it does not exist yet;
    None when it exists and can be written. :class:`BackupRefusedError`, with what is wrong,
    for a file where a folder should be, a folder that cannot be written or made, or a missing
    folder where drives appear (an unplugged stick under ``/media/me``: never made on the local
    disk). The window checks this before asking and before the backup starts; ``vault backup``
    checks it before asking the passphrase, then makes the chain unasked, as ``mkdir -p``."""
    folder = destination.expanduser().resolve()
    if folder.exists():
        check_destination(folder)  # a file, or read-only
        return None
    check_creatable(folder)
    return NewFolder(folder, first_missing(folder))


def back_up(
    vault: Vault,
    passphrase: str,
    destination: Path,
    *,
    keep: int | None = None,
    create_folder: bool = False,
    create_parents: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> BackupResult:
    if not vault.check_passphrase(passphrase):
        raise UserInputError("That is not the vault's passphrase: the backup needs it.")
    # An idle lock half-way would leave a published backup without its audit entry.
    vault.touch()
    return create_backup(
        vault,
        passphrase,
        destination,
        keep=keep,
        create_folder=create_folder,
        create_parents=create_parents,
        progress=progress,
        cancel=cancel,
    )


# Audit events a vault that never held a record may have: it was made, unlocked, locked, its
# passphrase or keys changed, a model loaded, a backup taken (review 43, D1), its schema upgraded
# (walk 44 D5), or a session on a full disk noted as unrecorded (review 47 R3). Any other event (a
# patient, document, chat, output or collection added or removed, an ask, a search, a restore)
# means it held records once, even if none is left: its audit trail is then worth keeping.
UNUSED_VAULT_EVENTS = frozenset(
    {
        "create",
        "unlock",
        "lock",
        "failed_unlock",
        "key_change",
        "model_load",
        "backup",
        "upgrade",
        UNRECORDED_EVENT,
    }
)


def vault_records(vault: Vault) -> list[str]:
    """What in the open ``vault`` shows it holds or once held records, in words ("2 patients",
    "an audit trail of records added or removed"); empty for a vault that never held one (a
    just-made vault, which a backup of another vault may replace: walk 43 D1)."""
    status = vault.status()
    found = [
        f"{count} {noun}{'' if count == 1 else 's'}"
        for count, noun in (
            (status.patients, "patient"),
            (status.documents, "document"),
            (len(vault.list_chats()), "chat"),
            (len(vault.list_outputs()), "saved output"),
            (len(vault.list_collections()), "collection"),
        )
        if count
    ]
    if vault.audit_entries(limit=1, hide=UNUSED_VAULT_EVENTS):
        found.append("an audit trail of records added or removed")
    return found


# The confirmation question and the CLI name exactly what a replace of such a vault loses.
UNUSED_VAULT_WORDS = (
    "has never held a record (no patients, documents, chats, saved outputs or collections; its "
    "audit trail records only its creation, unlocks and settings)"
)


def empty_vault_id(vault: Vault | None) -> str | None:
    """The id of ``vault`` when it is open and never held a record (:func:`vault_records` is
    empty: a vault the first-run wizard just made), else None. Such a vault may be replaced by a
    backup of another vault after one confirmation (walk 43 D1: a second computer could not
    restore the clinic's backup once the wizard had made its own vault); a vault that holds or
    held records never is (review 43, D1: chats, outputs, collections and the audit trail of a
    vault whose patients were removed were lost)."""
    if vault is None or vault.is_locked:
        return None
    return None if vault_records(vault) else vault.vault_id


def changed_while_read(target: Path, records: Sequence[str]) -> BackupRefusedError:
    """The refusal when the vault to replace gained records (or locked) after it was checked,
    while the backup was read (review 43, D2): nothing was replaced."""
    what = ", ".join(records) if records else "it locked, so it could not be checked again"
    return BackupRefusedError(
        f"The vault in {shown_path(target)} changed while the backup was read ({what}), so it was "
        "not replaced: nothing was changed. To restore this backup there anyway: back that vault "
        "up first, close MedLocal, move the folder aside (keep it), then restore again."
    )


def lock_if_unused(vault: Vault, target: Path, reason: str = "restore") -> None:
    """Lock ``vault`` if it still never held a record, checked with its session held so that
    no other thread writes between the check and the lock; else refuse, leaving it open
    (:func:`changed_while_read`). The restore's last check before a swap (review 43, D2)."""

    def check() -> None:
        if records := vault_records(vault):
            raise changed_while_read(target, records)

    try:
        vault.lock_after(check, reason)
    except VaultLockedError as err:
        raise changed_while_read(target, []) from err


def open_unused_vault(
    folder: Path, passphrase: str, *, notice: Callable[[str], None] | None = None
) -> tuple[str, list[str]]:
    """Open the vault in ``folder`` with its own ``passphrase`` (the one its owner typed: never
    a guess, as each wrong try counts against the owner's unlocks, review 43 D3) and lock it
    again: its id and :func:`vault_records`. ``notice`` hears the upgrade notice when this open
    upgraded the vault (it stays upgraded if the restore is then refused)."""
    with Vault.open(folder, passphrase=passphrase) as vault:
        if notice is not None and (note := upgrade_notice(vault)) is not None:
            notice(note)
        return vault.vault_id, vault_records(vault)


@dataclass(frozen=True)
class BackupCheck:
    """One backup re-checked by :func:`verify_backups`: its result, or why it failed."""

    folder: Path
    result: VerifyResult | None = None
    error: MedLocalError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self) -> str:
        """One line naming the backup: what the CLI prints and the window lists."""
        if self.error is not None or self.result is None:
            return f"FAILED  {shown_name(self.folder.name)}: {self.error}"
        counts = self.result.counts
        return (
            f"OK      {shown_name(self.folder.name)}: made {self.result.header.created_at[:19]}, "
            f"{counts['documents']} documents, {counts['chunks']} passages, "
            f"{counts['audit']} audit entries; every check passed"
        )


def verify_backups(
    path: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    on_check: Callable[[BackupCheck], None] | None = None,
) -> list[BackupCheck]:
    """Re-check every backup at ``path`` (one backup, or each in a folder of backups, oldest
    first), as ``vault backup --verify`` and the window's Verify both do. A single backup that
    fails raises its error; in a folder each failure is recorded and the rest are checked.
    ``on_check`` hears each result as it comes."""
    folders = find_backups(path.expanduser())
    checks: list[BackupCheck] = []
    for folder in folders:
        check_cancel(cancel, "the verification")
        try:
            result = verify_backup(
                folder,
                passphrase=passphrase,
                recovery_key=recovery_key,
                progress=progress,
                cancel=cancel,
            )
        except GenerationCancelled:
            raise
        except DamagedBackupError as err:
            if len(folders) == 1:
                # Named, as a restore names it (walk 43 D12: "--verify" of a damaged backup
                # said what was damaged but not which backup).
                raise DamagedBackupError(
                    f"The backup {shown_name(folder.name)} in {shown_path(folder.parent)} is "
                    f"damaged: {after_colon(str(err))}"
                ) from err
            check = BackupCheck(folder, error=err)
        except MedLocalError as err:
            if len(folders) == 1:
                raise
            check = BackupCheck(folder, error=err)
        else:
            check = BackupCheck(folder, result=result)
        checks.append(check)
        if on_check is not None:
            on_check(check)
    return checks


__all__ = [
    "BackupCheck",
    "BackupResult",
    "Held",
    "NewFolder",
    "PreparedRestore",
    "RestoreResult",
    "VerifyResult",
    "back_up",
    "backup_destination",
    "backup_due",
    "backup_holds",
    "backup_summary",
    "changed_while_read",
    "empty_vault_id",
    "finish_restore",
    "folder_summary",
    "folder_to_create",
    "full_path",
    "held_in",
    "held_now",
    "list_backups",
    "lock_if_unused",
    "loss_note",
    "open_unused_vault",
    "opened_backup_holds",
    "prepare_restore",
    "restore_backup",
    "vault_records",
    "verify_backup",
    "verify_backups",
]


def unfinished_note(folder: Path) -> str:
    """One line naming the unfinished backup folders in ``folder`` (a killed backup leaves one,
    hidden, a vault's size: walk 37), or "" when there are none. ``doctor`` and ``vault backup
    --verify`` both say it."""
    found = unfinished_backups(folder)
    if not found:
        return ""
    size = sum(folder_bytes(p) for p in found)
    names = ", ".join(p.name for p in found)
    return (
        f"{len(found)} unfinished backup folder(s) in {shown_path(folder)}, left by an interrupted "
        f"backup (or one running now): {names} ({size / 1e6:.1f} MB). The next backup of a vault "
        "to that folder removes its own once over an hour old (never another computer's); you may "
        "also delete them."
    )


# --- what a restore over a newer vault loses (walk 49b D7) -----------------------------------


@dataclass(frozen=True)
class Held:
    """How many patients and documents a vault (or a backup) holds."""

    patients: int
    documents: int

    def words(self) -> str:
        return (
            f"{self.patients} patient{'' if self.patients == 1 else 's'} and "
            f"{self.documents} document{'' if self.documents == 1 else 's'}"
        )


def held_now(vault: Vault) -> Held:
    status = vault.status()
    return Held(status.patients, status.documents)


def held_in(counts: dict[str, int]) -> Held:
    """From a backup's (or a restore result's) counts."""
    return Held(int(counts.get("patients", 0)), int(counts.get("documents", 0)))


def backup_holds(source: Path, passphrase: str | None, recovery_key: str | None) -> Held | None:
    """What the backup a restore from ``source`` would take holds (its sealed counts, opened
    with the passphrase or recovery key: one key derivation); None when it cannot be read
    (the restore itself then says why)."""
    try:
        return opened_backup_holds(source, passphrase, recovery_key)
    except (MedLocalError, OSError):
        return None


def opened_backup_holds(source: Path, passphrase: str | None, recovery_key: str | None) -> Held:
    """:func:`backup_holds`, raising why the backup cannot be opened (a wrong passphrase or
    recovery key, no backup there): the window checks this before it asks "Restore over this
    vault?" (walk 50a D5: a wrong passphrase was said only after the question)."""
    from medlocal.vault.manifest import open_contents, read_manifest, unwrap_backup_key
    from medlocal.vault.restore import backup_to_restore

    folder, _header = backup_to_restore(source)
    manifest = read_manifest(folder)
    key = unwrap_backup_key(manifest, passphrase=passphrase, recovery_key=recovery_key)
    try:
        return held_in(open_contents(key, manifest).counts)
    finally:
        key.wipe()


def loss_note(now: Held | None, backup: Held | None, why: str = "it is locked") -> str:
    """What replacing a vault holding ``now`` with a backup holding ``backup`` changes, in one
    sentence for the restore's question and result (walk 49b D7: it said what the restore
    brings, never what it loses, nor that patients removed since come back). ``why``: why
    ``now`` is None."""
    if now is None:
        return (
            f"What the vault there holds now was not counted ({why}); everything added since "
            "the backup was made will be lost, and anything removed since comes back."
        )
    if backup is None:
        return (
            f"The vault there holds {now.words()} now; everything added since the backup was made "
            "will be lost, and anything removed since comes back."
        )
    lost = [
        f"{now.patients - backup.patients} fewer patient(s)"
        if now.patients > backup.patients
        else "",
        f"{now.documents - backup.documents} fewer document(s)"
        if now.documents > backup.documents
        else "",
    ]
    change = "; ".join(x for x in lost if x)
    return (
        f"The vault there holds {now.words()} now; the backup holds {backup.words()}"
        f"{f' ({change})' if change else ''}. Everything added or changed since the backup was "
        "made is lost, and patients or documents removed since come back."
    )
