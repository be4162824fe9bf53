"""Round 17 (walk B): clinical phrases hard-wrapped over a line, roles of several words before a
name, anatomy and service phrases read as organisations, and days and form labels of other
languages read as names. Examples are invented here; each rule has a negative test."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept
from fixtures.deid_rules import redact

# -- a listed phrase over a line break or wide blanks (deid_lexicon)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Arrived 9 June. Glasgow Coma\nScale 14/15 (E4 V4 M6).", ("Glasgow Coma\nScale",)),
        ("Arrived drowsy, Glasgow  Coma   Scale 12.", ("Glasgow  Coma   Scale",)),
        ("Arrived drowsy, Glasgow Coma \n  Scale 12.", ("Glasgow Coma \n  Scale",)),
        ("Mini Mental State\nExamination 25/30 today.", ("Mini Mental State\nExamination",)),
    ],
)
def test_wrapped_phrase_kept(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


def test_blank_line_still_ends_a_phrase() -> None:
    # A paragraph break is no wrap: the city after it is no part of the scale.
    from medlocal.privacy.deid_lexicon import lexicon

    # Session 41: ICD-10-CM lists "Glasgow coma" itself, so the phrase may end before the break;
    # it must not run across it.
    found = lexicon().clinical_phrases.match("Glasgow Coma\n\nScale", 0)
    assert found is None or found.end() <= len("Glasgow Coma")
    assert lexicon().clinical_phrases.match("Glasgow Coma\nScale", 0) is not None


def test_wrapped_phrase_after_a_given_name_is_a_person() -> None:
    _gone("Reviewed by Trevor Graves\ndisease activity stable.", "Trevor", "Graves")


# -- a role of several words before a name (deid_names.role_prefix, deid_places)


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("Staff Nurse Oyelaran was present.", "Staff Nurse", "Oyelaran"),
        ("Charge Nurse Tembisile checked the drugs.", "Charge Nurse", "Tembisile"),
        ("Senior Paramedic Quarshie handed over.", "Senior Paramedic", "Quarshie"),
        ("District Nurse Pellingham will visit.", "District Nurse", "Pellingham"),
        ("Practice Nurse Okwuosa took bloods.", "Practice Nurse", "Okwuosa"),
        ("Nurse Practitioner Vandersloot reviewed.", "Nurse Practitioner", "Vandersloot"),
        ("Consultant Surgeon Ekwueme operated.", "Consultant Surgeon", "Ekwueme"),
        ("Community Psychiatric Nurse Obiageli visited.", "Psychiatric Nurse", "Obiageli"),
    ],
)
def test_role_stays_outside_the_name(text: str, role: str, name: str) -> None:
    out = redact(text)
    assert role in out, out
    assert name not in out, out


def test_names_listed_with_a_role_both_go() -> None:
    _gone("Seen by Okparaeke and Senior Nurse Mbekwane today.", "Okparaeke", "Mbekwane")


def test_role_word_that_is_a_surname_still_goes_without_a_grade() -> None:
    # "Porter" opens the name here: no grading word makes it a role.
    _gone("Seen by Okparaeke and Porter Hallworth.", "Porter", "Hallworth")


def test_role_without_a_name_stays() -> None:
    _kept("The Practice Nurse will call.", "Practice Nurse")
    _kept("Seen in Senior Nurse clinic.", "Senior Nurse")


# -- anatomy, diseases and services read as organisations (deid_clinical_terms)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Tender swelling in the Inguinal region.", ("Inguinal",)),
        ("Nodes palpable in the Supraclavicular fossa.", ("Supraclavicular",)),
        ("Pharmacist: Medicines reconciliation done.", ("Medicines reconciliation",)),
        ("Referred via Rapid Access 2 week pathway.", ("Rapid Access",)),
        ("Known to the Sickle Cell Anemia team.", ("Sickle Cell Anemia",)),
        ("Acompanhado no Ambulatório de Doença de Chagas.", ("Doença de Chagas",)),
        ("Assessed with the Cornell Scale for Depression in Dementia.", ("Depression",)),
    ],
)
def test_clinical_words_kept(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


def test_organisation_named_with_a_clinical_word_still_goes() -> None:
    _gone("Attends the Halvergate Dementia Centre weekly.", "Halvergate")
    _gone("Referred to the Tallowmere Rapid Access Clinic.", "Tallowmere")


# -- days and labels of other languages (deid_world_words, deid_tokens)


def test_world_label_is_no_name() -> None:
    _kept("Residenza: Via Garibaldi 7, Pavia", "Residenza")
    _kept("Domicilio: Calle Mayor 3, Soria", "Domicilio")


def test_world_weekday_is_no_name() -> None:
    _kept("Termin am Mittwoch 14 um 9.", "Mittwoch")
    _kept("Visto el jueves por la tarde.", "jueves")


def test_weekday_that_is_a_surname_stays_a_name_alone() -> None:
    # "Montag" is also a surname: without a day's number or a preposition it is a person.
    _gone("Seen by Dr Montag today.", "Montag")
    _gone("Montag reviewed the notes.", "Montag")
