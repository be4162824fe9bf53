"""review54a: a radio group with /Opt may name its buttons' on states by index ('/0', '/1') or
by their export values (PDF 32000-1 12.7.4.2.4: the index names are a 'may'). On 53d8d3a a
pain score group whose states were its values '1'..'5' (with /Opt listing the same values) had
its state '3' taken as an index: stored 'pain: 4'."""

from __future__ import annotations

import io

import pypdf
from pypdf.generic import ArrayObject, NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf


def _group(values: list[str], chosen: str, options: list[str]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawString(72, 720, "Pain score (1-5):")
    for number, value in enumerate(values):
        c.acroForm.radio(
            name="pain", value=value, selected=value == chosen, x=200 + 30 * number, y=700
        )
    c.showPage()
    c.save()
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(buf.getvalue())))
    group = writer.pages[0]["/Annots"][0].get_object()["/Parent"].get_object()
    group[NameObject("/Opt")] = ArrayObject([TextStringObject(o) for o in options])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_states_named_by_their_values_are_not_read_as_indices() -> None:
    values = ["1", "2", "3", "4", "5"]
    text = extract_pdf(_group(values, "3", values), "pain.pdf").text
    assert "pain: 3" in text and "pain: 4" not in text


def test_states_named_by_index_give_the_option_of_that_button() -> None:
    """Index names ('0'..'2') with options that are numbers themselves: the button at index 1
    is the option '2'."""
    text = extract_pdf(_group(["0", "1", "2"], "1", ["1", "2", "3"]), "pain.pdf").text
    assert "pain: 2" in text
