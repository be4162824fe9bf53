"""A word-wrapped label that keeps the height its text needs at its width (walk 48a D5).

Where a window is short for its font (18 pt on a 1280x720 screen) a layout squeezes a wrapped
label below the height of its lines, and a status bar gives a label one line whatever it
wraps to: "Click a citation [n]…" above Sources was cut at the top and bottom, and the backup
reminder lost its second line. The label's minimum height follows its text instead, so the
scrollable text box under it, or the status bar's height, gives way."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from medlocal.ui.colours import Tone, ToneLabel

SLACK_PX = 3
NARROWEST_CHARS = 8  # narrower than this, the label is on its way to its real width


class FittingLabel(ToneLabel):
    """At most ``max_lines`` lines tall (None: all its lines; a pane or page that scrolls
    shows them all), and nothing asked while narrower than a few words: a label not yet laid
    out is 0 pixels wide, where its text needs a line per letter, and a window given that
    height was taller than the screen (seen re-running walk 48a)."""

    def __init__(
        self,
        text: str = "",
        tone: Tone = Tone.PLAIN,
        parent: QWidget | None = None,
        max_lines: int | None = None,
    ):
        super().__init__(text, tone, parent)
        self.setWordWrap(True)
        self.max_lines = max_lines

    def heightForWidth(self, width: int) -> int:
        # Never more than its lines: a status bar's height for its width asked this label for
        # its height at the width it would have at its narrowest (a line per word or two), and
        # the main window kept 230 px for a status bar of 64, squeezing the panes above to 122
        # px on a 683 x 384 screen at 18 pt (walk 55a H1).
        height = super().heightForWidth(width)
        if self.max_lines is None:
            return height
        most = self.max_lines * self.fontMetrics().lineSpacing() + SLACK_PX
        return min(height, most) if height >= 0 else height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A font grown while the window shows (walk 55a M5): the height kept was measured in
        # the old font, or at a width the label had on its way to its new one.
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def _text_height(self, width: int) -> int:
        """The height of the text's lines at ``width``. QLabel measures no less than the label's
        minimum height, so that measure, fed back as the minimum, could only grow: a height
        set at a narrow width (4 lines at 18 pt, while the wizard relaid out for a larger font)
        stayed once the label was wide again (walk 55a M5), and without a cap on its lines it
        grew a few pixels with each resize, without end."""
        least = self.minimumHeight()
        if least:
            self.setMinimumHeight(0)
        height = super().heightForWidth(width)
        if least:
            self.setMinimumHeight(least)
        return height

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        if not self.text() or self.width() < NARROWEST_CHARS * metrics.averageCharWidth():
            needed = 0  # not laid out yet (width 0): its real width comes with a resize
        else:
            # A little over the measured height: at 200 % the text is drawn at twice the size,
            # whose lines come out a fraction of a pixel taller than the measure, and the last
            # line's descenders were cut ("refused." on the wizard's first page).
            needed = self._text_height(self.width())
            if self.max_lines is not None:
                needed = min(needed, self.max_lines * metrics.lineSpacing())
            needed += SLACK_PX
        if needed >= 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
