"""Grounding leftovers of session 49 (note 49 "Noticed and left", left49b/fix49b; left50b),
promise 3: unsupported claims and numbers flagged, nothing false.

1. A chemistry symbol with a value and a unit or range is the analyte ("K 5,9 (3,5-5,1) H" is
   potassium's row): a claim that it was normal is checked against its range and no
   "medication not named" is raised, while a drug given is still looked for by name; lithium's
   level ("Li 1,2 mmol/l") is a test, its dose a medicine.
2. Shortened and inverted names ("GARCIA, Jose", "Garcia J.", "J. Garcia") are the person's,
   unless another known person shares the shortened form.
3. One sentence-end rule (medlocal/sentence_ends.py) for the answer checks, report sections,
   topics near each other and the chunker: "Tabl.", "z.B.", "ca.", "i.v." split none of them.
4. Vital signs named in other languages (Puls, Gewicht, RR/Blutdruck, FC, TA, Peso, Hartslag)
   bind their values, so a number said about another is caught.
5. "FC 110 lpm (VR 60-100 lpm)": a short range name in a bracket after a result in the same
   unit names its reference range; "AF with VR 110-130 bpm" stays the ventricular rate.
6. A condition word ("prerenal azotemia") is no measurement: only a value said right after it
   ("Azotemia 45 mg/dl") is the urea's.
7. Two family names first in running text name the person where a title stands before them or
   identifiers or a possessive follow ("Sra. García López, María", "García López, María (DOB
   ...)"); a bare comma list stays unflagged.

Each first test of a part failed on main c20aef6c (checked by running this file against it).
"""

from __future__ import annotations

import pytest

from medlocal.app.patient_mixups import other_patient_check
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import ExtractedDocument
from medlocal.measured_things import find_measures
from medlocal.rag.binding import bind
from medlocal.rag.checks.patient_identity import OtherPerson, check_other_person_named
from medlocal.rag.grounding import ground
from medlocal.rag.report_sections import report_sections
from medlocal.rag.topic_nearness import named_together
from medlocal.vault.rows import Patient


def _flags(answer: str, passage: str) -> list[tuple[str, str]]:
    return [(f.kind, f.token) for f in ground(answer, {1: passage}).flags]


def _kinds(answer: str, passage: str) -> list[str]:
    return [kind for kind, _ in _flags(answer, passage)]


# --- 1. A symbol with a value and a unit or range is the analyte ----------------------------


@pytest.mark.parametrize(
    "passage",
    ["K 5,9 (3,5-5,1) H", "K 5.9 (3.5-5.1) H", "K+ 5.9 (3.5-5.1) H", "K 5,9 mmol/l (3,5-5,1) H"],
)
def test_a_symbols_result_is_checked_against_its_range_not_looked_for_as_a_drug(
    passage: str,
) -> None:
    flags = _flags("Her potassium was normal [1].", passage)
    assert ("range_conflict", "normal") in flags
    assert "unverified_medication" not in [kind for kind, _ in flags]


def test_a_drug_given_is_still_looked_for_by_its_name() -> None:
    assert "unverified_medication" in _kinds("She was given potassium [1].", "K 5,9 mmol/l")


def test_lithiums_level_is_a_test_and_its_dose_a_medicine() -> None:
    level = "Li 1,2 mmol/l (0,6-1,0) H"
    assert _flags("Her lithium level was 1.2 mmol/L [1].", level) == []
    assert ("range_conflict", "normal") in _flags("Her lithium level was normal [1].", level)
    assert "unverified_medication" in _kinds("She takes lithium 400 mg daily [1].", level)
    assert [m[2] for m in find_measures("Li 1,2 mmol/l")] == ["lithium"]
    assert find_measures("li 1,2") == []  # the symbol in capitals only


# --- 2. Shortened and inverted names ----------------------------------------------------------

JOSE = OtherPerson("José Ángel García Núñez", "another patient of this vault (patient 2)")


@pytest.mark.parametrize(
    ("answer", "token"),
    [
        ("GARCIA, Jose: potassium 5.9 [1].", "GARCIA, Jose"),
        ("Garcia J. had a potassium of 5.9 [1].", "Garcia J."),
        ("J. Garcia had a potassium of 5.9 [1].", "J. Garcia"),
        ("Garcia, J. had a potassium of 5.9 [1].", "Garcia, J."),
    ],
)
def test_a_shortened_name_is_the_persons(answer: str, token: str) -> None:
    (flag,) = check_other_person_named(answer, [JOSE], "Zoë Müller")
    assert (flag.kind, flag.token) == ("wrong_patient", token)


