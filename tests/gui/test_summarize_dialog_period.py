"""walk51b L6: a period summary meant ticking documents one by one. The Summarise dialog's period
row ticks the documents whose own date falls in the period, says what it left unticked (no date of
its own, another patient's letter), refuses a period that ends before it starts, and the summary
then takes only the ticked documents."""

from __future__ import annotations

from pathlib import Path

from fixtures.dated_documents import import_dated_documents
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

WAIT_MS = 20_000


def _dialog(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> SummarizeDialog:
    dialog = SummarizeDialog(workspace, import_dated_documents(workspace, tmp_path))
    qtbot.addWidget(dialog)
    return dialog


def _ticked(dialog: SummarizeDialog) -> list[str]:
    items = [dialog.documents.item(row) for row in range(dialog.documents.count())]
    return sorted(i.text().split("  ")[0] for i in items if i.checkState() == Qt.CheckState.Checked)


def test_the_period_row_offers_the_documents_dates_and_ticks_those_in_it(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workspace, tmp_path)
    row = dialog.period
    assert row.button.isVisibleTo(dialog) and not row.no_dates.isVisibleTo(dialog)
    assert row.start.date() == QDate(2024, 1, 15) and row.end.date() == QDate(2024, 6, 2)
    assert len(_ticked(dialog)) == 4  # nothing changes until the button is pressed

    row.start.setDate(QDate(2024, 3, 1))
    row.end.setDate(QDate(2024, 6, 2))
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    assert _ticked(dialog) == ["june_letter.txt", "march_discharge.txt"]
    note = dialog.message.text()
    assert "Ticked the 2 document(s) dated 2024-03-01 to 2024-06-02." in note
    assert "1 with no clear date of their own (undated_note.txt)" in note

    dialog.template.setCurrentIndex(dialog.template.findData("problem-list"))
    with qtbot.waitSignal(dialog.outputSaved, timeout=WAIT_MS):
        dialog.start()
    assert dialog.saved is not None
    cited = {s.file_name for s in dialog.saved.summary.sources}
    assert cited <= {"june_letter.txt", "march_discharge.txt"}


def test_a_period_backwards_is_refused_and_an_empty_one_unticks_all(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workspace, tmp_path)
    row = dialog.period
    row.start.setDate(QDate(2024, 5, 1))
    row.end.setDate(QDate(2024, 4, 1))
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    assert "The period starts (2024-05-01) after it ends (2024-04-01)" in dialog.message.text()
    assert len(_ticked(dialog)) == 4

    row.start.setDate(QDate(2023, 1, 1))
    row.end.setDate(QDate(2023, 12, 31))
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith(
        "No document is dated 2023-01-01 to 2023-12-31: none is ticked now."
    )
    # Left ticked, Summarise summarised the whole record as if it were the period (review52a 5).
    assert _ticked(dialog) == []
    dialog.start()
    assert dialog.message.text() == "Choose at least one document."


def test_with_no_dated_document_the_row_is_disabled_and_says_why(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    patient = workspace.require_vault().add_patient("Ivo Lindqvist")
    note = tmp_path / "note.txt"
    note.write_text("Ward round. Comfortable overnight.", encoding="utf-8")
    workspace.import_documents([note], patient)
    dialog = SummarizeDialog(workspace, patient)
    qtbot.addWidget(dialog)
    # In the row itself, not a tooltip of a disabled row (review52a 6).
    assert dialog.period.no_dates.isVisibleTo(dialog)
    assert "No document shows a date of its own" in dialog.period.no_dates.text()
    assert not dialog.period.button.isVisibleTo(dialog)


def test_enter_in_a_period_date_ticks_the_period_and_starts_nothing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """review52a 1: Enter in a date pressed the default Summarise on the ticks made before."""
    dialog = _dialog(qtbot, workspace, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.period.start.setDate(QDate(2024, 6, 1))
    dialog.period.end.setDate(QDate(2024, 6, 30))
    dialog.period.end.setFocus()
    qtbot.keyClick(dialog.period.end, Qt.Key.Key_Return)
    assert dialog.task.job is None
    assert _ticked(dialog) == ["june_letter.txt"]
    qtbot.keyClick(dialog.period.start, Qt.Key.Key_Enter)
    assert dialog.task.job is None
