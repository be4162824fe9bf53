"""Walk 51b M2a in the window: a summary over chosen documents that cites only some of them
says which it does not cite, under the summary (as its other notes)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

WAIT_MS = 20_000


def test_the_window_names_the_chosen_documents_the_summary_does_not_cite(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Jane Roe", mrn="MRN-4711")
    meds, dexa = tmp_path / "meds.txt", tmp_path / "dexa.txt"
    meds.write_text("Metformin 500 mg twice daily for diabetes.", encoding="utf-8")
    dexa.write_text("DEXA scan: femoral neck T-score -2.6, osteoporosis.", encoding="utf-8")
    workspace.import_documents([meds, dexa], patient)

    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    shown = " ".join(dialog.view.toPlainText().split())
    assert "1 of the 2 documents you chose is not cited by this summary: dexa.txt." in shown
