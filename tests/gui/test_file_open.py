"""macOS hands a double-clicked .gguf to the running app as a file-open event: the main
window's model manager opens importing it, also when the event came before the window existed
(launch, first-run wizard); other files are ignored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import window_with_patient
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.models_dialog import ModelManagerDialog
from medlocal.ui.file_open import FileOpenHandler


class _Window:
    def __init__(self) -> None:
        self.opened: list[Path | None] = []

    def open_models(self, importing: Path | None = None) -> None:
        self.opened.append(importing)


def _hand_over(app: QApplication, name: str) -> bool:
    return bool(app.sendEvent(app, QFileOpenEvent(name)))


def test_models_handed_over_before_the_window_exists_wait_for_it(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    handler = FileOpenHandler()
    app.installEventFilter(handler)
    try:
        assert _hand_over(app, "/clinic/usb/early.gguf")
        assert _hand_over(app, "/clinic/usb/letter.pdf")  # taken, not a model: ignored
        window = _Window()
        handler.attach(window)
        qtbot.waitUntil(lambda: window.opened == [Path("/clinic/usb/early.gguf")])
        assert _hand_over(app, "/clinic/usb/LATER.GGUF")
        qtbot.waitUntil(lambda: len(window.opened) == 2)
        assert window.opened[1] == Path("/clinic/usb/LATER.GGUF")
    finally:
        app.removeEventFilter(handler)


def test_the_main_window_opens_the_model_manager_importing_the_file(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_import(self: ModelManagerDialog, path: Path) -> None:
        seen["path"], seen["visible"] = path, self.isVisible()

    monkeypatch.setattr(ModelManagerDialog, "import_file", fake_import)
    monkeypatch.setattr(ModelManagerDialog, "exec", lambda self: 0)
    monkeypatch.setattr(ModelManagerDialog, "check_fit", lambda self: None)
    window = window_with_patient(qtbot, gui_workspace, "Ada")
    model = tmp_path / "model.gguf"
    window.dialogs.open_models(importing=model)
    assert seen == {"path": model.resolve(), "visible": True}
