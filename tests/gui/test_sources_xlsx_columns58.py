"""A cited later passage of an Excel sheet's long table is shown in the Sources pane with the
table's columns in the pane's heading, as a CSV's is (ingest58; tests/gui/
test_sources_table_columns_table56.py for CSV and TSV)."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import open_window
from fixtures.office_files import lab_values, make_xlsx
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.passages import SourceRef

WAIT_MS = 30_000


def test_a_later_passage_of_a_sheet_shows_its_columns(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Example")
    path = tmp_path / "labs.xlsx"
    path.write_bytes(make_xlsx({"Results": lab_values(320)}))
    window = open_window(qtbot, gui_workspace)
    window.patients.imports.import_paths([path])
    qtbot.waitUntil(lambda: window.patients.imports.import_job is None, timeout=WAIT_MS)
    (doc,) = vault.list_documents(1)
    headings = []
    for chunk in sorted(vault.document_chunks(doc.id), key=lambda c: c.ord):
        source = SourceRef(1, chunk.id, doc.id, doc.file_name, None, chunk.start, chunk.end, "")
        window.sources.clear()
        window.sources.show_source(source)
        qtbot.waitUntil(lambda: window.sources.current is not None, timeout=WAIT_MS)
        headings.append(window.sources.header.text())
    first, *later = headings
    assert later, "the sheet is one passage: nothing to show"
    assert first == "[1] labs.xlsx"
    assert all(h == "[1] labs.xlsx\nColumns: Date,Hb,WCC,Plt,Na,K,Creat" for h in later), later
