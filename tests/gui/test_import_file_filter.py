"""The window's import dialog offers every file type the import reads (walk 20: its list was
written by hand beside the import's own, and CSV tables would have been missing)."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.gui_window import window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ingest.formats import SUPPORTED_SUFFIXES
from medlocal.ui import import_section


def test_the_import_dialog_offers_every_supported_file_type(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Jane Roe")
    asked: list[str] = []

    def choose(_parent: Any, _title: str, filters: str) -> list[str]:
        asked.append(filters)
        return []  # the person cancels: nothing is imported

    monkeypatch.setattr(import_section, "open_file_names", choose)
    window.patients.imports.choose_files()
    offered = asked[0].split(";;")[0]
    assert all(f"*{suffix}" in offered.split("(")[1] for suffix in SUPPORTED_SUFFIXES), offered
    assert "*.csv" in offered and window.patients.imports.import_job is None
