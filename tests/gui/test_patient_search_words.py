"""Walk 43 D8: the window's patient search matched the typed text as one literal substring of
"name MRN", so "okonkwo lindgren", "Lindgren Amara", "ktv219907" and "amara  okonkwo" found no
one. ``patient_matches`` (the application's) takes the words in any order and any case, and
ignores hyphens, dashes and spaces inside an MRN; the panel calls it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from pytestqt.qtbot import QtBot

from medlocal.app.patients import patient_matches
from medlocal.ui.patients_panel import PatientsPanel

NAME, MRN = "Amara Okonkwo-Lindgren", "KTV-219907"


@pytest.mark.parametrize(
    "query",
    [
        "okonkwo-lindgren",
        "okonkwo lindgren",
        "Lindgren Amara",
        "KTV-219907",
        "ktv219907",
        "KTV 219907",
        "ktv–219907",
        "219907",
        "amara  okonkwo",
        "  AMARA ",
        "",
    ],
)
def test_the_forms_a_nurse_types_find_her(query: str) -> None:
    assert patient_matches(query, NAME, MRN)


@pytest.mark.parametrize("query", ["amara smith", "KTV-219908", "lindgren 5555"])
def test_every_word_must_match(query: str) -> None:
    assert not patient_matches(query, NAME, MRN)


def test_the_panel_filters_with_it(qtbot: QtBot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        vault = ws.require_vault()
        vault.add_patient(NAME, mrn=MRN)
        vault.add_patient("Tobias Strandquist", mrn="KTV-880412")
        panel = PatientsPanel(ws)
        qtbot.addWidget(panel)
        panel.reload()

        def shown() -> list[str]:
            items = [panel.patients.item(i) for i in range(panel.patients.count())]
            return [item.text() for item in items if not item.isHidden()]

        for query in ("Lindgren Amara", "ktv219907", "amara  okonkwo"):
            panel.search.setText(query)
            assert len(shown()) == 1 and NAME in shown()[0], (query, shown())
        panel.search.setText("ktv")
        assert len(shown()) == 2
    finally:
        ws.close()


def test_the_panel_finds_names_typed_without_their_accents(qtbot: QtBot, tmp_path: Path) -> None:
    """Walk 47b D3: typed in the window's patients filter, "Muller", "Thorsson" and "Ni Bhriain"
    found no one registered with the accents."""
    ws = make_workspace(tmp_path)
    try:
        ws.create_vault(PASS, PASS)
        vault = ws.require_vault()
        for name in ("Zoë Müller-Łukasiewicz", "Ólafur Þórsson", "Siobhán Ní Bhriain"):
            vault.add_patient(name)
        panel = PatientsPanel(ws)
        qtbot.addWidget(panel)
        panel.reload()
        shown = [panel.patients.item(i) for i in range(panel.patients.count())]
        for query, name in (
            ("Muller", "Zoë Müller-Łukasiewicz"),
            ("zoe lukasiewicz", "Zoë Müller-Łukasiewicz"),
            ("Thorsson", "Ólafur Þórsson"),
            ("Ni Bhriain", "Siobhán Ní Bhriain"),
        ):
            qtbot.keyClicks(panel.search, query)
            visible = [item.text() for item in shown if not item.isHidden()]
            assert len(visible) == 1 and name in visible[0], (query, visible)
            panel.search.clear()
    finally:
        ws.close()
