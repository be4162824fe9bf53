"""Message colours that stay readable in the light and the dark scheme.

A fixed red (#c0392b) on a dark window is about 3:1, under the 4.5:1 that WCAG AA asks of body
text; the yellow "fit" badge was under 3:1 on a light one. Each tone has a light-scheme and a
dark-scheme colour, both at least 4.5:1 against the window and base colours of their scheme
(``tests/gui/test_colours.py`` checks it), chosen by the lightness of the widget's own window
colour when the text is shown, and again whenever the scheme changes (``ToneLabel``).
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class Tone(enum.Enum):
    PLAIN = "plain"  # the palette's own text colour
    ERROR = "error"
    OK = "ok"
    WARNING = "warning"
    USER = "user"  # the clinician's own words in the chat


_LIGHT = {Tone.ERROR: "#b3261e", Tone.OK: "#1b6e2e", Tone.WARNING: "#7a5900", Tone.USER: "#1f5fa8"}
_DARK = {Tone.ERROR: "#ff8a80", Tone.OK: "#81c995", Tone.WARNING: "#fdd663", Tone.USER: "#8ab4f8"}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (the application's when None) draws light text on a dark window."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_colour(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of ``tone`` for ``palette``'s scheme (PLAIN: its text colour)."""
    if palette is None:
        palette = QGuiApplication.palette()
    if tone is Tone.PLAIN:
        return palette.color(QPalette.ColorRole.WindowText)
    return QColor((_DARK if is_dark(palette) else _LIGHT)[tone])


def tone_css(tone: Tone, palette: QPalette | None = None) -> str:
    """``color: #rrggbb`` for a style sheet or rich text rendered now (the application's
    scheme when ``palette`` is None)."""
    return f"color: {tone_colour(tone, palette).name()}"


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = channel(c.redF()), channel(c.greenF()), channel(c.blueF())
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class ToneLabel(QLabel):
    """A label whose text takes a tone's colour, re-chosen when the light/dark scheme changes
    (a colour fixed at construction would stay the old scheme's)."""

    def __init__(self, text: str = "", tone: Tone = Tone.PLAIN, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._tone = tone
        self._apply()

    @property
    def tone(self) -> Tone:
        return self._tone

    def set_tone(self, tone: Tone) -> None:
        self._tone = tone
        self._apply()

    def show_text(self, text: str, tone: Tone) -> None:
        """``text`` in ``tone``: an error in the error colour, "Unlocking…" in plain text."""
        self.set_tone(tone)
        self.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply()

    def _apply(self) -> None:
        # Only the colour comes from the style sheet: the window colour that decides the
        # scheme is still the palette's, so re-applying on a palette change cannot loop.
        sheet = "" if self._tone is Tone.PLAIN else tone_css(self._tone, self.palette())
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
