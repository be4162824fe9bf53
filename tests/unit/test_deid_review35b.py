"""fixdeid35 (review 35b of redactfix35): a labelled identifier shaped like two years ("Tel:
2019-2045", "MRN: 2019-2045") was kept as a range of years; a Czech or Slovak surname without a
vowel ("Jan VLK") was cut off a name as an organisation's initials; a text written back by its
span's replacement (year mode's "2023") was said to be already removed; and forms of the
patient's own name ("Eléanor Hathersage", "Dame Eleanor Hathersage") were typed "Name"."""

from __future__ import annotations

import re
from datetime import date

import pytest

from medlocal.privacy.deid_plan import RedactionPlan, patient_name_type
from medlocal.privacy.redact import PatientIdentity, Redactor

IDENTITY = PatientIdentity("Eleanor Hathersage", "SH-4471829", date(1952, 6, 14))


def _redactor(identity: PatientIdentity = IDENTITY, date_mode: str = "shift") -> Redactor:
    return Redactor(identity, shift_days=40, date_mode=date_mode)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Tel: 2019-2045",
        "Phone 2019-2045",
        "Call her on 2019-2045.",
        "MRN: 2019-2045",
        "SSN 1944-1990",
        "NHS: 1944-1990",
        "Medicare 2019-2045",
        "Passport: 1987-2045",
        "Claim: 2019-2045",
        "Case 2019-2045",
        "DOB 1931-1935",
        "born 1931-1935",
        "Nº 2019-2045",
        "ID number (2019-2045)",
    ],
)
def test_a_labelled_identifier_shaped_like_two_years_is_removed(text: str) -> None:
    found = re.search(r"\d{4}-\d{4}", text)
    assert found is not None
    assert found.group() not in _redactor().redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "gp_record_2021-2024.pdf",
        "notes 1998-2004.docx",
        "Annual reviews 2021-2024 showed stable HbA1c.",
        "Smoked from 1971-1995, quit since.",
        "Lived abroad between 1990-1996.",
    ],
)
def test_a_range_of_years_in_a_file_name_or_after_a_prose_cue_stays(text: str) -> None:
    assert _redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Patient: Jan VLK 12/03/1960", "VLK"),
        ("Seen with Petr SRB 12/03/1960 today.", "SRB"),
        ("Contact Pavel PLCH 07700 900123", "PLCH"),
        ("Name: Tomas KRCH No: 448812", "KRCH"),
        ("Referred by Dr Karel CHRT 0161 496 0000", "CHRT"),
    ],
)
def test_a_surname_without_a_vowel_stays_in_the_name(text: str, surname: str) -> None:
    for identity in (IDENTITY, PatientIdentity("Jan Vlk", "SH-4471829", date(1960, 3, 12))):
        assert surname not in _redactor(identity).redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Signed: Dr Rupert Vance GMC 7012345", "GMC"),
        ("Pharmacist Ann Lowe GPhC 2045678", "GPhC"),
        ("Eleanor Hathersage NHS No: 943 476 5919", "NHS No:"),
    ],
)
def test_a_registration_body_before_its_number_is_cut_off_the_name(text: str, kept: str) -> None:
    assert f"[NAME] {kept}" in _redactor().redact(text)


def test_adding_a_text_a_replacement_writes_back_is_not_already_removed() -> None:
    body = "Admitted 20/08/2023 to Stepping Hill."
    plan = RedactionPlan.build([("body", body)], _redactor(date_mode="year"))
    assert "2023" in plan.apply("body", body)
    assert plan.already_removed("2023") == []
    assert plan.already_removed("Stepping Hill") != []
    plan.add("2023")
    assert "2023" not in plan.apply("body", body)


@pytest.mark.parametrize(
    "original",
    [
        "Eleanor M. Hathersage",
        "Eléanor Hathersage",
        "Eleanor Hathersage-Smith",
        "Dame Eleanor Hathersage",
    ],
)
def test_forms_of_the_patients_own_name_are_typed_as_hers(original: str) -> None:
    assert patient_name_type(original, IDENTITY) == "patient_name"


@pytest.mark.parametrize("original", ["Gordon Hathersage", "Gordon Hathersage-Smith"])
def test_another_person_sharing_her_surname_is_still_a_name(original: str) -> None:
    assert patient_name_type(original, IDENTITY) == "name"
