"""Review 52b F5 and F10 (left 53), a real SQLCipher vault and an in-memory OS keychain.

F5: a just-made vault remembered on this computer, replaced by ANOTHER vault's backup, stopped
unlocking from the keychain without a word, and its keychain entry stayed behind. The restore
now says so (and the next start says why the passphrase is asked), and the entry is deleted.

F10: the stored "why the passphrase is asked" was cleared by any unlock, also a scripted one
given the passphrase (``--passphrase-file``) that never showed it: the window's next start then
asked with no reason. Only a start that showed it (or the restore's own result) clears it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.keychain import MemoryKeychain

from medlocal.app import Workspace
from medlocal.vault import keychain
from medlocal.vault.errors import KeychainUnavailableError, PassphraseRequiredError
from medlocal.vault.keys import KdfParams
from medlocal.vault.restore import RestoreResult
from medlocal.vault.store import Vault

PASS = "correct horse battery"
OTHER = "another clinic staple horse"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


def _workspace(folder: Path) -> Workspace:
    return Workspace(folder, kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder())


def test_another_vaults_backup_over_a_remembered_new_vault_is_said_and_its_entry_goes(
    tmp_path: Path, store: MemoryKeychain
) -> None:
    other = _workspace(tmp_path / "other")
    try:
        other.create_vault(OTHER, OTHER)
        other.require_vault().add_patient("From The Other Clinic")
        other.backup(OTHER, tmp_path / "usb", create_folder=True)
    finally:
        other.close()
    ws = _workspace(tmp_path / "vault")
    try:
        ws.create_vault(PASS, PASS)
        ws.require_vault().remember()  # first run's "Remember on this computer"
        assert len(store.store) == 1
        result = ws.restore(tmp_path / "usb", OTHER, replace=True)
        assert result.remembered is not None and not result.remembered.kept
        note = result.outcome_note()
        assert "does not unlock without the passphrase" in note, note
        assert "backup is of another vault" in note and "Remember on this computer" in note
        assert store.store == {}, "the replaced vault's keychain entry was left behind"
        assert not Vault.is_remembered(ws.vault_folder)
    finally:
        ws.close()
    # The next start says why the passphrase is asked, naming the right cause.
    start = _workspace(tmp_path / "vault")
    try:
        with pytest.raises(PassphraseRequiredError) as asked:
            start.unlock()
        said = str(asked.value)
        assert "backup is of another vault" in said and "could not be used" not in said, said
        start.unlock(OTHER)
        assert [p.name for p in start.require_vault().list_patients()] == ["From The Other Clinic"]
    finally:
        start.close()


def _restore_while_the_keychain_fails(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> RestoreResult:
    """Create and remember a vault in ``ws``, back it up, and restore it over itself while the
    keychain does not answer."""
    ws.create_vault(PASS, PASS)
    ws.require_vault().remember()
    ws.backup(PASS, tmp_path / "usb", create_folder=True)

    def no_answer(entry: str) -> object:
        raise KeychainUnavailableError("The OS keychain did not answer.")

    with monkeypatch.context() as patched:
        patched.setattr(keychain, "load_device_key", no_answer)
        return ws.restore(tmp_path / "usb", PASS, replace=True)


@pytest.fixture
def unremembered(tmp_path: Path, store: MemoryKeychain, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A remembered vault restored from its own backup while the keychain failed: it holds the
    reason for the next start. The restoring workspace is closed without unlocking again."""
    ws = _workspace(tmp_path / "vault")
    try:
        _restore_while_the_keychain_fails(ws, tmp_path, monkeypatch)
    finally:
        ws.close()
    return tmp_path / "vault"


def test_a_scripted_unlock_keeps_the_reason_for_the_next_start(unremembered: Path) -> None:
    scripted = _workspace(unremembered)  # `medlocal backup … --passphrase-file`
    try:
        scripted.unlock(PASS)
    finally:
        scripted.close()
    window = _workspace(unremembered)
    try:
        with pytest.raises(PassphraseRequiredError) as asked:
            window.unlock()
        assert "The OS keychain did not answer" in str(asked.value)
        window.unlock(PASS)  # the lock screen, after showing it
        window.lock()
        with pytest.raises(PassphraseRequiredError) as plain:
            window.unlock()
        assert str(plain.value) == "The vault passphrase is needed to unlock it."
    finally:
        window.close()


def test_an_unlock_after_the_restore_said_it_clears_it(
    tmp_path: Path, store: MemoryKeychain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first-run wizard restores and unlocks at once, having shown the restore's note."""
    ws = _workspace(tmp_path / "vault")
    try:
        result = _restore_while_the_keychain_fails(ws, tmp_path, monkeypatch)
        assert "no longer unlocks without the passphrase" in result.outcome_note()
        ws.unlock(PASS)
    finally:
        ws.close()
    start = _workspace(tmp_path / "vault")
    try:
        with pytest.raises(PassphraseRequiredError) as plain:
            start.unlock()
        assert str(plain.value) == "The vault passphrase is needed to unlock it."
    finally:
        start.close()
