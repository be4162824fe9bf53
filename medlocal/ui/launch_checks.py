"""Two small entry points for installers: ``medlocal --check-window`` (does the first window a
person sees actually open? used by installers/build-linux.sh on the frozen app) and
``medlocal import-model PATH`` (what a double-clicked ``.gguf`` opens: the model manager, already
importing that file)."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TextIO

import psutil
from PySide6.QtWidgets import QApplication, QWidget

from medlocal.app import Workspace
from medlocal.settings import SettingsFileError
from medlocal.ui.app import apply_theme, create_application, settings_usable

log = logging.getLogger(__name__)
SHOW_TIMEOUT_S = 30.0


def _since_launch() -> float:
    # From the process's creation, not from Python's start: a frozen app spends its first second
    # unpacking and importing, and that is part of what a person waits for.
    return time.time() - float(psutil.Process().create_time())


def _wait_exposed(app: QApplication, widget: QWidget, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None and handle.isExposed():
            return True
        time.sleep(0.01)
    return False


def check_window(out: TextIO) -> int:
    """Show the first window (first-run wizard, or the main window when a vault exists), report
    the seconds from launch to shown, and quit. Prints ``WINDOW OK <s>`` or ``WINDOW FAIL``."""
    from medlocal.ui.first_run import FirstRunWizard
    from medlocal.ui.main_window import MainWindow

    app = create_application()
    workspace = Workspace(notice=lambda text: log.info("%s", text))
    try:
        try:
            theme = workspace.settings.theme
        except SettingsFileError as exc:
            # No one is there to answer the window's reset question: say what is wrong instead.
            print(f"WINDOW FAIL: {exc}", file=out)
            return 1
        apply_theme(app, theme)
        widget: QWidget = (
            MainWindow(workspace) if workspace.vault_exists() else FirstRunWizard(workspace)
        )
        widget.show()
        shown = _wait_exposed(app, widget, SHOW_TIMEOUT_S)
        elapsed = _since_launch()
        widget.close()
        app.processEvents()
    finally:
        workspace.close()
    if not shown:
        print(f"WINDOW FAIL: {type(widget).__name__} not shown in {SHOW_TIMEOUT_S:.0f} s", file=out)
        return 1
    print(f"WINDOW OK {type(widget).__name__} shown {elapsed:.2f} s after launch", file=out)
    return 0


def import_model(path: Path) -> int:
    """The model manager on its own, importing ``path`` (copied, header-checked, hashed)."""
    from medlocal.ui.dialogs.models_dialog import ModelManagerDialog

    app = create_application()
    workspace = Workspace(notice=lambda text: log.info("%s", text))
    try:
        # A double-clicked model file meets a damaged settings file as the window would: the
        # same reset-or-quit question, not a traceback.
        if not settings_usable(workspace):
            return 1
        apply_theme(app, workspace.settings.theme)
        dialog = ModelManagerDialog(workspace)
        dialog.show()
        dialog.import_file(path.resolve())
        return int(dialog.exec())
    finally:
        workspace.close()
