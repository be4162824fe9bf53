"""Walk 43: a 35,009-passage lab CSV began about an hour of indexing with no word in the window.
The window now says, as soon as the pace is known, how many passages the file makes and how
long indexing takes, beside the Cancel button, in a notice of its own that goes when that file
ends (review 44: it was added to "Files that could not be imported" and stayed there after the
file was imported)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ingest.pipeline import ImportReport, LongFile, ProgressEvent
from medlocal.ui.import_section import ImportSection, _ImportResult
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.ui.workers import Job


@contextmanager
def importing(qtbot: QtBot, tmp_path: Path) -> Iterator[ImportSection]:
    """The patients panel's import section of a new vault's patient, with an import running."""
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
        yield imports
    finally:
        ws.close()


def test_a_long_file_is_announced_beside_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    with importing(qtbot, tmp_path) as imports:
        name = "/media/usb/lab_export_10mb.csv"
        long_file = LongFile(name, 35_009, 63 * 60.0)
        imports._on_file_event(
            ProgressEvent(1, 2, name, "embed", passages_done=40, passages_total=35_009,
                          seconds_left=63 * 60.0, long_file=long_file)
        )  # fmt: skip
        notice = imports.long_notice.text()
        shown = imports.long_notice.isVisible() and imports.cancel_button.isVisible()
        listed = imports.errors.count()
        imports._on_file_event(ProgressEvent(1, 2, name, "done", outcome="imported"))
        notice_after = imports.long_notice
        after = (notice_after.isVisible(), notice_after.text(), imports.errors.count())
    assert notice == (
        "lab_export_10mb.csv: 35,009 passages: indexing them takes about 63 min at this "
        "computer's pace. Cancel stops the import (the files already imported stay)."
    )
    assert shown and listed == 0
    assert after == (False, "", 0)  # gone once the file is imported


def test_the_notice_goes_when_the_import_is_cancelled(qtbot: QtBot, tmp_path: Path) -> None:
    with importing(qtbot, tmp_path) as imports:
        name = "lab_export_10mb.csv"
        imports._on_file_event(
            ProgressEvent(1, 1, name, "embed", passages_done=40, passages_total=35_009,
                          seconds_left=63 * 60.0, long_file=LongFile(name, 35_009, 3780.0))
        )  # fmt: skip
        imports._import_done(ImportReport(cancelled=True))
        hidden = not imports.long_notice.isVisible() and imports.long_notice.text() == ""
    assert hidden
