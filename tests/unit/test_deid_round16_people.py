"""Sixteenth round, recall of people, dates and postcodes: names typed in lower case after a
title or a role, the initials they sign with, Mc initials, a typist's initials after the clerical
verb, bare postcodes beside an address, a German day and month before a colon. Examples invented
here."""

from __future__ import annotations

from medlocal.privacy.redact import Redactor


def redact(text: str) -> str:
    return Redactor(shift_days=40).redact(text)


def test_a_lower_case_given_name_after_a_title_or_role_goes_with_its_surname() -> None:
    out = redact("Ward team: Dr Ines Albuquerque   RN: anna kowalczyk\n")
    assert "anna" not in out and "kowalczyk" not in out
    out = redact("Handover given to jolen t. aquino at 19:00.\n")
    assert "jolen" not in out and "aquino" not in out


def test_lower_case_words_before_a_surname_stay_without_a_cue() -> None:
    # No title, role or leading word: the word before is prose.
    out = redact("Plan was discussed; then kowalczyk family agreed.\n")
    assert "then" in out and "discussed" in out
    # After a word that only leads to a person, an English word is no given name.
    assert "referred to see smith" in redact("Pt referred to see smith tomorrow.\n")


def test_initials_of_a_lower_case_name_sign_a_line() -> None:
    text = "Registrar: Dr Maile Fonoti   Resident: dr sam petrakis\n\nSP / MF\n"
    out = redact(text)
    assert "SP" not in out and "MF" not in out and "petrakis" not in out


def test_mc_initials_are_a_person() -> None:
    out = redact("Actions: CNS RMc to phone the family; PMcD to book transport.\n")
    assert "RMc" not in out and "PMcD" not in out
    # "Mc" inside a word or a surname stays as the name rules read it.
    assert "McBurney" in redact("Tender at McBurney's point.\n")


def test_a_typists_initials_after_the_clerical_verb() -> None:
    assert "ws" not in redact("Signed 02/02/2026 11:05   Typed ws\n").split("Typed")[1]
    out = redact("Dictated 01/03/2026  Typed 03/03/2026  (pd)\n")
    assert "(pd)" not in out
    out = redact("Dictated KLM/typed rb 05/03/26\n")
    assert "KLM" not in out and " rb " not in out
    out = redact("Transcrit 2026-01-05 par PL; envoyé au médecin traitant.\n")
    assert "PL;" not in out


def test_words_and_blood_groups_after_typed_stay() -> None:
    assert redact("Letter typed by me.\n") == "Letter typed by me.\n"
    assert "typed and crossmatched" in redact("Blood typed and crossmatched x2.\n")
    assert "typed AB." in redact("Patient typed AB.\n")
    assert "[NAME]" not in redact("Typed Monday  ready to send\n")


def test_a_bare_postcode_beside_an_address() -> None:
    out = redact("Praxis am Markt, Lindenweg 12, 33602\n  Bielefeld\n")
    assert "33602" not in out
    out = redact("Address: No. 7, Model Town, Jalandhar\n  144003\nPhone 0181 222 3344\n")
    assert "144003" not in out


def test_a_year_or_a_dose_beside_a_place_stays() -> None:
    assert "2019" in redact("Moved from Lagos, 2019 onwards with family.\n")
    assert "1000 mg" in redact("Seen by Dr Smith\n1000 mg paracetamol given\n")


def test_a_german_day_and_month_before_a_colon() -> None:
    out = redact("Verlauf: Herzkatheter 14.09.: Stent RCX\n")
    assert "14.09." not in out and "Stent" in out
    # One digit each, as a value reads: kept.
    assert "K 4.5.:" in redact("K 4.5.: normal\n")


def test_a_code_on_the_line_after_its_cue() -> None:
    out = redact("Referred by Dr Amos Lee — provider no\n  3358127J\nCopy to GP\n")
    assert "3358127J" not in out
    out = redact("Came on his scooter, reg\n  KT-41-BX 2290\nTriage 2\n")
    assert "KT-41-BX 2290" not in out


