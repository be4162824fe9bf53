"""A filled PDF form's values reach the document's text (walk 53b, H1): pypdf's page text holds
only the printed labels, so a filled referral form was stored as an empty one. Forms are built
here with reportlab and filled with pypdf, both as a filler that writes no appearance streams
(NeedAppearances) and as Acrobat saves them (appearance streams written)."""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.pdf_forms import FORM_LABEL

VALUES = {"indication": "Mechanical mitral valve (On-X)", "target_inr": "2.5-3.5"}


def _form(values: dict[str, str], *, appearances: bool, second_page: bool = False) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, 780, "Referral form - anticoagulation clinic")
    c.drawString(72, 750, "Indication:")
    c.acroForm.textfield(name="indication", x=160, y=740, width=300, height=18)
    c.drawString(72, 690, "Urgent:")
    c.acroForm.checkbox(name="urgent", x=160, y=685, size=14)
    c.drawString(72, 720, "Target INR:")  # drawn after the checkbox: order comes from the page
    c.acroForm.textfield(name="target_inr", x=160, y=710, width=100, height=18)
    c.showPage()
    if second_page:
        c.drawString(72, 780, "Page two: consent")
        c.acroForm.textfield(name="consent_by", x=160, y=740, width=200, height=18)
        c.showPage()
    c.save()
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(buf.getvalue())))
    for page in writer.pages:
        if appearances:
            writer.update_page_form_field_values(page, values)
        else:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    if not appearances:
        writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("appearances", [False, True])
def test_filled_values_are_read_in_page_order(appearances: bool) -> None:
    data = _form({**VALUES, "urgent": "/Yes"}, appearances=appearances)
    text = extract_pdf(data, "referral.pdf").text
    assert "indication: Mechanical mitral valve (On-X)" in text
    assert "target_inr: 2.5-3.5" in text
    assert "urgent: ticked" in text
    block = text[text.index(FORM_LABEL) :].splitlines()
    assert block == [
        FORM_LABEL,
        "indication: Mechanical mitral valve (On-X)",
        "target_inr: 2.5-3.5",
        "urgent: ticked",
    ]
    assert text.index("Referral form") < text.index(FORM_LABEL)


def test_unticked_box_of_a_filled_form_says_no() -> None:
    text = extract_pdf(_form(VALUES, appearances=False), "referral.pdf").text
    assert "urgent: not ticked" in text


def test_a_blank_form_adds_nothing() -> None:
    text = extract_pdf(_form({}, appearances=False), "blank.pdf").text
    assert FORM_LABEL not in text
    assert "urgent" not in text


def test_each_page_keeps_its_own_fields() -> None:
    data = _form({**VALUES, "consent_by": "Daughter (LPA)"}, appearances=True, second_page=True)
    document = extract_pdf(data, "two.pdf")
    first, second = document.pages
    assert "target_inr: 2.5-3.5" in document.text[first.start : first.end]
    assert "consent_by: Daughter (LPA)" in document.text[second.start : second.end]
    assert "consent_by" not in document.text[first.start : first.end]
