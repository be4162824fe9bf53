"""left55 (review54a F8): a PDF's raised exponent is measured across its own line, not the page:
on a page shown turned (/Rotate 90, 180, 270) or with text drawn by a turned matrix (a landscape
table) none was found ("x 109/L", or "x 10" / "9" / "/L" on three lines), and the font size of
turned text read as 0. An exponent set at 90 % of its line's size (above the 85 % a smaller run
must be) was missed too; one that size on the baseline or lowered is ordinary text."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf

Draw = Callable[[canvas.Canvas, float], None]
# Where a turned drawing starts, so that its lines stay on the page.
_ORIGINS = {0: (0.0, 0.0), 90: (500.0, 100.0), 180: (550.0, 800.0), 270: (100.0, 800.0)}


def _read(draw: Draw, rotate: int = 0, turn: int = 0) -> str:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if rotate:
        c.setPageRotation(rotate)
    c.saveState()
    c.translate(*_ORIGINS[turn])
    c.rotate(turn)
    draw(c, 0.0 if turn else 700.0)
    c.restoreState()
    c.showPage()
    c.save()
    return extract_pdf(buf.getvalue(), "labs.pdf").text


def _rise(before: str, raised: str, after: str, *, small: float = 7, rise: float = 4) -> Draw:
    """``raised`` set by a text rise, in one text object with the line (a word processor)."""

    def draw(c: canvas.Canvas, y: float) -> None:
        text = c.beginText(72, y)
        text.setFont("Helvetica", 11)
        text.textOut(before)
        text.setRise(rise)
        text.setFont("Helvetica", small)
        text.textOut(raised)
        text.setRise(0)
        text.setFont("Helvetica", 11)
        text.textOut(after)
        c.drawText(text)

    return draw


def _moved(before: str, raised: str, after: str, *, small: float = 7, shift: float = 4) -> Draw:
    """``raised`` drawn by a move of its own, ``shift`` points above the line."""

    def draw(c: canvas.Canvas, y: float) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, y, before)
        x = 72 + c.stringWidth(before, "Helvetica", 11)
        c.setFont("Helvetica", small)
        c.drawString(x, y + shift, raised)
        c.setFont("Helvetica", 11)
        c.drawString(x + c.stringWidth(raised, "Helvetica", small), y, after)

    return draw


def _two(first: Draw, second: Draw) -> Draw:
    def draw(c: canvas.Canvas, y: float) -> None:
        first(c, y)
        second(c, y - 30)

    return draw


_COUNTS = _two(
    _rise("WBC 11.2 x 10", "9", "/L (4.0-11.0)"), _moved("Platelets 250 x 10", "9", "/L")
)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_exponents_on_a_page_shown_turned_are_read(rotate: int) -> None:
    assert _read(_COUNTS, rotate).splitlines() == [
        "WBC 11.2 x 10^9/L (4.0-11.0)",
        "Platelets 250 x 10^9/L",
    ]


@pytest.mark.parametrize(("rotate", "turn"), [(0, 90), (0, 180), (0, 270), (90, 270), (270, 90)])
def test_exponents_in_text_drawn_turned_are_read(rotate: int, turn: int) -> None:
    assert _read(_COUNTS, rotate, turn).splitlines() == [
        "WBC 11.2 x 10^9/L (4.0-11.0)",
        "Platelets 250 x 10^9/L",
    ]


@pytest.mark.parametrize("turn", [0, 90])
def test_turned_numbers_that_are_no_power_are_not_joined(turn: int) -> None:
    """A smaller next cell after a number, and a lowered digit, stay apart turned too."""
    text = _read(
        _two(_moved("Sodium 140", "135", "", shift=2), _moved("Hb 12", "3", " g/L", shift=-3)),
        0,
        turn,
    )
    assert "140135" not in text and "^" not in text and "123" not in text


@pytest.mark.parametrize("turn", [0, 90])
def test_an_exponent_set_at_nine_tenths_of_the_size_is_read(turn: int) -> None:
    draw = _two(_rise("WBC 11.2 x 10", "9", "/L", small=10), _moved("x 10", "12", "/L", small=10))
    assert _read(draw, 0, turn).splitlines() == ["WBC 11.2 x 10^9/L", "x 10^12/L"]


def test_a_run_nearly_the_lines_size_on_the_baseline_or_lowered_is_ordinary_text() -> None:
    """Not raised, a run at 90 % of the size after a word or a 10 is no superscript: left as
    pypdf reads it, never joined or made a power."""
    text = _read(
        _two(
            _moved("Dose 10", "3", " days", small=10, shift=0),
            _moved("Hb 10", "2", " g/L", small=10, shift=-2),
        )
    )
    assert "^" not in text
    assert "103" not in text and "102" not in text
