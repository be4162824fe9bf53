"""Long messages and font changes (ui59, carried from walk 55a / walkfix56):

* every one-button message of the window goes through ui.message_dialog: the start's
  "cannot write to its folder" with a long path, a QMessageBox, lay off a 683 x 384 screen at
  18 pt (QMessageBox fixes its own size);
* a message at its usual size shows its whole text: it was measured on margins fit_dialog had
  moved away, so its last line scrolled on any screen;
* a dialog grown for an 18 pt font takes its earlier size back once the font is 9 pt again (it
  stayed at its 18 pt size, half of it empty)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import make_workspace
from fixtures.message_boxes import inside, look_at_next_modal
from fixtures.permissions import as_a_user
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medlocal.ui import screen_room

SMALL_SCREEN = QRect(0, 0, 683, 384)  # 1366 x 768 at 200 %
LARGE_SCREEN = QRect(0, 0, 1920, 1080)
LONG_TEXT = "The deletion failed: MedLocal could not write /home/clinic/Shared exports/letters. "


def _set_points(qapp: QApplication, points: int) -> None:
    font = QFont(qapp.font())
    font.setPointSize(points)
    qapp.setFont(font)


def test_the_read_only_home_message_fits_a_small_screen_at_18_pt(
    qtbot: QtBot,
    big_font: QFont,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from medlocal.ui.app import home_writable

    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))
    home = tmp_path
    # A long path, which no line break splits (walk 55a's crash message named a folder too).
    for part in ("clinic-shared-drive", "cardiology-team-folder", "medlocal-portable-install"):
        home = home / f"{part}-for-the-practice-computers"
    (home / "config").mkdir(parents=True)
    (home / "config").chmod(0o500)
    as_a_user(monkeypatch)
    monkeypatch.setenv("MEDLOCAL_HOME", str(home))
    seen: dict[str, object] = {}

    def look(box: QWidget) -> None:
        seen["size"] = box.size()
        seen["buttons in view"] = [
            inside(box, button)
            for button in box.findChildren(QAbstractButton)
            if button.isVisible()
        ]

    look_at_next_modal(qtbot, look)
    try:
        assert home_writable(None) is False
    finally:
        (home / "config").chmod(0o700)
    size = seen["size"]
    assert isinstance(size, QSize)
    assert size.width() <= SMALL_SCREEN.width() and size.height() <= SMALL_SCREEN.height(), size
    assert seen["buttons in view"] == [True], seen


@pytest.mark.parametrize("points", [9, 12, 18])
@pytest.mark.parametrize("repeats", [1, 5, 15])
def test_a_message_shows_its_whole_text_where_the_screen_has_room(
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    points: int,
    repeats: int,
) -> None:
    from medlocal.ui.message_dialog import MessageDialog

    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(LARGE_SCREEN))
    before = qapp.font()
    _set_points(qapp, points)
    try:
        dialog = MessageDialog(None, "Documents not deleted", LONG_TEXT * repeats, "warning")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        area = dialog.findChild(QScrollArea)
        assert area is not None
        qtbot.wait(50)
        assert not area.verticalScrollBar().isVisible()
        assert dialog.text.visibleRegion().boundingRect() == dialog.text.rect()
    finally:
        qapp.setFont(before)


def _dialog(kind: str, tmp_path: Path) -> QWidget:
    if kind == "message":
        from medlocal.ui.message_dialog import MessageDialog

        return MessageDialog(None, "Documents not deleted", LONG_TEXT * 3, "warning")
    if kind == "add patient":
        from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog

        return AddPatientDialog(None)
    if kind == "change passphrase":
        from medlocal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog

        return ChangePassphraseDialog(make_workspace(tmp_path))
    from medlocal.ui.first_run import FirstRunWizard

    return FirstRunWizard(make_workspace(tmp_path))


@pytest.mark.parametrize("kind", ["message", "add patient", "change passphrase", "wizard"])
def test_a_dialog_grown_for_18_pt_is_its_size_again_at_9_pt(
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
) -> None:
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(LARGE_SCREEN))
    before = qapp.font()
    _set_points(qapp, 9)
    try:
        dialog = _dialog(kind, tmp_path)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)
        at_9 = dialog.size()
        _set_points(qapp, 18)
        qtbot.waitUntil(lambda: dialog.height() > at_9.height())
        qtbot.wait(100)  # both of its turns: back to the earlier size, then grown
        at_18 = dialog.size()
        _set_points(qapp, 9)

        def fits() -> bool:
            # No larger than it was at 9 pt, or than its content asks for at 9 pt.
            wanted = at_9.expandedTo(dialog.sizeHint())
            size = dialog.size()
            return size.width() <= wanted.width() and size.height() <= wanted.height()

        qtbot.waitUntil(fits)
        qtbot.wait(100)
        assert fits() and dialog.height() < at_18.height(), (at_9, at_18, dialog.size())
        if kind != "message":  # its measure of its text is its own, not its size hint's
            assert dialog.size() == at_9
    finally:
        qapp.setFont(before)
