"""Round 20, precision: a listed eponym apart from its head, codes of medicines, standards and
diagnoses, a course's length after "x", an unlisted brand before its strength, trials cited by
their capitals and newly listed clinical words. Examples are invented here; each rule has a
negative test where the identifier still goes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept

# -- a listed eponym apart from its head (deid_eponym_gaps)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("ECG: sinus bradycardia with Osborn J waves in V3-V5.", "Osborn"),
        ("Right renal cyst, Bosniak v2019 class IIF, for follow-up.", "Bosniak"),
        ("PSA 11, D'Amico high risk disease; MDT booked.", "D'Amico"),
        ("Calf soft, Homans tecken negativt bilat.", "Homans"),
        ("Estimated fetal weight 2100 g (Hadlock, 41st centile).", "Hadlock"),
        ("Simon Broome possible; cascade testing offered.", "Simon Broome"),
    ],
)
def test_an_eponym_apart_from_its_head_is_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_titled_person_before_a_head_still_goes() -> None:
    gone("Discussed with Dr Hadlock, 41st centile noted by her.", "Hadlock")


# -- codes of medicines, standards and diagnoses (deid_clinical_codes)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Requested: dulaglutide 1.5 mg weekly, NDC 0002-1434-80, 4 pens.", "0002-1434-80"),
        ("Laboratory accredited to ISO 15189 since 2019.", "15189"),
        ("SNOMED: asthma 195967001; COPD 13645005.", "195967001"),
        ("Primary diagnosis code K50.8 entered on the claim.", "K50.8"),
        ("PBS item 1234K dispensed on the script.", "1234K"),
        ("Ileocolonic disease, Montreal classification A2L3B1.", "A2L3B1"),
    ],
)
def test_a_clinical_code_is_kept(text: str, code: str) -> None:
    kept(text, code)


def test_a_record_number_still_goes() -> None:
    gone("Hospital number 40012277; SNOMED codes to follow.", "40012277")
    gone("Postcode A2L 3B1, Gander.", "A2L 3B1")


# -- a course's length after "x" (deid_course_lengths)


def test_a_course_length_is_kept() -> None:
    kept("Plan: flucloxacillin 500 mg QDS x 14/7 then review.", "14/7")
    kept("Prednisolone 30 mg OD x 5/7.", "5/7")


def test_a_booking_date_still_goes() -> None:
    gone("Review booked for 14/7 in clinic.", "14/7")


# -- an unlisted brand before its strength (deid_dose_brands)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Reversed with Zentrafex 1500 IE and vitamin K 10 mg IV.", "Zentrafex"),
        ("Bisoprolol Korvanta 5 1-0-0 unverändert.", "Korvanta"),
        ("Speaking valve changed: Vocalis Duo 20 Fr 10 mm.", "Vocalis Duo"),
    ],
)
def test_an_unlisted_brand_before_its_strength_is_kept(text: str, term: str) -> None:
    kept(text, term)


def test_a_titled_person_before_a_dose_still_goes() -> None:
    gone("Dr Okonkwo 5 mg stat was the verbal order.", "Okonkwo")


# -- trials cited by their capitals (deid_trial_names)


def test_a_cited_trial_is_kept() -> None:
    kept("Adjuvant capecitabine x 8 cycles per CREATEX; review in 3 weeks.", "CREATEX")
    kept("Aspirin dose discussed as in CAPP3 results.", "CAPP")
    kept("Anticoagulation started (NOAHAF-Daten besprochen).", "NOAHAF")


def test_a_name_in_capitals_after_per_still_goes() -> None:
    gone("Letter typed per MARGARET HOLLOWAY, secretary.", "HOLLOWAY")


# -- newly listed clinical words (deid_clinical_terms.txt, deid_clinical_products.txt)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Fracture held with a Schanz pin joystick.", "Schanz"),
        ("Anosognosia marked; family aware.", "Anosognosia"),
        ("Falls risk assessment done on the ward.", "Falls"),
        ("Warfarin switched to Waran at discharge.", "Waran"),
    ],
)
def test_a_listed_clinical_word_is_kept(text: str, term: str) -> None:
    kept(text, term)


# -- an eponym's edition year, and a test's number written on (deid_eponym_gaps)


def test_a_place_visited_in_a_year_still_goes() -> None:
    gone("Knee replaced in Sydney 2019 without complication.", "Sydney")


def test_a_classification_before_its_edition_is_kept() -> None:
    kept("Stage IIA bulky (Lugano 2014); PET after cycle 2.", "Lugano")
    kept("Graft biopsy reported as Banff 2019 category 4.", "Banff")


def test_an_author_before_a_year_still_goes() -> None:
    gone("As Mrs Penhallow 2019 wrote to the practice.", "Penhallow")


def test_a_test_with_its_number_written_on_is_kept() -> None:
    kept("PSA 4.2 so a Stockholm3 test was sent.", "Stockholm")


# -- a country in a law's title (deid_law_titles)


def test_a_country_in_a_law_title_is_kept() -> None:
    kept("Detained under the Adults with Incapacity (Scotland) Act 2000 s.47.", "Scotland")


def test_a_town_in_brackets_still_goes() -> None:
    gone("She moved last year (Cheltenham) and registered locally.", "Cheltenham")


# -- a trial's data joined to its name (deid_trial_names), an implant's size (deid_dose_brands)


def test_a_trial_with_its_data_is_kept() -> None:
    kept("Apixaban begonnen (ZEPHYRA-Daten besprochen).", "ZEPHYRA")


def test_an_implant_after_its_town_is_kept() -> None:
    kept("Cemented stem, Exeter 44 mm offset, no complication.", "Exeter")


def test_a_town_in_an_address_still_goes() -> None:
    gone("Lives at 4 Mill Lane, Exeter EX1 2AB with his son.", "Exeter")


def test_an_organisation_named_after_a_product_still_goes() -> None:
    gone("Membership through MedicAlert Foundation SA renewed in May.", "MedicAlert Foundation")


def test_a_listed_eponym_joined_or_queried_is_kept() -> None:
    kept("Im Langzeit-EKG Wenckebach-Periodik nachts.", "Wenckebach")
    kept("Bowed tibia and raised ALP, ?Paget's. X-ray requested.", "Paget")


def test_a_queried_person_still_goes() -> None:
    gone("Who brought him in, ?Penhallow's. Unclear.", "Penhallow")


def test_a_joined_name_with_a_clinical_first_part_still_goes() -> None:
    gone("Collected by his cousin (Tee-Paul's wife) at noon.", "Tee-Paul")
    gone("Treated with an injection in\nSydney 2019, no recurrence.", "Sydney")
