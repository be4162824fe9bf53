"""Walk 55a H2-H5, M1: at 200 % on a 1366 x 768 laptop (683 x 384 logical pixels) with an
18 pt font, dialogs opened larger than the screen with their buttons off it (the first-run
wizard's Next, Backup's Restore and Close, Settings' Save), the model catalog was squeezed to
no rows and the export preview to half a row. Every dialog now fits that screen (its free
area given here; the test screen itself is larger), its closing buttons in view, what does
not fit scrolling, and its tables keep a few rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import FIT_DIALOGS, make_workspace, open_window
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialogButtonBox,
    QScrollArea,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import screen_room
from medlocal.ui.workers import wait_for_jobs

SMALL_SCREEN = QRect(0, 0, 683, 384)  # 1366 x 768 at 200 %


@pytest.fixture
def small_screen(big_font: QFont, monkeypatch: pytest.MonkeyPatch) -> None:
    """The small screen's free area, and an 18 pt font."""
    monkeypatch.setattr(screen_room, "free_area", lambda widget: QRect(SMALL_SCREEN))


def _closing_buttons(dialog: QWidget) -> list[QAbstractButton]:
    if isinstance(dialog, QWizard):
        shown = [dialog.button(which) for which in (QWizard.WizardButton.NextButton,)]
        shown += [dialog.button(QWizard.WizardButton.CancelButton)]
        return [b for b in shown if b is not None and b.isVisible()]
    boxes = dialog.findChildren(QDialogButtonBox)
    assert boxes, "a dialog ends in a button box"
    return [b for box in boxes for b in box.buttons() if b.isVisible()]


def _check_fits(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()
    assert size.width() <= SMALL_SCREEN.width() and size.height() <= SMALL_SCREEN.height(), size
    assert dialog.minimumSize().boundedTo(SMALL_SCREEN.size()) == dialog.minimumSize()
    # The dialog can be as small as the screen: nothing in it insists on more.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SMALL_SCREEN.width() and hint.height() <= SMALL_SCREEN.height(), hint
    buttons = _closing_buttons(dialog)
    assert buttons
    for button in buttons:
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert dialog.rect().contains(where), (button.text(), where, dialog.rect())
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
        # Not inside the scrolling part: always in view, whatever is scrolled.
        parent = button.parentWidget()
        while parent is not None and parent is not dialog:
            assert not isinstance(parent, QScrollArea), button.text()
            parent = parent.parentWidget()


def _rows_shown(view: QAbstractItemView, rows: int) -> bool:
    return view.minimumHeight() >= rows * view.fontMetrics().height()


@pytest.mark.parametrize(
    ("module", "name"),
    FIT_DIALOGS,
)
def test_every_dialog_fits_a_small_screen_at_18_pt(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    small_screen: None,
    module: str,
    name: str,
) -> None:
    window = open_window(qtbot, workspace)
    args: tuple[Any, ...] = ()
    if name in ("SummarizeDialog", "OutputsDialog"):
        args = (patient_with_note,)
    elif name == "DocumentExportDialog":
        args = (workspace.require_vault().list_documents(patient_with_note)[0].id,)
    dialog = window.dialogs.make(module, name, *args)
    _check_fits(qtbot, dialog)
    if name == "ModelManagerDialog":
        assert _rows_shown(dialog.catalog_table, 4)
        assert _rows_shown(dialog.installed_table, 3)
    if name == "DocumentExportDialog":
        assert _rows_shown(dialog.preview, 4)
    dialog.reject()
    assert wait_for_jobs(20.0)


def test_add_patient_fits_a_small_screen_at_18_pt(qtbot: QtBot, small_screen: None) -> None:
    from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog

    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    _check_fits(qtbot, dialog)


def test_the_first_run_wizard_fits_a_small_screen_at_18_pt(
    qtbot: QtBot, tmp_path: Path, small_screen: None
) -> None:
    from medlocal.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(make_workspace(tmp_path))
    qtbot.addWidget(wizard)
    _check_fits(qtbot, wizard)
    # The passphrase page's every line is there, scrolled to if need be.
    advice = wizard.passphrase_page.advice
    assert advice.heightForWidth(advice.width()) <= advice.height()
