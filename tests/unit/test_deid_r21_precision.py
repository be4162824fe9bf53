"""Round 21, precision: eponyms of the Slavic languages and Romanian, foreign clinical words by
their endings, wrapped lines of foreign prose, legacy variant notation and tumour markers, an
oxygenation ratio, ATC codes, medicines in katakana and Japanese field labels. Examples are
invented here; each rule has a negative test where the identifier still goes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept

# -- eponyms as Polish, Czech, Croatian and Romanian write them (deid_declined_eponyms)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Rozpoznanie: zespół Tietzego, bez zmian w EKG.", "Tietzego"),
        ("W wywiadzie choroba Leśniowskiego-Crohna od 2015.", "Leśniowskiego-Crohna"),
        ("MRI: obrzęk mięśnia sercowego (kryteria Lake Louise spełnione).", "Lake Louise"),
        ("Diagnostic: sindromul Down, semnul Babinski prezent bilateral.", "Down"),
        ("Anamnéza: Basedowova nemoc, léčena tyreostatiky.", "Basedowova"),
        ("Dg.: Sjögrenův syndrom, suché oči.", "Sjögrenův"),
        ("Dijagnoza: Crohnova bolest u remisiji.", "Crohnova"),
        ("Diagnos: Bechterews sjukdom sedan 2010, Hortons arterit utesluten.", "Bechterews"),
        ("Diagnos: Bechterews sjukdom sedan 2010, Hortons arterit utesluten.", "Hortons"),
        ("Antecedentes: fiebre de Malta en 2019, tratada.", "Malta"),
    ],
)
def test_slavic_and_romanian_eponyms_are_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_titled_name_before_a_slavic_head_still_goes() -> None:
    gone("Konsultace: Dr. Horakova syndrom nepotvrdila, kontrola za týden.", "Horakova")


def test_a_given_name_in_the_genitive_is_a_person() -> None:
    gone("Samtal med Dr Lindqvists sjukdom? Nej: Ingrids sjukdom, sa Dr Lindqvist.", "Lindqvist")


def test_a_given_name_after_a_slavic_head_is_a_person() -> None:
    gone("Skierowanie: zespół Jana Wiśniewskiego z poradni.", "Wiśniewskiego")


# -- clinical words of other languages by their endings (deid_cognates)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Wywiad: przebyta Tuberkuloza płuc, leczona w 2019.", "Tuberkuloza"),
        ("Nalaz: Infekcija mokraćnog sustava.", "Infekcija"),
        ("Befund: Hyponatriämie unter Diuretika, Kontrolle morgen.", "Hyponatriämie"),
        ("Pflege: Hüftprotektor angelegt, Mobilisation mit Rollator.", "Hüftprotektor"),
    ],
)
def test_foreign_clinical_words_are_kept(text: str, term: str) -> None:
    kept(text, term)


@pytest.mark.parametrize("surname", ["Nakashita", "Montesinos", "Malasakit"])
def test_surnames_with_the_endings_of_pathology_still_go(surname: str) -> None:
    gone(f"Reviewed with Dr {surname}; then seen by {surname} at the desk.", surname)


# -- a lower-case line that runs on a sentence in another language (deid_case)


def test_a_wrapped_line_of_french_keeps_its_words() -> None:
    text = (
        "Revue par le Dr Girard (neurologie) qui confirme ce matin\n"
        "une névrite rétrobulbaire et des bandes oligoclonales présentes."
    )
    kept(text, "rétrobulbaire", "oligoclonales")
    gone(text, "Girard")


def test_a_lower_case_message_in_english_is_still_re_cased() -> None:
    text = (
        "Message from the patient portal received this morning from the patient\n"
        "hi doc my husband trevor cant drive me to quillmarsh on thursday sorry"
    )
    gone(text, "trevor")


def test_a_listed_name_in_a_wrapped_foreign_line_still_goes() -> None:
    text = (
        "La paciente acude acompañada por su esposo y su hija a la consulta de hoy,\n"
        "su hija guadalupe trabaja cerca y refiere cefalea desde hace tres días."
    )
    gone(text, "guadalupe")


# -- legacy variant notation and tumour markers (deid_variant_notation)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Genetics: BRCA1 185delAG carrier; cascade testing of sisters offered.", "185delAG"),
        ("Known BRCA2 6174delT founder variant in the family.", "6174delT"),
        ("Markers: CEA 3.4, CA19-9 41, CA15-3 22, CA72-4 6.", "CA19-9"),
        ("Markers: CEA 3.4, CA19-9 41, CA15-3 22, CA72-4 6.", "CA15-3"),
    ],
)
def test_variants_and_markers_are_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_labelled_code_of_the_indel_shape_still_goes() -> None:
    gone("MRN 4471del2 on the wristband.", "4471del2")


# -- an oxygenation ratio is no age (deid_ages)


def test_a_ratio_after_p_slash_f_is_kept() -> None:
    kept("ARDS, P/F 104 on FiO2 0.8, S/F 112; proned.", "P/F 104", "S/F 112")


def test_a_sex_then_an_age_over_89_still_goes() -> None:
    gone("Seen today: F, 96, lives alone.", "96")


# -- ATC codes after the system's name or in its column (deid_pattern_context)


@pytest.mark.parametrize(
    "text",
    [
        "Dispensed metformin (ATC A10BA02) 500 mg.",
        "| ATC | C09AA05 | ramipril |",
        "ATC code N02BE01 paracetamol.",
    ],
)
def test_atc_codes_are_kept(text: str) -> None:
    code = next(w for w in text.replace("(", " ").replace(")", " ").split() if w[1:3].isdigit())
    kept(text, code)


def test_a_number_after_atc_that_is_no_atc_code_still_goes() -> None:
    gone("ATC 5518274 on the card.", "5518274")


# -- medicines in katakana and Japanese field labels (deid_scripts)


def test_katakana_medicines_with_doses_are_kept() -> None:
    text = "処方：ロスバスタチン 2.5mg 1錠 分1、ランソプラゾール 15mg"
    kept(text, "ロスバスタチン", "ランソプラゾール", "処方")


def test_a_name_in_katakana_with_no_dose_still_goes() -> None:
    gone("紹介者：ウィリアムズ 先生", "ウィリアムズ")


# -- a measure's capitals before a comparison (deid_clinical_values)


def test_a_measure_before_a_threshold_is_kept() -> None:
    kept("Repetir SLT si PIO >24 mmHg o si ALT ≥3 veces el límite.", "PIO", "ALT")


# -- a breathing rate beside vital signs further along the line (deid_addresses)


def test_rr_among_vital_signs_is_kept() -> None:
    text = "Obs: HR 118, BP 96/60 -> 88/58 at 14:10 (pulse pressure 30), RR 26,\n  SpO2 97% RA."
    kept(text, "RR 26")


def test_a_rural_route_still_goes() -> None:
    gone("Mailing address: RR 4, Site 2, Box 19, Quillby SK.", "RR 4")


# -- two particles of an address are not propagated as a name (deid_words.name_seeds)


def test_particles_of_an_address_do_not_take_the_same_words_elsewhere() -> None:
    text = (
        "Adressé par le Dr Vautrin, 14 rue de la Fontaine, 69002 Lyon.\n"
        "Douleur de la mâchoire à la mastication, céphalées temporales."
    )
    kept(text, "Douleur de la mâchoire")
    gone(text, "Vautrin", "14 rue de la Fontaine")


# -- a listed device maker in brackets after its device (deid_device_makers)


def test_a_maker_in_brackets_after_its_device_is_kept() -> None:
    kept("Implants: cemented stem 37 no.1 (Stryker); dual mobility cup (Stryker).", "Stryker")


def test_a_surname_in_brackets_after_a_role_still_goes() -> None:
    gone("Plan agreed with the registrar (Edwards) this morning.", "Edwards")


# -- session 31: a pacing mode's rate range (deid_pattern_context) and a defect's eponym
# (deid_eponym_heads)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Mode DDDR 60-130. Battery 8.1 yrs, ERI not reached.", "DDDR 60-130"),
        ("Reprogrammed AAIR 70-120 after the clinic.", "AAIR 70-120"),
        ("OPG: Stafne defect incidental, no action needed.", "Stafne defect"),
        ("Echo shows a small Gerbode defect, flow left to right.", "Gerbode"),
    ],
)
def test_ranges_and_defect_eponyms_are_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_code_after_capitals_still_goes_when_not_a_rising_range() -> None:
    gone("Sheriff's ref MCSO 25-118402 attached.", "25-118402")
    gone("Prisoner file KRT 44812-09 sent.", "44812-09")


def test_a_rising_pair_of_numbers_is_a_code_unless_after_a_pacing_mode() -> None:
    # Review 31: any capitals before a rising "NNN-NNN" kept it, a card's number included.
    gone("She quoted her card JT 118-942 at the desk.", "118-942")
    gone("Locker ABC 120-450 holds her belongings.", "120-450")


def test_a_person_beside_a_defect_still_goes() -> None:
    gone("Dr Stafne reviewed the defect with the family.", "Stafne")
