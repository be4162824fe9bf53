"""Long tables lay out as fast as short ones (walk 50a D1).

The redacted-export preview of a long record (720 rows) froze the window 0.4-1.1 s: its columns
were sized to their contents, and Qt measured every cell of every row in the event loop. The
audit log and saved-outputs tables share that sizing and grow with use. Now only the visible rows
and the first ``MEASURED_ROWS`` are measured.

The check counts the cells measured (a delegate counting its ``sizeHint`` calls), not a clock:
the number does not depend on the machine's load. Before the fix 720 rows measured over 5,000
cells; the bound leaves room for the visible rows and repeated passes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize
from PySide6.QtWidgets import (
    QApplication,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.common import MEASURED_ROWS, row_table
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog

ROWS = 720
WAIT_MS = 120_000


class CountingDelegate(QStyledItemDelegate):
    """Counts the rows whose size was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: set[int] = set()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        self.rows.add(index.row())
        return super().sizeHint(option, index)


def _rows_measured(qtbot: QtBot, table: QTableWidget, fill: Callable[[], None]) -> set[int]:
    delegate = CountingDelegate()
    table.setItemDelegate(delegate)
    table.resize(700, 300)
    table.show()
    qtbot.waitExposed(table)
    fill()
    for _ in range(3):
        QApplication.processEvents()
    table.setItemDelegate(QStyledItemDelegate(table))
    return delegate.rows


def _bounded(rows: set[int]) -> bool:
    # The visible rows (about ten at 300 px) and the first MEASURED_ROWS; nothing far below.
    return len(rows) <= MEASURED_ROWS + 40 and max(rows, default=0) < ROWS - 100


def test_a_growing_table_measures_its_first_rows_only(qtbot: QtBot) -> None:
    table = row_table(("When", "What", "Who", "Details"), "Audit log entries")
    qtbot.addWidget(table)

    def fill() -> None:
        table.setRowCount(ROWS)
        for row in range(ROWS):
            for column in range(4):
                table.setItem(row, column, QTableWidgetItem(f"Wilhelmina Quarrington {row}"))

    rows = _rows_measured(qtbot, table, fill)
    assert rows and _bounded(rows), f"{len(rows)} rows measured, up to row {max(rows)}"


def test_a_long_redaction_preview_measures_its_first_rows_only(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    document = workspace.require_vault().list_documents(patient_with_note)[0].id
    dialog = DocumentExportDialog(workspace, document)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "letter.txt"))
    dialog.redact.setChecked(True)
    qtbot.waitUntil(lambda: bool(dialog.planned), timeout=WAIT_MS)
    first = dialog.planned[0]
    long_plan = [dataclasses.replace(first, number=n + 1) for n in range(ROWS)]
    dialog.show()
    rows = _rows_measured(qtbot, dialog.preview, lambda: dialog.show_preview(long_plan))
    assert dialog.preview.rowCount() == ROWS
    assert rows and _bounded(rows), f"{len(rows)} rows measured, up to row {max(rows)}"
