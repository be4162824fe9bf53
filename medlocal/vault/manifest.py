"""The manifest of a vault backup: what the backup holds and the keys that open it.

A backup folder holds the snapshot (a SQLCipher database under a random key of its own, split into
parts small enough for FAT32) and ``backup.json``, this manifest:

* in the clear: format, version, backup id, vault id, schema version, created-at, and the backup
  key's two wraps. The passphrase wrap uses the vault's own Argon2id salt and cost, so the
  passphrase the vault had when the backup was made opens it; the recovery wrap is sealed to the
  recovery key's X25519 public half. There is never a keychain wrap: a stolen laptop's keychain
  must not open a backup on a USB stick.
* ``sealed``: the contents (counts, audit head, part names, sizes and SHA-256s), AES-GCM under the
  backup key with the clear header as associated data, so a changed header fails the tag.
* ``mac``: HMAC-SHA256 of everything above under a key derived from the vault's audit key, which
  exists only inside the encrypted database (and so inside the snapshot): only the vault that
  owns the chain could have written it.

Both wraps bind ``vault_id/backup/backup_id`` into their associated data, so a wrap copied from
another backup or from the vault's key file does not open this one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path
from medlocal.vault import keys
from medlocal.vault.errors import KeyFileError, VaultError, WrongPassphraseError
from medlocal.vault.keys import KdfParams, SecretKey

FORMAT = "medlocal-vault-backup"
VERSION = 1
MANIFEST_NAME = "backup.json"


class BackupError(VaultError):
    """A backup is damaged, incomplete, altered or mixed with another backup's files."""


class OtherFormatError(BackupError):
    """A manifest of another format version (a newer MedLocal's): not damaged, not readable here."""


class BackupRefusedError(UserInputError):
    """A backup or restore was refused before anything changed (folder, vault state, version)."""


class DamagedBackupError(BackupError, UserInputError):
    """A backup the user named for verification or restore is damaged, truncated, altered or
    mixed with another's files: bad input (exit 2), like a malformed model file. A backup that
    fails the check right after it was written stays a plain :class:`BackupError` (a failure of
    the disk, exit 1)."""


@contextlib.contextmanager
def reading_a_given_backup() -> Iterator[None]:
    """Report a damaged backup met while reading one the user named as bad input."""
    try:
        yield
    except UserInputError:
        raise
    except BackupError as err:
        raise DamagedBackupError(str(err)) from err


class UnfinishedBackupError(BackupError, UserInputError):
    """A ``.partial`` (interrupted) backup named for verification or restore: refused as bad
    input (exit 2), like any other wrong path, and still a :class:`BackupError`."""


@dataclass(frozen=True)
class Part:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Header:
    """The manifest's clear fields."""

    backup_id: str
    vault_id: str
    schema_version: int
    created_at: str

    def fields(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}

    @property
    def bound_id(self) -> str:
        """What the key wraps bind into their associated data."""
        return f"{self.vault_id}/backup/{self.backup_id}"


