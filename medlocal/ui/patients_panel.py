"""Left side of the window: patients (add, search by name or MRN, remove) and the chosen
patient's documents (import by button or drag-and-drop of files and folders, per-file progress and
errors, delete).

Deleting documents or a patient runs on a worker (:func:`run_task`), the buttons disabled
meanwhile: each deletion ends with a pass over the whole text index and a WAL checkpoint (the
deleted text must not stay readable), seconds on a large vault. A selection goes in one call,
so that pass runs once for all of it. The saved outputs quoting the documents (the question
before deleting counts them) are looked for on a worker as well: every output is read for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.app.outputs import citing_output_ids
from medlocal.app.patients import (
    DuplicateMrnError,
    SimilarPatientError,
    add_patient,
    documents_in_order,
    patient_matches,
)
from medlocal.errors import MedLocalError
from medlocal.fsutil import shown_name
from medlocal.ingest.formats import SUPPORTED_SUFFIXES
from medlocal.ingest.pipeline import ImportReport, ProgressEvent, import_progress_text
from medlocal.progress import Progress, duration_text
from medlocal.ui.colours import Tone, ToneLabel, tone_colour
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.dialogs.patient_dialogs import (
    WITH_OUTPUTS,
    AddPatientDialog,
    ask_delete_documents,
)
from medlocal.ui.files import existing_folder, open_file_names
from medlocal.ui.flow import FlowLayout
from medlocal.ui.icons import NOTED_MARK, icon
from medlocal.ui.workers import Job, ProgressRelay, run_task
from medlocal.vault.errors import NotFoundError, VaultBusyError
from medlocal.vault.rows import DocumentInfo, Patient

if TYPE_CHECKING:
    from medlocal.vault.store import Vault

ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # (name, MRN) for the search box
# An import the lock stopped says so, not "cancelled": nobody cancelled it (walk 43 D10).
LOCK_STOPPED = "stopped when MedLocal locked"
DOCS_REFRESH_MS = 500


class PatientsPanel(QWidget):
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
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search patients by name or MRN")
        self.search.setAccessibleName("Search patients")
        self.search.textChanged.connect(self._filter)
        self.patients = QListWidget()
        self.patients.setAccessibleName("Patients")
        self.patients.currentItemChanged.connect(self._patient_changed)
        self.add_button = QPushButton("Add patient…")
        self.add_button.setAccessibleName("Add a patient")
        self.add_button.clicked.connect(self.add_patient)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected patient")
        self.remove_button.clicked.connect(self.remove_patient)

        self.documents = QListWidget()
        self.documents.setAccessibleName("Documents of the selected patient")
        self.documents.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.import_button = QPushButton("Import files…")
        self.import_button.setAccessibleName("Import documents from files")
        self.import_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton("Import folder…")
        self.import_folder_button.setAccessibleName("Import every document in a folder")
        self.import_folder_button.clicked.connect(self.choose_folder)
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
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        # Passages of the file being embedded: a long document moves batch by batch.
        self.file_progress = QProgressBar()
        self.file_progress.setAccessibleName("Embedding progress of the current file")
        self.file_progress.hide()
        self.progress_label = QLabel("")
        self.progress_label.setWordWrap(True)
        # Two lines reserved: a progress line of one or two lines then never moves the
        # widgets around it. A move repaints the icon buttons, whose font icons qtawesome
        # draws in Python, each draw first waiting for the interpreter lock: the sampler caught
        # such repaints in 60-80 ms stalls when a bar appeared and went away for every file.
        metrics = self.progress_label.fontMetrics()
        self.progress_label.setMinimumHeight(2 * metrics.lineSpacing())
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.errors = QListWidget()
        self.errors.setAccessibleName("Files that could not be imported")
        # Long reasons wrap inside the list rather than running off its right edge (walk 25:
        # readable only by scrolling sideways).
        self.errors.setWordWrap(True)
        self.errors.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.errors.hide()

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
        layout.addWidget(self.documents, 3)
        row2 = FlowLayout()
        row2.addWidget(self.import_button)
        row2.addWidget(self.import_folder_button)
        row2.addWidget(self.delete_button)
        layout.addLayout(row2)
        layout.addWidget(self.export_copy_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.file_progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.errors, 1)

        for button, name in (
            (self.add_button, "add"),
            (self.remove_button, "delete"),
            (self.import_button, "import"),
            (self.import_folder_button, "folder"),
            (self.delete_button, "delete"),
            (self.export_copy_button, "export"),
        ):
            button.setIcon(icon(name))
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._on_progress)
        self.file_relay = _FileEventRelay(self)
        self.file_relay.arrived.connect(self._on_file_event)
        self.import_job: Job | None = None
        self.delete_job: Job | None = None  # deleting documents or removing a patient
        self.last_report: ImportReport | None = None
        # The last import's summary and list of files not imported belong to its patient.
        self._result = _ImportResult()
        # The list follows an import at most every DOCS_REFRESH_MS, read off the GUI thread.
        self._docs_refresh = QTimer(self)
        self._docs_refresh.setSingleShot(True)
        self._docs_refresh.setInterval(DOCS_REFRESH_MS)
        self._docs_refresh.timeout.connect(self._refresh_documents_in_background)
        self._docs_generation = 0  # a background read older than the last reload is dropped
        self._update_buttons()

    # -- state -------------------------------------------------------------------------------

    @property
    def patient_id(self) -> int | None:
        item = self.patients.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.cancel_import()
        # Removing items moves the current row through the remaining patients: without this,
        # each step would announce a patient whose records can no longer be read.
        self.patients.blockSignals(True)
        self.patients.clear()
        self.patients.blockSignals(False)
        self.documents.clear()
        self.errors.clear()
        self.errors.hide()
        self._result = _ImportResult()
        self.search.clear()
        self.notice.hide()
        self._unsaved_patient = ("", None, None)  # a name typed is patient text too
        self._docs_refresh.stop()
        self._docs_generation += 1
        self.progress.hide()
        self.file_progress.hide()
        self.progress_label.clear()
        self._update_buttons()

    def reload(self, select: int | None = None) -> None:
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            return
        self._fill(vault.list_patients(), select)
        self._patient_changed()

    def _fill(self, patients: list[Patient], select: int | None) -> None:
        """The list of ``patients``, ``select`` chosen, without announcing any choice."""
        self.patients.blockSignals(True)
        self.patients.clear()
        for patient in patients:
            item = QListWidgetItem(patient_label(patient))
            item.setData(ID_ROLE, patient.id)
            item.setData(SEARCH_ROLE, (patient.name, patient.mrn or ""))
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
        if shown != [(p.id, patient_label(p)) for p in patients]:
            self._fill(patients, current)  # added or renamed elsewhere; the choice stays
        if current is not None:
            docs = vault.list_documents(current)
            if self._listed_documents() != [d.id for d in documents_in_order(docs)]:
                self._docs_refresh.stop()
                self._docs_generation += 1
                self._show_documents(docs)
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
        name = item.text() if item is not None else "The patient"
        self.cancel_import()
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

    def _listed_documents(self) -> list[int]:
        return [
            int(self.documents.item(row).data(ID_ROLE)) for row in range(self.documents.count())
        ]

    def _filter(self, text: str) -> None:
        # The matching is the application's (words in any order, MRN punctuation ignored).
        for row in range(self.patients.count()):
            item = self.patients.item(row)
            name, mrn = item.data(SEARCH_ROLE)
            item.setHidden(not patient_matches(text, str(name), str(mrn)))

    def _patient_changed(self, *_args: Any) -> None:
        if self.patient_id is not None:  # a patient chosen: the message of one removed goes
            self.notice.hide()
        self.reload_documents()
        self._show_import_result()
        self.patientChosen.emit(self.patient_id if self.patient_id is not None else -1)
        self._update_buttons()

    def reload_documents(self) -> None:
        self._docs_refresh.stop()
        self._docs_generation += 1
        vault, patient = self.workspace.vault, self.patient_id
        if vault is None or vault.is_locked or patient is None:
            self.documents.clear()
            return
        if not self.patient_still_there():
            return
        self._show_documents(vault.list_documents(patient))

    def _show_documents(self, docs: list[DocumentInfo]) -> None:
        self.documents.clear()
        for doc in documents_in_order(docs):  # the order `patient show` lists them in
            passages = "passage" if doc.chunk_count == 1 else "passages"
            text = f"{shown_name(doc.file_name)}  ({doc.chunk_count} {passages})"
            item = QListWidgetItem(f"{NOTED_MARK} {text}" if doc.notes else text)
            item.setData(ID_ROLE, doc.id)
            if doc.notes:
                # What its import noted (it names another patient): the row says so for as long
                # as the document is in the vault, not only in that import's result (walk 30).
                item.setForeground(tone_colour(Tone.WARNING))
                item.setToolTip("\n".join(f"Check: {note}" for note in doc.notes))
            self.documents.addItem(item)

    def _refresh_documents_in_background(self) -> None:
        """The list during an import. Read on a worker: the vault serialises its calls, and the
        import may be committing a large document, which would hold a GUI-thread read (and the
        window) until the commit ends."""
        ws, patient, generation = self.workspace, self.patient_id, self._docs_generation
        if patient is None:
            return

        def read(_cancel: Any) -> list[DocumentInfo]:
            return ws.require_vault().list_documents(patient)

        def show(docs: list[DocumentInfo]) -> None:
            if shiboken6.isValid(self) and generation == self._docs_generation:
                self._show_documents(docs)

        # A failed read (the vault locked meanwhile) leaves the list as it is: the end of the
        # import, or the lock, reloads or clears it.
        run_task("document list", read, show, lambda _exc: None)

    def _update_buttons(self) -> None:
        has_patient = self.patient_id is not None
        busy = self.busy
        self.remove_button.setEnabled(has_patient and not busy)
        self.import_button.setEnabled(has_patient and not busy)
        self.import_folder_button.setEnabled(has_patient and not busy)
        self.delete_button.setEnabled(has_patient and not busy)
        self.export_copy_button.setEnabled(len(self.documents.selectedItems()) == 1)

    @property
    def busy(self) -> bool:
        """An import or a deletion is running: the buttons that change the vault wait."""
        return any(job is not None and job.running for job in (self.import_job, self.delete_job))

    def _start_delete(
        self,
        name: str,
        work: Callable[[Any], None],
        title: str,
        *,
        patients: bool,
        gone: list[tuple[int, str]] | None = None,
    ) -> None:
        """Run a deletion on a worker; the lists (the patients' too with ``patients``) are read
        again after it, whatever the outcome. A document deleted elsewhere while the question
        was open (``gone``: the ids and names asked about) is said as such, not as an error."""

        def finished(exc: BaseException | None) -> None:
            self.delete_job = None
            if not shiboken6.isValid(self):
                return
            self._update_buttons()
            vault = self.workspace.vault
            if vault is None or vault.is_locked:
                return  # locked meanwhile: the lock screen shows, the lists were cleared
            if isinstance(exc, NotFoundError) and gone is not None:
                still = {int(i.data(ID_ROLE)) for i in self._all_document_items()}
                missing = [name for doc_id, name in gone if doc_id not in still]
                if missing:
                    self._say_deleted_elsewhere(missing)
                    self.documentsChanged.emit()
                    return
                # Every document asked about is still listed: the error is not a deletion made
                # elsewhere, so it is shown as the error it is.
            if exc is not None:
                QMessageBox.warning(self, title, error_text(exc, "The deletion"))
            if patients:
                self.reload()
            else:
                self.reload_documents()
            self.documentsChanged.emit()

        self.delete_job = run_task(name, work, lambda _none: finished(None), finished)
        self._update_buttons()

    # -- patients ----------------------------------------------------------------------------

    def _add_asking(self, vault: Vault, name: str, mrn: str | None, dob: str | None) -> int | None:
        """Add the patient, asking first about an MRN already used and then about a patient
        very like this one (walk 40b); None when the person cancels either question."""
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
                    f"{err}. Is this the same person? Then cancel and import into that "
                    "patient, so their documents stay in one record.\n\nAdd a second patient "
                    "with this MRN anyway?"
                )
                allow_duplicate = True
            except SimilarPatientError as err:
                title = "Similar patient"
                question = (
                    f"This patient is very like {err.listing}. Is it the same person, "
                    "mistyped? Then cancel and import into that patient. Two near-identical "
                    "records are easily confused later.\n\nAdd this patient anyway?"
                )
                allow_similar = True
            answer = QMessageBox.question(
                self,
                title,
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None

    def add_patient(self) -> None:
        dialog = AddPatientDialog(self)
        dialog.fill(*self._unsaved_patient)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, mrn, dob = self._unsaved_patient = dialog.values()
        vault = self.workspace.require_vault()
        try:
            new_id = self._add_asking(vault, name, mrn, dob)
            if new_id is None:
                return
        except VaultBusyError as err:
            # Said beside the list, not in a box to dismiss; the next "Add patient" opens with
            # what was typed, so nothing is typed twice.
            self.notice.setText(f"The patient was not added yet. {err}")
            self.notice.show()
            return
        except MedLocalError as err:
            QMessageBox.warning(self, "Patient not added", str(err))
            return
        self._unsaved_patient = ("", None, None)
        self.notice.hide()
        self.reload(select=new_id)

    def remove_patient(self) -> None:
        item: QListWidgetItem | None = self.patients.currentItem()
        if item is None or self.busy:
            return
        if not confirm(
            self,
            "Remove patient",
            f"Remove {item.text()} and all their documents, chats and summaries from the vault? "
            "This cannot be undone.",
        ):
            return
        vault, patient_id = self.workspace.require_vault(), int(item.data(ID_ROLE))
        self._start_delete(
            "remove patient",
            lambda _cancel: vault.remove_patient(patient_id),
            "Patient not removed",
            patients=True,
        )

    # -- documents ---------------------------------------------------------------------------

    def _still_listed(self, items: list[QListWidgetItem]) -> list[QListWidgetItem]:
        """The selected documents still in the vault. Ones deleted outside this window (the
        CLI, another window) are named in the notice and the list is read again (walk 37: the
        window asked "Delete note_2.pdf…?" and then said "No document with id 2.")."""
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            return items
        kept, gone = [], []
        for item in items:
            try:
                vault.get_document(int(item.data(ID_ROLE)))
                kept.append(item)
            except NotFoundError:
                gone.append(item.text().split("  (")[0])
        if gone:
            self._say_deleted_elsewhere(gone)
        return kept

    def _say_deleted_elsewhere(self, names: list[str]) -> None:
        self.reload_documents()
        if self.patient_id is None:
            return  # the patient went too: that notice says so
        listed = ", ".join(names) if names else "A document"
        verb = "were" if len(names) > 1 else "was"
        self.notice.setText(
            f"{listed} {verb} already deleted outside this window (with 'medlocal delete' or "
            "another MedLocal window). The list was read again."
        )
        self.notice.show()

    def export_selected_document(self) -> None:
        """Ask for the export dialog of the one selected document (the window opens it)."""
        items = self.documents.selectedItems()
        if len(items) != 1:
            QMessageBox.information(self, "Export redacted copy", "Select one document first.")
            return
        if not self._still_listed(items):
            return
        self.exportDocumentRequested.emit(int(items[0].data(ID_ROLE)))

    def delete_documents(self) -> None:
        items = self.documents.selectedItems()
        if not items or self.busy:
            return
        items = self._still_listed(items)
        if not items:
            return
        names_listed = [i.text().split("  (")[0] for i in items]
        names = ", ".join(names_listed[:3])
        more = f" and {len(items) - 3} more" if len(items) > 3 else ""
        vault = self.workspace.require_vault()
        document_ids = [int(i.data(ID_ROLE)) for i in items]
        question = f"Delete {names}{more} from the vault? This cannot be undone."

        def ask(citing: list[int]) -> None:
            # The saved outputs quoting them were looked for on a worker (every output is read
            # and decoded); the buttons stayed disabled meanwhile.
            self.delete_job = None
            if not shiboken6.isValid(self):
                return
            self._update_buttons()
            if vault.is_locked:
                return
            choice = ask_delete_documents(self, question, len(citing))
            if choice is None:
                return
            outputs = citing if choice == WITH_OUTPUTS else []
            self._start_delete(
                "delete documents",
                lambda _cancel: vault.delete_documents(document_ids, output_ids=outputs),
                "Documents not deleted",
                patients=False,
                gone=list(zip(document_ids, names_listed, strict=True)),
            )

        def failed(exc: BaseException) -> None:
            self.delete_job = None
            if shiboken6.isValid(self):
                self._update_buttons()
                if not vault.is_locked:
                    QMessageBox.warning(
                        self, "Documents not deleted", error_text(exc, "The deletion")
                    )

        self.delete_job = run_task(
            "outputs quoting documents",
            lambda _cancel: citing_output_ids(vault, document_ids),
            ask,
            failed,
        )
        self._update_buttons()

    def choose_files(self) -> None:
        names = open_file_names(
            self,
            "Import documents",
            # From the import's own list, so a format it learns is offered here too (walk 20:
            # CSV was added to one and would have been missing from the other).
            f"Documents ({' '.join('*' + suffix for suffix in SUPPORTED_SUFFIXES)});;All files (*)",
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = existing_folder(self, "Import a folder of documents")
        if folder:
            self.import_paths([Path(folder)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.patient_id is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> Job | None:
        patient = self.patient_id
        if patient is None or self.busy or not self.patient_still_there():
            return None
        self.errors.clear()
        self.errors.hide()
        current = self.patients.currentItem()
        self._result = _ImportResult(patient, current.text() if current is not None else "")
        self.progress.setRange(0, 0)
        self.progress.show()
        # Shown for the whole import (reset between files) rather than per file, for the same
        # reason the label keeps its height.
        self.file_progress.setRange(0, 1)
        self.file_progress.setValue(0)
        self.file_progress.show()
        self.cancel_button.show()
        self.progress_label.setText("Preparing the import…")
        ws = self.workspace

        def work(cancel: Any) -> ImportReport:
            return ws.import_documents(
                paths, patient, progress=self.relay, on_file=self.file_relay, cancel=cancel
            )

        self.import_job = run_task("import", work, self._import_done, self._import_failed)
        self._update_buttons()
        return self.import_job

    def cancel_import(self) -> None:
        if self.import_job is not None and self.import_job.running:
            self.import_job.cancel()
            self.progress_label.setText("Stopping after the current step…")

    def _on_progress(self, value: Progress) -> None:
        if self.import_job is None:
            return  # the import already ended: its summary stays on screen
        if value.unit in ("passages", "characters"):  # the file's own: embedding, splitting
            self.file_progress.setRange(0, value.total or 0)
            self.file_progress.setValue(value.done)
        else:
            if value.stage == "extract":  # the next file starts
                self.file_progress.setRange(0, 1)
                self.file_progress.setValue(0)
            if value.total:
                self.progress.setRange(0, value.total)
                self.progress.setValue(value.done)
        self.progress_label.setText(import_progress_text(value))  # words, not stage names

    def _on_file_event(self, event: ProgressEvent) -> None:
        if event.long_file is not None:
            # Said as soon as the pace is known, beside the Cancel button (walk 43: a 35,009-
            # passage lab CSV began an hour's indexing with no word); it stays in the list.
            long_file = event.long_file
            self._add_error(
                event.file_name,
                f"{long_file.passages:,} passages: indexing them takes about "
                f"{duration_text(long_file.seconds)} at this computer's pace. Cancel stops the "
                "import (the files already imported stay).",
            )
        if event.outcome == "failed":
            self._add_error(event.file_name, event.detail or "not imported")
        if event.outcome == "imported" and not self._docs_refresh.isActive():
            self._docs_refresh.start()

    def _add_error(self, shown: str, reason: str) -> None:
        # A file named by its full path is listed by its name: the path pushed the reason out of
        # the narrow list (walk 25). The tooltip gives the path as the import named it.
        item = QListWidgetItem(f"{shown_name(listed_name(shown))}: {reason}")
        item.setToolTip(f"{shown_name(shown)}: {reason}")
        self.errors.addItem(item)
        self._show_import_errors()

    def _import_done(self, report: ImportReport) -> None:
        self.last_report = report
        self.progress.hide()
        self.file_progress.hide()
        self.cancel_button.hide()
        locked = self.import_job is not None and self.import_job.cancelled_by == "lock"
        end = ""
        if report.cancelled:
            end = (
                f" {LOCK_STOPPED[0].upper()}{LOCK_STOPPED[1:]}."
                if locked
                else " Cancelled before the end."
            )
        if report.stopped:
            end += f" Stopped: {report.stopped}"
        if report.not_reached:
            end += f" {len(report.not_reached)} file(s) not reached: import them again."
        self._result.summary = (
            f"Imported {len(report.imported)}, skipped {len(report.skipped)}, "
            f"failed {len(report.failed)}.{end}"
        )
        for outcome in report.imported:  # how it was read where that was a guess: OCR, encoding
            for note in outcome.notes:
                self._add_error(outcome.shown, f"imported — check: {note}")
        for outcome in report.skipped:  # a duplicate: with the notes stored with the first copy
            checks = "".join(f"; check: {note}" for note in outcome.notes)
            self._add_error(outcome.shown, f"skipped — {outcome.reason}{checks}")
        for outcome in report.files:
            if outcome.status == "cancelled":
                reason = f"{LOCK_STOPPED}: import it again" if locked else outcome.reason
                self._add_error(outcome.shown, f"not imported — {reason}")
        why = "the disk is full" if report.stopped else "the import was cancelled"
        if locked and not report.stopped:
            why = f"{LOCK_STOPPED}: import them again"
        for shown in report.not_reached:  # a cancelled or stopped import: what to import again
            self._add_error(shown, f"not reached — {why}")
        self._finish_import()

    def _import_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.file_progress.hide()
        self.cancel_button.hide()
        self._result.summary = f"Import stopped. {error_text(exc, 'The import')}"
        self._finish_import()

    def _finish_import(self) -> None:
        self.import_job = None
        self._update_buttons()
        self.reload_documents()
        self._show_import_result()
        self.documentsChanged.emit()

    def _shows_result_patient(self) -> bool:
        return self._result.patient is not None and self._result.patient == self.patient_id

    def _show_import_errors(self) -> None:
        self.errors.setVisible(self._shows_result_patient() and self.errors.count() > 0)

    def _show_import_result(self) -> None:
        """The last import's summary and its files not imported are shown under the patient they
        were imported for, and hidden under any other (walk 25: "failed 4" and the failed files
        stayed under the next patient's documents). An import that ends while another patient
        is chosen says whose it was, until that patient is chosen. A running import's progress
        line stays whoever is chosen: the import goes on, and the buttons wait for it."""
        self._show_import_errors()
        if self.import_job is not None:
            return
        result = self._result
        if self._shows_result_patient():
            result.seen = True
            self.progress_label.setText(result.summary)
        elif result.summary and not result.seen:
            self.progress_label.setText(
                f"The import for {result.label} ended: {result.summary} Choose {result.label} "
                "to see the files not imported."
            )
        else:
            self.progress_label.clear()


@dataclass
class _ImportResult:
    """The last import: its patient (id and name as listed), its summary line, and whether the
    summary has been shown under that patient. ``label`` is the patient's line in the list
    (``patient_label``: the name already passed through ``shown_name``; review 43b R7 read the
    old ``name`` field as a raw name)."""

    patient: int | None = None
    label: str = ""
    summary: str = ""
    seen: bool = False


def patient_label(patient: Patient) -> str:
    """A patient as the list shows them: name, then MRN where there is one."""
    mrn = f"  ·  MRN {patient.mrn}" if patient.mrn else ""
    return f"{shown_name(patient.name)}{mrn}"


def listed_name(shown: str) -> str:
    """A file as the list of files not imported names it: the name of a file given by its full
    path; the path inside a dropped folder as it is (it tells two ``letter.pdf`` apart)."""
    path = Path(shown)
    return path.name if path.is_absolute() else shown


class _FileEventRelay(QObject):
    """Finished files (outcome and reason) to the GUI thread. Stage and batch events stay on
    the worker: the progress relay already shows them, coalesced."""

    arrived = Signal(object)

    def __call__(self, value: ProgressEvent) -> None:
        if value.stage == "done":
            self.arrived.emit(value)
