"""Creating a vault's files, unlocking them, and changing or rotating keys crash-safely.

Rotation protocol (the database and the key file cannot change in one atomic step):

1. write the key file with the new DEK's wraps under ``pending`` (old wraps untouched);
2. ``PRAGMA rekey`` to the new DEK (one SQLCipher transaction: old key or new key, never half);
3. write the key file with the pending wraps promoted and ``pending`` removed.

On unlock the current wrap's DEK is tried first; if the database rejects it and a pending wrap
exists, the pending DEK is tried and, when it opens the database, promoted. Whatever the moment of
a crash, the passphrase (and the recovery key) still open the vault.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlocal.errors import free_space_text
from medlocal.fsutil import (
    disk_full_error,
    folder_error_reason,
    fsync_dir,
    is_disk_full,
    private_dir,
    shown_path,
)
from medlocal.vault import db, keychain, keys, unrecorded
from medlocal.vault.backup_state import damaged_vault_message
from medlocal.vault.errors import (
    KeychainLockedError,
    KeychainNotRunningError,
    KeychainUnavailableError,
    KeyFileError,
    KeysChangedElsewhereError,
    PassphraseRequiredError,
    UnlockThrottledError,
    VaultCorruptedError,
    VaultExistsError,
    VaultFolderError,
    VaultInUseError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from medlocal.vault.inuse import other_openers
from medlocal.vault.keyfile import (
    KEY_FILE_NAME,
    LOCK_FILE_NAME,
    KeyFile,
    key_file_lock,
    load_key_file,
    new_vault_id,
    save_key_file,
)
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

# Called with a stage name during rotation; tests use it to kill the process at exact points.
RotationHook = Callable[[str], None]


@dataclass(frozen=True)
class VaultFiles:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / db.DB_FILE_NAME

    @property
    def key_file(self) -> Path:
        return self.folder / KEY_FILE_NAME

    def exists(self) -> bool:
        # A link to a database that is not there (a drive not connected) counts: never replaced.
        return self.key_file.exists() or self.database.exists() or self.database.is_symlink()

    def unfinished(self) -> bool:
        """Whether this is a vault whose creation never finished: its key file says so (see
        KeyFile.unfinished). It holds nothing, and a new vault (or a restored one) may be made
        in its place. Only the mark proves it (review 48 R1): a finished vault's key file is
        unmarked too, and its database may be moved away, on a drive that is not connected or
        emptied by a crash, so a key file without its database is never taken for half made."""
        try:
            return load_key_file(self.key_file).unfinished
        except KeyFileError:
            return False

    def _database_made(self) -> bool:
        """Whether the database holds anything: creation writes its schema at once, so a
        database file that is missing (or a link to one), or empty with no write-ahead log,
        holds nothing that can be opened here."""
        for path in (self.database, self.database.with_name(self.database.name + "-wal")):
            try:
                if path.stat().st_size > 0:
                    return True
            except FileNotFoundError:
                continue
            except OSError:  # cannot tell: never taken for missing
                return True
        return False

    def ready(self) -> bool:
        """Whether a vault that finished being created is here (one to unlock, not to make)."""
        return self.key_file.exists() and not self.unfinished()

    def key_file_lost(self) -> bool:
        """Whether a database that was written is here without its key file (a finished vault
        whose key file was moved or deleted: nothing in it opens without that file)."""
        return not self.key_file.exists() and self._database_made()

    def incomplete(self) -> bool:
        """Whether some of a vault's files are here but nothing that opens: a key file (not
        marked unfinished) whose database is missing, empty or a link to nothing, or an empty
        database without a key file. It may be a finished vault whose database was moved
        away or is on a drive not connected, or the interrupted setup of a version before the
        unfinished mark: nothing tells which, so it is replaced only when asked explicitly
        (:meth:`set_aside`)."""
        if self.unfinished() or self._database_made():
            return False
        return self.key_file.exists() or self.database.is_symlink() or self.database.exists()

    def set_aside(self) -> Path:
        """Move an :meth:`incomplete` vault's files (key file, database file or link, its
        journal files and session count) into a hidden folder beside this one, and return it;
        nothing is deleted, so a database brought back later still has its key file. Refused
        for any other vault, and while another process has it open."""
        if not self.incomplete():
            raise VaultExistsError(in_the_way_message(self.folder))
        if other_openers(self.database):
            raise VaultInUseError(
                f"The vault in {shown_path(self.folder)} is open in another MedLocal: close it "
                "first."
            )
        aside = self._aside_folder()
        aside.mkdir(mode=0o700)
        names = [KEY_FILE_NAME, unrecorded.NOTE_NAME]
        names += [self.database.name + suffix for suffix in ("", "-journal", "-wal", "-shm")]
        for name in names:
            entry = self.folder / name
            if entry.is_symlink() or entry.exists():
                os.replace(entry, aside / name)  # a link moves as a link: never followed
        fsync_dir(aside)
        fsync_dir(self.folder)
        log.warning("an incomplete vault's files were set aside beside its folder")
        return aside

    def _aside_folder(self) -> Path:
        stem = f"{_aside_prefix(self.folder)}{(self.vault_id() or 'unknown')[:8]}"
        aside, number = self.folder.parent / stem, 1
        while aside.exists() or aside.is_symlink():
            number += 1
            aside = self.folder.parent / f"{stem}-{number}"
        return aside

    def remove_unfinished(self) -> None:
        """Remove an unfinished vault's files, the key file last (until it goes, the folder
        still reads as unfinished, so a crash here is cleared by the next try). Refuses any
        other vault: only a vault whose key file carries the unfinished mark is removed."""
        if not self.unfinished():
            raise VaultExistsError(in_the_way_message(self.folder))
        if other_openers(self.database):  # a wizard still showing its recovery key, say
            raise VaultInUseError(
                f"Another MedLocal is creating the vault in {shown_path(self.folder)}: finish "
                "or close it first."
            )
        for suffix in ("-journal", "-wal", "-shm", ""):
            path = self.database.with_name(self.database.name + suffix)
            if not path.is_symlink():  # a link is not this vault's to remove: left in place
                path.unlink(missing_ok=True)
        unrecorded.remove(self.folder)
        self._forget_device_key()
        self.key_file.unlink(missing_ok=True)
        self.key_file.with_name(LOCK_FILE_NAME).unlink(missing_ok=True)  # empty; goes with it

    def _forget_device_key(self) -> None:
        """The keychain entry an unfinished vault was remembered with (the wizard remembers
        before it finishes) goes with it, not left behind under an id nothing will use."""
        with contextlib.suppress(KeyFileError):
            key_file = load_key_file(self.key_file)
            if "keychain" in key_file.wraps:
                try:
                    keychain.delete_device_key(_wrap_entry(key_file))
                except KeychainUnavailableError:
                    log.warning("the keychain entry of a replaced unfinished vault stays")

    def vault_id(self) -> str | None:
        """The vault's id, read from its key file without unlocking (None: no readable key
        file). The id is not secret: backups and the doctor's report name it."""
        try:
            return load_key_file(self.key_file).vault_id
        except KeyFileError:
            return None


