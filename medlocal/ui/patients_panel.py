"""Left side of the window: patients (add, search by name or MRN, remove) and the chosen
patient's documents (import by button or drag-and-drop of files and folders, delete). The
import's progress, Cancel and list of files not imported are :mod:`medlocal.ui.import_section`;
removing a patient and deleting documents (on a worker) are :mod:`medlocal.ui.patient_deletions`;
files dropped on the panel are :mod:`medlocal.ui.patient_drops`; the rows of the two lists are
:mod:`medlocal.ui.patient_rows`; the document list and its refresh during an import are
:mod:`medlocal.ui.document_list`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.patients import (
    document_dates,
    documents_in_order,
    patient_matches,
)
from medlocal.errors import MedLocalError
from medlocal.ui.colours import Tone, ToneLabel
from medlocal.ui.dialogs.patient_dialogs import (
    AddPatientDialog,
    add_patient_asking,
)
from medlocal.ui.document_filter import DocumentFilter, chosen_documents
from medlocal.ui.document_list import DocumentRefresh, SelectingList
from medlocal.ui.flow import FlowLayout
from medlocal.ui.icons import icon
from medlocal.ui.import_section import ImportSection
from medlocal.ui.message_dialog import tell
from medlocal.ui.patient_deletions import NOTHING_SELECTED
from medlocal.ui.patient_drops import PatientDrops
from medlocal.ui.patient_rows import (
    ID_ROLE,
    LABEL_ROLE,
    SEARCH_ROLE,
    patient_item,
    patient_row_text,
)
from medlocal.ui.workers import Job
from medlocal.vault.errors import NotFoundError, VaultBusyError
from medlocal.vault.rows import Patient


class PatientsPanel(PatientDrops):
    """Emits ``patientChosen(id)`` (``-1`` when none), ``documentsChanged()`` and
    ``exportDocumentRequested(document_id)`` ("Export redacted copy…" of the selected one)."""

    patientChosen = Signal(int)
    documentsChanged = Signal()
    exportDocumentRequested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setAcceptDrops(True)
        # Says that the chosen patient was removed outside this window (walk 34).
        self.notice = ToneLabel("", Tone.WARNING)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Patient list message")
        self.notice.hide()
        self._unsaved_patient: tuple[str, str | None, str | None] = ("", None, None)
        # Files dropped on the Patients list whose question a lock closed: said at the unlock.
        self._drops_lost_to_lock = 0
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search patients by name or MRN")
        self.search.setAccessibleName("Search patients")
        self.search.textChanged.connect(self._filter)
        self.patients = QListWidget()
        self.patients.setAccessibleName("Patients")
        # A row fits the pane's width, a long name wrapping: never a sideways scroll, which hid
        # the MRN on the name's line (walk 46a D6).
        self.patients.setWordWrap(True)
        self.patients.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.patients.currentItemChanged.connect(self._patient_changed)
        self.add_button = QPushButton("Add patient…")
        self.add_button.setAccessibleName("Add a patient")
        self.add_button.clicked.connect(self.add_patient)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected patient")
        self.remove_button.clicked.connect(self.remove_patient)

        # Files, folders or drops go to the import section; it reports its start and end.
        self.imports = ImportSection(
            workspace,
            self,
            self._chosen_for_import,
            lambda: not self.busy and self.patient_still_there(),
        )
        self.imports.started.connect(self._update_buttons)
        self.imports.finished.connect(self._import_finished)
        self.documents = SelectingList()
        self.document_refresh = DocumentRefresh(
            workspace, self.documents, lambda: self.patient_id, self
        )
        self.imports.fileImported.connect(self.document_refresh.follow_import)
        # A clinician with 200 documents finds one by name, type or date (ui63).
        self.document_filter = DocumentFilter(self.documents, self._own_dates)
        self.document_refresh.shown.connect(self.document_filter.apply)
        self._filtered_for: int | None = None  # the patient whose documents the box narrows
        self.documents.setAccessibleName("Documents of the selected patient")
        # One line each, a long one cut short with "…", never a sideways scroll: at 18 pt the
        # pane showed three rows and a scroll bar (walk 48a D5); wrapped, only one and a half.
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.documents.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.import_button = QPushButton("Import files…")
        self.import_button.setAccessibleName("Import documents from files")
        self.import_button.clicked.connect(self.imports.choose_files)
        self.import_folder_button = QPushButton("Import folder…")
        self.import_folder_button.setAccessibleName("Import every document in a folder")
        self.import_folder_button.clicked.connect(self.imports.choose_folder)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the selected documents")
        self.delete_button.clicked.connect(self.delete_documents)
        self.export_copy_button = QPushButton("Export redacted copy…")
        self.export_copy_button.setAccessibleName(
            "Export a de-identified copy of the selected document"
        )
        self.export_copy_button.setToolTip(
            "Write the selected document's text to .md, .txt, .docx or .pdf with identifiers "
            "removed (you review the list first)."
        )
        self.export_copy_button.clicked.connect(self.export_selected_document)
        self.documents.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Patients</b>"))
        layout.addWidget(self.search)
        layout.addWidget(self.notice)
        layout.addWidget(self.patients, 2)
        # Rows of buttons flow onto a second line in a narrow pane (walk 34: three buttons on
        # one line held the window at least 1006 px wide with the other panes).
        row = FlowLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        documents_label = QLabel("<b>Documents</b> (drop files or folders here)")
        documents_label.setWordWrap(True)
        layout.addWidget(documents_label)
        layout.addWidget(self.document_filter)
        layout.addWidget(self.document_filter.count)
        layout.addWidget(self.documents, 3)
        row2 = FlowLayout()
        row2.addWidget(self.import_button)
        row2.addWidget(self.import_folder_button)
        row2.addWidget(self.delete_button)
        layout.addLayout(row2)
        layout.addWidget(self.export_copy_button)
        self.imports.add_to(layout)

        for button, name in (
            (self.add_button, "add"),
            (self.remove_button, "delete"),
            (self.import_button, "import"),
            (self.import_folder_button, "folder"),
            (self.delete_button, "delete"),
            (self.export_copy_button, "export"),
        ):
            button.setIcon(icon(name))
        self.delete_job: Job | None = None  # deleting documents or removing a patient
        self._update_buttons()

    # -- state -------------------------------------------------------------------------------

    @property
    def patient_id(self) -> int | None:
        item = self.patients.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.imports.clear()
        # Removing items moves the current row through the remaining patients: without this,
        # each step would announce a patient whose records can no longer be read.
        self.patients.blockSignals(True)
        self.patients.clear()
        self.patients.blockSignals(False)
        self.documents.clear()
        self.search.clear()
        self.document_filter.forget()  # what was typed may name a document: patient text
        self.notice.hide()
        self._unsaved_patient = ("", None, None)  # a name typed is patient text too
        self.document_refresh.forget_reads()
        self._update_buttons()

    def reload(self, select: int | None = None) -> None:
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            return
        self._fill(vault.list_patients(), select)
        self._patient_changed()
        if self._drops_lost_to_lock:
            count, self._drops_lost_to_lock = self._drops_lost_to_lock, 0
            self.imports.say_about_drop(
                f"Not imported: the {count} file(s) dropped on the Patients list before "
                "MedLocal locked, as it asked which patient they were for. Drop them again."
            )

    def _fill(self, patients: list[Patient], select: int | None) -> None:
        """The list of ``patients``, ``select`` chosen, without announcing any choice."""
        self.patients.blockSignals(True)
        self.patients.clear()
        for patient in patients:
            item = patient_item(patient)
            self.patients.addItem(item)
            if patient.id == select:
                self.patients.setCurrentItem(item)
        self.patients.blockSignals(False)
        self._filter(self.search.text())

    def sync_with_vault(self) -> bool:
        """Read the patients and the chosen one's documents again (the window calls it when it
        is activated): the command line or another MedLocal may have changed them meanwhile.
        A chosen patient removed there is dropped with a message, and ``False`` returned; walk
        34 found the window still listing such a patient and their documents, the chat saying
        "no documents yet" beside them and the next import bound for a patient gone."""
        vault = self.workspace.vault
        if vault is None or vault.is_locked or self.busy:
            # An import or deletion may hold the vault for a long commit: not on the GUI thread.
            # Its end reads the lists again, and finds a patient removed meanwhile.
            return True
        patients = vault.list_patients()
        current = self.patient_id
        if current is not None and current not in {p.id for p in patients}:
            self._drop_removed_patient()
            return False
        shown = [
            (int(self.patients.item(row).data(ID_ROLE)), self.patients.item(row).text())
            for row in range(self.patients.count())
        ]
        if shown != [(p.id, patient_row_text(p)) for p in patients]:
            self._fill(patients, current)  # added or renamed elsewhere; the choice stays
        if current is not None:
            docs = vault.list_documents(current)
            if self.document_refresh.listed() != [d.id for d in documents_in_order(docs)]:
                self.document_refresh.forget_reads()
                self.document_refresh.show(docs)
                self.documentsChanged.emit()
        return True

    def patient_still_there(self) -> bool:
        """Whether the chosen patient is still in the vault; one removed elsewhere is dropped
        with a message (before an import, after a question found no documents)."""
        vault, patient = self.workspace.vault, self.patient_id
        if vault is None or vault.is_locked or patient is None:
            return True
        try:
            vault.get_patient(patient)
        except NotFoundError:
            self._drop_removed_patient()
            return False
        return True

    def _drop_removed_patient(self) -> None:
        item = self.patients.currentItem()
        name = str(item.data(LABEL_ROLE)) if item is not None else "The patient"
        self.imports.cancel_import()
        self.reload()  # nobody chosen: the documents and the chat empty
        self.notice.setText(
            f"{name} is no longer in the vault: they were removed outside this window (with "
            "'medlocal patient remove' or another MedLocal window). Nothing more can be "
            "imported for them. Choose a patient."
        )
        self.notice.show()

    def _all_document_items(self) -> list[QListWidgetItem]:
        self.reload_documents()
        return [self.documents.item(row) for row in range(self.documents.count())]

    def _filter(self, text: str) -> None:
        # The matching is the application's (words in any order, MRN punctuation ignored).
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            name, mrn = item.data(SEARCH_ROLE)
            item.setHidden(not patient_matches(text, str(name), str(mrn)))

    def _patient_changed(self, *_args: Any) -> None:
        if self.patient_id is not None:  # a patient chosen: the message of one removed goes
            self.notice.hide()
        if self.patient_id != self._filtered_for:
            # Another patient's list is not narrowed by a word typed for the last one's.
            self._filtered_for = self.patient_id
            self.document_filter.clear()
        self.reload_documents()
        self.imports.show_result()
        self.patientChosen.emit(self.patient_id if self.patient_id is not None else -1)
        self._update_buttons()

    def reload_documents(self) -> None:
        self.document_refresh.forget_reads()
        vault, patient = self.workspace.vault, self.patient_id
        if vault is None or vault.is_locked or patient is None:
            self.documents.clear()
            return
        if not self.patient_still_there():
            return
        self.document_refresh.show(vault.list_documents(patient))

    def _own_dates(self) -> dict[int, str]:
        """The chosen patient's documents' own dates, for the filter box's dates typed."""
        vault, patient = self.workspace.vault, self.patient_id
        if vault is None or vault.is_locked or patient is None:
            return {}
        return document_dates(vault, vault.list_documents(patient))

    def _update_buttons(self) -> None:
        has_patient = self.patient_id is not None
        busy = self.busy
        self.remove_button.setEnabled(has_patient and not busy)
        self.import_button.setEnabled(has_patient and not busy)
        self.import_folder_button.setEnabled(has_patient and not busy)
        self.delete_button.setEnabled(has_patient and not busy)
        chosen = chosen_documents(self.documents)
        self.export_copy_button.setEnabled(len(chosen) == 1)
        if chosen and self.notice.text() == NOTHING_SELECTED:
            self.notice.hide()  # Delete's hint followed

    # -- patients ----------------------------------------------------------------------------

    def add_patient(self) -> None:
        dialog = AddPatientDialog(self)
        # Only a patient the busy vault could not take comes back here; anything else typed
        # and left is not offered to the next patient (walk 51a: a stale MRN and birth date).
        dialog.fill(*self._unsaved_patient)
        self._unsaved_patient = ("", None, None)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            name, mrn, dob = dialog.values()
            vault = self.workspace.require_vault()
            try:
                new_id = add_patient_asking(self, vault, name, mrn, dob)
            except VaultBusyError as err:
                # Said beside the list, not in a box to dismiss; the next "Add patient" opens
                # with what was typed, so nothing is typed twice.
                self._unsaved_patient = (name, mrn, dob)
                self.notice.setText(f"The patient was not added yet. {err}")
                self.notice.show()
                return
            except MedLocalError as err:
                dialog.refuse(f"Not added: {err}")
                continue
            if new_id is None:
                continue  # "Go back": the form again, as typed
            self.notice.hide()
            self.reload(select=new_id)
            return

    # -- documents ---------------------------------------------------------------------------

    def export_selected_document(self) -> None:
        """Ask for the export dialog of the one selected document (the window opens it)."""
        items = chosen_documents(self.documents)
        if len(items) != 1:
            tell(self, "Export redacted copy", "Select one document first.")
            return
        if not self._still_listed(items):
            return
        self.exportDocumentRequested.emit(int(items[0].data(ID_ROLE)))

    def _import_finished(self) -> None:
        self._update_buttons()
        self.reload_documents()
        self.imports.show_result()
        self.documentsChanged.emit()
