"""The add-patient dialog refuses a date of birth in the future and stores a basic-form date
("19700131") as YYYY-MM-DD, like 'medlocal patient add'."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from medlocal.ui.patients_panel import AddPatientDialog


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
