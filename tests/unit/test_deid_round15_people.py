"""Fifteenth round, people and places: census lists in capitals, initials before a particle,
message headers with a credential, doctors' titles of other languages, a street "without a
number", places after a facility and a 1 read for a letter in a scan. Examples are invented
here, not taken from the evaluation set; each rule has a negative test that keeps clinical text."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, patient: str = "Jane Doe") -> str:
    redactor = Redactor(PatientIdentity(patient, "123", date(1950, 1, 1)), shift_days=40)
    return redactor.redact(text)


# Census lists: "SURNAME, GIVEN" in capitals.


def test_the_given_name_after_a_found_capitalised_surname_goes_with_it() -> None:
    out = redact("Transfers: THIBODAUX, HOPE from Ward 3; KOWALCZYK, SR to rehab.")
    assert "HOPE" not in out and "THIBODAUX" not in out, out
    assert "KOWALCZYK" not in out and ", SR" not in out, out


def test_the_other_items_of_a_census_line_are_people() -> None:
    out = redact("Admits: THIBODAUX, HOPE from Ward 3; SPRING, DAWN from ED; MOSSBERG → home.")
    assert "SPRING" not in out and "DAWN" not in out, out
    assert "MOSSBERG" not in out, out
    assert "ED" in out and "home" in out, out


def test_a_credential_or_acronym_after_a_capitalised_surname_stays() -> None:
    out = redact("Attending: THIBODAUX, MD. Problems: CHF; COPD → home.")
    assert "MD" in out and "CHF" in out and "COPD" in out, out


def test_acronym_lists_without_a_found_pair_stay() -> None:
    out = redact("Issues: HTN, DM; CKD → nephrology; AKI from sepsis.")
    assert "HTN, DM" in out and "CKD" in out and "AKI" in out, out


# Initials, a particle and a surname.


def test_initials_and_a_particle_surname_after_a_foreign_role_are_a_name() -> None:
    out = redact("Verwijzer: huisarts J. van Rijckevorsel, Utrecht.")
    assert "Rijckevorsel" not in out, out
    out = redact("Kind regards,\nP. de Vries\n")
    assert "Vries" not in out, out


def test_an_eponym_after_initials_and_a_particle_stays() -> None:
    out = redact("Dx: R. de Quervain tenosynovitis, right wrist.")
    assert "de Quervain tenosynovitis" in out, out


# Message headers.


def test_a_header_name_with_a_bracketed_credential_is_a_name() -> None:
    out = redact("From: Bright (RN)   To: Sunny (HCA)\nS: settled overnight.")
    assert "Bright" not in out and "Sunny" not in out, out
    assert "(RN)" in out, out


def test_a_header_with_a_clinical_word_stays() -> None:
    out = redact("To: Theatre (RN) list for tomorrow; Heparin infusion continues.")
    assert "Heparin" in out, out


# Doctors' titles of other languages.


def test_spanish_italian_and_dutch_titles_cue_a_name() -> None:
    out = redact("Estimada Dra. Lim,\nValorada por el Dott. Fogg; cliënt dhr. Haak.")
    assert "Lim" not in out and "Fogg" not in out and "Haak" not in out, out


# A street without a number.


def test_a_spanish_street_without_a_number_is_an_address() -> None:
    out = redact("Domicilio: Avda. Juan Ortega Bravo, s/n, Lebrija.")
    assert "Ortega Bravo" not in out, out


def test_a_serial_number_abbreviation_is_no_street() -> None:
    out = redact("Infusion pump s/n checked; Plaza of the hospital.")
    assert "s/n checked" in out, out


# Places after a facility.


def test_the_suburb_and_town_after_a_facility_are_places() -> None:
    out = redact("Referred from Kowhai Medical Centre, Whakatane.")
    assert "Whakatane" not in out, out
    out = redact("To: Mabini Clinic, Tungkop, Minglanilla\nRe: follow-up")
    assert "Tungkop" not in out and "Minglanilla" not in out, out


def test_a_department_or_a_day_after_a_facility_stays() -> None:
    out = redact(
        "Seen at Kowhai Medical Centre, Cardiology. Back at Kowhai Medical Centre, Monday."
    )
    assert "Cardiology" in out, out


# A scan's 1 for a letter.


def test_a_one_inside_a_scanned_place_name_is_read_as_a_letter() -> None:
    out = redact("Fax from Derby Rd, Leicest1r... no: 4O7 882 1146, Br1ghton BN2 5BE, W1LLIAMS")
    assert "Br1ghton" not in out, out


def test_a_one_inside_a_lab_name_stays() -> None:
    out = redact("HbA1c 52 mmol/mol, C1q normal, CYP2C19 poor metaboliser.")
    assert "HbA1c 52" in out and "C1q" in out and "CYP2C19" in out, out


# A title before a found name carries the surname after it.


def test_an_italian_feminine_title_carries_the_surname_after_a_found_name() -> None:
    out = redact("Consulenza: Dott.ssa Benedetta Trombetti, disposto ricovero.")
    assert "Trombetti" not in out, out


def test_a_particle_after_a_found_word_is_no_surname_without_a_listed_given_name() -> None:
    out = redact("Unidad de Ictus. Bis dahin Fortführung von Eliquis 5 mg.")
    assert "Eliquis 5 mg" in out, out


# Japanese honorifics.


def test_a_japanese_honorific_after_a_name_marks_a_person() -> None:
    out = redact("Shujii: Hoshino Rin sensei (Nephrology). Konnichiwa, Kuroda-san.")
    assert "Hoshino" not in out and "Kuroda" not in out, out


def test_an_eponym_disease_next_to_an_honorific_name_stays() -> None:
    out = redact("Kuroda-san has no Kawasaki disease.")
    assert "Kawasaki disease" in out, out


# "by" in other languages.


def test_by_in_spanish_french_and_dutch_cues_a_name() -> None:
    out = redact("Ingevuld door Femke. Vu par Gaëlle hier.")
    assert "Femke" not in out and "Gaëlle" not in out, out


# A house number and street after "lives at".


def test_a_street_after_lives_at_before_the_town_is_an_address() -> None:
    out = redact("Lives with wife at 14 Tanner Row, Frome. Independent.")
    assert "Tanner" not in out, out


def test_lives_at_without_a_house_number_stays() -> None:
    out = redact("Lives at home, independent; lives with Parkinson disease for 10 Years, Stable.")
    assert "Parkinson disease" in out, out


# A preferred name in quotes.


def test_a_preferred_letter_or_name_in_quotes_is_a_name() -> None:
    out = redact('Patient: Wilhelmina Okonjo (prefers "W")   MRN 0011')
    assert '"W"' not in out, out
    out = redact('Prefers "Billie", not Wilhelmina.')
    assert "Billie" not in out, out


def test_a_preference_in_quotes_that_is_no_name_stays() -> None:
    out = redact("Prefers \"Morning\" appointments; she prefers 'Tea' to coffee.")
    assert "Morning" in out and "Tea" in out, out


def test_a_spanish_department_after_por_stays() -> None:
    out = redact("Se recomienda valoración por Neurocirugía mañana.")
    assert "Neurocirugía" in out, out
