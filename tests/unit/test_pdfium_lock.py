"""PDFium is not thread-safe: the window's page rendering waits while an import holds the
process-wide PDFium lock (as it does for each scanned page it renders), and goes on after."""

from __future__ import annotations

import threading

from fixtures.ingest_files import make_pdf

from medlocal.ingest.pdfium_lock import PDFIUM_LOCK
from medlocal.ui.pdf_page import PageImage, render_page


def test_page_rendering_waits_for_the_pdfium_lock() -> None:
    data = make_pdf(["Metformin 500 mg twice daily."])
    done: list[PageImage] = []
    worker = threading.Thread(target=lambda: done.append(render_page(data, 1, "Metformin")))
    with PDFIUM_LOCK:
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive() and done == []  # blocked while the import renders
    worker.join(timeout=30)
    assert not worker.is_alive() and done and done[0].boxes
