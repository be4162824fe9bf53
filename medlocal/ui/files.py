"""File choosers that leave no patient traces outside the vault.

Native dialogs (GTK, Windows, macOS) add every chosen file to the desktop's recent-files list
(``recently-used.xbel``, Jump Lists, Recent Items) — for a clinician that is a list of patients'
letters. So every chooser here is Qt's own dialog. That one keeps a history too: on closing, it
writes the folders it visited (``history``, ``lastVisited``) to the ``FileDialog`` group of
Qt's shared settings (``~/.config/QtProject.conf``, the registry on Windows) — "Jane_Doe_records"
in plain text, outside ``MEDLOCAL_HOME``. Each chooser therefore puts that group back exactly as
it found it (other Qt programs share it), and the next chooser opens in the last folder used
from memory, for this session only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

OPTIONS = QFileDialog.Option.DontUseNativeDialog
QT_SETTINGS_ORGANISATION = "QtProject"
DIALOG_GROUP = "FileDialog"

_last_folder = ""  # in memory only: where the previous chooser ended, so the next opens there


def open_file_name(parent: QWidget | None, title: str, filters: str = "") -> str:
    with _leaves_no_trace():
        name, _ = QFileDialog.getOpenFileName(parent, title, _last_folder, filters, options=OPTIONS)
    return _remember(name)


def open_file_names(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    with _leaves_no_trace():
        names, _ = QFileDialog.getOpenFileNames(
            parent, title, _last_folder, filters, options=OPTIONS
        )
    if names:
        _remember(names[0])
    return list(names)


def existing_folder(parent: QWidget | None, title: str) -> str:
    with _leaves_no_trace():
        folder = QFileDialog.getExistingDirectory(
            parent, title, _last_folder, QFileDialog.Option.ShowDirsOnly | OPTIONS
        )
    return _remember(folder, folder=True)


def save_file_name(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    if _last_folder and suggested and not Path(suggested).is_absolute():
        suggested = str(Path(_last_folder) / suggested)
    with _leaves_no_trace():
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=OPTIONS)
    return _remember(name)


def _remember(chosen: str, *, folder: bool = False) -> str:
    global _last_folder
    if chosen:
        _last_folder = chosen if folder else str(Path(chosen).parent)
    return chosen


@contextlib.contextmanager
def _leaves_no_trace() -> Iterator[None]:
    """Qt's file-dialog settings after the block are what they were before it."""
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANISATION)
    settings.beginGroup(DIALOG_GROUP)
    before: dict[str, Any] = {key: settings.value(key) for key in settings.allKeys()}
    try:
        yield
    finally:
        # Re-read first: the dialog wrote through its own QSettings, and a remove only
        # removes the keys this object knows of.
        settings.sync()
        settings.remove("")  # inside the group: the whole group, as the dialog left it
        for key, value in before.items():
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()
