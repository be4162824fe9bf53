"""The key file changed by another process, and keychain entries of copies (walk 49a D1-D3).

A window holds the vault open while a command changes the passphrase: the window's copy of the
key file, loaded at its unlock, must never be written back over the change. Copies of one vault
(same id) have keychain entries of their own, and a missing entry is told with its cause."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medlocal.vault import keychain
from medlocal.vault.errors import (
    KeysChangedElsewhereError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault
from tests.fixtures.child_process import run_child
from tests.fixtures.keychain import MemoryKeychain, using_keyring

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
OLD = "first clinic passphrase"
NEW = "second clinic passphrase"


@pytest.fixture
def memory() -> MemoryKeychain:
    backend = MemoryKeychain()
    with using_keyring(backend):
        yield backend


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    Vault.create(tmp_path / "vault", OLD, kdf_params=FAST)[0].lock()
    return tmp_path / "vault"


def _opens_with(folder: Path, passphrase: str) -> bool:
    try:
        Vault.open(folder, passphrase).lock()
    except WrongPassphraseError:
        return False
    return True


def test_remember_in_an_open_window_keeps_a_passphrase_changed_elsewhere(
    memory: MemoryKeychain, vault_dir: Path
) -> None:
    window = Vault.open(vault_dir, OLD)  # the window, unlocked before the change
    with Vault.open(vault_dir, OLD) as terminal:  # `vault passwd` in a terminal
        terminal.change_passphrase(NEW)
    window.remember()  # Settings, Remember on this computer
    window.lock()
    assert _opens_with(vault_dir, NEW)
    assert not _opens_with(vault_dir, OLD)
    with Vault.open(vault_dir, use_keychain=True) as again:  # and remembering did work
        assert again.unlocked_with == "keychain"


def test_forget_in_an_open_window_keeps_a_passphrase_changed_elsewhere(
    memory: MemoryKeychain, vault_dir: Path
) -> None:
    with Vault.open(vault_dir, OLD) as vault:
        vault.remember()
    window = Vault.open(vault_dir, use_keychain=True)
    with Vault.open(vault_dir, OLD) as terminal:
        terminal.change_passphrase(NEW)
    window.forget()
    window.lock()
    assert _opens_with(vault_dir, NEW)
    assert not _opens_with(vault_dir, OLD)
    assert not Vault.is_remembered(vault_dir)


def test_a_second_change_from_an_old_copy_is_refused_and_writes_nothing(vault_dir: Path) -> None:
    window = Vault.open(vault_dir, OLD)
    with Vault.open(vault_dir, OLD) as terminal:
        terminal.change_passphrase(NEW)
    before = (vault_dir / KEY_FILE_NAME).read_bytes()
    with pytest.raises(KeysChangedElsewhereError, match="changed by another MedLocal"):
        window.change_passphrase("third clinic passphrase")
    with pytest.raises(KeysChangedElsewhereError):
        window.rotate_key(OLD)
    window.lock()
    assert (vault_dir / KEY_FILE_NAME).read_bytes() == before
    assert _opens_with(vault_dir, NEW)


def test_a_passphrase_changed_by_another_process_survives_the_windows_remember(
    memory: MemoryKeychain, vault_dir: Path, tmp_path: Path
) -> None:
    """The walk's case with a real second process: `vault passwd` from a terminal."""
    window = Vault.open(vault_dir, OLD)
    changed = run_child(
        f"""
        from medlocal.vault.store import Vault
        with Vault.open({str(vault_dir)!r}, {OLD!r}) as vault:
            vault.change_passphrase({NEW!r})
        """,
        tmp_path / "home",
    )
    assert changed.returncode == 0, changed.stderr
    window.remember()
    window.lock()
    assert _opens_with(vault_dir, NEW)
    assert not _opens_with(vault_dir, OLD)


def _remembered_with_a_copy(vault_dir: Path, copy: Path) -> Path:
    """The vault remembered, then its folder copied (same vault id)."""
    with Vault.open(vault_dir, OLD) as vault:
        vault.remember()
    shutil.copytree(vault_dir, copy)
    return copy


