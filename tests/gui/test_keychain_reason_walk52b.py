"""Walk 52b L1: with no keychain running, or the login keyring locked, the lock screen said only
"The vault passphrase is needed to unlock it."; the reason sat in the status bar, cut off at
800 px after "keyring.backends.fail.Keyring is not a secure C", and for a locked keyring it
read "did not answer" and advised 'medlocal vault remember' (the entry is still there: unlocking
the keyring is the fix). The reason is now said on the lock screen in plain words, the window's
own control before any command; a locked keychain advises unlocking it."""

from __future__ import annotations

from pathlib import Path

import keyring.errors
import pytest
from fixtures.keychain import MemoryKeychain, no_keychain, using_keyring
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.lock_screen import LockScreen
from medlocal.vault.errors import PassphraseRequiredError
from medlocal.vault.store import Vault


@pytest.fixture
def remembered(gui_workspace: Workspace, store: MemoryKeychain) -> Workspace:
    gui_workspace.require_vault().remember()
    gui_workspace.lock()
    return gui_workspace


def _lock_screen_says(qtbot: QtBot, workspace: Workspace) -> str:
    screen = LockScreen(workspace)
    qtbot.addWidget(screen)
    screen.try_keychain()
    qtbot.waitUntil(lambda: not screen._busy, timeout=20000)
    assert screen.error.wordWrap()  # the whole reason is read, not cut off
    return screen.error.text()


def test_a_locked_keychain_is_named_and_unlocking_it_advised(
    qtbot: QtBot, remembered: Workspace, store: MemoryKeychain, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    monkeypatch.setattr(store, "get_password", locked)
    said = _lock_screen_says(qtbot, remembered)
    assert "keychain is locked" in said and "Unlock it" in said, said
    assert "did not answer" not in said, said
    assert "vault remember" not in said, said
    with pytest.raises(PassphraseRequiredError) as caught:
        Vault.open(remembered.vault_folder, use_keychain=True)
    assert "vault remember" not in str(caught.value)  # the terminal's words too


def test_no_keychain_running_is_said_in_plain_words_on_the_lock_screen(
    qtbot: QtBot, remembered: Workspace
) -> None:
    with using_keyring(no_keychain()):
        said = _lock_screen_says(qtbot, remembered)
    assert "No OS keychain is running" in said, said
    assert "keyring.backends" not in said and "medlocal vault" not in said, said
    assert said != "The vault passphrase is needed to unlock it."


def test_a_missing_entry_names_the_windows_control_first(
    qtbot: QtBot, remembered: Workspace, store: MemoryKeychain
) -> None:
    store.store.clear()
    said = _lock_screen_says(qtbot, remembered)
    assert "not in this computer's keychain" in said, said
    assert "Remember on this computer in Settings" in said, said
    assert "medlocal vault" not in said, said


def test_a_restore_that_could_not_keep_remember_is_said_at_the_next_start(
    qtbot: QtBot,
    gui_workspace: Workspace,
    store: MemoryKeychain,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walk 52b M1's fallback: the keychain failed during a restore over a remembered vault;
    the next start's lock screen says why the passphrase is asked."""
    from fixtures.gui_window import PASS

    from medlocal.vault import keychain
    from medlocal.vault.errors import KeychainUnavailableError

    gui_workspace.require_vault().remember()
    gui_workspace.backup(PASS, tmp_path / "usb", create_folder=True)

    def locked(entry: str) -> object:
        raise KeychainUnavailableError("The OS keychain did not answer.")

    monkeypatch.setattr(keychain, "load_device_key", locked)
    gui_workspace.restore(tmp_path / "usb", PASS, replace=True)
    monkeypatch.undo()
    said = _lock_screen_says(qtbot, gui_workspace)
    assert "restored from a backup and no longer unlocks without the passphrase" in said, said
    assert "medlocal vault" not in said, said
