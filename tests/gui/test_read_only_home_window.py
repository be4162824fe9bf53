"""Walk 37: with a read-only MedLocal home the window died with a traceback (or, with only data/
and config/ read-only, offered crash reports at the next start). It now shows one dialog naming
the folder and does not open."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.permissions import as_a_user
from PySide6.QtWidgets import QWidget

from medlocal import crash
from medlocal.app import Workspace
from medlocal.fsutil import ReadOnlyFolderError
from medlocal.ui import app as gui_app
from medlocal.ui.app import build_window, run_gui


def test_a_read_only_home_gets_a_clear_dialog(
    gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "read-only-home"
    (home / "config").mkdir(parents=True)
    (home / "config").chmod(0o500)
    as_a_user(monkeypatch)
    monkeypatch.setenv("MEDLOCAL_HOME", str(home))
    shown: list[tuple[str, str]] = []

    def critical(parent: QWidget | None, title: str, text: str, *args: object) -> int:
        shown.append((title, text))
        return 0

    monkeypatch.setattr(gui_app, "tell", critical)
    try:
        assert build_window(gui_workspace) is None
    finally:
        (home / "config").chmod(0o700)
    assert shown == [
        (
            "MedLocal cannot write to its folder",
            str(crash.cannot_write_message(ReadOnlyFolderError(home / "config"))),
        )
    ]
    assert "read-only" in shown[0][1] and str(home / "config") in shown[0][1]


def test_the_window_start_ends_with_status_2(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "read-only-home"
    folders = [home / name for name in ("config", "data", "logs")]
    for folder in folders:
        folder.mkdir(parents=True)
        folder.chmod(0o500)
    as_a_user(monkeypatch)  # CI may run as root, whom the mode does not stop
    monkeypatch.setenv("MEDLOCAL_HOME", str(home))
    titles: list[str] = []
    monkeypatch.setattr(gui_app, "tell", lambda _p, title, _t, *a: titles.append(title) or 0)
    try:
        assert run_gui([]) == 2
    finally:
        for folder in folders:
            folder.chmod(0o700)
    assert titles == ["MedLocal cannot write to its folder"]
