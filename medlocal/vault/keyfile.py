"""The JSON key file that sits next to the database and holds the DEK's wraps.

It contains no secret in the clear: only AES-GCM wraps, the recovery public key, and the failed
unlock counter (which has to live outside the database, because a failed unlock cannot open it).
Every write is atomic (temp file, fsync, ``os.replace``, fsync of the folder), so a crash leaves
either the old or the new file, never a torn one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlocal.fsutil import atomic_write_private
from medlocal.oslock import exclusive_lock
from medlocal.vault.errors import KeyFileError

KEY_FILE_NAME = "vault.keys.json"
# Held while a process reads the key file to change it and writes it back (walk 49a D1).
LOCK_FILE_NAME = "vault.keys.lock"
FORMAT = "medlocal-vault-keys"
VERSION = 1

# Back-off after failed unlocks: a few free tries, then a doubling wait capped at five minutes.
FREE_ATTEMPTS = 3
MAX_DELAY_S = 300.0


@dataclass
class KeyFile:
    vault_id: str
    recovery_public: str
    wraps: dict[str, dict[str, Any]]
    # Wraps of the *next* DEK while a rotation is in flight (see rotation.py).
    pending: dict[str, dict[str, Any]] | None = None
    failed_attempts: int = 0
    last_failed_at: float = 0.0
    # Failures not yet written into the audit log (written at the next successful unlock).
    unlogged_failures: int = 0
    # Set from the moment the key file is first written until the new vault's recovery key has
    # been shown (walk 47a D1): a vault init killed in between left a vault that nobody could
    # finish or redo, or one whose recovery key nobody had. Such a vault holds nothing (unlock
    # refuses it), so the next init may start again in its place.
    unfinished: bool = False
    # Why "unlock without the passphrase" ended for this vault on this computer: a restore
    # over a remembered vault could not use the keychain (walk 52b M1). Said by the next start
    # that asks for the passphrase; cleared by the next unlock or a new "remember".
    unremembered: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "recovery_public": self.recovery_public,
            "wraps": self.wraps,
            "failed_attempts": self.failed_attempts,
            "last_failed_at": self.last_failed_at,
            "unlogged_failures": self.unlogged_failures,
        }
        if self.pending is not None:
            data["pending"] = self.pending
        if self.unfinished:
            data["unfinished"] = True
        if self.unremembered:
            data["unremembered"] = self.unremembered  # ignored by versions before it
        return data

    @classmethod
    def from_json(cls, data: Any) -> KeyFile:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError("The vault key file is not a MedLocal key file.")
        if data.get("version") != VERSION:
            raise KeyFileError("The vault key file was written by an unsupported version.")
        try:
            wraps = data["wraps"]
            pending = data.get("pending")
            if not isinstance(wraps, dict) or "passphrase" not in wraps:
                raise KeyFileError("The vault key file has no passphrase wrap.")
            if pending is not None and not isinstance(pending, dict):
                raise KeyFileError("The vault key file is damaged (pending rotation).")
            return cls(
                vault_id=str(data["vault_id"]),
                recovery_public=str(data["recovery_public"]),
                wraps=wraps,
                pending=pending,
                failed_attempts=int(data.get("failed_attempts", 0)),
                last_failed_at=float(data.get("last_failed_at", 0.0)),
                unlogged_failures=int(data.get("unlogged_failures", 0)),
                unfinished=data.get("unfinished") is True,
                unremembered=str(data.get("unremembered") or ""),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise KeyFileError("The vault key file is damaged.") from err

    def unlock_wait(self, now: float | None = None) -> float:
        """Seconds to wait before the next unlock attempt is allowed (0 when allowed now)."""
        if self.failed_attempts < FREE_ATTEMPTS:
            return 0.0
        delay = min(MAX_DELAY_S, 2.0 ** (self.failed_attempts - FREE_ATTEMPTS))
        elapsed = (time.time() if now is None else now) - self.last_failed_at
        return max(0.0, delay - elapsed) if elapsed >= 0 else delay


def new_vault_id() -> str:
    return secrets.token_hex(16)


def load_key_file(path: Path) -> KeyFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise KeyFileError("The vault key file is missing.") from err
    except OSError as err:
        raise KeyFileError("The vault key file cannot be read.") from err
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise KeyFileError("The vault key file is damaged (not valid JSON).") from err
    return KeyFile.from_json(data)


def save_key_file(path: Path, key_file: KeyFile) -> None:
    payload = json.dumps(key_file.to_json(), indent=2, sort_keys=True).encode("utf-8")
    atomic_write_private(path, payload)


@contextlib.contextmanager
def key_file_lock(path: Path) -> Iterator[None]:
    """Hold the lock beside the key file ``path`` while it is read, changed and written back,
    so that two processes (the window and a command) never write from the same old copy. A
    folder where the lock file cannot be made (a read-only medium) cannot take the key file's
    write either: the block runs unlocked, and the write fails as it did before."""
    with contextlib.ExitStack() as held:
        with contextlib.suppress(OSError):
            held.enter_context(exclusive_lock(path.with_name(LOCK_FILE_NAME)))
        yield


def passphrase_state(path: Path) -> str:
    """``vault_id:digest`` of the key file's passphrase wrap ("" when it cannot be read): it
    changes when, and only when, the passphrase does (or its wrap is renewed); the wrap is no
    secret, and the digest tells nothing of the passphrase."""
    try:
        key_file = load_key_file(path)
    except KeyFileError:
        return ""
    wrap = json.dumps(key_file.wraps["passphrase"], sort_keys=True).encode("utf-8")
    return f"{key_file.vault_id}:{hashlib.sha256(wrap).hexdigest()[:16]}"
