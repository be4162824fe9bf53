"""Review60a H1 in the Sources pane: a saved answer's citation, clicked after ``vault update``
read its document again (a hidden section now left out above the passage), highlights the
passage it cited, not the words now at its old offsets; one whose passage the update removed
says so and highlights nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from fixtures.reread_letter import EMB, PLAN, import_as_older
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ingest.rechunk import rechunk_documents

WAIT_MS = 30_000


def test_a_citation_clicked_after_the_update_shows_its_own_passage(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = gui_workspace.require_vault()
    patient = vault.add_patient("Ada Example")
    _document_id, plan, stale = import_as_older(vault, patient, tmp_path, monkeypatch)
    assert rechunk_documents(vault, EMB).rechunked == 1
    window = open_window(qtbot, gui_workspace)
    shown = []
    for source in (plan, stale):
        window.sources.clear()
        window.sources.show_source(source)
        qtbot.waitUntil(lambda: window.sources.current is not None, timeout=WAIT_MS)
        shown.append((window.sources.header.text(), window.sources.highlighted_text()))
    (plan_header, plan_text), (stale_header, stale_text) = shown
    assert plan_header == "[1] letter.odt" and PLAN in plan_text
    assert stale_header.startswith("[2] letter.odt\n\u26a0 The passage cited is no longer")
    assert stale_text == ""
