"""Yes/No questions before something that cannot be undone: No is the default button, so an
Enter pressed out of habit (or meant for the window behind) deletes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """True only when the person chose Yes."""
    return QMessageBox.question(parent, title, text, YES | NO, NO) == YES
