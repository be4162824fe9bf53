"""Walk 43: a 35,009-passage lab CSV began about an hour of indexing with no word in the window.
The import's list now says, as soon as the pace is known, how many passages the file makes and
how long indexing takes, beside the Cancel button."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ingest.pipeline import LongFile, ProgressEvent
from medlocal.ui.import_section import _ImportResult
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.ui.workers import Job


def test_a_long_file_is_announced_beside_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Long Import")
        panel = PatientsPanel(ws)
        qtbot.addWidget(panel)
        panel.show()
        panel.reload(patient)
        imports = panel.imports
        imports._result = _ImportResult(patient, "Long Import")
        imports.import_job = Job("import")
        imports.cancel_button.show()
        name = "/media/usb/lab_export_10mb.csv"
        long_file = LongFile(name, 35_009, 63 * 60.0)
        imports._on_file_event(
            ProgressEvent(1, 2, name, "embed", passages_done=40, passages_total=35_009,
                          seconds_left=63 * 60.0, long_file=long_file)
        )  # fmt: skip
        lines = [imports.errors.item(i).text() for i in range(imports.errors.count())]
        shown = imports.errors.isVisible() and imports.cancel_button.isVisible()
    finally:
        ws.close()
    assert lines == [
        "lab_export_10mb.csv: 35,009 passages: indexing them takes about 63 min at this "
        "computer's pace. Cancel stops the import (the files already imported stay)."
    ]
    assert shown
