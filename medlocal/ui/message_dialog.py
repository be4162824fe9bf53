"""A message that fits the screen, however long it is and whatever the font (walk 55a M2: the
next start's "did not close properly … crash report" message, a QMessageBox, was 432 x 882 at
200 % and 18 pt on a 683 x 384 screen, its log folder, "You can send them …" and OK below the
screen's edge). QMessageBox sets its own fixed size from the screen's width alone, so a long
text cannot scroll in it; here the text scrolls and OK stays in view (fit_screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from medlocal.ui.fit_screen import fit_dialog, size_on_screen

# About the width QMessageBox gives a long text, in average characters: lines a reader can
# follow, on any screen wide enough for them.
TEXT_CHARACTERS = 56

ICONS = {
    "information": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "critical": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class MessageDialog(QDialog):
    """An icon, a text (selectable by mouse and keyboard, so a folder named in it can be
    copied) and OK."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, kind: str = "information"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        icon = QLabel(self)
        style = self.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(style.standardIcon(ICONS[kind], None, self).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        fit_dialog(self)
        # Its usual width and the height its text takes there; smaller where the screen is
        # (fit_dialog then keeps OK in view and the text scrolls).
        width = TEXT_CHARACTERS * self.text.fontMetrics().averageCharWidth() + size
        width = max(width, self.minimumSizeHint().width())
        margins = layout.contentsMargins()
        spacing = max(layout.spacing(), 0) + max(row.spacing(), 0)
        text_width = width - size - margins.left() - margins.right() - spacing
        height = (
            self.text.heightForWidth(text_width)
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 2 * spacing
        )
        self.resize(size_on_screen(self, width, height))
        # The keyboard starts on the text: a screen reader reads it, arrow keys and Ctrl+C
        # copy from it, and Enter presses OK (the button box's default).
        self.text.setFocus()


def tell(parent: QWidget | None, title: str, text: str, kind: str = "information") -> None:
    """Show ``text`` under ``title`` until the person presses OK (or Esc)."""
    MessageDialog(parent, title, text, kind).exec()
