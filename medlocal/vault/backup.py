"""Encrypted, verified backups of an open vault (Qt-free; the CLI and the window call these).

``create_backup`` takes a consistent online snapshot with ``sqlcipher_export`` from a second
connection inside one read transaction (WAL lets imports go on meanwhile; the snapshot holds each
document wholly or not at all), into a database keyed with a fresh random backup key. That key is
wrapped under the passphrase's key and the recovery public key (see manifest.py), never the
keychain. The snapshot is staged next to the vault (local disk), copied into ``.<name>.partial``
on the destination in FAT32-sized parts, the manifest written, everything verified from the
destination, and only then renamed to its final name. Old backups of this vault beyond ``keep``
are removed after that, and the vault's audit log records the backup with the manifest's hash.

Nothing is ever written in plaintext: the staged snapshot and the parts are SQLCipher pages under
the backup key; the manifest's contents are sealed.
"""

from __future__ import annotations

import contextlib
import errno
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from medlocal import paths
from medlocal.errors import MedLocalError
from medlocal.fsutil import atomic_write_private, shown_path
from medlocal.progress import Progress, ProgressCallback, check_cancel, report
from medlocal.vault import backup_check, backup_files, db, keys
from medlocal.vault.backup_listing import list_backups, of_vault, removable
from medlocal.vault.backup_state import VerifiedBackup, last_verified_backup, record_verified
from medlocal.vault.errors import VaultCorruptedError, VaultLockedError, WrongPassphraseError
from medlocal.vault.keyfile import KEY_FILE_NAME, KeyFile, load_key_file
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.manifest import (
    MANIFEST_NAME,
    BackupError,
    BackupRefusedError,
    Contents,
    Header,
    Manifest,
    UnfinishedBackupError,
    compute_mac,
    manifest_mac_key,
    open_contents,
    read_manifest,
    reading_a_given_backup,
    seal_contents,
    sha256_hex,
    unwrap_backup_key,
    wrap_backup_key,
)
from medlocal.vault.store import Vault

__all__ = [
    "BackupError",
    "BackupRefusedError",
    "BackupResult",
    "Pruned",
    "VerifiedBackup",
    "VerifyResult",
    "create_backup",
    "last_verified_backup",
    "prune_and_record",
    "prune_backups",
    "remove_and_record",
    "verify_backup",
]

SNAPSHOT_PREFIX = ".backup-"
STALE_S = 3600.0  # leftovers of killed runs older than this are removed


@dataclass(frozen=True)
class BackupResult:
    path: Path
    header: Header
    counts: dict[str, int]
    manifest_sha256: str
    snapshot_bytes: int
    removed: tuple[Path, ...] = ()
    created_folder: bool = False  # the destination folder was made for this backup
    # Why removing older backups (``keep``) failed after this one was written and verified:
    # the backup stands; "" when nothing failed (left 49: create_backup raised instead).
    prune_warning: str = ""


@dataclass(frozen=True)
class VerifyResult:
    path: Path
    header: Header
    counts: dict[str, int]
    manifest_sha256: str


@dataclass
class _Snapshot:
    path: Path
    schema_version: int
    counts: dict[str, int]
    audit_seq: int
    audit_mac: str
    audit_key: SecretKey


