"""A file imported for one patient that names another patient of the vault (walk 28: a letter
"Re: Mrs Margaret Thornbury, DOB 14/03/1948, MRN RAI-558213" filed under another patient, whose
answers then quoted her medicines). The import goes on: a letter may name a relative who is a
patient too. It says so, in the file's notes, so the clinician can check where the file
belongs.

What counts: the other patient's MRN as a whole word, or their whole name (every word of it, in
order, or the family name or names first and a comma: "THORNBURY, Margaret", "GARCIA NUNEZ,
Jose Angel"), or a shortened one no other patient shares ("J. Garcia", "GARCIA, Jose"), as
medlocal/rag/checks/written_names.py reads them, ignoring case and accents
(an OCR'd "Nguyen Thi Minh Anh" is "Nguyễn Thị Minh Anh"; walk 47b). A family name alone is not
enough: relatives share it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medlocal.folding import fold_letters
from medlocal.fsutil import shown_name
from medlocal.rag.checks.patient_identity import (
    OtherPerson,
    check_other_person_named,
    question_person,
)
from medlocal.rag.checks.written_names import NameFinder, name_finder
from medlocal.rag.flags import Flag
from medlocal.vault.rows import Patient

# The shortest MRN matched alone: shorter ones ("12") are any number in a note.
MIN_MRN = 4


def other_patient_check(patients: Sequence[Patient], patient_id: int) -> Callable[[str], list[str]]:
    """A check of an imported file's text for the patients of ``patients`` other than
    ``patient_id``: the notes to show with the file (none when it names none of them)."""
    finders = _finders(patients, patient_id)

    def check(text: str) -> list[str]:
        folded = fold_letters(text)
        found = [patient for patient, finder in finders if finder.in_text(text, folded)]
        return [_note(patient) for patient in found]

    return check


def question_check(patients: Sequence[Patient], patient_id: int) -> Callable[[str], list[str]]:
    """A check of a question asked about ``patient_id`` for the other patients of ``patients``
    it names, by the same rules as a file's text (walk 33: "What dose of semaglutide is Eleanor
    Whitcomb taking?", asked with Eleanor Whitcombe selected, was answered from Eleanor
    Whitcombe's documents with no word that the question named someone else)."""
    finders = _finders(patients, patient_id)
    selected = next((p for p in patients if p.id == patient_id), None)
    reads = (
        f"{shown_name(selected.name)}'s (patient {selected.id})"
        if selected
        else "the selected patient's"
    )

    def check(question: str) -> list[str]:
        folded = fold_letters(question)
        return [
            f"the question names {shown_name(patient.name)} (patient {patient.id}"
            f"{f', MRN {patient.mrn}' if patient.mrn else ''}), another patient of this vault; "
            f"the answer reads only {reads} documents: select that patient to ask about them"
            for patient, finder in finders
            if finder.in_text(question, folded)
        ]

    return check


def answer_check(
    patients: Sequence[Patient], patient_id: int
) -> Callable[[str, str, Sequence[int]], list[Flag]]:
    """A check of an answer about ``patient_id`` (its question, its text, the sentences
    MedLocal attached a citation to) for sentences that give the selected patient's values to
    someone else: another patient of ``patients``, or the person the question names (walk 41:
    "What is Desmond Achterberg's latest potassium?" answered "18/07/2026, Desmond
    Achterberg's latest potassium [2†]" from Rosalind's results)."""
    selected = next((p for p in patients if p.id == patient_id), None)
    name = selected.name if selected else f"patient {patient_id}"
    others = [
        OtherPerson(p.name, f"another patient of this vault (patient {p.id})")
        for p in patients
        if p.id != patient_id
    ]

    def check(question: str, text: str, cited: Sequence[int]) -> list[Flag]:
        people = list(others)
        asked = question_person(question, name)
        if asked is not None and not any(
            asked.name.casefold() == p.name.casefold() for p in people
        ):
            people.append(asked)
        return check_other_person_named(text, people, name, cited)

    return check


@dataclass(frozen=True)
class _Mention:
    """How a text names a patient: their whole name, or their MRN as a whole word."""

    name: NameFinder | None
    mrn: re.Pattern[str] | None

    def in_text(self, text: str, folded: str) -> bool:
        """Whether ``text`` (``folded``: as ``fold_letters`` folds it) names the patient."""
        return (self.name is not None and self.name.named_in(text, folded)) or (
            self.mrn is not None and self.mrn.search(folded) is not None
        )


def _finders(patients: Sequence[Patient], patient_id: int) -> list[tuple[Patient, _Mention]]:
    """What names each patient of ``patients`` but ``patient_id`` in a text, a shortened name
    read only where no other patient of the vault shares it ("J. Garcia")."""
    names = [patient.name for patient in patients]
    return [
        (patient, finder)
        for patient in patients
        if patient.id != patient_id and (finder := _finder(patient, names)) is not None
    ]


def _finder(patient: Patient, names: Sequence[str]) -> _Mention | None:
    """What names ``patient`` in a text: their name or MRN (None where neither can); ``names``:
    the vault's patients' names."""
    mrn = fold_letters(patient.mrn or "").strip()
    mention = _Mention(
        name_finder(patient.name, names),
        re.compile(rf"(?<![\w-]){re.escape(mrn)}(?![\w-])", re.IGNORECASE)
        if len(mrn) >= MIN_MRN
        else None,
    )
    return mention if mention.name is not None or mention.mrn is not None else None


def _note(patient: Patient) -> str:
    mrn = f", MRN {patient.mrn}" if patient.mrn else ""
    return (
        f"it names another patient of this vault, {shown_name(patient.name)} "
        f"(patient {patient.id}{mrn}): "
        "check that the file belongs to this patient"
    )
