"""With MEDLOCAL_HOME set (a portable install, a USB stick; every test sets it), the window's
geometry is kept in that folder's config, not in the computer's own ~/.config/MedLocal or
registry, where it went before."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import make_workspace
from pytestqt.qtbot import QtBot

from medlocal import paths
from medlocal.ui.main_window import MainWindow


def test_window_state_stays_under_medlocal_home(qtbot: QtBot, tmp_path: Path) -> None:
    assert paths.home_override() is not None
    ws = make_workspace(tmp_path)
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        window.show()
        window.resize(900, 700)
        window.close()
        stored = paths.config_dir() / "window.ini"
        assert stored.is_file() and "geometry" in stored.read_text()
        # The per-test user-scope QSettings folder (the OS location in real use) stays empty.
        assert not [p for p in (tmp_path / "qs").rglob("*") if p.is_file()]
    finally:
        ws.close()