def create_backup(
    vault: Vault,
    passphrase: str,
    destination: Path,
    *,
    keep: int | None = None,
    part_bytes: int = backup_files.PART_BYTES,
    create_folder: bool = False,
    create_parents: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> BackupResult:
    """Back up the open ``vault`` into a new folder inside ``destination``.

    ``create_folder`` makes a missing ``destination`` when only its own name is missing (see
    :func:`backup_files.may_create_destination`), once the passphrase is known to be right; with
    ``create_parents`` also its missing parents (the window, after asking with the full path).
    What was made is removed again if the backup fails.

    ``passphrase`` must be the vault's current passphrase: the backup key is wrapped under it.
    ``keep`` removes this vault's oldest backups in ``destination`` beyond that many, only after
    the new one verified. Raises :class:`BackupRefusedError` (nothing written) for a missing or
    read-only destination, :class:`WrongPassphraseError`, :class:`BackupError` when the written
    backup does not verify or the disk fills (the partial folder is removed either way), and
    :class:`GenerationCancelled` when ``cancel`` is set.
    """
    if keep is not None and keep < 1:
        raise BackupRefusedError("--keep must be at least 1.")
    if vault.is_locked:  # the backup event must be recorded in the vault it copies
        raise VaultLockedError("The vault is locked; unlock it to back it up.")
    destination = destination.expanduser().resolve()
    make_folder = create_folder and backup_files.may_create_destination(
        destination, parents=create_parents
    )
    if create_folder and create_parents and not make_folder and not destination.exists():
        backup_files.check_creatable(destination)  # a file or read-only folder in the way
    if not make_folder:
        backup_files.check_destination(destination)
    made_top = backup_files.first_missing(destination) if make_folder else destination
    key_file = load_key_file(vault.folder / KEY_FILE_NAME)
    kek, dek = _passphrase_keys(key_file, passphrase)
    created = datetime.now(UTC)  # microseconds: retention orders backups made in one second
    name = backup_files.backup_name(created, key_file.vault_id)
    backup_key = SecretKey.generate()
    snapshot_path = vault.folder / f"{SNAPSHOT_PREFIX}{secrets.token_hex(4)}.snapshot"
    staging: Path | None = None
    staging_lock: backup_files.StagingLock | None = None
    snap: _Snapshot | None = None
    published = False
    try:
        if make_folder:
            backup_files.make_destination(destination, parents=create_parents)
        _remove_stale_snapshots(vault.folder)
        # Before writing: an interrupted run's folder frees its space (a USB stick) first.
        backup_files.remove_stale_partials(destination, key_file.vault_id, STALE_S)
        report(progress, Progress("snapshot", 0, None, unit="bytes"))
        snap = _export(
            vault.folder / db.DB_FILE_NAME,
            dek,
            backup_key,
            snapshot_path,
            progress,
            cancel,
            destination=destination,
            vault_id=key_file.vault_id,
        )
        header = Header(
            backup_id=secrets.token_hex(8),
            vault_id=key_file.vault_id,
            schema_version=snap.schema_version,
            created_at=created.isoformat(),
        )
        staging_lock = backup_files.StagingLock(backup_files.staging_folder(destination, name))
        staging = backup_files.make_staging(destination, name)
        parts = backup_files.write_parts(snapshot_path, staging, part_bytes, progress, cancel)
        snapshot_bytes = snapshot_path.stat().st_size
        snapshot_path.unlink()
        contents = Contents(
            counts=snap.counts,
            audit_seq=snap.audit_seq,
            audit_mac=snap.audit_mac,
            snapshot_bytes=snapshot_bytes,
            parts=parts,
            recovery_public=key_file.recovery_public,
        )
        manifest = _seal_manifest(backup_key, header, contents, key_file, kek, snap.audit_key)
        raw = manifest.to_bytes()
        _write_manifest(staging, raw)
        check_cancel(cancel, "the backup")
        _verify_folder(staging, backup_key, manifest, contents, vault.folder, progress, cancel)
        check_cancel(cancel, "the backup")  # the last moment a cancel leaves nothing behind
        final = destination / name
        backup_files.publish(staging, final)
        staging = None
        published = True
        backup_files.check_published(final, parts)
    except OSError as err:
        if backup_files.is_disk_full(err):
            raise BackupError(
                f"Not enough space for the backup in {shown_path(destination)} (or next to the "
                "vault); nothing was written."
            ) from err
        if _drive_gone(err, destination):
            raise BackupError(
                f"Writing the backup to {shown_path(destination)} failed ({err.strerror or err}): "
                "the drive may have been disconnected. Nothing was published; your vault is "
                "unchanged. Check the drive is plugged in, then back up again."
            ) from err
        raise
    finally:
        kek.wipe()
        dek.wipe()
        backup_key.wipe()
        if snap is not None:
            snap.audit_key.wipe()
        with contextlib.suppress(FileNotFoundError):
            snapshot_path.unlink()
        if staging is not None:
            backup_files.remove_tree(staging)
        if staging_lock is not None:
            staging_lock.release()
        if make_folder and not published:
            backup_files.remove_made_folders(destination, made_top)
    manifest_sha = sha256_hex(raw)
    vault.record_event(
        "backup",
        {"backup_id": header.backup_id, "manifest_sha256": manifest_sha, "parts": len(parts)},
    )
    record_verified(final, header)
    backup_files.remove_stale_partials(destination, header.vault_id, STALE_S)
    # The backup just written stays whatever the dates say (review 49b R1: with the clock set
    # back, the new backup sorted oldest and was the one removed).
    pruned = prune_and_record(vault, destination, keep, spare=(final,)) if keep else None
    return BackupResult(
        final,
        header,
        contents.counts,
        manifest_sha,
        snapshot_bytes,
        pruned.removed if pruned else (),
        make_folder,
        pruned.warning() if pruned else "",
    )


def verify_backup(
    path: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    scratch: Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> VerifyResult:
    """Re-check one backup folder (or its manifest file) with the passphrase or recovery key.
    ``scratch`` is where a multi-part snapshot is joined to be opened (default: the data folder,
    on the local disk: the backup's own FAT32 stick could not hold the joined file)."""
    folder = path.parent if path.is_file() else path
    if not backup_files.is_published(folder):
        raise UnfinishedBackupError(
            f"{folder.name} is not a finished backup (it was interrupted, or renamed); "
            "it cannot be trusted."
        )
    with reading_a_given_backup():
        manifest = read_manifest(folder)
        backup_key = unwrap_backup_key(manifest, passphrase=passphrase, recovery_key=recovery_key)
        try:
            contents = open_contents(backup_key, manifest)
            _verify_folder(
                folder,
                backup_key,
                manifest,
                contents,
                scratch or paths.data_dir(),
                progress,
                cancel,
            )
        finally:
            backup_key.wipe()
    record_verified(folder, manifest.header)
    raw = (folder / MANIFEST_NAME).read_bytes()
    return VerifyResult(folder, manifest.header, contents.counts, sha256_hex(raw))


# --- steps ----------------------------------------------------------------------------------


def _passphrase_keys(key_file: KeyFile, passphrase: str) -> tuple[SecretKey, SecretKey]:
    """The passphrase's KEK (one Argon2id run, the vault's salt and cost) and the DEK it opens."""
    wrap = key_file.wraps["passphrase"]
    params = KdfParams.from_dict(wrap.get("params") or {})
    salt = str(wrap.get("salt"))
    aad = keys.passphrase_aad(key_file.vault_id, salt, params)
    try:
        # The form of the passphrase that opens the vault (NFC, or as typed for an older vault:
        # walk 43 D5) is the one the backup's wrap uses, under the same KEK.
        return keys.open_with_passphrase(wrap, passphrase, aad)
    except WrongPassphraseError as err:
        raise WrongPassphraseError("Wrong passphrase; no backup was written.") from err


def passphrase_opens(vault_folder: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the vault in ``vault_folder``, checked against its key file
    alone: no unlock, so a wrong one is no failed unlock of that vault (review 43 D3)."""
    try:
        kek, dek = _passphrase_keys(load_key_file(vault_folder / KEY_FILE_NAME), passphrase)
    except WrongPassphraseError:
        return False
    kek.wipe()
    dek.wipe()
    return True


def _export(
    database: Path,
    dek: SecretKey,
    backup_key: SecretKey,
    target: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    *,
    destination: Path | None = None,
    vault_id: str | None = None,
) -> _Snapshot:
    """Copy the vault into ``target`` under ``backup_key`` within one read transaction; with
    ``destination``, first refuse a backup there that cannot fit (:func:`check_room`)."""
    try:
        conn = db.connect(database, dek)
    except db.KeyRejectedError as err:
        raise VaultCorruptedError("The vault database does not open with its key.") from err
    try:
        conn.execute("BEGIN")  # deferred: the first read below fixes the snapshot
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        if destination is not None:
            # The export copies the pages in use, not the free ones.
            unused = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
            needed = (pages - unused) * page_size
            # The snapshot is written beside the vault: its folder, as the vault was given.
            backup_files.check_room(target.parent, destination, needed, vault_id, target.parent)
    except BaseException:
        conn.close()
        raise
    db.create_private_file(target)
    try:
        counts = backup_check.count_rows(conn)
        seq, mac = backup_check.audit_head(conn)
        version = db.schema_version(conn)
        estimate = pages * page_size
        audit_key = backup_check.audit_key(conn)
        conn.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), f"x'{backup_key.hex()}'"))
        # The new file needs no rollback journal on disk: if anything fails it is discarded.
        conn.execute("PRAGMA backup.journal_mode = MEMORY")
        conn.set_progress_handler(_export_handler(target, estimate, progress, cancel), 20_000)
        try:
            conn.execute("SELECT sqlcipher_export('backup')").fetchall()
        finally:
            conn.set_progress_handler(None, 20_000)
        conn.execute(f"PRAGMA backup.user_version = {version}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE backup")
    except db.DatabaseError as err:
        if "interrupt" in str(err).lower():
            check_cancel(cancel, "the backup")
        if "full" in str(err).lower() or "I/O" in str(err):
            raise BackupError(
                "Could not write the backup snapshot next to the vault (disk full, file size "
                "limit or write error); nothing was written."
            ) from err
        raise
    finally:
        conn.close()
    return _Snapshot(target, version, counts, seq, mac, audit_key)


def _export_handler(
    target: Path, estimate: int, progress: ProgressCallback | None, cancel: threading.Event | None
) -> object:
    def handler() -> int:
        if cancel is not None and cancel.is_set():
            return 1  # SQLite aborts the export with "interrupted"
        if progress is not None:
            with contextlib.suppress(OSError):
                done = target.stat().st_size
                progress(Progress("snapshot", min(done, estimate), estimate, unit="bytes"))
        return 0

    return handler


def _seal_manifest(
    backup_key: SecretKey,
    header: Header,
    contents: Contents,
    key_file: KeyFile,
    kek: SecretKey,
    audit_key: SecretKey,
) -> Manifest:
    wrap = key_file.wraps["passphrase"]
    wraps = wrap_backup_key(
        backup_key,
        header,
        kek,
        str(wrap["salt"]),
        KdfParams.from_dict(wrap["params"]),
        key_file.recovery_public,
    )
    unsigned = Manifest(header, wraps, seal_contents(backup_key, header, contents), "")
    mac_key = manifest_mac_key(audit_key, header.backup_id)
    try:
        return Manifest(header, wraps, unsigned.sealed, compute_mac(mac_key, unsigned.unsigned()))
    finally:
        mac_key.wipe()


def _write_manifest(folder: Path, raw: bytes) -> None:
    atomic_write_private(folder / MANIFEST_NAME, raw)


def _verify_folder(
    folder: Path,
    backup_key: SecretKey,
    manifest: Manifest,
    contents: Contents,
    scratch_base: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> None:
    """Check a backup folder from its files: part hashes, then the snapshot itself."""
    if len(contents.parts) == 1:
        backup_files.check_parts(folder, contents.parts, progress, cancel)
        backup_check.check_snapshot(
            folder / contents.parts[0].name, backup_key, manifest, contents, progress, cancel
        )
        return
    scratch = backup_files.scratch_folder(scratch_base)
    try:
        joined = scratch / "snapshot.db"
        backup_files.join_parts(folder, contents.parts, joined, progress, cancel)
        backup_check.check_snapshot(joined, backup_key, manifest, contents, progress, cancel)
    finally:
        backup_files.remove_tree(scratch)


# What writing to a drive that was pulled out (or a share that went away) fails with.
_GONE_ERRNOS = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE}


def _drive_gone(err: OSError, destination: Path) -> bool:
    """Whether ``err`` looks like the backup's drive vanished mid-write (walk 49b D4: a stick
    pulled out was told as another program's doing)."""
    if err.errno in _GONE_ERRNOS:
        return True
    return err.errno == errno.ENOENT and not destination.is_dir()


def _remove_stale_snapshots(vault_folder: Path) -> None:
    """Snapshots left by a backup that was killed (encrypted, but they take space)."""
    now = time.time()
    for leftover in vault_folder.glob(f"{SNAPSHOT_PREFIX}*.snapshot"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_S:
                leftover.unlink()


def prune_backups(
    destination: Path, vault_id: str, keep: int, *, spare: tuple[Path, ...] = ()
) -> tuple[Path, ...]:
    """Remove vault ``vault_id``'s oldest finished backups in ``destination`` beyond the newest
    ``keep`` (at least 1), and return them. See :func:`backups_to_prune` for which ones."""
    doomed = backups_to_prune(destination, vault_id, keep, spare=spare)
    for folder in doomed:
        backup_files.remove_published(folder)
    return doomed


@dataclass(frozen=True)
class Pruned:
    """What removing a vault's older backups in ``folder`` did: the ones removed, how many of
    its backups stay there, and why the rest could not be removed ("" when all went)."""

    folder: Path
    removed: tuple[Path, ...]
    kept: int
    failure: str = ""
    # Why the removal's audit entry could not be written ("" when it was): the removals stand
    # and are reported all the same (review 50a, R9: a full disk turned a good backup into an
    # error).
    audit_failure: str = ""
    # Stopped (Cancel, Close, a lock, quitting) before all were removed: the rest stay.
    stopped: bool = False

    def warning(self) -> str:
        """The lines that say the removal or its audit entry failed, or "" when neither did."""
        lines = []
        if self.failure:
            done = f" ({len(self.removed)} removed before that)" if self.removed else ""
            lines.append(
                f"Older backups in {shown_path(self.folder)} could not all be removed{done}: "
                f"{self.failure}. The rest stay there; remove them later, or free space yourself."
            )
        if self.audit_failure:
            lines.append(
                f"The removal of {len(self.removed)} older backup(s) from "
                f"{shown_path(self.folder)} could not be written to the vault's audit log: "
                f"{self.audit_failure.rstrip('.')}. The removal itself is done."
            )
        return " ".join(lines)


# The audit event of a removal of older backups (counts and the folder: no patient data).
PRUNE_EVENT = "backup_prune"


def prune_and_record(
    vault: Vault, destination: Path, keep: int, *, spare: tuple[Path, ...] = ()
) -> Pruned:
    """Remove the open ``vault``'s oldest backups in ``destination`` beyond ``keep`` (see
    :func:`backups_to_prune`), and write one audit entry saying how many went, where, and how
    many stay (left 49: pruning left no trace in the audit log). A removal that fails partway
    (a stick pulled, a read-only folder) is no exception: it is said in :meth:`Pruned.warning`,
    as it comes after a backup that was written and verified, which stands."""
    return remove_and_record(
        vault, destination, backups_to_prune(destination, vault.vault_id, keep, spare=spare)
    )


def remove_and_record(
    vault: Vault,
    destination: Path,
    doomed: tuple[Path, ...],
    cancel: threading.Event | None = None,
) -> Pruned:
    """Remove the backups ``doomed`` (chosen by :func:`backups_to_prune`, and agreed to by
    the person for ``vault backup --prune``) from ``destination``, as :func:`prune_and_record`
    says. ``cancel`` set stops it between backups (review 51b R3: a Stop that did not stop):
    the one being removed is finished, the rest stay. A lock meanwhile waits for the removal
    and its audit entry (Vault.audited_work; review 51b R4)."""
    with vault.audited_work():
        return _remove_and_record(vault, destination, doomed, cancel)


def _remove_and_record(
    vault: Vault, destination: Path, doomed: tuple[Path, ...], cancel: threading.Event | None
) -> Pruned:
    removed: list[Path] = []
    failure = ""
    stopped = False
    try:
        for folder in doomed:
            if cancel is not None and cancel.is_set():
                stopped = True
                break
            backup_files.remove_published(folder)
            removed.append(folder)
    except OSError as err:
        failure = err.strerror or str(err) or type(err).__name__
    kept = len(of_vault(list_backups(destination), vault.vault_id))
    audit_failure = ""
    if removed or failure:
        details: dict[str, object] = {
            "removed": len(removed),
            "folder": str(destination),
            "kept": kept,
        }
        if failure:
            details["failed"] = True
        if stopped:
            details["stopped"] = True
        try:
            vault.record_event(PRUNE_EVENT, details)
        except (OSError, MedLocalError) as err:  # a full disk, a vault locked meanwhile
            audit_failure = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return Pruned(destination, tuple(removed), kept, failure, audit_failure, stopped)


def backups_to_prune(
    destination: Path, vault_id: str, keep: int, *, spare: tuple[Path, ...] = ()
) -> tuple[Path, ...]:
    """Which of vault ``vault_id``'s backups in ``destination`` go to keep the newest ``keep``,
    oldest first; nothing is removed here (the CLI asks first). Only ever on the person's
    request: ``--keep``/the backup_keep setting after a verified backup, or ``vault backup
    --prune N`` (walk 49b D2). Never another vault's, an unreadable or damaged one, one whose
    date lies ahead of the clock or cannot be read, a link, those in ``spare``, nor the one
    recorded as the last verified backup (the record must never name a removed folder:
    review 49b R1/R2). Spared backups with a date count among the ``keep``."""
    if keep < 1:
        raise BackupRefusedError(
            "Keep at least 1 backup: MedLocal never removes every backup of a vault."
        )
    recorded = last_verified_backup(vault_id)
    kept = {_resolved(p) for p in spare}
    if recorded is not None:
        kept.add(_resolved(Path(recorded.path)))
    dated = removable(list_backups(destination), vault_id)
    spared = [b for b in dated if _resolved(b.folder) in kept]
    others = [b.folder for b in dated if _resolved(b.folder) not in kept]
    room = max(keep - len(spared), 0)
    return tuple(others[: max(len(others) - room, 0)])


def _resolved(path: Path) -> Path:
    with contextlib.suppress(OSError):
        return path.resolve()
    return path
