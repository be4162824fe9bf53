"""A read-only table model over a list of records, each cell's text made only when the view asks
for it (left 51: the audit log filled a QTableWidget with an item per cell on the window's
thread: 5,000 entries held the window ~0.5 s, and the log only grows). Handing the model a new
list is one reset, whatever its length; the view then asks for the cells it shows, and the
header for the first rows it measures (``fit_columns_to_first_rows`` in the dialogs' common).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

# Rows whose texts are kept once made: the view asks a row's cells one column at a time (and the
# header measures the first MEASURED_ROWS column by column), and ``cells`` makes the whole row
# each time (review 51b R9: an audit entry's details were made four times per shown row). More
# than a screen and the measured rows; a long log's other rows are made again when scrolled to.
CACHED_ROWS = 256


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of ``R``; ``cells(record)`` gives one row's texts, one per column, when it is
    shown. Nothing is editable."""

    def __init__(
        self,
        columns: Sequence[str],
        cells: Callable[[R], Sequence[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.cells = cells
        self.records: list[R] = []
        self._made: OrderedDict[int, Sequence[str]] = OrderedDict()  # row -> its texts

    def set_records(self, records: list[R]) -> None:
        """Show ``records`` instead of the rows before: one reset, no cell made yet."""
        self.beginResetModel()
        self.records = records
        self._made.clear()
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        """The text a cell shows (what :meth:`data` gives for the display role)."""
        texts = self._made.get(row)
        if texts is None:
            texts = self.cells(self.records[row])
            self._made[row] = texts
            if len(self._made) > CACHED_ROWS:
                self._made.popitem(last=False)
        else:
            self._made.move_to_end(row)
        return str(texts[column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(index.row(), index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section]
        return None
