"""Walk 48a, keyboard and screen reader (D6-D12): combo boxes named by their value, a Tab order
that did not follow the screen, unnamed stops, a document list Tab did not select, no visible
focus, no Alt+letters in Add patient and Backup, no key to the question box, no Quit key."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import focus_in_window, window_with_patient
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.chat_texts import EMPTY_CHAT_HINT, NO_PATIENTS_YET_HINT
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.dialogs.eval_dialog import EvaluateDialog
from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog
from medlocal.ui.dialogs.settings_dialog import SettingsDialog
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog
from medlocal.ui.focus_frame import FocusRing
from medlocal.ui.sources_panel import SOURCES_HINT

README = Path(__file__).resolve().parents[2] / "README.md"


def _tab_ring(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab visits from the focused one, once round (a spin box's own line edit
    is part of the spin box)."""
    first = dialog.focusWidget()
    assert first is not None
    ring, widget = [first], first
    while len(ring) < 200:
        widget = widget.nextInFocusChain()
        if widget is first:
            break
        inner = widget.parentWidget() is not None and widget.parentWidget().inherits(
            "QAbstractSpinBox"
        )
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and not inner
        ):
            ring.append(widget)
    return ring


def _label_of(widget: QWidget) -> str:
    """The text of the label a screen reader reads for ``widget`` (Qt's Label relation: on
    Linux a combo box's own name is its value, the label names it)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    labels = [r for r, _ in iface.relations(QAccessible.RelationFlag.Label)]
    return labels[0].text(QAccessible.Text.Name).replace("&", "") if labels else ""


def _combos_are_labelled(dialog: QDialog) -> None:
    dialog.show()
    combos = [c for c in dialog.findChildren(QComboBox) if c.isVisibleTo(dialog)]
    assert combos
    for combo in combos:
        label = _label_of(combo)
        assert label and label != combo.currentText(), (combo.accessibleName(), label)
        assert combo.accessibleName(), combo.currentText()  # the name on Windows and macOS


def test_every_combo_box_is_named_by_its_label(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    for dialog in (SettingsDialog(gui_workspace), EvaluateDialog(gui_workspace)):
        qtbot.addWidget(dialog)
        _combos_are_labelled(dialog)
    patient = gui_workspace.require_vault().add_patient("Combo Patient")
    summarize = SummarizeDialog(gui_workspace, patient)
    qtbot.addWidget(summarize)
    _combos_are_labelled(summarize)


def test_settings_tab_order_follows_the_screen(qtbot: QtBot, gui_workspace: Workspace) -> None:
    dialog = SettingsDialog(gui_workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None, timeout=5000)
    ring = _tab_ring(dialog)
    names = [w.accessibleName() for w in ring]
    # Top to bottom in the scrolled body, then the buttons; no empty stop for the scroll area.
    tops = [w.mapTo(dialog.scroll_area.widget(), w.rect().topLeft()).y() for w in ring[:-2]]
    assert tops == sorted(tops), list(zip(names, tops, strict=False))
    assert ring[-2] is dialog.save_button and ring[-1].text() == "Cancel"
    assert dialog.scroll_area not in ring and dialog.scroll_area.accessibleName() == "Settings"
    assert names.index("Sampling preset") < names.index("Temperature")


def test_backup_opens_on_its_first_field_and_close_is_last(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    dialog = BackupDialog(gui_workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None, timeout=5000)
    assert dialog.focusWidget() is dialog.destination
    ring = _tab_ring(dialog)
    assert ring[-1].text() == "Close"


def _mnemonic_buddies(dialog: QDialog) -> dict[str, QWidget]:
    found: dict[str, QWidget] = {}
    for label in dialog.findChildren(QLabel):
        text = label.text()
        if "&" in text and label.buddy() is not None:
            letter = text[text.index("&") + 1].lower()
            assert letter not in found, f"Alt+{letter} twice"
            found[letter] = label.buddy()
    return found


def test_add_patient_and_backup_fields_have_alt_letters(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    add = AddPatientDialog()
    qtbot.addWidget(add)
    assert _mnemonic_buddies(add) == {"n": add.name, "m": add.mrn, "b": add.dob}
    backup = BackupDialog(gui_workspace)
    qtbot.addWidget(backup)
    buddies = _mnemonic_buddies(backup)
    for field in (
        backup.destination,
        backup.keep,
        backup.backup_passphrase,
        backup.source,
        backup.source_passphrase,
        backup.new_passphrase,
        backup.confirm_passphrase,
    ):
        assert field in buddies.values(), field.accessibleName()


def test_f6_goes_to_the_question_box_and_quit_has_a_key(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Keys Patient")
    focus_in_window(qtbot, window, window.patients.add_button)
    qtbot.keyClick(window.patients.add_button, Qt.Key.Key_F6)
    qtbot.waitUntil(window.chat.question.hasFocus, timeout=5000)
    quit_action = next(a for a in window.findChildren(QAction) if a.text() == "&Quit")
    assert not quit_action.shortcut().isEmpty()
    shortcuts = [s.toString() for a in window.findChildren(QAction) for s in a.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts  # no key twice
    readme = README.read_text(encoding="utf-8")
    assert "`F6`" in readme and "`Ctrl+Q`" in readme
    window.close()


def test_tab_into_the_documents_selects_the_current_one(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path
) -> None:
    note = tmp_path / "gp_note.txt"
    note.write_text("Apixaban 5 mg twice daily.", encoding="utf-8")
    window = window_with_patient(qtbot, gui_workspace, "Tab Patient")
    gui_workspace.import_documents([note], window.patients.patient_id)
    panel = window.patients
    panel.reload_documents()
    documents = panel.documents
    documents.setCurrentRow(0)
    documents.clearSelection()
    assert not panel.export_copy_button.isEnabled()
    focus_in_window(qtbot, window, panel.remove_button)
    while not documents.hasFocus():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert documents.selectedItems() == [documents.item(0)]
    assert panel.export_copy_button.isEnabled()
    window.close()


def test_the_focused_widget_has_a_visible_ring(qtbot: QtBot, gui_workspace: Workspace) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Ring Patient")
    button = window.patients.add_button
    focus_in_window(qtbot, window, button)  # placed by code, as after a dialog: no Tab
    rings = [r for r in window.findChildren(FocusRing) if r.isVisible()]
    assert len(rings) == 1 and rings[0].widget() is button
    ring = rings[0]
    assert ring.geometry().contains(button.geometry())
    image = ring.grab().toImage()
    highlight = ring.palette().highlight().color().rgb()
    assert image.pixel(image.width() // 2, 0) == highlight  # its top edge, drawn solid
    window.close()


def test_instructions_say_the_keys_too() -> None:
    for text in (SOURCES_HINT, EMPTY_CHAT_HINT, NO_PATIENTS_YET_HINT):
        flat = " ".join(text.split())
        assert "click" not in flat.lower() or "Ctrl+Tab" in flat, flat


def test_sources_tabs_are_named(qtbot: QtBot, gui_workspace: Workspace) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Name Patient")
    assert window.sources.tabs.accessibleName()
    window.close()
