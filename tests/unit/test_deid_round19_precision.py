"""Round 19, precision (walk 22): a hospital's service, a clinician's role, a disease's nurse,
a form's label, a factor V variant's city and a brand named like a given name were redacted.
Examples are invented here; each rule has a negative test where the identifier still goes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact

# -- a service named by a specialty or condition (deid_service_units)


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Follow-up arranged at the Frailty Unit in a fortnight.", "Frailty Unit"),
        ("Admitted overnight to the Acute Medical Unit via ED.", "Acute Medical Unit"),
        ("Referred on to the Falls and Frailty Clinic for gait work.", "Falls and Frailty Clinic"),
        ("Stepped down from Coronary Care Unit to the Stroke Unit.", "Coronary Care Unit"),
        ("Booked into the Anticoagulation Clinic for INR.", "Anticoagulation Clinic"),
        ("Seen by the High Risk Pregnancy Clinic today.", "High Risk Pregnancy Clinic"),
    ],
)
def test_a_service_unit_is_kept(text: str, service: str) -> None:
    kept(text, service)


def test_the_hospital_before_its_service_still_goes() -> None:
    text = "Harwick Vale General Hospital -- Acute Medical Unit, bed 9"
    kept(text, "Acute Medical Unit")
    gone(text, "Harwick Vale")


def test_a_unit_with_a_proper_name_still_goes() -> None:
    gone("Moved to Hollybrook Unit at Ashcombe Clinic.", "Hollybrook", "Ashcombe")
    gone("Dialysis at Renal Care Centre Oduduwa twice weekly.", "Oduduwa")
    gone("Dialysis at Renal Care Centre Oduduwa twice weekly.", "Renal Care Centre")


def test_an_organisation_after_a_role_word_still_goes() -> None:
    gone("DISTRICT NURSING VISIT - Nurse Ottoline - Timaru", "Ottoline")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Case discussed with Duty Microbiologist about cover.", "Duty Microbiologist"),
        ("Bloods reviewed by Rheumatologist this morning.", "Rheumatologist"),
    ],
)
def test_a_role_alone_is_kept(text: str, role: str) -> None:
    kept(text, role)


def test_the_name_after_a_role_still_goes() -> None:
    gone("Dressing by Primary Nurse Olwen Tregarthen today.", "Olwen", "Tregarthen")


# -- a disease eponym's possessive before a service or role word


@pytest.mark.parametrize(
    "text",
    [
        "Refer to Dr Anwen Pryce, Parkinson's nurse specialist, for titration.",
        "Letter copied to the Parkinson's service and the Huntington's team.",
        "cc Dr R. Crohn-Hale; Crohn's specialist nurse",
    ],
)
def test_a_disease_service_is_kept(text: str) -> None:
    kept(text, text.split("'s")[0].split()[-1] + "'s")


def test_a_person_named_like_a_disease_stays_a_name() -> None:
    gone("Mrs Parkinson's daughter rang the ward.", "Parkinson")
    gone("Refer to Dr Anwen Pryce, Parkinson's nurse specialist.", "Anwen Pryce")


# -- a form's label (deid_label_words)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Cc: Dr Tobiah Venner, GP\n", "Cc:"),
        ("Continence: urinary catheter in situ\n", "Continence:"),
        ("Countersigned: Dr Imre Halasz\n", "Countersigned:"),
        ("Summary follows.\nPage 3\n", "Page 3"),
        ("Head of Finance, the Trust\n", "Head of"),
    ],
)
def test_a_form_label_is_kept(text: str, label: str) -> None:
    kept(text, label)


def test_the_name_after_a_label_still_goes() -> None:
    gone("Cc: Dr Tobiah Venner, GP\n", "Tobiah Venner")


# -- a factor V variant's city (deid_named_variants)


@pytest.mark.parametrize(
    "text",
    [
        "Thrombophilia: Factor V G1691A (Leiden) heterozygous.",
        "factor V R506Q Leiden detected.",
    ],
)
def test_factor_v_leiden_after_its_change_is_kept(text: str) -> None:
    kept(text, "Leiden")


def test_a_city_elsewhere_still_goes() -> None:
    gone("Factor V normal. She moved from Leiden last year.", "Leiden")


# -- a brand named like a given name (deid_name_brands)


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("Contraception: Katya 30/75 once daily.", "Katya"),
        ("Plan: switch to Lucette, review BP in 3 months.", "Lucette"),
        ("Takes ethinylestradiol 30 micrograms Yasmin daily.", "Yasmin"),
        ("Currently is on Yasmin with good cycle control.", "Yasmin"),
        ("Yasmin (drospirenone/ethinylestradiol) restarted.", "Yasmin"),
    ],
)
def test_a_name_like_brand_is_kept(text: str, brand: str) -> None:
    kept(text, brand)


def test_a_person_of_the_brands_name_still_goes() -> None:
    gone("Friend Yasmin Okafor came along.", "Yasmin Okafor")
    gone("BP check with Practice Nurse Katya Lindqvist.", "Katya")


# -- services between separators, in other languages, and lone eponyms


def test_a_service_between_a_program_and_its_town() -> None:
    text = "Glenholt Valley Kidney Program -- Satellite Haemodialysis Unit, Carrowmore"
    kept(text, "Satellite Haemodialysis Unit")
    gone(text, "Glenholt", "Carrowmore")


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Control en la Unidad de Retina en 3 meses.", "Unidad de Retina"),
        ("Revisión en Servicio de Cardiología mañana.", "Cardiología"),
        ("Referred to Community Mental Health Team for support.", "Mental Health"),
    ],
)
def test_a_foreign_or_community_service_is_kept(text: str, service: str) -> None:
    kept(text, service)


@pytest.mark.parametrize(
    ("text", "eponym"),
    [
        ("VTE risk: Caprini n/a; Wells 0.", "Caprini"),
        ("Serology: Widal O 1:80 only.", "Widal"),
        ("Anti-GBM negative, not Goodpasture.", "Goodpasture"),
        ("RAPD (Marcus Gunn) absent.", "Marcus Gunn"),
        ("Fluids at maintenance (Holliday-Segar).", "Holliday-Segar"),
        ("14 mm polyp, Kudo IIIL -- snared.", "Kudo"),
        ("Bulb ulcer, Forrest IIa (vessel).", "Forrest"),
    ],
)
def test_a_lone_eponym_is_kept(text: str, eponym: str) -> None:
    kept(text, eponym)


# -- a name inside a listed clinical term (deid_inside_terms)


def test_the_patients_surname_inside_an_eponym_is_kept() -> None:
    out = redact("Liver: Child-Pugh C10, MELD 18. Seen with Mr Pugh's son.", patient="Ivo Pugh")
    assert "Child-Pugh C10" in out, out
    assert "Mr Pugh" not in out, out


def test_a_possessive_eponym_before_a_place_stays_a_place() -> None:
    gone("Transferred to Addenbrooke's Hospital overnight.", "Addenbrooke")


def test_the_patients_own_name_as_her_brand() -> None:
    out = redact("Label: Yasmin 3/0.03 mg for the patient.", patient="Yasmin Okoro")
    assert "Yasmin 3/0.03 mg" in out, out
    assert "Yasmin Okoro" not in redact("Patient Yasmin Okoro seen.", patient="Yasmin Okoro")


def test_an_eponym_before_its_listed_head_is_kept() -> None:
    out = redact("Hip: not a Thompson prosthesis, modular.", patient="Ruth Thompson")
    assert "Thompson prosthesis" in out, out
    kept("US: simple popliteal (Baker's) cyst, 3 cm.", "Baker's")
    # The patient's own surname in the possessive is hers (review 14).
    out = redact("US: simple popliteal (Baker's) cyst, 3 cm.", patient="Ruth Baker")
    assert "Baker" not in out, out
    gone("Mrs Baker's cyst was aspirated.", "Baker")


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Hospital Seri Kembangan -- Klinik Endokrin, level 2", "Klinik Endokrin"),
        ("Reported by: Dr Oona Pell, Body Imaging Fellow", "Body Imaging"),
    ],
)
def test_a_service_written_head_first_or_before_a_role_is_kept(text: str, service: str) -> None:
    kept(text, service)
