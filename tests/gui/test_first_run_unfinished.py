"""Walk 47a D1 in the window: a vault whose creation was killed before its recovery key was shown
was taken for an existing vault (the unlock screen, not the wizard). Now the first-run wizard
opens again, says why, and makes the vault again; the new vault is finished only once its
recovery key page was confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.child_process import leave_a_killed_window_run
from fixtures.gui_window import PASS, make_workspace
from fixtures.vault_file import FAST
from pytestqt.qtbot import QtBot

from medlocal.ui import app as gui_app
from medlocal.ui.app import tell_last_run
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.first_run_passphrase import UNFINISHED_EARLIER
from medlocal.vault.store import Vault


def test_the_wizard_makes_an_unfinished_vault_again(qtbot: QtBot, tmp_path: Path) -> None:
    left, _key = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST, finish=False)
    left.lock()  # as a kill before the recovery key page leaves it
    ws = make_workspace(tmp_path)
    try:
        assert not ws.vault_exists()  # so the window starts with the wizard
        wizard = FirstRunWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.passphrase_page
        assert page.earlier.text() == UNFINISHED_EARLIER and page.earlier.isVisibleTo(wizard)
        page.secret.setText(PASS)
        page.confirm.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
        assert ws.vault_unfinished()  # the key is on screen, not yet confirmed
        wizard.recovery_page.stored.setChecked(True)
        wizard.next()
        assert wizard.currentPage() is wizard.model_page
        assert ws.vault_exists() and not ws.vault_unfinished()
    finally:
        ws.close()


def test_a_window_killed_while_creating_is_not_told_its_vault_is_safe(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, medlocal_home: Path
) -> None:
    leave_a_killed_window_run(medlocal_home)
    left, _key = Vault.create(medlocal_home / "vault", PASS, kdf_params=FAST, finish=False)
    left.lock()
    ws = make_workspace(medlocal_home)
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, _t, text: shown.append(text))
    try:
        tell_last_run(None, vault_unfinished=ws.vault_unfinished())
    finally:
        ws.close()
    assert len(shown) == 1 and "did not close properly" in shown[0]
    assert "was not finished and holds nothing: create it again" in shown[0]
    assert "everything it had saved is kept" not in shown[0]
