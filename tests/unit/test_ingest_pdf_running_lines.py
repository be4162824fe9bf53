"""PDF running headers and footers are stored once (walk 41 item 3): the trust name, the patient
label, "Page N of M" and "Printed <date>" printed on every page went into every page's text, so
into passages, answers and citations (a print date beside the results it did not date). Now the
first page's header and the last page's footer stay, under "Page header"/"Page footer" as a
DOCX's, and the other pages' copies go; content that repeats (a table's column header, a
result line, a note line whose numbers change) stays. Review 41 D1's cases (lines lost) are in
test_ingest_pdf_running_review41.py."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder
from fixtures.vault_file import new_vault
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.app.retrieval import retriever_for
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.extractors import pdf as pdf_extractor
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.ocr.layout import Line, Rect
from medlocal.ingest.ocr.pages import OcrOptions, RecognisedPage
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.settings import Settings

TRUST = "St. Aldhelm's General Hospital NHS Trust - Department of Clinical Biochemistry"
LABEL = "ORTEGA-WHITFIELD, Rosalind | MRN SAH-7730415 | DOB 03/02/1951"
PRINTED = "Printed 15/11/2026 08:12 CONFIDENTIAL"
EMBEDDER = FakeEmbedder()


def _pdf(
    bodies: Sequence[Sequence[str]],
    header: Callable[[int, int], Sequence[str]] = lambda page, total: (),
    footer: Callable[[int, int], Sequence[str]] = lambda page, total: (),
) -> bytes:
    """One page per body (a line per string), with the header lines drawn at the top and the
    footer lines at the bottom of each page (``page`` 1-based, ``total`` pages)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    total = len(bodies)
    for page, body in enumerate(bodies, start=1):
        y = 810
        for line in header(page, total):
            pdf.drawString(40, y, line)
            y -= 12
        y = 760
        for line in body:
            pdf.drawString(56, y, line)
            y -= 16
        y = 40
        for line in reversed(list(footer(page, total))):
            pdf.drawString(40, y, line)
            y += 12
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _standard_header(page: int, total: int) -> Sequence[str]:
    return (TRUST, LABEL)


def _page_of(page: int, total: int) -> Sequence[str]:
    return (f"Page {page} of {total}   {PRINTED}",)


def _notes(page: int) -> list[str]:
    return [
        f"Ward round day {page}: reviewed, comfortable overnight, observations stable.",
        f"Plan for page {page}: continue intravenous antibiotics and repeat bloods.",
        f"Seen by the renal registrar; urine output {40 * page} ml/h.",
    ]


def _page_text(document: ExtractedDocument, number: int) -> str:
    span = document.pages[number - 1]
    return document.text[span.start : span.end]


def test_header_and_footer_lines_are_kept_once_and_out_of_the_body() -> None:
    data = _pdf([_notes(page) for page in (1, 2, 3)], _standard_header, _page_of)
    document = extract_pdf(data, "notes.pdf")
    assert document.text.count(TRUST) == 1 and document.text.count(LABEL) == 1
    assert document.text.count(PRINTED) == 1
    # The kept copies lie on the pages that printed them: page spans still tell the truth.
    assert _page_text(document, 1).startswith(f"{TRUST}\n{LABEL}")
    assert _page_text(document, 3).endswith(f"Page 3 of 3   {PRINTED}")
    assert "Page 1 of 3" not in document.text and "Page 2 of 3" not in document.text
    for page in (1, 2, 3):
        assert all(line in _page_text(document, page) for line in _notes(page))
    assert document.section_at(document.text.index(LABEL)) == "Page header"
    assert document.section_at(document.text.index("Ward round day 1")) == "Document text"
    assert document.section_at(document.text.index("Ward round day 3")) == "Document text"
    assert document.section_at(document.text.index("Page 3 of 3")) == "Page footer"


def test_no_body_passage_carries_the_running_lines() -> None:
    data = _pdf([_notes(page) for page in (1, 2, 3)], _standard_header, _page_of)
    document = extract_pdf(data, "notes.pdf")
    chunks = chunk_document(document, EMBEDDER, ChunkingParams(60, 10))
    body = [chunk for chunk in chunks if chunk.section == "Document text"]
    assert {chunk.page for chunk in body} == {1, 2, 3}
    for chunk in body:
        assert "MRN" not in chunk.text and "Printed" not in chunk.text and "Trust" not in chunk.text
    running = [chunk for chunk in chunks if chunk.section in ("Page header", "Page footer")]
    assert "MRN SAH-7730415" in " ".join(chunk.text for chunk in running)  # still searchable


