"""PDF tables keep their rows (walk 33 item 15): a lab table drawn cell by cell came out of import
one cell per line, so which value went with which date and test was lost. Rows are joined again
from pypdf's layout reading where that reading has the same words in the same order; prose,
hyphenation, reading order and offsets stay as plain extraction gives them."""

from __future__ import annotations

import io
import re

import pytest
from fixtures.ingest_files import FakeEmbedder
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Table,
)
from reportlab.platypus.flowables import Flowable

from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.pdf_tables import rejoin_rows
from medlocal.rag.value_tables import column_of, date_columns

STYLES = getSampleStyleSheet()
ROWS = [
    ["Test", "02/03/2026", "05/03/2026", "09/03/2026"],
    ["Creatinine (umol/L)", "168", "131", "102"],
    ["eGFR (mL/min/1.73m2)", "28", "38", "52"],
    ["Potassium (mmol/L)", "5.4", "", "4.3"],
    ["CRP (mg/L)", "186", "71", "24"],
]
PROSE = (
    "Her creatinine was 168 umol/L on admission with eGFR 28. Metformin and ramipril were "
    "withheld; with intravenous fluids the creatinine improved to 102 umol/L by discharge. "
    "Post-operative anti-coagulation was well tolerated and non-steroidal drugs were avoided "
    "throughout the admission, as the renal team advised on the ward round."
)
ADDRESS = "Dr Jane Smith<br/>Renal Unit<br/>St Elsewhere<br/>Leeds LS1 1AA<br/>Tel 0113"


def _paragraph(text: str) -> Paragraph:
    return Paragraph(text, STYLES["BodyText"])


