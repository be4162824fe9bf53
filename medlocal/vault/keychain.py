"""The optional "remember on this computer" device key, held by the OS keychain via ``keyring``.

Only the OS keychains keyring itself ships qualify (macOS Keychain, Windows Credential Locker,
Secret Service, KWallet, libsecret): an allowlist, because any installed package can register a
backend (``keyrings.cryptfile``, a file backend picked with ``PYTHON_KEYRING_BACKEND``) and the
device key would then sit wherever that one keeps it. keyring's ``fail`` and ``null`` backends,
the file-based ``keyrings.alt`` backends (plaintext or protected only by yet another password)
and a chainer with nothing real inside are refused with their own reasons. The
backend's name is returned so the caller can bind it into the wrap's associated data; every error
surfaces as :class:`KeychainUnavailableError`, and the caller falls back to the passphrase.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from medlocal.vault.errors import (
    KeychainLockedError,
    KeychainNotRunningError,
    KeychainUnavailableError,
)
from medlocal.vault.keys import SecretKey

SERVICE = "MedLocal vault"

# What the keychain says when it holds no entry for a vault (deleted, or another computer's).
NOT_HERE = (
    "The remembered key is not in this computer's keychain (it was deleted there, or the vault "
    "was remembered on another computer or user account and moved here)"
)


class EntryMissingError(KeychainUnavailableError):
    """The keychain answered, and holds no key under the name asked for."""

    def __init__(self) -> None:
        super().__init__(f"{NOT_HERE}.")


def entry_name(vault_id: str, folder: Path) -> str:
    """The keychain entry of the vault ``vault_id`` in ``folder``: the id and a digest of the
    folder's resolved path, so that copies of one vault (same id) have entries of their own
    and forgetting a copy leaves the original remembered (walk 49a D2). A digest, not the path:
    the entry's name is shown in keychain managers, and a folder name may say whose it is."""
    where = str(folder.expanduser().resolve()).encode("utf-8", "surrogateescape")
    return f"{vault_id} {hashlib.sha256(where).hexdigest()[:16]}"


_REFUSED_MODULES = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
    "keyrings.alt",
)
_REFUSED_NAME_PARTS = ("plaintext", "uncrypted")
# The backends keyring falls back to when it finds no keychain at all.
_NO_KEYCHAIN = ("keyring.backends.fail", "keyring.backends.null", "keyring.backends.chainer")
NONE_RUNNING = (
    "No OS keychain is running for this account on this computer (on Linux the desktop's "
    "keyring, GNOME Keyring or KWallet, runs in a desktop session)."
)
LOCKED = (
    "This computer's keychain is locked (on Linux the login keyring, usually unlocked when you "
    "sign in to the desktop); the remembered key is still in it."
)
# Module prefixes of the backends that keep secrets in the operating system's own keychain.
TRUSTED_BACKENDS: tuple[str, ...] = (
    "keyring.backends.macOS.",
    "keyring.backends.Windows.",
    "keyring.backends.SecretService.",
    "keyring.backends.kwallet.",
    "keyring.backends.libsecret.",
)


def backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def refusal_reason(backend: Any) -> str | None:
    """Why a backend cannot hold a vault key, or None when it can."""
    name = backend_name(backend)
    if name.startswith(_REFUSED_MODULES):
        return f"{name} is not a secure OS keychain"
    if any(part in name.lower() for part in _REFUSED_NAME_PARTS):
        return f"{name} stores secrets in plaintext"
    if not name.startswith(TRUSTED_BACKENDS):
        return (
            f"{name} is not an OS keychain MedLocal trusts (macOS Keychain, Windows Credential "
            "Locker, Secret Service, KWallet)"
        )
    try:
        priority = float(type(backend).priority)
    except Exception:  # keyring raises assorted errors for backends that are not viable here
        return f"{name} is not available on this system"
    if priority <= 0:
        return f"{name} is not available on this system"
    return None


