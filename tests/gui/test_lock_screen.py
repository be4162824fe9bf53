"""The lock screen says the vault's back-off when a wrong passphrase starts it, counts it down on
a disabled Unlock button (a timer: the window stays responsive), and never answers one wrong try
with "too many" (walk g1 #3: after one wrong passphrase the right one was refused with "Too many
failed unlock attempts; try again in 4 s", the count being left from earlier sessions)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.announce import announcer
from medlocal.vault.keyfile import FREE_ATTEMPTS, KEY_FILE_NAME


def _set_failures(folder: Path, count: int) -> None:
    path = folder / KEY_FILE_NAME
    data = json.loads(path.read_text())
    data["failed_attempts"], data["last_failed_at"] = count, 0.0  # long ago: no wait now
    path.write_text(json.dumps(data))


def test_a_wrong_passphrase_says_the_wait_and_the_button_counts_it_down(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, gui_workspace)
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    # Failures from earlier sessions (the count is kept in the key file until an unlock works):
    # this session's one wrong try makes the fourth in a row, which starts a 2 s wait.
    _set_failures(tmp_path / "vault", FREE_ATTEMPTS)
    screen = window.lock_screen
    screen.secret.setText("wrong passphrase!")
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen._busy, timeout=20000)
    message = screen.error.text()
    assert message.startswith("Wrong passphrase"), message
    assert "Wait 2 s before the next try." in message, message
    assert "too many" not in message.lower()
    assert not screen.button.isEnabled() and screen.button.text() == "Unlock (2 s)"
    assert screen.waiting

    # The right passphrase typed at once is not sent to be refused: the line still says wait.
    screen.secret.setText(PASS)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    assert not screen._busy and window.stack.currentIndex() == window.LOCKED
    assert "too many" not in screen.error.text().lower()

    qtbot.waitUntil(screen.button.isEnabled, timeout=5000)
    assert screen.button.text() == "Unlock" and not screen.waiting
    assert screen.error.text().endswith("You can try again now.")
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)  # the passphrase is still in the field
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    window.close()


def test_a_free_wrong_try_says_no_wait(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = open_window(qtbot, gui_workspace)
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    screen = window.lock_screen
    said: list[str] = []
    announcer.announced.connect(said.append)
    screen.secret.setText("wrong passphrase!")
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen._busy, timeout=20000)
    announcer.announced.disconnect(said.append)
    assert "Wait" not in screen.error.text() and screen.button.isEnabled()
    assert screen.button.text() == "Unlock"
    # Said to a screen reader too (walk 48a D2: the red text changed silently).
    assert [s for s in said if s.startswith("Wrong passphrase")] == [screen.error.text()]
    window.close()


def test_the_form_is_off_while_a_try_is_checked_and_the_next_try_opens_the_vault(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39: a wrong passphrase and Return, then, while "Unlocking…" showed, the right one and
    Return: that Return was dropped, the field cleared when the first check ended, and "Wrong
    passphrase" stayed on a locked screen as if the right passphrase had failed."""
    window = open_window(qtbot, gui_workspace)
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    screen = window.lock_screen
    # The real check of the real vault, held until the test has typed during it (Argon2id with
    # the tests' parameters ends before a person could type; at real cost it takes seconds).
    release = threading.Event()
    real_unlock = gui_workspace.unlock

    def slow_unlock(*args: Any, **kwargs: Any) -> Any:
        release.wait(20)
        return real_unlock(*args, **kwargs)

    monkeypatch.setattr(gui_workspace, "unlock", slow_unlock)
    screen.secret.setText("wrong passphrase!")
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    assert screen.error.text() == "Unlocking…"
    # Nothing typed now is taken: the field, the recovery choice and the button are all off.
    assert not screen.secret.isEnabled()
    assert not screen.button.isEnabled() and not screen.use_recovery.isEnabled()
    qtbot.keyClicks(screen.secret, PASS)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    screen.button.click()
    assert screen.secret.text() == ""
    release.set()

    qtbot.waitUntil(lambda: not screen._busy, timeout=20000)
    assert window.stack.currentIndex() == window.LOCKED
    assert screen.error.text().startswith("Wrong passphrase"), screen.error.text()
    # Ready for the next try at once, the cursor in the field.
    assert screen.secret.isEnabled() and screen.button.isEnabled()
    assert screen.use_recovery.isEnabled()
    assert window.focusWidget() is screen.secret  # the one focused when the window is active
    qtbot.keyClicks(screen.secret, PASS)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=20000)
    window.close()
