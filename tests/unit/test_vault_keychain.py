"""'Remember on this computer': the keychain wrap, with a simulated OS keychain registered as a
keyring backend, and the backends that must be refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from medlocal.vault import keychain
from medlocal.vault.errors import KeychainUnavailableError, PassphraseRequiredError
from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


class SimulatedKeychain(keyring.backend.KeyringBackend):
    """Stands in for macOS Keychain / Secret Service: an in-memory store with a real priority."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.fail = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.fail:
            raise keyring.errors.KeyringError("locked keychain")
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]


class OtherKeychain(SimulatedKeychain):
    """A different (also acceptable) backend, e.g. after the user switched desktop sessions."""


class PlaintextKeyring(SimulatedKeychain):
    """Looks like a keychain but stores secrets in a plain file."""


class AltFileKeyring(SimulatedKeychain):
    pass


AltFileKeyring.__module__ = "keyrings.alt.file"


class CryptFileKeyring(SimulatedKeychain):
    """A third-party backend with a positive priority that keeps secrets in a file of its own."""


CryptFileKeyring.__module__ = "keyrings.cryptfile.cryptfile"


class SecretServiceLookalike(SimulatedKeychain):
    """Named as keyring's own Secret Service backend is: accepted by name."""


SecretServiceLookalike.__module__ = "keyring.backends.SecretService"


@pytest.fixture(autouse=True)
def trust_the_simulated_keychains(monkeypatch: pytest.MonkeyPatch) -> None:
    """The simulated OS keychains of this module stand in for the trusted ones."""
    here = (f"{__name__}.SimulatedKeychain", f"{__name__}.OtherKeychain")
    monkeypatch.setattr(keychain, "TRUSTED_BACKENDS", (*keychain.TRUSTED_BACKENDS, *here))


@pytest.fixture
def simulated() -> Iterator[SimulatedKeychain]:
    previous = keyring.get_keyring()
    backend = SimulatedKeychain()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    vault.add_patient("Someone")
    vault.lock()
    return tmp_path / "vault"


def _remember(vault_dir: Path) -> str:
    with Vault.open(vault_dir, PASS) as vault:
        return vault.remember()


def test_remembered_vault_opens_without_passphrase(
    simulated: SimulatedKeychain, vault_dir: Path
) -> None:
    backend = _remember(vault_dir)
    assert backend.endswith("SimulatedKeychain")
    assert Vault.is_remembered(vault_dir)
    wrap = json.loads((vault_dir / KEY_FILE_NAME).read_text())["wraps"]["keychain"]
    assert wrap["backend"] == backend
    vault_id = json.loads((vault_dir / KEY_FILE_NAME).read_text())["vault_id"]
    stored = simulated.store[(keychain.SERVICE, keychain.entry_name(vault_id, vault_dir))]
    assert stored and stored not in (vault_dir / KEY_FILE_NAME).read_text()
    with Vault.open(vault_dir, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
        assert [p.name for p in vault.list_patients()] == ["Someone"]


def test_backend_mismatch_falls_back_to_passphrase(
    simulated: SimulatedKeychain, vault_dir: Path
) -> None:
    _remember(vault_dir)
    other = OtherKeychain()
    other.store = dict(simulated.store)  # same secret, different backend
    keyring.set_keyring(other)
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)
    with Vault.open(vault_dir, PASS, use_keychain=True) as vault:
        assert vault.unlocked_with == "passphrase"


def test_backend_name_is_bound_into_the_wrap(simulated: SimulatedKeychain, vault_dir: Path) -> None:
    """Editing the recorded backend name cannot make another backend acceptable."""
    _remember(vault_dir)
    other = OtherKeychain()
    other.store = dict(simulated.store)
    keyring.set_keyring(other)
    path = vault_dir / KEY_FILE_NAME
    data = json.loads(path.read_text())
    data["wraps"]["keychain"]["backend"] = keychain.backend_name(other)
    path.write_text(json.dumps(data))
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)


