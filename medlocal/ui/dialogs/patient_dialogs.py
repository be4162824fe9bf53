"""The patients panel's own dialogs: adding a patient (name, MRN, date of birth checked before
it closes, then the questions about an MRN already used or a patient very like this one) and the
question before deleting documents that saved outputs quote."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from medlocal.app.patients import (
    MONTHS,
    MRN_MAX,
    NAME_MAX,
    DuplicateMrnError,
    SimilarPatientError,
    add_patient,
    patient_mrn,
    patient_name,
    shown_date,
    typed_date_of_birth,
)
from medlocal.errors import UserInputError
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.confirm import CANCEL, confirm
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.message_dialog import ask
from medlocal.ui.screen_keeper import width_in_characters
from medlocal.wording import counted, saved_outputs

if TYPE_CHECKING:
    from medlocal.vault.store import Vault

DOCUMENTS_ONLY, WITH_OUTPUTS = "documents", "with outputs"
DELETE_DOCUMENTS, KEEP_OUTPUTS = "Delete", "Delete, keep the outputs"


def ask_delete_documents(parent: QWidget | None, question: str, citing: int) -> str | None:
    """Yes/No, or, when ``citing`` saved answers or summaries quote the documents, a choice
    between deleting those too (WITH_OUTPUTS) and keeping them (DOCUMENTS_ONLY); None: cancel."""
    if not citing:
        asked = confirm(parent, "Delete documents", question, DELETE_DOCUMENTS)
        return DOCUMENTS_ONLY if asked else None
    written = (
        f"{saved_outputs(citing).capitalize()} {'was' if citing == 1 else 'were'} written from "
        "them. Kept, they keep "
        "their text, including what they quote (File → Saved answers and summaries…)."
    )
    with_outputs = f"Delete with the {counted(citing, 'saved output')}"
    # Cancel is Enter's: an Enter out of habit deletes nothing (QMessageBox chose "Delete, keep
    # the outputs").
    answer = ask(
        parent, "Delete documents", f"{question}\n\n{written}", [with_outputs, KEEP_OUTPUTS], CANCEL
    )
    return {with_outputs: WITH_OUTPUTS, KEEP_OUTPUTS: DOCUMENTS_ONLY}.get(answer)


ADD_ANYWAY, GO_BACK = "Add anyway", "Go back"


def add_patient_asking(
    parent: QWidget | None, vault: Vault, name: str, mrn: str | None, dob: str | None
) -> int | None:
    """Add the patient, asking first about an MRN already used and then about a patient
    very like this one (walk 40b); None when the person goes back to the form (walk 51a: the
    answer was Cancel, which closed the form and kept its text for the next patient)."""
    allow_duplicate = allow_similar = False
    while True:
        try:
            return add_patient(
                vault,
                name,
                mrn,
                dob,
                allow_duplicate_mrn=allow_duplicate,
                allow_similar=allow_similar,
            )
        except DuplicateMrnError as err:
            title = "Same MRN"
            question = (
                f"{err}. Is this the same person? Then go back, cancel the form and import into "
                "that patient, so their documents stay in one record. A mistyped MRN: go back "
                "and correct it.\n\nAdd a second patient with this MRN anyway?"
            )
            allow_duplicate = True
        except SimilarPatientError as err:
            title = "Similar patient"
            question = (
                f"This patient is very like {err.listing}. Is it the same person, "
                "mistyped? Then go back, cancel the form and import into that patient. Two "
                "near-identical records are easily confused later.\n\nAdd this patient anyway?"
            )
            allow_similar = True
        if not _add_anyway(parent, title, question):
            return None


def _add_anyway(parent: QWidget | None, title: str, question: str) -> bool:
    """*Add anyway*, or *Go back* to the form as typed (the default, and Escape's)."""
    return confirm(parent, title, question, ADD_ANYWAY, GO_BACK)


class AddPatientDialog(QDialog):
    """Name, MRN and date of birth. The date is typed as a clinician writes it with the month as
    a word ("14 Mar 1948"), or as YYYY-MM-DD, or chosen from a calendar; the line under it says
    the date it reads, unambiguously, as it is typed (walk 39: the field took YYYY-MM-DD only and
    refused "14/03/1948" with no way to pick a date). Not a QDateEdit: one has no empty state
    (a date of birth may be unknown), and it silently puts back the previous date when a
    typed one is out of range (14 Mar 2099), where this field says what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a patient")
        self.name = QLineEdit()
        self.name.setAccessibleName("Patient name")
        self.mrn = QLineEdit()
        self.mrn.setAccessibleName("Medical record number")
        self.mrn.setPlaceholderText("Optional")  # walk 51a: a blank MRN was taken without a word
        self.name.setMaxLength(NAME_MAX * 2)  # what is typed over the limit is said, not cut off
        self.mrn.setMaxLength(MRN_MAX * 2)
        self.dob = QLineEdit()
        self.dob.setPlaceholderText("e.g. 14 Mar 1948 (or 1948-03-14)")
        self.dob.setAccessibleName("Date of birth")
        self.dob.textChanged.connect(self._show_reading)
        self.calendar = QCalendarWidget()
        self.calendar.setMaximumDate(QDate.currentDate())  # no future date can be picked
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        shown = QWidgetAction(menu)
        shown.setDefaultWidget(self.calendar)
        menu.addAction(shown)
        menu.aboutToShow.connect(self._calendar_at_typed_date)
        self.pick = QToolButton()
        self.pick.setText("Calendar…")
        self.pick.setAccessibleName("Choose the date of birth from a calendar")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setMenu(menu)
        self.dob_reading = ToneLabel("", Tone.MUTED)
        self.dob_reading.setAccessibleName("The date of birth as read")
        self.dob_reading.setWordWrap(True)
        dob_row = QHBoxLayout()
        dob_row.addWidget(self.dob, 1)
        dob_row.addWidget(self.pick)
        self.error = ToneLabel("", Tone.ERROR)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&MRN", self.mrn)
        dob_label = QLabel("Date of &birth", self)
        dob_label.setBuddy(self.dob)  # a row holding a layout gets no buddy of its own
        form.addRow(dob_label, dob_row)
        form.addRow("", self.dob_reading)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.dob_reading.hide()
        self.error.hide()
        fit_dialog(self)
        # Wide enough that a message under the date wraps onto two or three lines, not six;
        # no wider than the screen either (fit_dialog; walk 55a M1).
        width_in_characters(self, 70)

    def fill(self, name: str, mrn: str | None, dob: str | None) -> None:
        """What was typed for a patient the vault could not add yet (it was busy)."""
        self.name.setText(name)
        self.mrn.setText(mrn or "")
        self.dob.setText(_shown(dob) if dob else "")

    def values(self) -> tuple[str, str | None, str | None]:
        dob = self.dob.text().strip()
        with contextlib.suppress(UserInputError):
            dob = typed_date_of_birth(dob)  # "14 Mar 1948" is stored as 1948-03-14
        with contextlib.suppress(UserInputError):
            return patient_name(self.name.text()), self.mrn.text().strip() or None, dob or None
        return self.name.text().strip(), self.mrn.text().strip() or None, dob or None

    def _show_reading(self, text: str) -> None:
        """Under the field, as it is typed: the date read, its month spelled out so that day
        and month cannot be mixed up, or (once it looks finished) what is wrong with it."""
        self._say(self.error, "", Tone.ERROR)  # it was about what was typed before
        if not text.strip():
            self._say(self.dob_reading, "", Tone.MUTED)
            return
        try:
            born = date.fromisoformat(typed_date_of_birth(text))
        except UserInputError as err:
            # Half-typed ("14 Ma") is not yet an error: said only once a year is there.
            typed = text.strip()
            year_last = typed[-4:].isdigit()  # 14 Mar 1948, 14/03/1948
            year_first = typed[:4].isdigit() and typed[-2:].isdigit()  # 1948-02-30
            finished = len(typed) >= 8 and (year_last or year_first)
            self._say(self.dob_reading, str(err) if finished else "", Tone.ERROR)
            return
        self._say(
            self.dob_reading,
            f"Reads as {born.day} {MONTHS[born.month - 1]} {born.year}.",
            Tone.MUTED,
        )

    def _calendar_at_typed_date(self) -> None:
        """The calendar opens on the date typed so far, else on a year a patient may be born
        in rather than today (fewer clicks back through the years)."""
        with contextlib.suppress(UserInputError):
            typed = date.fromisoformat(typed_date_of_birth(self.dob.text()))
            self.calendar.setSelectedDate(QDate(typed.year, typed.month, typed.day))
            return
        self.calendar.setCurrentPage(QDate.currentDate().year() - 50, 1)

    def _picked(self, chosen: QDate) -> None:
        iso = chosen.toString(Qt.DateFormat.ISODate)
        self.dob.setText(_shown(iso))
        menu = self.pick.menu()
        if menu is not None:
            menu.hide()
        self.dob.setFocus()

    def _check(self) -> None:
        name, mrn, dob = self.values()
        try:
            patient_name(name)
            patient_mrn(mrn)
        except UserInputError as err:
            self.refuse(str(err))
            return
        if dob:
            try:
                typed_date_of_birth(dob)
            except UserInputError as err:
                self._say(self.dob_reading, "", Tone.MUTED)  # said once, below
                self._say(self.error, str(err), Tone.ERROR)
                self.dob.setFocus()
                return
        self.accept()

    def refuse(self, text: str) -> None:
        """Why the patient was not added, under the fields (the form stays as typed)."""
        self._say(self.error, text, Tone.ERROR)

    def _say(self, label: ToneLabel, text: str, tone: Tone) -> None:
        """A message, and the dialog grown to show it whole (a wrapped line overlapped)."""
        label.show_text(text, tone)
        label.setVisible(bool(text))
        self.adjustSize()


def _shown(iso: str) -> str:
    """A stored date of birth as the field shows it; as stored if it is not one."""
    try:
        return shown_date(iso)
    except ValueError:
        return iso
