"""Review 49's findings in the range labels, the wrong-patient names, the analyte names and the
sniffing of attachments (R3, R4, R7, R8).

R3. "VR" and "VN" are English words before figures too: the ventricular rate ("atrial
    fibrillation with VR 110-130 bpm") and the visiting nurse ("Seen by VN 2-3 times weekly").
    They name a reference range only in a bracket or with a colon, never before a rate or count.
R4. Two family words first and a comma ("GARCIA NUNEZ, Jose Angel") name the person only in
    capitals, after a name label or alone on a line: in running text the comma is a list's
    ("Family meeting with Ann Smith, Mary Jones").
R7. Portuguese "Glicose", "Ureia", "Hematócrito", "Cloro", Italian "Azotemia" are their tests.
R8. An attachment named without an extension that is UTF-16 text is a text letter; a name
    ending in a date or version ("Befund 12.03.2026", "Letter v1.0") has no extension.

Each first test of a part failed on main 13fc9066; the others check that what worked stays.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from fixtures.ingest_files import make_pdf
from fixtures.vault_file import new_workspace

from medlocal.app.patient_mixups import other_patient_check, question_check
from medlocal.ingest.extractors.mail import extract_email
from medlocal.ingest.sniff import text_suffix
from medlocal.measured_things import find_measures
from medlocal.rag.checks.patient_identity import OtherPerson, check_other_person_named
from medlocal.rag.grounding import ground
from medlocal.rag.reference_ranges import reference_limits
from medlocal.vault.rows import Patient


def _flags(answer: str, passage: str) -> list[tuple[str, str]]:
    return [(f.kind, f.token) for f in ground(answer, {1: passage}).flags]


# --- R3. "VR" and "VN" in English notes -----------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        (
            "The ventricular rate was 110-130 bpm [1].",
            "ECG: atrial fibrillation with VR 110-130 bpm.",
        ),
        ("The ventricular rate was 110-130 bpm [1].", "ECG: AF, VR: 110-130 bpm."),
        ("The ventricular rate was 110-130 bpm [1].", "12/03: AF (VR 110-130 bpm)."),
        ("She was seen by the VN 2-3 times weekly [1].", "Seen by VN 2-3 times weekly."),
        ("She was seen by the VN 2-3 times weekly [1].", "VN: 2-3 times weekly."),
    ],
)
def test_a_ventricular_rate_or_a_nurses_visits_are_no_reference_range(
    answer: str, passage: str
) -> None:
    assert reference_limits(passage) == set()
    assert _flags(answer, passage) == []


@pytest.mark.parametrize(
    ("passage", "limits"),
    [
        ("Hematócrito 38 % (VR 36-46)", ("36", "46")),
        ("Potássio 5,9 mmol/L (VR: 3,5-5,1)", ("3,5", "5,1")),
        ("Potássio 5,9 mmol/L VR: 3,5-5,1", ("3,5", "5,1")),
        ("Kalium 5,9 (VN 3,5-5,1)", ("3,5", "5,1")),
        ("Azotemia 95 mg/dl (v.r. 10-50)", ("10", "50")),
        ("Leucócitos 15,2 x 10^9/L (VR 4,0-10,0 x 10^9/L)", ("4,0", "10,0")),
    ],
)
def test_vr_and_vn_in_a_bracket_or_with_a_colon_still_name_a_range(
    passage: str, limits: tuple[str, str]
) -> None:
    assert {passage[i : i + len(limits[0])] for i in reference_limits(passage)} >= {limits[0]}
    assert any(passage.startswith(limits[1], i) for i in reference_limits(passage))


def test_a_value_outside_a_range_labelled_vr_is_still_a_range_conflict() -> None:
    assert ("range_conflict", "normal") in _flags(
        "Her potassium was normal [1].", "Potássio 5,9 mmol/L (VR: 3,5-5,1)"
    )


# --- R4. Two family names first -------------------------------------------------------------

MARY = OtherPerson("Mary Ann Smith", "another patient of this vault (patient 2)")
MARIA = OtherPerson("María José García", "another patient of this vault (patient 3)")
JOSE = OtherPerson("José Ángel García Núñez", "another patient of this vault (patient 4)")


@pytest.mark.parametrize(
    ("answer", "other"),
    [
        ("Family meeting with Ann Smith, Mary Jones and the ward sister [1].", MARY),
        ("Jose Garcia, Maria (his wife) and their son attended [1].", MARIA),
        ("Discussed with Garcia Nunez, Jose Angel and his daughter [1].", JOSE),
    ],
)
def test_a_comma_list_of_names_is_not_a_name_written_family_first(
    answer: str, other: OtherPerson
) -> None:
    assert check_other_person_named(answer, [other], "Zoë Müller") == []


@pytest.mark.parametrize(
    ("answer", "other", "token"),
    [
        ("GARCIA NUNEZ, Jose Angel: potassium 5.9 [1].", JOSE, "GARCIA NUNEZ, Jose Angel"),
        (
            "Paciente: García Núñez, José Ángel; potassium 5.9 [1].",
            JOSE,
            "García Núñez, José Ángel",
        ),
        ("ANN SMITH, Mary: potassium 5.9 [1].", MARY, "ANN SMITH, Mary"),
        # One family word first reads anywhere, as before.
        ("Seen with Smith, Mary Ann today; potassium 5.9 [1].", MARY, "Smith, Mary Ann"),
        ("Mary Ann Smith's potassium is 5.9 [1].", MARY, "Mary Ann Smith"),
    ],
)
def test_a_name_written_family_first_plainly_is_the_persons(
    answer: str, other: OtherPerson, token: str
) -> None:
    (flag,) = check_other_person_named(answer, [other], "Zoë Müller")
    assert (flag.kind, flag.token) == ("wrong_patient", token)


PATIENTS = [
    Patient(1, "Zoë Müller", None, None, "2026-01-01"),
    Patient(2, "Mary Ann Smith", None, None, "2026-01-01"),
    Patient(4, "José Ángel García Núñez", None, None, "2026-01-01"),
]


def test_an_imported_file_names_a_patient_family_first_only_where_it_writes_a_name() -> None:
    check = other_patient_check(PATIENTS, 1)
    assert check("Family meeting with Ann Smith, Mary Jones and the ward sister.") == []
    (note,) = check("Garcia Nunez, Jose Angel\nCalle Mayor 3\nMadrid")  # alone on its line
    assert "patient 4" in note
    assert question_check(PATIENTS, 1)("Did Ann Smith, Mary Jones attend?") == []
    assert len(question_check(PATIENTS, 1)("What is GARCIA NUNEZ, Jose Angel on?")) == 1


# --- R7. Portuguese and Italian analyte names -----------------------------------------------


@pytest.mark.parametrize(
    ("written", "measure"),
    [
        ("Glicose", "glucose"),
        ("Ureia", "urea"),
        ("Hematócrito", "hematocrit"),
        ("Cloro", "chloride"),
        ("Azotemia", "urea"),
        ("Glycémie", "glucose"),
        ("Glucosio", "glucose"),
        ("Proteína C reactiva", "crp"),
    ],
)
def test_portuguese_and_italian_analyte_names(written: str, measure: str) -> None:
    assert [m for *_, m in find_measures(f"{written} 5")] == [measure]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her glucose was normal [1].", "Glicose 180 mg/dL (VR 70-99)"),
        ("Her urea was normal [1].", "Ureia 25 mmol/L (VR: 2,5-7,5) H"),
        ("Her urea was normal [1].", "Azotemia 95 mg/dl (v.r. 10-50)"),
        ("Her chloride was normal [1].", "Cloro 120 mmol/L (VR 98-107)"),
    ],
)
def test_a_normal_claim_against_their_results_is_a_range_conflict(
    answer: str, passage: str
) -> None:
    assert ("range_conflict", "normal") in _flags(answer, passage)


# --- R8. Attachments named without an extension ---------------------------------------------

LETTER = "Dear Dr Quornwaithe,\nPotassium 5.9 mmol/L on 3 March.\nYours sincerely\n"


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (LETTER.encode("utf-16"), ".txt"),  # with a byte-order mark
        (LETTER.encode("utf-16-le"), ".txt"),  # without one: NULs every other byte
        (LETTER.encode("utf-16-be"), ".txt"),
        (LETTER.encode("utf-32"), ".txt"),
        (("Ωμέγα " * 20000).encode("utf-16")[:65537], ".txt"),  # cut inside a character
        (b"MZ\x90\x00" * 100, None),  # an exe's header has zeros too
        (bytes(range(256)) * 4, None),
    ],
)
def test_wide_text_reads_as_text(data: bytes, suffix: str | None) -> None:
    assert text_suffix(data) == suffix


PDF = make_pdf(["Befund\nKalium 5,9 mmol/l."])


def _mail(*attachments: tuple[bytes, str]) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Letters"
    message.set_content("Attached.")
    for data, name in attachments:
        message.add_attachment(data, "application", "octet-stream", filename=name)
    return message.as_bytes()


def test_an_attachment_named_with_a_date_or_version_is_named_by_its_bytes() -> None:
    data = _mail(
        (PDF, "Befund 12.03.2026"), (PDF, "Letter v1.0"), (LETTER.encode("utf-16"), "letter")
    )
    names = [a.name for a in extract_email(data, "letters.eml").attachments]
    assert names == ["Befund 12.03.2026.pdf", "Letter v1.0.pdf", "letter.txt"]


def test_a_utf16_letter_without_extension_is_imported_as_text(tmp_path: Path) -> None:
    workspace = new_workspace(tmp_path, chat=None)
    try:
        mail = tmp_path / "letters.eml"
        mail.write_bytes(_mail((LETTER.encode("utf-16-le"), "letter")))
        vault = workspace.require_vault()
        patient = vault.add_patient("Arthur Quornwaithe")
        report = workspace.import_documents([mail], patient)
        (letter,) = [o for o in report.files if o.file_name.endswith("letter.txt")]
        assert letter.status == "imported" and letter.document_id is not None
        assert "Potassium 5.9 mmol/L" in vault.document_text(letter.document_id)
    finally:
        workspace.close()
