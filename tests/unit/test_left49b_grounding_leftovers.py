"""Grounding leftovers of session 48 (note 48 "Noticed and left"; left49b), promise 3: a claim
about a value is checked against the passage's value of the same test, however the record
writes it.

1. German, French, Spanish, Italian and Dutch analyte names ("Kalium", "Natrium", "Kreatinin",
   "Hämoglobin", "Leukozyten", "Thrombozyten", "potasio", "potassio") are the same tests as the
   English names: "her potassium was normal" against "Kalium 5,9 mmol/l (3,5-5,1) H" is a range
   conflict, "potassium" is named there (no "medication not named" flag), and the question
   "What was her potassium?" finds the passage.
2. Range labels of those languages ("Referenz", "Normbereich", "Réf.", "valores de
   referencia", "VR", "v.r.") name a reference range.
3. Table rows with cells apart by two spaces or more, and semicolon-separated rows
   ("Kalium;5,9;mmol/l;3,5-5,1;H"), are read by the range check.
4. Dotted abbreviations of prescriptions ("Tabl.", "Tbl.", "Amp.", "Supp.", "ca.", "bzw.",
   "z.B.", "i.v.") do not split a sentence before a figure or a lower-case word, so a dose stays
   with its drug; a sputum or stool label does not carry a blood test after it ("Sputum:
   purulent. CRP 80" is the blood's CRP), while fluids sent for chemistry keep theirs.
5. A name written with two family names first ("GARCIA NUNEZ, Jose Angel") is the person's
   name in the wrong-patient checks (answers, imported files, questions).

Each first test of a part failed on main 3394cb3c (checked by running this file against a
checkout of it); the others check that what worked stays.
"""

from __future__ import annotations

import pytest

from medlocal.app.patient_mixups import other_patient_check, question_check
from medlocal.measured_things import find_measures, other_forms
from medlocal.rag.binding import bind
from medlocal.rag.checks.patient_identity import (
    OtherPerson,
    RecordIdentity,
    check_other_person_named,
    check_patient_identity,
)
from medlocal.rag.drug_facts import dose_pairs
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon
from medlocal.rag.reference_ranges import reference_limits
from medlocal.rag.relevance import term_finder
from medlocal.rag.report_sections import report_sections
from medlocal.rag.sentences import split_sentences
from medlocal.vault.rows import Patient


def _flags(answer: str, passage: str) -> list[tuple[str, str]]:
    return [(f.kind, f.token) for f in ground(answer, {1: passage}).flags]


def _range_flags(answer: str, passage: str) -> list[str]:
    return [token for kind, token in _flags(answer, passage) if kind == "range_conflict"]


# --- 1. Analyte names of other European languages -------------------------------------------

GERMAN = "Kalium 5,9 mmol/l (3,5-5,1) H"


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her potassium was normal [1].", GERMAN),
        ("Her sodium was normal [1].", "Natrium 128 mmol/l (135-145) L"),
        ("Her creatinine was normal [1].", "Kreatinin 1,9 mg/dl (0,5-1,0) H"),
        ("Her haemoglobin was normal [1].", "Hämoglobin 9,1 g/dl (12,0-16,0) L"),
        ("Her white cell count was normal [1].", "Leukozyten 15,2 /nl (4,0-10,0) H"),
        ("Her platelets were normal [1].", "Thrombozyten 88 /nl (150-400) L"),
        ("Her potassium was normal [1].", "Potasio 5,9 mmol/L (3,5-5,1) H"),
        ("Her potassium was normal [1].", "Potassio 5,9 mmol/L (3,5-5,1) H"),
        ("Her potassium was normal [1].", "Kalium 5,9 mmol/L (3,5-5,1) H"),
        ("Her glucose was normal [1].", "Glucemia 14,2 mmol/L (3,9-6,1) H"),
    ],
)
def test_a_claim_about_a_test_named_in_another_language_is_checked(
    answer: str, passage: str
) -> None:
    assert _range_flags(answer, passage) == ["normal"]


def test_the_ion_named_in_another_language_names_the_word() -> None:
    # "Potassium" is a drug's name too: the German report names it as "Kalium".
    kinds = [kind for kind, _ in _flags("Her potassium was normal [1].", GERMAN)]
    assert "unverified_medication" not in kinds
    assert "weak_support" not in kinds
    assert _flags("Her potassium was raised at 5.9 mmol/L [1].", GERMAN) == []


def test_other_languages_names_bind_their_values() -> None:
    text = "Kreatinin 1,4 mg/dl. Leucocitos 12,1. Piastrine 90. Hémoglobine 10,2 g/dl."
    measures = [m for _, _, m in find_measures(text)]
    assert measures == ["creatinine", "wbc", "platelets", "hemoglobin"]
    # German's symbols count only in capitals; "GOT" (AST) is an English word in capitals.
    assert [m for _, _, m in find_measures("GPT 80 U/l, ASAT 40 U/l, asat")] == ["alt", "ast"]
    assert find_measures("PATIENT GOT 2 UNITS") == []


