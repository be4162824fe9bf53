"""Walk 40b item 6: the Summarise dialog listed a document naming another patient of the vault
with no mark, ticked by default, and the summary cited it with no note. The row is marked and
unticked; ticked on purpose, the summary shows the note an answer shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog
from medlocal.ui.icons import NOTED_MARK

WAIT_MS = 20_000
LETTER = "Re: Mrs Margaret Thornbury, MRN RAI-558213. Metformin 500 mg twice daily for diabetes."
OWN = "Tobias Okonkwo-Reyes: metformin 500 mg twice daily for diabetes."


def test_the_letter_is_marked_unticked_and_noted_when_ticked(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    vault.add_patient("Margaret Thornbury", mrn="RAI-558213")
    tobias = vault.add_patient("Tobias Okonkwo-Reyes", mrn="T-77120")
    letter, own = tmp_path / "letter.txt", tmp_path / "own.txt"
    letter.write_text(LETTER, encoding="utf-8")
    own.write_text(OWN, encoding="utf-8")
    workspace.import_documents([letter, own], tobias)
    ids = {d.file_name: d.id for d in vault.list_documents(tobias)}

    dialog = SummarizeDialog(workspace, tobias)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    items = [dialog.documents.item(row) for row in range(dialog.documents.count())]
    (marked,) = [i for i in items if i.text().startswith(NOTED_MARK)]
    assert "letter.txt" in marked.text()
    assert "Check: it names another patient of this vault, Margaret Thornbury" in marked.toolTip()
    assert marked.checkState() == Qt.CheckState.Unchecked
    assert dialog.chosen_documents() == [ids["own.txt"]]

    marked.setCheckState(Qt.CheckState.Checked)  # the user ticks it on purpose
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    assert dialog.saved is not None and dialog.saved.summary.notes
    shown = dialog.view.toPlainText()
    assert "Note: Passage" in shown and "(letter.txt): it names another patient" in shown


def test_a_discharge_summary_is_listed_with_its_discharge_date(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Walk 40b item 10: "(dated 2026-09-12)", its admission, for a summary of 18 Sep."""
    patient = workspace.require_vault().add_patient("Margaret Ellen Hartley")
    discharge = tmp_path / "discharge_summary.txt"
    discharge.write_text(
        "DISCHARGE SUMMARY\nDOB: 14/03/1948\nAdmitted: 12 September 2026\n"
        "Discharged: 18 September 2026\nApixaban 5 mg twice daily.",
        encoding="utf-8",
    )
    workspace.import_documents([discharge], patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    assert dialog.documents.item(0).text() == "discharge_summary.txt  (dated 2026-09-18)"
