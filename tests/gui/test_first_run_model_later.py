"""The first-run wizard's "Choose later in the model manager" opens the model manager over the
main window once it is shown (walk g1 #4: Finish opened the window without it; nothing called
FirstRunWizard.open_manager_requested()). The other choices open no manager."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from medlocal.ui.app import build_window
from medlocal.ui.dialogs.models_dialog import ModelManagerDialog
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.workers import wait_for_jobs


def _run_wizard(qtbot: QtBot, later: bool) -> object:
    def run(wizard: FirstRunWizard) -> int:
        wizard.show()
        page = wizard.passphrase_page
        page.secret.setText(PASS)
        page.confirm.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
        wizard.recovery_page.stored.setChecked(True)
        wizard.next()
        assert wizard.currentPage() is wizard.model_page
        (wizard.model_page.later if later else wizard.model_page.demo).setChecked(True)
        wizard.accept()
        return int(wizard.result())

    return run


def _managers(window: QDialog | object) -> list[ModelManagerDialog]:
    children = window.findChildren(QDialog)  # type: ignore[attr-defined]
    return [d for d in children if isinstance(d, ModelManagerDialog) and d.isVisible()]


@pytest.mark.parametrize("later", [True, False])
def test_choose_later_opens_the_model_manager_over_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: bool
) -> None:
    ws = make_workspace(tmp_path)
    monkeypatch.setattr(FirstRunWizard, "exec", _run_wizard(qtbot, later))
    try:
        window = build_window(ws)
        assert window is not None
        qtbot.addWidget(window)
        assert window.isVisible() and window.stack.currentIndex() == window.WORKING
        if later:
            qtbot.waitUntil(lambda: bool(_managers(window)), timeout=10000)
            manager = _managers(window)[0]
            assert manager.parent() is window and manager.isModal()
            manager.reject()
        else:
            qtbot.wait(200)
            assert _managers(window) == []
        # The start-up warm-up (embedder, spelling index) stops only between its steps: at a
        # load of 5-6 on two cores the window's warm-up and the manager's fit check outlast 10 s
        # (failed the same way on 7759145). The test is about where the manager opens, not how
        # fast the warm-up ends.
        assert wait_for_jobs(60.0)
        window.close()
    finally:
        ws.close()
