"""review54a: a PDF's small raised/lowered runs are written back only where pypdf's text holds
them, and never take the line break after them when the next run stands on another line.

On 9be3935 a small run at a line's end swallowed the line break ('penicillin1Next line',
'x 10^9Hb 135 g/L'), a table's values set smaller under a header were pulled up and glued into
one number ('Result140138'), a small cell on the same baseline after a '10' became a power
('10^3days'), and a run pypdf's text did not hold where it was seen was written into the first
later match on the page ('Glucose 109 mg/dL' stored as 'Glucose 10^9 mg/dL')."""

from __future__ import annotations

from fixtures.pdf_runs import raised_line, read_pdf
from reportlab.pdfgen import canvas

_read = read_pdf


def _runs(c: canvas.Canvas, y: float, *parts: tuple[str, float, float]) -> None:
    """One line of runs drawn each by a move of its own: (text, font size, raised by)."""
    x = 72.0
    for text, size, rise in parts:
        c.setFont("Helvetica", size)
        c.drawString(x, y + rise, text)
        x += c.stringWidth(text, "Helvetica", size)


def test_a_small_run_at_a_lines_end_keeps_the_next_line_apart() -> None:
    def draw(c: canvas.Canvas) -> None:
        _runs(c, 760, ("Allergic to penicillin", 11, 0), ("1", 7, 4))
        _runs(c, 740, ("BSA 1.73 m", 11, 0), ("2", 7, 4))
        _runs(c, 720, ("WBC 11.2 x 10", 11, 0), ("9", 7, 4))
        _runs(c, 700, ("Hb 135 g/L", 11, 0))

    # A moved "9" after a "10" with no unit after it is left as read (it could be a smaller
    # table cell: see test_a_top_aligned_small_cell_after_a_ten_is_no_power), on its own line.
    assert _read(draw).splitlines() == [
        "Allergic to penicillin1",
        "BSA 1.73 m2",
        "WBC 11.2 x 10",
        "9",
        "Hb 135 g/L",
    ]


def test_an_exponent_set_with_a_rise_at_a_lines_end_keeps_the_next_line_apart() -> None:
    def draw(c: canvas.Canvas) -> None:
        raised_line(c, 760, "WBC 11.2 x 10", "9", next_line="Hb 135 g/L")

    assert _read(draw).splitlines() == ["WBC 11.2 x 10^9", "Hb 135 g/L"]


def test_values_set_smaller_under_a_header_are_not_pulled_up_nor_joined() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(72, 760, "Sodium")
        c.drawString(200, 760, "Result")
        c.setFont("Helvetica", 7)
        c.drawString(200, 751, "140")
        c.drawString(200, 743, "138")

    text = _read(draw)
    assert "140138" not in text and "Result140" not in text
    assert "140" in text.split() and "138" in text.split()


def test_a_small_cell_on_the_baseline_after_a_ten_is_no_power() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(72, 760, "Dose mg 10")
        x = 72 + c.stringWidth("Dose mg 10", "Helvetica", 10) + 8
        c.setFont("Helvetica", 7)
        c.drawString(x, 760, "3")
        c.setFont("Helvetica", 10)
        c.drawString(x + 20, 760, "days")

    text = _read(draw)
    assert "10^3" not in text and "3days" not in text


def test_a_run_not_where_pypdf_put_it_never_rewrites_a_later_number() -> None:
    """A raised ' 9' read by pypdf as 'x 10 9/L' (a space between) is left as read, and the
    page's later 'Glucose 109 mg/dL' is not turned into a power."""

    def draw(c: canvas.Canvas) -> None:
        raised_line(c, 760, "Platelets 250 x 10", " 9", "/L")
        c.setFont("Helvetica", 11)
        c.drawString(72, 730, "Glucose 109 mg/dL")

    assert "Glucose 109 mg/dL" in _read(draw).splitlines()


def test_a_smaller_label_on_the_line_is_not_glued_to_the_name_before() -> None:
    """'Jane Doe' then a smaller 'MRN' label on the same baseline was stored 'Jane DoeMRN4471203':
    a name glued to a label and an identifier (which a de-identifier reads as one word)."""

    def draw(c: canvas.Canvas) -> None:
        width = c.stringWidth("Name: Jane Doe", "Helvetica", 11)
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, "Name: Jane Doe")
        c.setFont("Helvetica", 8)
        c.drawString(72 + width + 20, 760, "MRN")
        c.setFont("Helvetica", 11)
        c.drawString(72 + width + 45, 760, "4471203")

    words = _read(draw).split()
    assert "Doe" in words and "MRN" in words and "4471203" in words


def test_a_smaller_cell_centred_in_a_row_after_a_ten_is_no_power() -> None:
    """A lab row 'Vit D  10  15' whose last cell is set smaller and centred (its baseline ~2 pt
    up) was stored 'Vit D 10^15'."""

    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 720, "Vit D")
        c.drawString(150, 720, "10")
        c.setFont("Helvetica", 7)
        c.drawString(172, 722, "15")

    text = _read(draw)
    assert "10^15" not in text and "1015" not in text


def test_a_top_aligned_small_cell_after_a_ten_is_no_power() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 720, "Ferritin")
        c.drawString(150, 720, "10")
        c.setFont("Helvetica", 7)
        c.drawString(174, 723.5, "12")

    assert "10^12" not in _read(draw)


def test_a_small_cell_after_a_ten_with_more_cells_after_it_is_no_power() -> None:
    """The row goes on after the small cell (a unit's word, a range): still no power; only a
    unit's "/" right after it ("/L", "/mm3") makes the small number an exponent."""

    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 720, "Ferritin")
        c.drawString(150, 720, "10")
        c.setFont("Helvetica", 7)
        c.drawString(174, 723.5, "12")
        c.setFont("Helvetica", 11)
        c.drawString(200, 720, "ng/mL 30-300")

    text = _read(draw)
    assert "10^12" not in text
