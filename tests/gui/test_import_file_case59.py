"""The import dialog shows every file it can import whatever the case of its extension
("LAB.XLSX", "Letter.DOCX", "SCAN.PDF", as a scanner or an old system names them; review58c
thought they were hidden on Linux unless "All files" was chosen). The dialog is Qt's own
(medlocal/ui/files.py), whose name filters match without regard to case unless told otherwise;
this test opens the real dialog the Import button opens and reads what it lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.gui_window import window_with_patient
from PySide6.QtCore import QDir, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import files

NAMES = ("LAB.XLSX", "Letter.DOCX", "SCAN.PDF", "clinic.Odt", "bloods.ods", "notes.ZIP")


@pytest.fixture(autouse=True)
def qt_settings_here(tmp_path: Path) -> None:
    """QtProject.conf is in Qt's native format: the conftest moves only the INI one."""
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "native")
    )


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    found = tmp_path / "scans"
    found.mkdir()
    for name in NAMES:
        (found / name).write_bytes(b"")
    monkeypatch.setattr(files, "_last_folder", str(found))  # where the dialog opens
    return found


def _listed_when_open(
    qtbot: QtBot, folder: Path, listed: list[str], change: Callable[[QFileDialog], None]
) -> None:
    """Once the import dialog is open: ``change`` it, note the files it lists in ``folder``
    that can be chosen, and cancel it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, look)
            return
        change(dialog)
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        qtbot.waitUntil(lambda: model.rowCount(model.index(str(folder))) > 0, timeout=5000)
        qtbot.wait(200)  # the model fills in batches
        parent = model.index(str(folder))
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.flags(index) & Qt.ItemFlag.ItemIsEnabled:
                listed.append(model.fileName(index))
        dialog.reject()

    QTimer.singleShot(50, look)


def test_the_import_dialog_lists_supported_files_in_any_case(
    qtbot: QtBot, gui_workspace: Workspace, folder: Path
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Jane Roe")
    listed: list[str] = []
    _listed_when_open(qtbot, folder, listed, lambda dialog: None)
    window.patients.imports.choose_files()
    assert sorted(listed) == sorted(NAMES[:-1])  # not the zip
    assert window.patients.imports.import_job is None  # cancelled: nothing imported


def test_a_case_sensitive_dialog_would_hide_them(
    qtbot: QtBot, gui_workspace: Workspace, folder: Path
) -> None:
    """What the test above guards against is real: told to match case, the same dialog lists
    only the lower-case names (so the test above can fail)."""
    window = window_with_patient(qtbot, gui_workspace, "Jane Roe")
    listed: list[str] = []

    def match_case(dialog: QFileDialog) -> None:
        dialog.setFilter(dialog.filter() | QDir.Filter.CaseSensitive)

    _listed_when_open(qtbot, folder, listed, match_case)
    window.patients.imports.choose_files()
    assert listed == ["bloods.ods"]
