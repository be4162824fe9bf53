"""Round 18, precision: clinical text a record-number label, a title cue, a diploma, a weekday
rule or an insurer reading damaged (walk 21), and the identifiers beside them still removed.
Examples are invented here; each rule has a negative test where the identifier still goes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact

from medlocal.privacy.redact import PatientIdentity, Redactor

# -- urea after "Ur" and reference ranges after "ref" (deid_lab_numbers)


@pytest.mark.parametrize(
    "text",
    [
        "Bloods: Na 138, K 4.1, Ur 9.7, Cr 102.",
        "U&E: Ur 22, Cr 310 (AKI stage 2).",
        "renal: UR 6.3 mmol/L",
    ],
)
def test_urea_after_ur_is_a_result(text: str) -> None:
    kept(text, "Ur" if "Ur" in text else "UR", text.split("r ")[-1][:3])
    assert "[MRN]" not in redact(text)


def test_urea_kept_without_an_identity() -> None:
    out = Redactor(PatientIdentity(), shift_days=5).redact("Ca 2.31, Ur 15.8, eGFR 41.")
    assert "Ur 15.8" in out


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("UR No: 3391027 on the wristband", "3391027"),
        ("UR 0093318 admitted via ED", "0093318"),
        ("Unit record (UR) number 7720914", "7720914"),
    ],
)
def test_unit_record_number_still_goes(text: str, number: str) -> None:
    gone(text, number)


@pytest.mark.parametrize(
    ("text", "range_"),
    [
        ("ALT 412 U/L (ref 7-56) and rising.", "7-56"),
        ("Ferritin 9 ug/L (ref 15-200).", "15-200"),
        ("K 6.1 mmol/L ref 3.5-5.2, repeat sent.", "3.5-5.2"),
        ("TSH 8.9 (reference range 0.4-4.0)", "0.4-4.0"),
    ],
)
def test_reference_range_is_clinical(text: str, range_: str) -> None:
    kept(text, range_)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ref: 2023/4471 - please quote in replies", "2023/4471"),
        ("Our ref 118-2040", "118-2040"),
        ("Ref: 4471-22", "4471-22"),
    ],
)
def test_letter_reference_still_goes(text: str, code: str) -> None:
    gone(text, code)


# -- short lab names before a value (deid_clinical_values, word list)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Cr > 220 on day 2.", "Cr"),
        ("Cr >= 150 despite fluids.", "Cr"),
        ("serum creatinine (Cr) 188 umol/L", "(Cr)"),
        ("Bili 41, ALP 380.", "Bili"),
        ("Trop 112 -> 340 ng/L", "Trop"),
        ("Gluc 14.2 on arrival", "Gluc"),
    ],
)
def test_short_lab_name_before_value_kept(text: str, word: str) -> None:
    kept(text, word)


def test_name_before_value_still_goes() -> None:
    gone("Spoke to Dr Ostrowski > 2 times about the plan.", "Ostrowski")


# -- "ms" after a number is no title; diplomas and their brackets (deid_false_cues)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("PR 210 ms. Holter booked for next week.", "Holter"),
        ("QRS 96 ms. Echo arranged.", "Echo"),
        ("QTc 480 ms, Grade 2 prolongation", "Grade"),
    ],
)
def test_word_after_milliseconds_kept(text: str, word: str) -> None:
    kept(text, word)


def test_title_ms_still_cues_a_name() -> None:
    gone("Reviewed with Ms. Grace Okafor today.", "Okafor")
    gone("QTc 452 ms. Wojciechowski reviewed the trace.", "Wojciechowski")


@pytest.mark.parametrize(
    ("text", "parts", "name"),
    [
        ("Operated by Mr Tobias Wren FRCS (Tr & Orth).", ("FRCS", "(Tr & Orth)"), "Wren"),
        ("Letter from Dr Anya Petrakis MRCP(UK).", ("MRCP(UK)",), "Petrakis"),
        ("Signed: Prof L Quartey FRCP (Lond), FRCPath", ("(Lond)", "FRCPath"), "Quartey"),
        ("Mr Idris Vane FRCS (Plast) reviewed", ("(Plast)",), "Vane"),
    ],
)
def test_diploma_and_bracket_kept(text: str, parts: tuple[str, ...], name: str) -> None:
    kept(text, *parts)
    gone(text, name)


# -- a short label before "No" and a code (deid_false_cues)


def test_label_before_number_kept() -> None:
    out = redact("Hosp No QX-551902 on the label")
    assert "Hosp No" in out and "551902" not in out


def test_hospital_named_with_hosp_still_goes() -> None:
    gone("Transferred from Tauranga Hosp yesterday.", "Tauranga")


# -- weekdays of a recurring dose (deid_recurring_days)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Methotrexate 15 mg every Friday with folic acid.", "Friday"),
        ("Risedronate 35 mg once weekly (Mondays).", "Mondays"),
        ("Haemodialysis Mon/Wed/Fri at the unit.", "Mon/Wed/Fri"),
        ("Enoxaparin injection on Tuesdays and Saturdays", "Saturdays"),
        ("Vitamin D 50,000 units weekly on Thursdays", "Thursdays"),
        ("Weighed each Wednesday by the district nurse.", "Wednesday"),
    ],
)
def test_recurring_weekday_kept(text: str, day: str) -> None:
    kept(text, day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Seen on Tuesday 4 March in clinic.", "Tuesday"),
        ("Admitted Thursday with chest pain.", "Thursday"),
        ("Fell at home on Sunday night.", "Sunday"),
        ("She volunteers on Tuesdays at the library.", "Tuesdays"),
    ],
)
def test_one_off_weekday_still_a_date(text: str, day: str) -> None:
    gone(text, day)


# -- an insurer named as such (deid_insurer_names)


@pytest.mark.parametrize(
    "text",
    [
        "Private health insurance: Medibank, member 40419922.",
        "Covered by Bupa for the procedure.",
        "Insurer Cigna pre-auth requested.",
    ],
)
def test_insurer_named_as_such_kept(text: str) -> None:
    insurer = next(w for w in ("Medibank", "Bupa", "Cigna") if w in text)
    kept(text, insurer)
    gone(text, "40419922") if "40419922" in text else None


def test_care_home_of_an_insurer_still_goes() -> None:
    gone("Transferred to Bupa Care Home Pinegrove today.", "Pinegrove")


# -- car makes and models (deid_car_models)


@pytest.mark.parametrize(
    ("text", "car"),
    [
        ("Drives a Honda Jazz, still driving locally.", "Honda Jazz"),
        ("Car: Toyota Corolla, plate VXK 449.", "Toyota"),
        ("Hit by a car, a Ford Transit, at low speed.", "Ford Transit"),
        ("He drives a silver Skoda Octavia to work.", "Skoda Octavia"),
    ],
)
def test_car_model_kept(text: str, car: str) -> None:
    kept(text, car)


def test_plate_and_people_still_go() -> None:
    gone("Car: Toyota Corolla, plate VXK 449.", "VXK 449")
    gone("Seen with her husband Harrison Ford today.", "Harrison")


# -- trial names (deid_trial_names)


@pytest.mark.parametrize(
    ("text", "trial"),
    [
        ("Adjuvant therapy as in the MARIGOLD trial.", "MARIGOLD"),
        ("Data from PELICAN-3 and the HeRON study.", "PELICAN-3"),
        ("Data from PELICAN-3 and the HeRON study.", "HeRON"),
        ("Per STARLING OUTCOMES trial results.", "STARLING OUTCOMES"),
    ],
)
def test_trial_acronym_kept(text: str, trial: str) -> None:
    kept(text, trial)


def test_trial_named_like_the_patient_kept() -> None:
    redactor = Redactor(PatientIdentity("Marigold Esther Pryce", "1"), shift_days=5)
    out = redactor.redact("MARIGOLD PRYCE: eligible for the MARIGOLD trial. Marigold agreed.")
    assert "MARIGOLD trial" in out and "PRYCE" not in out and "Marigold agreed" not in out


def test_name_in_capitals_before_a_word_still_goes() -> None:
    gone("Letter for ROSALIND QUIGLEY re trial results.", "QUIGLEY")


# -- serovars, norovirus variants, influenza strains (deid_serovars)


@pytest.mark.parametrize(
    ("text", "organism"),
    [
        ("Blood culture: Salmonella Kentucky, ciprofloxacin resistant.", "Salmonella Kentucky"),
        ("Isolate: S. enterica serovar Oranienburg.", "Oranienburg"),
        ("Outbreak strain GII.4 New Orleans 2009 confirmed.", "GII.4 New Orleans 2009"),
        ("Vaccine strain A/Darwin/9/2021 (H3N2)-like virus.", "A/Darwin/9/2021"),
    ],
)
def test_organism_named_after_a_place_kept(text: str, organism: str) -> None:
    kept(text, organism)


def test_serovar_named_like_the_patient_kept() -> None:
    redactor = Redactor(PatientIdentity("Owen Kentucky", "1"), shift_days=5)
    out = redactor.redact("Mr Kentucky: stool grew Salmonella Kentucky.")
    assert out.startswith("Mr [NAME]") and "Salmonella Kentucky" in out


def test_place_outside_an_organism_still_goes() -> None:
    gone("Returned from Oranienburg last week with diarrhoea.", "Oranienburg")


# -- instrument sizes after "#" (deid_instrument_sizes)


def test_instrument_size_kept_and_flat_number_gone() -> None:
    kept("Apical preparation to reamer #25 and needle #18.", "#25", "#18")
    gone("Lives at 40 Quarry Lane #7 with her son.", "#7")


# -- eponym heads and short lab names (deid_eponyms, deid_eponym_heads, deid_clinical_values)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Fixed with a Steinmann wire and cast.", "Steinmann wire"),
        ("Prognosis by the Glasgow-Blatchford model and Partin tables.", "Partin tables"),
        ("Lp(a) 212 nmol/L, family history.", "Lp(a)"),
        ("Conversion to a Kock pouch was discussed.", "Kock pouch"),
    ],
)
def test_eponymous_terms_kept(text: str, term: str) -> None:
    kept(text, term)


def test_patient_named_like_an_eponym_with_a_new_head() -> None:
    redactor = Redactor(PatientIdentity("Lena Kock", "1"), shift_days=5)
    out = redactor.redact("Mrs Kock: Kock pouch functioning well.")
    assert out.startswith("Mrs [NAME]") and "Kock pouch" in out


def test_person_before_a_new_head_still_goes() -> None:
    gone("Dr Oyelaran model of care presented.", "Oyelaran")


def test_initial_s_before_a_surname_still_goes() -> None:
    gone("Reviewed by S. Venkataraman, registrar.", "Venkataraman")


def test_catheter_after_its_size_or_material_kept() -> None:
    kept(
        "Inserted 14 Ch Foley, residual 300 mL; latex Foley avoided.", "14 Ch Foley", "latex Foley"
    )
    gone("Catheter placed by Dr Foley, 16 Fr, draining.", "Dr Foley")


# -- clinical words of other languages (deid_foreign_clinical.txt)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Befund: zunehmende Dyspnoe, kein Perikarderguss.", "Dyspnoe"),
        ("CT: Raumforderung im Unterlappen links.", "Raumforderung"),
        ("Dx: bronquitis aguda, tos productiva.", "aguda"),
        ("Keluhan: Demam dan batuk tiga hari.", "Demam"),
    ],
)
def test_foreign_clinical_words_kept(text: str, word: str) -> None:
    kept(text, word)
