"""Twelfth round, dates and ages (session 15). Examples are invented here, not taken from the
evaluation set."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(
    PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40, tagger=False
)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def spans(text: str) -> dict[str, str]:
    return {r.original: r.kind for r in REDACTOR.preview(text)}


def test_malay_indonesian_and_swahili_dates() -> None:
    found = spans("Masuk: 14 Ogos 2026. Keluar: Selasa, 18 Ogos 2026. Kontrol 3 Mac 2027.")
    assert found.get("14 Ogos 2026") == "date", found
    assert found.get("Selasa, 18 Ogos 2026") == "date", found
    assert found.get("3 Mac 2027") == "date", found
    found = spans("Ijumaa, tarehe 7 Agosti 2026 saa 08:00; clinic on 21 Desemba.")
    assert found.get("Ijumaa, tarehe 7 Agosti 2026") == "date", found
    assert found.get("21 Desemba") == "date", found


def test_malay_months_that_are_english_words_need_a_year() -> None:
    text = "Mac 2 mg? No: see the Mac in room 4; 4 MAC isolates; mei 3 lines."
    assert "date" not in spans(text).values(), spans(text)


def test_tagalog_ordinal_day_and_abbreviated_month() -> None:
    found = spans("Petsa: ika-4 ng Hulyo 2026. Balik sa Biyernes, ika-14 ng Agosto.")
    assert found.get("ika-4 ng Hulyo 2026") == "date", found
    assert found.get("Biyernes, ika-14 ng Agosto") == "date", found
    found = spans("Okt. 3, 2026  |  Pt: seen at OPD")
    assert found.get("Okt. 3, 2026") == "date", found


def test_french_abbreviated_month_with_a_year() -> None:
    out = redact("HbA1c 7.4% (juil. 2026), créatinine 88 (févr. 2027).")
    assert "juil" not in out and "févr" not in out and "HbA1c 7.4%" in out, out


def test_two_dates_joined_by_a_word_are_one_span() -> None:
    found = spans("Covered 04/02/2026 through 10/01/2026 and between May 2024 and June 2025.")
    assert found.get("04/02/2026 through 10/01/2026") == "date", found
    assert found.get("May 2024 and June 2025") == "date", found


def test_a_week_named_by_its_date_keeps_its_words_inside() -> None:
    found = spans("Review w/c 14 June; TKR in the week of 9-13 Feb; away the weekend of 3-4 Oct.")
    assert "w/c 14 June" in found and "the week of 9-13 Feb" in found, found
    assert "the weekend of 3-4 Oct." in found, found


def test_two_days_of_a_month_joined_by_a_word() -> None:
    found = spans("Dialysis x2 (2nd and\n3rd Oct). Doses held (14th and 15th), then resumed.")
    assert "2nd and" in found and "14th and 15th" in found, found
    out = redact(
        "Fractures of the 4th and 5th ribs; digits 4th and 5th. Lesion at 3rd and 4th toes."
    )
    assert "4th and 5th ribs" in out and "digits 4th and 5th" in out and "3rd and 4th" in out, out


def test_a_day_and_month_with_a_cue() -> None:
    out = redact("Ward staff trained 4/9. 2/11: repeat bloods normal. Echo 7/12 AM, then home.")
    assert "4/9" not in out and "2/11" not in out and "7/12" not in out, out
    out = redact("Report (Westside Imaging Group, 4/12): small effusion.")
    assert "4/12" not in out, out


def test_scores_fractions_and_doses_stay() -> None:
    for text in (
        "Power 4/5: reduced grip. VA 6/9: stable.",
        "Take 1/2 AM and 1/2 PM with food.",
        "Referred 2/7 ago with cough; checked 3/52 later.",
        "Grip (Right Hand, 4/5) and (Oxford Scale, 3/5).",
        "Pain 7/10 on the 2nd day; BP 128/76.",
    ):
        assert redact(text) == text, redact(text)


def test_ninety_in_other_languages_is_an_age() -> None:
    for text, word in (
        ("Edad: nobenta (ayon sa anak).", "nobenta"),
        ("Lola ay nobenta'y dos na.", "nobenta'y dos"),
        ("Paciente de noventa y cuatro años.", "noventa y cuatro"),
        ("Patient âgée de quatre-vingt-quinze ans.", "quatre-vingt-quinze"),
        ("Er ist zweiundneunzig Jahre alt.", "zweiundneunzig"),
        ("Bibi ana miaka tisini na tatu.", "tisini na tatu"),
    ):
        assert word not in redact(text), redact(text)


def test_ninety_words_as_values_or_under_ninety_are_no_age() -> None:
    # (Lower-case words of another language may still go by the word scan; no age is read.)
    for text in (
        "Waited noventa minutos; noventa por ciento.",
        "She is quatre-vingt-un ans.",
        "Hb novanta g/L.",
    ):
        assert "age_over_89" not in spans(text).values(), spans(text)


def test_an_age_in_brackets_after_a_relative_or_a_title() -> None:
    out = redact("She cares for her father (96, lives alone) and her wife (93).")
    assert "96" not in out and "93" not in out, out
    out = redact("Seen at home: Mr Oduya, 91. Nora Bell (Mrs B), 94, in the lounge.")
    assert "91" not in out and "94" not in out, out
    out = redact("DOB / age: 03/02/1931 / 95")
    assert "95" not in out, out


def test_numbers_after_a_relative_or_a_title_that_are_no_age_stay() -> None:
    out = redact("Her brother (92 mg daily dose) and sister (45).")
    assert "92 mg" in out and "(45)" in out, out


def test_polish_locative_month_and_afrikaans_day() -> None:
    found = spans("Uraz (we wrześniu 1988); operacja w marcu 2001.")
    assert "we wrześniu 1988" in found and "w marcu 2001" in found, found
    out = redact("Haar seun sal op die 23ste kom. Die 3de keer in die hospitaal.")
    assert "23ste" not in out and "3de keer" in out, out


def test_claim_form_dates_of_service_spaced() -> None:
    out = redact("24 DOS FROM 03 14 26 TO 03 15 26  CPT 99213  UNITS 1")
    assert "03 14 26" not in out and "03 15 26" not in out and "CPT 99213" in out, out
    text = "Reps 1 2 10 to 12 20 30 done; doses 10 12 14 to 16 units."
    assert redact(text) == text, redact(text)


def test_a_date_after_a_clinicians_name_or_a_line_sited() -> None:
    out = redact("Capacity form signed (Dr Okafor-Lane 4/9). Foot care with Halima RN 12/3; ok.")
    assert "4/9" not in out and "12/3" not in out, out
    out = redact("Access: PICC inserted 14/3, CVC 11/28 removed.")
    assert "14/3" not in out and "11/28" not in out, out


def test_a_clinicians_fraction_or_a_tube_size_stays() -> None:
    text = "Seen by Dr Patel 2/7 ago. ETT 7/22 at lips. OT 3/4 tasks done."
    assert "2/7" in redact(text) and "7/22" in redact(text) and "3/4" in redact(text)


def _dates(text: str) -> set[str]:
    return {original for original, kind in spans(text).items() if kind == "date"}


def test_checked_reviewed_updated_keep_grades_scores_and_acuity() -> None:
    text = (
        "Power checked 4/5 at both ankles. Pain reviewed 7/10 on walking. VA checked 6/9 left. "
        "Visual acuity reviewed: 6/12 OU. GCS checked 3/4 after sedation. Strength updated 5/5."
    )
    assert not _dates(text), spans(text)


def test_checked_reviewed_updated_still_date_a_task() -> None:
    found = _dates("Care plan updated 3/11 with the son. Risk assessment reviewed 23/5.")
    assert found == {"3/11", "23/5"}, found
    assert _dates("Consent form signed 4/5 by the daughter.") == {"4/5"}


def test_bracketed_source_is_no_movement_sight_or_grade() -> None:
    text = (
        "Weakness (Knee Flexion, 4/5), (Ankle Plantarflexion, 3/5), (Shoulder Abduction, 3/7), "
        "(Wrist Extensors, 2/3); eyes (Visual Acuity, 6/9), (Right Eye, 6/12)."
    )
    assert not _dates(text), spans(text)


def test_bracketed_source_exclusions_are_whole_words() -> None:
    text = "Scripts (Northgate Pharmacy, 3/12) and letter (Dr Farmer, 8/2); (Legacy Clinic, 2/9)."
    assert {"3/12", "8/2", "2/9"} <= _dates(text), spans(text)
    # A date out of ten is still a date in a source's bracket; a score names itself.
    text = "MRI (Harbour Radiology Group, 3/10): no tear. (Pain Rating, 7/10)"
    assert _dates(text) == {"3/10"}, spans(text)


def test_log_line_date_is_no_acuity_or_grade() -> None:
    text = (
        "6/9: left eye with glasses\n6/18: right eye unaided\n4/5: power in finger abduction\n"
        "8/10: pain on stairs"
    )
    assert not _dates(text), spans(text)
    found = _dates("3/12: repeat ECG normal\n17/4: bloods sent\n2/10: dating scan booked")
    assert found == {"3/12", "17/4", "2/10"}, found


def test_two_ordinal_days_need_a_date_cue() -> None:
    text = (
        "Fractured ribs (7th and 8th). Amputated toes (2nd and 3rd). Tender over the 4th and 5th. "
        "Lesions at the 3rd & 4th."
    )
    assert not _dates(text), spans(text)
    found = _dates(
        "Clinics held (14th and 15th). Seen on the 2nd & 3rd. Sessions booked for 9th and 10th."
        " Insulin held for two nights (6th and 7th), then restarted."
    )
    assert {"14th and 15th", "2nd & 3rd", "9th and 10th", "6th and 7th"} <= found, found


def test_mitoxantrone_brand_is_no_italian_age() -> None:
    found = spans("Novantrone 12 mg/m2 given; padre novantotto anni, madre novantadue.")
    assert "Novantrone" not in found, found
    assert found.get("novantotto") == "age_over_89", found
    assert found.get("novantadue") == "age_over_89", found


def test_afrikaans_day_at_a_line_end_and_not_a_count() -> None:
    assert "14de" in _dates("Sy kom op die 14de\nVolgende reël.")
    assert not _dates("Dit is die 3de keer dat sy val.")
