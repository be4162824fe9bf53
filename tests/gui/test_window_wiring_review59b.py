"""Review 59b: the main window's menus, dialogs and unlock follow-ups live in objects of their
own since ui59 (window_menus, window_dialogs, unlock_follow_ups), which are not QObjects. Guards
for what the split had to keep: each menu item opens its dialog once per press (not twice, not
never), and news of a backup written on a worker reaches the status bar on the GUI thread (the
relay's receiver is now a plain object's method, not the window's)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fixtures.gui_window import open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.unlock_follow_ups import BACKUP_REMINDER
from medlocal.ui.window_dialogs import WindowDialogs

# Menu item -> the dialog module it opens (with the vault open and a patient chosen).
OPENS = {
    "&Summarise…": "summarize_dialog",
    "Saved &answers and summaries…": "outputs_dialog",
    "&Model manager…": "models_dialog",
    "&Settings…": "settings_dialog",
    "Change &passphrase…": "passphrase_dialog",
    "&Audit log…": "audit_dialog",
    "&Backup and restore…": "backup_dialog",
    "&Evaluate models…": "eval_dialog",
    "&About and diagnostics…": "about_dialog",
}


class _Unshown:
    """Stands for a dialog, its signals and methods: opened, never shown."""

    def __getattr__(self, name: str) -> Any:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        return 0


def test_each_menu_item_opens_its_dialog_once(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui_workspace.require_vault().add_patient("Wired Patient")
    window = open_window(qtbot, gui_workspace)
    opened: list[str] = []

    def make(_self: WindowDialogs, module: str, name: str, *args: Any) -> Any:
        opened.append(module)
        return _Unshown()

    monkeypatch.setattr(WindowDialogs, "make", make)
    menu_bar = window.menuBar()
    assert menu_bar is not None
    items = {
        action.text(): action
        for menu_action in menu_bar.actions()
        if (menu := menu_action.menu()) is not None
        for action in menu.actions()
    }
    for text, module in OPENS.items():
        opened.clear()
        items[text].trigger()
        assert opened == [module], text


def test_a_backup_written_on_a_worker_drops_the_reminder_on_the_gui_thread(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, gui_workspace)
    dropped: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        window.status,
        "drop_reminder",
        lambda text: dropped.append((text, threading.current_thread() is threading.main_thread())),
    )
    worker = threading.Thread(target=lambda: [tell() for tell in gui_workspace._backup_listeners])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: dropped == [(BACKUP_REMINDER, True)])
