"""A message that fits the screen, however long it is and whatever the font (walk 55a M2: the
next start's "did not close properly … crash report" message, a QMessageBox, was 432 x 882 at
200 % and 18 pt on a 683 x 384 screen, its log folder, "You can send them …" and OK below the
screen's edge). QMessageBox sets its own fixed size from the screen's width alone, so a long
text cannot scroll in it; here the text scrolls and OK stays in view (fit_screen).

Every message of the window with only OK goes through :func:`tell`: an error naming a long path
ran off the screen the same way (ui59)."""

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
        # Tab reaches the text as well as OK: Qt gives a selectable label focus by click only,
        # so once Tab had gone to OK the text (a path to copy) was out of the keyboard's reach.
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        area = fit_dialog(self)
        # Its usual width and the height its text takes there; smaller where the screen is
        # (fit_dialog then keeps OK in view and the text scrolls). Measured with fit_dialog's
        # layout, whose margins are the dialog's now: with the content's (none left) the text
        # was measured wider than it is, got a line too few, and scrolled on any screen.
        width = TEXT_CHARACTERS * self.text.fontMetrics().averageCharWidth() + size
        width = max(width, self.minimumSizeHint().width())
        outer = self.layout()
        assert outer is not None and area is not None
        margins = outer.contentsMargins()
        text_width = width - margins.left() - margins.right() - size - max(row.spacing(), 0)
        height = (
            max(self.text.heightForWidth(text_width), size)
            + max(outer.spacing(), 0)
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        self.resize(size_on_screen(self, width, height))
        # The spacings Qt puts between the parts are the style's, which the sum above cannot
        # read: laid out once, the text's part gets what it still lacks at its width.
        outer.activate()
        content = area.widget()
        assert content is not None
        viewport = area.viewport()
        lacking = content.heightForWidth(viewport.width()) - viewport.height()
        if lacking > 0:
            self.resize(size_on_screen(self, self.width(), self.height() + lacking))
        # The keyboard starts on the text: a screen reader reads it, arrow keys and Ctrl+C
        # copy from it, and Enter presses OK (the button box's default).
        self.text.setFocus()


def tell(parent: QWidget | None, title: str, text: str, kind: str = "information") -> None:
    """Show ``text`` under ``title`` until the person presses OK (or Esc)."""
    MessageDialog(parent, title, text, kind).exec()
