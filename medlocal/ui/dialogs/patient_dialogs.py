"""The patients panel's own dialogs: adding a patient (name, MRN, date of birth checked before
it closes) and the question before deleting documents that saved outputs quote."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from medlocal.app.patients import date_of_birth
from medlocal.errors import UserInputError
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.confirm import confirm
from medlocal.wording import counted, saved_outputs

DOCUMENTS_ONLY, WITH_OUTPUTS = "documents", "with outputs"


def ask_delete_documents(parent: QWidget | None, question: str, citing: int) -> str | None:
    """Yes/No, or, when ``citing`` saved answers or summaries quote the documents, a choice
    between deleting those too (WITH_OUTPUTS) and keeping them (DOCUMENTS_ONLY); None: cancel."""
    if not citing:
        return DOCUMENTS_ONLY if confirm(parent, "Delete documents", question) else None
    box = QMessageBox(QMessageBox.Icon.Question, "Delete documents", question, parent=parent)
    box.setInformativeText(
        f"{saved_outputs(citing).capitalize()} {'was' if citing == 1 else 'were'} written from "
        "them. Kept, they keep "
        "their text, including what they quote (File → Saved answers and summaries…)."
    )
    with_outputs = box.addButton(
        f"Delete with the {counted(citing, 'saved output')}",
        QMessageBox.ButtonRole.DestructiveRole,
    )
    only = box.addButton("Delete, keep the outputs", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)  # Enter deletes nothing (it chose "Delete, keep the outputs")
    box.exec()
    clicked = box.clickedButton()
    return WITH_OUTPUTS if clicked is with_outputs else DOCUMENTS_ONLY if clicked is only else None


class AddPatientDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a patient")
        self.name = QLineEdit()
        self.name.setAccessibleName("Patient name")
        self.mrn = QLineEdit()
        self.mrn.setAccessibleName("Medical record number")
        self.dob = QLineEdit()
        self.dob.setPlaceholderText("YYYY-MM-DD")
        self.dob.setAccessibleName("Date of birth")
        self.error = ToneLabel("", Tone.ERROR)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("MRN", self.mrn)
        form.addRow("Date of birth", self.dob)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fill(self, name: str, mrn: str | None, dob: str | None) -> None:
        """What was typed for a patient the vault could not add yet (it was busy)."""
        self.name.setText(name)
        self.mrn.setText(mrn or "")
        self.dob.setText(dob or "")

    def values(self) -> tuple[str, str | None, str | None]:
        dob = self.dob.text().strip()
        with contextlib.suppress(UserInputError):
            dob = date_of_birth(dob)  # "19700131" is stored as 1970-01-31
        return self.name.text().strip(), self.mrn.text().strip() or None, dob or None

    def _check(self) -> None:
        name, _mrn, dob = self.values()
        if not name:
            self.error.setText("Give the patient's name.")
            return
        if dob:
            try:
                date_of_birth(dob)
            except UserInputError as err:
                self.error.setText(str(err))
                return
        self.accept()