def test_keychain_error_or_missing_entry_falls_back(
    simulated: SimulatedKeychain, vault_dir: Path
) -> None:
    _remember(vault_dir)
    simulated.fail = True
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)
    Vault.open(vault_dir, PASS, use_keychain=True).lock()
    simulated.fail = False
    simulated.store.clear()
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)
    simulated.store["x", "y"] = "z"
    simulated.store = {k: "bm90IGEga2V5" for k in simulated.store}  # wrong key material
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)


def test_forget_removes_wrap_and_device_key(simulated: SimulatedKeychain, vault_dir: Path) -> None:
    _remember(vault_dir)
    with Vault.open(vault_dir, use_keychain=True) as vault:
        vault.forget()
    assert not Vault.is_remembered(vault_dir)
    assert simulated.store == {}
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)


def test_rotation_keeps_the_keychain_wrap_working(
    simulated: SimulatedKeychain, vault_dir: Path
) -> None:
    _remember(vault_dir)
    with Vault.open(vault_dir, use_keychain=True) as vault:
        vault.rotate_key(PASS)
    with Vault.open(vault_dir, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"


class _Chained:
    """ChainerBackend.backends holding ``backends``, read on the class as on an instance:
    keyring's ChainerBackend.priority (a class property) takes its len() when keyring first
    chooses a backend, which a plain property breaks (the test failed when run first)."""

    def __init__(self, *backends: object) -> None:
        self._backends = list(backends)

    def __get__(self, obj: object, owner: type | None = None) -> list[object]:
        return self._backends


@pytest.mark.parametrize(
    "backend",
    [
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
        keyring.backends.chainer.ChainerBackend(),  # holds only refused backends (see below)
        PlaintextKeyring(),
        AltFileKeyring(),
        CryptFileKeyring(),
    ],
    ids=["fail", "null", "chainer-only", "plaintext", "keyrings.alt", "third-party"],
)
def test_insecure_backends_are_refused(
    vault_dir: Path, backend: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        keyring.backends.chainer.ChainerBackend,
        "backends",
        _Chained(keyring.backends.fail.Keyring(), PlaintextKeyring()),
    )
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    try:
        assert keychain.refusal_reason(backend) is not None
        with Vault.open(vault_dir, PASS) as vault, pytest.raises(KeychainUnavailableError):
            vault.remember()
        assert not Vault.is_remembered(vault_dir)
    finally:
        keyring.set_keyring(previous)


def test_remembered_vault_refuses_a_swapped_in_insecure_backend(
    simulated: SimulatedKeychain, vault_dir: Path
) -> None:
    _remember(vault_dir)
    plaintext = PlaintextKeyring()
    plaintext.store = dict(simulated.store)
    keyring.set_keyring(plaintext)
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_dir, use_keychain=True)
    with Vault.open(vault_dir, PASS, use_keychain=True) as vault:
        assert vault.unlocked_with == "passphrase"


def test_chainer_is_unwrapped_to_the_real_keychain_inside(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = SimulatedKeychain()
    monkeypatch.setattr(
        keyring.backends.chainer.ChainerBackend,
        "backends",
        _Chained(PlaintextKeyring(), real),
    )
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.chainer.ChainerBackend())
    try:
        backend = _remember(vault_dir)
        assert backend.endswith("SimulatedKeychain")
        assert real.store
        with Vault.open(vault_dir, use_keychain=True) as vault:
            assert vault.unlocked_with == "keychain"
    finally:
        keyring.set_keyring(previous)


def test_only_the_os_keychains_keyring_ships_are_trusted() -> None:
    assert keychain.refusal_reason(SecretServiceLookalike()) is None
    reason = keychain.refusal_reason(CryptFileKeyring())
    assert reason is not None and "not an OS keychain MedLocal trusts" in reason


def test_an_unfinished_vault_replaced_takes_its_keychain_entry_with_it(
    simulated: SimulatedKeychain, tmp_path: Path
) -> None:
    # Review 47: the wizard remembers a vault before it is finished; a start that replaced that
    # unfinished vault left its device key in the keychain under an id nothing would use again.
    first, _key = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST, finish=False)
    first.remember()
    first.lock()
    entry = (keychain.SERVICE, keychain.entry_name(first.vault_id, tmp_path / "vault"))
    assert entry in simulated.store
    second, _key = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    second.lock()
    assert entry not in simulated.store
