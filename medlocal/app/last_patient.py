"""The patient chosen last, chosen again when the vault is next unlocked (after a restart too).

The choice is kept inside the vault (a ``meta`` note, encrypted with everything else), never in
the plaintext settings: a patient's id there would say who was being treated (promise 2). Patient
ids are never reused (``vault.ids``), so a note naming a removed patient cannot choose another:
it chooses nobody."""

from __future__ import annotations

from medlocal.vault.errors import NotFoundError
from medlocal.vault.store import Vault

LAST_PATIENT_NOTE = "last patient"


def remember_patient(vault: Vault, patient_id: int) -> None:
    """Keep ``patient_id`` as the one to choose at the next unlock."""
    vault.keep_note(LAST_PATIENT_NOTE, str(patient_id))


def last_patient(vault: Vault) -> int | None:
    """The patient chosen last, when they are still in the vault; else None."""
    kept = vault.read_note(LAST_PATIENT_NOTE)
    if kept is None or not kept.isdigit():
        return None
    try:
        return vault.get_patient(int(kept)).id
    except NotFoundError:
        return None
