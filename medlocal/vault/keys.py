"""Key material and the AES-GCM wraps that protect the vault's data key (DEK).

* The DEK is 32 random bytes; it opens the SQLCipher database as a raw key.
* Passphrase wrap: KEK = Argon2id(passphrase, salt, params); the DEK is sealed with AES-256-GCM
  under the KEK. A wrong passphrase fails the GCM tag, so no verifier hash is ever stored. The
  Argon2 parameters live in the wrap (and in its associated data), so they can be raised later.
* Recovery wrap: the recovery key shown once at creation is a 160-bit secret; it seeds an X25519 key
  pair whose public half is kept in the key file. The DEK is sealed to that public key (ephemeral
  X25519 + HKDF + AES-GCM), so a DEK rotation can re-seal it without the user typing the recovery
  key again, and the printed recovery key stays valid.
* Keychain wrap: the DEK sealed under a random device key that the OS keychain holds.

Secrets are held in ``bytearray``s (:class:`SecretKey`) so a lock can overwrite them. Python and the
libraries below make transient copies we cannot reach; wiping is best effort, not a guarantee.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from medlocal.vault.errors import KeyFileError, WrongPassphraseError

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
RECOVERY_SECRET_BYTES = 20  # 160 bits -> exactly 32 base32 characters


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default follows OWASP's "m=64 MiB, t=3, p=4" recommendation."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KdfParams:
        try:
            return cls(int(data["memory_kib"]), int(data["iterations"]), int(data["lanes"]))
        except (KeyError, TypeError, ValueError) as err:
            raise KeyFileError("The vault key file has invalid key-derivation settings.") from err


class SecretKey:
    """32 bytes of key material in a mutable buffer that :meth:`wipe` overwrites."""

    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray) -> None:
        if len(data) != KEY_BYTES:
            raise ValueError("a key must be 32 bytes")
        self._buf = bytearray(data)

    @classmethod
    def generate(cls) -> SecretKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @property
    def buffer(self) -> bytearray:
        if not self._buf:
            raise ValueError("key was wiped")
        return self._buf

    def hex(self) -> str:
        return self._buf.hex()

    def equals(self, other: SecretKey) -> bool:
        return hmac.compare_digest(self._buf, other._buf)

    def wipe(self) -> None:
        for i in range(len(self._buf)):
            self._buf[i] = 0
        self._buf = bytearray()

    def __repr__(self) -> str:  # never print key bytes
        return "SecretKey(<hidden>)"


def b64e(data: bytes | bytearray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def b64d(text: object) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError("The vault key file is damaged (a field is not text).")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as err:
        raise KeyFileError("The vault key file is damaged (bad base64).") from err


def canonical_aad(fields: dict[str, Any]) -> bytes:
    """Associated data binding a wrap to its vault, kind and settings (any change fails the tag)."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def passphrase_forms(passphrase: str) -> list[str]:
    """The forms of a typed passphrase to try, in order: its Unicode NFC form (what new wraps
    use), then the form as typed, then NFD, each once. Walk 43 D5: "forêt" typed on a keyboard
    that sends the decomposed "e + ^" did not open a vault made with the composed letter. Vaults
    and backups wrapped before this under a non-NFC passphrase still open with it as typed, and
    one made in NFD opens when it is typed in NFC. An ASCII passphrase has one form: one
    Argon2id run, as before."""
    forms = [unicodedata.normalize("NFC", passphrase), passphrase]
    forms.append(unicodedata.normalize("NFD", passphrase))
    return list(dict.fromkeys(forms))


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> SecretKey:
    # argon2-cffi rather than cryptography's Argon2id: the same RFC 9106 function (a test checks
    # they agree byte for byte), but it releases the interpreter lock while it works, so the
    # window keeps drawing during the ~0.3 s of an unlock (cryptography held it: a 300 ms stall).
    derived = hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return SecretKey(derived)


