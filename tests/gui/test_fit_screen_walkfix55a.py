"""Walk 55a H1, H6: at 200 % on a 1366 x 768 laptop the screen is 683 x 384 logical pixels.
With an 18 pt font the main window could not be smaller than 1050 x 559 and grew taller with
each import's progress rows, its question box and Send below the screen's edge; in a narrow
left pane the wrapped rows of buttons were drawn over each other (Delete under "Export
redacted copy…"). Sizes are checked against that screen; the test screen itself is larger."""

from __future__ import annotations

from itertools import combinations

from fixtures.gui_window import focus_in_window, open_window
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.main_window import MainWindow

SMALL_SCREEN = QSize(683, 384)  # 1366 x 768 at 200 %


def _importing(window: MainWindow) -> None:
    """The rows an import shows meanwhile and leaves after it (they made the window grow)."""
    imports = window.patients.imports
    imports.progress.show()
    imports.file_progress.show()
    imports.progress_label.setText("Importing 1 file…")
    imports.long_notice.setText("This file takes a while to index; it goes on meanwhile.")
    imports.long_notice.show()
    imports.cancel_button.show()
    imports.errors.addItem("scan.pdf: could not be read")
    imports.errors.show()


def _shown_whole(widget: QWidget, window: QWidget) -> bool:
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return (
        widget.isVisible()
        and window.rect().contains(where)
        and widget.visibleRegion().boundingRect() == widget.rect()
    )


def _no_overlaps(pane: QWidget) -> None:
    shown = [
        child
        for child in pane.findChildren(QWidget)
        if child.parentWidget() is pane and child.isVisible()
    ]
    for first, second in combinations(shown, 2):
        assert not first.geometry().intersects(second.geometry()), (
            first.accessibleName() or type(first).__name__,
            first.geometry(),
            second.accessibleName() or type(second).__name__,
            second.geometry(),
        )


def test_the_window_fits_a_small_screen_at_18_pt_while_importing(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, big_font: QFont
) -> None:
    window = open_window(qtbot, workspace)
    window.show()
    qtbot.waitExposed(window)
    _importing(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN.width() and hint.height() <= SMALL_SCREEN.height(), hint
    window.resize(SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.size() == SMALL_SCREEN)
    # Every pane is laid out whole (what does not fit scrolls), nothing drawn over another.
    for pane in (window.patients, window.chat, window.sources):
        _no_overlaps(pane)
        assert pane.height() >= pane.minimumSizeHint().height()
    # The status bar is as tall as it shows, at the window's bottom (it kept 230 px for 64).
    bar = window.statusBar()
    assert bar.geometry().bottom() == window.height() - 1
    assert window.status.offline.visibleRegion().boundingRect() == window.status.offline.rect()
    # The question box and Send come into view with the focus (F6 puts it there).
    chat = window.chat
    focus_in_window(qtbot, window, chat.question)
    for widget in (chat.question, chat.send_button):
        qtbot.waitUntil(lambda w=widget: _shown_whole(w, window))  # type: ignore[misc]
    # The left pane scrolls to what did not fit: the list of files not imported is reachable.
    area = window.splitter.widget(0)
    assert isinstance(area, QScrollArea) and area.isAncestorOf(window.patients)
    errors = window.patients.imports.errors
    area.ensureWidgetVisible(errors)
    qtbot.waitUntil(lambda: errors.visibleRegion().boundingRect().height() > 0)


def test_wrapped_rows_of_buttons_never_overlap_in_a_narrow_short_pane(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, big_font: QFont
) -> None:
    window = open_window(qtbot, workspace)
    window.show()
    qtbot.waitExposed(window)
    _importing(window)
    window.resize(window.minimumSizeHint().expandedTo(QSize(683, 384)))
    window.splitter.setSizes([120, 800, 120])  # the left pane narrow: rows wrap
    panel = window.patients
    qtbot.waitUntil(lambda: panel.import_button.y() != panel.delete_button.y())
    assert panel.delete_button.isVisible() and panel.export_copy_button.isVisible()
    _no_overlaps(panel)
