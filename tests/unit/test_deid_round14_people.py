"""Fourteenth round, people and dates: a person's name grown over the initials, surname or given
name the rules left beside it, and a signed document's date over its clock time. Examples are
invented here, not taken from the evaluation set; each rule has negative tests that keep
clinical text."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, patient: str = "Jane Doe") -> str:
    redactor = Redactor(PatientIdentity(patient, "123", date(1950, 1, 1)), shift_days=40)
    return redactor.redact(text)


# Initials before a found surname.


def test_initials_before_a_surname_with_a_particle_go_with_it() -> None:
    out = redact("Kind regards, T. du Toit (reg. 44182)")
    assert "T." not in out and "Toit" not in out, out


def test_initials_and_a_bracketed_nickname_before_a_surname_go() -> None:
    out = redact("Dr B. K. (Bongani) Mthembu-Fraser\nConsultant Nephrologist")
    assert "B. K." not in out and "Bongani" not in out and "Mthembu" not in out, out


def test_a_hyphenated_initial_before_a_found_name_goes() -> None:
    out = redact("Completed by: M.-L. Fairweather RN, bleep 2231")
    assert "M.-" not in out and "Fairweather" not in out, out


def test_a_letter_after_a_clinical_word_is_no_initial() -> None:
    out = redact("Serology: hepatitis B. Repeat in 6 weeks.")
    assert "hepatitis B" in out, out
    out = redact("Check vitamin D. Recheck calcium next visit.")
    assert "vitamin D" in out, out


# A surname after a found given name, a given name before a found surname.


def test_an_eponym_surname_after_a_titled_given_name_is_the_persons() -> None:
    out = redact("Referred by Dr. med. Ulrike Parkinson, Hausarzt.")
    assert "Ulrike" not in out and "Parkinson" not in out, out


def test_an_unlisted_surname_after_a_role_and_given_name_goes() -> None:
    out = redact("Medication review 3 Mar 2026   Pharmacist: Brian Wambugu, PPB PPB/P/1234\n")
    assert "Brian" not in out and "Wambugu" not in out, out


def test_an_eponym_with_its_head_after_a_given_name_stays() -> None:
    out = redact("Dr Ulrike noted Kaposi sarcoma on the shin.")
    assert "Kaposi sarcoma" in out, out


def test_a_clinical_word_after_a_given_name_without_a_cue_stays() -> None:
    out = redact("Su Holter 24 horas muestra ritmo sinusal.")
    assert "Holter 24 horas" in out, out


def test_a_given_name_before_a_found_surname_goes() -> None:
    out = redact("Daughter Friederike Okonkwo-Lange visits daily.")
    assert "Friederike" not in out and "Okonkwo" not in out, out


# A signed date's clock time.


def test_the_time_of_an_electronic_signature_goes_with_its_date() -> None:
    out = redact("Report authorised electronically 14/03/2026 16:05\n")
    assert "16:05" not in out and "14/03/2026" not in out, out
    out = redact("Draft prepared 02/05/2026 08:40")
    assert "08:40" not in out, out


def test_a_clinical_time_after_a_date_stays() -> None:
    out = redact("Enoxaparin 40 mg given 14/03/2026 16:05, next dose due.")
    assert "16:05" in out, out


# A town's postal district number.


def test_a_postal_district_after_a_town_goes_with_it() -> None:
    out = redact("Mater Clinic, Eccles Street, Phibsborough, Dublin 7 D07 R2WY\n")
    assert "Dublin 7" not in out and " 7 " not in out, out
    out = redact("new address is 4 Hope Road, Kingston 6. please update")
    assert "Kingston 6" not in out and "6." not in out, out


def test_a_count_after_a_town_stays() -> None:
    out = redact("Travelled to Leeds, Bristol 6 times this year.")
    assert "6 times" in out, out


# The initials of a person the note names.


def test_the_initials_of_a_named_person_after_a_comma_at_the_lines_end_go() -> None:
    # Review 14 (item 10): initials that are also an abbreviation ("TG", triglycerides) end a
    # line this way in results too ("LDL 3.1, TG"); those need a signing structure
    # (test_deid_round14_review_initials), so the person here is "TW".
    out = redact("Reviewed by Tamsin Wolde, health visitor.\nNext visit in 2 weeks, TW\n")
    assert "TW" not in out, out


def test_a_line_of_initials_of_named_people_goes() -> None:
    out = redact("Midwife Orla Dunphy RM.\nOD / KB\n")
    assert "OD /" not in out, out


def test_initials_that_name_no_one_here_stay() -> None:
    out = redact("Ward round with Dr Tamsin Greaves.\nEye drops OD at night.\n")
    assert "OD at night" in out, out


def test_a_named_persons_initials_that_are_a_clinical_abbreviation_in_a_sentence_stay() -> None:
    out = redact("Seen with Dr Olive Dunne.\nTimolol drops OD at night, review 2 weeks.\n")
    assert "drops OD at night" in out, out


# A code's prefix of capitals.


def test_a_serial_label_stays_and_its_number_goes() -> None:
    # Review 14 (item 12): a label is no part of the code ("SN [ID]").
    out = redact("Insulin pump fitted, serial SN 5K7-30418-QT recorded.")
    assert "SN [ID]" in out and "5K7" not in out, out


def test_a_prescriptions_number_goes() -> None:
    # Review 14 (item 12): read as a phone number here, which takes no prefix.
    out = redact("Oxycodone 5 mg PRN (dispensed 2/3 script RX 5521 0093).")
    assert "5521" not in out and "0093" not in out, out


def test_a_prescriptions_prefix_goes_with_a_code() -> None:
    out = redact("Oxycodone 5 mg PRN (dispensed script RX 5521-0093-77).")
    assert "RX" not in out and "5521" not in out, out


def test_capitals_before_a_clinical_value_stay() -> None:
    out = redact("CRP 12, ESR 40, HbA1c 58 mmol/mol.")
    assert "CRP 12" in out and "ESR 40" in out, out


def test_a_treatment_before_a_word_with_a_year_stays() -> None:
    out = redact("HIV positive since 2019, stopped ART mid-2023.")
    assert "ART" in out, out
