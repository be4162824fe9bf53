"""Questions before something that cannot be undone: the safe answer (No, Go back, Keep working)
is the default button and Escape's, so an Enter pressed out of habit (or meant for the window
behind) loses nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """True only when the person chose Yes."""
    return QMessageBox.question(parent, title, text, YES | NO, NO) == YES


def safe_default_question(
    parent: QWidget | None,
    title: str,
    text: str,
    act: tuple[str, QMessageBox.ButtonRole],
    safe: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    informative: str = "",
) -> bool:
    """Ask ``text`` with two buttons: ``act`` (its label and role) and ``safe``, the default for
    Enter and Escape, so a key press meant for the window behind never takes the step that loses
    something (a recovery key, a running task's work, a duplicate patient). True for ``act``."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    label, role = act
    chosen = box.addButton(label, role)
    keep = box.addButton(safe, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is chosen
