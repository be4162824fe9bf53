"""File choosers that leave no patient traces outside the vault.

Native dialogs (GTK, Windows, macOS) add every chosen file to the desktop's recent-files list
(``recently-used.xbel``, Jump Lists, Recent Items) — for a clinician that is a list of patients'
letters. Qt's own dialog records nothing outside the app, so every chooser here uses it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

OPTIONS = QFileDialog.Option.DontUseNativeDialog


def open_file_name(parent: QWidget | None, title: str, filters: str = "") -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters, options=OPTIONS)
    return name


def open_file_names(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, "", filters, options=OPTIONS)
    return list(names)


def existing_folder(parent: QWidget | None, title: str) -> str:
    return QFileDialog.getExistingDirectory(
        parent, title, "", QFileDialog.Option.ShowDirsOnly | OPTIONS
    )


def save_file_name(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=OPTIONS)
    return name
