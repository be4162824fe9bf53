"""Walk 29: the first-run wizard kept a refusal under a passphrase typed since ("Strength:
strong" above "This is one of the most common passwords…", and "do not match" under two fields
that matched) until the next click on Next. A refusal goes as soon as either field changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ui.first_run import FirstRunWizard


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> Iterator[FirstRunWizard]:
    ws = make_workspace(tmp_path)
    wizard = FirstRunWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    ws.close()


@pytest.mark.parametrize(
    ("secret", "confirm", "refusal", "field"),
    [
        ("password", "password", "common", "secret"),
        (PASS, PASS + "x", "do not match", "confirm"),
    ],
)
def test_a_refusal_goes_once_the_passphrase_is_edited(
    wizard: FirstRunWizard, secret: str, confirm: str, refusal: str, field: str
) -> None:
    page = wizard.passphrase_page
    page.secret.setText(secret)
    page.confirm.setText(confirm)
    assert not page.validatePage()
    assert refusal in page.error.text().lower()
    getattr(page, field).setText(PASS)
    assert page.error.text() == ""
    assert not page.workspace.vault_exists()  # editing created nothing


def test_a_refusal_stays_while_nothing_is_edited(wizard: FirstRunWizard) -> None:
    page = wizard.passphrase_page
    page.secret.setText("short")
    page.confirm.setText("short")
    assert not page.validatePage()
    assert "at least" in page.error.text()
    page.secret.setText("short")  # the same text: no change, the refusal stands
    assert "at least" in page.error.text()
