"""A word-wrapped label that keeps the height its text needs at its width (walk 48a D5).

Where a window is short for its font (18 pt on a 1280x720 screen) a layout squeezes a wrapped
label below the height of its lines, and a status bar gives a label one line whatever it
wraps to: "Click a citation [n]…" above Sources was cut at the top and bottom, and the backup
reminder lost its second line. The label's minimum height follows its text instead, so the
scrollable text box under it, or the status bar's height, gives way."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from medlocal.ui.colours import Tone, ToneLabel


class FittingLabel(ToneLabel):
    def __init__(self, text: str = "", tone: Tone = Tone.PLAIN, parent: QWidget | None = None):
        super().__init__(text, tone, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed >= 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
