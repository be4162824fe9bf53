"""Walk 35: the first preview of a patient with a long document read the whole record for
minutes with no word of it, and looked frozen. The dialog now says how far the reading is
("reading the patient's record (document 2 of 2)"), and closing it stops the reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs import common
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog

WAIT_MS = 60_000
LONG = "Observations stable overnight; the plan is unchanged.\n\n" * 1500  # ~80 KB, 4 pieces


def test_the_preview_says_how_far_it_read_the_record_and_closing_stops_it(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    note = tmp_path / "long.txt"
    note.write_text(LONG, encoding="utf-8")
    workspace.import_documents([note], patient_with_note)
    vault = workspace.require_vault()
    short = min(vault.list_documents(patient_with_note), key=lambda d: d.size).id
    shown: list[str] = []
    real = common.ErrorLine.show_note

    def note_shown(line: common.ErrorLine, text: str) -> None:
        shown.append(text)
        real(line, text)

    monkeypatch.setattr(common.ErrorLine, "show_note", note_shown)  # built in __init__
    dialog = DocumentExportDialog(workspace, short)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(
        lambda: any("reading the patient's record (document" in t for t in shown),
        timeout=WAIT_MS,
    )
    job = dialog.preview_job
    assert job is not None
    dialog.reject()  # closing stops the reading
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    assert dialog.planned is None
    line = next(t for t in shown if "reading the patient's record" in t)
    assert line.startswith("Preparing the preview: reading the patient's record (document ")
    assert " of 2" in line
