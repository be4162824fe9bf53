"""Walk 30: a letter naming another patient of the vault, imported for this one, was noted only
in that import's result; after the next import or a restart nothing marked it in the document
list, and importing it again said only "duplicate". The row is marked, its tooltip gives the
note, and a duplicate re-import repeats it."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import PASS, make_workspace, open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.passages import SourceRef
from medlocal.ui.icons import NOTED_MARK
from medlocal.ui.main_window import MainWindow

WAIT_MS = 30_000
LETTER = "Re: Mrs Margaret Thornbury, MRN RAI-558213. Apixaban 5 mg BD for atrial fibrillation."


def _rows(window: MainWindow) -> dict[str, str]:
    """Each row's text and tooltip."""
    listed = window.patients.documents
    items = [listed.item(row) for row in range(listed.count())]
    return {item.text(): item.toolTip() for item in items}


def _import(qtbot: QtBot, window: MainWindow, files: list[Path]) -> None:
    panel = window.patients
    panel.imports.import_paths(files)
    qtbot.waitUntil(lambda: panel.imports.import_job is None, timeout=WAIT_MS)


def test_a_letter_naming_another_patient_stays_marked_after_a_restart(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Tobias Okonkwo-Reyes", mrn="T-77120")  # first in the list: chosen
    vault.add_patient("Margaret Thornbury", mrn="RAI-558213")
    letter, own = tmp_path / "letter.txt", tmp_path / "own.txt"
    letter.write_text(LETTER, encoding="utf-8")
    own.write_text("Tobias Okonkwo-Reyes: metformin 500 mg BD.", encoding="utf-8")
    window = open_window(qtbot, gui_workspace)
    assert window.patients.patient_id == 1
    _import(qtbot, window, [letter, own])
    rows = _rows(window)
    (marked,) = [text for text in rows if text.startswith(NOTED_MARK)]
    assert "letter.txt" in marked
    assert "Margaret Thornbury (patient 2, MRN RAI-558213)" in rows[marked]
    assert rows[marked].startswith("Check: it names another patient of this vault")
    assert rows["own.txt  (1 passage)"] == ""

    # A passage of each, cited in an answer and opened: the letter's says where it belongs.
    headers = {}
    for doc in vault.list_documents(1):
        (chunk,) = vault.document_chunks(doc.id)
        source = SourceRef(1, chunk.id, doc.id, doc.file_name, None, chunk.start, chunk.end, "")
        window.sources.show_source(source)
        qtbot.waitUntil(lambda: window.sources.current is not None, timeout=WAIT_MS)
        headers[doc.file_name] = window.sources.header.text()
    assert headers["own.txt"] == "[1] own.txt"
    first, check = headers["letter.txt"].split("\n")
    assert first == "[1] letter.txt"
    assert check.startswith(f"{NOTED_MARK} Check: it names another patient of this vault")
    assert "Margaret Thornbury" in check

    # Imported again: "skipped — duplicate" and the note stored with the letter.
    listed = window.patients.imports.errors
    listed.clear()
    _import(qtbot, window, [letter])
    (skipped,) = [listed.item(r).text() for r in range(listed.count())]
    assert skipped.startswith("letter.txt: skipped — duplicate")
    assert "check: it names another patient of this vault, Margaret Thornbury" in skipped

    # A restart: a new workspace and window on the same vault.
    window.close()
    gui_workspace.close()
    reopened = make_workspace(tmp_path)
    reopened.unlock(PASS)
    try:
        again = open_window(qtbot, reopened)
        assert _rows(again)[marked] == rows[marked]
        again.close()
    finally:
        reopened.close()
