"""Review 53a (F5 of review 52b, as left 53 mended it): another vault's backup restored over a
remembered vault deletes the replaced vault's keychain entries. An entry named by the vault's id
alone (remembered before entries were named per folder) is shared by every copy of that vault:
a copy elsewhere still unlocks with it, so a restore in one folder must not delete it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.keychain import MemoryKeychain, using_keyring

from medlocal.app import Workspace
from medlocal.vault import keychain
from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASS = "correct horse battery"
OTHER = "another clinic staple horse"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


@pytest.fixture
def store() -> Iterator[MemoryKeychain]:
    backend = MemoryKeychain()
    with using_keyring(backend):
        yield backend


def _workspace(folder: Path) -> Workspace:
    return Workspace(folder, kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder())


def _remembered_the_old_way(folder: Path, store: MemoryKeychain) -> None:
    """A vault remembered before entries were named per folder: its entry is its id alone."""
    with Vault.open(folder, PASS) as vault:
        vault.remember()
        vault_id = vault.vault_id
    here = keychain.entry_name(vault_id, folder)
    store.store[keychain.SERVICE, vault_id] = store.store.pop((keychain.SERVICE, here))
    path = folder / KEY_FILE_NAME
    data = json.loads(path.read_text())
    del data["wraps"]["keychain"]["entry"]
    path.write_text(json.dumps(data))


def test_a_restore_keeps_the_id_entry_a_copy_elsewhere_unlocks_with(
    tmp_path: Path, store: MemoryKeychain
) -> None:
    other = _workspace(tmp_path / "other")
    try:
        other.create_vault(OTHER, OTHER)
        other.backup(OTHER, tmp_path / "usb", create_folder=True)
    finally:
        other.close()
    Vault.create(tmp_path / "clinic", PASS, kdf_params=FAST_KDF)[0].lock()
    _remembered_the_old_way(tmp_path / "clinic", store)
    shutil.copytree(tmp_path / "clinic", tmp_path / "copy")
    ws = _workspace(tmp_path / "copy")
    try:
        ws.unlock(PASS)  # an empty vault, opened: another vault's backup may replace it
        result = ws.restore(tmp_path / "usb", OTHER, replace=True)
        assert result.remembered is not None and result.remembered.another_vault
    finally:
        ws.close()
    with Vault.open(tmp_path / "clinic", use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
