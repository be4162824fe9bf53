"""The main window's menus and its shortcuts outside them (F6, Esc)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu

from medlocal.ui.icons import icon

if TYPE_CHECKING:
    from medlocal.ui.main_window import MainWindow


def menu_action(
    parent: QObject, text: str, slot: Callable[[], object], shortcut: Any = None
) -> QAction:
    """A menu action calling ``slot()`` with no arguments: ``triggered`` passes ``checked``,
    which a slot with an optional first parameter (``open_models(importing=None)``) would
    otherwise take for that parameter."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    # Focus comes back after the dialog the action opens: focus_return (walk 46a D8).
    action.triggered.connect(lambda _checked=False: slot())
    return action


class WindowMenus:
    """File, Chat, Models, Tools and Help, built on the window's menu bar; the actions the
    window turns off while locked are ``working_actions``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        dialogs = window.dialogs
        bar = window.menuBar()
        assert bar is not None
        file_menu = bar.addMenu("&File")
        self.import_action = self._action(
            "&Import documents…",
            window.patients.imports.choose_files,
            QKeySequence.StandardKey.Open,
        )
        self.summarize_action = self._action("&Summarise…", dialogs.open_summarize, "Ctrl+Shift+S")
        self.outputs_action = self._action(
            "Saved &answers and summaries…", dialogs.open_outputs, "Ctrl+Shift+O"
        )
        self.lock_action = self._action("&Lock", lambda: window.lock("user"), "Ctrl+L")
        self.lock_action.setIcon(icon("lock"))
        quit_action = self._action("&Quit", window.close)
        # QKeySequence.Quit is empty on some Linux desktops and on Windows (walk 48a D12):
        # Ctrl+Q where the platform gives none.
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        for action in (
            self.import_action,
            self.summarize_action,
            self.outputs_action,
            self.lock_action,
            quit_action,
        ):
            file_menu.addAction(action)
        # F6 goes to the question box from anywhere in the window (walk 48a D11: nine Tab
        # presses from Add patient…), as F6 moves between a window's panes elsewhere; shown in
        # the Patients menu since ui64.
        self.ask_action = self._action("Go to the &question box", self._go_to_question, "F6")
        window.addAction(self.ask_action)
        self._build_patients_menu(bar.addMenu("&Patients"))
        self._build_chat_menu(bar.addMenu("&Chat"))
        models_menu = bar.addMenu("&Models")
        models_menu.addAction(self._action("&Model manager…", dialogs.open_models, "Ctrl+M"))
        tools_menu = bar.addMenu("&Tools")
        self.settings_action = self._action("&Settings…", dialogs.open_settings)
        # QKeySequence.Preferences is empty on Linux and Windows (walk 39: no shortcut opened
        # Settings there): Ctrl+, everywhere, after the platform's own (Cmd+, on macOS).
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        self.settings_action.setShortcuts(
            [*preferences, *([] if comma in preferences else [comma])]
        )
        tools_menu.addAction(self.settings_action)
        self.passphrase_action = self._action("Change &passphrase…", dialogs.open_change_passphrase)
        tools_menu.addAction(self.passphrase_action)
        tools_menu.addAction(self._action("&Audit log…", dialogs.open_audit))
        self.backup_action = self._action("&Backup and restore…", dialogs.open_backup)
        tools_menu.addAction(self.backup_action)
        tools_menu.addAction(self._action("&Evaluate models…", dialogs.open_evaluate))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About and diagnostics…", dialogs.open_about))
        stop = self._action("Stop generation", window.chat.stop, "Esc")
        stop.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(stop)
        self.working_actions = [
            self.find_action,
            self.import_action,
            self.summarize_action,
            self.outputs_action,
            self.lock_action,
            self.passphrase_action,
        ]

    def _action(self, text: str, slot: Callable[[], object], shortcut: Any = None) -> QAction:
        return menu_action(self.window, text, slot, shortcut)

    def _build_chat_menu(self, menu: QMenu) -> None:
        """The chat's buttons as menu items with shortcuts (walk 53a L2: reached only by F6 and
        a count of Tabs that changed with which buttons were on). Each presses its button, so
        it does what the button does, and nothing while the button is off."""
        chat = self.window.chat
        self._button_items(
            menu,
            ("&New chat", chat.new_chat, "Ctrl+Shift+N"),
            ("&Regenerate answer", chat.regenerate_button, "Ctrl+R"),
            ("&Copy answer", chat.copy_button, "Ctrl+Shift+C"),
            ("&Export answer…", chat.export_button, "Ctrl+E"),
        )
        # Finding a word in a long answer (ui63); off on the lock screen, as the chat is.
        self.find_action = self._action(
            "&Find in the conversation…", chat.find_bar.open, QKeySequence.StandardKey.Find
        )
        menu.addAction(self.find_action)

    def _build_patients_menu(self, menu: QMenu) -> None:
        """The patients pane's main actions with shortcuts shown (ui64: adding a patient or
        finding one took Tabs from wherever the keyboard was, and F6 was in no menu)."""
        patients = self.window.patients
        self._button_items(
            menu,
            ("&Add patient…", patients.add_button, "Ctrl+N"),
            ("Import &folder…", patients.import_folder_button, "Ctrl+Shift+I"),
        )
        self.find_patient_action = self._action(
            "Find a &patient", self._go_to_patient_search, "Ctrl+Shift+F"
        )
        menu.addAction(self.find_patient_action)
        menu.addAction(self.ask_action)

    def _button_items(self, menu: QMenu, *items: tuple[str, QAbstractButton, str]) -> None:
        """Menu items that press their buttons: each does what its button does, and nothing
        while the button is off or the window locked."""
        for text, button, shortcut in items:
            action = self._action(text, partial(self._press, button), shortcut)
            menu.addAction(action)
            # Shown on only when its button is: a grey item says "not now", as the button does.
            menu.aboutToShow.connect(
                lambda action=action, button=button: action.setEnabled(
                    button.isEnabled() and not self._locked()
                )
            )
            menu.aboutToHide.connect(lambda action=action: action.setEnabled(True))
            button.setToolTip(f"{text.replace('&', '')} ({shortcut})")

    def _locked(self) -> bool:
        return self.window.stack.currentIndex() == self.window.LOCKED

    def _press(self, button: QAbstractButton) -> None:
        if not self._locked() and button.isEnabled():
            button.click()

    def _go_to_patient_search(self) -> None:
        search = self.window.patients.search
        if not self._locked():
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()

    def _go_to_question(self) -> None:
        window = self.window
        if window.stack.currentIndex() != window.LOCKED and window.chat.question.isEnabled():
            window.chat.question.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_working(self, working: bool) -> None:
        """On while the vault is open; off on the lock screen and while the window closes."""
        for action in self.working_actions:
            action.setEnabled(working)
