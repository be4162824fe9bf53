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
    MUTED = "muted"  # secondary text: a chat's notes, status line, reasoning, set-aside draft


_LIGHT = {
    Tone.ERROR: "#b3261e",
    Tone.OK: "#1b6e2e",
    Tone.WARNING: "#7a5900",
    Tone.USER: "#1f5fa8",
    Tone.MUTED: "#5f5f5f",  # "gray" (#808080) was under 4.5:1 on white and on a dark base
}
_DARK = {
    Tone.ERROR: "#ff8a80",
    Tone.OK: "#81c995",
    Tone.WARNING: "#fdd663",
    Tone.USER: "#8ab4f8",
    Tone.MUTED: "#b0b0b0",
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (the application's when None) draws light text on a dark window."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# The window's own colours where the platform cannot switch its scheme (see ``app.apply_theme``):
# role -> (light, dark). Text roles (placeholders and links too) keep at least 4.5:1 on the
# backgrounds they are drawn on, disabled text at least 3:1, and so do the tones above on its
# window and base colours (``tests/gui/test_walk33_window.py``).
_ROLES = QPalette.ColorRole
_SCHEME_COLOURS: dict[QPalette.ColorRole, tuple[str, str]] = {
    _ROLES.Window: ("#efefef", "#2d2d2d"),
    _ROLES.WindowText: ("#000000", "#f0f0f0"),
    _ROLES.Base: ("#ffffff", "#1e1e1e"),
    _ROLES.AlternateBase: ("#f5f5f5", "#262626"),
    _ROLES.Text: ("#000000", "#f0f0f0"),
    _ROLES.PlaceholderText: ("#6b6b6b", "#a0a0a0"),
    _ROLES.ToolTipBase: ("#ffffdc", "#3a3a3a"),
    _ROLES.ToolTipText: ("#000000", "#f0f0f0"),
    _ROLES.Button: ("#efefef", "#3a3a3a"),
    _ROLES.ButtonText: ("#000000", "#f0f0f0"),
    _ROLES.BrightText: ("#ffffff", "#ffffff"),
    _ROLES.Light: ("#ffffff", "#505050"),
    _ROLES.Midlight: ("#cacaca", "#444444"),
    _ROLES.Mid: ("#a0a0a0", "#5a5a5a"),
    _ROLES.Dark: ("#9f9f9f", "#1a1a1a"),
    _ROLES.Shadow: ("#767676", "#000000"),
    _ROLES.Highlight: ("#1f5fa8", "#4a8ad4"),
    _ROLES.HighlightedText: ("#ffffff", "#000000"),
    _ROLES.Accent: ("#1f5fa8", "#4a8ad4"),
    _ROLES.Link: ("#1f5fa8", "#8ab4f8"),
    _ROLES.LinkVisited: ("#6a3fa0", "#c58af9"),
}
# Greyed-out controls: dimmer than their enabled text, still legible.
_DISABLED_TEXT = ("#8a8a8a", "#8c8c8c")


def scheme_palette(dark: bool) -> QPalette:
    """A complete light or dark palette for every role the window draws with (menus, lists,
    text fields, buttons, tooltips, links, selections, greyed-out controls)."""
    column = 1 if dark else 0
    result = QPalette()
    for role, colours in _SCHEME_COLOURS.items():
        result.setColor(role, QColor(colours[column]))
    disabled = QColor(_DISABLED_TEXT[column])
    for role in (_ROLES.WindowText, _ROLES.Text, _ROLES.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    result.setColor(QPalette.ColorGroup.Disabled, _ROLES.Light, result.color(_ROLES.Window))
    return result


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
