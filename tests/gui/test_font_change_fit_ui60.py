"""Open dialogs and messages fit their content again when the font size changes (ui60, from
review59b L2 and L3):

* a dialog opened while the font was 18 pt stayed at its 18 pt size once the font was 9 pt
  again (Add patient 840 x 184 where one opened at 9 pt is 420 x 128): it grew back only to the
  size it had before the first change, which was its 18 pt size;
* a message was 22 px taller after 9 -> 18 -> 9 pt than when first shown at 9 pt: it took its
  size hint, not its own measure of its text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures.gui_window import make_workspace
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medlocal.ui import screen_room

LARGE_SCREEN = QRect(0, 0, 1920, 1080)
LONG_TEXT = "The deletion failed: MedLocal could not write /home/clinic/Shared exports/letters. "
KINDS = ["message", "question", "add patient", "change passphrase", "wizard"]


def _set_points(qapp: QApplication, points: int) -> None:
    font = QFont(qapp.font())
    font.setPointSize(points)
    qapp.setFont(font)


@pytest.fixture
def fonts(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Set the application's font size (on a large screen); the font is restored after."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(LARGE_SCREEN))
    before = qapp.font()
    yield lambda points: _set_points(qapp, points)
    qapp.setFont(before)


def _dialog(kind: str, tmp_path: Path) -> QWidget:
    if kind == "message":
        from medlocal.ui.message_dialog import MessageDialog

        return MessageDialog(None, "Documents not deleted", LONG_TEXT * 3, "warning")
    if kind == "question":
        from medlocal.ui.message_dialog import QuestionDialog

        acts = ["Delete with the 2 saved outputs", "Delete, keep the outputs"]
        return QuestionDialog(None, "Delete documents", LONG_TEXT * 2, acts, "Cancel")
    if kind == "add patient":
        from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog

        return AddPatientDialog(None)
    if kind == "change passphrase":
        from medlocal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog

        return ChangePassphraseDialog(make_workspace(tmp_path))
    from medlocal.ui.first_run import FirstRunWizard

    return FirstRunWizard(make_workspace(tmp_path))


def _opened(qtbot: QtBot, kind: str, tmp_path: Path) -> QWidget:
    dialog = _dialog(kind, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    return dialog


def _settles(qtbot: QtBot, dialog: QWidget, size: QSize) -> None:
    """Wait until ``dialog`` is ``size``, then a little more: it must stay so."""
    qtbot.waitUntil(lambda: dialog.size() == size, timeout=3000)
    qtbot.wait(100)
    assert dialog.size() == size


@pytest.mark.parametrize("kind", KINDS)
def test_a_dialog_opened_at_18_pt_is_its_9_pt_size_at_9_pt(
    qtbot: QtBot, fonts: Callable[[int], None], tmp_path: Path, kind: str
) -> None:
    fonts(9)
    first = _opened(qtbot, kind, tmp_path / "a")
    at_9 = first.size()
    first.close()
    fonts(18)
    dialog = _opened(qtbot, kind, tmp_path / "b")
    at_18 = dialog.size()
    assert at_18.height() > at_9.height(), (at_9, at_18)
    fonts(9)
    _settles(qtbot, dialog, at_9)


@pytest.mark.parametrize("kind", ["message", "question"])
def test_a_message_is_its_first_size_after_9_18_9_pt(
    qtbot: QtBot, fonts: Callable[[int], None], tmp_path: Path, kind: str
) -> None:
    fonts(9)
    dialog = _opened(qtbot, kind, tmp_path)
    at_9 = dialog.size()
    fonts(18)
    qtbot.waitUntil(lambda: dialog.height() > at_9.height())
    qtbot.wait(100)
    fonts(9)
    _settles(qtbot, dialog, at_9)


def test_a_dialog_the_person_resized_keeps_their_size(
    qtbot: QtBot, fonts: Callable[[int], None], tmp_path: Path
) -> None:
    """Measuring afresh is for sizes the program chose: a size the person gave is kept (a
    spontaneous resize, made offscreen through the window's handle as review59b did)."""
    fonts(9)
    dialog = _opened(qtbot, "add patient", tmp_path)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.resize(QSize(620, 278))
    qtbot.waitUntil(lambda: dialog.size() == QSize(620, 278))
    fonts(18)
    qtbot.wait(200)
    fonts(9)
    _settles(qtbot, dialog, QSize(620, 278))
