"""Round 20, organisations: bodies told by a person's role, a clinician's degree or specialty,
an address line, a referral or a call (deid_org_affiliations), and a facility's level in roman
numerals or its site named as a town's part (deid_hospital_names.grown_facilities). Every
example is invented."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_org_affiliations import affiliated_organisations
from medlocal.privacy.redact import Redactor


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in affiliated_organisations(text, lexicon())]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Officer Ruiz of Lakeview PD took a statement.", "Lakeview PD"),
        (
            "Visited by chaplain Rev. Amos Hale of Grace Fellowship; prayers said.",
            "Grace Fellowship",
        ),
        (
            'Weekly calls from befriender "Aunty Jo" from\nGolden Years Befrienders. Mood better.',
            "Golden Years Befrienders",
        ),
        (
            "Seen with outreach worker Kim from Helping Hands Trust and a volunteer.",
            "Helping Hands Trust",
        ),
        ("Parish priest from St Barnabas's will call on Sunday.", "St Barnabas's"),
        ("Ann Lowe, MD - NorthStar Health\nDate: today", "NorthStar Health"),
        (
            "Dr Lee (medical oncology, Valley Cancer Care - Riverton)\n",
            "Valley Cancer Care - Riverton",
        ),
        (
            "Referring: Dr Okoro, neurology, Lakes Health North\nReason: tremor",
            "Lakes Health North",
        ),
        ("Dr Rao\nMaple Family Medical, 12 Orchard Rd, Newtown", "Maple Family Medical"),
        ("Signed: Dr P. Gold, MBBS (UWM), registered", "UWM"),
        ("Plan: referral to Harbour Lights Trust for housing support.", "Harbour Lights Trust"),
        ("Rang Valley Anticoagulation Service about the INR.", "Valley Anticoagulation Service"),
        ("Work note for Birch Hill Roofing.", "Birch Hill Roofing"),
        ("Referred to Quarry Hill ROD Dr Ames for review.", "Quarry Hill ROD"),
    ],
)
def test_a_body_named_by_whose_a_person_is(text: str, body: str) -> None:
    assert body in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse from ICU reviewed the drain.",
        "Reviewed by the nurse at Bed 3 overnight.",
        "A friend from Church visits on Sundays.",
        "Support worker from Social Services attended.",
        "Beatriz Solano, RN - Advice Nurse, ext 4471",
        "Dr Chan, MD - Consultant Pathologist\n",
        "Morven Baird, School Nurse, RN (SCPHN)",
        "Department of Laboratory Medicine, Microbiology Section\n",
        "Cardiology Clinic, E17\n",
        "Referral to Physiotherapy for gait training.",
        "Referred to Memory Clinic; MoCA 22/30.",
        "Asked Mum for the medication list.",
        "Referred to Dr Hale for review.",
        "referral to cardiology, Echo booked next week",
    ],
)
def test_roles_rooms_and_services_are_no_body(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Started IV fluids; Hospital IV access poor.",
        "Referred to Cardiology for echo and Holter monitor.",
        "Nurse from Endocrinology reviewed insulin: glargine 20 units nocte.",
        "Referral to Physiotherapy; Parkinson's disease stable on levodopa.",
    ],
)
def test_clinical_text_stays(text: str) -> None:
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Records requested from Kisoro Health Centre IV (file K-22).", "IV"),
        ("Seen at Kisoro Health Centre IV.", "IV"),
        ("Follow-up: St. Jerome's Medical Center - Harbor City,\nDr Ames", "Harbor City"),
    ],
)
def test_a_facility_keeps_its_level_and_its_site(text: str, gone: str) -> None:
    assert gone not in Redactor().redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Consultant: Dr Siti Mariam binte Osman, reviewed.", "Osman"),
        ("Seen by Dr Hafiz bin Yusof on the ward.", "Yusof"),
        ("His brother Kumaran a/l Raju visits daily.", "Raju"),
    ],
)
def test_a_patronymic_joins_the_fathers_name(text: str, gone: str) -> None:
    assert gone not in Redactor().redact(text)


def test_a_bin_in_lower_case_prose_stays() -> None:
    text = "Sharps go in the yellow bin after each dose of enoxaparin."
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Home: G/F, 18 Lantern Street, Kowloon", "G/F"),
        ("Lives flat 4/1, 27 mossbank st, paisley", "4/1"),
        ("Address: Unit 9C, 31 Quayside Road, Napier", "9C"),
    ],
)
def test_a_flat_or_floor_before_a_street_goes_with_it(text: str, gone: str) -> None:
    assert gone not in Redactor().redact(text)


def test_units_of_a_dose_before_a_number_stay() -> None:
    text = "Insulin given: 4 units, 12 units at night; level 3, 14 days later."
    assert Redactor().redact(text) == text