@pytest.mark.parametrize(
    "answer",
    [
        "M. Garcia had a potassium of 5.9 [1].",  # another initial
        "GARCIA, Maria: potassium 5.9 [1].",  # another given name
        "Mrs Garcia had a potassium of 5.9 [1].",  # the family name alone
        "a garcia potassium of 5.9 [1].",  # no capital initial
        "Garcia, Jose and Ana came; potassium 5.9 [1].",  # a list in running text
    ],
)
def test_a_shortened_form_of_someone_else_is_not_the_persons(answer: str) -> None:
    assert check_other_person_named(answer, [JOSE], "Zoë Müller") == []


def test_a_shortened_form_two_known_people_share_names_neither() -> None:
    juan = OtherPerson("Juan Garcia", "another patient of this vault (patient 3)")
    jose = OtherPerson("Jose Garcia", "another patient of this vault (patient 2)")
    answer = "J. Garcia had a potassium of 5.9 [1]."
    assert check_other_person_named(answer, [juan, jose], "Zoë Müller") == []
    # Told apart by the given name's initial where the two differ.
    maria = OtherPerson("Maria Garcia", "another patient of this vault (patient 3)")
    (flag,) = check_other_person_named(answer, [maria, jose], "Zoë Müller")
    assert "Jose Garcia" in flag.message
    # The selected patient shares it too: "J. Garcia" may be her.
    assert check_other_person_named(answer, [jose], "Juana Garcia") == []


def test_an_imported_file_names_a_patient_by_a_shortened_name() -> None:
    patients = [
        Patient(1, "Zoë Müller", None, None, "2026-01-01"),
        Patient(2, "José Ángel García Núñez", None, None, "2026-01-01"),
        Patient(3, "Maria Garcia", None, None, "2026-01-01"),
    ]
    (note,) = other_patient_check(patients, 1)("Informe de alta: Garcia J., 72 años.")
    assert "patient 2" in note
    assert other_patient_check(patients, 1)("Seen with Dr Garcia today.") == []


# --- 3. One sentence-end rule -----------------------------------------------------------------

PRESCRIPTION = "Medikation: Ramipril Tabl. 5 mg 1-0-0. Metamizol Amp. 1 g i.v. bei Bedarf."


def test_report_sections_keep_a_dose_with_its_drug() -> None:
    (section,) = report_sections(PRESCRIPTION)
    assert section.rows == ("Ramipril Tabl. 5 mg 1-0-0.", "Metamizol Amp. 1 g i.v. bei Bedarf.")


def test_topic_nearness_reads_a_prescription_as_one_sentence() -> None:
    def holds(word: str, text: str) -> bool:
        return word.lower() in text.lower()

    assert named_together(("ramipril", "5"), "Ramipril Tabl. 5 mg 1-0-0.", holds)
    assert named_together(("weight", "80"), "Weight ca. 80 kg.", holds)


class _Words:
    def count_tokens(self, text: str) -> int:
        return len(text.split())


def _chunked(text: str) -> list[str]:
    """The passages of ``text`` of at most eight words, none shared."""
    document = ExtractedDocument(text, "txt")
    return [c.text for c in chunk_document(document, _Words(), ChunkingParams(8, 0))]


def test_the_chunker_cuts_no_sentence_at_a_dotted_abbreviation() -> None:
    text = "Ramipril Tabl. 5 mg 1-0-0. Kontrolle z.B. Kalium in 1 Woche. Dr. Lee sah sie."
    assert _chunked(text) == [
        "Ramipril Tabl. 5 mg 1-0-0.",
        "Kontrolle z.B. Kalium in 1 Woche.",
        "Dr. Lee sah sie.",
    ]


def test_the_chunker_still_cuts_before_a_capital_after_a_dosage_form() -> None:
    text = "Nimmt 1 Tabl. Bisoprolol 2,5 mg taeglich nach dem Essen."
    assert _chunked(text) == ["Nimmt 1 Tabl.", "Bisoprolol 2,5 mg taeglich nach dem Essen."]