@pytest.mark.parametrize(
    "page_line",
    [
        lambda page, total: f"Page {page} of {total}",
        lambda page, total: f"{page}/{total}",
        lambda page, total: f"- {page} -",
        lambda page, total: f"Discharge summary  p. {page}",
    ],
    ids=["page-n-of-m", "n-slash-m", "dashes", "p-dot"],
)
def test_page_number_variants_are_running_lines(page_line: Callable[[int, int], str]) -> None:
    data = _pdf([_notes(page) for page in (1, 2, 3)], footer=lambda p, t: (page_line(p, t),))
    document = extract_pdf(data, "notes.pdf")
    assert page_line(1, 3) not in document.text and page_line(2, 3) not in document.text
    assert _page_text(document, 3).endswith(page_line(3, 3))
    assert document.section_at(document.text.index(page_line(3, 3))) == "Page footer"


def test_a_one_page_pdf_is_left_as_it_is() -> None:
    data = _pdf([_notes(1)], _standard_header, _page_of)
    document = extract_pdf(data, "letter.pdf")
    assert document.text == "\n".join([TRUST, LABEL, *_notes(1), f"Page 1 of 1   {PRINTED}"])
    assert all(section.title not in ("Page header", "Page footer") for section in document.sections)


def test_content_that_repeats_is_kept() -> None:
    column_header = "Date        Test        Result   Units"
    result = "14/11/2026  Creatinine  168      umol/L"
    bodies = [
        # The table starts mid-page 1 and its column header is printed again on each page.
        ["Cumulative renal results", "Requested by the renal clinic.", column_header, result],
        [column_header, "14/11/2026  Potassium   5.7      mmol/L", result],
        [column_header, "14/11/2026  Sodium      134      mmol/L", result],
    ]
    document = extract_pdf(_pdf(bodies, _standard_header, _page_of), "labs.pdf")
    for page in (1, 2, 3):
        text = _page_text(document, page)
        assert column_header.split()[0] in text and "Creatinine  168" in text
    assert document.text.count("Date        Test") == 3  # the column header, on every page
    assert document.text.count("Creatinine  168") == 3  # a result line at a page's foot
    assert document.text.count(LABEL) == 1


def test_lines_repeated_mid_page_and_note_lines_with_changing_numbers_stay() -> None:
    bodies = [
        [f"Day {page}, 06:00 - obs stable, BP {110 + 7 * page}/{60 + page}, HR {70 + 3 * page}."]
        + ["Mobilising with frame."] * 2
        + [f"Fluid balance +{100 * page} ml."]
        for page in (1, 2, 3, 4)
    ]
    document = extract_pdf(_pdf(bodies, _standard_header), "notes.pdf")
    assert document.text.count("Mobilising with frame.") == 8
    for page in (1, 2, 3, 4):
        assert f"Day {page}, 06:00" in _page_text(document, page)
        assert f"Fluid balance +{100 * page} ml." in _page_text(document, page)
    assert document.text.count(TRUST) == 1


def test_a_header_on_every_page_but_the_first_is_found() -> None:
    def later_pages(page: int, total: int) -> Sequence[str]:
        return (LABEL, f"Page {page}") if page > 1 else ("Clinic letter, Renal Unit",)

    data = _pdf([_notes(page) for page in (1, 2, 3, 4)], later_pages)
    document = extract_pdf(data, "letter.pdf")
    assert document.text.count(LABEL) == 1
    assert _page_text(document, 2).startswith(f"{LABEL}\nPage 2")
    assert "Page 3" not in document.text and "Page 4" not in document.text
    assert "Clinic letter, Renal Unit" in _page_text(document, 1)
    # The body goes on in its own section after the header kept on page 2.
    assert document.section_at(document.text.index("Ward round day 3")) != "Page header"


