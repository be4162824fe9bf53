"""Fifteenth round, codes and numbers (dev22): a device label's values (its cues stay), a serial
broken at a hyphen, spaced groups of capitals and digits, slashed label pairs, an insurer's card
number over its words and groups, licences after the bodies that issue them, national numbers
after the words of many countries, telephone words of other languages. Examples are invented
here, not taken from the evaluation set; each rule has a negative test that keeps clinical text."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, patient: str = "Jane Doe", mrn: str = "123") -> str:
    redactor = Redactor(PatientIdentity(patient, mrn, date(1950, 1, 1)), shift_days=40)
    return redactor.redact(text)


# A device label's cues and values; a serial over a line break.


def test_a_label_with_lot_and_serial_keeps_its_labels_and_loses_its_values() -> None:
    out = redact("Graft: covered stent LOT 7731B204 SN 40918826\nLactate 1.1 mmol/L.")
    assert "7731B204" not in out and "40918826" not in out, out
    assert "Lactate 1.1 mmol/L" in out, out


def test_a_serial_broken_at_a_hyphen_over_a_line_goes_whole() -> None:
    out = redact("Home monitor transmitter SN QP4410\n-73318 paired with the clinic.")
    assert "QP4410" not in out and "73318" not in out and "SN [" in out, out


def test_a_lens_model_glued_to_sn_is_kept() -> None:
    out = redact("IOL: Alcon AcrySof SN60AT +20.0D in the bag, LOT: 2291K448 EXP 2028-04.")
    assert "SN60AT +20.0D" in out and "2291K448" not in out, out


def test_spaced_groups_of_capitals_and_digits_go_before_a_lower_case_word() -> None:
    out = redact("My pump serial is 7TQ2 48LM 3K so you can order it.")
    assert "48LM" not in out and " 3K" not in out, out
    out = redact("Account 48817 2 tablets were left at home.")
    assert "2 tablets" in out, out


def test_a_range_of_blocks_after_a_specimen_goes() -> None:
    out = redact("Specimen WLG-H-24-11830 B2-B5 sent to pathology.")
    assert "B2-B5" not in out and "11830" not in out, out


# Label pairs; an insurer's number.


def test_a_pharmacy_bin_and_pcn_pair_goes_whole() -> None:
    out = redact("Rx BIN/PCN: 004336 / ADVRX\nAllergies: nil known.")
    assert "004336" not in out and "ADVRX" not in out, out
    out = redact("BP/HR: 128/76 at rest.")
    assert "128/76" in out, out


def test_an_insurer_card_number_over_its_words_and_groups_goes() -> None:
    out = redact("HMO: Intellicare card 2-0418-33917-02\nPrivate: NIB 44810 2291 7   Ward 4")
    assert "33917" not in out and "2291" not in out and " 7 " not in out, out
    out = redact("Bupa 44812 2 weeks ago")
    assert "2 weeks ago" in out, out


# Licences by their issuing bodies; a credential's dotted code.


def test_a_licence_after_a_board_or_order_goes() -> None:
    out = redact("Signed: T. Okafor, RN (OR Board of Nursing R 204417)")
    assert "204417" not in out, out
    out = redact("Dr.ssa Bianchi, Ordine dei Medici di Torino n. 30172")
    assert "30172" not in out, out
    out = redact("Enf. Souza - COREN-BA 5512")
    assert "5512" not in out, out


def test_a_board_without_a_number_and_a_year_are_kept() -> None:
    out = redact("Reported to the Board of Nursing in 2024 as required.")
    assert "2024" in out, out
    out = redact("CRP 45 mg/L, CRF stage 3.")
    assert "CRP 45 mg/L" in out, out


def test_a_dotted_credential_code_goes() -> None:
    out = redact("Clinician: K. Moss, NP (WA ARNP ARNP.6620417)")
    assert "6620417" not in out, out


# National numbers and telephone numbers of other countries.


def test_a_national_number_after_its_word_goes_whole() -> None:
    out = redact("NUSS: 28 3310927715\nDNI 44120987K")
    assert "[SSN]" not in redact("NISS 85.03.12-123.45")  # Belgium's: by its check digits
    assert "28 3310927715" not in out and "3310927715" not in out and "44120987" not in out, out
    out = redact("BSN 1234.56.782, AMKA 21047704412")
    assert "56.782" not in out and "21047704412" not in out, out


def test_a_national_word_before_a_short_number_is_kept() -> None:
    out = redact("NSS 3 points; DNI 12 sessions.")
    assert "NSS 3 points" in out, out


def test_a_telephone_word_of_another_language_takes_its_number() -> None:
    out = redact("Teléfono de contacto: 699 214 830.\nTelefone 11 3555 0142")
    assert "214 830" not in out and "3555 0142" not in out, out


def test_a_spanish_number_in_brackets_goes_but_counts_are_kept() -> None:
    out = redact("Trabajadora social: Inés Vidal (954 118 420).")
    assert "954 118 420" not in out, out
    out = redact("Platelets (150 200 250) over three days.")
    assert "150 200 250" in out, out


def test_a_prescription_number_with_its_rx_goes() -> None:
    out = redact("Oxycodone 5 mg (script RX 8841 2209) dispensed.")
    assert "8841 2209" not in out and "RX 8841" not in out, out
    out = redact("Script Rx 2 tabs nocte.")
    assert "2 tabs" in out, out


# A portal's login; a laboratory's code with its region; dates as chat and Nordic notes write them.


def test_a_portal_login_goes() -> None:
    out = redact("Portal ID: tgarvey_harbour   Chart: 5512093")
    assert "tgarvey" not in out and "harbour" not in out, out


def test_a_laboratory_code_with_its_region_goes_with_its_number() -> None:
    out = redact("Serologia: laboratório ref LABEN-PA 24/33107 reagente.")
    assert "LABEN-PA" not in out and "33107" not in out, out
    out = redact("Renal: CKD-EPI 45/120 stable.")
    assert "CKD-EPI 45/120" in out, out


def test_a_range_of_days_before_a_lower_case_month_is_a_date() -> None:
    out = redact("can i get a sick note for 21-23 oct please")
    assert "21-23 oct" not in out, out
    out = redact("off sick from 4 sept, back after")
    assert "4 sept" not in out, out


def test_a_lower_case_abbreviation_that_is_a_word_is_kept() -> None:
    out = redact("Lesion 4 dec in size; 2 mar on skin.")
    assert "4 dec in size" in out and "2 mar on skin" in out, out


def test_a_nordic_from_cue_dates_a_day_and_month() -> None:
    out = redact("Hemtjänst 3 ggr/dag fr.o.m. 6/3. Kontroll om en vecka.")
    assert "6/3" not in out, out