def test_a_question_offers_english_forms_first() -> None:
    forms = other_forms("What were her potassium, sodium and hemoglobin?")
    # Each English symbol is kept ahead of the other languages' names.
    assert {"k", "na", "hb"} <= set(forms.symbols)
    assert "kalium" in forms.names


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("What was her potassium?", "Labor 01.12.2026: Kalium 5,9 mmol/l (3,5-5,1) H"),
        ("What was her white cell count?", "Leukozyten 15,2 /nl"),
    ],
)
def test_an_english_question_finds_the_test_named_in_another_language(
    question: str, passage: str
) -> None:
    assert term_finder(question)(passage)
    assert not term_finder(question)("Natrium 139 mmol/l")


def test_a_symbol_does_not_name_the_drug() -> None:
    kinds = [kind for kind, _ in _flags("She was given potassium [1].", "K 5,9 mmol/l")]
    assert "unverified_medication" in kinds


# --- 2. Range labels of other languages -----------------------------------------------------


@pytest.mark.parametrize(
    "passage",
    [
        "Kalium 5,9 mmol/l (Referenz 3,5-5,1)",
        "Kalium 5,9 mmol/l (Normbereich 3,5-5,1)",
        "Kalium 5,9 mmol/l [Referenzbereich 3,5-5,1]",
        "Kalium 5,9 mmol/l (Réf. 3,5-5,1)",
        "Potasio 5,9 mmol/L (valores de referencia: 3,5-5,1)",
        "Potasio 5,9 mmol/L (VR 3,5-5,1)",
        "Potassio 5,9 mmol/L (v.r. 3,5-5,1)",
        "Potassium 5.9 mmol/L (Ref. 3.5-5.1)",
        "Kalium 5,9 mmol/l (Referentiewaarden 3,5-5,1)",
    ],
)
def test_a_range_labelled_in_another_language_is_read(passage: str) -> None:
    assert _range_flags("Her potassium was normal [1].", passage) == ["normal"]
    assert _range_flags("Her potassium of 5.9 mmol/L was normal [1].", passage) == ["normal"]


def test_a_labelled_range_is_limits_not_results() -> None:
    text = "Kalium 5,9 mmol/l (Normbereich 3,5-5,1)"
    assert reference_limits(text) == {text.index("3,5"), text.index("5,1")}
    listed = "Referenzbereiche: Kalium 3,5-5,1; Natrium 135-145"
    assert {listed.index("3,5"), listed.index("135")} <= reference_limits(listed)


@pytest.mark.parametrize(
    "passage",
    ["Kalium 4,2 mmol/l (Referenz 3,5-5,1)", "Potasio 4,2 mmol/L (VR 3,5-5,1)"],
)
def test_a_claim_the_labelled_range_bears_out_is_not_flagged(passage: str) -> None:
    assert _range_flags("Her potassium was normal [1].", passage) == []
    assert _range_flags("Her potassium was high [1].", passage) == ["high"]


# --- 3. Table rows: cells apart by spaces or semicolons -------------------------------------

SPACED = "Natrium  139  mmol/l  135-145\nKalium  5,9  mmol/l  3,5-5,1  H"
SEMICOLONS = (
    "Datum;Parameter;Wert;Einheit;Referenz;Flag\n"
    "01.12.2026;Natrium;139;mmol/l;135-145;\n"
    "01.12.2026;Kalium;5,9;mmol/l;3,5-5,1;H"
)


@pytest.mark.parametrize(
    "passage",
    [
        SPACED,
        SEMICOLONS,
        "Kalium;5,9;mmol/l;3,5-5,1;H",
        "Potassium  5.9  mmol/L  3.5-5.1  H",
        "Potassium;5.9;mmol/L;3.5-5.1;H",
        # The range alone says it.
        "Potassium  5.9  mmol/L  3.5-5.1",
    ],
)
def test_a_table_rows_range_is_read(passage: str) -> None:
    assert _range_flags("Her potassium was normal [1].", passage) == ["normal"]
    assert _range_flags("Her potassium of 5.9 was normal [1].", passage) == ["normal"]


def test_a_table_rows_value_inside_its_range_bears_out_normal() -> None:
    assert _range_flags("Her sodium was normal [1].", SPACED) == []
    assert _range_flags("Her sodium was normal [1].", SEMICOLONS) == []
    assert _range_flags("Her sodium was low [1].", SEMICOLONS) == ["low"]


