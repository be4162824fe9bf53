"""A sheet's part is read once (user62): its cells, merged ranges and formulas without a saved
value come from one pass over its XML. The merged ranges were read in a second pass over the
whole part, a third of a 40,000-row lab export's extraction time (the rest of the import time is
the embedding: benchmarks/bench_import_large.py)."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.office_files import make_xlsx
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from medlocal.ingest.extractors.spreadsheet import extract_xlsx


def _shaped(workbook: Any) -> None:
    sheet = workbook["Renal"]
    sheet.merge_cells("B1:C1")  # a group heading over two columns


ROWS = [
    ["Date", "Kidney", None],
    [None, "Creat", "eGFR"],
    ["2024-03-01", 80, "=186*(B3/88.4)^-1.154"],
    ["2024-03-02", 120, 55],
]


def test_the_sheet_part_is_read_once_for_cells_merges_and_formulas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = make_xlsx({"Renal": ROWS}, shape=_shaped)
    opened: list[str] = []
    original = ReadOnlyWorksheet._get_source

    def counted(sheet: Any) -> Any:
        opened.append(sheet.title)
        return original(sheet)

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_source", counted)
    document = extract_xlsx(data, "renal.xlsx")
    # openpyxl opens it once more, as the workbook is loaded, to find the sheet's size.
    assert opened.count("Renal") == 2
    # The merged heading fills both its columns; the formula without a value reads empty.
    assert document.text.splitlines()[2:] == [
        "Date,Kidney,Kidney",
        ",Creat,eGFR",
        "2024-03-01,80,",
        "2024-03-02,120,55",
    ]
    assert document.notes[0].startswith("1 formula cell without a saved value read empty")