def test_a_print_line_whose_date_changes_is_content() -> None:
    """Only the page number may change: a line whose other numbers differ is no running line."""
    data = _pdf(
        [_notes(page) for page in (1, 2, 3)],
        footer=lambda page, total: (f"Result authorised {10 + page}/11/2026",),
    )
    document = extract_pdf(data, "notes.pdf")
    for page in (1, 2, 3):
        assert f"Result authorised {10 + page}/11/2026" in _page_text(document, page)


def test_split_keeps_blank_lines_of_the_body() -> None:
    from medlocal.ingest.extractors.pdf_running import TextPage, split_running_lines

    def page(n: int) -> TextPage:
        text = f"Renal Unit, St Elsewhere Hospital\nFirst {n}\n\nSecond {n}\nPage {n}"
        return TextPage(text, {"Renal Unit, St Elsewhere Hospital": "top", f"Page {n}": "bottom"})

    parts = split_running_lines([page(1), page(2)])
    assert parts is not None
    assert [part.body for part in parts] == ["First 1\n\nSecond 1", "First 2\n\nSecond 2"]
    assert [(part.header, part.footer) for part in parts] == [
        ("Renal Unit, St Elsewhere Hospital", ""),
        ("", "Page 2"),
    ]
    assert split_running_lines([page(1)]) is None
    assert split_running_lines([TextPage("Alpha\nBeta"), TextPage("Gamma\nDelta")]) is None
    # The same lines with no position known (the margins empty) are kept as they are.
    assert split_running_lines([TextPage(page(n).text) for n in (1, 2)]) is None


def test_scanned_pages_take_no_part_and_text_pages_are_still_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OCR pages keep their text as read (their line boxes are tied to its offsets)."""
    bodies = [_notes(1), [], _notes(3), _notes(4)]

    def header(page: int, total: int) -> Sequence[str]:
        return (TRUST, LABEL) if page != 2 else ()

    def ocr(
        data: bytes, name: str, numbers: Sequence[int], options: OcrOptions
    ) -> dict[int, RecognisedPage]:
        lines = (
            Line(TRUST, 0.99, 0.99, Rect(40, 20, 900, 40), True),
            Line("Scanned referral: please review.", 0.99, 0.99, Rect(40, 200, 900, 220), True),
        )
        return {number: RecognisedPage(number, 1000, 1400, lines) for number in numbers}

    monkeypatch.setattr(pdf_extractor, "ocr_pdf_pages", ocr)
    document = extract_pdf(_pdf(bodies, header), "mixed.pdf", ocr=OcrOptions())
    assert len(document.scanned) == 1
    assert TRUST in _page_text(document, 2) and "Scanned referral" in _page_text(document, 2)
    assert _page_text(document, 1).startswith(TRUST)
    assert TRUST not in _page_text(document, 3) + _page_text(document, 4)


def test_the_cited_passage_of_an_answer_carries_no_footer(tmp_path: Path) -> None:
    bodies = [
        ["Cumulative renal results", "Comment: progressive decline in renal function."]
        + [f"0{day}/10/2026  Haemoglobin  {120 - day} g/L" for day in range(1, 8)],
        ["14/11/2026  Creatinine  168 umol/L", "14/11/2026  eGFR  26 mL/min/1.73m2"]
        + [f"1{day}/10/2026  Albumin  {40 - day} g/L" for day in range(1, 6)],
    ]
    (tmp_path / "biochem.pdf").write_bytes(_pdf(bodies, _standard_header, _page_of))
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("Rosalind Ortega-Whitfield")
        import_paths(vault, [tmp_path / "biochem.pdf"], patient_id=patient, embedder=EMBEDDER)
        model = FakeChatModel("Her latest creatinine was 168 umol/L on 14/11/2026 [1].")
        answerer = GroundedAnswerer(model, retriever_for(vault, Settings(), None), EMBEDDER)
        answer = answerer.ask("What was her latest creatinine?", Scope(patient)).consume()
        assert answer.found and answer.sources
        source = answer.sources[0]
        cited = vault.document_text(source.document_id)[source.start : source.end]
        # The body's one passage runs over both pages; page 1's footer and page 2's header
        # sat inside it.
        assert "Creatinine  168" in cited and (source.page, source.last_page) == (1, 2)
        for furniture in ("Printed 15/11/2026", "Page 1 of 2", "MRN", "NHS Trust"):
            assert furniture not in cited
