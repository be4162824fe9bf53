"""The file choosers leave no patient-named folder in Qt's shared settings (QtProject.conf):
Qt's own dialog writes the folders it visited there when it closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from medlocal.ui import files


def _dialog_group() -> dict[str, object]:
    settings = QSettings(QSettings.Scope.UserScope, files.QT_SETTINGS_ORGANISATION)
    settings.beginGroup(files.DIALOG_GROUP)
    return {key: settings.value(key) for key in settings.allKeys()}


def _settings_text() -> str:
    path = Path(QSettings(QSettings.Scope.UserScope, files.QT_SETTINGS_ORGANISATION).fileName())
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _choose_when_open(target: Path) -> None:
    """Type ``target`` into the modal dialog the chooser is about to open, and accept it."""

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, pick)
            return
        dialog.setDirectory(str(target.parent))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setText(str(target))
        QTimer.singleShot(200, dialog.accept)

    QTimer.singleShot(50, pick)


@pytest.fixture(autouse=True)
def qt_settings_here(tmp_path: Path) -> None:
    """QtProject.conf is in Qt's native format: the conftest moves only the INI one."""
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "native")
    )


@pytest.fixture
def patient_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Jane_Doe_records"
    folder.mkdir()
    (folder / "letter.txt").write_text("x", encoding="utf-8")
    return folder


def test_a_raw_qt_dialog_does_record_the_folder(qtbot: QtBot, patient_folder: Path) -> None:
    """What the choosers guard against is real (else the test below could not fail)."""
    _choose_when_open(patient_folder / "letter.txt")
    QFileDialog.getOpenFileName(None, "t", "", "", options=files.OPTIONS)
    assert "Jane_Doe_records" in _settings_text()


@pytest.mark.parametrize(
    ("choose", "pick"),
    [
        (lambda: files.open_file_name(None, "Import"), "letter.txt"),
        (lambda: files.open_file_names(None, "Import"), "letter.txt"),
        (lambda: files.existing_folder(None, "Import a folder"), ""),
        (lambda: files.save_file_name(None, "Export", "s.docx", "Word (*.docx)"), "new.docx"),
    ],
    ids=["open", "open-many", "folder", "save"],
)
def test_the_choosers_leave_qt_settings_as_they_were(
    qtbot: QtBot, patient_folder: Path, choose: Callable[[], object], pick: str
) -> None:
    settings = QSettings(QSettings.Scope.UserScope, files.QT_SETTINGS_ORGANISATION)
    settings.setValue("FileDialog/history", ["file:///home/someone/Other_App"])
    settings.sync()
    before = _dialog_group()
    _choose_when_open(patient_folder / pick if pick else patient_folder)
    assert "Jane_Doe_records" in str(choose())
    assert _dialog_group() == before  # another program's history is kept, ours is not added
    assert "Jane_Doe" not in _settings_text()


def test_the_next_chooser_opens_where_the_last_one_ended(
    qtbot: QtBot, patient_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "_last_folder", "")
    _choose_when_open(patient_folder / "letter.txt")
    assert files.open_file_name(None, "Import") == str(patient_folder / "letter.txt")
    opened_in: list[str] = []

    def record() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        opened_in.append(dialog.directory().absolutePath())
        dialog.done(0)

    QTimer.singleShot(100, record)
    files.open_file_name(None, "Import")
    assert opened_in == [str(patient_folder)]
