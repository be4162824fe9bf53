"""*Change passphrase…* in the window (walk 50a D2): a clinic that never opens a terminal could
neither change its vault passphrase nor set a new one after unlocking with the recovery key, so
every start needed the key. Real vault, real key wrapping, the dialog's worker; the same
workspace method ``vault passwd`` uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace, open_window
from fixtures.keychain import MemoryKeychain, using_keyring
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.passphrase_dialog import WRITTEN, ChangePassphraseDialog
from medlocal.vault.errors import WrongPassphraseError

NEW = "quiet lantern orchard violet 47"
WAIT_MS = 60_000


def _opens_with(workspace: Workspace, passphrase: str) -> bool:
    workspace.lock("user")
    try:
        workspace.unlock(passphrase)
    except Exception:
        return False
    return True


def _submit(qtbot: QtBot, dialog: ChangePassphraseDialog, current: str, new: str) -> None:
    dialog.current.setText(current)
    dialog.new.setText(new)
    dialog.repeat.setText(new)
    dialog.change_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_the_current_passphrase_is_checked_and_weak_ones_are_refused(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = ChangePassphraseDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.needs_current and dialog.current.isVisibleTo(dialog)

    _submit(qtbot, dialog, "not the passphrase at all", NEW)
    assert dialog.message.text() == "Wrong passphrase; the passphrase was not changed."
    _submit(qtbot, dialog, PASS, "password123")
    assert "one of the most common passwords" in dialog.message.text()
    dialog.current.setText(PASS)
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW + "x")
    dialog.change_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.message.text() == "The passphrases do not match."
    assert not dialog.changed

    _submit(qtbot, dialog, PASS, NEW)
    assert dialog.changed and dialog.message.text() == WRITTEN
    assert not dialog.new.text() and not dialog.current.text()  # no secret lingers
    assert not _opens_with(workspace, PASS)
    assert _opens_with(workspace, NEW)


def test_after_a_recovery_key_unlock_the_window_offers_a_new_passphrase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    workspace = make_workspace(tmp_path)
    recovery_key = workspace.create_vault(PASS, PASS)
    workspace.require_vault().add_patient("Ada Lovelace")
    try:
        window = open_window(qtbot, workspace)
        action = window.menus.passphrase_action
        assert action.isEnabled() and "&passphrase" in action.text()
        window.lock("user")
        assert not action.isEnabled()  # nothing to change while locked

        screen = window.lock_screen
        screen.use_recovery.setChecked(True)
        screen.secret.setText(recovery_key)
        screen.submit()
        qtbot.waitUntil(lambda: bool(window.findChildren(ChangePassphraseDialog)), timeout=WAIT_MS)
        dialog = window.findChildren(ChangePassphraseDialog)[0]
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert "recovery key" in dialog.note.text()
        assert not dialog.needs_current and not dialog.current.isVisibleTo(dialog)

        dialog.new.setText(NEW)
        dialog.repeat.setText(NEW)
        dialog.change_button.click()
        qtbot.waitUntil(lambda: dialog.changed, timeout=WAIT_MS)
        dialog.reject()
        assert not _opens_with(workspace, PASS)
        assert _opens_with(workspace, NEW)
    finally:
        workspace.close()


def test_a_window_opened_with_the_passphrase_offers_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    qtbot.wait(50)
    assert not window.findChildren(ChangePassphraseDialog)


def test_a_remembered_vault_needs_the_current_passphrase_and_still_opens_by_itself(
    qtbot: QtBot, workspace: Workspace
) -> None:
    with using_keyring(MemoryKeychain()):
        workspace.require_vault().remember()
        workspace.lock("user")
        assert workspace.unlock().unlocked_with == "keychain"  # no passphrase typed
        with pytest.raises(WrongPassphraseError):  # someone at an unlocked computer
            workspace.change_passphrase(NEW, NEW)
        dialog = ChangePassphraseDialog(workspace)
        qtbot.addWidget(dialog)
        assert dialog.needs_current
        _submit(qtbot, dialog, PASS, NEW)
        assert dialog.changed, dialog.message.text()
        workspace.lock("user")
        assert workspace.unlock().unlocked_with == "keychain"  # the keychain's wrap still opens
        assert _opens_with(workspace, NEW)
