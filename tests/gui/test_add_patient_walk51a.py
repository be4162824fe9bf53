"""Walk 51a MEDIUM 3 and LOW 5, with the real form and the real questions: Cancel on "Same MRN"
closed the form, and the next *Add patient…* opened with the abandoned patient's name, MRN and
date of birth; a 5,000-character name, a 300-character MRN and a name with a tab and a line
break were taken without a word."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.patients import MRN_MAX, NAME_MAX, add_patient
from medlocal.errors import UserInputError
from medlocal.ui.dialogs.patient_dialogs import ADD_ANYWAY, GO_BACK, AddPatientDialog
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.patients_panel import PatientsPanel


def _when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal window of ``kind`` once it is shown (its own exec loop)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _click(text: str, seen: list[str]) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QuestionDialog)
        seen.append(f"{box.windowTitle()}: {box.text.text()}")
        if text not in box.answers:
            raise AssertionError(f"no {text!r} in {list(box.answers)}")
        box.choose(text)

    return act


def _fields(form: QWidget) -> tuple[str, str, str]:
    assert isinstance(form, AddPatientDialog)
    return form.name.text(), form.mrn.text(), form.dob.text()


def test_go_back_keeps_the_form_and_a_new_add_starts_empty(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Margaret Ellen Hartley", mrn="HRT-999001")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    seen: list[str] = []
    forms: list[tuple[str, str, str]] = []

    def type_and_ok(form: QWidget) -> None:
        assert isinstance(form, AddPatientDialog)
        form.name.setText("Margaret Helen Hartly")
        form.mrn.setText("HRT-999001")
        form.dob.setText("14 Mar 1948")
        _when_modal(QuestionDialog, go_back)
        form._check()

    def go_back(box: QWidget) -> None:
        _click(GO_BACK, seen)(box)
        _when_modal(AddPatientDialog, look_then_cancel)

    def look_then_cancel(form: QWidget) -> None:
        forms.append(_fields(form))
        assert isinstance(form, QDialog)
        form.reject()

    _when_modal(AddPatientDialog, type_and_ok)
    panel.add_patient()
    assert seen and seen[0].startswith("Same MRN:") and "go back" in seen[0]
    assert forms == [("Margaret Helen Hartly", "HRT-999001", "14 Mar 1948")]  # as typed
    assert len(vault.list_patients()) == 1

    def look_then_cancel_again(form: QWidget) -> None:
        forms.append(_fields(form))
        assert isinstance(form, QDialog)
        form.reject()

    _when_modal(AddPatientDialog, look_then_cancel_again)
    panel.add_patient()
    assert forms[1] == ("", "", "")  # nothing left from the patient never added


def test_add_anyway_adds_the_second_patient(qtbot: QtBot, gui_workspace: Workspace) -> None:
    vault = gui_workspace.require_vault()
    vault.add_patient("Ada Lovelace", mrn="K4471902")
    panel = PatientsPanel(gui_workspace)
    qtbot.addWidget(panel)
    seen: list[str] = []

    def type_and_ok(form: QWidget) -> None:
        assert isinstance(form, AddPatientDialog)
        form.name.setText("Ada King")
        form.mrn.setText("K4471902")
        _when_modal(QuestionDialog, _click(ADD_ANYWAY, seen))
        form._check()

    _when_modal(AddPatientDialog, type_and_ok)
    panel.add_patient()
    assert [p.name for p in vault.list_patients()] == ["Ada Lovelace", "Ada King"]


@pytest.mark.parametrize(
    ("name", "mrn", "said"),
    [
        ("A" * (NAME_MAX + 1), "", f"at most {NAME_MAX}"),
        ("Ann Example", "K" * (MRN_MAX + 1), f"at most {MRN_MAX}"),
        ("Ann\x07Example", "", "control character"),
        ("Ann Example", "K44\t71902", "control character"),
    ],
)
def test_the_form_refuses_what_is_no_name_or_mrn(
    qtbot: QtBot, name: str, mrn: str, said: str
) -> None:
    form = AddPatientDialog()
    qtbot.addWidget(form)
    form.name.setText(name)
    form.mrn.setText(mrn)
    form._check()
    assert said in form.error.text() and form.result() == 0
    assert form.name.text() == name  # kept as typed, to correct


def test_a_name_with_a_tab_and_a_line_break_is_stored_with_spaces(
    gui_workspace: Workspace,
) -> None:
    vault = gui_workspace.require_vault()
    patient = add_patient(vault, "Tab\tNew\nLine  Name", "")
    assert [p.name for p in vault.list_patients() if p.id == patient] == ["Tab New Line Name"]
    with pytest.raises(UserInputError, match="at most"):
        add_patient(vault, "x" * 5000)
    assert AddPatientDialog().mrn.placeholderText() == "Optional"
