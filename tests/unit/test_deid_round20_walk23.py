"""Round 20, walk 23's defects: a holiday in capitals beside a shifted date, a health card's
number without its label, a hospital named like an eponym, a labelled number with its scheme in
brackets, clinical terms and credentials read as names, a signed date's time, placeholders that
changed the meaning (joined relations, possessives, honorifics, a page's number, a team's unit,
a scheme's label)."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _out(text: str) -> str:
    return Redactor().redact(text)


def _kinds(text: str) -> dict[str, str]:
    return {red.original: red.kind for red in Redactor().preview(text)}


def test_a_holiday_in_capitals_goes_with_the_date_beside_it() -> None:
    # Kept beside its shifted date, "ANZAC Day (Fri 25/04)" gave the patient's date offset away.
    out = _out("Next visit ANZAC Day (Fri 25/04).")
    assert "ANZAC" not in out
    assert "25/04" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Old card: 2953 41027 1.",
        "Her number is 2953 41027 1 and her GP is local.",
        "Card 5512 88321 4/2 on file.",
    ],
)
def test_a_medicare_number_goes_without_its_label(text: str) -> None:
    out = _out(text)
    assert "41027" not in out
    assert "88321" not in out


@pytest.mark.parametrize(
    "text",
    ["Platelets 2953 41027 1 noted.", "BP 120/80, HR 72, RR 16.", "Doses 2 x 500 mg daily."],
)
def test_numbers_in_a_results_row_are_no_card(text: str) -> None:
    assert "health_plan_id" not in _kinds(text).values()


def test_a_hospital_named_like_an_eponym_goes() -> None:
    out = _out("Pacemaker implanted at Epworth Eastern in 2019. Transferred to Epworth Richmond.")
    assert "Eastern" not in out
    assert "Richmond" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Epworth score 14 today.",
        "Epworth Sleepiness Scale 12 of 24.",
        "Graves disease, Bell's palsy.",
    ],
)
def test_the_eponyms_stay(text: str) -> None:
    assert _out(text) == text


@pytest.mark.parametrize(
    ("text", "number"),
    [("Facility ID (NATSIS): 3417", "3417"), ("Client ID (CRN): 44718", "44718")],
)
def test_a_labelled_number_with_its_scheme_in_brackets_goes(text: str, number: str) -> None:
    out = _out(text)
    assert number not in out
    assert out.startswith(text.split(":")[0])


@pytest.mark.parametrize(
    "text",
    [
        "Harrison's sulcus absent.",
        "Mepilex Border Ag applied to the heel.",
        "Weight on the WHO chart 40th centile.",
        "Rx:\nSyp. Paracetamol 7.5 mL qds",
        "Interpreter: not required (Tamil/English).",
    ],
)
def test_clinical_terms_of_the_walk_stay(text: str) -> None:
    assert _out(text) == text


def test_credentials_after_a_name_stay() -> None:
    out = _out("Dr A. Rao, MD DCH\nDr H. Frost, MBBS FRACP, FACEM")
    assert "MD DCH" in out
    assert "MBBS FRACP, FACEM" in out
    assert "Rao" not in out and "Frost" not in out


def test_a_surname_english_is_still_a_name_after_a_title() -> None:
    assert "English" not in _out("Seen by Dr English on the ward.")


def test_a_signed_dates_time_is_said_to_have_been_there() -> None:
    out = _out("Reported : 22-01-2025 08:30\nCollected: 21-01-2025 22:15")
    assert "[TIME]" in out.splitlines()[0]
    assert "08:30" not in out
    assert out.splitlines()[1].endswith("22:15")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uncle Ravi and Aunty Pat came.", "Uncle [NAME] and Aunty [NAME] came."),
        ("Discussed with Mrs Kowalczyk's son William.", "Mrs [NAME]'s son [NAME]."),
        ("Grandmother Smt. Meenakshi Ammal attended.", "Grandmother Smt. [NAME] attended."),
        ("Dispensed by Stone, P. (pharmacist)", "Dispensed by [NAME] (pharmacist)"),
        ("Holds driver licence 049215883.", "Holds driver licence"),
        ("Summary     Page 1 of 3", "Page 1 of 3"),
        ("Admitted under General Medicine Unit 3 today.", "General Medicine Unit 3 today."),
    ],
)
def test_placeholders_keep_the_sentence_readable(text: str, expected: str) -> None:
    assert expected in _out(text)


def test_a_person_named_like_a_street_is_a_person() -> None:
    assert _kinds("Physiotherapy (Tom Hill) reviewed her.").get("Tom Hill") == "name"
    assert _kinds("Lives on Mary Street with her son.").get("Mary Street") == "street_address"


def test_a_scheme_named_before_no_colon_is_a_label() -> None:
    out = _out("Aadhaar No.: 4521 8876 3312   ABHA No.: 91-2345-6789-0123")
    assert out.startswith("Aadhaar No.: [ID]")
    assert "ABHA No.: [ID]" in out
    assert "4521" not in out


def test_a_flat_unit_is_still_an_address() -> None:
    assert "Unit 3" not in _out("Lives at Unit 3, 14 Banksia Avenue, Frankston.")


def test_a_plate_of_one_group_after_a_make_and_model_goes() -> None:
    out = _out("Son drives a white Ford Ranger 1AB2CD; school van TN09BX4471.")
    assert "1AB2CD" not in out
    assert "TN09BX4471" not in out
    assert "Ford Ranger" in out
