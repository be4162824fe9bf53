"""Adding a patient: one check of the details both faces collect (a date of birth in the form
YYYY-MM-DD, not in the future), and a second patient with a medical record number the vault
already holds is a question for the person, not a silent duplicate: it is usually the same
patient added twice, whose documents would then be split between two records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from medlocal.errors import UserInputError
from medlocal.ingest.chunker import DATE_WINDOW, document_date
from medlocal.vault.rows import DocumentInfo, Patient
from medlocal.vault.store import Vault


class DuplicateMrnError(UserInputError):
    """The MRN is already used; ``existing`` are the patients holding it."""

    def __init__(self, mrn: str, existing: list[Patient]) -> None:
        names = ", ".join(f"{p.id} ({p.name})" for p in existing)
        super().__init__(f"MRN {mrn} is already used by patient {names}")
        self.existing = existing


_ISO_SHAPE = re.compile(r"\d{4}-?\d{2}-?\d{2}")


def date_of_birth(text: str, today: date | None = None) -> str:
    """``text`` as YYYY-MM-DD ("19700131" is accepted and written out); not after ``today``."""
    try:
        born = date.fromisoformat(text.strip())
    except ValueError as err:
        if _ISO_SHAPE.fullmatch(text.strip()):  # the right form, but no such day: 1948-02-30
            raise UserInputError(
                f"The date of birth {text.strip()} is not a real date (check the month and day)."
            ) from err
        raise UserInputError("Write the date of birth as YYYY-MM-DD.") from err
    if born > (today or date.today()):
        raise UserInputError(f"The date of birth ({born.isoformat()}) is in the future.")
    return born.isoformat()


def patients_with_mrn(vault: Vault, mrn: str) -> list[Patient]:
    wanted = mrn.strip().casefold()
    return [p for p in vault.list_patients() if p.mrn and p.mrn.strip().casefold() == wanted]


def add_patient(
    vault: Vault,
    name: str,
    mrn: str | None = None,
    dob: str | None = None,
    *,
    allow_duplicate_mrn: bool = False,
) -> int:
    """Add a patient after checking ``dob`` and that ``mrn`` is new (unless allowed)."""
    mrn = (mrn or "").strip() or None
    dob = date_of_birth(dob) if dob and dob.strip() else None
    if mrn is not None and not allow_duplicate_mrn:
        existing = patients_with_mrn(vault, mrn)
        if existing:
            raise DuplicateMrnError(mrn, existing)
    return vault.add_patient(name, mrn=mrn, dob=dob)


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """``name`` compared as a person reads it: runs of digits by their value, the rest without
    regard to case ("note_2" before "note_10"; "Note_3" between them)."""
    parts = _DIGITS.split(name.casefold())
    return tuple(
        (1, int(part), part) if index % 2 else (0, 0, part) for index, part in enumerate(parts)
    )


def documents_in_order(documents: Sequence[DocumentInfo]) -> list[DocumentInfo]:
    """A patient's documents as both faces list them: by file name in natural order (walk 34:
    note_1, note_10, note_11 ... note_2 was the order of import, a plain text sort of a
    folder), then by collection and import order, so two files of one name stay apart in the
    order they came. The vault keeps no date of its own for a document (its text's date is a
    guess read from its opening), so the name a clinic gives its files is the steady order."""
    return sorted(documents, key=lambda d: (natural_key(d.file_name), d.collection or "", d.id))


def document_dates(vault: Vault, documents: Sequence[DocumentInfo]) -> dict[int, str]:
    """Document id -> the document's own date as written in its opening (the date its passages'
    headers carry), for those of ``documents`` that show one. The vault keeps no separate date
    field: the import date is all it knows of the others."""
    openings: dict[int, str] = {}
    for patient_id in {d.patient_id for d in documents}:
        openings.update(vault.document_openings(patient_id, DATE_WINDOW))
    dates = {d.id: document_date(openings.get(d.id, ""), d.file_type) for d in documents}
    return {document_id: iso_when_clear(date) for document_id, date in dates.items() if date}


def iso_when_clear(written: str) -> str:
    """A document's date as YYYY-MM-DD, like the import dates beside it, where it reads one
    way only ("14/03/2026", "3 March 2026", "2026-11-02"); as written where day and month could
    be either ("02/11/2026": 2 November or 11 February). Walk 29: one list mixed "(02/11/2026)",
    "(2026-11-02)" and "(imported 2026-12-02)"."""
    from medlocal.values import extract_values

    readings = {
        v.canonical
        for day_first in (True, False)
        for v in extract_values(written, day_first)
        if v.kind == "date"
    }
    only = next(iter(readings)) if len(readings) == 1 else ""
    return only if re.fullmatch(r"\d{4}-\d{2}-\d{2}", only) else written
