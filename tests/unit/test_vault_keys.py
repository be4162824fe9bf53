"""Key file, wraps, recovery key, passphrase change and unlock back-off (real crypto, real
SQLCipher; Argon2 is run with small parameters for speed except where the default is checked)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from medlocal.errors import UserInputError
from medlocal.vault import keys
from medlocal.vault.errors import (
    KeyFileError,
    PassphraseRequiredError,
    UnlockThrottledError,
    VaultExistsError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from medlocal.vault.keyfile import FREE_ATTEMPTS, KEY_FILE_NAME, LOCK_FILE_NAME
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.store import Vault
from medlocal.vault.unrecorded import NOTE_NAME

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


def _key_json(folder: Path) -> dict:
    return json.loads((folder / KEY_FILE_NAME).read_text())


def test_default_kdf_is_argon2id_64mib_t3_p4_and_is_what_gets_written(vault_dir: Path) -> None:
    assert KdfParams() == KdfParams(memory_kib=65536, iterations=3, lanes=4)
    vault, _ = Vault.create(vault_dir, PASS)
    vault.lock()
    wrap = _key_json(vault_dir)["wraps"]["passphrase"]
    assert wrap["kdf"] == "argon2id"
    assert wrap["params"] == {"memory_kib": 65536, "iterations": 3, "lanes": 4}
    with Vault.open(vault_dir, PASS) as reopened:
        assert reopened.status().kdf == wrap["params"]


def test_key_file_has_no_verifier_and_files_are_private(vault_dir: Path) -> None:
    vault, recovery = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.lock()
    text = (vault_dir / KEY_FILE_NAME).read_text()
    data = json.loads(text)
    assert set(data["wraps"]) == {"passphrase", "recovery"}
    assert set(data["wraps"]["passphrase"]) == {"kdf", "salt", "params", "nonce", "ct"}
    assert PASS not in text and recovery not in text
    assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
    for path in vault_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_create_refuses_existing_vault_and_open_reports_missing(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASS, kdf_params=FAST)
    vault.lock()
    with pytest.raises(VaultExistsError):
        Vault.create(tmp_path / "v", PASS, kdf_params=FAST)
    with pytest.raises(VaultNotFoundError):
        Vault.open(tmp_path / "nothing-here", PASS)
    with pytest.raises(PassphraseRequiredError):
        Vault.open(tmp_path / "v")


def test_wrong_passphrase_fails_the_tag_and_changes_nothing(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.add_patient("Someone")
    vault.lock()
    db_before = (vault_dir / "vault.db").read_bytes()
    wraps_before = _key_json(vault_dir)["wraps"]
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        Vault.open(vault_dir, "not the passphrase")
    assert (vault_dir / "vault.db").read_bytes() == db_before
    assert _key_json(vault_dir)["wraps"] == wraps_before
    # The database, the key file and the note of unrecorded sessions (made with the vault),
    # and the empty lock file held while the failure was counted in the key file.
    names = ["vault.db", KEY_FILE_NAME, LOCK_FILE_NAME, NOTE_NAME]
    assert sorted(p.name for p in vault_dir.iterdir()) == sorted(names)


@pytest.mark.parametrize(
    "tamper",
    ["ciphertext", "nonce", "salt", "weaker_params", "vault_id", "truncate", "not_json"],
)
def test_tampered_key_file_gives_a_clear_error_and_changes_nothing(
    vault_dir: Path, tamper: str
) -> None:
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.add_patient("Someone")
    vault.lock()
    key_path = vault_dir / KEY_FILE_NAME
    data = json.loads(key_path.read_text())
    wrap = data["wraps"]["passphrase"]
    if tamper in ("ciphertext", "nonce", "salt"):
        field = {"ciphertext": "ct", "nonce": "nonce", "salt": "salt"}[tamper]
        raw = bytearray(keys.b64d(wrap[field]))
        raw[0] ^= 0x01
        wrap[field] = keys.b64e(raw)
        text = json.dumps(data)
    elif tamper == "weaker_params":
        wrap["params"]["memory_kib"] = 512
        text = json.dumps(data)
    elif tamper == "vault_id":
        data["vault_id"] = "0" * 32
        text = json.dumps(data)
    elif tamper == "truncate":
        text = key_path.read_text()[:40]
    else:
        text = "garbage"
    key_path.write_text(text)
    db_before = (vault_dir / "vault.db").read_bytes()
    with pytest.raises((WrongPassphraseError, KeyFileError)) as info:
        Vault.open(vault_dir, PASS)
    assert "passphrase" in str(info.value) or "key file" in str(info.value)
    assert (vault_dir / "vault.db").read_bytes() == db_before


def test_recovery_key_opens_and_tolerates_case_and_spacing(vault_dir: Path) -> None:
    vault, recovery = Vault.create(vault_dir, PASS, kdf_params=FAST)
    patient = vault.add_patient("Someone")
    vault.lock()
    assert len(recovery.replace("-", "")) == 32
    sloppy = recovery.lower().replace("-", " ")
    with Vault.open(vault_dir, recovery_key=sloppy) as opened:
        assert opened.unlocked_with == "recovery"
        assert opened.get_patient(patient).name == "Someone"
    wrong = keys.new_recovery_key()
    with pytest.raises(WrongPassphraseError, match="recovery key"):
        Vault.open(vault_dir, recovery_key=wrong)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, recovery_key="not-a-key")


def test_passwd_rewraps_only(vault_dir: Path) -> None:
    vault, recovery = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.add_patient("Someone")
    vault.lock()
    db_size_before = (vault_dir / "vault.db").stat().st_size
    with Vault.open(vault_dir, PASS) as opened:
        # Walk 26: the same passphrase again is refused, nothing rewritten or audited.
        key_file = _key_json(vault_dir)
        with pytest.raises(UserInputError, match="already has; nothing was changed"):
            opened.change_passphrase(PASS, FAST)
        assert _key_json(vault_dir) == key_file
        opened.change_passphrase("a brand new passphrase", FAST)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASS)
    with Vault.open(vault_dir, "a brand new passphrase") as opened:
        assert [p.name for p in opened.list_patients()] == ["Someone"]
        events = [e.event for e in opened.audit_entries()]
        assert "key_change" in events
    Vault.open(vault_dir, recovery_key=recovery).lock()
    assert (vault_dir / "vault.db").stat().st_size == db_size_before


def test_passwd_without_params_raises_weak_settings_to_the_default(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.change_passphrase("another passphrase")
    vault.lock()
    assert _key_json(vault_dir)["wraps"]["passphrase"]["params"] == KdfParams().as_dict()


def test_failed_attempts_back_off_and_are_audited_at_next_unlock(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.lock()
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphraseError):
            Vault.open(vault_dir, "wrong")
    assert _key_json(vault_dir)["failed_attempts"] == FREE_ATTEMPTS
    # The next attempt must wait, even with the right passphrase.
    with pytest.raises(UnlockThrottledError) as info:
        Vault.open(vault_dir, PASS)
    assert info.value.retry_after > 0
    # Pretend the wait is over.
    data = _key_json(vault_dir)
    data["last_failed_at"] -= 3600
    (vault_dir / KEY_FILE_NAME).write_text(json.dumps(data))
    with Vault.open(vault_dir, PASS) as opened:
        failed = [e for e in opened.audit_entries() if e.event == "failed_unlock"]
        assert failed and failed[-1].details == {"count": FREE_ATTEMPTS}
        assert opened.audit_verify().ok
    data = _key_json(vault_dir)
    assert data["failed_attempts"] == 0 and data["unlogged_failures"] == 0


def test_secret_key_wipe_overwrites_the_buffer() -> None:
    key = SecretKey.generate()
    buffer = key.buffer
    assert any(buffer)
    key.wipe()
    assert not any(buffer)
    with pytest.raises(ValueError):
        _ = key.buffer
    assert "hidden" in repr(SecretKey.generate())


def test_lock_wipes_keys_and_refuses_further_calls(vault_dir: Path) -> None:
    from medlocal.vault.errors import VaultLockedError

    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    session = vault._s
    assert session is not None
    dek_buffer = session.dek.buffer
    audit_buffer = session.audit_key.buffer
    vault.lock()
    assert vault.is_locked
    assert not any(dek_buffer) and not any(audit_buffer)
    with pytest.raises(VaultLockedError):
        vault.list_patients()
    vault.lock()  # idempotent


def test_idle_timeout_locks(vault_dir: Path) -> None:
    import time

    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.set_idle_timeout(0.2)
    deadline = time.monotonic() + 5
    while not vault.is_locked and time.monotonic() < deadline:
        time.sleep(0.05)
    assert vault.is_locked
    with Vault.open(vault_dir, PASS) as opened:
        locks = [e.details for e in opened.audit_entries() if e.event == "lock"]
        assert {"reason": "idle"} in locks


def test_check_passphrase(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    with vault:
        assert vault.check_passphrase(PASS)
        assert not vault.check_passphrase("something else")


def test_kek_derivation_is_rfc9106_argon2id_as_cryptography_computes_it() -> None:
    # The KDF moved from cryptography to argon2-cffi (it releases the interpreter lock): every
    # existing vault's wrap must still open, so the two must agree byte for byte.
    import os

    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    from medlocal.vault.keys import KdfParams, derive_kek

    salt = os.urandom(16)
    params = KdfParams(8 * 1024, 2, 2)
    ours = derive_kek("pässphrase", salt, params)
    theirs = Argon2id(salt=salt, length=32, iterations=2, lanes=2, memory_cost=8 * 1024).derive(
        "pässphrase".encode()
    )
    assert bytes(ours.buffer) == theirs


def test_the_wrong_passphrase_that_starts_a_wait_says_it(vault_dir: Path) -> None:
    """walk g1 #3: the wait was first said when the *next* try, perhaps the right passphrase,
    was refused, as "Too many failed unlock attempts" even when this session had made one."""
    vault, _ = Vault.create(vault_dir, PASS, kdf_params=FAST)
    vault.lock()
    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(WrongPassphraseError) as free:
            Vault.open(vault_dir, "wrong")
        assert free.value.retry_after == 0 and "Wait" not in str(free.value)
    with pytest.raises(WrongPassphraseError) as first_wait:
        Vault.open(vault_dir, "wrong")
    assert 0 < first_wait.value.retry_after <= 1
    assert str(first_wait.value).endswith("Wait 1 s before the next try.")
    with pytest.raises(UnlockThrottledError) as refused:
        Vault.open(vault_dir, PASS)
    message = str(refused.value)
    assert message == (
        f"{FREE_ATTEMPTS} unlock attempts have failed since the vault was last opened. "
        "This try was not checked. Wait 1 s before the next try."
    )
    assert "too many" not in message.lower()
