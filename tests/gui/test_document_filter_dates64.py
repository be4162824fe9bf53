"""The document filter finds a document by the date it gives itself or its file's name gives,
typed the ways a clinician writes a date (note 63: it matched the import date only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace, open_window
from pytestqt.qtbot import QtBot

from medlocal.app.typed_dates import read_query
from medlocal.ui.main_window import MainWindow

# file name -> text: two dated by their text only, one by its file name only, one undated.
DOCUMENTS = {
    "echo_report.txt": "Echocardiogram report\nDate of study: 13/03/2024\nLVEF 55%.",
    "clinic_letter.txt": "Clinic letter dated 2 April 2024.\nSeen in the heart failure clinic.",
    "labs_20240313.txt": "Sodium 139 mmol/L. Potassium 4.1 mmol/L.",
    "notes.txt": "Patient doing well. Plan: review in six weeks.",
}


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    workspace = make_workspace(tmp_path)
    workspace.create_vault(PASS, PASS)
    patient = workspace.require_vault().add_patient("Deirdre Fallon")
    files = []
    for name, text in DOCUMENTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        files.append(tmp_path / name)
    workspace.import_documents(files, patient)
    shown = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: shown.patients.documents.count() == 4, timeout=20_000)
    yield shown
    workspace.close()


def _shown_after_typing(qtbot: QtBot, window: MainWindow, typed: str) -> list[str]:
    box = window.patients.document_filter
    box.clear()
    qtbot.keyClicks(box, typed)
    documents = window.patients.documents
    return sorted(
        documents.item(row).text().split()[0]
        for row in range(documents.count())
        if not documents.item(row).isHidden()
    )


@pytest.mark.parametrize(
    "typed", ["2024-03-13", "13/03/2024", "13.03.2024", "13 Mar 2024", "March 13, 2024"]
)
def test_a_day_typed_any_common_way_finds_the_documents_of_that_day(
    qtbot: QtBot, window: MainWindow, typed: str
) -> None:
    # The echo says its date in its text, the labs in their file name; neither was imported
    # that day.
    assert _shown_after_typing(qtbot, window, typed) == ["echo_report.txt", "labs_20240313.txt"]
    assert window.patients.document_filter.count.text().startswith("2 of 4 documents shown")


def test_a_month_finds_the_month_and_words_still_narrow(qtbot: QtBot, window: MainWindow) -> None:
    assert _shown_after_typing(qtbot, window, "March 2024") == [
        "echo_report.txt",
        "labs_20240313.txt",
    ]
    assert _shown_after_typing(qtbot, window, "Apr 2024") == ["clinic_letter.txt"]
    assert _shown_after_typing(qtbot, window, "labs March 2024") == ["labs_20240313.txt"]
    assert _shown_after_typing(qtbot, window, "14/03/2024") == []
    assert "No document of the 4 matches" in window.patients.document_filter.count.text()


def test_a_date_that_reads_two_ways_keeps_both_and_a_non_month_stays_a_word() -> None:
    assert read_query("03/04/2024").dates == (frozenset({"2024-03-04", "2024-04-03"}),)
    assert read_query("Mark 2024").dates == ()  # "Mark" is no month: a word to look for
    assert read_query("2024").dates == ()  # a year alone is a word found in any date
    assert read_query("31/02/2024").dates == ()  # no such day
