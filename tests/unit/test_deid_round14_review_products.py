"""Fourteenth round, review: the product, clinical-value, code-system and foreign-word rules of
this round kept names and numbers the reviewer found (items 4, 7, 8 and 9). Each probe of the
review is a negative test here (the name or number is removed); the clinical readings the rules
were written for are kept, with invented examples."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "12345", date(1950, 1, 2)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


# -- item 4: a foreign clinical word that is also a surname


def test_a_surname_that_is_a_foreign_clinical_word_is_removed_after_a_given_name() -> None:
    out = redact("Discussed with Pedro Cabeza about discharge.")
    assert "Pedro" not in out and "Cabeza" not in out, out
    out = redact("Reviewed by Marie Rendu today. Rendu agrees with plan.")
    assert "Marie" not in out and "Rendu" not in out, out


@pytest.mark.parametrize(
    "text, name",
    [
        ("Spoke to Piel regarding transport.", "Piel"),
        ("Message from Leiste re appointment.", "Leiste"),
        ("Phoned Osso about the results.", "Osso"),
    ],
)
def test_a_surname_that_is_a_foreign_clinical_word_is_removed_alone(text: str, name: str) -> None:
    assert name not in redact(text)


def test_a_foreign_clinical_word_still_on_the_list_joins_a_name_beside_it() -> None:
    # "Gehirn" stays on the list (no surname); capitalised after a given name it is one.
    out = redact("Visited by Tomas Gehirn this afternoon.")
    assert "Gehirn" not in out, out
    out = redact("Seen by Dr Gehirn today.")
    assert "Gehirn" not in out, out


def test_a_foreign_clinical_word_is_kept_in_lower_case_and_alone() -> None:
    out = redact("Dolor de cabeza intenso, piel seca y prurito.")
    assert "cabeza" in out and "piel" in out, out
    out = redact("Befund: Gehirn unauffällig, Rückenmark ohne Befund.")
    assert "Gehirn" in out, out


# -- item 7: products and devices


def test_a_person_before_a_field_strength_is_removed() -> None:
    out = redact("Inserted by Piotr Wrzesniewski 3 T scanner.")
    assert "Piotr" not in out and "Wrzesniewski" not in out, out
    out = redact("Scan done by Anna Kolodziej 1.5 T scanner.")
    assert "Kolodziej" not in out, out


def test_a_maker_and_model_before_a_field_strength_is_kept() -> None:
    out = redact("Estudio en equipo Siemens Vorexia 3T sin contraste.")
    assert "Siemens Vorexia 3T" in out, out
    out = redact("Anastomosis with an ENDO 60 stapler.")
    assert "ENDO 60 stapler" in out, out


@pytest.mark.parametrize(
    "text, name",
    [
        ("Insulin pump (Anna Przybyszewska) reviewed.", "Przybyszewska"),
        ("Pump (Przybyszewski) checked.", "Przybyszewski"),
    ],
)
def test_a_person_in_brackets_after_a_device_word_is_removed(text: str, name: str) -> None:
    assert name not in redact(text)


def test_a_model_in_brackets_after_a_device_word_is_kept() -> None:
    out = redact("Stented (Corvexa Nimbus) in 2018.")
    assert "Corvexa Nimbus" in out, out
    out = redact("Pump (OmniFlo) replaced last week.")
    assert "OmniFlo" in out, out


def test_a_surname_after_a_given_name_before_a_dose_is_removed_everywhere() -> None:
    out = redact("Given to Jim Przybyszewski 2 tabs paracetamol. Jim Przybyszewski will return.")
    assert "Przybyszewski" not in out, out


def test_a_brand_before_its_dose_is_still_kept_where_it_stands_alone() -> None:
    out = redact("Started Torvalex 20 mg nocte. Continue Torvalex.")
    assert out.count("Torvalex") == 2, out


# -- item 8: clinical-value lists


def test_a_name_joined_by_plus_to_a_clinical_word_is_removed() -> None:
    out = redact("Joint visit Przybyszewski + physio today.")
    assert "Przybyszewski" not in out, out


def test_a_medicine_joined_by_plus_is_kept() -> None:
    out = redact("Remains on Cordavelin + ciclosporin, levels weekly.")
    assert "Cordavelin" in out, out


def test_a_name_after_a_dose_frequency_and_comma_is_removed() -> None:
    out = redact("paracetamol 1 g 1-0-1, Przybyszewska to recheck.")
    assert "Przybyszewska" not in out, out
    out = redact("ibuprofen 400 mg tds, Kowalczyk will review on Monday.")
    assert "Kowalczyk" not in out, out


def test_a_medicine_after_a_dose_frequency_and_comma_is_kept() -> None:
    out = redact("Meds: ramipril 5 mg od, Dormalex 10 mg nocte, Ferrovita Plus D3.")
    assert "Dormalex" in out and "Ferrovita" in out, out


# -- item 9: code systems that are also everyday abbreviations


@pytest.mark.parametrize(
    "text, number",
    [
        ("Bed manager via OPS 0412345678.", "0412345678"),
        ("Referred from OPS 4839201.", "4839201"),
        ("ID number CID 123456789 noted.", "123456789"),
        ("Policy TUSS 88112233 confirmed.", "88112233"),
    ],
)
def test_a_number_after_a_code_system_word_in_no_code_shape_is_removed(
    text: str, number: str
) -> None:
    assert number not in redact(text)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Eingriff: OPS 5-812.5 arthroskopisch.", "5-812.5"),
        ("Procedimento código TUSS 40101010 autorizado.", "40101010"),
        ("Diagnóstico CID-10 K35.8, apendicite.", "K35.8"),
        ("la cotation CCAM NFKA007 est faite.", "NFKA007"),
        ("Leistung TARMED 00.0030 abgerechnet.", "00.0030"),
    ],
)
def test_a_code_in_its_systems_shape_is_kept(text: str, code: str) -> None:
    assert code in redact(text)


def test_a_medicine_joined_by_plus_at_an_items_start_is_kept() -> None:
    out = redact("Regimen: Cordavelin + ciclosporin from day 1.")
    assert "Cordavelin" in out, out
