"""Installer entry points: ``medlocal --check-window`` (build-linux.sh runs it on the frozen app)
and ``medlocal import-model PATH`` (what a double-clicked .gguf runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from medlocal.ui import launch_checks
from medlocal.ui.dialogs.models_dialog import ModelManagerDialog


def test_check_window_opens_the_first_run_window(medlocal_home: Path) -> None:
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "medlocal", "--check-window"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("WINDOW OK FirstRunWizard shown "), last
    assert 0 < float(last.split()[-4]) < 300


def test_import_model_opens_the_model_manager_importing_the_file(
    qtbot: QtBot, medlocal_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_import(self: ModelManagerDialog, path: Path) -> None:
        seen["path"] = path
        seen["visible"] = self.isVisible()

    monkeypatch.setattr(ModelManagerDialog, "import_file", fake_import)
    monkeypatch.setattr(ModelManagerDialog, "exec", lambda self: 0)
    # The fit advice runs in a worker that would outlive this dialog (exec returns at once here).
    monkeypatch.setattr(ModelManagerDialog, "check_fit", lambda self: None)
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    assert launch_checks.import_model(Path(os.path.relpath(model))) == 0
    assert seen == {"path": model.resolve(), "visible": True}


def test_import_model_without_a_display_uses_the_command_line(
    medlocal_home: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["MEDLOCAL_HOME"] = str(medlocal_home)
    bogus = tmp_path / "not-a-model.gguf"
    bogus.write_bytes(b"this is not GGUF")
    proc = subprocess.run(
        [sys.executable, "-m", "medlocal", "import-model", str(bogus)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The CLI's own import refuses it with a message, not a traceback.
    assert proc.returncode != 0
    assert "not-a-model.gguf" in proc.stderr and "Traceback" not in proc.stderr
