"""Walk 52b M1: a restore over a vault that unlocked from this computer's OS keychain silently
ended that; the next start asked for the passphrase and nothing said why. The restored vault (the
same vault, in the same folder) is now wrapped under the same keychain key, as a key rotation
does, and the result says so; where the keychain cannot be used during the restore, the result
says that "unlock without the passphrase" ended, why, and how to turn it on again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.keychain import MemoryKeychain

from medlocal.app import Workspace
from medlocal.vault import keychain
from medlocal.vault.errors import KeychainUnavailableError, PassphraseRequiredError
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


@pytest.fixture
def remembered(tmp_path: Path, store: MemoryKeychain) -> Iterator[Workspace]:
    """A remembered vault with a backup in tmp/usb, and one patient more since."""
    ws = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder()
    )
    ws.create_vault(PASS, PASS)
    ws.require_vault().add_patient("Before Backup")
    ws.require_vault().remember()
    ws.backup(PASS, tmp_path / "usb", create_folder=True)
    ws.require_vault().add_patient("After Backup")
    yield ws
    ws.close()


def _patients_by_keychain(folder: Path) -> list[str]:
    with Vault.open(folder, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
        return [p.name for p in vault.list_patients()]


def test_a_restore_over_a_remembered_vault_keeps_it_remembered(
    remembered: Workspace, tmp_path: Path
) -> None:
    result = remembered.restore(tmp_path / "usb", PASS, replace=True)
    assert result.remembered is not None and result.remembered.kept
    assert "still unlocks without the passphrase" in result.outcome_note()
    assert _patients_by_keychain(remembered.vault_folder) == ["Before Backup"]
    assert Vault.is_remembered(remembered.vault_folder)


def test_a_keychain_that_fails_during_the_restore_is_said(
    remembered: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(entry: str) -> object:
        raise KeychainUnavailableError("The OS keychain did not answer.")

    monkeypatch.setattr(keychain, "load_device_key", locked)
    result = remembered.restore(tmp_path / "usb", PASS, replace=True)
    note = result.outcome_note()
    assert "no longer unlocks without the passphrase" in note
    assert "The OS keychain did not answer" in note
    assert "Remember on this computer" in note
    monkeypatch.undo()
    with pytest.raises(PassphraseRequiredError):
        Vault.open(remembered.vault_folder, use_keychain=True)
    # The next start says why the passphrase is asked (the window's words name its control)...
    with pytest.raises(PassphraseRequiredError) as asked:
        remembered.unlock()
    assert "restored from a backup and no longer unlocks without the passphrase" in str(asked.value)
    assert "The OS keychain did not answer" in str(asked.value)
    assert "Remember on this computer in Settings" in (asked.value.window or "")
    # ...once: after an unlock with the passphrase it is said no more.
    remembered.unlock(PASS)
    remembered.lock()
    with pytest.raises(PassphraseRequiredError) as plain:
        remembered.unlock()
    assert str(plain.value) == "The vault passphrase is needed to unlock it."


def test_a_restore_over_a_vault_not_remembered_says_nothing_of_the_keychain(
    tmp_path: Path, store: MemoryKeychain
) -> None:
    ws = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder()
    )
    try:
        ws.create_vault(PASS, PASS)
        ws.backup(PASS, tmp_path / "usb", create_folder=True)
        result = ws.restore(tmp_path / "usb", PASS, replace=True)
        assert result.remembered is None and result.keychain_note() == ""
        assert not Vault.is_remembered(ws.vault_folder)
    finally:
        ws.close()


def test_the_backup_restored_from_counts_as_verified_on_a_new_computer(
    tmp_path: Path, store: MemoryKeychain
) -> None:
    """Walk 52b L6: right after a restore onto a new computer the window said "No recent
    verified backup": the restore checks the backup whole, as --verify does, and says so."""
    from medlocal import paths
    from medlocal.vault import backup_state
    from medlocal.vault.restore import restore_backup

    ws = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder()
    )
    try:
        ws.create_vault(PASS, PASS)
        ws.require_vault().add_patient("Someone")
        ws.backup(PASS, tmp_path / "usb", create_folder=True)
        vault_id = ws.require_vault().vault_id
    finally:
        ws.close()
    (paths.data_dir() / backup_state.STATE_FILE).unlink()  # a new computer knows no backup
    assert backup_state.backup_due(7, vault_id)
    result = restore_backup(tmp_path / "usb", tmp_path / "restored", passphrase=PASS)
    last = backup_state.last_verified_backup(vault_id)
    assert last is not None and Path(last.path) == result.backup.resolve()
    assert not backup_state.backup_due(7, vault_id)


@pytest.mark.parametrize("window", [True, False])
def test_a_keychain_locked_during_the_restore_is_said_plainly(
    remembered: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: bool
) -> None:
    """Review 52b F8: the keychain's unlock wording ("the remembered key is still in it"), in
    parentheses inside parentheses, after a restore whose key has no keychain wrap; and the
    next start advised unticking a box no longer ticked."""
    from medlocal.vault.errors import KeychainLockedError
    from medlocal.vault.unlock import unremembered_reason

    def locked(entry: str) -> object:
        raise KeychainLockedError(keychain.LOCKED)

    monkeypatch.setattr(keychain, "load_device_key", locked)
    result = remembered.restore(tmp_path / "usb", PASS, replace=True)
    remembered.close()
    next_start = unremembered_reason(tmp_path / "vault", window=window) or ""
    for said in (result.outcome_note(), next_start):
        assert "keychain was locked" in said, said
        assert "still in it" not in said and "((" not in said and ")))" not in said, said
    assert "Remember on this computer" in next_start, next_start
    assert "untick" not in next_start and "forget" not in next_start, next_start
