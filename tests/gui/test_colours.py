"""Error, success and warning text is readable (WCAG AA, 4.5:1) in the light and the dark scheme,
and follows a scheme change: a fixed #c0392b was about 3:1 on a dark window."""

from __future__ import annotations

import pytest
from fixtures.palettes import dark_palette, light_palette, palette
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from medlocal.rag.flags import Flag
from medlocal.ui.colours import Tone, ToneLabel, contrast, is_dark, tone_colour, tone_css
from medlocal.ui.dialogs.common import ErrorLine
from medlocal.ui.render import flag_list_html

SCHEMES = {
    "light": light_palette(),
    "white": palette("#ffffff", "#000000", "#ffffff", "#a0a0a0"),
    "dark": dark_palette(),
    "fusion-dark": palette("#353535", "#ffffff", "#2a2a2a", "#404040"),
}
TONES = [t for t in Tone if t is not Tone.PLAIN]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("tone", TONES, ids=lambda t: t.value)
def test_every_tone_has_aa_contrast_on_window_and_base(scheme: str, tone: Tone) -> None:
    pal = SCHEMES[scheme]
    colour = tone_colour(tone, pal)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast(colour, pal.color(role)) >= 4.5, (scheme, tone, role)


def test_the_old_fixed_red_fails_the_same_check() -> None:
    """The check above can fail: the colour it replaced does, on the dark window."""
    assert contrast(QColor("#c0392b"), dark_palette().color(QPalette.ColorRole.Window)) < 4.5
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)


def test_scheme_is_read_from_the_window_colour() -> None:
    assert is_dark(dark_palette()) and not is_dark(light_palette())


def _text_contrast(label: ToneLabel) -> float:
    """The contrast of the label's most distinct pixel against its background, as drawn."""
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    return max(
        contrast(image.pixelColor(x, y), background)
        for x in range(image.width())
        for y in range(image.height())
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_error_line_is_drawn_readable(qtbot: QtBot, scheme: str) -> None:
    line = ErrorLine("Test message")
    qtbot.addWidget(line)
    line.setAutoFillBackground(True)
    line.setPalette(SCHEMES[scheme])
    line.show_error("Wrong passphrase.")
    line.show()
    qtbot.waitExposed(line)
    assert line.isVisible() and line.tone is Tone.ERROR
    assert _text_contrast(line) >= 4.5


def test_a_tone_label_follows_a_scheme_change(qtbot: QtBot) -> None:
    label = ToneLabel("Offline", Tone.OK)
    qtbot.addWidget(label)
    label.setPalette(light_palette())
    assert tone_colour(Tone.OK, light_palette()).name() in label.styleSheet()
    label.setPalette(dark_palette())
    assert tone_colour(Tone.OK, dark_palette()).name() in label.styleSheet()
    label.show_text("Unlocking…", Tone.PLAIN)
    assert label.styleSheet() == ""


def test_notes_and_successes_are_not_drawn_as_errors(qtbot: QtBot) -> None:
    line = ErrorLine("Test message")
    qtbot.addWidget(line)
    line.show_error("Failed")
    line.show_ok("Intact: all 3 entries verified.")
    assert line.tone is Tone.OK
    line.show_note("Verifying…")
    assert line.tone is Tone.PLAIN and line.styleSheet() == ""
    line.clear_message()
    assert not line.isVisible()


def test_the_flag_list_heading_takes_the_schemes_colour() -> None:
    flags = [Flag(0, "unverified_number", "5000 mg", "5000 mg is not in [1].", 0, 27)]
    dark = tone_css(Tone.ERROR, dark_palette())
    assert dark in flag_list_html(flags, "Take 5000 mg every 6 hours.", dark)
    assert (
        tone_colour(Tone.ERROR, dark_palette()).name()
        != tone_colour(Tone.ERROR, light_palette()).name()
    )
