"""Restoring a vault from a backup (Qt-free; the CLI and the window call this).

The restore is built in ``.<target>.restore-<random>`` beside the target and only moved into place
once it is whole: the parts are checked against the manifest and joined, the snapshot verified
(page HMACs, integrity, manifest MAC, audit chain, counts), migrated when it comes from an older
schema, given a ``restore`` audit entry, re-encrypted under a fresh data key (the backup key
stays the backup's own) and given a key file with the passphrase and recovery wraps. The printed
recovery key keeps working: the restore re-seals to the recovery public key the backup carries.

Over an existing vault (``replace``) the two folders are exchanged atomically where the OS can
(Linux ``renameat2``), the restored vault is opened once more, and only then is the old one
removed; if that check fails or is interrupted the exchange is undone, and where undoing it
fails the old vault is left where it lies (never deleted) and the error names that folder. A
vault that another process has open is never replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import secrets
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlocal.errors import UserInputError
from medlocal.fsutil import folder_error_reason, fsync_dir, private_dir, shown_name, shown_path
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.vault import backup_check, backup_files, db, keychain, keys, schema, unrecorded
from medlocal.vault.audit import AuditLog
from medlocal.vault.backup_state import record_verified
from medlocal.vault.errors import (
    KeychainLockedError,
    KeychainNotRunningError,
    KeychainUnavailableError,
    KeyFileError,
)
from medlocal.vault.keyfile import KeyFile, load_key_file, save_key_file
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.manifest import (
    MANIFEST_NAME,
    BackupError,
    BackupRefusedError,
    Contents,
    DamagedBackupError,
    Header,
    Manifest,
    UnfinishedBackupError,
    open_contents,
    read_manifest,
    reading_a_given_backup,
    sha256_hex,
    unwrap_backup_key,
)
from medlocal.vault.unlock import (
    ANOTHER_VAULT_RESTORED,
    VaultFiles,
    incomplete_message,
    usable_entry,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    vault_folder: Path
    backup: Path
    header: Header
    counts: dict[str, int]
    migrated_from: int | None
    replaced: bool
    new_passphrase: bool = False  # the restored vault got a passphrase given with the restore
    migrated_to: int = schema.SCHEMA_VERSION  # the vault format it has now
    # Whether the replaced vault unlocked from this computer's keychain, and what became of
    # that (walk 52b M1: a restore silently ended it): see :meth:`keychain_note`.
    remembered: RememberedAfterRestore | None = None

    def keychain_note(self) -> str:
        """What became of "Unlock without the passphrase on this computer" ("" when the
        replaced vault was not remembered)."""
        return self.remembered.note() if self.remembered is not None else ""

    def upgrade_note(self) -> str:
        """What both faces say when the backup came from an older MedLocal and its vault was
        upgraded (review 44b B6: the window said nothing), else ""."""
        if self.migrated_from is None:
            return ""
        return (
            f"The backup's vault was upgraded from vault format {self.migrated_from} to "
            f"{self.migrated_to}: older MedLocal versions cannot open the restored vault."
        )

    def outcome_note(self) -> str:
        """:meth:`upgrade_note` (when there is one) and :meth:`unlock_note`, as the window
        shows them after a restore."""
        notes = (self.upgrade_note(), self.unlock_note(), self.keychain_note())
        return " ".join(note for note in notes if note)

    def unlock_note(self) -> str:
        """Which passphrase opens the restored vault, in words both faces show: a backup keeps
        the passphrase the vault had when it was made, so one set since does not open it."""
        if self.new_passphrase:
            return "The restored vault opens with the new passphrase given for it."
        made = self.header.created_at[:16].replace("T", " ")
        return (
            f"The restored vault opens with the passphrase the vault had when this backup was "
            f"made ({made} UTC), not with a passphrase set since then."
        )


@dataclass(frozen=True)
class RememberedAfterRestore:
    """The replaced vault was remembered in this computer's OS keychain: ``kept`` when the
    restored vault was wrapped under the same keychain key (it unlocks without the passphrase
    as before), else ``reason`` says why it was not and the passphrase is asked."""

    kept: bool
    reason: str = ""
    # Another vault's backup replaced it (review 52b F5): the choice is not carried, and the
    # replaced vault's keychain entries (named here) are deleted once the restore is in place.
    another_vault: bool = False
    left_entries: tuple[str, ...] = ()

    def note(self) -> str:
        if self.kept:
            return (
                "On this computer it still unlocks without the passphrase (remembered in the OS "
                "keychain, as the replaced vault was)."
            )
        if self.another_vault:
            return (
                "It does not unlock without the passphrase on this computer: the vault it "
                "replaced was remembered in the OS keychain, but the backup is of another "
                "vault, and that choice is not carried to it (the replaced vault's keychain "
                "entry was removed). To unlock without the passphrase, tick Remember on this "
                "computer in Settings (or run 'medlocal vault remember')."
            )
        return (
            "It no longer unlocks without the passphrase on this computer: the OS keychain "
            f"could not be used during the restore ({self.reason.rstrip('.')}). To unlock "
            "without the passphrase again, tick Remember on this computer in Settings (or run "
            "'medlocal vault remember')."
        )


def restore_backup(
    source: Path,
    target: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    new_passphrase: str | None = None,
    replace: bool = False,
    replaceable: str | None = None,
    last_check: Callable[[], None] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> RestoreResult:
    """Restore the backup at ``source`` (a backup folder, its manifest, or a folder of backups:
    the newest is taken) into ``target``.

    ``target`` must be empty or new, unless ``replace`` is given and it holds this same vault,
    closed, or the vault whose id is ``replaceable`` (one the caller found never held a record:
    a just-made vault on a second computer, walk 43 D1; ``last_check`` then checks that again
    just before the swap, see :func:`finish_restore`). Opening the backup
    takes the passphrase the vault had when it was made, or the recovery key; with the recovery
    key, ``new_passphrase`` sets the restored vault's passphrase (with the passphrase it stays
    the same unless ``new_passphrase`` is given). Every refusal and
    failure leaves ``target`` as it was. The backup's files are read once.
    """
    prepared = prepare_restore(
        source,
        target,
        passphrase=passphrase,
        recovery_key=recovery_key,
        new_passphrase=new_passphrase,
        replace=replace,
        replaceable=replaceable,
        progress=progress,
        cancel=cancel,
    )
    return finish_restore(
        prepared,
        replace=replace,
        replaceable=replaceable,
        last_check=last_check,
        progress=progress,
        cancel=cancel,
    )


@dataclass
class PreparedRestore:
    """A backup read once, checked whole and joined into a staging folder beside its target,
    ready to be installed by :func:`finish_restore`; :meth:`discard` removes it unused."""

    folder: Path
    manifest: Manifest
    target: Path
    staging: Path
    backup_key: SecretKey
    contents: Contents
    vault_passphrase: str
    new_passphrase: bool
    done: bool = False
    # Set just before the old vault is moved out of the target (review 41, D2): from then on
    # the staging name may hold the PREVIOUS vault (the atomic exchange leaves it there), so
    # discard() must never remove it; cleared only once the previous vault is back in place.
    staging_may_hold_previous: bool = False

    def discard(self) -> None:
        """Wipe the key and remove the staging folder (nothing once installed or discarded,
        and never while it may hold the previous vault)."""
        if self.done:
            return
        self.done = True
        self.backup_key.wipe()
        if not self.staging_may_hold_previous:
            backup_files.remove_tree(self.staging)


def prepare_restore(
    source: Path,
    target: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    new_passphrase: str | None = None,
    replace: bool | None = None,
    replaceable: str | None = None,
    target_open_here: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> PreparedRestore:
    """Everything of a restore that reads the backup, without touching any vault: the backup
    :func:`restore_backup` would take from ``source`` is finished, not from a newer MedLocal,
    opens with this passphrase or recovery key (a recovery-key restore has its new passphrase),
    and each part, read once, has the size and SHA-256 the manifest records as it is joined into
    a staging folder beside ``target``; the joined snapshot then passes every check (page HMACs,
    integrity, manifest MAC, audit chain, counts, schema). The window does this before it locks
    its vault (walk 40: a truncated backup locked it, then failed), and the backup is no longer
    read twice, once to check and once to restore (session 40: slow for a large vault on USB).
    A damaged backup raises :class:`DamagedBackupError` naming it and any sound older backup
    beside it; the staging folder is removed on every failure. With ``replace`` given, a
    target that must not be touched is refused before the backup is read (:func:`finish_restore`
    checks it again). The window passes ``target_open_here``: its own vault there is open until
    it locks it, so whether another process has it open is left to :func:`finish_restore` (the
    probe would drop this process's own locks), but a vault there without ``replace`` or a
    backup of another vault is still refused here, before the lock (review 41, D3)."""
    with reading_a_given_backup():
        found = backup_files.find_backups(source.expanduser())
        folder, manifest = _choose(found)
    try:
        return _prepare(
            folder,
            manifest,
            target.expanduser(),
            passphrase=passphrase,
            recovery_key=recovery_key,
            new_passphrase=new_passphrase,
            replace=replace,
            replaceable=replaceable,
            target_open_here=target_open_here,
            progress=progress,
            cancel=cancel,
        )
    except DamagedBackupError as err:
        # Walk 40: "The backup file vault.db.000 is truncated" named neither the backup nor the
        # older, sound one beside it. Say which backup, and point at an older one that checks
        # out (never restored in its place unasked: it is older, and the person chooses).
        older = [f for f in found if f != folder]
        note = _older_backup_note(older, passphrase, recovery_key, progress, cancel)
        raise DamagedBackupError(
            f"The backup {shown_name(folder.name)} (made {_made(manifest.header)}) in "
            f"{shown_path(folder.parent)} is damaged: {after_colon(str(err))}{note}"
        ) from err


def after_colon(text: str) -> str:
    """``text`` continuing a sentence after a colon: its first letter lower-case unless the
    first word is a name or code ("vault.db.000", "SHA-256"), as walk 43 D12 read "is damaged:
    The backup file …"."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _made(header: Header) -> str:
    return f"{header.created_at[:16].replace('T', ' ')} UTC"


def _older_backup_note(
    older: list[Path],
    passphrase: str | None,
    recovery_key: str | None,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> str:
    """ " " + where an older backup in the same folder is sound (its manifest opens with the
    same passphrase or recovery key and every file matches its checksum), newest first; "" when
    there is none to point at."""
    if not older:
        return ""
    for folder in sorted(older, key=lambda f: f.name, reverse=True):  # names start with the date
        check_cancel(cancel, "the restore")
        try:
            manifest = read_manifest(folder)
            key = unwrap_backup_key(manifest, passphrase=passphrase, recovery_key=recovery_key)
            try:
                contents = open_contents(key, manifest)
            finally:
                key.wipe()
            backup_files.check_parts(folder, contents.parts, progress, cancel)
        except (BackupError, KeyFileError, UserInputError):  # damaged, or another passphrase
            continue
        return (
            " An older backup in the same folder checks out (every file matches its checksum): "
            f"{folder.name}, made {_made(manifest.header)}. To restore it, name its folder: "
            f"{shown_path(folder)}"
        )
    return (
        f" No older backup in the same folder checks out with this "
        f"{'recovery key' if recovery_key else 'passphrase'} ({len(older)} checked)."
    )


def _prepare(
    folder: Path,
    manifest: Manifest,
    target: Path,
    *,
    passphrase: str | None,
    recovery_key: str | None,
    new_passphrase: str | None,
    replace: bool | None,
    replaceable: str | None,
    target_open_here: bool,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> PreparedRestore:
    _check_schema(manifest.header)
    if replace is not None:
        _check_target(
            target,
            manifest.header,
            replace,
            replaceable,
            probe_open=not target_open_here,
            clear_unfinished=False,  # only once the backup opened (finish_restore): review 48 R2
        )
    vault_passphrase = _restored_passphrase(passphrase, new_passphrase)
    with reading_a_given_backup():
        backup_key = unwrap_backup_key(manifest, passphrase=passphrase, recovery_key=recovery_key)
    try:
        staging = _staging(target)
    except BaseException:
        backup_key.wipe()
        raise
    try:
        with reading_a_given_backup():
            contents = open_contents(backup_key, manifest)
            database = VaultFiles(staging).database
            # The one read of the backup: each part's size and SHA-256 are checked as it is
            # joined; the checks after it read the joined copy, not the backup.
            backup_files.join_parts(folder, contents.parts, database, progress, cancel)
            backup_check.check_snapshot(database, backup_key, manifest, contents, progress, cancel)
    except BaseException:
        backup_key.wipe()
        backup_files.remove_tree(staging)
        raise
    return PreparedRestore(
        folder,
        manifest,
        target,
        staging,
        backup_key,
        contents,
        vault_passphrase,
        new_passphrase=new_passphrase is not None,
    )


def finish_restore(
    prepared: PreparedRestore,
    *,
    replace: bool = False,
    replaceable: str | None = None,
    last_check: Callable[[], None] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> RestoreResult:
    """Install a :func:`prepare_restore`: refuse a target that must not be touched (a vault
    there without ``replace``, another vault's, one open in another process), then migrate,
    record the restore, re-encrypt, check the result opens and matches, and move it into place.
    The staging folder and key are gone afterwards, whatever happened, except where the previous
    vault could not be put back after a failed replace: then that folder is kept, and named.

    A ``replaceable`` vault (another vault's, found never to have held a record) was checked
    before the backup was read, which takes minutes from a USB stick; records added meanwhile
    would be lost with it (review 43, D2). So the caller passes ``last_check``, run first here,
    before anything is written: it checks the vault again and leaves it locked (the window's
    workspace checks and locks its open vault in one hold; the command line opens it with its
    owner's passphrase), or raises to refuse with nothing replaced."""
    if prepared.done:
        raise ValueError("this restore was already installed or discarded")
    header, contents, staging = prepared.manifest.header, prepared.contents, prepared.staging
    target = prepared.target
    try:
        if replaceable is not None:
            if last_check is None:
                raise ValueError("replacing another vault needs last_check")
            last_check()
        replacing = _check_target(target, header, replace, replaceable)
        check_cancel(cancel, "the restore")
        report(progress, Progress("installing", 0, 3, "re-encrypting", "steps"))
        manifest_sha = sha256_hex((prepared.folder / MANIFEST_NAME).read_bytes())
        files = VaultFiles(staging)
        dek = _finish_database(files.database, prepared.backup_key, header, manifest_sha)
        try:
            carried, remembered = _keychain_wrap(target, header.vault_id, replacing, dek)
            _write_key_file(
                files,
                prepared.manifest,
                contents,
                dek,
                prepared.vault_passphrase,
                carried,
                unremembered=remembered.reason if remembered and not remembered.kept else "",
            )
        finally:
            dek.wipe()
        expected = {**contents.counts, "audit": contents.counts["audit"] + 1}
        _check_vault(staging, prepared.vault_passphrase, expected)
        check_cancel(cancel, "the restore")
        report(progress, Progress("installing", 1, 3, "moving into place", "steps"))
        _install(prepared, replacing, expected)
        if remembered is not None:
            _delete_left_entries(remembered.left_entries)
        prepared.backup_key.wipe()
        prepared.done = True
        _record_restored_from(prepared.folder, header)
        report(progress, Progress("installing", 3, 3, "done", "steps"))
    finally:
        prepared.discard()
    newest = len(schema.MIGRATIONS)
    migrated = header.schema_version if header.schema_version < newest else None
    return RestoreResult(
        target,
        prepared.folder,
        header,
        contents.counts,
        migrated,
        replacing,
        new_passphrase=prepared.new_passphrase,
        migrated_to=newest,
        remembered=remembered,
    )


def _record_restored_from(folder: Path, header: Header) -> None:
    """The backup just restored was checked whole (every part's size and checksum, the
    snapshot's page MACs, integrity, audit chain and counts), as `vault backup --verify` checks
    one: it is recorded as this vault's verified backup (walk 52b L6: right after a restore onto
    a new computer the window said there was no recent verified backup). Best effort: the
    restore is done, and a record that cannot be written only means a reminder."""
    try:
        record_verified(folder, header)
    except OSError as err:
        log.warning("the restored backup could not be recorded as verified: %s", err)


# --- before anything is written -------------------------------------------------------------


def backup_to_restore(source: Path) -> tuple[Path, Header]:
    """The backup :func:`restore_backup` takes from ``source``, with its clear header, so that a
    face can name it (and its date) before asking to replace a vault."""
    folder, manifest = _choose(backup_files.find_backups(source.expanduser()))
    return folder, manifest.header


def _check_schema(header: Header) -> None:
    newest = len(schema.MIGRATIONS)
    if header.schema_version > newest:
        raise BackupRefusedError(
            f"This backup was made by a newer MedLocal (vault schema {header.schema_version}; "
            f"this one knows up to {newest}). Update MedLocal to restore it."
        )


def _restored_passphrase(passphrase: str | None, new_passphrase: str | None) -> str:
    chosen = new_passphrase or passphrase
    if chosen is None:
        raise BackupRefusedError(
            "Restoring with the recovery key needs a new passphrase for the restored vault."
        )
    return chosen


def leftover_folders(target: Path) -> list[Path]:
    """Folders an interrupted restore left beside the vault in ``target``: ``.NAME.restore-*``
    (the previous vault after the swap, or an unfinished restored one) and ``.NAME.replaced-*``
    (the previous vault between two renames). Never deleted automatically: they may hold the
    only copy of recent work. ``doctor`` lists them."""
    parent = target.expanduser().parent
    found: list[Path] = []
    for kind in ("restore", "replaced"):
        with contextlib.suppress(OSError):
            found.extend(p for p in parent.glob(f".{target.name}.{kind}-*") if p.is_dir())
    return sorted(found)


def _choose(folders: list[Path]) -> tuple[Path, Manifest]:
    """The newest backup; a folder holding backups of several vaults is ambiguous."""
    for folder in folders:
        if not backup_files.is_published(folder):
            raise UnfinishedBackupError(
                f"{folder.name} is not a finished backup (it was interrupted)."
            )
    manifests = {folder: read_manifest(folder) for folder in folders}
    newest = max(manifests, key=lambda folder: manifests[folder].header.created_at)
    if len({m.header.vault_id for m in manifests.values()}) > 1:
        raise BackupRefusedError(
            f"{shown_path(newest.parent)} holds backups of more than one vault; name the backup "
            "folder to restore."
        )
    return newest, manifests[newest]


def _check_target(
    target: Path,
    header: Header,
    replace: bool,
    replaceable: str | None = None,
    *,
    probe_open: bool = True,
    clear_unfinished: bool = True,
) -> bool:
    """Whether a vault is being replaced; refuses what must not be touched. A vault of another
    id is replaced only when it is ``replaceable`` (the caller opened it and found it never held
    a record). ``probe_open`` False skips the probe for another process's use (this
    process has the vault open). An unfinished vault (an interrupted vault init's: it holds
    nothing, walk 47a D1) is removed with ``clear_unfinished``, else only let through: a
    restore refused later (a wrong passphrase) leaves the target as it was."""
    files = VaultFiles(target)
    if files.unfinished():
        if not clear_unfinished:
            return False
        files.remove_unfinished()
    if files.exists():
        if not replace and files.incomplete():  # its database moved away, say: said so (R1)
            raise BackupRefusedError(incomplete_message(target))
        if not replace:
            raise BackupRefusedError(
                f"A vault already exists in {shown_path(target)}. Restore into an empty folder, or "
                "replace it with --replace (it is kept until the restored vault verifies)."
            )
        try:
            current = load_key_file(files.key_file).vault_id
        except KeyFileError:
            current = None  # a vault whose key file is lost is exactly what a restore is for
        if current is not None and current != header.vault_id and current != replaceable:
            raise BackupRefusedError(another_vault_refusal(header.vault_id, target, current))
        if probe_open:
            ensure_not_open(files.database)
        return True
    if target.exists() and not target.is_dir():
        raise BackupRefusedError(
            f"{shown_path(target)} is a file, not a folder; restore into an empty or new folder."
        )
    if target.exists() and not unrecorded.only_note_in(target) and any(target.iterdir()):
        # A folder holding only a gone vault's session count is as good as empty (left48a).
        raise BackupRefusedError(
            f"{shown_path(target)} is not empty (it holds {_some_entries(target)}); restore "
            "into an empty or new folder, or move those out of it first."
        )
    return False


def _some_entries(folder: Path, most: int = 3) -> str:
    """A few of a folder's entries by name, to say what is in a restore's way."""
    names = sorted(shown_name(entry.name) for entry in folder.iterdir())
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def another_vault_refusal(backup_vault: str, target: Path, current: str) -> str:
    """Why a backup of another vault does not replace the vault in ``target``, with the next
    step (walk 43 D1: "restore it into an empty folder" was a step neither face offered)."""
    return (
        f"This backup was made by another vault ({backup_vault[:8]}), not the one in "
        f"{shown_path(target)} ({current[:8]}), which holds or once held records (patients, "
        "documents, chats, saved outputs, collections or their audit trail) or was not opened to "
        "check, so it is not replaced. To restore it anyway: back that vault up first, close "
        f"MedLocal, move the folder {shown_path(target)} aside (keep it: it holds the only copy of "
        "its records), then "
        'start MedLocal and choose "Restore from a backup" (or run `medlocal vault restore '
        "BACKUP_FOLDER`)."
    )


def ensure_not_open(database: Path) -> None:
    """Refuse when another process has the vault open.

    Every SQLite connection to a WAL database holds a shared lock on byte 128 of its ``-shm``
    file (the "DMS" slot) for as long as it is open, so an exclusive probe of that byte fails
    while anyone uses the vault. (POSIX only; on Windows the open files make the later rename
    fail instead.) The probe must not run in a process that itself holds the vault open: closing
    our descriptor would drop that connection's POSIX locks.
    """
    shm = database.with_name(database.name + "-shm")
    if sys.platform == "win32" or not shm.exists():
        return
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128, os.SEEK_SET)
    except OSError as err:
        raise BackupRefusedError(
            # Named as another process: the window that asks has locked its own vault by
            # now, so "lock it" would point at the wrong one (walk 27).
            f"Another MedLocal window or command has the vault in {shown_path(database.parent)} "
            "open. Close that window or let the command finish, then restore again."
        ) from err
    finally:
        os.close(fd)


def _staging(target: Path) -> Path:
    try:
        parent = private_dir(target.parent)
        staging = parent / f".{target.name}.restore-{secrets.token_hex(4)}"
        staging.mkdir(mode=0o700)
    except OSError as err:  # read-only medium, no permission, a file in the way
        reason = folder_error_reason(target, err)
        raise BackupRefusedError(f"Cannot restore into {shown_path(target)}: {reason}.") from None
    return staging


# --- building the restored vault ------------------------------------------------------------


def _finish_database(
    database: Path, backup_key: SecretKey, header: Header, manifest_sha: str
) -> SecretKey:
    """Migrate, record the restore, re-encrypt under a fresh data key; return that key."""
    conn = db.connect(database, backup_key)
    try:
        db.migrate(conn)
        audit_key = backup_check.audit_key(conn)
        try:
            with db.transaction(conn):
                AuditLog(conn, audit_key).append(
                    "restore",
                    {
                        "backup_id": header.backup_id,
                        "manifest_sha256": manifest_sha,
                        "from_schema": header.schema_version,
                    },
                )
        finally:
            audit_key.wipe()
        dek = SecretKey.generate()
        db.rekey(conn, dek)
    finally:
        conn.close()
    return dek


def _keychain_wrap(
    target: Path, vault_id: str, replacing: bool, dek: SecretKey
) -> tuple[dict[str, Any] | None, RememberedAfterRestore | None]:
    """The restored vault's keychain wrap when the vault it replaces (the same vault, in the
    same folder) was remembered on this computer, and what the restore says about it.

    Walk 52b M1: a restore over a remembered vault silently ended "unlock without the
    passphrase". The restored vault's new data key is wrapped under the same keychain key
    instead, as a key rotation does: nothing is opened to anyone who could not open this vault
    before (the same OS account's keychain, the same vault and folder, a choice its owner
    made), and the restore itself was authorised with the backup's passphrase or recovery key.
    Another vault's backup (over a just-made vault) is not carried: that choice was made for
    the vault it replaces. Any keychain problem leaves the restored vault unremembered, and
    the result says so and how to remember it again."""
    if not replacing:
        return None, None
    files = VaultFiles(target)
    try:
        previous = load_key_file(files.key_file)
    except KeyFileError:
        return None, None
    if "keychain" not in previous.wraps:
        return None, None
    if previous.vault_id != vault_id:
        # Review 52b F5: said, and this folder's entry of the replaced vault does not stay
        # behind. Not the old id-only name of an unnamed wrap (review 53a): every copy of that
        # vault elsewhere unlocks with it, and the one in another folder lost its "remembered".
        return None, RememberedAfterRestore(
            kept=False,
            reason=ANOTHER_VAULT_RESTORED,
            another_vault=True,
            left_entries=(keychain.entry_name(previous.vault_id, target),),
        )
    try:
        entry = usable_entry(files, previous)
        device_key, backend = keychain.load_device_key(entry)
    except KeychainUnavailableError as err:
        return None, RememberedAfterRestore(kept=False, reason=_reason_in_a_restore(err))
    try:
        wrap = keys.wrap_with_device_key(dek, device_key, vault_id, backend)
    finally:
        device_key.wipe()
    recorded = previous.wraps["keychain"].get("entry")
    return ({**wrap, "entry": recorded} if recorded else wrap), RememberedAfterRestore(kept=True)


def _delete_left_entries(entries: tuple[str, ...]) -> None:
    """Delete the replaced vault's keychain entries; a keychain that does not answer leaves
    them (the restore is done: an orphaned entry opens nothing without its key file's wrap)."""
    for entry in entries:
        try:
            keychain.delete_device_key(entry)
        except KeychainUnavailableError as err:
            log.warning("the replaced vault's keychain entry was left (%s)", err)


def _reason_in_a_restore(err: KeychainUnavailableError) -> str:
    """Why the keychain could not carry "remembered" over a restore, as said after it. The
    keychain's own wording speaks of an unlock ("the remembered key is still in it"): after a
    restore the restored key has no keychain wrap, and unlocking the keychain later does not
    bring it back (review 52b F8)."""
    if isinstance(err, KeychainLockedError):
        return "this computer's keychain was locked"
    if isinstance(err, KeychainNotRunningError):
        return "no OS keychain was running for this account"
    return str(err)


def _write_key_file(
    files: VaultFiles,
    manifest: Manifest,
    contents: Contents,
    dek: SecretKey,
    passphrase: str,
    keychain_wrap: dict[str, Any] | None = None,
    *,
    unremembered: str = "",
) -> None:
    vault_id = manifest.header.vault_id
    params = KdfParams.from_dict(manifest.wraps["passphrase"].get("params") or {})
    wraps = {
        "passphrase": keys.wrap_with_passphrase(dek, passphrase, vault_id, params),
        "recovery": keys.wrap_for_recovery(dek, contents.recovery_public, vault_id),
    }
    if keychain_wrap is not None:
        wraps["keychain"] = keychain_wrap
    key_file = KeyFile(
        vault_id=vault_id,
        recovery_public=contents.recovery_public,
        wraps=wraps,
        unremembered=unremembered.rstrip("."),  # the next start says why (see KeyFile)
    )
    save_key_file(files.key_file, key_file)


def _check_vault(folder: Path, passphrase: str, expected: dict[str, int]) -> None:
    """Open a restored vault the way an unlock would and compare what it holds."""
    files = VaultFiles(folder)
    key_file = load_key_file(files.key_file)
    dek = keys.unwrap_with_passphrase(key_file.wraps["passphrase"], passphrase, key_file.vault_id)
    try:
        conn = db.connect(files.database, dek)
    except db.KeyRejectedError as err:
        raise BackupError("The restored vault does not open with its new key.") from err
    finally:
        dek.wipe()
    try:
        audit_key = backup_check.audit_key(conn)
        try:
            chain = AuditLog(conn, audit_key).verify()
        finally:
            audit_key.wipe()
        if not chain.ok or backup_check.count_rows(conn) != expected:
            raise BackupError("The restored vault does not match the backup.")
    finally:
        conn.close()
    fsync_dir(folder)


def _install(prepared: PreparedRestore, replacing: bool, expected: dict[str, int]) -> None:
    """Move the checked staging folder into place. Over a vault, the previous one is deleted
    only once the restored vault is in place and opened again; on any failure before that
    (Ctrl-C too) it is put back, and where putting it back fails it is left untouched where it
    lies and the error names that folder (review 41, D2: it used to be deleted)."""
    staging, target = prepared.staging, prepared.target
    if not replacing:
        if target.exists():
            # Checked empty before the work began, or holding only a session count: the
            # restored vault's own goes with it, another vault's is dropped.
            unrecorded.carry(target, staging, prepared.manifest.header.vault_id)
            target.rmdir()
        os.rename(staging, target)
        fsync_dir(target.parent)
        return
    ensure_not_open(VaultFiles(target).database)  # again: it may have been opened meanwhile
    # Both folders hold a vault of the same id; which is which after a failure is told by the
    # folders themselves (a rename keeps a folder's inode), not by what this code believes it
    # did: an interrupt can land between a rename and the line that would record it.
    previous = _Folder.of(target)
    # Before the swap, not after: an interrupt right after it must not let discard() remove
    # the previous vault, which the exchange leaves under the staging name.
    prepared.staging_may_hold_previous = True
    old = staging
    try:
        if not _exchange(staging, target):
            old = target.parent / f".{target.name}.replaced-{secrets.token_hex(4)}"
            os.rename(target, old)
            os.rename(staging, target)
        fsync_dir(target.parent)
        _check_vault(target, prepared.vault_passphrase, expected)
    except BaseException as err:
        _put_back(prepared, previous, old, err)
        raise
    prepared.staging_may_hold_previous = False
    backup_files.remove_tree(old)


@dataclass(frozen=True)
class _Folder:
    """A folder's identity across renames (device and inode)."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> _Folder:
        found = path.stat()
        return cls(found.st_dev, found.st_ino)

    def is_at(self, path: Path) -> bool:
        try:
            return _Folder.of(path) == self
        except OSError:
            return False


def _put_back(
    prepared: PreparedRestore, previous: _Folder, old: Path, failure: BaseException
) -> None:
    """Undo a replace that failed after (or while) the previous vault was moved out of the
    target: put it back, the restored vault going to the staging name to be removed. Where the
    previous vault never left the target, nothing is moved. Where it cannot be put back it stays
    where it is, never deleted, and the error says where (``doctor`` lists the folder too)."""
    staging, target = prepared.staging, prepared.target
    try:
        if not previous.is_at(target):
            if not target.exists():  # the second of the two renames failed
                os.rename(old, target)
            elif not _exchange(old, target):
                os.rename(target, staging)
                os.rename(old, target)
            fsync_dir(target.parent)
    except BaseException as err:
        if previous.is_at(target):  # back in place all the same (interrupted after the move)
            prepared.staging_may_hold_previous = False
        else:
            kept = next((p for p in (old, staging) if previous.is_at(p)), old)
            aside = (
                f"move {shown_path(target)} aside (it holds the restored vault, not verified) and "
                if target.exists()
                else ""
            )
            raise BackupError(
                f"The restore failed ({_reason(failure)}) and the previous vault could not be put "
                f"back ({_reason(err)}). It is kept, unchanged, in {shown_path(kept)} (never "
                f"deleted; `medlocal doctor` lists it). To use it again, {aside}rename "
                f"{shown_path(kept)} to {shown_path(target)}; it opens with its old passphrase."
            ) from failure
        raise
    # The previous vault is the target again; the staging name holds the restored one or
    # nothing, and may be removed.
    prepared.staging_may_hold_previous = False


def _reason(err: BaseException) -> str:
    if isinstance(err, KeyboardInterrupt):
        return "interrupted"
    return str(err) or type(err).__name__


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where
    the OS or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(code, os.strerror(code), str(second))