def secure_backend() -> Any:
    """The keyring backend to use, unwrapping a chainer to the first real keychain inside it."""
    try:
        backend = keyring.get_keyring()
    except Exception as err:
        raise KeychainUnavailableError("The OS keychain could not be reached.") from err
    candidates = list(getattr(backend, "backends", [])) if _is_chainer(backend) else [backend]
    reasons = []
    for candidate in candidates:
        reason = refusal_reason(candidate)
        if reason is None:
            return candidate
        reasons.append(reason)
    if all(backend_name(c).startswith(_NO_KEYCHAIN) for c in candidates):
        # Walk 52b L1: "keyring.backends.fail.Keyring is not a secure OS keychain" was all a
        # clinician read when simply no keychain runs (no desktop session, no D-Bus).
        raise KeychainNotRunningError(NONE_RUNNING)
    detail = "; ".join(reasons)
    raise KeychainUnavailableError(f"No secure OS keychain is available ({detail}).")


def unavailable_reason() -> str | None:
    """Why this computer has no keychain MedLocal can use (the words of
    :func:`secure_backend`'s refusal), or None when it has one."""
    try:
        secure_backend()
    except KeychainUnavailableError as err:
        return str(err)
    return None


def _is_chainer(backend: Any) -> bool:
    return backend_name(backend).startswith("keyring.backends.chainer")


def store_device_key(entry: str) -> tuple[SecretKey, str]:
    """Create a device key, put it in the keychain as ``entry``; return it with the backend's
    name."""
    backend = secure_backend()
    key = SecretKey.generate()
    try:
        backend.set_password(SERVICE, entry, base64.b64encode(bytes(key.buffer)).decode())
    except Exception as err:
        key.wipe()
        raise KeychainUnavailableError("The OS keychain refused to store the key.") from err
    return key, backend_name(backend)


def _stored(entry: str) -> tuple[str, Any]:
    backend = secure_backend()
    try:
        stored = backend.get_password(SERVICE, entry)
    except Exception as err:
        if _is_locked(err):
            raise KeychainLockedError(LOCKED) from err
        raise KeychainUnavailableError("The OS keychain did not answer.") from err
    if not stored:
        raise EntryMissingError()
    return str(stored), backend


def _is_locked(err: Exception) -> bool:
    """Whether the keychain refused because it is locked: keyring's KeyringLocked (its Secret
    Service backend when the prompt to unlock is dismissed or cannot show), or secretstorage's
    own exceptions for a locked collection."""
    if isinstance(err, keyring.errors.KeyringLocked):
        return True
    return type(err).__name__ in ("LockedException", "PromptDismissedException")


def require(entry: str) -> None:
    """Look ``entry`` up (no unlock: cheap enough for a status line); raises
    :class:`EntryMissingError` when the keychain has none, :class:`KeychainUnavailableError`
    when it cannot say."""
    _stored(entry)


def copy_entry(source: str, target: str) -> None:
    """Put the key of entry ``source`` under ``target`` too (an entry named the old way, by
    the vault's id alone, taken over by the folder's own name)."""
    stored, backend = _stored(source)
    try:
        backend.set_password(SERVICE, target, stored)
    except Exception as err:
        raise KeychainUnavailableError("The OS keychain refused to store the key.") from err


def load_device_key(entry: str) -> tuple[SecretKey, str]:
    """Read the device key of ``entry``; return it with the name of the backend that answered."""
    stored, backend = _stored(entry)
    try:
        raw = base64.b64decode(stored, validate=True)
        return SecretKey(raw), backend_name(backend)
    except (binascii.Error, ValueError) as err:
        raise KeychainUnavailableError("The key in the OS keychain is damaged.") from err


def delete_device_key(entry: str) -> None:
    """Remove the device key if a secure keychain holds one; missing entries are fine."""
    try:
        backend = secure_backend()
    except KeychainUnavailableError:
        return
    try:
        backend.delete_password(SERVICE, entry)
    except keyring.errors.PasswordDeleteError:
        return
    except Exception as err:
        raise KeychainUnavailableError("The OS keychain did not answer.") from err
