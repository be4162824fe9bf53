"""The first-run wizard while the vault is being created (walk 25: the fields and Next stayed
enabled, a passphrase typed meanwhile was silently ignored and the vault opened only with the
first one) and the passphrase rule it applies ('password' was accepted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from fixtures.held_calls import hold
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.errors import MedLocalError
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.first_run_passphrase import CREATING_AGAIN

WAIT_MS = 20_000


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = make_workspace(tmp_path)
    yield ws
    ws.close()


@pytest.fixture
def wizard(qtbot: QtBot, workspace: Workspace) -> FirstRunWizard:
    wizard = FirstRunWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _type(wizard: FirstRunWizard, secret: str) -> None:
    page = wizard.passphrase_page
    page.secret.setText(secret)
    page.confirm.setText(secret)


def _buttons(wizard: FirstRunWizard) -> dict[str, bool]:
    which = {
        "next": wizard.WizardButton.NextButton,
        "back": wizard.WizardButton.BackButton,
        "cancel": wizard.WizardButton.CancelButton,
    }
    return {name: wizard.button(button).isEnabled() for name, button in which.items()}


def test_the_page_is_locked_while_the_vault_is_created(
    qtbot: QtBot, wizard: FirstRunWizard, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    creation = hold(monkeypatch, workspace, "create_vault")
    page = wizard.passphrase_page
    _type(wizard, PASS)
    wizard.next()
    assert creation.started.wait(10)
    assert not page.secret.isEnabled() and not page.confirm.isEnabled()
    assert _buttons(wizard) == {"next": False, "back": False, "cancel": False}
    wizard.next()  # one that still arrives is answered, never dropped without a word
    assert page.error.text() == CREATING_AGAIN and creation.calls == [(PASS, PASS)]
    wizard.reject()  # Escape / the close button: the recovery key is on its way
    assert wizard.isVisible() and wizard.result() == 0
    creation.release.set()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    assert page.secret.isEnabled() and page.secret.text() == ""
    assert _buttons(wizard)["cancel"]
    wizard.recovery_page.stored.setChecked(True)
    wizard.next()  # the recovery key confirmed: the vault is finished (walk 47a D1)
    workspace.lock()
    workspace.unlock(PASS)  # the vault's passphrase is the one the page showed when locked


def test_a_failed_creation_unlocks_the_page_and_says_why(
    qtbot: QtBot, wizard: FirstRunWizard, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    creation = hold(monkeypatch, workspace, "create_vault", MedLocalError("The disk is full."))
    page = wizard.passphrase_page
    _type(wizard, PASS)
    wizard.next()
    assert creation.started.wait(10)
    creation.release.set()
    qtbot.waitUntil(lambda: page.secret.isEnabled(), timeout=WAIT_MS)
    assert page.error.text().startswith("The vault was not created: The disk is full.")
    assert "press Next again" in page.error.text()
    assert _buttons(wizard)["next"] and _buttons(wizard)["cancel"]
    assert wizard.currentPage() is page and not workspace.vault_exists()


def test_a_common_password_is_refused_with_how_to_choose_one(
    wizard: FirstRunWizard, workspace: Workspace
) -> None:
    page = wizard.passphrase_page
    _type(wizard, "password")
    assert page.meter.text() == "Strength: weak (a common password)"
    wizard.next()
    assert "most common passwords" in page.error.text()
    assert "several unrelated words" in page.error.text()
    assert wizard.currentPage() is page and not workspace.vault_exists()
    assert page.secret.isEnabled() and _buttons(wizard)["next"]