@dataclass
class Unlocked:
    conn: db.Connection
    dek: SecretKey
    key_file: KeyFile
    method: str  # "passphrase" | "recovery" | "keychain"
    failures_to_log: int
    # The schema version this open migrated the vault from; None when nothing was migrated.
    upgraded_from: int | None = None


def create(folder: Path, passphrase: str, params: KdfParams) -> tuple[Unlocked, str]:
    """Create key file and database; return the open vault and the one-time recovery key."""
    if not passphrase:
        raise WrongPassphraseError("The passphrase must not be empty.")
    try:
        files = VaultFiles(private_dir(folder))
    except OSError as err:  # read-only medium, no permission, a file in the way
        reason = folder_error_reason(folder, err)
        raise VaultFolderError(
            f"Cannot create the vault folder {shown_path(folder)}: {reason}."
        ) from None
    if files.exists():
        files.remove_unfinished()  # refused (VaultExistsError) unless it never finished
    vault_id = new_vault_id()
    dek = SecretKey.generate()
    recovery_key = keys.new_recovery_key()
    public = keys.recovery_public_key(recovery_key)
    key_file = KeyFile(
        vault_id=vault_id,
        recovery_public=public,
        wraps={
            "passphrase": keys.wrap_with_passphrase(dek, passphrase, vault_id, params),
            "recovery": keys.wrap_for_recovery(dek, public, vault_id),
        },
        unfinished=True,  # until finish_creation, once the recovery key was shown
    )
    # Key file first, marked unfinished: a crash before the database is made, or before the
    # recovery key is shown, leaves a vault the next init replaces (walk 47a D1), never an
    # unopenable database without its keys.
    save_key_file(files.key_file, key_file)
    db.create_private_file(files.database)
    conn = db.connect(files.database, dek)
    db.migrate(conn)
    return Unlocked(conn, dek, key_file, "passphrase", 0), recovery_key


