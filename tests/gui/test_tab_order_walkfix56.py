"""Walk 55a L2: Tab goes through a dialog in the order it shows its controls. In Evaluate,
"Start over" (below the Models list) came before Questions (above it): Tab followed the order
the widgets were created in. Each Tab stop now lies below the one before, or in a column to its
right (the result beside the picker); About starts at its page tabs."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from fixtures.gui_window import open_window
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.workers import wait_for_jobs


def _stops(qtbot: QtBot, dialog: QWidget) -> list[tuple[str, QRect]]:
    """Each Tab stop from the first focus until the focus comes back to it (its name and place
    in the dialog)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    first = QApplication.focusWidget()
    stops: list[tuple[str, QRect]] = []
    focused = first
    for _ in range(60):
        assert focused is not None
        # The part of it in view: in a pane that scrolls sideways, a wide widget runs on under
        # the pane beside it, where no one sees it.
        shown = focused.visibleRegion().boundingRect()
        where = QRect(focused.mapTo(dialog, shown.topLeft()), shown.size())
        stops.append(
            (focused.accessibleName() or focused.objectName() or type(focused).__name__, where)
        )
        qtbot.keyClick(focused, Qt.Key.Key_Tab)  # type: ignore[no-untyped-call]
        # Where the person sees it: a pane that scrolls sideways brings the focused widget's
        # left edge into view on the next turn of the event loop (FittingScrollArea), as it
        # does where a dialog is a few pixels narrower than its two sides ask (ui61: with the
        # window's frame counted, Summarise on the 800 px offscreen screen).
        qtbot.wait(20)
        focused = QApplication.focusWidget()
        if focused is first:
            return stops
    raise AssertionError(f"Tab never came back to the first stop: {stops}")


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("eval_dialog", "EvaluateDialog"),
        ("summarize_dialog", "SummarizeDialog"),
        ("about_dialog", "AboutDialog"),
    ],
)
def test_tab_follows_the_screen(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, module: str, name: str
) -> None:
    window = open_window(qtbot, workspace)
    args: tuple[Any, ...] = (patient_with_note,) if name == "SummarizeDialog" else ()
    dialog = window.dialogs.make(module, name, *args)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    try:
        stops = _stops(qtbot, dialog)
        assert len(stops) >= 4, stops
        for (before, a), (after, b) in pairwise(stops):
            below = b.top() >= a.top() - 2
            right_of = b.left() >= a.right() - 2  # the next column, or along a row
            assert below or right_of, f"Tab went up from {before} {a} to {after} {b}"
        if name == "AboutDialog":
            assert isinstance(QApplication.focusWidget(), QTabBar)
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)
