"""Sixteenth round, second wave: organisations told by a person's relation to them (an employer
after a verb of working, an institution's initials last in a bracket after a named person).
Examples are invented here, not taken from the evaluation set; each rule has a negative test
that keeps clinical or plain text."""

from __future__ import annotations

from fixtures.deid_rules import redact, spans

from medlocal.privacy.deid_org_shapes import shaped_organisations
from medlocal.privacy.deid_workplaces import bracket_affiliations, work_employers

# The employer after a verb of working.


def test_an_acronym_after_drives_for_is_the_employer() -> None:
    assert spans(work_employers, "He drives for NWTA (bus operator).") == ["NWTA"]


def test_a_name_with_a_digit_after_works_nights_at() -> None:
    text = "Works nights at Zephyr DXK4 in Burslem."
    assert spans(work_employers, text) == ["Zephyr DXK4"]


def test_the_employer_on_the_next_line_after_years_of_work() -> None:
    text = "Worked 22 yrs at\n  Oldfield Ceramics."
    assert spans(work_employers, text) == ["Oldfield Ceramics"]
    assert "Oldfield" not in redact(text)


def test_a_job_between_the_verb_and_the_employer() -> None:
    text = "She works as a call-centre agent at Vantora Hub Pasig."
    assert spans(work_employers, text) == ["Vantora Hub Pasig"]


def test_times_people_and_clinical_words_after_work_verbs_stay() -> None:
    for text in (
        "He works at night and at weekends.",
        "She works with OT on transfers.",
        "Works for Pathology.",
        "Works at Christmas only.",
        "Works for Dr Mensah's practice.",
        "Works with Mum on the farm.",
        "He worked at home during lockdown.",
        "He works at Night Shift rota.",
        "Works for NHS as a porter.",
        "She works at A&E in the evenings.",
    ):
        assert spans(work_employers, text) == [], text


# An institution's initials last in a bracket after a named person.


def test_initials_after_a_degree_in_a_bracket_after_a_doctor() -> None:
    text = "Assistant: Dr Wanjiru Kamau (MMed III, UNK)"
    assert spans(bracket_affiliations, text) == ["UNK"]


def test_initials_after_a_year_of_study_after_a_student() -> None:
    text = "Student: Ciara Walsh (4th yr, UCDx); Supervisor: Dr Byrne."
    assert spans(bracket_affiliations, text) == ["UCDx"]


def test_initials_after_from_in_a_bracket() -> None:
    text = "Reviewed by Dr Tan Wei Ming (cardio, from KHJ)."
    assert spans(bracket_affiliations, text) == ["KHJ"]


def test_degrees_grades_and_clinical_abbreviations_in_brackets_stay() -> None:
    for text in (
        "Reviewed by Dr Ray (locum, MRCP).",
        "Dr Ray (registrar, ST3) saw her.",
        "Chest pain (mild, ECG normal).",
        "Dr Ray (cardiology, LVH on echo) advised.",
        "Pain (mild, LVH).",
        "Ms Oduya (year, II).",
    ):
        assert spans(bracket_affiliations, text) == [], text
    out = redact("LV function (mild, LVH) on echo.")
    assert "LVH" in out, out


# Letterheads in capitals of operators, a line of capitals before a street number, a firm's
# legal suffix, police by a short form.


def test_a_health_system_and_a_mine_in_capitals_head_a_letter() -> None:
    text = "NORTH PLAINS VETERANS HEALTH CARE SYSTEM — Clinic note\nQUARTZVELD GOLD MINES - Shaft 2"
    assert spans(shaped_organisations, text) == [
        "NORTH PLAINS VETERANS HEALTH CARE SYSTEM",
        "QUARTZVELD GOLD MINES",
    ]


def test_a_body_system_heading_in_capitals_stays() -> None:
    for text in ("CENTRAL NERVOUS SYSTEM\nNo deficit.", "RESPIRATORY SYSTEM - clear"):
        assert spans(shaped_organisations, text) == [], text


def test_an_ambulance_service_in_capitals_heads_a_run_sheet() -> None:
    # Session 31.
    text = "EAST FENLAND AMBULANCE - PATIENT CARE RECORD\nCOASTAL AMBULANCE SERVICE, run sheet"
    assert spans(shaped_organisations, text) == [
        "EAST FENLAND AMBULANCE",
        "COASTAL AMBULANCE SERVICE",
    ]


def test_a_kind_of_ambulance_in_capitals_stays() -> None:
    for text in ("EMERGENCY AMBULANCE - handover\nWell.", "PATIENT TRANSPORT AMBULANCE\nWell."):
        assert spans(shaped_organisations, text) == [], text


def test_a_line_of_capitals_before_a_street_number_is_a_letterhead() -> None:
    text = "CEDAR HOLLOW LUNG & SLEEP, 4410 Marsh Creek Rd, Suite 2"
    assert spans(shaped_organisations, text) == ["CEDAR HOLLOW LUNG & SLEEP"]


def test_a_firms_legal_suffix_goes_with_its_name() -> None:
    text = "Prescriber: A. Rao, MD — Bayview Kidney Associates, S.C.\nNPI 1234567890"
    assert spans(shaped_organisations, text) == ["Bayview Kidney Associates, S.C."]
    assert spans(shaped_organisations, "Seen by Dr Smith, Inc. noted.") == []


def test_police_by_a_place_and_pd_before_an_officer() -> None:
    text = "Findlay PD Officer R. Lane attended."
    assert spans(shaped_organisations, text) == ["Findlay PD"]
    for plain in ("History of PD, per COPD team.", "Known PD since 2019, on levodopa."):
        assert spans(shaped_organisations, plain) == [], plain


# National screening programmes, public offices, interpreter services and patient charities
# listed in resources/deid_organisations.txt.


def test_listed_programmes_services_and_charities_are_found() -> None:
    text = (
        "Recall from BreastScreen Victoria. Interpreter booked via TIS National. "
        "Claim lodged at ServiceOntario. Exercise group run by Arthritis Ireland."
    )
    out = redact(text)
    for name in ("BreastScreen", "TIS National", "ServiceOntario", "Arthritis Ireland"):
        assert name not in out, out


def test_a_listed_charity_leaves_the_clinical_words_beside_it() -> None:
    text = (
        "New onset arthritis. Kidney function stable. Referred to Arthritis Ireland and "
        "Diabetes Canada. Diabetes nurse review in March. Parkinson's disease stable."
    )
    out = redact(text)
    for kept in ("New onset arthritis", "Kidney function", "Diabetes nurse", "Parkinson's disease"):
        assert kept in out, out
