"""Review 47 R2: the recovery key page's Finish marked the vault finished in memory before its key
file was written. When that write failed (a full disk), a second press did nothing and was taken
for success, the key file still said "unfinished", and MedLocal closed without a word; the next
start replaced the vault whose recovery key the clinician had written down. Now the flag follows
the write: a failed write is said on the page and pressing again writes it; a wizard closed on
an unfinished vault says so before MedLocal closes."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ui import app
from medlocal.ui.first_run import FirstRunWizard
from medlocal.vault import unlock


def _full_disk(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_finish_that_could_not_be_written_is_said_and_pressed_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)
    try:
        wizard = FirstRunWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.passphrase_page.secret.setText(PASS)
        wizard.passphrase_page.confirm.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
        page = wizard.recovery_page
        page.stored.setChecked(True)
        with monkeypatch.context() as patch:
            patch.setattr(unlock, "save_key_file", _full_disk)
            wizard.next()
        assert wizard.currentPage() is page  # not finished: the page stays
        said = page.remember_note.text()
        assert "The vault was not finished" in said and "the disk is full" in said
        assert ws.vault_unfinished()
        wizard.next()  # space freed: pressing again finishes it, on disk
        assert wizard.currentPage() is wizard.model_page
        assert ws.vault_exists() and not ws.vault_unfinished()
    finally:
        ws.close()


class _ClosedWizard:
    """The wizard, closed by the person after the vault was made but not finished."""

    def __init__(self, *_args: Any) -> None:
        pass

    def exec(self) -> int:
        return 0

    def open_manager_requested(self) -> bool:
        return False


def test_a_wizard_closed_on_an_unfinished_vault_is_not_a_silent_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(app, "FirstRunWizard", _ClosedWizard)
    monkeypatch.setattr(app, "tell", lambda _p, _t, text: shown.append(text))
    try:
        ws.create_vault(PASS, finish=False)
        assert app.first_run(ws) == app.FirstRun(False)
    finally:
        ws.close()
    assert shown == [app.VAULT_NOT_FINISHED]
