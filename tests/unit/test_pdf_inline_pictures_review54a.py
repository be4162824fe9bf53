"""review54a: a PDF's inline images ('BI' ... 'ID' ... 'EI' in a page's content, as fax and
small-scan tools write them) count as pictures for left54's checks. On main a mixed PDF whose
page 2 was a single inline image was imported with that page dropped unsaid (the note of
unread image pages looked at the resources' XObjects only), and a typed page whose inline image
was written 'BI/W ...' (no space before the first key, valid PDF) never had PDFium look, so its
picture was passed over without the 'not read' line."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf


def _picture() -> Image.Image:
    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((10, 80), "Warfarin stopped 3 May", fill="black")
    return image


def test_a_page_that_is_only_an_inline_image_is_named_when_not_read() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Discharge letter, page one: stable on apixaban.")
    c.showPage()
    c.drawInlineImage(_picture(), 72, 500, 450, 150)
    c.showPage()
    c.save()
    notes = extract_pdf(buf.getvalue(), "mixed.pdf").notes
    assert any(note.startswith("page 2 has no text layer") for note in notes), notes


def test_an_inline_image_written_without_a_space_after_bi_is_still_looked_at() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Signed:")
    c.drawInlineImage(_picture(), 72, 500, 450, 150)
    c.showPage()
    c.save()
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    page = writer.pages[0]
    content = page.get_contents()
    assert content is not None and b"BI /W" in content.get_data()
    compact = DecodedStreamObject()
    compact.set_data(content.get_data().replace(b"BI /W", b"BI/W"))
    page[NameObject("/Contents")] = writer._add_object(compact)
    out = io.BytesIO()
    writer.write(out)
    notes = extract_pdf(out.getvalue(), "signed.pdf").notes
    assert any("1 picture was not read" in note for note in notes), notes
