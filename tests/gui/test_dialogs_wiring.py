"""Every dialog builds the way the main window builds it (``cls(workspace, *args, parent=...)``,
imported by module name on first use), with accessible names on its controls."""

from __future__ import annotations

import importlib

import pytest
from fixtures.gui_window import open_window
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace

DIALOGS = [
    ("models_dialog", "ModelManagerDialog", False),
    ("settings_dialog", "SettingsDialog", False),
    ("audit_dialog", "AuditDialog", False),
    ("about_dialog", "AboutDialog", False),
    ("summarize_dialog", "SummarizeDialog", True),
    ("eval_dialog", "EvaluateDialog", False),
    ("backup_dialog", "BackupDialog", False),
    ("outputs_dialog", "OutputsDialog", True),
]


@pytest.mark.parametrize(("module", "name", "needs_patient"), DIALOGS)
def test_dialog_builds_like_the_window_builds_it(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    module: str,
    name: str,
    needs_patient: bool,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    cls = getattr(importlib.import_module(f"medlocal.ui.dialogs.{module}"), name)
    args = (patient_with_note,) if needs_patient else ()
    dialog = cls(workspace, *args, parent=parent)
    assert dialog.parent() is parent
    for control in dialog.findChildren(QWidget):
        if control.objectName().startswith("qt_"):  # Qt's own parts (a table's corner button)
            continue
        # A tab bar takes the keyboard too (walk 53a L3: Models opened on an unnamed one).
        if isinstance(control, QAbstractButton | QComboBox | QLineEdit | QTabBar):
            text = control.text() if isinstance(control, QAbstractButton) else ""
            assert control.accessibleName() or text.strip("&"), f"{name}: unnamed {control}"
    dialog.reject()


def test_the_sources_tab_bar_is_named(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """Walk 53a L3: the Sources panel's Text/Page tab bar had no accessible name."""
    window = open_window(qtbot, gui_workspace)
    bars = window.findChildren(QTabBar)
    assert bars and all(bar.accessibleName() for bar in bars), [b.accessibleName() for b in bars]


def test_export_dialog_builds_like_the_window_builds_it(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int
) -> None:
    from medlocal.rag.export import Shared
    from medlocal.ui.dialogs.export_dialog import ExportDialog

    output_id = workspace.summarize(patient_with_note, "medication-list").output_id
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(workspace, output_id, parent=parent)
    assert dialog.parent() is parent and dialog.shared == Shared.output(output_id)
    dialog.reject()
