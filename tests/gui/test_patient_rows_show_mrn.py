"""Walk 46a D6: at the first window size (800 x 800 offscreen) and at 1024 x 600 the patient list
cut off the MRN behind a sideways scroll ("Marguerite Okonkwo-Blythe · MRN SBH-4…"), and the MRN
is what tells two similar names apart. Each row now shows the name, then the MRN on a line of
its own, within the pane's width; the one-line label stays for sentences and the tooltip."""

from __future__ import annotations

import pytest
from fixtures.gui_window import open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.patient_rows import LABEL_ROLE

SIMILAR = [("Marguerite Okonkwo-Blythe", "SBH-448210"), ("Marguerita Okonkwo-Blyth", "SBH-551902")]


@pytest.mark.parametrize("size", [(800, 800), (1024, 600)])
def test_both_mrns_show_without_a_sideways_scroll(
    qtbot: QtBot, gui_workspace: Workspace, size: tuple[int, int]
) -> None:
    vault = gui_workspace.require_vault()
    for name, mrn in SIMILAR:
        vault.add_patient(name, mrn=mrn)
    window = open_window(qtbot, gui_workspace)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    patients = window.patients.patients
    qtbot.wait(50)  # the list lays its rows out after the resize
    width = patients.viewport().width()
    assert patients.horizontalScrollBar().maximum() == 0
    for row, (name, mrn) in enumerate(SIMILAR):
        item = patients.item(row)
        assert item.text() == f"{name}\nMRN {mrn}"
        assert item.toolTip() == item.data(LABEL_ROLE) == f"{name}  ·  MRN {mrn}"
        rect = patients.visualItemRect(item)
        assert rect.left() >= 0 and rect.right() < width
        # Both lines fit the row's height: the MRN line is not cut off below the name.
        line = patients.fontMetrics().lineSpacing()
        assert rect.height() >= 2 * line