def finish_creation(files: VaultFiles, key_file: KeyFile) -> None:
    """Mark a new vault finished: its recovery key has been shown. Until then unlock refuses it
    and the next init replaces it. The key file in memory says finished only once the one on
    disk does (review 47 R2: marked first, a write that failed left a second Finish doing
    nothing and saying success, and the next start replaced the vault)."""
    finished = copy.deepcopy(key_file)
    finished.unfinished = False
    try:
        save_key_file(files.key_file, finished)
    except OSError as err:
        full = disk_full_error(err, files.folder)
        reason = (
            f"the disk is full, {free_space_text(full.free_bytes)}"
            if full is not None
            else (err.strerror or str(err)).lower()
        )
        raise VaultFolderError(
            f"The vault was not finished: its key file in {shown_path(files.folder)} could not "
            f"be written ({reason}). Free some space (or fix the folder) and try again."
        ) from err
    key_file.unfinished = False


def unfinished_message(folder: Path) -> str:
    return (
        f"The vault in {shown_path(folder)} was never finished: its creation stopped before the "
        "recovery key was shown, so it holds nothing. Run 'medlocal vault init' (or open the "
        "MedLocal window) to create it again, or 'medlocal vault restore BACKUP_FOLDER' to "
        "bring back a backup in its place."
    )


def incomplete_message(folder: Path) -> str:
    """What an :meth:`VaultFiles.incomplete` vault is, and both ways on: the database put back,
    or (an interrupted setup of an older version) an explicit start again."""
    files = VaultFiles(folder)
    name = files.database.name
    if files.database.is_symlink() and not files.database.exists():
        missing = shown_path(Path(os.readlink(files.database)))  # escaped, as every path said
        database = f"its database {name} is a link to {missing}, which is not there"
    elif files.database.exists():
        database = f"its database file ({name}) is empty"
    else:
        database = f"its database file ({name}) is missing"
    if files.key_file.exists():
        what = f"has its key file, but {database}"
    else:
        what = f"has no key file ({files.key_file.name}), and {database}"
    return (
        f"The vault in {shown_path(folder)} {what}. If you moved the database, or it is on a "
        "drive that is not connected, put it back (or connect the drive) and try again. Only if "
        "this is a setup an older MedLocal never finished (before its recovery key was shown), "
        "start again with 'medlocal vault init --start-over': the files now there are kept in "
        "a hidden folder beside the vault folder, never deleted."
    )


def _aside_prefix(folder: Path) -> str:
    return f".{folder.name}.set-aside-"


def set_aside_folders(folder: Path) -> list[Path]:
    """The hidden folders beside ``folder`` that :meth:`VaultFiles.set_aside` made (``vault init
    --start-over``): never deleted by MedLocal, since one may hold the database that was
    missing; ``doctor`` lists them so they are not forgotten."""
    folder, prefix = folder.expanduser(), _aside_prefix(folder)
    with contextlib.suppress(OSError):  # by name, not glob: a folder name may hold "[" or "*"
        return sorted(
            p for p in folder.parent.iterdir() if p.name.startswith(prefix) and p.is_dir()
        )
    return []


def in_the_way_message(folder: Path) -> str:
    """Why a new vault is not made in ``folder``, which holds one that is not unfinished."""
    files = VaultFiles(folder)
    if files.key_file_lost():
        return key_file_lost_message(folder)
    if files.incomplete():
        return incomplete_message(folder)
    return f"A vault already exists in {shown_path(folder)}."


