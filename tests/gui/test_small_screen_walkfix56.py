"""Walk 55a M2, M4, M5 (left by walkfix55a):

* M2: the next start's "did not close properly … crash report" message was a QMessageBox of
  432 x 882 on a 683 x 384 screen (200 %, 18 pt): the log folder, "You can send them …" and OK
  lay below the screen's edge. It now fits, its text scrolls, OK stays in view.
* M4: the Sources pane's only keyboard hint ("… Ctrl+Tab to it and Enter …") was cut to four
  lines in a narrow pane.
* M5: a font grown while the first-run wizard showed left the wizard at its size, its
  passphrase page squeezed (the fields under the advice); and a wrapped label's height, set
  while narrow, stayed once it was wide again."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from fixtures.child_process import leave_a_killed_window_run
from fixtures.gui_window import make_workspace, open_window
from fixtures.message_boxes import inside, look_at_next_modal
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.fitting_label import FittingLabel

SMALL_SCREEN = QRect(0, 0, 683, 384)  # 1366 x 768 at 200 %
LARGE_SCREEN = QRect(0, 0, 1920, 1080)


def _text_height(label: QLabel, width: int) -> int:
    """What ``label``'s text needs at ``width``, measured on a label of its own (a label's
    own measure is never less than its minimum height)."""
    measure = QLabel(label.text())
    measure.setWordWrap(True)
    measure.setFont(label.font())
    measure.setTextFormat(label.textFormat())
    return measure.heightForWidth(width)


def _inside_a_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_the_next_start_message_fits_a_small_screen_at_18_pt(
    qtbot: QtBot, medlocal_home: Path, big_font: QFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.crash import write_crash_report
    from medlocal.ui.app import tell_last_run

    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    leave_a_killed_window_run(medlocal_home)
    write_crash_report(ValueError("no patient text here"))
    seen: dict[str, object] = {}

    def look(box: QWidget) -> None:
        seen["size"] = box.size()
        ok = [b for b in box.findChildren(QAbstractButton) if b.isVisible()]
        seen["buttons"] = [
            (
                b.text(),
                inside(box, b)
                and b.visibleRegion().boundingRect() == b.rect()
                and not _inside_a_scroll_area(b, box),
            )
            for b in ok
        ]
        text = next(
            label for label in box.findChildren(QLabel) if "support contact" in label.text()
        )
        # Every line of the text is there: shown, or in a scroll area to scroll to.
        seen["text whole"] = text.height() >= _text_height(text, text.width())
        seen["text reachable"] = (
            text.visibleRegion().boundingRect() == text.rect() or _inside_a_scroll_area(text, box)
        )

    look_at_next_modal(qtbot, look)
    tell_last_run(None)
    size = seen["size"]
    assert isinstance(size, QSize)
    assert size.width() <= SMALL_SCREEN.width() and size.height() <= SMALL_SCREEN.height(), size
    assert seen["buttons"] == [("OK", True)] or seen["buttons"] == [("&OK", True)], seen
    assert seen["text whole"] and seen["text reachable"], seen


@pytest.mark.parametrize(
    ("screen", "points"),
    [((683, 384), 18), ((853, 480), 9), ((1920, 1080), 20)],
)
def test_the_sources_hint_keeps_all_its_lines(
    qtbot: QtBot, workspace: Workspace, qapp: QApplication, screen: tuple[int, int], points: int
) -> None:
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(points)
    qapp.setFont(font)
    try:
        window = open_window(qtbot, workspace)
        window.show()
        qtbot.waitExposed(window)
        window.resize(QSize(*screen))
        header = window.sources.header
        assert "Ctrl+Tab" in header.text()
        qtbot.waitUntil(lambda: window.size() == QSize(*screen))
        qtbot.waitUntil(lambda: header.height() >= _text_height(header, header.width()))
    finally:
        qapp.setFont(before)


def test_a_font_grown_under_the_wizard_leaves_its_passphrase_page_whole(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ui.first_run import FirstRunWizard

    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(LARGE_SCREEN))
    wizard = FirstRunWizard(make_workspace(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.passphrase_page
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(18)
    qapp.setFont(font)
    try:
        parts = (page.advice, page.secret, page.confirm, page.meter)

        def whole() -> bool:
            advice = page.advice
            fields = (page.secret, page.confirm, page.meter)
            return (
                advice.height() >= _text_height(advice, advice.width())
                and all(part.height() >= part.minimumSizeHint().height() for part in fields)
                and all(part.visibleRegion().boundingRect() == part.rect() for part in parts)
            )

        # The wizard grows for its page where the screen has room: nothing to scroll to.
        qtbot.waitUntil(whole)
        for first, second in pairwise(parts):
            assert first.geometry().bottom() < second.geometry().top(), (first, second)
        assert wizard.width() <= LARGE_SCREEN.width()
        assert wizard.height() <= LARGE_SCREEN.height()
    finally:
        qapp.setFont(before)


def test_a_wrapped_label_s_height_follows_its_width_both_ways(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = FittingLabel("Choose a passphrase of several unrelated words; weak ones are refused.")
    QVBoxLayout(holder).addWidget(label)
    holder.resize(600, 300)
    holder.show()
    qtbot.waitExposed(holder)
    wide = label.minimumHeight()
    holder.resize(120, 300)
    qtbot.waitUntil(lambda: label.minimumHeight() > wide)
    holder.resize(600, 300)
    qtbot.waitUntil(lambda: label.minimumHeight() == wide)


def test_the_message_starts_on_its_text_and_enter_closes_it(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from medlocal.ui.message_dialog import MessageDialog

    dialog = MessageDialog(None, "MedLocal hit an internal error", "The reports are in:\n\n/x")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
