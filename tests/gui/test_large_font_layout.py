"""Walk 48a D3, D4, D5, D8: with an 18 pt font (200 % scale on a 1280x720 logical screen), text
was cut off: the wizard's subtitles, the empty chat's hint (one line at any size), the Sources
header, the Summarise dialog's "Template" label. Each is measured here against what its
widget is given, at 18 pt."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import make_workspace, open_window
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.first_run import FirstRunWizard

SMALL_SCREEN = (1280, 720)  # 2560x1440 at 200 %


def _whole(label: QLabel) -> bool:
    """Whether a word-wrapped label has the height its text needs at its width."""
    return label.heightForWidth(label.width()) <= label.height()


def test_wizard_subtitles_fit_the_header_at_18_pt(
    qtbot: QtBot, tmp_path: Path, big_font: QFont
) -> None:
    """QWizard's header shows two lines of subtitle; a third was cut off ("Choose a passphrase
    of" ended page 1, "MedLocal keeps no copy." was lost on the recovery page)."""
    wizard = FirstRunWizard(make_workspace(tmp_path))
    qtbot.addWidget(wizard)
    wizard.show()
    header = next(
        label
        for label in wizard.findChildren(QLabel)
        if label.isVisible() and label.text() == wizard.passphrase_page.subTitle()
    )
    assert _whole(header)
    metrics = header.fontMetrics()
    for page in (wizard.passphrase_page, wizard.recovery_page, wizard.model_page):
        needed = metrics.boundingRect(
            QRect(0, 0, header.width(), 10_000), Qt.TextFlag.TextWordWrap, page.subTitle()
        ).height()
        assert needed <= 2 * metrics.lineSpacing(), page.subTitle()
    # What no longer fits in the header is in the page, whole.
    assert _whole(wizard.passphrase_page.advice), wizard.passphrase_page.advice.size()
    assert "weak ones are refused" in wizard.passphrase_page.advice.text()
    assert "keeps no copy" in wizard.recovery_page.advice.text()


def _ink_rows(widget: QWidget) -> list[int]:
    """The pixel rows of ``widget`` where something differs from its background colour."""
    image: QImage = widget.grab().toImage()
    background = QColor(image.pixel(image.width() - 3, image.height() - 3))
    return [
        y
        for y in range(image.height())
        if any(QColor(image.pixel(x, y)) != background for x in range(3, image.width() - 20))
    ]


def test_the_empty_chat_hint_shows_every_line(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """Qt drew a text view's placeholder within one line: "Ask a question below about this
    patient's" was all that ever showed of the hint (at every scale)."""
    gui_workspace.require_vault().add_patient("Hint Patient")
    window = open_window(qtbot, gui_workspace)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    view = window.chat.view
    assert view.document().isEmpty() and view.placeholderText().count("\n") >= 2
    rows = _ink_rows(view.viewport())
    line = view.fontMetrics().lineSpacing()
    # Three lines of hint (or more, wrapped): ink well below the first line.
    assert rows and rows[-1] - rows[0] > 2 * line, (rows[:3], rows[-3:], line)
    window.close()


def test_the_sources_header_is_whole_at_18_pt_on_a_small_screen(
    qtbot: QtBot, gui_workspace: Workspace, big_font: QFont
) -> None:
    gui_workspace.require_vault().add_patient("Header Patient")
    window = open_window(qtbot, gui_workspace)
    window.resize(*SMALL_SCREEN)
    window.show()
    qtbot.waitExposed(window)
    header = window.sources.header
    assert _whole(header), (header.height(), header.heightForWidth(header.width()))
    window.close()


def test_the_backup_reminder_is_whole_beside_the_model_at_18_pt(
    qtbot: QtBot, gui_workspace: Workspace, big_font: QFont
) -> None:
    """As a temporary status message it was drawn under the permanent labels: "Tools → Ba"
    then "Model: not loaded" over the rest."""
    from medlocal.ui.unlock_follow_ups import BACKUP_REMINDER

    window = open_window(qtbot, gui_workspace)
    window.resize(*SMALL_SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.status.show_reminder(BACKUP_REMINDER, 60_000)
    reminder, model = window.status.reminder, window.status.model
    qtbot.waitUntil(lambda: reminder.isVisible() and reminder.width() > 0, timeout=5000)
    # In the status bar's frame (the model's label lies in the status row, ui62).
    bar = window.statusBar()
    model_in_bar = QRect(model.mapTo(bar, QPoint(0, 0)), model.size())
    assert not reminder.geometry().intersects(model_in_bar)
    assert _whole(reminder), (reminder.size(), reminder.heightForWidth(reminder.width()))
    # The status bar takes the reminder's lines, no more: the window stays on the screen.
    assert window.frameGeometry().height() <= SMALL_SCREEN[1] + 40, window.size()
    assert window.statusBar().height() <= 4 * reminder.fontMetrics().lineSpacing()
    window.close()


def test_summarise_template_label_is_whole_at_18_pt(
    qtbot: QtBot, gui_workspace: Workspace, big_font: QFont
) -> None:
    """Beside its box, "Template" got exactly its measured width, and at 200 % the drawn text ran
    past it: the last letter was cut ("Templat"). Above its box it has the pane's width."""
    from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog

    patient = gui_workspace.require_vault().add_patient("Template Patient")
    dialog = SummarizeDialog(gui_workspace, patient)
    qtbot.addWidget(dialog)
    dialog.resize(*SMALL_SCREEN)
    dialog.show()
    qtbot.waitExposed(dialog)
    label, box = dialog.template_label, dialog.template
    assert label.buddy() is box
    assert label.geometry().bottom() < box.geometry().top()  # above it, not beside
    assert label.width() >= 2 * label.sizeHint().width(), (label.width(), label.sizeHint())
