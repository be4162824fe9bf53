"""Installer entry points: ``medlocal --check-window`` (build-linux.sh runs it on the frozen app)
and ``medlocal import-model PATH`` (what a double-clicked .gguf runs)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fixtures.message_boxes import answer_questions
from pytestqt.qtbot import QtBot

from medlocal.settings import settings_path
from medlocal.ui import launch_checks
from medlocal.ui.dialogs.models_dialog import ModelManagerDialog
from medlocal.ui.message_dialog import QuestionDialog


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


def _damage_settings() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("threads = = 3")


def test_check_window_names_a_damaged_settings_file(medlocal_home: Path) -> None:
    _damage_settings()
    out = io.StringIO()
    assert launch_checks.check_window(out) == 1
    assert out.getvalue().startswith("WINDOW FAIL: ")
    assert str(settings_path()) in out.getvalue() and "not valid TOML" in out.getvalue()
    assert settings_path().read_text() == "threads = = 3"  # nobody chose to reset it


@pytest.mark.parametrize(("answer", "opened"), [("Quit", False), ("Reset to defaults", True)])
def test_import_model_asks_about_a_damaged_settings_file(
    medlocal_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    opened: bool,
) -> None:
    _damage_settings()
    asked: list[str] = []

    def choose(box: QuestionDialog) -> str:
        asked.append(box.text.text())
        return answer

    imported: list[Path] = []
    answer_questions(monkeypatch, choose)
    monkeypatch.setattr(ModelManagerDialog, "import_file", lambda self, p: imported.append(p))
    monkeypatch.setattr(ModelManagerDialog, "exec", lambda self: 0)
    monkeypatch.setattr(ModelManagerDialog, "check_fit", lambda self: None)
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    assert launch_checks.import_model(model) == (0 if opened else 1)
    assert len(asked) == 1 and str(settings_path()) in asked[0]
    assert imported == ([model.resolve()] if opened else [])
    # Reset keeps the bad file beside it; Quit leaves it where it was.
    assert bool(list(settings_path().parent.glob("settings.toml.bad-*"))) is opened
    assert settings_path().exists() is not opened