def test_a_result_or_a_number_on_the_line_after_a_cue_stays() -> None:
    assert "BP 130/85" in redact("Batch\nBP 130/85 sitting\n")
    assert "HbA1c 61" in redact("Lot no:\nHbA1c 61 mmol/mol\n")
    assert "1500 mL" in redact("We discussed the case\n1500 mL given overnight\n")


def test_a_login_after_a_user_label() -> None:
    assert "bwainwright71" not in redact("Booked via the patient portal user bwainwright71.\n")
    assert "day14" in redact("Rash improved by day14 of treatment.\n")


def test_the_owner_of_an_action_by_initials() -> None:
    out = redact("Actions:\n- RJ to phone the daughter\n  Action: TK to arrange echo\n")
    assert "RJ" not in out and "TK" not in out
    kept = "- GP to review\n- OT to arrange a home visit\n1. ICU to call back\n"
    assert redact(kept) == kept


def test_a_lower_case_initial_before_a_surname_after_a_title() -> None:
    out = redact("referring: sr t. dlamini (prof nurse, SANC 12-345678)\n")
    assert "t. dlamini" not in out and "referring" in out


def test_a_barangay_by_its_number() -> None:
    out = redact("Kagawad of Barangay 207 will certify; she lives in Brgy. 45-B.\n")
    assert "207" not in out and "45-B" not in out
    assert "Barangay health worker" in redact("Barangay health worker visited.\n")


def test_a_french_arrondissement_goes_with_its_town() -> None:
    out = redact("Professeur au collège, Marseille 8e; vit avec sa sœur.\n")
    assert "8e" not in out
    # A number after a ward or a dose is no arrondissement.
    assert "2e" in redact("Vu en salle 2e étage.\n")


def test_a_postcode_after_a_street_ends_a_sentence() -> None:
    assert "60614" not in redact("Address on file 2210 Larch Ave Apt 3, 60614. Cell on file.\n")


def test_initials_before_a_role_in_brackets() -> None:
    out = redact("Bloods booked by PK (care coordinator) and Ruth (practice pharmacist).\n")
    assert "PK" not in out
    kept = "CT (radiographer) done; ECG (technician) normal.\n"
    assert redact(kept) == kept


def test_a_lower_case_name_written_surname_first_in_a_cell() -> None:
    text = "Bed | Patient           | Hosp No\n2-07| tan, wei ming      | KL-44-118230\n"
    out = redact(text)
    assert "tan" not in out.split("\n")[1] and "wei" not in out


def test_initials_of_a_double_barrelled_surname_on_a_line_of_initials() -> None:
    text = (
        "Staff: Nia Okafor-Lyle (CPN), Dr Ben Tasker\nVisit done.\nNO-L / BT   review 12/03/2026\n"
    )
    out = redact(text)
    assert "NO-L" not in out and "BT" not in out and "review" in out


def test_eyes_on_a_line_with_a_note_stay() -> None:
    out = redact("Optometrist Oliver Sutton\nOD / OS   drops given\n")
    assert "OD / OS" in out


def test_spaced_digit_groups_with_a_check_letter() -> None:
    out = redact("Pension CRN 318 552 904J   carer allowance pending\n")
    assert "904J" not in out and "318" not in out
    assert "BP 120/80" in redact("CRN 318 552 904J; BP 120/80\n")


def test_the_town_and_suburb_before_a_found_postcode() -> None:
    out = redact("Clinic of Rheumatology, Station Road,\nRiverside, Reading RG1 8AB\n")
    assert "Riverside" not in out and "Reading" not in out
    out = redact("Lives at 12 Kowhai Street, Karaka, Hamilton 3204.\n")
    assert "Hamilton" not in out


def test_a_label_or_a_date_before_a_number_is_no_town() -> None:
    # A time the rules took for a postcode ("Call [ZIP]") leaves its label.
    assert "Call" in redact("Dispatch log: Call 0933   At patient 1012\n")


def test_an_initial_and_surname_opening_a_line_before_a_role() -> None:
    out = redact("Family informed.\nR. Ng, Social Worker, ext 2210\nJ. Bishop MNZSP, Physio\n")
    assert "Ng" not in out and "Bishop" not in out and "Social Worker" in out


def test_an_initial_and_a_word_before_no_role_stay() -> None:
    assert "A. Fib, recurrent" in redact("A. Fib, recurrent episodes overnight\n")
