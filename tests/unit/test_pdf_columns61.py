"""Two-column PDF pages written line by line across the page (user61): pypdf's plain reading
interleaved the columns, so "ramipril 2.5" ended one line, the other column's "catheter
laboratory where…" came next and "mg daily" after it. Such pages are now read column by column;
pages written column by column, tables and prose across the page read as before."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from fixtures.ingest_files import FakeEmbedder
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.ingest.extractor_versions import extractor_version
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.pdf_columns import might_have_columns, read_by_columns
from medlocal.ingest.rechunk import pending_documents, rechunk_documents
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

LEFT = (
    "The patient was admitted with chest pain radiating to the left arm. ECG showed ST "
    "elevation in V2-V4. She was taken to the catheter laboratory where a proximal LAD "
    "occlusion was stented. Troponin peaked at 12000 ng/L. Echo showed an ejection fraction of "
    "40 percent."
)
RIGHT = (
    "Medications on discharge: aspirin 75 mg daily, ticagrelor 90 mg twice daily, atorvastatin "
    "80 mg at night, ramipril 2.5 mg daily and bisoprolol 1.25 mg daily. Follow up in cardiac "
    "rehabilitation in six weeks. Driving advice given."
)
TITLE = "DISCHARGE SUMMARY - CARDIOLOGY WARD 14 - ST ELSEWHERE HOSPITAL NHS TRUST"
FOOTER = "Letter typed by the ward clerk on 3 March 2026 and checked by the consultant on duty"


def _lines(text: str) -> list[str]:
    return textwrap.wrap(text, 42)


def _two_columns(across: bool, title: bool = True) -> bytes:
    """A page of two columns: written line by line across the page (``across``), as many
    report writers do, or one column after the other."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    if title:
        page.drawString(40, 800, TITLE)
    left, right = _lines(LEFT), _lines(RIGHT)
    if across:
        for index in range(max(len(left), len(right))):
            if index < len(left):
                page.drawString(40, 770 - 14 * index, left[index])
            if index < len(right):
                page.drawString(310, 770 - 14 * index, right[index])
    else:
        for index, line in enumerate(left):
            page.drawString(40, 770 - 14 * index, line)
        for index, line in enumerate(right):
            page.drawString(310, 770 - 14 * index, line)
    if title:
        page.drawString(40, 640, FOOTER)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_page_written_across_is_read_column_by_column() -> None:
    text = extract_pdf(_two_columns(across=True), "letter.pdf").text
    flat = _flat(text)
    assert _flat(LEFT) in flat
    assert _flat(RIGHT) in flat
    assert "ramipril 2.5 mg daily" in flat
    # the title above the columns and the line under them stay where they stand
    assert flat.index(TITLE) < flat.index(_flat(LEFT)) < flat.index(_flat(RIGHT))
    assert flat.index(_flat(RIGHT)) < flat.index(FOOTER)


def test_columns_without_a_line_across_the_page() -> None:
    flat = _flat(extract_pdf(_two_columns(across=True, title=False), "letter.pdf").text)
    assert flat == f"{_flat(LEFT)} {_flat(RIGHT)}"


def test_a_page_written_column_by_column_reads_as_before() -> None:
    text = extract_pdf(_two_columns(across=False), "letter.pdf").text
    assert _flat(text) == _flat(f"{TITLE} {LEFT} {RIGHT} {FOOTER}")


def _table_page() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    rows = [
        ("Potassium", "5.6 mmol/L", "3.5-5.3", "High"),
        ("Sodium", "138 mmol/L", "133-146", ""),
        ("Creatinine", "88 umol/L", "45-84", "High"),
        ("Urea", "6.1 mmol/L", "2.5-7.8", ""),
        ("CRP", "12 mg/L", "0-5", "High"),
    ]
    for index, row in enumerate(rows):
        for column, cell in enumerate(row):
            page.drawString(40 + 130 * column, 770 - 14 * index, cell)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_table_keeps_its_rows() -> None:
    text = extract_pdf(_table_page(), "results.pdf").text
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    assert "Potassium 5.6 mmol/L 3.5-5.3 High" in lines
    assert "Creatinine 88 umol/L 45-84 High" in lines


def test_plain_words_that_are_not_the_layout_across_stay() -> None:
    layout = "\n".join(
        f"{left:<44}{right}" for left, right in zip(_lines(LEFT), _lines(RIGHT), strict=False)
    )
    plain = "\n".join(_lines(LEFT) + _lines(RIGHT))  # already column by column
    assert read_by_columns(plain, lambda: layout) == plain
    short = "one two\nthree four\nfive six\nseven eight"
    assert read_by_columns(short, lambda: "one two      three four\nfive six     seven eight") == (
        short
    )


def test_a_layout_that_cannot_be_read_keeps_the_plain_text() -> None:
    def broken() -> str:
        raise ValueError("layout")

    assert read_by_columns("a b c", broken) == "a b c"


def test_runs_on_both_halves_of_few_baselines_ask_no_layout() -> None:
    assert not might_have_columns([(40, 700), (310, 700), (40, 680)], 0, 595)
    starts = [(x, 700 - 14 * row) for row in range(3) for x in (40, 310)]
    assert might_have_columns(starts, 0, 595)


def test_a_two_column_pdf_already_in_the_vault_is_read_again(tmp_path: Path) -> None:
    """The PDF extractor's version moved on: `vault update` (and the update after unlocking)
    reads an interleaved page imported before again, column by column."""
    data = _two_columns(across=True, title=False)
    interleaved = "\n".join(
        line for pair in zip(_lines(LEFT), _lines(RIGHT), strict=False) for line in pair
    )
    embedder = FakeEmbedder()
    fast = KdfParams(memory_kib=1024, iterations=1, lanes=1)
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=fast)
    with vault:
        patient = vault.add_patient("P")
        chunk = ChunkRecord(text=interleaved, page=1, start=0, end=len(interleaved), context="")
        document_id = vault.add_document(
            patient,
            "letter.pdf",
            "pdf",
            data,
            [chunk],
            embedder.embed([interleaved]),
            embedder.model_id,
            text=interleaved,
        )
        assert extractor_version("pdf") >= 2
        assert pending_documents(vault) == [document_id]
        assert rechunk_documents(vault, embedder).rechunked == 1
        assert "ramipril 2.5 mg daily" in _flat(vault.document_text(document_id))