# --- 4. Vital signs in other languages --------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "measure", "value"),
    [
        ("Puls 110/min, Gewicht 80 kg", "heart rate", "110"),
        ("Puls 110/min, Gewicht 80 kg", "weight", "80 kg"),
        ("FC 110 lpm, Peso 80 kg", "heart rate", "110"),
        ("FC 110 lpm, Peso 80 kg", "weight", "80 kg"),
        ("Hartslag 88/min, Bloeddruk 130/80", "blood pressure", "130/80"),
        ("RR 130/80 mmHg, Temperatur 38,5 °C", "blood pressure", "130/80"),
        ("TA 130/80, FR 18, SatO2 94%", "oxygen saturation", "94%"),
        ("TA 130/80, FR 18, SatO2 94%", "respiratory rate", "18"),
    ],
)
def test_vital_signs_of_other_languages_bind_their_values(
    passage: str, measure: str, value: str
) -> None:
    assert (measure, value) in [(b.attribute, b.value.raw) for b in bind(passage)]


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her heart rate was 80 [1].", "Puls 110/min, Gewicht 80 kg"),
        ("Her weight was 110 kg [1].", "Puls 110/min, Gewicht 80 kg"),
        ("Her heart rate was 80 [1].", "FC 110 lpm, Peso 80 kg"),
        ("Her heart rate was 80 [1].", "Hartslag 110/min, Gewicht 80 kg"),
    ],
)
def test_a_number_said_of_another_vital_sign_is_flagged(answer: str, passage: str) -> None:
    assert "misattributed_value" in _kinds(answer, passage)


def test_an_english_rr_is_still_the_respiratory_rate() -> None:
    assert [(b.attribute, b.value.raw) for b in bind("RR 18/min")] == [("respiratory rate", "18")]
    assert _flags("Her respiratory rate was 18 [1].", "RR 18/min") == []
    assert find_measures("fc barcelona ta") == []  # the short names in capitals only


# --- 5. A short range name before a rate in the result's unit ---------------------------------


def test_a_rate_with_its_bracketed_reference_range_is_read_as_a_range() -> None:
    passage = "FC 110 lpm (VR 60-100 lpm)"
    bound = [(b.attribute, b.value.raw) for b in bind(passage)]
    assert bound == [("heart rate", "110"), ("reference range", "60"), ("reference range", "100")]
    assert ("range_conflict", "normal") in _flags("Her heart rate was normal [1].", passage)
    assert _flags("Her heart rate was normal [1].", "FC 80 lpm (VR 60-100 lpm)") == []


@pytest.mark.parametrize(
    "passage", ["AF with VR 110-130 bpm", "HR 110 bpm (VR 60-100 lpm)", "ECG: AF, VR: 110-130 bpm"]
)
def test_a_ventricular_rate_or_another_units_range_stays_a_rate(passage: str) -> None:
    assert not any(b.attribute == "reference range" for b in bind(passage))


# --- 6. A condition word is no measurement ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Prerenal azotemia 3 days after contrast.",
        "The azotemia improved over 48 hours.",
        "She had azotemia, 2 units of blood given.",
    ],
)
def test_a_condition_word_binds_no_number(text: str) -> None:
    assert all(b.attribute != "urea" for b in bind(text))


@pytest.mark.parametrize("text", ["Azotemia 45 mg/dl", "Azotemia: 45", "Glicemia 110 mg/dl"])
def test_a_value_said_right_after_it_is_the_analytes(text: str) -> None:
    assert [b.attribute for b in bind(text)] in (["urea"], ["glucose"])


def test_a_number_said_of_the_condition_is_not_checked_as_the_urea() -> None:
    passage = "Urea 3 mmol/L. Azotemia developed 3 days after contrast."
    assert _flags("Prerenal azotemia developed 3 days after contrast [1].", passage) == []


# --- 7. Two family names first in running text ------------------------------------------------

MARIA = OtherPerson("María García López", "another patient of this vault (patient 2)")


@pytest.mark.parametrize(
    "answer",
    [
        "Sra. García López, María had a potassium of 5.9 [1].",
        "García López, María (DOB 12/03/1950) had a potassium of 5.9 [1].",
        "García López, María's potassium was 5.9 [1].",
        "García López, María, 72 years, had a potassium of 5.9 [1].",
    ],
)
def test_two_family_names_first_with_a_title_or_identifiers_name_the_person(answer: str) -> None:
    (flag,) = check_other_person_named(answer, [MARIA], "Zoë Müller")
    assert flag.token == "García López, María"


@pytest.mark.parametrize(
    "answer",
    [
        "The letter for García López, María and Ana gives potassium 5.9 [1].",
        "Seen with Ana Ruiz, García López, María (her sister) [1].",
    ],
)
def test_two_family_names_first_in_a_plain_list_stay_unflagged(answer: str) -> None:
    assert check_other_person_named(answer, [MARIA], "Zoë Müller") == []
