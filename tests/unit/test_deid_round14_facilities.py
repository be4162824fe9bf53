"""Fourteenth round, facilities: hospitals named by plain words, a saint's emergency department,
numbered and local health units, foreign facilities written head first, and a facility's town or
site after it. Examples are invented here, not taken from the evaluation set; each rule has
negative tests that keep generic phrases, headings and clinical text."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.deid_hospital_names import hospital_names
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def test_a_hospital_named_by_plain_words_is_a_facility() -> None:
    out = redact("She was seen at Harvest Hospital on the way home.")
    assert "Harvest" not in out, out
    out = redact("Transferred to Services Hospital for dialysis.")
    assert "Services Hospital" not in out, out
    out = redact("Letter copied to Kingdom College Hospital today.")
    assert "Kingdom College" not in out, out
    out = redact("Referred to Lantern Hospital Urology for cystoscopy.")
    assert "Lantern" not in out and "Urology" not in out and "cystoscopy" in out, out


def test_a_letterhead_in_capitals_is_a_facility() -> None:
    out = redact("ST. ALPHONSA MEDICAL CENTER - EMERGENCY DEPARTMENT\nSeen for chest pain.")
    assert "ALPHONSA" not in out and "chest pain" in out, out


def test_generic_hospitals_and_headings_stay() -> None:
    assert "General Hospital" in redact("Admitted to the General Hospital overnight.")
    assert "Teaching Hospital" in redact("She stayed at the Teaching Hospital in 2019.")
    out = redact("Hospital Anxiety and Depression Scale score 14.")
    assert "Hospital Anxiety and Depression Scale" in out, out
    assert "Admitted to Hospital" in redact("Admitted to Hospital with sepsis.")
    assert "Mental Health Services" in redact("Discharged to Mental Health Services.")
    out = redact("Nursing Home Acquired Pneumonia risk reviewed.")
    assert "Nursing Home Acquired Pneumonia" in out, out
    # The rule itself takes no heading: a head before another capitalised word, an eponym's
    # kind, a verb opening a sentence.
    lex = lexicon()
    for text in (
        "Home Health Aide visits twice weekly.",
        "Family Health History: diabetes.",
        "Down Syndrome Hospital",
        "Needs Nursing Home placement.",
    ):
        assert hospital_names(text, lex) == [], text
    assert "Community Hospital" in redact("Seen at Community Hospital last spring.")


def test_a_saint_before_an_emergency_department_is_a_facility() -> None:
    out = redact("If worse, go to Saint Ignatius ED or call 999.")
    assert "Ignatius" not in out and "call 999" in out, out
    # A saint's name in a clinical phrase is no hospital.
    assert "ED" in redact("St John's wort stopped; ED visit last week.")
    out = redact("Brought to St. Winifred's ER by ambulance.")
    assert "Winifred" not in out, out
    out = redact("Her toddler group meets at St Osyth's church hall.")
    assert "Osyth" not in out and "hall" in out, out


def test_numbered_and_local_health_units_are_facilities() -> None:
    out = redact("Control en UMF No. 14 Coyoacan cada mes.")
    assert "Coyoacan" not in out and "14" not in out and "cada mes" in out, out
    assert "HGZ 32" not in redact("Envío a HGZ 32 para valoración.")
    out = redact("Prenatal check-ups at Brgy. Health Center every month.")
    assert "Brgy" not in out, out
    out = redact("Follow-up at KK Bukit Indah for glucose monitoring.")
    assert "Bukit Indah" not in out and "glucose" in out, out


def test_a_foreign_facility_written_head_first_is_a_facility() -> None:
    out = redact("Adressée au Centre de réadaptation Les Sources pour rééducation.")
    assert "Centre de réadaptation Les Sources" not in out and "Sources" not in out, out
    out = redact("Derivado al Centro de salud Las Palmeras mañana.")
    assert "Palmeras" not in out, out
    # English words after an English head are not a foreign kind.
    out = redact("Hospital discharge summary reviewed with the team.")
    assert "Hospital discharge summary" in out, out


def test_a_facilitys_town_or_site_goes_with_it() -> None:
    out = redact("The Medical Director,\nKestrel Valley Hospital, Oyo\n\nDear Sir,")
    assert "Oyo" not in out, out
    out = redact("Dialysis at Kestrel Valley Renal Centre - Unit 4\nNext session Monday.")
    assert "Unit 4" not in out, out
    out = redact("Primary care: Kestrel Valley Health Center - Northwest, with Dr. Ames")
    assert "Northwest" not in out, out
    # A department or a weekday after the comma is not a town.
    out = redact("Seen at Kestrel Valley Hospital, Cardiology\n")
    assert "Cardiology" in out, out


def test_laboratories_pharmacies_police_and_banks_named_the_same_way() -> None:
    out = redact("SIX-RIVERS REFERENCE LABORATORIES     CLIA 12D3456789\nSodium 139")
    assert "SIX-RIVERS" not in out and "Sodium" in out, out
    out = redact("Prescription sent to Gorseway Apothecary #214, by e-Rx.")
    assert "Gorseway" not in out and "214" not in out, out
    out = redact("Officer attended (North Fenland Police, ref pending).")
    assert "North Fenland" not in out, out
    # A science or a generic service before the head names no place.
    out = redact("Booked into the Sleep Laboratory for polysomnography.")
    assert "Sleep Laboratory" in out, out


def test_a_saints_dedication_and_a_lower_case_name_before_the_head() -> None:
    out = redact("Surgery at St. Agnes of the Prairie Surgical Hospital, then home.")
    assert "Agnes" not in out and "Prairie" not in out, out
    out = redact("dictated: seen today at mahinawai medical center for follow-up")
    assert "mahinawai" not in out and "follow-up" in out, out
    # Ordinary and clinical words in lower case before a head stay.
    out = redact("admitted to hospital; post-op hospital stay was short; day hospital review")
    assert "post-op hospital stay" in out and "day hospital" in out, out


def test_community_services_and_whom_a_hospital_is_for() -> None:
    out = redact("Home nursing through Marsh Creek Visiting Nurses, fax to follow.")
    assert "Marsh Creek" not in out and "fax to follow" in out, out
    out = redact("PINE BLUFF COMMUNITY HEALTH  12 Elm St\nVisit note")
    assert "PINE BLUFF" not in out, out
    out = redact("dictation - wainuiomata medical center for women and children - clinic")
    assert "wainuiomata" not in out and "women and children" not in out, out
    # A general service named by kind stays.
    assert "Community Health" in redact("Referred to Community Health for dressings.")


def test_numbered_branches_school_districts_and_german_practices() -> None:
    out = redact("Discharge summary (Unity Hospital 108, Binh Tan branch)\nDiagnosis: pneumonia")
    assert "Binh Tan" not in out and "branch" not in out and "pneumonia" in out, out
    out = redact("School: Grade 2, Prairie Rose School District 12\nReading well.")
    assert "District 12" not in out, out
    out = redact("Hausarztpraxis Dr. med. Lindqvist & Kollegen\nBefund: unauffällig")
    assert "Lindqvist" not in out and "Kollegen" not in out and "Befund" in out, out


def test_a_town_in_brackets_goes_with_its_facility() -> None:
    out = redact("Day centre: Kestrel Valley Active Ageing Hub (Pasir Ris); lunch provided.")
    assert "Pasir Ris" not in out and "lunch provided" in out, out
    # A department in brackets is no town; a code's full stop ends a sentence.
    assert "(Cardiology)" in redact("Seen at Kestrel Valley Hospital (Cardiology) today.")
    assert "Hospital bill" in redact("Assessment: Class C3. Hospital bill as of today.")
