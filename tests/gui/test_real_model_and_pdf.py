"""With the real components: the demo model streams into the window and stops on Esc; a PDF
passage is highlighted on its rendered page at the characters the passage holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import make_workspace
from fixtures.ingest_files import make_pdf
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.engine.api import SamplingParams
from medlocal.rag.passages import SourceRef
from medlocal.ui.main_window import MainWindow
from medlocal.ui.pdf_page import locate, render_page

LONG_NOTE = " ".join(
    f"Day {d}: blood pressure {120 + d}/80 mmHg, metformin 500 mg twice daily continued."
    for d in range(1, 40)
)


def test_demo_model_streams_and_esc_stops_without_saving(
    qtbot: QtBot, tmp_path: Path, plain_demo_chat: Any, demo_embedder: Any
) -> None:
    demo_chat = plain_demo_chat  # it must write two pieces or more: the same on every run
    ws = make_workspace(tmp_path, chat=demo_chat, embedder_loader=lambda model: demo_embedder)
    ws.create_vault("correct horse battery", "correct horse battery")
    vault = ws.require_vault()
    patient = vault.add_patient("Stream Patient")
    note = tmp_path / "course.txt"
    note.write_text(LONG_NOTE)
    ws.import_documents([note], patient)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.patients.patients.setCurrentRow(0)
    chat = window.chat
    pieces: list[str] = []
    original = chat._piece

    def counting(text: str) -> None:
        pieces.append(text)
        original(text)

    chat._piece = counting  # type: ignore[method-assign]
    params = SamplingParams(max_tokens=400, temperature=0.8, seed=3)
    chat.ask("Describe the blood pressure trend day by day in detail.", params)
    # Generous: the demo model's first tokens took over 60 s at load 7-13, and over 180 s at
    # load 13.5 with its prompt read from an emptied cache (session 36); waitUntil returns as
    # soon as they come (~2 s on a quiet machine).
    qtbot.waitUntil(lambda: len(pieces) >= 2 or chat.job is None, timeout=480_000)
    assert len(pieces) >= 2, chat.view.toPlainText()[-300:]
    assert window.status.model.text().startswith("Model:")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: chat.job is None, timeout=30000)
    assert "Stopped. Nothing was saved." in chat.view.toPlainText()
    assert chat.turns == []
    assert vault.list_outputs(patient) == []
    assert "tok/s" in window.status.speed.text()
    window.close()
    ws.close()


def test_pdf_passage_is_highlighted_on_its_page(qtbot: QtBot, tmp_path: Path) -> None:
    filler = "\n".join(f"Visit {i}: blood pressure {130 + i}/85 mmHg, stable." for i in range(40))
    pages = [
        "Cardiology clinic letter\n" + filler,
        "Medication list\n"
        + filler
        + "\nAmlodipine 5 mg once daily.\nAtorvastatin 40 mg at night.",
    ]
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(make_pdf(pages))
    ws = make_workspace(tmp_path)
    ws.create_vault("correct horse battery", "correct horse battery")
    vault = ws.require_vault()
    patient = vault.add_patient("PDF Patient")
    ws.import_documents([pdf], patient)
    doc = vault.list_documents(patient)[0]
    chunk = next(c for c in vault.document_chunks(doc.id) if "Atorvastatin" in c.text)
    assert chunk.page == 2, [(c.page, c.text[:30]) for c in vault.document_chunks(doc.id)]
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.start()
    source = SourceRef(1, chunk.id, doc.id, doc.file_name, chunk.page, chunk.start, chunk.end, "")
    window.sources.show_source(source)
    qtbot.waitUntil(lambda: "Atorvastatin" in window.sources.highlighted_text())
    assert window.sources.tabs.isTabEnabled(1)
    qtbot.waitUntil(lambda: bool(window.sources.page_boxes), timeout=20000)
    # The boxes sit where pdfium draws the passage's lines: on page 2, within the text column.
    image = render_page(pdf.read_bytes(), 2, chunk.text)
    assert image.boxes == window.sources.page_boxes
    x0, y0, x1, y1 = image.boxes[0]
    assert 56 * image.scale - 3 <= x0 < x1 and y0 < y1 < image.height_pt * image.scale
    window.close()
    ws.close()


@pytest.mark.parametrize(
    ("page", "passage", "found"),
    [
        (
            "Amlodipine 5 mg\r\nonce daily.",
            "Amlodipine 5 mg once daily.",
            "Amlodipine 5 mg\r\nonce daily.",
        ),
        (
            "x  Atorvastatin 40 mg at night y",
            "atorvastatin 40 mg  at night",
            "Atorvastatin 40 mg at night",
        ),
        ("nothing here", "Amlodipine", None),
    ],
)
def test_locate_aligns_text_across_white_space(page: str, passage: str, found: str | None) -> None:
    span = locate(page, passage)
    assert (page[span[0] : span[1]] if span else None) == found
