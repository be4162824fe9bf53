"""Files dragged onto the patients panel: a copy dropped on the Documents list is imported for
the chosen patient; one dropped on the Patients list is imported for that row's patient once
the person has said so; a move, a drop while the panel is busy, and a drag over the parts of
the window that take no files are refused with a line saying why and where files go.

A base of :class:`medlocal.ui.patients_panel.PatientsPanel`, which makes the widgets and
fills the lists, as :class:`~medlocal.ui.patient_deletions.PatientDeletions` below it."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QListWidgetItem

from medlocal.ui.confirm import confirm
from medlocal.ui.file_drags import accept_as_copy, local_paths
from medlocal.ui.import_section import what_is_imported
from medlocal.ui.patient_deletions import PatientDeletions
from medlocal.ui.patient_rows import ID_ROLE, LABEL_ROLE


class PatientDrops(PatientDeletions):
    """Dropping files, for :class:`~medlocal.ui.patients_panel.PatientsPanel` (see the
    module's note)."""

    # The panel's widgets and state this uses (the rest are PatientDeletions').
    search: QLineEdit
    _drops_lost_to_lock: int  # files whose question a lock closed: said at the unlock

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            return
        if self.patient_id is None:
            self.refuse_drop_elsewhere(paths)  # says: choose a patient first
            return
        if self.busy:
            # Refused and said (walk 53a H2: a drop during an import was accepted, then thrown
            # away). Qt sends no drop after a refused entry, so it is said here.
            self.imports.refuse_drop(self._busy_reason(), paths)
            return
        if not accept_as_copy(event):
            self.imports.refuse_move(paths)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        # Each move answers the desktop again with an action: a copy, whatever the keys held.
        paths = local_paths(event.mimeData())
        if not paths or self.patient_id is None:
            return
        if self.busy:
            # An import or a deletion began while the drag was over the panel: refused and
            # said, as the entry and the drop are (review54a: the move still offered a copy).
            event.ignore()
            self.imports.refuse_drop(self._busy_reason(), paths)
            return
        accept_as_copy(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths or self.patient_id is None:
            return
        if self.busy:  # began between the drag's entry and its drop
            self.imports.refuse_drop(self._busy_reason(), paths)
            return
        if not accept_as_copy(event):  # a copy only: MedLocal never takes the original away
            self.imports.refuse_move(paths)
            return
        target = self._patients_list_target(event.position().toPoint())
        if target is None:  # the Documents list or the rest of the panel: the chosen patient's
            self.imports.import_paths(paths)
            return
        # Asked after the drop returns: a question inside it would hold the drag's source.
        QTimer.singleShot(0, lambda: self._import_dropped_on_list(paths, target))

    def refuse_drop_elsewhere(self, paths: list[Path]) -> None:
        """Files dragged over a part of the window that takes none (the conversation, the
        question box, the sources): said where a drop imports them (walk 53a L1; review 53c
        F7). Said as the drag enters, which is refused: no drop follows. A drag on its way to
        the Documents list passes here too, so the line tells where, not that it failed."""
        chosen = self._chosen_for_import()
        if chosen is None:
            self.imports.say_about_drop(
                "To import files, choose a patient, then drop the files on their Documents list."
            )
        elif self.busy:
            self.imports.refuse_drop(self._busy_reason(), paths)
        else:
            self.imports.say_about_drop(
                f"To import files for {chosen[1]}, drop them on the Documents list; the rest "
                "of the window does not take files."
            )

    def _busy_reason(self) -> str:
        return "an import is running" if self.imports.running else "documents are being deleted"

    def _patients_list_target(self, pos: QPoint) -> tuple[int, str] | None:
        """The patient a drop at ``pos`` (the panel's coordinates) would go to when it lands on
        the Patients list rather than the Documents: that row's patient, or the chosen one for
        the list's empty part. ``None`` off the list, or on the chosen patient's own row."""
        viewport = self.patients.viewport()
        at = viewport.mapFrom(self, pos)
        # The search box above the list is the list's too (a drop there typed the path into
        # the search before left54): asked for the chosen patient.
        on_search = self.search.isVisible() and self.search.rect().contains(
            self.search.mapFrom(self, pos)
        )
        if not on_search and not viewport.rect().contains(at):
            return None
        item: QListWidgetItem | None = None if on_search else self.patients.itemAt(at)
        current: QListWidgetItem | None = self.patients.currentItem()
        if item is None or item.isHidden():
            item = current  # the list's empty part: the chosen patient, asked all the same
        elif item is current:
            return None
        return None if item is None else (int(item.data(ID_ROLE)), str(item.data(LABEL_ROLE)))

    def _import_dropped_on_list(self, paths: list[Path], target: tuple[int, str]) -> None:
        """Files dropped on the Patients list are imported for the patient they were dropped on
        only once the person has read that patient's name and said so (walk 53a H1: a drop on
        a near-namesake's row went, unsaid, to the chosen patient). Asked, not guessed: a drop
        one row off lands on another chart, and two rows can read almost the same."""
        patient, label = target
        chosen = self._chosen_for_import()
        if chosen is not None and chosen[0] != patient:
            where = (
                f"You dropped them on {label}'s row, but {chosen[1]} is the patient shown. "
                "Their documents are listed under Documents, where a drop imports without "
                "asking."
            )
        else:
            where = (
                "You dropped them on the Patients list, not on the Documents list, where a drop "
                "imports for the patient shown without asking."
            )
        asked = confirm(
            self,
            "Import dropped files",
            f"Import {what_is_imported(paths)} for {label}?",
            f"Import for {label}",
            "Cancel",
            informative=where,
        )
        if not shiboken6.isValid(self):
            return
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            # The lock closed the question (review 53c F10: the drop was forgotten unsaid). Said
            # once the vault is open again, naming neither the files nor the patient: the lock
            # screen and whoever unlocks next must not read them.
            self._drops_lost_to_lock += len(paths)
            return
        if not asked:
            return
        if self.busy:  # an import started while the question was open
            self.imports.refuse_drop(self._busy_reason(), paths)
            return
        rows = [self.patients.item(row) for row in range(self.patients.count())]
        item = next((i for i in rows if int(i.data(ID_ROLE)) == patient), None)
        if item is None:  # removed or locked away meanwhile
            self.notice.setText(f"Not imported: {label} is no longer listed.")
            self.notice.show()
            return
        self.patients.setCurrentItem(item)  # the documents shown are theirs, then the import
        self.imports.import_paths(paths)

    def _chosen_for_import(self) -> tuple[int, str] | None:
        item = self.patients.currentItem()
        return (int(item.data(ID_ROLE)), str(item.data(LABEL_ROLE))) if item is not None else None
