"""Walk 28: a letter about one patient imported for another gave no word of it, and the second
patient's answers then quoted the first's medicines. The import says so in the file's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.patient_mixups import other_patient_check
from medlocal.vault.keys import KdfParams
from medlocal.vault.rows import Patient

MARGARET = Patient(1, "Margaret Thornbury", "RAI-558213", "1948-03-14", "")
TOBIAS = Patient(2, "Tobias Okonkwo-Reyes", "T-77120", None, "")
ROSE = Patient(3, "Rose Thornbury", None, None, "")
SHORT = Patient(4, "Li", "12", None, "")


def _named(text: str, patient_id: int = 2) -> list[str]:
    return other_patient_check([MARGARET, TOBIAS, ROSE, SHORT], patient_id)(text)


@pytest.mark.parametrize(
    "text",
    [
        "Re: Mrs Margaret Thornbury, DOB 14/03/1948",
        "THORNBURY, Margaret  (female)",
        "Patient: margaret\nthornbury",
        "Hospital number RAI-558213 on the request form.",
    ],
)
def test_another_patients_name_or_mrn_is_noted(text: str) -> None:
    (note,) = _named(text)
    assert "Margaret Thornbury (patient 1, MRN RAI-558213)" in note
    assert "check that the file belongs to this patient" in note


@pytest.mark.parametrize(
    "text",
    [
        # A family name alone, another Thornbury, a longer MRN, a short MRN anywhere: no note.
        "Mrs Thornbury attended with her daughter.",
        "Seen with Margaret Thornbury-Hale today.",
        "MRN RAI-5582139",
        "Li 12 mg once daily.",
        # The patient the file is imported for is never another.
        "Tobias Okonkwo-Reyes, MRN T-77120.",
    ],
)
def test_a_family_name_or_this_patient_is_not_noted(text: str) -> None:
    assert _named(text) == []


def test_importing_a_file_that_names_another_patient_notes_it(tmp_path: Path) -> None:
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda model: FakeEmbedder(),
    )
    ws.create_vault("correct horse battery")
    vault = ws.require_vault()
    vault.add_patient("Margaret Thornbury", mrn="RAI-558213")
    tobias = vault.add_patient("Tobias Okonkwo-Reyes", mrn="T-77120")
    letter = tmp_path / "letter.txt"
    letter.write_text("Re: Mrs Margaret Thornbury, MRN RAI-558213. Apixaban 5 mg BD.")
    own = tmp_path / "own.txt"
    own.write_text("Tobias Okonkwo-Reyes: metformin 500 mg BD.")
    report = ws.import_documents([letter, own], tobias)
    notes = {o.file_name: o.notes for o in report.imported}
    assert len(notes["letter.txt"]) == 1 and "Margaret Thornbury" in notes["letter.txt"][0]
    assert notes["own.txt"] == []  # imported as usual, nothing to say
    ws.close()