def seal(key: SecretKey, plaintext: SecretKey, aad: bytes) -> dict[str, str]:
    return seal_bytes(key, plaintext.buffer, aad)


def seal_bytes(key: SecretKey, plaintext: bytes | bytearray, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(key.buffer).encrypt(nonce, plaintext, aad)  # no immutable copy of a key
    return {"nonce": b64e(nonce), "ct": b64e(ct)}


def open_sealed(key: SecretKey, wrap: dict[str, Any], aad: bytes) -> SecretKey:
    """Unseal a wrap; a wrong key or any altered byte raises :class:`WrongPassphraseError`."""
    return SecretKey(bytearray(open_sealed_bytes(key, wrap, aad)))


def open_sealed_bytes(key: SecretKey, wrap: dict[str, Any], aad: bytes) -> bytes:
    nonce, ct = b64d(wrap.get("nonce")), b64d(wrap.get("ct"))
    try:
        return AESGCM(key.buffer).decrypt(nonce, ct, aad)
    except (InvalidTag, ValueError) as err:
        raise WrongPassphraseError("Wrong passphrase (or the vault key file was altered).") from err


# --- passphrase wrap ---------------------------------------------------------------------------


def passphrase_aad(vault_id: str, salt: str, params: KdfParams) -> bytes:
    return canonical_aad(
        {"vault": vault_id, "kind": "passphrase", "salt": salt, "kdf": params.as_dict()}
    )


def wrap_with_passphrase(
    dek: SecretKey, passphrase: str, vault_id: str, params: KdfParams
) -> dict[str, Any]:
    salt = os.urandom(SALT_BYTES)
    kek = derive_kek(unicodedata.normalize("NFC", passphrase), salt, params)
    try:
        sealed = seal(kek, dek, passphrase_aad(vault_id, b64e(salt), params))
    finally:
        kek.wipe()
    return {"kdf": "argon2id", "salt": b64e(salt), "params": params.as_dict(), **sealed}


def unwrap_with_passphrase(wrap: dict[str, Any], passphrase: str, vault_id: str) -> SecretKey:
    if wrap.get("kdf") != "argon2id":
        raise KeyFileError("The vault key file uses an unknown key-derivation function.")
    params = KdfParams.from_dict(wrap.get("params") or {})
    salt_text = wrap.get("salt")
    aad = passphrase_aad(vault_id, str(salt_text), params)
    kek, dek = open_with_passphrase(wrap, passphrase, aad)
    kek.wipe()
    return dek


def unwrap_with_passphrase_form(
    wrap: dict[str, Any], passphrase: str, vault_id: str
) -> tuple[SecretKey, str]:
    """:func:`unwrap_with_passphrase`, and the form of the passphrase that opened the wrap: an
    unlock re-wraps a wrap that only a non-NFC form opens (:func:`is_nfc`), so that the next
    unlock costs one Argon2id run instead of two (note 43: a vault made in NFD paid two)."""
    if wrap.get("kdf") != "argon2id":
        raise KeyFileError("The vault key file uses an unknown key-derivation function.")
    params = KdfParams.from_dict(wrap.get("params") or {})
    aad = passphrase_aad(vault_id, str(wrap.get("salt")), params)
    kek, dek, form = _open_with_passphrase_form(wrap, passphrase, aad)
    kek.wipe()
    return dek, form


def is_nfc(passphrase: str) -> bool:
    """Whether ``passphrase`` is the form new wraps use (the first :func:`passphrase_forms`)."""
    return unicodedata.normalize("NFC", passphrase) == passphrase


def open_with_passphrase(
    wrap: dict[str, Any], passphrase: str, aad: bytes
) -> tuple[SecretKey, SecretKey]:
    """The KEK that opens ``wrap`` and the key it holds, trying each of
    :func:`passphrase_forms`; the last :class:`WrongPassphraseError` when none opens it."""
    kek, dek, _form = _open_with_passphrase_form(wrap, passphrase, aad)
    return kek, dek


def _open_with_passphrase_form(
    wrap: dict[str, Any], passphrase: str, aad: bytes
) -> tuple[SecretKey, SecretKey, str]:
    params = KdfParams.from_dict(wrap.get("params") or {})
    salt = b64d(wrap.get("salt"))
    failure: WrongPassphraseError | None = None
    for form in passphrase_forms(passphrase):
        kek = derive_kek(form, salt, params)
        try:
            return kek, open_sealed(kek, wrap, aad), form
        except WrongPassphraseError as err:
            kek.wipe()
            failure = err
    assert failure is not None  # passphrase_forms is never empty
    raise failure


# --- recovery key ------------------------------------------------------------------------------


def new_recovery_key() -> str:
    """A fresh recovery key formatted for typing: 8 groups of 4 base32 characters."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_SECRET_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _recovery_private(recovery_key: str) -> X25519PrivateKey:
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    # People confuse 0/O and 1/I when copying by hand; base32 has no 0 or 1.
    cleaned = cleaned.replace("0", "O").replace("1", "I")
    try:
        secret = base64.b32decode(cleaned)
    except ValueError as err:
        raise WrongPassphraseError("That is not a valid recovery key.") from err
    if len(secret) != RECOVERY_SECRET_BYTES:
        raise WrongPassphraseError("That is not a valid recovery key.")
    seed = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=b"medlocal recovery x25519").derive(
        secret
    )
    return X25519PrivateKey.from_private_bytes(seed)


def recovery_public_key(recovery_key: str) -> str:
    public = _recovery_private(recovery_key).public_key()
    return b64e(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _recovery_wrap_key(shared: bytes, epk: bytes) -> SecretKey:
    hkdf = HKDF(hashes.SHA256(), KEY_BYTES, salt=epk, info=b"medlocal recovery wrap")
    return SecretKey(hkdf.derive(shared))


def recovery_aad(vault_id: str, epk: str) -> bytes:
    return canonical_aad({"vault": vault_id, "kind": "recovery", "epk": epk})


def wrap_for_recovery(dek: SecretKey, public_key_b64: str, vault_id: str) -> dict[str, Any]:
    public = X25519PublicKey.from_public_bytes(b64d(public_key_b64))
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = _recovery_wrap_key(ephemeral.exchange(public), epk)
    try:
        sealed = seal(key, dek, recovery_aad(vault_id, b64e(epk)))
    finally:
        key.wipe()
    return {"epk": b64e(epk), **sealed}


def unwrap_with_recovery(wrap: dict[str, Any], recovery_key: str, vault_id: str) -> SecretKey:
    private = _recovery_private(recovery_key)
    epk_text = wrap.get("epk")
    epk = b64d(epk_text)
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(epk))
    except ValueError as err:
        raise KeyFileError("The vault key file's recovery wrap is damaged.") from err
    key = _recovery_wrap_key(shared, epk)
    try:
        return open_sealed(key, wrap, recovery_aad(vault_id, str(epk_text)))
    except WrongPassphraseError as err:
        raise WrongPassphraseError("Wrong recovery key.") from err
    finally:
        key.wipe()


# --- keychain wrap -----------------------------------------------------------------------------


def keychain_aad(vault_id: str, backend: str) -> bytes:
    return canonical_aad({"vault": vault_id, "kind": "keychain", "backend": backend})


def wrap_with_device_key(
    dek: SecretKey, device_key: SecretKey, vault_id: str, backend: str
) -> dict[str, Any]:
    return {"backend": backend, **seal(device_key, dek, keychain_aad(vault_id, backend))}


def unwrap_with_device_key(
    wrap: dict[str, Any], device_key: SecretKey, vault_id: str, backend: str
) -> SecretKey:
    """The backend name the caller sees *now* goes into the AAD: a different backend fails."""
    return open_sealed(device_key, wrap, keychain_aad(vault_id, backend))
