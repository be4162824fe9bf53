"""Walk 43 D10: locking MedLocal (Ctrl+L, or the idle lock) during an import cancelled it, and the
list then blamed "import cancelled before this file finished" / "the import was cancelled":
nobody had cancelled anything. The window's lock now marks the jobs it cancels, and the import's
list says "stopped when MedLocal locked: import … again"; a Cancel still says "cancelled"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ingest.pipeline import FileOutcome, ImportReport
from medlocal.ui.import_section import _ImportResult
from medlocal.ui.main_window import MainWindow
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.ui.workers import Job, active_jobs, run_task


def test_the_windows_lock_marks_the_jobs_it_cancels(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(cancel: threading.Event) -> None:
        started.set()
        cancel.wait(10)

    job = run_task("import", work)
    assert started.wait(5)
    MainWindow._cancel_jobs()
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert job.cancelled_by == "lock"
    assert job not in active_jobs()


def _report() -> ImportReport:
    cut = FileOutcome(
        file_name="b_lab_export.csv",
        status="cancelled",
        reason="import cancelled before this file finished",
    )
    done = FileOutcome(file_name="a_note.txt", status="imported")
    return ImportReport(files=[done, cut], cancelled=True, not_reached=["z_note.txt"])


@pytest.mark.parametrize("by", ["lock", ""])
def test_the_list_says_the_lock_stopped_the_import(qtbot: QtBot, tmp_path: Path, by: str) -> None:
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Lock Walk")
        panel = PatientsPanel(ws)
        qtbot.addWidget(panel)
        panel.reload(patient)
        imports = panel.imports
        imports._result = _ImportResult(patient, "Lock Walk")
        imports.import_job = Job("import")
        imports.import_job.cancel(by)
        imports._import_done(_report())
        lines = [imports.errors.item(i).text() for i in range(imports.errors.count())]
        summary = imports._result.summary
    finally:
        ws.close()
    if by == "lock":
        assert lines == [
            "b_lab_export.csv: not imported — stopped when MedLocal locked: import it again",
            "z_note.txt: not reached — stopped when MedLocal locked: import them again",
        ]
        assert "Stopped when MedLocal locked." in summary and "Cancelled" not in summary
    else:
        assert lines == [
            "b_lab_export.csv: not imported — import cancelled before this file finished",
            "z_note.txt: not reached — the import was cancelled",
        ]
        assert "Cancelled before the end." in summary