def _pdf(story: list[Flowable], two_columns: bool = False) -> bytes:
    buffer = io.BytesIO()
    if two_columns:
        doc = BaseDocTemplate(buffer, pagesize=A4)
        width = (doc.width - 12) / 2
        frames = [
            Frame(doc.leftMargin, doc.bottomMargin, width, doc.height, id="left"),
            Frame(doc.leftMargin + width + 12, doc.bottomMargin, width, doc.height, id="right"),
        ]
        doc.addPageTemplates([PageTemplate(frames=frames)])
        doc.build(story)
    else:
        SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _plain_pages(data: bytes) -> list[str]:
    """What import read before: pypdf's plain text of each page, trailing spaces trimmed."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = (page.extract_text() or "").split("\n")
        pages.append("\n".join(line.rstrip() for line in lines).strip())
    return pages


def _page_texts(data: bytes) -> list[str]:
    doc = extract_pdf(data, "summary.pdf")
    return [doc.text[page.start : page.end] for page in doc.pages]


def test_lab_table_rows_are_one_line_each_with_values_in_order() -> None:
    data = _pdf([_paragraph(PROSE), PageBreak(), _paragraph("INVESTIGATIONS"), Table(ROWS)])
    plain = _plain_pages(data)
    assert "\n168\n131\n102\n" in plain[1]  # the bug: one cell per line
    text = _page_texts(data)[1]
    lines = text.split("\n")
    assert lines[0] == "INVESTIGATIONS"
    rows = lines[1:]
    assert len(rows) == len(ROWS)
    for line, row in zip(rows, ROWS, strict=True):
        assert line.split() == " ".join(row).split()  # the row's words, in order, on one line
        assert re.split(r" {2,}", line) == [cell for cell in row if cell]  # cells apart
    # Columns line up, so a value sits under its date: each date starts where its column does.
    for column, date in enumerate(ROWS[0][1:], start=1):
        at = rows[0].index(date)
        for line, row in zip(rows[1:], ROWS[1:], strict=True):
            if row[column]:
                assert line[at : at + len(row[column])] == row[column]
    # The prose page is exactly what plain extraction gave.
    assert _page_texts(data)[0] == plain[0]


def test_grounding_reads_each_value_under_its_date() -> None:
    data = _pdf([_paragraph("INVESTIGATIONS"), Table(ROWS)])
    doc = extract_pdf(data, "summary.pdf")
    columns = date_columns(doc.text, True)
    row = doc.text.index("Creatinine (umol/L)")
    for value, day in (("168", "2026-03-02"), ("131", "2026-03-05"), ("102", "2026-03-09")):
        at = doc.text.index(value, row)
        assert columns[column_of(doc.text, at)].key == day


def test_table_between_prose_keeps_the_prose_lines_and_page_offsets() -> None:
    story = [
        _paragraph(PROSE),
        Table(ROWS),
        _paragraph(PROSE),
        PageBreak(),
        _paragraph("Page two: follow-up in clinic."),
    ]
    data = _pdf(story)
    plain = _plain_pages(data)[0].split("\n")
    doc = extract_pdf(data, "summary.pdf")
    page_one = doc.text[doc.pages[0].start : doc.pages[0].end].split("\n")
    table_words = {word for row in ROWS for cell in row for word in cell.split()}
    prose_before = [line for line in plain if not set(line.split()) <= table_words]
    prose_after = [line for line in page_one if not set(line.split()) <= table_words]
    prose_after = [line for line in prose_after if not line.startswith(tuple(r[0] for r in ROWS))]
    assert prose_after == prose_before
    assert doc.page_at(doc.text.index("follow-up")) == 2
    assert doc.page_at(doc.text.index("Creatinine (umol/L)")) == 1
    # Passages still point at their text, and the row stays whole inside one.
    chunks = chunk_document(doc, FakeEmbedder(), ChunkingParams(max_tokens=400, overlap_tokens=0))
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
    row_line = next(line for line in page_one if line.startswith("Creatinine"))
    assert row_line.split() == ["Creatinine", "(umol/L)", "168", "131", "102"]
    assert any(row_line in chunk.text for chunk in chunks)


@pytest.mark.parametrize(
    "story",
    [
        # Short lines (an address block) make the page worth a layout read; nothing joins.
        [_paragraph(ADDRESS), _paragraph(PROSE), _paragraph(ADDRESS)],
        # Two columns: layout reads across both (and joins "admission" to the cell beside it),
        # so its words are out of order: plain is kept.
        [*[_paragraph(PROSE) for _ in range(6)], Table(ROWS), *[_paragraph(PROSE)] * 12],
    ],
    ids=["address-block", "two-columns"],
)
def test_pages_without_a_safe_table_read_as_before(story: list[Flowable]) -> None:
    data = _pdf(story, two_columns=len(story) > 3)
    assert _page_texts(data) == [page for page in _plain_pages(data) if page]


def test_layout_failure_or_different_words_keep_the_plain_text() -> None:
    plain = "Test\n02/03\n05/03\nCreatinine\n168\n131"

    def broken() -> str:
        raise ValueError("odd font")

    assert rejoin_rows(plain, broken) == plain
    # A row whose layout words differ (a word split: "Creat inine") keeps its plain lines.
    split = "Test          02/03    05/03\nCreat inine   168      131"
    assert rejoin_rows(plain, lambda: split) == "Test  02/03  05/03\nCreatinine\n168\n131"
    layout = "   Test          02/03    05/03\n\n   Creatinine    168      131"
    assert rejoin_rows(plain, lambda: layout) == "Test        02/03  05/03\nCreatinine  168    131"


def test_rows_beside_a_wrapped_cell_keep_their_plain_lines_and_the_others_join() -> None:
    """Layout sets a cell that wraps beside the middle of its row, so that row's words are out
    of order there: it stays as plain read it, and the table's other rows are still joined."""
    note = "Continue; review renal function in two weeks with repeat bloods at the GP surgery"
    rows = [
        ["Drug", "Dose", "Notes"],
        ["Apixaban", "5 mg BD", _paragraph(note)],
        ["Bisoprolol", "2.5 mg OD", "New"],
    ]
    data = _pdf([_paragraph("MEDICATIONS"), Table(rows, colWidths=[100, 80, 200])])
    plain = _plain_pages(data)[0]
    text = _page_texts(data)[0]
    assert text.split() == plain.split()  # same words, same order
    lines = text.split("\n")
    assert [re.split(r" {2,}", line) for line in lines if "  " in line] == [
        ["Drug", "Dose", "Notes"],
        ["Bisoprolol", "2.5 mg OD", "New"],
    ]
    assert lines[lines.index("Apixaban") + 1] == "5 mg BD"