def test_forgetting_a_copy_leaves_the_original_remembered(
    memory: MemoryKeychain, vault_dir: Path, tmp_path: Path
) -> None:
    copy = _remembered_with_a_copy(vault_dir, tmp_path / "copy")
    with pytest.raises(PassphraseRequiredError, match="copied or moved here") as told:
        Vault.open(copy, use_keychain=True)
    assert "vault remember" in str(told.value) and "vault forget" in str(told.value)
    with Vault.open(copy, OLD, use_keychain=True) as vault:
        assert "copied or moved here" in vault.status().remembered_problem
        assert not vault.status().remembered
        vault.forget()
    with Vault.open(vault_dir, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
        assert vault.status().remembered


def test_remembering_a_copy_gives_it_its_own_entry(
    memory: MemoryKeychain, vault_dir: Path, tmp_path: Path
) -> None:
    copy = _remembered_with_a_copy(vault_dir, tmp_path / "copy")
    with Vault.open(copy, OLD) as vault:
        vault.remember()
    for folder in (vault_dir, copy):
        with Vault.open(folder, use_keychain=True) as vault:
            assert vault.unlocked_with == "keychain"
    assert len(memory.store) == 2


def test_a_missing_entry_says_why_and_status_does_not_say_remembered(
    memory: MemoryKeychain, vault_dir: Path
) -> None:
    with Vault.open(vault_dir, OLD) as vault:
        vault.remember()
    memory.store.clear()  # deleted in the keychain manager, or another computer's
    with pytest.raises(PassphraseRequiredError) as told:
        Vault.open(vault_dir, use_keychain=True)
    message = str(told.value)
    assert "not in this computer's keychain" in message
    assert "'medlocal vault remember'" in message and "'medlocal vault forget'" in message
    with Vault.open(vault_dir, OLD) as vault:
        status = vault.status()
    assert not status.remembered
    assert "not in this computer's keychain" in status.remembered_problem


def test_an_entry_named_the_old_way_still_opens_and_is_taken_over(
    memory: MemoryKeychain, vault_dir: Path
) -> None:
    """A vault remembered before entries were named per folder (by its id alone)."""
    with Vault.open(vault_dir, OLD) as vault:
        vault.remember()
        vault_id = vault.vault_id
    here = keychain.entry_name(vault_id, vault_dir)
    memory.store[keychain.SERVICE, vault_id] = memory.store.pop((keychain.SERVICE, here))
    path = vault_dir / KEY_FILE_NAME
    data = json.loads(path.read_text())
    del data["wraps"]["keychain"]["entry"]
    path.write_text(json.dumps(data))
    with Vault.open(vault_dir, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
    assert json.loads(path.read_text())["wraps"]["keychain"]["entry"] == here
    assert list(memory.store) == [(keychain.SERVICE, here)]
    with Vault.open(vault_dir, use_keychain=True) as vault:
        vault.forget()
    assert memory.store == {}


def test_vault_status_says_why_the_remembered_key_is_not_used(
    memory: MemoryKeychain, vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixtures.terminal import run_cli

    with Vault.open(vault_dir, OLD) as vault:
        vault.remember()
    memory.store.clear()
    secret = tmp_path / "pass.txt"
    secret.write_text(OLD + "\n")
    secret.chmod(0o600)
    opts = ["--vault", str(vault_dir), "--passphrase-file", str(secret)]
    assert run_cli("vault", "status", *opts) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Remembered:"))
    assert line.startswith("Remembered:   not usable here. The remembered key is not in this")
    assert ".." not in line and "'medlocal vault remember'" in line


def test_the_key_files_lock_is_what_a_gone_vault_leaves_too(tmp_path: Path) -> None:
    """A vault's files gone (deleted by hand), its session count and the empty lock file left:
    as good as an empty folder to restore into, as the session count alone was."""
    from medlocal.vault import unrecorded
    from medlocal.vault.keyfile import LOCK_FILE_NAME

    (tmp_path / unrecorded.NOTE_NAME).write_text("{}")
    (tmp_path / LOCK_FILE_NAME).touch()
    assert unrecorded.only_note_in(tmp_path)
    (tmp_path / "letter.txt").touch()
    assert not unrecorded.only_note_in(tmp_path)
