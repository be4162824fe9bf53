"""Deleting from the patients panel: removing a patient, deleting the selected documents (with
or without the saved outputs quoting them), and documents found deleted outside this window.

Each deletion runs on a worker (:func:`run_task`), the buttons disabled meanwhile: it ends with a
pass over the whole text index and a WAL checkpoint (the deleted text must not stay readable),
seconds on a large vault. A selection goes in one call, so that pass runs once for all of it.
The saved outputs quoting the documents (the question before deleting counts them) are looked
for on a worker as well: every output is read for it.

The base of :class:`medlocal.ui.patients_panel.PatientsPanel`, which makes the widgets and
fills the lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QWidget

from medlocal.app import Workspace
from medlocal.app.document_deletion import DocumentDeletion, delete_planned, plan_deletion
from medlocal.app.removal_traces import RemovalTraces, removal_traces
from medlocal.fsutil import shown_name
from medlocal.ui.backup_advice import ERASE_FROM_BACKUPS
from medlocal.ui.colours import ToneLabel
from medlocal.ui.confirm import confirm
from medlocal.ui.dialogs.common import error_text
from medlocal.ui.dialogs.patient_dialogs import WITH_OUTPUTS, ask_delete_documents
from medlocal.ui.document_filter import chosen_documents
from medlocal.ui.import_section import ImportSection
from medlocal.ui.message_dialog import tell
from medlocal.ui.patient_rows import ID_ROLE, LABEL_ROLE
from medlocal.ui.workers import Job, run_task
from medlocal.vault.errors import NotFoundError
from medlocal.vault.store import Vault

# What Delete says when pressed with no document chosen.
NOTHING_SELECTED = (
    "Choose the documents to delete in the Documents list first (Shift or Ctrl with the arrow "
    "keys or a click chooses more than one), then press Delete."
)
NOTHING_LISTED = "This patient has no documents to delete."


class PatientDeletions(QWidget):
    """Deleting, for :class:`~medlocal.ui.patients_panel.PatientsPanel` (see the module's note)."""

    # The panel's signal, widgets and lists this uses.
    documentsChanged: SignalInstance
    workspace: Workspace
    imports: ImportSection
    patients: QListWidget
    documents: QListWidget
    delete_button: QPushButton
    notice: ToneLabel
    delete_job: Job | None  # deleting documents or removing a patient
    reload: Callable[[], None]
    reload_documents: Callable[[], None]
    _all_document_items: Callable[[], list[QListWidgetItem]]
    _update_buttons: Callable[[], None]

    if TYPE_CHECKING:

        @property
        def patient_id(self) -> int | None: ...

    @property
    def busy(self) -> bool:
        """An import or a deletion is running: the buttons that change the vault wait."""
        return self.imports.running or (self.delete_job is not None and self.delete_job.running)

    def _start_delete(
        self,
        name: str,
        work: Callable[[Any], None],
        title: str,
        *,
        patients: bool,
        gone: list[tuple[int, str]] | None = None,
        done: str = "",
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
                tell(self, title, error_text(exc, "The deletion"), "warning")
            if patients:
                self.reload()
            else:
                self.reload_documents()
            if exc is None and done:  # after the reload, which hides an earlier notice
                self.notice.setText(done)
                self.notice.show()
            self.documentsChanged.emit()

        self.delete_job = run_task(name, work, lambda _none: finished(None), finished)
        self._update_buttons()

    def _question_ended(self, vault: Vault) -> bool:
        """After the worker that prepares a deletion's question: the buttons back on; False
        when there is nothing left to ask (the window closed, or the vault locked meanwhile)."""
        self.delete_job = None
        if not shiboken6.isValid(self):
            return False
        self._update_buttons()
        return not vault.is_locked

    def remove_patient(self) -> None:
        item: QListWidgetItem | None = self.patients.currentItem()
        if item is None or self.busy:
            return
        vault, patient_id = self.workspace.require_vault(), int(item.data(ID_ROLE))
        label = item.data(LABEL_ROLE)
        # Walk 49b D3: what keeps their records after the removal (older backups, exported
        # files, the audit log) is said before and after, for an erasure request. Found on a
        # worker (review 49b R8): the audit log is counted and the last backup's folder, maybe
        # a stick or a share that hangs, is read, neither on the window's thread.

        def ask(traces: RemovalTraces) -> None:
            if not self._question_ended(vault):
                return
            kept = "\n\n".join(traces.still_held(ERASE_FROM_BACKUPS))
            after = f"\n\nAfter the removal:\n{kept}" if kept else ""
            if not confirm(
                self,
                "Remove patient",
                f"Remove {label} with their {traces.records()} from the vault? This cannot be "
                f"undone.{after}",
                "Remove the patient",
            ):
                return
            self._start_delete(
                "remove patient",
                lambda _cancel: vault.remove_patient(patient_id),
                "Patient not removed",
                patients=True,
                done=f"Removed {label} and all their records from the vault.{after}",
            )

        def failed(exc: BaseException) -> None:
            if not self._question_ended(vault):
                return
            if isinstance(exc, NotFoundError):  # removed meanwhile (the CLI, another window)
                self.reload()
                return
            tell(self, "Patient not removed", error_text(exc, "Reading their records"), "warning")

        self.delete_job = run_task(
            "what keeps a patient's records",
            lambda _cancel: removal_traces(vault, patient_id),
            ask,
            failed,
        )
        self._update_buttons()

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

    def delete_documents(self) -> None:
        # Only rows the clinician sees: never one the filter box hides (ui63).
        items = chosen_documents(self.documents)
        if self.busy:
            return
        if not items:
            # Delete stays a Tab stop with nothing chosen; pressed then, it said nothing
            # (review62u, as ui61's empty Send): it says what to choose.
            self.notice.setText(NOTHING_SELECTED if self.documents.count() else NOTHING_LISTED)
            self.notice.show()
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
        # Delete goes grey while the question is prepared, and Qt moves the keyboard on to the
        # next button: a Space after Escape then opened Export redacted copy (ui62's day).
        had_keyboard = self.delete_button.hasFocus()

        def ask(plan: DocumentDeletion) -> None:
            # The saved outputs quoting them were looked for on a worker (every output is read
            # and decoded); the buttons stayed disabled meanwhile.
            if not self._question_ended(vault):
                return
            # An e-mail's attachments, imported as documents of their own, go with it: named.
            asked = question + plan.attachments_sentence()
            choice = ask_delete_documents(self, asked, len(plan.citing))
            if choice is None:
                if had_keyboard and self.delete_button.isEnabled():
                    self.delete_button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            carried = [shown_name(info.file_name) for info in plan.attachments]
            self._start_delete(
                "delete documents",
                lambda _cancel: delete_planned(vault, plan, with_outputs=choice == WITH_OUTPUTS),
                "Documents not deleted",
                patients=False,
                gone=list(zip(plan.document_ids, [*names_listed, *carried], strict=True)),
            )

        def failed(exc: BaseException) -> None:
            if self._question_ended(vault):
                tell(self, "Documents not deleted", error_text(exc, "The deletion"), "warning")

        self.delete_job = run_task(
            "outputs quoting documents",
            lambda _cancel: plan_deletion(vault, document_ids),
            ask,
            failed,
        )
        self._update_buttons()
