"""The model manager's two tables: the catalog (with fit badges and status) and the installed
models (with defaults, provenance and fit). Row 0 of each row carries the model's id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from medlocal.app.fit import FitBadge
from medlocal.app.installed_models import InstalledListing
from medlocal.fsutil import shown_path
from medlocal.models.catalog import CatalogEntry
from medlocal.models.registry import InstalledModel
from medlocal.ui.colours import Tone, tone_colour
from medlocal.ui.dialogs.common import row_table, size_text

CATALOG_COLUMNS = ("Model", "Role", "Size", "Fit", "Status")
INSTALLED_COLUMNS = ("Model", "Role", "Default", "Size", "Provenance", "Fit")
FIT_COLUMN_CATALOG = CATALOG_COLUMNS.index("Fit")
FIT_COLUMN_INSTALLED = INSTALLED_COLUMNS.index("Fit")
KEY_ROLE = Qt.ItemDataRole.UserRole
BADGE_TONES = {"green": Tone.OK, "yellow": Tone.WARNING, "red": Tone.ERROR}


def model_table(columns: Sequence[str], name: str) -> QTableWidget:
    table = row_table(columns, name)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def cell(text: str, key: str | None = None, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if key is not None:
        item.setData(KEY_ROLE, key)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def badge_cell(badge: FitBadge | None, pending: bool) -> QTableWidgetItem:
    """A coloured ● and its verdict; the reason as tooltip and for screen readers."""
    if badge is None:
        return cell("checking…" if pending else "—")
    item = cell(f"● {badge.label}", tooltip=badge.reason)
    if badge.verdict is not None:
        # The table is rebuilt when the dialog opens, so the colour follows the scheme then.
        item.setForeground(QBrush(tone_colour(BADGE_TONES[badge.verdict])))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"fit {badge.label}: {badge.reason}")
    return item


def catalog_status(entry: CatalogEntry, installed_ids: set[str]) -> str:
    if entry.id in installed_ids:
        return "installed"
    if not entry.downloadable:
        return "ships with MedLocal"
    if entry.gated:
        return "gated: needs a hub token"
    return "available"


def fill_catalog(
    table: QTableWidget,
    entries: Sequence[CatalogEntry],
    installed: Sequence[InstalledModel],
    badges: Mapping[str, FitBadge],
    pending: bool,
) -> None:
    installed_ids = {m.catalog_id for m in installed if m.catalog_id} | {m.id for m in installed}
    table.setRowCount(len(entries))
    for row, entry in enumerate(entries):
        table.setItem(row, 0, cell(entry.display_name, entry.id, entry.intended_use))
        table.setItem(row, 1, cell(entry.role))
        table.setItem(row, 2, cell(f"{entry.size_gb:.2f} GB"))
        table.setItem(row, FIT_COLUMN_CATALOG, badge_cell(badges.get(entry.id), pending))
        table.setItem(row, 4, cell(catalog_status(entry, installed_ids)))


def fill_installed(
    table: QTableWidget,
    installed: Sequence[InstalledModel],
    defaults: Mapping[str, str],
    badges: Mapping[str, FitBadge],
    pending: bool,
) -> None:
    table.setRowCount(len(installed))
    for row, model in enumerate(installed):
        is_default = defaults.get(model.role) == model.id
        table.setItem(row, 0, cell(model.id, model.id, model.path))
        table.setItem(row, 1, cell(model.role))
        status = "default" if is_default else ""
        if InstalledListing.missing(model):
            # Walk 43 D4: an unplugged stick's model looked in place until a question failed.
            status = f"{status}, file missing" if status else "file missing"
            table.setItem(row, 2, cell(status, tooltip=f"No file at {shown_path(model.path)}"))
        else:
            table.setItem(row, 2, cell(status))
        table.setItem(row, 3, cell(size_text(model.size)))
        table.setItem(row, 4, cell(model.provenance))
        table.setItem(row, FIT_COLUMN_INSTALLED, badge_cell(badges.get(model.id), pending))


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return str(item.data(KEY_ROLE)) if item is not None else None


def select_key(table: QTableWidget, key: str) -> bool:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(KEY_ROLE) == key:
            table.selectRow(row)
            return True
    return False
