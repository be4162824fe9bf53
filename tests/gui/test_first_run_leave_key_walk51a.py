"""Walk 51a HIGH 1: the recovery key page could be left without the key confirmed. Escape, the
close button or Cancel there closed the wizard without a word, and a Next that arrived while
Next was disabled (the walk's script) finished the vault with its key never confirmed. Now
leaving asks, with a way back, and only the ticked box finishes the vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from fixtures.message_boxes import answer_next_box
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.first_run import GO_BACK, LEAVE, FirstRunWizard
from medlocal.ui.first_run_recovery import CONFIRM_FIRST

WAIT_MS = 20_000


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = make_workspace(tmp_path)
    yield ws
    ws.close()


@pytest.fixture
def on_key_page(qtbot: QtBot, workspace: Workspace) -> Iterator[FirstRunWizard]:
    wizard = FirstRunWizard(workspace)  # not given to qtbot: its close would ask the question
    wizard.show()
    wizard.passphrase_page.secret.setText(PASS)
    wizard.passphrase_page.confirm.setText(PASS)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    yield wizard
    wizard.done(0)  # closed without the question
    wizard.deleteLater()


def test_escape_on_the_key_page_asks_and_going_back_keeps_the_key(
    qtbot: QtBot, on_key_page: FirstRunWizard, workspace: Workspace
) -> None:
    wizard = on_key_page
    key = wizard.recovery_page.key.text()
    asked: list[str] = []
    answer_next_box(GO_BACK, asked)
    wizard.reject()  # what Escape, the close button and Cancel do
    assert len(asked) == 1 and "shown only now" in asked[0] and "new recovery key" in asked[0]
    assert wizard.isVisible() and wizard.currentPage() is wizard.recovery_page
    assert wizard.recovery_page.key.text() == key and key
    assert workspace.vault_unfinished()
    wizard.recovery_page.stored.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.model_page
    assert workspace.vault_exists() and not workspace.vault_unfinished()


def test_leaving_the_key_page_leaves_the_vault_unfinished(
    qtbot: QtBot, on_key_page: FirstRunWizard, workspace: Workspace
) -> None:
    asked: list[str] = []
    answer_next_box(LEAVE, asked)
    on_key_page.reject()
    assert len(asked) == 1
    assert not on_key_page.isVisible()
    # The next start opens the wizard again (no unlock screen for a key never confirmed).
    assert not workspace.vault_exists() and workspace.vault_unfinished()


def test_a_next_without_the_box_ticked_does_not_finish_the_vault(
    on_key_page: FirstRunWizard, workspace: Workspace
) -> None:
    wizard = on_key_page
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.next()  # arrives anyway (a script, a queued key press)
    assert wizard.currentPage() is wizard.recovery_page
    assert wizard.recovery_page.remember_note.text() == CONFIRM_FIRST
    assert workspace.vault_unfinished() and not workspace.vault_exists()


def test_a_stray_database_is_answered_at_the_first_next_and_named(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Walk 51a MEDIUM 4: a vault folder holding a leftover vault.db but no key file; once the
    first Next said nothing. The answer comes at the first Next and names the file to move."""
    ws = make_workspace(tmp_path)
    folder = tmp_path / "vault"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vault.db").write_text("junk\n")
    (folder / "notes.txt").write_text("x\n")
    wizard = FirstRunWizard(ws)
    try:
        wizard.show()
        page = wizard.passphrase_page
        page.secret.setText(PASS)
        page.confirm.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: "was not created" in page.error.text(), timeout=WAIT_MS)
        said = page.error.text()
        assert "move vault.db out of that folder" in said, said
        assert wizard.currentPage() is page and page.secret.isEnabled()
        assert (folder / "vault.db").read_text() == "junk\n"  # nothing replaced
    finally:
        wizard.done(0)
        wizard.deleteLater()
        ws.close()
