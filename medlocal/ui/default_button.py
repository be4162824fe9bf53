"""No default button picked by chance in a dialog that chose none (review55c)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QPushButton


def no_default_by_chance(dialog: QDialog) -> None:
    """Call at the dialog's Show event: where the dialog chose no default button (none of its
    own, no OK in its button box), Enter in a field presses nothing; Enter on a focused button
    still presses that button.

    Why: a dialog shown without a default makes the first auto-default button after the focused
    field in the Tab order its default for good (QDialog::setVisible, after the Show event).
    Which button that is depends on the Tab order, not on what Enter should do: once
    fit_dialog put the closing row last, Enter in Backup's empty Folder field opened the folder
    chooser and Enter on a model catalog row started its download (review55c). Before, by
    chance, it was a task's disabled Cancel. So the buttons are not auto-default while Qt
    picks, and are again from the next turn of the event loop."""
    buttons = [b for b in dialog.findChildren(QPushButton) if b.window() is dialog]
    if any(button.isDefault() for button in buttons):
        return  # chosen by the dialog (or its button box's OK, set at the box's own Show)
    held = [button for button in buttons if button.autoDefault()]
    for button in held:
        button.setAutoDefault(False)

    def again() -> None:
        for button in held:
            if shiboken6.isValid(button):
                button.setAutoDefault(True)

    QTimer.singleShot(0, dialog, again)
