"""A PDF's small raised and lowered runs read back into their line; a number raised after a
power of ten as its exponent. pypdf read a typed report's "x 10" + raised "9" + "/L" as "x 109/L"
(set with a text rise) or as three lines "x 10", "9", " /L" (set by a move of its own)."""

from __future__ import annotations

import io

from fixtures.pdf_runs import raised_line, read_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf


def _page(*lines: tuple[str, str, str, float, float]) -> str:
    """Each line: the text before, the small run, the text after, the small run's shift up
    (points; negative: lowered) and the gap left before it (points)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 760.0
    for before, small, after, shift, gap in lines:
        c.setFont("Helvetica", 11)
        c.drawString(72, y, before)
        x = 72 + c.stringWidth(before, "Helvetica", 11) + gap
        c.setFont("Helvetica", 7)
        c.drawString(x, y + shift, small)
        c.setFont("Helvetica", 11)
        c.drawString(x + c.stringWidth(small, "Helvetica", 7), y, after)
        y -= 20
    c.showPage()
    c.save()
    return extract_pdf(buf.getvalue(), "labs.pdf").text


def test_an_exponent_set_with_a_text_rise_is_read_as_one() -> None:
    text = read_pdf(lambda c: raised_line(c, 700, "WBC 11.2 x 10", "9", "/L (4.0-11.0)"))
    assert text == "WBC 11.2 x 10^9/L (4.0-11.0)"


def test_an_exponent_set_by_a_move_stays_on_its_line() -> None:
    text = _page(("Platelets 250 x 10", "9", "/L", 4, 0), ("CD4 0.35 x10", "-3", "/L", 4, 0))
    assert text.splitlines() == ["Platelets 250 x 10^9/L", "CD4 0.35 x10^-3/L"]


def test_raised_and_lowered_runs_after_a_word_join_their_line_unmarked() -> None:
    text = _page(("BSA 1.73 m", "2", " computed", 4, 0), ("pCO", "2", " 4.9 kPa", -3, 0))
    assert text.splitlines() == ["BSA 1.73 m2 computed", "pCO2 4.9 kPa"]


def test_numbers_that_are_no_power_are_never_joined_into_one() -> None:
    """A small number after a number that is no power of ten (a table's next cell set smaller,
    a lowered digit), or a small run of another column, is left as pypdf read it."""
    text = _page(
        ("Sodium 140", "135", "", 2, 0),
        ("Hb 12", "3", " g/L", -3, 0),
        ("Dilution 1 in 10", "12", "", 2, 150),
    )
    assert "140135" not in text and "140^" not in text
    assert "123" not in text and "12^" not in text
    assert "10^12" not in text
