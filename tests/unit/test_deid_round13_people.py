"""Thirteenth round, people (PERSON and PATIENT). Examples are invented here, not taken from
the evaluation set; each rule has a test that clinical text stays."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str, name: str | None = None) -> str:
    if name is None:
        return REDACTOR.redact(text)
    return Redactor(PatientIdentity(name, "123", date(1950, 1, 1)), shift_days=40).redact(text)


# Staff initials (deid_staff_initials).


def test_a_dictation_reference_line_loses_both_initials() -> None:
    for line in ("PQ/zd", "KvD/ms", "BWT/lan"):
        out = redact(f"Review in six weeks.\n{line}\n")
        assert "[NAME]/[NAME]" in out, out


def test_a_typists_initials_after_a_clerical_role() -> None:
    assert "yz" not in redact("DWK / checked yz\n")
    assert "q.r." not in redact("Signed TB / data clerk q.r.\n")
    assert "hm" not in redact("Scribe: hm\n")
    assert "kpotts" not in redact("Printed: kpotts  Page 2/2\n")


def test_slashed_clinical_pairs_stay() -> None:
    for text in ("IV/po\n", "PE/dvt\n", "Plan IV/po\n", "Minutes: nil\n"):
        assert redact(text) == text, redact(text)


def test_minutes_attendees_and_their_actions() -> None:
    text = (
        "Present: GHT, BMcK (Surg), WP (Rad), JZ (Onc)\n"
        "Discussion: WP - no nodal disease. GHT - proceed to surgery.\n"
        "| Staging CT | GHT | next wk |\n"
    )
    out = redact(text)
    for initials in ("GHT", "BMcK", "WP", "JZ"):
        assert initials not in out, out
    assert "Staging CT" in out and "no nodal disease" in out, out


def test_a_list_of_symptoms_after_present_stays() -> None:
    assert redact("Present: SOB, CP, N&V\n") == "Present: SOB, CP, N&V\n"


def test_initials_after_a_person_only_role_or_before_a_credential() -> None:
    assert "QX" not in redact("Dentist: QX   Nurse: Bronwen")
    assert "ZT" not in redact("Night CN: ZT. Day CN: P. Lowe.")
    assert "WQ" not in redact("WQ (Physio)  Reg 70-1188")
    assert "YB" not in redact("Form completed by YB (MA)   Tax ID 44")
    assert "FV" not in redact("FV, NP   on call")


def test_a_route_or_a_diagnosis_before_a_role_stays() -> None:
    assert redact("Dx: PE, RN aware") == "Dx: PE, RN aware"
    assert redact("given by IV/IM") == "given by IV/IM"
    assert redact("No change. (AF)") == "No change. (AF)"


def test_initials_after_a_name_and_a_slash() -> None:
    out = redact("Prepared by RN Tamsin / TQ.")
    assert "TQ" not in out and "Tamsin" not in out, out
    out = redact("Adm by: Dr. P. Okoye (resident) / pok")
    assert "pok" not in out, out
    assert "ECG" in redact("Seen by Jo Bird / ECG done")


def test_a_reporters_initials_after_a_pathology_paragraph() -> None:
    out = redact("Two cores, all embedded (A1-A2). (QW)")
    assert "QW" not in out and "A1-A2" in out, out


def test_signers_initials_after_by() -> None:
    out = redact("Checked by QH/ZL")
    assert "QH" not in out and "ZL" not in out, out


# Names after relations, honorifics, kin words (deid_nicknames, deid_people_words).


def test_a_name_in_quotes_or_brackets_after_a_relation() -> None:
    assert "Dazza" not in redact('Mentions her boyfriend "Dazza" visits.')
    assert "Shaz" not in redact("Came with daughter (Shaz) today.")
    assert "Woof" not in redact("Lives near his mate Woof from the club.")


def test_a_condition_after_a_relation_stays() -> None:
    out = redact('Mother "Type 2" diabetes; father (asthma)')
    assert "Type 2" in out and "asthma" in out, out


def test_kin_words_and_honorifics_of_other_cultures() -> None:
    assert "MaNdlovu" not in redact("Her gogo MaNdlovu cooks.")
    assert "Marivic" not in redact("Ate Marivic visits daily.")
    assert "Okwudili" not in redact("Chief Okwudili attended.")
    assert "Tochter Anke" not in redact("Begleitet von Tochter Anke.")
    assert "Chief Complaint" in redact("Chief Complaint: cough")


def test_a_childs_name_before_their_age() -> None:
    out = redact("Children: Tavita (6), Losa (3y).")
    assert "Tavita" not in out and "Losa" not in out, out
    assert redact("Mobitz (2) block") == "Mobitz (2) block"


def test_quoted_alias_and_display_name_of_the_patient() -> None:
    out = redact('Patient: BOUCHARD-ROY Marie-Claude ("MC")  Dossier 1')
    assert '("MC")' not in out, out
    assert "Mo K" not in redact('Patient: maureen kettle (display name "Mo K")')
    assert "Bid" not in redact('Resident: Bridget Ann Foy (known as "Bid")')


def test_a_malaysian_patronymic() -> None:
    assert "Subramaniam" not in redact("Dr Kumar a/l Subramaniam reviewed.")


# The patient's own name in other forms (deid_identity).


def test_the_patients_familiar_name_and_initial() -> None:
    assert "Becky" not in redact("Becky says the pump alarms.", "Rebecca Lowe")
    out = redact("T says he is fine. T 3.4 on the gas.", "Tobias Renner")
    assert out.startswith("[NAME] says") and "T 3.4" in out, out
    out = redact("Mrs Q was seen. Vitamin Q? Mrs Quinn came.", "Ada Quayle")
    assert "Mrs Q was" not in out and "Vitamin Q" in out, out


def test_a_familiar_form_that_is_clinical_is_not_the_patient() -> None:
    assert "bid" in redact("Metformin 500 mg bid", "Bridget Foy")


# Word shapes and tables.


def test_a_clan_name_is_a_name() -> None:
    assert "MaSibiya" not in redact("She lives with MaSibiya.")


def test_a_comma_separated_export_has_columns() -> None:
    text = 'Bed,Name,Age,Named nurse\n1,"QUIRKE, Ines",94,TZ\n2,"BELL, Amos",71,TZ\n'
    out = redact(text)
    assert "QUIRKE" not in out and "Ines" not in out and "94" not in out, out
    assert out.startswith("Bed,Name,Age,") and ",71," in out, out


def test_prose_with_commas_is_no_table() -> None:
    text = "Seen today,well,eating,drinking.\nName, date, signature\nBob, 1/2, x\n"
    assert "eating" in redact(text)


def test_a_surname_after_an_initial_is_no_genus() -> None:
    out = redact("résidente M. Ouellon   permis 14-228")
    assert "Ouellon" not in out, out
    assert "M. tuberculosis" in redact("M. tuberculosis complex")


def test_a_clinician_in_brackets_after_the_team() -> None:
    out = redact("Reviewed by nephrology (Quarshie) on the ward.")
    assert "Quarshie" not in out and "nephrology" in out, out
    out = redact("Discussed with radiology (CT) and surgery (Urgent).")
    assert "(CT)" in out and "(Urgent)" in out, out


def test_a_dictation_reference_whose_author_initials_abbreviate() -> None:
    out = redact("All sampled. (PE/zq)")
    assert "zq" not in out and "PE" not in out, out
    assert redact("Dx (PE/dvt)") == "Dx (PE/dvt)"


def test_initials_of_a_found_name_alone_in_a_table_cell() -> None:
    text = "Sr Orla Q. (CNS) attends.\n| Call the family | OQ | Friday |\n"
    out = redact(text)
    assert "| OQ |" not in out, out


def test_initials_under_a_nurse_column_of_an_export() -> None:
    text = 'Bed,Name,Age,Named nurse,Plan\n1,"BELL, Amos",71,CR,home\n2,"ROE, Al",80,CR,"CR 1.2"\n'
    out = redact(text)
    assert ",CR," not in out and '"CR 1.2"' in out, out


def test_a_shortened_given_name_beside_the_surname() -> None:
    out = redact("Salamat po!\ncora villaflor", "Maria Corazon Villaflor")
    assert "cora" not in out, out


def test_initials_before_the_signers_role_in_words() -> None:
    out = redact("Plan agreed.\nQF  Specialist Community Public Health Nurse   NMC 12A\n")
    assert "QF" not in out and "Nurse" in out, out
    text = "ED  Emergency Nurse Practitioner review\n"
    assert redact(text) == text, redact(text)


def test_the_patients_name_with_a_scans_digits() -> None:
    out = redact("Name: ZAWADI NJOK1 OTIENO  age 40", "Zawadi Njoki Otieno")
    assert "NJOK1" not in out, out
    out = redact("L1 fracture, 10 mg. Li came", "Li Io")
    assert "L1 fracture, 10 mg" in out, out


def test_given_names_of_many_cultures_are_listed() -> None:
    out = redact("Chiedza and Oluwaseun phoned.")
    assert "Oluwaseun" not in out, out
    assert redact("Paracetamol 1 g given.") == "Paracetamol 1 g given."
