"""PDF running headers and footers never lose content (review 41 D1): a line printed in the PDF
is in the stored text at least once, unless it is a page number whose page the page spans say.

The cases are the review's: odd/even headers, a continuation header from page 2, a footer
missing from the last page (one copy of each line kept, not one block per document), a page's
own date rising with the page (never a page number), and content repeated at a page's edge (a
result ending two pages, a drug name atop each page of a chart, a two-column table's header):
repetition alone removes nothing; a running line is printed in the page's margin band and reads
as page furniture."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.extractors.pdf import _page_text, extract_pdf

# (lines at the top margin, body lines, lines at the bottom margin) per page.
Page = tuple[Sequence[str], Sequence[str], Sequence[str]]


def _pdf(pages: Sequence[Page], *, top: float = 810, body: float = 760) -> bytes:
    """Top lines from ``top`` down (12 pt apart), body lines from ``body`` down (16 pt apart,
    in one-inch margins by default), bottom lines up to 40 pt above the page's foot."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for head, lines, foot in pages:
        for number, line in enumerate(head):
            pdf.drawString(40, top - 12 * number, line)
        for number, line in enumerate(lines):
            pdf.drawString(56, body - 16 * number, line)
        for number, line in enumerate(reversed(foot)):
            pdf.drawString(40, 40 + 12 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lines(text: str) -> set[str]:
    return {" ".join(line.split()) for line in text.split("\n") if line.strip()}


def _page(document: ExtractedDocument, number: int) -> str:
    span = document.pages[number - 1]
    return document.text[span.start : span.end]


LABEL = "Patient: John Smith NHS 943 476 5919 DOB 01/02/1950"
CONTINUATION = "Continuation sheet: John Smith NHS 943 476 5919"
AUTHORISED = "Authorised by Dr K Rahman (GMC 7012345) - results final"
CASES: dict[str, list[Page]] = {
    "odd_even": [
        (["St Elsewhere Hospital - Discharge summary"], ["Admission."], []),
        ([LABEL], ["Treatment."], []),
        (["St Elsewhere Hospital - Discharge summary"], ["Follow up."], []),
        ([LABEL], ["Medicines."], []),
    ],
    "per_page_date": [
        (["Ward round 04/03/2026   Page 1 of 3"], ["Febrile 38.4, started co-amoxiclav."], []),
        (["Ward round 05/03/2026   Page 2 of 3"], ["Apyrexial, CRP falling."], []),
        (["Ward round 06/03/2026   Page 3 of 3"], ["Well, discharged home."], []),
    ],
    "date_only_line": [
        (["04/03/2026"], ["Febrile."], []),
        (["05/03/2026"], ["Apyrexial."], []),
        (["06/03/2026"], ["Home."], []),
    ],
    # A day and month with no year ("01/03") reads as "N/M" too: the date reader says it is a date.
    "short_date_line": [
        (["01/03"], ["Febrile."], []),
        (["02/03"], ["Apyrexial."], []),
        (["03/03"], ["Home."], []),
    ],
    "continuation_header": [
        (["St Elsewhere Hospital NHS Trust"], ["Admission note."], []),
        (["St Elsewhere Hospital NHS Trust", CONTINUATION], ["Day 2."], []),
        (["St Elsewhere Hospital NHS Trust", CONTINUATION], ["Day 3."], []),
    ],
    "footer_not_on_last_page": [
        ([], ["Chest pain."], [AUTHORISED, "Page 1 of 3"]),
        ([], ["Day 2."], [AUTHORISED, "Page 2 of 3"]),
        ([], ["Day 3."], ["Page 3 of 3"]),
    ],
    "bloods_per_page": [
        (
            [],
            ["Bloods taken 03/03/2026 (admission)", "Potassium 4.1 mmol/L", "Sodium 131 mmol/L"],
            [],
        ),
        ([], ["Bloods taken 05/03/2026 (day 3)", "Potassium 4.5 mmol/L", "Sodium 131 mmol/L"], []),
    ],
    "mar_chart_drug_line_at_top": [
        ([], ["Paracetamol 1 g oral four times daily", "03/03/2026 08:00 given RN A"], []),
        ([], ["Paracetamol 1 g oral four times daily", "04/03/2026 08:00 given RN B"], []),
        ([], ["Paracetamol 1 g oral four times daily", "05/03/2026 08:00 withheld"], []),
    ],
    "two_column_table_header_at_top": [
        ([], ["Test                Result", "Sodium              140"], []),
        ([], ["Test                Result", "Urea                6.2"], []),
        ([], ["Test                Result", "CRP                 12"], []),
    ],
    "obs_chart_page_and_date": [
        (["Observation chart - 1/3 - 04/03/2026"], ["08:00 HR 92 BP 118/70 T 38.1"], []),
        (["Observation chart - 2/3 - 05/03/2026"], ["08:00 HR 84 BP 121/72 T 37.2"], []),
        (["Observation chart - 3/3 - 06/03/2026"], ["08:00 HR 76 BP 124/74 T 36.8"], []),
    ],
}
# Lines a case may lose: the page numbers of pages whose number the page spans keep.
PAGE_NUMBER = re.compile(r"Page \d of 3")


@pytest.mark.parametrize("name", CASES)
def test_no_line_vanishes(name: str) -> None:
    data = _pdf(CASES[name])
    before = {
        line for page in PdfReader(io.BytesIO(data)).pages for line in _lines(_page_text(page))
    }
    stored = extract_pdf(data, f"{name}.pdf").text
    lost = before - _lines(stored)
    assert all(PAGE_NUMBER.fullmatch(line) for line in lost), (lost, stored)


@pytest.mark.parametrize(
    ("name", "line", "copies"),
    [
        ("bloods_per_page", "Sodium 131 mmol/L", 2),
        ("mar_chart_drug_line_at_top", "Paracetamol 1 g oral four times daily", 3),
        ("two_column_table_header_at_top", "Test                Result", 3),
    ],
)
def test_content_repeated_at_a_page_edge_keeps_every_copy(
    name: str, line: str, copies: int
) -> None:
    """Inside the body's margins a line repeated at the pages' edge is content: each page keeps
    its own (the day-3 sodium, the drug each page's administrations are for, column names)."""
    document = extract_pdf(_pdf(CASES[name]), f"{name}.pdf")
    assert document.text.count(line) == copies
    assert all(section.title not in ("Page header", "Page footer") for section in document.sections)


def test_each_running_line_keeps_one_copy_where_it_was_first_or_last_printed() -> None:
    odd_even = extract_pdf(_pdf(CASES["odd_even"]), "summary.pdf")
    assert odd_even.text.count("St Elsewhere Hospital - Discharge summary") == 1
    assert odd_even.text.count(LABEL) == 1 and _page(odd_even, 2).startswith(LABEL)
    assert odd_even.section_at(odd_even.text.index(LABEL)) == "Page header"

    continued = extract_pdf(_pdf(CASES["continuation_header"]), "notes.pdf")
    assert continued.text.count(CONTINUATION) == 1 and _page(continued, 2).startswith(CONTINUATION)
    assert continued.text.count("St Elsewhere Hospital NHS Trust") == 1
    assert continued.section_at(continued.text.index(CONTINUATION)) == "Page header"
    assert continued.section_at(continued.text.index("Day 2.")) == "Document text"

    footed = extract_pdf(_pdf(CASES["footer_not_on_last_page"]), "results.pdf")
    assert footed.text.count(AUTHORISED) == 1 and _page(footed, 2).endswith(AUTHORISED)
    assert footed.section_at(footed.text.index(AUTHORISED)) == "Page footer"
    assert _page(footed, 3).endswith("Page 3 of 3") and "Page 2 of 3" not in footed.text


@pytest.mark.parametrize(
    ("name", "days"),
    [
        ("per_page_date", ("04/03/2026", "05/03/2026", "06/03/2026")),
        ("date_only_line", ("04/03/2026", "05/03/2026", "06/03/2026")),
        ("obs_chart_page_and_date", ("04/03/2026", "05/03/2026", "06/03/2026")),
        ("short_date_line", ("01/03", "02/03", "03/03")),
    ],
)
def test_a_date_rising_with_the_page_is_no_page_number(name: str, days: Sequence[str]) -> None:
    document = extract_pdf(_pdf(CASES[name]), f"{name}.pdf")
    for page, day in enumerate(days, start=1):
        assert day in _page(document, page)


def test_a_page_number_must_be_the_pages_own() -> None:
    """ "Page 5 of 7" on the PDF's first page (an extract) is not read as a page number: the
    lines stay (a page number kept is noise; a number that is not one, removed, is lost)."""
    pages: list[Page] = [([], [f"Entry {n}."], [f"Page {n + 4} of 7"]) for n in (1, 2, 3)]
    document = extract_pdf(_pdf(pages), "extract.pdf")
    for n in (1, 2, 3):
        assert f"Page {n + 4} of 7" in _page(document, n)


def test_a_header_word_line_inside_the_body_margins_stays() -> None:
    """Position is needed: "Patient reviewed ..." atop each page's body is a note line."""
    line = "Patient reviewed on the ward round by the NHS Trust team"
    pages: list[Page] = [([], [line, f"Entry {n}."], []) for n in (1, 2, 3)]
    assert extract_pdf(_pdf(pages), "notes.pdf").text.count(line) == 3


def test_a_margin_line_that_reads_as_no_furniture_stays() -> None:
    """Position is not enough either: a chart's drug line printed high on each page (tight
    margins), with no page number near it and no header word, stays on each page."""
    line = "Paracetamol 1 g oral four times daily"
    pages: list[Page] = [([line], [f"0{n}/03/2026 08:00 given"], []) for n in (1, 2, 3)]
    assert extract_pdf(_pdf(pages), "chart.pdf").text.count(line) == 3
    # The same line with the page number beside it (in the same band) is the page's header.
    numbered: list[Page] = [([line, f"Page {n}"], [f"0{n}/03/2026 08:00"], []) for n in (1, 2, 3)]
    assert extract_pdf(_pdf(numbered), "chart.pdf").text.count(line) == 1


def _biochem_report() -> bytes:
    """The walk's biochem report (walk 41): a cumulative table over two pages, its header and
    footer drawn by the canvas after each page's body (so read after it)."""
    hospital = "St. Aldhelm's General Hospital NHS Trust - Department of Clinical Biochemistry"
    label = "ORTEGA-WHITFIELD, Rosalind  |  MRN SAH-7730415  |  DOB 03/02/1951"

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.saved: list[dict[str, object]] = []

        def showPage(self) -> None:
            self.saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self.saved:
                self.__dict__.update(state)
                self.drawString(40, 810, hospital)
                self.drawString(40, 798, label)
                self.drawString(
                    40,
                    25,
                    f"Page {self._pageNumber} of {len(self.saved)}   Printed 15/11/2026 08:12",
                )
                super().showPage()
            super().save()

    rows = [["Date", "Test", "Result", "Units"]] + [
        [f"{day:02d}/06/2026", test, str(value), "mmol/L"]
        for day in range(1, 21)
        for test, value in (("Sodium", 139), ("Potassium", 4.6), ("Urea", 8.1))
    ]
    table = Table(rows, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, topMargin=70, bottomMargin=50)
    story = [Paragraph("Cumulative renal results", styles["Heading2"]), Spacer(1, 8), table]
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def test_the_walks_biochem_report_still_loses_its_running_lines() -> None:
    document = extract_pdf(_biochem_report(), "biochem.pdf")
    assert len(document.pages) == 2
    assert document.text.count("MRN SAH-7730415") == 1
    assert document.text.count("Department of Clinical Biochemistry") == 1
    assert document.text.count("Printed 15/11/2026") == 1 and "Page 1 of 2" not in document.text
    # The header, read after page 1's body, is stored before it, as the page prints it.
    assert _page(document, 1).startswith("St. Aldhelm's General Hospital NHS Trust")
    assert document.section_at(document.text.index("MRN SAH-7730415")) == "Page header"
    assert _page(document, 2).endswith("Page 2 of 2   Printed 15/11/2026 08:12")
    assert document.section_at(document.text.index("Page 2 of 2")) == "Page footer"
    assert "20/06/2026" in _page(document, 2)  # the table's rows all stay
