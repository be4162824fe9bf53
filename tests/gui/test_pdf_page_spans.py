"""The sources panel places a passage on its PDF page(s) by the page spans kept at import: a
passage across a page break is highlighted on both pages, and a line repeated on a page is
highlighted where the passage is, not at its first occurrence."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import make_workspace
from fixtures.ingest_files import make_pdf
from pytestqt.qtbot import QtBot

from medlocal.ingest.formats import format_for
from medlocal.rag.passages import SourceRef
from medlocal.ui.main_window import MainWindow
from medlocal.ui.pdf_page import PagePiece, locate, passage_pieces, render_passage
from medlocal.vault.records import PageSpan

REPEATED = "Aspirin 81 mg once daily."


def test_pieces_follow_the_page_breaks() -> None:
    text = "first page text\n\nsecond page text"
    spans = [PageSpan(1, 0, 15), PageSpan(2, 17, len(text))]
    pieces = passage_pieces(text, spans, 6, 23)
    assert [(p.page, p.text) for p in pieces] == [(1, "page text"), (2, "second")]
    assert pieces[0].near == 6 / 15 and pieces[1].near == 0.0
    assert passage_pieces(text, [], 0, 5) == []  # spans unknown: the caller falls back


def test_locate_near_picks_the_repeated_occurrence() -> None:
    page = f"{REPEATED} stop. {REPEATED} again {REPEATED}"
    first, last = page.find(REPEATED), page.rfind(REPEATED)
    assert locate(page, REPEATED) == (first, first + len(REPEATED))
    assert locate(page, REPEATED, near=0.95) == (last, last + len(REPEATED))


def test_repeated_line_is_highlighted_where_the_passage_is() -> None:
    lines = [REPEATED] + [f"Review {i}: stable, no change." for i in range(30)] + [REPEATED]
    data = make_pdf(["\n".join(lines)])
    document = format_for(Path("meds.pdf")).extract(data, "meds.pdf")
    start = document.text.rfind(REPEATED)
    (piece,) = passage_pieces(document.text, document.pages, start, start + len(REPEATED))
    assert piece.near is not None and piece.near > 0.9
    lower = render_passage(data, [piece]).boxes
    upper = render_passage(data, [PagePiece(1, REPEATED, None)]).boxes
    assert len(lower) == len(upper) == 1
    assert lower[0][1] > upper[0][1] + 400  # the last line of the page, not the first


def test_passage_across_a_page_break_is_marked_on_both_pages(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(make_pdf(["Seen in clinic today.", "Continue amlodipine 5 mg daily."]))
    ws = make_workspace(tmp_path)
    ws.create_vault("correct horse battery", "correct horse battery")
    vault = ws.require_vault()
    patient = vault.add_patient("PDF Patient")
    ws.import_documents([pdf], patient)
    doc = vault.list_documents(patient)[0]
    (chunk,) = vault.document_chunks(doc.id)  # one short passage spanning both pages
    assert chunk.page == 1 and "amlodipine" in chunk.text
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.start()
    source = SourceRef(1, chunk.id, doc.id, doc.file_name, chunk.page, chunk.start, chunk.end, "")
    window.sources.show_source(source)
    qtbot.waitUntil(lambda: len(window.sources.page_boxes) == 2, timeout=20000)
    assert window.sources.tabs.tabText(1) == "Pages 1\u20132"
    (first_box, second_box) = sorted(window.sources.page_boxes, key=lambda box: box[1])
    page_height = window.sources.page.pixmap().height() / 2
    assert first_box[1] < page_height < second_box[1]  # one box on each stacked page
    window.sources.clear()
    assert window.sources.tabs.tabText(1) == "Page"
    window.close()
    ws.close()