@dataclass(frozen=True)
class Contents:
    """The manifest's encrypted part."""

    counts: dict[str, int]
    audit_seq: int
    audit_mac: str
    snapshot_bytes: int
    parts: tuple[Part, ...]
    recovery_public: str

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["parts"] = [asdict(part) for part in self.parts]
        return data

    @classmethod
    def from_json(cls, data: Any) -> Contents:
        try:
            return cls(
                counts={str(k): int(v) for k, v in data["counts"].items()},
                audit_seq=int(data["audit_seq"]),
                audit_mac=str(data["audit_mac"]),
                snapshot_bytes=int(data["snapshot_bytes"]),
                parts=tuple(
                    Part(str(p["name"]), int(p["size"]), str(p["sha256"])) for p in data["parts"]
                ),
                recovery_public=str(data["recovery_public"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BackupError("The backup manifest is damaged (its contents are invalid).") from err


@dataclass(frozen=True)
class Manifest:
    header: Header
    wraps: dict[str, dict[str, Any]]
    sealed: dict[str, str]
    mac: str

    def unsigned(self) -> dict[str, Any]:
        return {**self.header.fields(), "wraps": self.wraps, "sealed": self.sealed}

    def to_bytes(self) -> bytes:
        data = {**self.unsigned(), "mac": self.mac}
        return json.dumps(data, indent=2, sort_keys=True).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------------


def wrap_backup_key(
    backup_key: SecretKey,
    header: Header,
    kek: SecretKey,
    salt: str,
    params: KdfParams,
    recovery_public: str,
) -> dict[str, dict[str, Any]]:
    """The backup key under the passphrase's KEK (the vault's salt and cost) and to the recovery
    public key. ``kek`` was derived by the caller, who checked it opens the vault's own wrap."""
    aad = keys.passphrase_aad(header.bound_id, salt, params)
    return {
        "passphrase": {
            "kdf": "argon2id",
            "salt": salt,
            "params": params.as_dict(),
            **keys.seal(kek, backup_key, aad),
        },
        "recovery": keys.wrap_for_recovery(backup_key, recovery_public, header.bound_id),
    }


def seal_contents(backup_key: SecretKey, header: Header, contents: Contents) -> dict[str, str]:
    return keys.seal_bytes(
        backup_key, _contents_bytes(contents), keys.canonical_aad(header.fields())
    )


def _contents_bytes(contents: Contents) -> bytes:
    return json.dumps(contents.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8")


def manifest_mac_key(audit_key: SecretKey, backup_id: str) -> SecretKey:
    hkdf = HKDF(
        hashes.SHA256(), 32, salt=backup_id.encode("ascii"), info=b"medlocal backup manifest v1"
    )
    return SecretKey(hkdf.derive(bytes(audit_key.buffer)))


def compute_mac(mac_key: SecretKey, unsigned: dict[str, Any]) -> str:
    return hmac.new(mac_key.buffer, keys.canonical_aad(unsigned), hashlib.sha256).hexdigest()


# --- reading ------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise BackupError(
            f"{shown_path(folder)} is not a MedLocal backup (no {MANIFEST_NAME})."
        ) from err
    except OSError as err:
        raise BackupError(f"Cannot read {shown_path(path)} ({err.strerror}).") from err
    return parse_manifest(raw)


def parse_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BackupError("The backup manifest is damaged (not valid JSON).") from err
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("This is not a MedLocal backup manifest.")
    if data.get("version") != VERSION:
        raise OtherFormatError("This backup was written in a format this MedLocal does not read.")
    try:
        header = Header(
            backup_id=str(data["backup_id"]),
            vault_id=str(data["vault_id"]),
            schema_version=int(data["schema_version"]),
            created_at=str(data["created_at"]),
        )
        wraps, sealed, mac = data["wraps"], data["sealed"], str(data["mac"])
        if not isinstance(wraps, dict) or not isinstance(sealed, dict):
            raise TypeError("wraps")
    except (KeyError, TypeError, ValueError) as err:
        raise BackupError("The backup manifest is damaged (a field is missing).") from err
    return Manifest(header, wraps, sealed, mac)


def unwrap_backup_key(
    manifest: Manifest, *, passphrase: str | None = None, recovery_key: str | None = None
) -> SecretKey:
    """The backup key, from the passphrase the vault had at backup time or the recovery key."""
    bound = manifest.header.bound_id
    try:
        if recovery_key is not None:
            return keys.unwrap_with_recovery(manifest.wraps["recovery"], recovery_key, bound)
        if passphrase is None:
            raise BackupRefusedError("A passphrase or the recovery key is needed to open a backup.")
        return keys.unwrap_with_passphrase(manifest.wraps["passphrase"], passphrase, bound)
    except KeyError as err:
        raise BackupError("The backup manifest is damaged (a key wrap is missing).") from err
    except KeyFileError as err:
        raise BackupError("The backup manifest's key wraps are damaged.") from err
    except WrongPassphraseError as err:
        which = "recovery key" if recovery_key is not None else "passphrase"
        raise WrongPassphraseError(
            f"Wrong {which} for this backup (or its manifest was altered). A backup opens with "
            "the passphrase the vault had when the backup was made, or with the recovery key."
        ) from err


def open_contents(backup_key: SecretKey, manifest: Manifest) -> Contents:
    try:
        plain = keys.open_sealed_bytes(
            backup_key, manifest.sealed, keys.canonical_aad(manifest.header.fields())
        )
    except (WrongPassphraseError, KeyFileError) as err:
        raise BackupError(
            "The backup manifest was altered (its sealed part does not open)."
        ) from err
    try:
        return Contents.from_json(json.loads(plain.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BackupError("The backup manifest is damaged (its contents are invalid).") from err
