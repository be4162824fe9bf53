"""The patient the window chooses at an unlock: the one shown before the lock, else the one
chosen last in an earlier run (kept inside the vault by :mod:`medlocal.app.last_patient`), else
nobody. A clinician who restarts MedLocal mid-clinic finds the patient they left (note 63)."""

from __future__ import annotations

import logging

from medlocal.app import Workspace
from medlocal.app.last_patient import last_patient, remember_patient
from medlocal.errors import MedLocalError

log = logging.getLogger(__name__)


class LastChoice:
    """Keeps each patient chosen in the vault, writing only when the choice changed."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._kept: int | None = None

    def to_choose(self, before_lock: int | None) -> int | None:
        """The patient to choose at this unlock (the vault is open)."""
        vault = self.workspace.require_vault()
        try:
            kept = last_patient(vault)
        except MedLocalError as err:  # a busy or full vault: the list opens with nobody chosen
            log.warning("The patient chosen last could not be read: %s", err)
            kept = None
        self._kept = kept
        return before_lock if before_lock is not None else kept

    def keep(self, patient_id: int) -> None:
        """Remember ``patient_id`` (chosen now) for the next unlock; best effort: a vault too
        busy to take the note keeps the earlier one."""
        vault = self.workspace.vault
        if patient_id < 0 or patient_id == self._kept or vault is None or vault.is_locked:
            return
        try:
            remember_patient(vault, patient_id)
        except MedLocalError as err:
            log.warning("The patient chosen could not be kept for the next start: %s", err)
            return
        self._kept = patient_id
