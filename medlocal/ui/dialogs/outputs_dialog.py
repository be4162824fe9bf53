"""Saved answers and summaries of the chosen patient (or of the whole vault): export one, or
delete the selected ones after a confirmation (audited by id; the text is gone from the vault).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.outputs import delete_outputs
from medlocal.errors import MedLocalError
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import (
    ErrorLine,
    error_text,
    resize_on_screen,
    row_table,
    table_and_actions_layout,
)
from medlocal.ui.render import local_time
from medlocal.vault.rows import StoredOutput
from medlocal.wording import counted, saved_outputs

COLUMNS = ("#", "Saved", "Patient", "Kind", "Title")
TITLE = COLUMNS.index("Title")
ID_ROLE = Qt.ItemDataRole.UserRole


class OutputsDialog(QDialog):
    """``exportRequested(output_id)`` when the user asks to export the selected output."""

    exportRequested = Signal(int)

    def __init__(
        self, workspace: Workspace, patient_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Saved answers and summaries")
        self.workspace = workspace
        self.patient_id = patient_id
        self.table = row_table(COLUMNS, "Saved answers and summaries", self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setAccessibleName("Export the selected saved output")
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button = QPushButton("&Delete…", self)
        self.delete_button.setAccessibleName("Delete the selected saved outputs")
        self.delete_button.clicked.connect(self.delete_selected)
        self.message = ErrorLine("Saved outputs message", self)
        table_and_actions_layout(
            self, self.table, [self.export_button, self.delete_button], self.message
        )
        resize_on_screen(self, 760, 420)
        self.reload()

    def reload(self) -> None:
        try:
            vault = self.workspace.require_vault()
            outputs = vault.list_outputs(self.patient_id)
            names = {p.id: p.name for p in vault.list_patients()}
        except MedLocalError as exc:
            outputs, names = [], {}
            self.message.show_error(error_text(exc, "Reading the saved outputs"))
        self.show_outputs(outputs, names)

    def show_outputs(self, outputs: list[StoredOutput], names: dict[int, str]) -> None:
        self.table.setRowCount(len(outputs))
        for row, output in enumerate(reversed(outputs)):  # newest first
            patient = "—" if output.patient_id is None else names.get(output.patient_id, "")
            cells = (
                str(output.id),
                local_time(output.created_at),
                patient,
                output.kind,
                output.title,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, output.id)
                self.table.setItem(row, column, item)
        if outputs:
            self.message.clear_message()
        else:
            self.message.show_note("No saved answers or summaries.")
        self._selection_changed()

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectedIndexes()})

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def selected_ids(self) -> list[int]:
        return [int(self._cell(row, 0).data(ID_ROLE)) for row in self._selected_rows()]

    def _selection_changed(self) -> None:
        chosen = self.selected_ids()
        self.export_button.setEnabled(len(chosen) == 1)
        self.delete_button.setEnabled(bool(chosen))

    def export_selected(self) -> None:
        chosen = self.selected_ids()
        if len(chosen) == 1:
            self.exportRequested.emit(chosen[0])

    def delete_selected(self) -> None:
        chosen = self.selected_ids()
        if not chosen:
            return
        rows = self._selected_rows()
        titles = [self._cell(row, TITLE).text() for row in rows[:3]]
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        if not confirm(
            self,
            "Delete saved outputs",
            f"Delete {saved_outputs(len(chosen))} from the vault: "
            f"{'; '.join(titles)}{more}? This cannot be undone. The documents they quote "
            "are kept, and so is each answer's chat.",
            "Delete",
        ):
            return
        try:
            count = delete_outputs(self.workspace.require_vault(), chosen)
        except MedLocalError as exc:
            self.reload()
            self.message.show_error(error_text(exc, "Deleting"))
            return
        self.reload()
        self.message.show_note(f"Deleted {counted(count, 'saved output')}.")
