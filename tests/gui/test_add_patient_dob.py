"""The add-patient dialog refuses a date of birth in the future and stores a basic-form date
("19700131") as YYYY-MM-DD, like 'medlocal patient add'; a known MRN asks before adding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs import patient_dialogs
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
    from PySide6.QtWidgets import QDialog

    from medlocal.ui.patients_panel import PatientsPanel

    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Lovelace", mrn="K4471902")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    monkeypatch.setattr(AddPatientDialog, "values", lambda self: ("Ada King", "K4471902", None))
    asked = _answering(monkeypatch, [False, True])
    _forms(monkeypatch, [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
    panel.add_patient()  # Go back, then Cancel in the form
    assert "already used by patient 1 (Ada Lovelace)" in asked[0]
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace"]  # cancelled
    _forms(monkeypatch, [QDialog.DialogCode.Accepted])
    panel.add_patient()
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace", "Ada King"]


def _answering(monkeypatch: pytest.MonkeyPatch, answers: list[bool]) -> list[str]:
    """The Same MRN / Similar patient question answered *Add anyway* (True) or *Go back*."""
    asked: list[str] = []
    left = iter(answers)

    def add_anyway(_parent: object, title: str, question: str) -> bool:
        asked.append(f"{title}: {question}")
        return next(left)

    monkeypatch.setattr(patient_dialogs, "_add_anyway", add_anyway)
    return asked


def _forms(monkeypatch: pytest.MonkeyPatch, results: list[object]) -> None:
    left = iter(results)
    monkeypatch.setattr(AddPatientDialog, "exec", lambda self: next(left))


def test_a_very_similar_patient_asks_before_adding(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 40b item 12: an MRN with two digits swapped and a name one letter apart."""
    from PySide6.QtWidgets import QDialog

    from medlocal.ui.patients_panel import PatientsPanel

    vault = gui_workspace.require_vault()
    vault.add_patient("Margaret Ellen Hartley", mrn="HRT-440912")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    typed = ("Margaret Helen Hartly", "HRT-440921", None)
    monkeypatch.setattr(AddPatientDialog, "values", lambda self: typed)
    asked = _answering(monkeypatch, [False, True])
    _forms(monkeypatch, [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
    panel.add_patient()
    assert asked[0].startswith("Similar patient: This patient is very like patient 1")
    assert "MRN HRT-440912 against HRT-440921" in asked[0]
    assert len(vault.list_patients()) == 1  # cancelled
    _forms(monkeypatch, [QDialog.DialogCode.Accepted])
    panel.add_patient()
    assert [p.name for p in vault.list_patients()][-1] == "Margaret Helen Hartly"


def _typed(qtbot: QtBot, dialog: AddPatientDialog, text: str) -> None:
    dialog.dob.clear()
    qtbot.keyClicks(dialog.dob, text)  # typed as a person types, key by key


def test_a_date_with_the_month_as_a_word_is_read_and_said_unambiguously(qtbot: QtBot) -> None:
    """Walk 39: "14/03/1948" was refused with "Write the date of birth as YYYY-MM-DD"."""
    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Ann Example")
    for typed in ("14 Mar 1948", "14 march 1948", "Mar 14, 1948", "1948-03-14"):
        _typed(qtbot, dialog, typed)
        assert dialog.dob_reading.text() == "Reads as 14 March 1948.", typed
        assert dialog.values()[2] == "1948-03-14", typed
    _typed(qtbot, dialog, "14 Ma")  # half-typed: nothing said yet
    assert dialog.dob_reading.text() == ""
    _typed(qtbot, dialog, "14 Mar 1948")
    dialog._check()
    assert dialog.result() == 1 and dialog.error.text() == ""


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("14/03/1948", "'14/03/1948' is not taken: day/month or month/day would be a guess"),
        ("03/14/1948", "'03/14/1948' is not taken: day/month or month/day would be a guess"),
        ("30 Feb 1948", "30 Feb 1948 is not a real date: February 1948 has no day 30."),
        ("1948-02-30", "The date of birth 1948-02-30 is not a real date"),
        ("14 Mrz 1948", "'Mrz' in '14 Mrz 1948' is not a month"),
        ("14 Mar 2099", "The date of birth (2099-03-14) is in the future."),
    ],
)
def test_an_ambiguous_impossible_or_future_date_is_refused_saying_why(
    qtbot: QtBot, typed: str, said: str
) -> None:
    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Ann Example")
    _typed(qtbot, dialog, typed)
    assert dialog.dob_reading.text().startswith(said), dialog.dob_reading.text()  # as typed
    dialog._check()
    assert dialog.result() == 0
    assert dialog.error.text().startswith(said), dialog.error.text()
    assert dialog.dob.text() == typed  # left as typed to correct, never silently changed


def test_the_calendar_picks_a_past_date_and_shows_it_in_the_field(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    today = QDate.currentDate()
    assert dialog.calendar.maximumDate() == today  # no future date to pick
    dialog.calendar.setSelectedDate(today.addDays(5))
    assert dialog.calendar.selectedDate() == today
    dialog.calendar.clicked.emit(QDate(1915, 12, 10))
    assert dialog.dob.text() == "10 Dec 1915"
    assert dialog.dob_reading.text() == "Reads as 10 December 1915."
    assert dialog.values()[2] == "1915-12-10"
    dialog.fill("Ada", None, "1948-03-14")  # a patient not yet added comes back as shown
    assert dialog.dob.text() == "14 Mar 1948" and dialog.values()[2] == "1948-03-14"


def test_a_typed_date_reaches_the_vault_as_yyyy_mm_dd(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from medlocal.ui.patients_panel import PatientsPanel

    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)

    def typed(dialog: AddPatientDialog) -> QDialog.DialogCode:
        qtbot.keyClicks(dialog.name, "Ada King")
        _typed(qtbot, dialog, "10 Dec 1915")
        dialog._check()
        return QDialog.DialogCode(dialog.result())

    monkeypatch.setattr(AddPatientDialog, "exec", typed)
    panel.add_patient()
    [patient] = gui_workspace.require_vault().list_patients()
    assert (patient.name, patient.dob) == ("Ada King", "1915-12-10")
