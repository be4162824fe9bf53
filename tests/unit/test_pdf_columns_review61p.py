"""Two-column tables of long cells are not prose columns (review61p): a medication beside how
to take it, a label beside its value. user61's column reading took them for two columns of
prose and read every left cell before every right cell, so "take one twice daily for twelve
months" no longer followed "Ticagrelor 90 mg tablets". They keep their rows, as before user61."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf

MEDICINES = [
    ("Medication and strength", "How to take it"),
    ("Ramipril 2.5 mg capsules", "take one each morning with water"),
    ("Bisoprolol 1.25 mg tablets", "take one at night before bed"),
    ("Atorvastatin 80 mg tablets", "take one at night with food"),
    ("Aspirin 75 mg dispersible tablets", "take one daily after breakfast"),
    ("Ticagrelor 90 mg tablets", "take one twice daily for twelve months"),
]
SUMMARY = [
    ("Diagnosis on admission to hospital", "acute anterior myocardial infarction"),
    ("Procedure performed during this stay", "primary PCI with one drug eluting stent"),
    ("Complications noted during the stay", "none at all were seen by the team"),
    ("Follow up arranged with the team", "cardiology clinic in six weeks time"),
]
FORM = [
    ("Patient name: John Albert Smith", "Date of birth: 01/02/1960 (66 years)"),
    ("Hospital number: 123 456 7890", "NHS number: 943 476 5919 verified"),
    ("Allergy: penicillin causes anaphylaxis", "Weight: 82 kg measured today"),
    ("Consultant: Dr Jane Mary Brown", "Ward: Cardiology ward 14 east"),
]


def _rows_across(rows: list[tuple[str, str]]) -> bytes:
    """Each row's left cell, then its right cell, on one baseline: how tables are written."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for index, (left, right) in enumerate(rows):
        page.drawString(40, 800 - 16 * index, left)
        page.drawString(310, 800 - 16 * index, right)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("rows", [MEDICINES, SUMMARY, FORM], ids=["medicines", "summary", "form"])
def test_each_cell_stays_beside_the_one_on_its_row(rows: list[tuple[str, str]]) -> None:
    text = extract_pdf(_rows_across(rows), "summary.pdf").text
    flat = " ".join(text.split())
    for left, right in rows:
        assert f"{left} {right}" in flat
