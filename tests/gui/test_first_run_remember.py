"""Remembering the vault on this computer (the OS keychain, which may wait on a Secret Service or
KWallet prompt, and a synced key-file write) runs on a worker while the wizard waits."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.errors import MedLocalError
from medlocal.ui.first_run import FirstRunWizard
from medlocal.vault.store import Vault


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> Any:
    ws: Workspace = make_workspace(tmp_path)
    wizard = FirstRunWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.passphrase_page
    page.secret.setText(PASS)
    page.confirm.setText(PASS)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
    wizard.recovery_page.stored.setChecked(True)
    wizard.recovery_page.remember.setChecked(True)
    yield wizard
    ws.close()


def test_remembering_runs_on_a_worker(
    qtbot: QtBot, wizard: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = threading.Event(), []

    def remember(_self: Vault) -> str:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return "test keychain"

    monkeypatch.setattr(Vault, "remember", remember)
    recovery = wizard.recovery_page
    wizard.next()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert wizard.currentPage() is recovery and not recovery.remember.isEnabled()
    wizard.next()  # pressed again meanwhile: still waiting, no second call
    release.set()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.model_page)
    assert len(threads) == 1
    assert recovery.key.text() == ""  # the recovery key left the screen


def test_a_failed_remember_is_shown_and_the_page_stays(
    qtbot: QtBot, wizard: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def remember(_self: Vault) -> str:
        raise MedLocalError("No keychain on this computer.")

    monkeypatch.setattr(Vault, "remember", remember)
    recovery = wizard.recovery_page
    wizard.next()
    qtbot.waitUntil(lambda: "Not remembered" in recovery.remember_note.text())
    assert "No keychain on this computer." in recovery.remember_note.text()
    assert wizard.currentPage() is recovery
    assert not recovery.remember.isChecked() and recovery.remember.isEnabled()
    wizard.next()  # without remembering now
    assert wizard.currentPage() is wizard.model_page
