"""An import's result (its summary and the files not imported) belongs to the patient it was
for, and a failed file's reason is readable at the window's default width (walk 25: "Imported 2,
skipped 1, failed 4." and the failed files stayed under the next patient's documents, each line a
full path that pushed the reason out of sight)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from fixtures.held_calls import hold
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.main_window import MainWindow
from medlocal.ui.window_state import FIRST_SIZE

WAIT_MS = 30_000
NOTE = "Apixaban 5 mg twice daily for atrial fibrillation."


def _two_patients(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    vault = workspace.require_vault()
    vault.add_patient("Eamon Quillfeather")
    vault.add_patient("Margaret Thornbury")
    window = open_window(qtbot, workspace)  # the first one chosen
    # At its default size where the screen has room (the tests' screen is 800 px wide, and
    # the window then starts at 800): the list's width is the window's own.
    window.resize(*FIRST_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def _files(folder: Path) -> list[Path]:
    """One good note and a damaged PDF, named by full paths deep enough to be long."""
    deep = folder / "scanned letters from the district hospital" / "2025" / "march"
    deep.mkdir(parents=True)
    good, broken = deep / "gp_note.txt", deep / "corrupt_truncated_discharge_summary.pdf"
    good.write_text(NOTE, encoding="utf-8")
    broken.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    return [good, broken]


def _choose(window: MainWindow, row: int) -> None:
    window.patients.patients.setCurrentRow(row)


def test_the_result_stays_with_its_patient_and_the_reason_is_readable(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    window = _two_patients(qtbot, gui_workspace)
    imports = window.patients.imports
    good, broken = _files(tmp_path)
    imports.import_paths([good, broken])
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    assert imports.progress_label.text().endswith("Imported 1, skipped 0, failed 1.")
    assert imports.errors.isVisible() and imports.errors.count() == 1
    item = imports.errors.item(0)
    assert item.text().startswith(f"{broken.name}: ") and str(tmp_path) not in item.text()
    assert item.toolTip() == f"{broken}: {item.text().split(': ', 1)[1]}"
    # The whole line is inside the list's visible width: no sideways scrolling to read it.
    assert imports.errors.visualItemRect(item).right() <= imports.errors.viewport().width()

    _choose(window, 1)
    assert not imports.errors.isVisible() and imports.progress_label.text() == ""
    _choose(window, 0)  # back to the patient the import was for: the result is back
    assert imports.errors.isVisible() and ("Imported 1" in imports.progress_label.text())
    window.close()


def test_an_import_that_ends_under_another_patient_says_whose_it_was(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _two_patients(qtbot, gui_workspace)
    imports = window.patients.imports
    importing = hold(monkeypatch, gui_workspace, "import_documents")
    imports.import_paths(_files(tmp_path))
    _choose(window, 1)  # the import goes on; its progress line stays
    assert imports.progress_label.text() == "Importing 2 files for Eamon Quillfeather…"
    importing.release.set()
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    said = imports.progress_label.text()
    assert said.startswith("The import for Eamon Quillfeather ended: Imported 1"), said
    assert not imports.errors.isVisible()  # Margaret's documents are not listed with them
    _choose(window, 0)
    assert ("Imported 1" in imports.progress_label.text()) and imports.errors.isVisible()
    _choose(window, 1)  # seen now: nothing of it under the other patient
    assert imports.progress_label.text() == "" and not imports.errors.isVisible()
    window.close()


def test_a_guessed_encoding_is_listed_with_the_imported_file(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    # Walk 27: UTF-8 with one line pasted in Windows-1252 was read wholly as Arabic Windows-1256
    # and the window said only "Imported 1".
    window = _two_patients(qtbot, gui_workspace)
    imports = window.patients.imports
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("B12 1000 µg monthly\n".encode() + "café – naïve\n".encode("cp1252"))
    imports.import_paths([mixed])
    qtbot.waitUntil(lambda: imports.import_job is None, timeout=WAIT_MS)
    assert imports.progress_label.text().endswith("Imported 1, skipped 0, failed 0.")
    assert imports.errors.isVisible() and imports.errors.count() == 1
    listed = imports.errors.item(0).text()
    assert listed.startswith("mixed.txt: imported — check: encoding mixed: UTF-8 with 1 line in")
    window.close()
