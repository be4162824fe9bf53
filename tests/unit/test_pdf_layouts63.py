"""PDF layouts a clinic has beyond two columns (user63): three columns (a discharge leaflet)
and prose beside a sidebar (a patient box on the left, a lab legend on the right), each written
line by line across the page. pypdf's plain reading put the third column's and the sidebar's
lines between the prose's, so "radiating to the" was followed by "DOB: 01/02/1960" and then
"left arm": the sentence a citation must hold was cut. They are now read column by column, and
a form's labels, beside the first line of their value, stay where they stand."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractor_versions import extractor_version
from medlocal.ingest.extractors.pdf import extract_pdf

HISTORY = (
    "The patient was admitted with chest pain radiating to the left arm. ECG showed ST "
    "elevation in V2-V4. She was taken to the catheter laboratory where a proximal LAD "
    "occlusion was stented. Troponin peaked at 12000 ng/L."
)
MEDICINES = (
    "Medications on discharge: aspirin 75 mg daily, ticagrelor 90 mg twice daily, atorvastatin "
    "80 mg at night, ramipril 2.5 mg daily and bisoprolol 1.25 mg daily. Follow up in cardiac "
    "rehabilitation in six weeks."
)
KIDNEYS = (
    "Her kidney function was stable throughout the stay with creatinine of 88 umol/L. Potassium "
    "was 4.6 mmol/L on the day of discharge. She was referred to the community stop smoking "
    "service for follow up support."
)
PATIENT_BOX = [
    "Patient: John Smith",
    "DOB: 01/02/1960",
    "NHS: 943 476 5919",
    "Ward: 14 East",
    "Consultant:",
    "Dr Jane Brown",
    "Allergies: none",
]
LEGEND = ["Reference ranges", "Hb 130-170 g/L", "K 3.5-5.3 mmol/L", "Na 133-146", "eGFR >90"]


def _page(draw: Callable[[canvas.Canvas], None]) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _across(columns: list[list[str]], xs: list[int]) -> bytes:
    """Each row's lines of every column, left to right, then the next row: how report writers
    and print drivers write such pages."""

    def draw(page: canvas.Canvas) -> None:
        for row in range(max(len(lines) for lines in columns)):
            for lines, x in zip(columns, xs, strict=True):
                if row < len(lines):
                    page.drawString(x, 780 - 14 * row, lines[row])

    return _page(draw)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_three_columns_are_read_one_after_the_other() -> None:
    columns = [textwrap.wrap(text, 26) for text in (HISTORY, MEDICINES, KIDNEYS)]
    text = extract_pdf(_across(columns, [30, 215, 400]), "leaflet.pdf").text
    assert _flat(text) == _flat(f"{HISTORY} {MEDICINES} {KIDNEYS}")


@pytest.mark.parametrize("sidebar_left", [True, False], ids=["patient-box", "lab-legend"])
def test_prose_beside_a_sidebar_keeps_its_sentences(sidebar_left: bool) -> None:
    body = textwrap.wrap(f"{HISTORY} {MEDICINES}", 60)
    if sidebar_left:
        data, side = _across([PATIENT_BOX, body], [40, 200]), PATIENT_BOX
    else:
        data, side = _across([body, LEGEND], [40, 420]), LEGEND
    text = extract_pdf(data, "letter.pdf").text
    flat = _flat(text)
    assert _flat(f"{HISTORY} {MEDICINES}") in flat
    # the sidebar's items stay whole lines, in their order, on their side of the prose
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    at = lines.index(side[0])
    assert lines[at : at + len(side)] == side
    assert (flat.index(side[0]) < flat.index(HISTORY[:30])) == sidebar_left


def test_a_patient_box_beside_two_columns_under_a_title() -> None:
    title = "DISCHARGE SUMMARY - CARDIOLOGY WARD 14 - ST ELSEWHERE HOSPITAL NHS TRUST"
    columns = [PATIENT_BOX, textwrap.wrap(HISTORY, 30), textwrap.wrap(MEDICINES, 30)]

    def draw(page: canvas.Canvas) -> None:
        page.drawString(30, 810, title)
        for row in range(max(len(lines) for lines in columns)):
            for lines, x in zip(columns, [30, 180, 390], strict=True):
                if row < len(lines):
                    page.drawString(x, 780 - 14 * row, lines[row])

    flat = _flat(extract_pdf(_page(draw), "letter.pdf").text)
    assert flat == _flat(f"{title} {' '.join(PATIENT_BOX)} {HISTORY} {MEDICINES}")


@pytest.mark.parametrize(
    "stops", [True, False], ids=["values-end-sentences", "notes-without-stops"]
)
def test_a_forms_labels_stay_beside_their_values(stops: bool) -> None:
    """A label beside the first line of its wrapped value is not a sidebar: read column by
    column, every label would come before every value. Its value mostly ends a sentence; where
    the values are notes without full stops, the labels standing rows apart still tell them
    from a sidebar's items, one under the other."""
    values = [HISTORY, MEDICINES, KIDNEYS, HISTORY]
    if not stops:
        values = [value.replace(".", "") for value in values]
    labels = ("History:", "Medications:", "Results:", "Earlier:")
    sections = list(zip(labels, values, strict=True))

    def draw(page: canvas.Canvas) -> None:
        y = 780
        for label, value in sections:
            page.drawString(40, y, label)
            for line in textwrap.wrap(value, 60):
                page.drawString(200, y, line)
                y -= 14
            y -= 6

    flat = _flat(extract_pdf(_page(draw), "form.pdf").text)
    assert flat == _flat(" ".join(f"{label} {value}" for label, value in sections))


def test_pdfs_read_before_are_read_again() -> None:
    assert extractor_version("pdf") == 3
