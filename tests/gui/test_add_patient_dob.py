"""The add-patient dialog refuses a date of birth in the future and stores a basic-form date
("19700131") as YYYY-MM-DD, like 'medlocal patient add'; a known MRN asks before adding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog


def test_future_date_of_birth_is_refused(qtbot: QtBot) -> None:
    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Ann Example")
    dialog.dob.setText((date.today() + timedelta(days=3)).isoformat())
    dialog._check()
    assert "future" in dialog.error.text() and dialog.result() == 0
    dialog.dob.setText("19700131")
    assert dialog.values()[2] == "1970-01-31"
    dialog._check()
    assert dialog.result() == 1


def test_a_known_mrn_asks_before_adding_a_second_patient(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from medlocal.ui.patients_panel import PatientsPanel

    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Lovelace", mrn="K4471902")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    monkeypatch.setattr(AddPatientDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(AddPatientDialog, "values", lambda self: ("Ada King", "K4471902", None))
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    panel.add_patient()
    assert "already used by patient 1 (Ada Lovelace)" in asked[0]
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace"]  # cancelled
    panel.add_patient()
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace", "Ada King"]
