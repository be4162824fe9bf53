"""A PDF page turned by /Rotate 90, 180 or 270 (a landscape report, a page turned in a viewer) keeps
its running header and footer out of its passages, like an upright page (session 42).

pypdf gives each text run's position in the page's own (unrotated) space; the page is shown
turned, so its top as read is one of that space's sides. Until session 42 a rotated page's lines
were never read as margin lines: its trust name, patient label and "Page N of M" stayed in every
page's text. Here each page's content is drawn turned, so that it reads level as the page is
shown, as report writers print landscape pages."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.extractors.pdf import extract_pdf

TRUST = "St. Aldhelm's General Hospital NHS Trust - Renal Unit"
LABEL = "ORTEGA-WHITFIELD, Rosalind | MRN SAH-7730415 | DOB 03/02/1951"


def _notes(page: int) -> list[str]:
    return [
        f"Ward round day {page}: reviewed, comfortable overnight, observations stable.",
        f"Plan for page {page}: continue intravenous antibiotics and repeat bloods.",
        f"Seen by the renal registrar; urine output {40 * page} ml/h.",
    ]


def _rotated_pdf(rotation: int, bodies: Sequence[Sequence[str]]) -> bytes:
    """A4 pages with /Rotate ``rotation``, each drawn so that it reads level as shown (turned 90
    or 270 degrees: landscape, 842 pt wide and 595 pt tall): the trust and the label at the top
    as shown, the body below them, and "Page N of M" at the foot as shown."""
    buffer = io.BytesIO()
    # reportlab takes the page size as shown, and writes a rotated page's own box turned.
    shown = A4 if rotation == 180 else landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=shown, invariant=True)
    width, height = A4  # the page's own space: 595 x 842
    total = len(bodies)
    for page, body in enumerate(bodies, start=1):
        pdf.setPageRotation(rotation)
        pdf.saveState()
        # The frame the page is read in: x along the shown page, y up it.
        if rotation == 90:  # shown turned clockwise: its top is the page's left side
            pdf.translate(width, 0)
        elif rotation == 180:  # shown upside down: its top is the page's bottom
            pdf.translate(width, height)
        else:  # 270: shown turned anticlockwise: its top is the page's right side
            pdf.translate(0, height)
        pdf.rotate({90: 90, 180: 180, 270: -90}[rotation])
        shown_height = shown[1]
        pdf.drawString(40, shown_height - 25, TRUST)
        pdf.drawString(40, shown_height - 37, LABEL)
        y = shown_height - 90
        for line in body:
            pdf.drawString(56, y, line)
            y -= 16
        pdf.drawString(40, 20, f"Page {page} of {total}")
        pdf.restoreState()
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _page_text(document: ExtractedDocument, number: int) -> str:
    span = document.pages[number - 1]
    return document.text[span.start : span.end]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_pages_running_lines_are_kept_once(rotation: int) -> None:
    bodies = [_notes(page) for page in (1, 2, 3)]
    document = extract_pdf(_rotated_pdf(rotation, bodies), "notes.pdf")
    assert document.text.count(TRUST) == 1 and document.text.count(LABEL) == 1
    assert _page_text(document, 1).startswith(f"{TRUST}\n{LABEL}")
    assert "Page 1 of 3" not in document.text and "Page 2 of 3" not in document.text
    assert _page_text(document, 3).endswith("Page 3 of 3")
    for page in (1, 2, 3):
        assert all(line in _page_text(document, page) for line in _notes(page))
    assert document.section_at(document.text.index(LABEL)) == "Page header"
    assert document.section_at(document.text.index("Ward round day 2")) == "Document text"
    assert document.section_at(document.text.index("Page 3 of 3")) == "Page footer"


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_rotated_pages_body_near_its_sides_stays(rotation: int) -> None:
    """A line at the shown page's left edge lies in the page's own top or bottom band; it is
    no running line, whatever repeats."""
    bodies = [_notes(page) for page in (1, 2, 3)]
    document = extract_pdf(_rotated_pdf(rotation, bodies), "notes.pdf")
    for page in (1, 2, 3):
        assert f"Ward round day {page}:" in _page_text(document, page)
