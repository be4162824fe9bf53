"""Walk 44 D5: the window opened a vault the old release made and upgraded it without a word.
The unlock that upgrades it now shows "Vault upgraded to format N; ..." in the status bar until
the vault locks, once. Failed before the fix (checked by restoring medlocal/ from main: the
window has no such line)."""

from __future__ import annotations

from fixtures.gui_window import PASS, open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.vault.schema import SCHEMA_VERSION


def test_the_unlock_that_upgrades_the_vault_says_so_until_it_locks(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Marguerite Quennell-Abbot")
    with vault._tx() as s:  # one schema step behind: the newest step runs again on unlock
        s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    window = open_window(qtbot, gui_workspace)
    assert window.status.upgraded.isHidden()  # opened before the rewind: no upgrade
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    screen = window.lock_screen
    screen.secret.setText(PASS)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    label = window.status.upgraded
    assert not label.isHidden()
    assert label.text() == (
        f"Vault upgraded to format {SCHEMA_VERSION}; older MedLocal versions cannot open it;"
        " backups made before still restore in this version."
    )
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    assert label.isHidden()
    screen.secret.setText(PASS)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    assert label.isHidden()  # said once: this unlock upgraded nothing
    window.close()
