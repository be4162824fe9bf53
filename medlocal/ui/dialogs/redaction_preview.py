"""The export preview's span list: one row per span a redacted export removes or keeps (its
number, where it is, its type, its text, whether it stays and what replaces it), and the line
that sums the list up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from medlocal.rag.export import kept_span_warnings, redaction_tally
from medlocal.ui.dialogs.common import fit_columns_to_first_rows
from medlocal.ui.fit_screen import keep_rows

if TYPE_CHECKING:
    # Importing the redactor compiles some two thousand patterns (1.7-2.3 s of CPU): on the GUI
    # thread, opening the export dialog froze the window that long (walk 25). The preview's
    # worker imports it instead, through Workspace.preview_redactions.
    from medlocal.privacy.deid_plan import PlanItem

# "State" says what the export does with the line: a kept line is in the file, so its text is not
# shown under a "Removed" heading (walk: a kept name read as removed).
PREVIEW_COLUMNS = ("#", "Where", "Type", "Text", "State", "Replaced by", "Kept because")
REMOVED, KEPT = "Removed", "Kept"

# The redaction kinds as people say them ("mrn" and "patient_name" are the rules' names).
KIND_NAMES = {
    "mrn": "Record number (MRN)",
    "patient_name_part": "Part of the patient's name",
    "ssn": "SSN",
    "dob": "Date of birth",
    "url": "Web address",
    "ip_address": "IP address",
    "zip_code": "ZIP code",
    "id_number": "ID number",
    "health_plan_id": "Health plan ID",
    "vehicle_id": "Vehicle ID",
    "device_id": "Device ID",
    "age_over_89": "Age over 89",
    "added": "Added by you",  # deid_plan.ADDED_KIND: no known type (replaced by [REDACTED])
}


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())


def preview_type(item: PlanItem) -> str:
    """The preview's Type cell: the span's kind, "Added by you" for a text the person added that
    the rules did not find, and the kind then "(added by you)" where the two merged."""
    shown = kind_name(item.type)
    return f"{shown} (added by you)" if item.added and item.type != "added" else shown


def preview_table(parent: QWidget) -> QTableWidget:
    """The list, empty and hidden until Redact identifiers is on."""
    table = QTableWidget(0, len(PREVIEW_COLUMNS), parent)
    table.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    table.verticalHeader().setVisible(False)
    fit_columns_to_first_rows(table)
    table.setAccessibleName("What redaction will remove")
    table.setVisible(False)
    keep_rows(table, 4)  # walk 55a H5: half a row of what the export removes
    return table


def fill_preview(table: QTableWidget, planned: list[PlanItem]) -> None:
    """One row per span; a kept span's row in italics, saying it stays."""
    table.setRowCount(len(planned))
    for row, item in enumerate(planned):
        red = item.redaction
        cells = (
            str(item.number),
            item.where,
            preview_type(item),
            red.original,
            KEPT if item.kept else REMOVED,
            "" if item.kept else red.replacement,
            item.reason,
        )
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if item.kept:
                font = cell.font()
                font.setItalic(True)
                cell.setFont(font)
                cell.setToolTip("Kept: this text stays in the exported file as written.")
            table.setItem(row, column, cell)


def preview_summary(planned: list[PlanItem]) -> str:
    """What the list removes and keeps in a line, after a warning for each kept span that holds
    the patient's own identity or a date while other dates are shifted."""
    removed = sum(not item.kept for item in planned)
    kept = len(planned) - removed
    if removed:
        said = f"{redaction_tally(planned, done=False)}, as listed."
    elif kept:
        said = f"No identifiers will be removed; {kept} kept, as listed."
    else:
        said = "No identifiers will be removed."
    warnings = "".join(f"Warning: {w}. " for w in kept_span_warnings(planned))
    return f"{warnings}{said} Nothing is written yet."


def select_lines(table: QTableWidget, planned: list[PlanItem], numbers: list[int]) -> None:
    """Select the first row of the lines ``numbers`` and scroll it into view."""
    rows = [row for row, item in enumerate(planned) if item.number in numbers]
    if rows:
        table.selectRow(rows[0])
        cell = table.item(rows[0], 0)
        if cell is not None:
            table.scrollToItem(cell)