def key_file_lost_message(folder: Path) -> str:
    files = VaultFiles(folder)
    # The database and the write-ahead files SQLite keeps beside it (walk 51a: the message named
    # no way forward for a folder holding a stray database).
    database = files.database
    leftovers = [
        path.name
        for path in (
            database,
            database.with_name(database.name + "-wal"),
            database.with_name(database.name + "-shm"),
        )
        if path.exists() or path.is_symlink()
    ] or [database.name]
    return (
        f"The vault in {shown_path(folder)} has its database but not its key file "
        f"({files.key_file.name}), without which nothing in it can be opened, not even with the "
        "recovery key. If you moved or renamed the key file, put it back; otherwise restore "
        "your latest backup in its place: 'medlocal vault restore BACKUP_FOLDER --replace'. "
        f"If the database is a leftover you do not need, move {_listed(leftovers)} out of that "
        "folder (nothing else there needs moving): then a new vault can be created, or a backup "
        "restored, there."
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def unlock(
    folder: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    use_keychain: bool = False,
) -> Unlocked:
    files = VaultFiles(folder)
    if files.unfinished():
        raise VaultNotFoundError(unfinished_message(folder))
    if files.key_file_lost():
        raise VaultCorruptedError(key_file_lost_message(folder))
    if files.incomplete():  # never opened: SQLCipher would make a new database in an empty file
        raise VaultCorruptedError(incomplete_message(folder))
    if not files.key_file.exists():
        raise VaultNotFoundError(
            f"No vault in {shown_path(folder)}. Create one with 'medlocal vault init'."
        )
    key_file = load_key_file(files.key_file)
    if use_keychain and "keychain" in key_file.wraps:
        try:
            entry = usable_entry(files, key_file)
            opened = _open(files, key_file, _keychain_opener(key_file, entry), "keychain")
        except (KeychainUnavailableError, WrongPassphraseError) as err:
            # Any keychain problem falls back to the passphrase, never to anything weaker.
            if passphrase is None and recovery_key is None:
                raise PassphraseRequiredError(
                    remembered_key_unused(err), window=remembered_key_unused(err, window=True)
                ) from None
        else:
            if entry == key_file.vault_id:
                _take_over_old_entry(files, opened)
            return opened
    if passphrase is None and recovery_key is None:
        raise PassphraseRequiredError("A passphrase is needed to unlock the vault.")
    wait = key_file.unlock_wait()
    if wait > 0:
        raise UnlockThrottledError(wait, key_file.failed_attempts)
    rewrap: Rewrap | None = None
    if recovery_key is not None:
        opener = _recovery_opener(key_file, recovery_key)
        method = "recovery"
    else:
        opener, rewrap = _passphrase_opener(key_file, passphrase or "")
        method = "passphrase"
    try:
        return _open(files, key_file, opener, method, rewrap)
    except WrongPassphraseError as err:
        _record_failure(files, key_file)
        wait = key_file.unlock_wait()
        if wait > 0:  # said now, not only when the next try is refused
            raise WrongPassphraseError(str(err), retry_after=wait) from err
        raise


Opener = Callable[[dict[str, dict[str, Any]]], SecretKey]
# Called with the key file and the DEK that opened the database, before the key file is saved.
Rewrap = Callable[[KeyFile, SecretKey], None]


def _passphrase_opener(key_file: KeyFile, passphrase: str) -> tuple[Opener, Rewrap]:
    """The opener, and what re-wraps the DEK under the passphrase's NFC form when only another
    form opened the wrap (a vault made before wraps used NFC, with the decomposed "e + ^" of
    some keyboards): each unlock of such a vault paid two Argon2id runs, NFC then the form that
    opens it (note 43); after one re-wrap the next unlock pays one. The new wrap goes into the
    same atomic key-file write as the unlock's counters (``save_key_file``): until that write,
    the old wrap on disk stays valid, so a crash at any moment leaves a key file that opens."""
    opened_with: list[str] = []

    def opener(wraps: dict[str, dict[str, Any]]) -> SecretKey:
        dek, form = keys.unwrap_with_passphrase_form(
            wraps["passphrase"], passphrase, key_file.vault_id
        )
        opened_with.append(form)  # the last one is the wrap that opened the database
        return dek

    def rewrap(opened: KeyFile, dek: SecretKey) -> None:
        if not opened_with or keys.is_nfc(opened_with[-1]):
            return
        params = KdfParams.from_dict(opened.wraps["passphrase"].get("params") or {})
        opened.wraps["passphrase"] = keys.wrap_with_passphrase(
            dek, passphrase, opened.vault_id, params
        )

    return opener, rewrap


def _recovery_opener(key_file: KeyFile, recovery_key: str) -> Opener:
    def opener(wraps: dict[str, dict[str, Any]]) -> SecretKey:
        if "recovery" not in wraps:
            raise KeyFileError("The vault key file has no recovery wrap.")
        return keys.unwrap_with_recovery(wraps["recovery"], recovery_key, key_file.vault_id)

    return opener


# Said when the remembered key is not used, after why (walk 49a D3: it never said how to fix).
REMEMBER_AGAIN = (
    "To unlock without the passphrase again, run 'medlocal vault remember' (in the window: "
    "Settings, Remember on this computer); to stop MedLocal trying, run 'medlocal vault forget'."
)
# The same, as the window says it: its own control first (walk 52b L1, L2).
REMEMBER_AGAIN_WINDOW = (
    "To unlock without the passphrase again, tick Remember on this computer in Settings once "
    "unlocked; to stop MedLocal trying, untick it there."
)
# After a restore that could not keep "remembered": only how to remember again.
REMEMBER_AFTER_RESTORE = (
    "To unlock without the passphrase again, run 'medlocal vault remember' (in the window: "
    "Settings, Remember on this computer)."
)
REMEMBER_AFTER_RESTORE_WINDOW = (
    "To unlock without the passphrase again, tick Remember on this computer in Settings once "
    "unlocked."
)
# The stored reason when another vault's backup replaced a remembered, just-made vault (review
# 52b F5): the keychain was not "not usable", the choice was not carried.
ANOTHER_VAULT_RESTORED = "the backup is of another vault"
# A locked keychain keeps its entry: unlocking it, not remembering again, is the fix (L1).
UNLOCK_THE_KEYCHAIN = (
    "Unlock it (on Linux: Passwords and Keys, the Login keyring, Unlock; or sign out and in "
    "again) and MedLocal unlocks without the passphrase at its next start."
)
MOVED_HERE = (
    "This vault was remembered in another folder and was copied or moved here since; that "
    "folder's remembered key is not used for this one"
)


def remembered_key_unused(err: Exception, *, window: bool = False) -> str:
    """Why the keychain did not unlock the vault, that the passphrase is needed, and how to make
    "remember" work again or stop it being tried (``window``: worded with the window's own
    controls first)."""
    if isinstance(err, KeychainLockedError):
        return f"{str(err).rstrip('.')}. So the passphrase is needed now. {UNLOCK_THE_KEYCHAIN}"
    if isinstance(err, KeychainNotRunningError):
        return (
            f"{str(err).rstrip('.')}, so the passphrase is needed now. At a start where the "
            "keychain runs (a desktop session), MedLocal unlocks without the passphrase again."
        )
    if isinstance(err, WrongPassphraseError):
        reason = (
            "The key in this computer's keychain does not open this vault (the keychain entry "
            "or the vault's key file was replaced)"
        )
    else:
        reason = str(err).rstrip(".")
    again = REMEMBER_AGAIN_WINDOW if window else REMEMBER_AGAIN
    return f"{reason}, so the passphrase is needed. {again}"


def unremembered_reason(folder: Path, *, window: bool = False) -> str | None:
    """Why a vault that unlocked without the passphrase here no longer does (a restore that
    could not use the keychain, walk 52b M1), for the start that asks for the passphrase; None
    when there is nothing to say."""
    try:
        reason = load_key_file(VaultFiles(folder).key_file).unremembered
    except (KeyFileError, OSError):
        return None
    if not reason:
        return None
    # Nothing is remembered now, so nothing to stop trying (review 52b F8: "untick it there"
    # named a box no longer ticked).
    again = REMEMBER_AFTER_RESTORE_WINDOW if window else REMEMBER_AFTER_RESTORE
    if reason == ANOTHER_VAULT_RESTORED:
        cause = (
            "the vault it replaced was remembered in the OS keychain, but the backup is of "
            "another vault and that choice was not carried to it"
        )
    else:
        cause = f"the OS keychain could not be used during the restore ({reason})"
    return (
        "This vault was restored from a backup and no longer unlocks without the passphrase on "
        f"this computer: {cause}. So the passphrase is needed. {again}"
    )


def _wrap_entry(key_file: KeyFile) -> str:
    """The keychain entry the key file's wrap was made with: the one it names, or the vault's
    id alone for a wrap made before entries were named per folder."""
    return str(key_file.wraps["keychain"].get("entry") or key_file.vault_id)


def usable_entry(files: VaultFiles, key_file: KeyFile) -> str:
    """The keychain entry that holds this vault's device key here (a look-up, no unlock);
    :class:`KeychainUnavailableError` saying why none does: the vault was remembered in
    another folder (a copy, walk 49a D2), or the keychain has no such entry (D3)."""
    here = keychain.entry_name(key_file.vault_id, files.folder)
    recorded = key_file.wraps["keychain"].get("entry")
    if recorded is not None and recorded != here:
        raise KeychainUnavailableError(f"{MOVED_HERE}.")
    try:
        keychain.require(here)
        return here
    except keychain.EntryMissingError:
        if recorded is not None:
            raise
    keychain.require(key_file.vault_id)  # named the old way, by the vault's id alone
    return key_file.vault_id


def remembered_problem(files: VaultFiles, key_file: KeyFile) -> str | None:
    """Why a remembered vault's keychain entry cannot unlock it here (a look-up, no unlock: a
    status line must not say "remembered" of a key that is gone, walk 49a D3); None when it
    can be tried, or when the vault is not remembered."""
    if "keychain" not in key_file.wraps:
        return None
    try:
        usable_entry(files, key_file)
    except KeychainUnavailableError as err:
        return str(err)
    return None


def _take_over_old_entry(files: VaultFiles, opened: Unlocked) -> None:
    """A vault remembered before entries were named per folder: its key is moved to this
    folder's own entry, which the wrap now names (a copy made before then is told its key is
    not in the keychain, and is remembered again). Best effort: if the key file cannot name
    the entry, the old one is kept and still opens the vault."""
    here = keychain.entry_name(opened.key_file.vault_id, files.folder)

    def name_it(current: KeyFile) -> None:
        if "keychain" in current.wraps:
            current.wraps["keychain"] = {**current.wraps["keychain"], "entry": here}

    with contextlib.suppress(KeychainUnavailableError, KeyFileError, OSError):
        keychain.copy_entry(opened.key_file.vault_id, here)
        opened.key_file = update_key_file(files, opened.key_file, name_it, kept=_dek_kept)
        keychain.delete_device_key(opened.key_file.vault_id)


def _keychain_opener(key_file: KeyFile, entry: str) -> Opener:
    device_key, backend = keychain.load_device_key(entry)

    def opener(wraps: dict[str, dict[str, Any]]) -> SecretKey:
        wrap = wraps.get("keychain")
        if wrap is None:
            raise KeychainUnavailableError("This vault is not remembered on this computer.")
        if wrap.get("backend") != backend:
            raise KeychainUnavailableError("The keychain differs from the one that was remembered.")
        return keys.unwrap_with_device_key(wrap, device_key, key_file.vault_id, backend)

    return opener


def _open(
    files: VaultFiles,
    key_file: KeyFile,
    opener: Opener,
    method: str,
    rewrap: Rewrap | None = None,
) -> Unlocked:
    on_disk = copy.deepcopy(key_file.to_json())  # the wraps are changed in place
    dek = opener(key_file.wraps)
    try:
        conn = db.connect(files.database, dek)
    except db.KeyRejectedError:
        dek.wipe()
        conn, dek = _open_pending(files, key_file, opener)
    except BaseException:
        dek.wipe()  # a busy vault (VaultBusyError) or anything else: the key leaves memory
        raise
    else:
        if key_file.pending is not None:
            key_file.pending = None  # a rotation stopped before its rekey: forget it
    try:
        before = db.migrate(conn)
    except BaseException as err:
        # A vault busy with another process (VaultBusyError) is closed and its key wiped too.
        conn.close()
        dek.wipe()
        if isinstance(err, db.DatabaseError):
            raise VaultCorruptedError(damaged_vault_message(vault_folder=files.folder)) from err
        raise
    failures = key_file.unlogged_failures
    key_file.failed_attempts = 0
    key_file.last_failed_at = 0.0
    key_file.unlogged_failures = 0
    try:
        if rewrap is not None:
            rewrap(key_file, dek)
        if key_file.to_json() != on_disk:  # most unlocks change nothing: no write for them
            key_file = _save_opened(files, key_file, on_disk)
    except Exception as err:
        if not is_disk_full(err):
            conn.close()
            dek.wipe()
            raise
        # A full disk (walk 47a D3): the key file on disk is the old one, which still opens
        # (a rotation's pending wrap is promoted at a later unlock); reading goes on. Its
        # failures stay in it, to be logged by the unlock that clears them: logged now too,
        # they were counted twice (review 47 R4).
        key_file.unlogged_failures = failures
        failures = 0
    except BaseException:
        # Not written (a full or read-only disk, a crash): the key file on disk is the old one,
        # which still opens; the vault is not left open with its key in memory.
        conn.close()
        dek.wipe()
        raise
    # Version 0 is a database whose creation stopped before its first migration: no upgrade.
    upgraded = before if 0 < before < SCHEMA_VERSION else None
    return Unlocked(conn, dek, key_file, method, failures, upgraded)


def _save_opened(files: VaultFiles, key_file: KeyFile, loaded: dict[str, Any]) -> KeyFile:
    """Write what the unlock changed (counters cleared, a re-wrap, a rotation finished) unless
    another process changed the key file since it was ``loaded`` (a passphrase changed in the
    second the unlock took): then only the counters are cleared, in the file as it is now,
    which this process keeps from then on (walk 49a D1)."""
    with key_file_lock(files.key_file):
        current = load_key_file(files.key_file)
        if current.to_json() == loaded:
            save_key_file(files.key_file, key_file)
            return key_file
        current.failed_attempts = 0
        current.last_failed_at = 0.0
        current.unlogged_failures = 0
        save_key_file(files.key_file, current)
        return current


def _dek_kept(seen: KeyFile, current: KeyFile) -> bool:
    """Whether the key file on disk still wraps the data key of the copy this process holds:
    only a rotation changes the recovery wrap (and only it writes ``pending``)."""
    return (
        current.vault_id == seen.vault_id
        and current.wraps.get("recovery") == seen.wraps.get("recovery")
        and current.pending == seen.pending
    )


def _passphrase_kept(seen: KeyFile, current: KeyFile) -> bool:
    return _dek_kept(seen, current) and current.wraps["passphrase"] == seen.wraps["passphrase"]


KeptCheck = Callable[[KeyFile, KeyFile], bool]


def update_key_file(
    files: VaultFiles,
    seen: KeyFile,
    change: Callable[[KeyFile], None],
    kept: KeptCheck | None = _passphrase_kept,
) -> KeyFile:
    """Apply ``change`` to the key file as it is on disk now, under its lock, write it and
    return it: never the copy loaded at unlock, which would put back a passphrase another
    process changed since (walk 49a D1). ``kept(seen, current)`` says whether what ``change``
    relies on is still there; when not, nothing is written (:class:`KeysChangedElsewhereError`).
    The failed-unlock counters are always the disk's."""
    with key_file_lock(files.key_file):
        current = load_key_file(files.key_file)
        if kept is not None and not kept(seen, current):
            raise KeysChangedElsewhereError()
        change(current)
        save_key_file(files.key_file, current)
    return current


def _open_pending(
    files: VaultFiles, key_file: KeyFile, opener: Opener
) -> tuple[db.Connection, SecretKey]:
    if key_file.pending is None:
        raise VaultCorruptedError(damaged_vault_message(vault_folder=files.folder))
    dek = opener(key_file.pending)
    try:
        conn = db.connect(files.database, dek)
    except db.KeyRejectedError as err:
        dek.wipe()
        raise VaultCorruptedError(damaged_vault_message(vault_folder=files.folder)) from err
    except BaseException:
        dek.wipe()
        raise
    # The rotation's rekey committed before the crash: finish it now.
    key_file.wraps = key_file.pending
    key_file.pending = None
    return conn, dek


def _record_failure(files: VaultFiles, key_file: KeyFile) -> None:
    """Count the failure in the key file as it is now (its wraps may have changed since it was
    read: they are left as they are), and in ``key_file`` for the wait said now."""

    def count(current: KeyFile) -> None:
        current.failed_attempts += 1
        current.unlogged_failures += 1
        current.last_failed_at = time.time()

    count(key_file)
    # A read-only medium must not hide the real error; nor may a key file gone meanwhile.
    with contextlib.suppress(OSError, KeyFileError):
        written = update_key_file(files, key_file, count, kept=None)
        key_file.failed_attempts = written.failed_attempts
        key_file.last_failed_at = written.last_failed_at


def change_passphrase(
    files: VaultFiles, key_file: KeyFile, dek: SecretKey, new_passphrase: str, params: KdfParams
) -> KeyFile:
    """Re-wrap the DEK under a new passphrase; the database is untouched. Refused when the
    passphrase was changed elsewhere since ``key_file`` was read. Returns the key file written."""
    if not new_passphrase:
        raise WrongPassphraseError("The passphrase must not be empty.")
    wrap = keys.wrap_with_passphrase(dek, new_passphrase, key_file.vault_id, params)
    return update_key_file(files, key_file, lambda current: _set_wrap(current, "passphrase", wrap))


def _set_wrap(key_file: KeyFile, name: str, wrap: dict[str, Any]) -> None:
    key_file.wraps[name] = wrap


def remember(files: VaultFiles, key_file: KeyFile, dek: SecretKey) -> tuple[KeyFile, str]:
    """Add the keychain wrap to the key file as it is now (a passphrase changed elsewhere is
    kept); returns the key file written and the backend name."""
    backend = ""

    def add(current: KeyFile) -> None:
        nonlocal backend
        here = keychain.entry_name(current.vault_id, files.folder)
        device_key, backend = keychain.store_device_key(here)
        try:
            wrap = keys.wrap_with_device_key(dek, device_key, current.vault_id, backend)
        finally:
            device_key.wipe()
        current.wraps["keychain"] = {**wrap, "entry": here}
        current.unremembered = ""

    return update_key_file(files, key_file, add, kept=_dek_kept), backend


def unremembered_said(files: VaultFiles, key_file: KeyFile) -> KeyFile:
    """Clear the stored "why the passphrase is asked" (walk 52b M1) once a start has shown it
    and the person has unlocked since. Not at every unlock (review 52b F10): a scripted one
    (``--passphrase-file``) shows nothing, and the next start must still say it."""
    if not key_file.unremembered:
        return key_file

    def clear(current: KeyFile) -> None:
        current.unremembered = ""

    return update_key_file(files, key_file, clear, kept=None)


def forget(files: VaultFiles, key_file: KeyFile) -> KeyFile:
    """Remove the keychain wrap from the key file as it is now (whatever else changed in it),
    and this folder's keychain entry; never another folder's (a copy forgotten left the
    original unremembered, walk 49a D2). A wrap made before entries were named per folder
    names none: its entry, by the vault's id alone, goes too."""
    wrap: dict[str, Any] = {}

    def drop(current: KeyFile) -> None:
        wrap.update(current.wraps.pop("keychain", {}))

    written = update_key_file(files, key_file, drop, kept=None)
    keychain.delete_device_key(keychain.entry_name(written.vault_id, files.folder))
    if wrap and "entry" not in wrap:
        keychain.delete_device_key(written.vault_id)
    return written


def rotate(
    files: VaultFiles,
    key_file: KeyFile,
    conn: db.Connection,
    dek: SecretKey,
    passphrase: str,
    hook: RotationHook | None = None,
) -> SecretKey:
    """Re-encrypt the database under a fresh DEK; return it. The passphrase is needed to wrap the
    new key (it is checked against the current wrap first); the recovery key is re-sealed to its
    stored public key, so the printed recovery key keeps working."""
    step = hook or (lambda _stage: None)
    current = keys.unwrap_with_passphrase(
        key_file.wraps["passphrase"], passphrase, key_file.vault_id
    )
    same = current.equals(dek)
    current.wipe()
    if not same:
        raise WrongPassphraseError("The passphrase does not match this vault.")
    params = KdfParams.from_dict(key_file.wraps["passphrase"]["params"])
    new_dek = SecretKey.generate()
    pending = {
        "passphrase": keys.wrap_with_passphrase(new_dek, passphrase, key_file.vault_id, params),
        "recovery": keys.wrap_for_recovery(new_dek, key_file.recovery_public, key_file.vault_id),
    }
    if "keychain" in key_file.wraps:
        with contextlib.suppress(KeychainUnavailableError):
            entry = usable_entry(files, key_file)
            device_key, backend = keychain.load_device_key(entry)
            wrap = keys.wrap_with_device_key(new_dek, device_key, key_file.vault_id, backend)
            device_key.wipe()
            recorded = key_file.wraps["keychain"].get("entry")
            pending["keychain"] = {**wrap, "entry": recorded} if recorded else wrap
    with key_file_lock(files.key_file):
        # A passphrase changed elsewhere since this unlock is not put back (walk 49a D1).
        if not _passphrase_kept(key_file, load_key_file(files.key_file)):
            new_dek.wipe()
            raise KeysChangedElsewhereError()
        key_file.pending = pending
        save_key_file(files.key_file, key_file)
    step("pending-written")
    try:
        db.rekey(conn, new_dek)
    except BaseException:
        # The rekey is one transaction: it failed as a whole, so the old key is still in force.
        new_dek.wipe()
        key_file.pending = None
        with contextlib.suppress(OSError):
            save_key_file(files.key_file, key_file)
        raise
    step("rekeyed")
    key_file.wraps = pending
    key_file.pending = None
    save_key_file(files.key_file, key_file)
    step("committed")
    return new_dek
