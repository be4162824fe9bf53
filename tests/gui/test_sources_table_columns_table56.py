"""Session 56 (note55's list): a cited later passage of a long CSV/TSV table is shown in the
Sources pane scrolled to its rows, with the table's header row out of view at the document's
top; the pane's heading now names the columns ("Columns: Date,Hb,K"), as the model and the
checks read those rows. A first passage (it holds the header) and other documents are as
before."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.passages import SourceRef
from medlocal.ui.main_window import MainWindow

WAIT_MS = 30_000


def _rows(delimiter: str) -> str:
    header = delimiter.join(["Date", "Hb", "Na", "K", "Creat"])
    rows = [
        delimiter.join([f"2023-{1 + day // 28:02d}-{1 + day % 28:02d}", "112", "139", "4.1", "88"])
        for day in range(320)
    ]
    return header + "\n" + "\n".join(rows) + "\n"


def _headings(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> dict[str, list[str]]:
    """Each document's passages' pane headings, in order."""
    vault = workspace.require_vault()
    found: dict[str, list[str]] = {}
    for doc in vault.list_documents(1):
        for chunk in sorted(vault.document_chunks(doc.id), key=lambda c: c.ord):
            source = SourceRef(1, chunk.id, doc.id, doc.file_name, None, chunk.start, chunk.end, "")
            window.sources.clear()
            window.sources.show_source(source)
            qtbot.waitUntil(lambda: window.sources.current is not None, timeout=WAIT_MS)
            found.setdefault(doc.file_name, []).append(window.sources.header.text())
    return found


@pytest.mark.parametrize(("name", "delimiter", "shown"), [
    ("labs.csv", ",", "Columns: Date,Hb,Na,K,Creat"),
    ("labs.tsv", "\t", "Columns: Date, Hb, Na, K, Creat"),
])  # fmt: skip
def test_a_later_passage_of_a_table_shows_its_columns(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, name: str, delimiter: str, shown: str
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Example")
    table, note = tmp_path / name, tmp_path / "note.txt"
    table.write_text(_rows(delimiter), encoding="utf-8")
    # Prose with commas on every line: no table, no columns line.
    note.write_text("Seen today, well, no complaints.\n" * 400, encoding="utf-8")
    window = open_window(qtbot, gui_workspace)
    window.patients.imports.import_paths([table, note])
    qtbot.waitUntil(lambda: window.patients.imports.import_job is None, timeout=WAIT_MS)
    headings = _headings(qtbot, window, gui_workspace)
    first, *later = headings[name]
    assert later, "the table is one passage: nothing to show"
    assert first == f"[1] {name}"
    assert all(heading == f"[1] {name}\n{shown}" for heading in later), later
    assert all(heading == "[1] note.txt" for heading in headings["note.txt"])
