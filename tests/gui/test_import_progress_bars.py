"""The window's two import bars while a scan is read (walk 53b, L2): OCR's pages move the file's
bar, the batch's bar keeps counting files, and each bar says which it is."""

from __future__ import annotations

from fixtures.gui_window import window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.progress import Progress


class _Running:
    running = True


def test_ocr_pages_move_the_file_bar_not_the_batch_bar(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Scan Patient")
    imports = window.patients.imports
    imports.import_job = _Running()  # progress is shown while an import runs
    try:
        imports._on_progress(Progress("extract", 3, 11, "fax.pdf", "files"))
        imports._on_progress(Progress("ocr", 1, 4, "fax.pdf, page 2", "pages"))
        assert (imports.progress.value(), imports.progress.maximum()) == (3, 11)
        assert (imports.file_progress.value(), imports.file_progress.maximum()) == (1, 4)
        assert imports.progress.text() == "3 of 11 files"
        assert imports.file_progress.text() == "this file: 25%"
    finally:
        imports.import_job = None
    window.close()