def test_a_semicolon_rows_cells_are_its_measure_and_range() -> None:
    bound = [(b.value.canonical, b.attribute) for b in bind("Kalium;5,9;mmol/l;3,5-5,1;H")]
    assert bound == [("5.9", "potassium"), ("3.5", "reference range"), ("5.1", "reference range")]


def test_prose_semicolons_still_end_a_clause() -> None:
    # A value after "; " in prose is not in a semicolon row: its flag is not read past it.
    passage = "Potassium 5.9 mmol/L; H. pylori negative"
    assert _range_flags("Her potassium was normal [1].", passage) == []


# --- 4. Dotted abbreviations; a sputum label and a blood test ------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Ramipril Tabl. 5 mg 1-0-0, Bisoprolol Tbl. 2,5 mg 1-0-0.", 1),
        ("Metamizol Amp. 1 g i.v. bei Bedarf.", 1),
        ("Paracetamol Supp. 500 mg bei Fieber.", 1),
        ("Gewicht ca. 80 kg, bzw. z.B. Ramipril 5 mg.", 1),
        ("V.a. Pneumonie, ggf. CT.", 1),
        # Before a capital a dosage form may end the line's item: the next drug is its own.
        ("Ramipril 5 mg 1 Tabl. Bisoprolol 2,5 mg 1 Tabl.", 2),
        ("History of breast ca. She is well.", 2),
    ],
)
def test_a_dotted_abbreviation_splits_only_before_a_capital(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_a_dose_after_a_dosage_form_is_its_drugs() -> None:
    text = "Ramipril Tabl. 5 mg 1-0-0, Bisoprolol Tbl. 2,5 mg 1-0-0."
    pairs = [pair for pair, _ in dose_pairs(text, default_lexicon())]
    assert pairs == [("ramipril", "5", "mg"), ("bisoprolol", "2.5", "mg")]
    passage = "Ramipril Tabl. 5 mg 1-0-0\nBisoprolol Tbl. 2,5 mg 1-0-0"
    assert _flags("Bisoprolol 5 mg [1].", passage) == [("unverified_number", "5 mg")]
    assert _flags("Bisoprolol 2.5 mg [1].", passage) == []


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Sputum: purulent. CRP 80 mg/L.", ("purulent.",)),
        ("Stool: loose. Potassium 3.1 mmol/L.", ("loose.",)),
    ],
)
def test_a_cultured_samples_label_ends_at_a_blood_test(text: str, rows: tuple[str, ...]) -> None:
    (section,) = report_sections(text)
    assert section.rows == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Pleural fluid: turbid. Lactate 4.1 mmol/L.", ("turbid.", "Lactate 4.1 mmol/L.")),
        ("CSF: clear. Glucose 2.1 mmol/L.", ("clear.", "Glucose 2.1 mmol/L.")),
        ("Sputum: purulent, green. Culture pending.", ("purulent, green.", "Culture pending.")),
    ],
)
def test_fluids_sent_for_chemistry_keep_their_tests(text: str, rows: tuple[str, ...]) -> None:
    (section,) = report_sections(text)
    assert section.rows == rows


# --- 5. Two family names first --------------------------------------------------------------

GARCIA = OtherPerson("José Ángel García Núñez", "another patient of this vault (patient 2)")


@pytest.mark.parametrize(
    "answer",
    [
        "GARCIA NUNEZ, Jose Angel: potassium 5.9 [1].",
        # Written in small letters, only after a name label (review 49 R4: otherwise as
        # likely a list; tests/unit/test_review49_false_flags.py).
        "Paciente: García Núñez, José Ángel; potassium 5.9 [1].",
    ],
)
def test_two_family_names_first_name_the_person(answer: str) -> None:
    (flag,) = check_other_person_named(answer, [GARCIA], "Zoë Müller")
    assert flag.kind == "wrong_patient"
    assert flag.token.upper().startswith("GARC")


def test_two_family_names_first_in_an_imported_file_and_a_question() -> None:
    patients = [
        Patient(1, "Zoë Müller", None, None, "2026-01-01"),
        Patient(2, "José Ángel García Núñez", None, None, "2026-01-01"),
    ]
    notes = other_patient_check(patients, 1)("Paciente: GARCIA NUNEZ, Jose Angel. Alta.")
    assert len(notes) == 1 and "patient 2" in notes[0]
    asked = question_check(patients, 1)("What is GARCIA NUNEZ, Jose Angel on?")
    assert len(asked) == 1


def test_the_family_name_alone_and_the_patients_own_name_stay_unflagged() -> None:
    assert check_other_person_named("GARCIA, Maria: potassium 5.9 [1].", [GARCIA], "Z") == []
    record = RecordIdentity("José Ángel García Núñez")
    assert check_patient_identity("Name: GARCIA NUNEZ, Jose Angel", record) == []
