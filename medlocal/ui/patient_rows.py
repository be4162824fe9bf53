"""The rows of the patients panel's two lists: a patient (name, then MRN), and a document (its
file name and passage count, marked when its import noted something to check)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from medlocal.app.patients import shown_date
from medlocal.document_dates import file_name_date
from medlocal.fsutil import shown_name
from medlocal.ui.colours import Tone, tone_colour
from medlocal.ui.icons import NOTED_MARK
from medlocal.vault.rows import DocumentInfo, Patient

ID_ROLE = Qt.ItemDataRole.UserRole  # a row's patient or document id
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # (name, MRN) for the search box
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the one-line label, for sentences naming them
FIND_ROLE = Qt.ItemDataRole.UserRole + 3  # a document's name, type and dates, for its filter box
DATES_ROLE = Qt.ItemDataRole.UserRole + 4  # its import's date and its file name's (YYYY-MM-DD)


def patient_item(patient: Patient) -> QListWidgetItem:
    item = QListWidgetItem(patient_row_text(patient))
    item.setData(ID_ROLE, patient.id)
    item.setData(SEARCH_ROLE, (patient.name, patient.mrn or ""))
    item.setData(LABEL_ROLE, patient_label(patient))
    born = _born(patient)
    item.setToolTip(f"{patient_label(patient)}  ·  {born}" if born else patient_label(patient))
    return item


def patient_row_text(patient: Patient) -> str:
    """A patient's row: the name, and the MRN and date of birth on a line of their own. They are
    what tells two similar names apart (two "John Murphy" without an MRN read the same, ui64),
    and on one line the MRN went behind a sideways scroll in a narrow pane (walk 46a D6:
    "Marguerite Okonkwo-Blythe · MRN SBH-4…" at 800 and 1024 px wide)."""
    name = shown_name(patient.name)
    details = "  ·  ".join(
        d for d in (f"MRN {patient.mrn}" if patient.mrn else "", _born(patient)) if d
    )
    return f"{name}\n{details}" if details else name


def _born(patient: Patient) -> str:
    if not patient.dob:
        return ""
    try:
        return f"born {shown_date(patient.dob)}"
    except ValueError:  # not YYYY-MM-DD (an older vault's): as stored
        return f"born {shown_name(patient.dob)}"


def document_item(doc: DocumentInfo) -> QListWidgetItem:
    passages = "passage" if doc.chunk_count == 1 else "passages"
    text = f"{shown_name(doc.file_name)}  ({doc.chunk_count} {passages})"
    item = QListWidgetItem(f"{NOTED_MARK} {text}" if doc.notes else text)
    item.setData(ID_ROLE, doc.id)
    # The import's date and the file's type are not in the row, but are what a clinician
    # remembers of a document as often as its name; the name as the row shows it (what the
    # clinician can type).
    item.setData(FIND_ROLE, f"{shown_name(doc.file_name)} {doc.file_type} {doc.imported_at[:10]}")
    named = file_name_date(doc.file_name)
    item.setData(DATES_ROLE, [doc.imported_at[:10], *([named] if named else [])])
    if doc.notes:
        # What its import noted (it names another patient): the row says so for as long
        # as the document is in the vault, not only in that import's result (walk 30).
        item.setForeground(tone_colour(Tone.WARNING))
        item.setToolTip("\n".join(f"Check: {note}" for note in doc.notes))
    return item


def patient_label(patient: Patient) -> str:
    """A patient as the list shows them: name, then MRN where there is one."""
    mrn = f"  ·  MRN {patient.mrn}" if patient.mrn else ""
    return f"{shown_name(patient.name)}{mrn}"
