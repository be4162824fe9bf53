"""De-identification: synthetic notes with planted identifiers of every covered kind."""

from __future__ import annotations

import re
from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor

IDENTITY = PatientIdentity(name="John Albert Smith", mrn="MRN-00123456", dob=date(1931, 2, 14))

# Each note marks its planted identifiers as {kind|text}; plain text around them must survive.
NOTES = [
    """Patient: {patient_name|John A. Smith}   MRN: {mrn|00123456}   DOB: {dob|02/14/1931}
Admitted {date|03/02/2021} to the medical ward. Seen by Dr. {name|Alice Monroe}.
{patient_name|Smith, John} is a {age_over_89|92}-year-old man with type 2 diabetes.
Metformin 500 mg twice daily; HbA1c 7.2 %.
Home: {street_address|42 Elm Street, Apt 3B}, {city|Springfield}, IL {zip_code|62704}.
Tel {phone|(217) 555-0143}, fax {fax|217-555-0199}, e-mail {email|jsmith@example.org}.
Portal {url|https://portal.example.org/p/123}; device IP {ip_address|192.168.10.24}.
SSN {ssn|123-45-6789}. Account #: {account_number|AC-99812}. Discharged {date|March 9, 2021}.
Signed by: {name|Robert Lee}, MD""",
    """Name: {name|DOE, JANE}
{patient_name|J. Smith} (born {dob|14 February 1931}) was reviewed in {date|April 2021}.
Aged {age_over_89|95}. Next of kin: {name|Mary Jones} {phone|+44 20 7946 0958}.
Insurance ID: {health_plan_id|ZX4451290}. Social security {ssn|987654321}.
Follow-up on {date|2021-05-10}; call {phone|555.201.3344}. ZIP code: {zip_code|02139}.
Record accessed from {ip_address|2001:db8::8a2e:370:7334}, see {url|www.hospital.example.com/x}.
Mr. {patient_name|Smith} reports knee pain since {date|May 3}. Lisinopril 10 mg daily.""",
    """Referral for {patient_name|JOHN SMITH}, medical record number {mrn|MRN 00123456}.
Date of birth: {dob|1931-02-14}. Encounter #{id_number|E7781230}. Lab code {id_number|4455667788}.
PO box: {street_address|P.O. Box 1234}. Ms. {name|Clara Oswald} (daughter) will attend.
Echo on {date|12-Jan-2022}: EF 55 %. Plan reviewed by {name|Peter Capaldi}, NP.""",
]
COVERED = {
    "patient_name", "name", "mrn", "dob", "date", "age_over_89", "street_address", "city",
    "zip_code", "phone", "fax", "email", "url", "ip_address", "ssn", "id_number",
    "account_number", "health_plan_id",
}  # fmt: skip
_MARK = re.compile(r"\{(\w+)\|([^}]*)\}")


def plant(note: str) -> tuple[str, list[tuple[str, str]]]:
    planted = [(m.group(1), m.group(2)) for m in _MARK.finditer(note)]
    return _MARK.sub(lambda m: m.group(2), note), planted


def test_every_covered_kind_is_planted() -> None:
    kinds = {kind for note in NOTES for kind, _ in plant(note)[1]}
    assert kinds == COVERED


@pytest.mark.parametrize("index", range(len(NOTES)))
def test_preview_lists_exactly_the_planted_identifiers(index: int) -> None:
    text, planted = plant(NOTES[index])
    preview = Redactor(IDENTITY, shift_days=40).preview(text)
    assert [(r.kind, r.original) for r in preview] == planted
    assert len(preview) == len(planted)
    for red in preview:
        assert text[red.start : red.end] == red.original


@pytest.mark.parametrize("index", range(len(NOTES)))
def test_redacted_text_holds_no_planted_identifier(index: int) -> None:
    text, planted = plant(NOTES[index])
    out = Redactor(IDENTITY, shift_days=40).redact(text)
    for kind, original in planted:
        if kind == "age_over_89":
            assert re.search(rf"\b{original}\b", out) is None
            continue
        assert original.lower() not in out.lower(), (kind, original)
    # Clinical content survives.
    for keep in ("Metformin 500 mg", "Lisinopril 10 mg", "EF 55 %", "type 2 diabetes"):
        if keep in text:
            assert keep in out


def test_dates_shift_by_one_offset_or_reduce_to_year() -> None:
    text = "Admitted 03/02/2021, discharged March 9, 2021, reviewed April 2021, seen May 3."
    shifted = Redactor(IDENTITY, shift_days=10).redact(text)
    assert shifted == (
        "Admitted 03/12/2021, discharged March 19, 2021, reviewed April 2021, seen May 13."
    )
    year = Redactor(IDENTITY, date_mode="year").redact(text)
    assert year == "Admitted 2021, discharged 2021, reviewed 2021, seen [DATE]."


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        # The year of the dated date before it: 2024 is a leap year, so 40 days after 3 Feb.
        (
            "Seen 13/01/2024 (UK). Clinic on 3 Feb. Then 12th March.",
            "Seen 22/02/2024 (UK). Clinic on 14 Mar. Then 21st April.",
        ),
        # Else the year of the first dated date after it (2023: no 29 February).
        ("Clinic on 3 Feb, admitted 2023-12-20.", "Clinic on 15 Mar, admitted 2024-01-29."),
        # A weekday goes with its day; digits keep their order; December runs into January.
        (
            "Wednesday April 30 2025 then Fri 2 May and on 3/20 and Dec 30.",
            "Monday June 9 2025 then Wed 11 June and on 4/29 and Feb 8.",
        ),
        (
            "Bloods 25/12/2024, repeat on 28/12 and 14/1.",
            "Bloods 03/02/2025, repeat on 06/02 and 23/2.",
        ),
    ],
)
def test_a_date_without_its_year_is_shifted_in_its_neighbours_year(text: str, shifted: str) -> None:
    assert Redactor(IDENTITY, shift_days=40).redact(text) == shifted


def test_a_date_without_its_year_that_is_no_day_stays_a_date_label() -> None:
    # No day to move ("31 April"), a range, a weekday alone: the label, never the original.
    out = Redactor(IDENTITY, shift_days=40).redact("Seen 31 April. Away 16-18 Nov, Tues 14th.")
    assert out == "Seen [DATE]. Away [DATE], [DATE].", out
    offsets = {Redactor(IDENTITY).shift_days for _ in range(20)}
    assert all(30 <= abs(d) <= 365 for d in offsets) and len(offsets) > 1


def test_ages_up_to_89_and_clinical_numbers_are_kept() -> None:
    text = "An 89-year-old on warfarin 5 mg, INR 2.5, BP 120/80, weight 72 kg, 12 tablets."
    assert Redactor(IDENTITY).preview(text) == []


def test_without_vault_identity_patterns_still_apply() -> None:
    out = Redactor().redact("Patient: Jane Roe, phone 555-123-4567, DOB: 01/01/1990.")
    assert out == "Patient: [NAME], phone [PHONE], DOB: [DOB]."


# -- regressions from review --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "HCTZ 12.5-25 mg daily",
        "WBC 4.5-11.0",
        "Hb 13.5-17.5 g/dL",
        "BP 132/84, pain 3/10, vision 20/40, INR 2.5-3.0, EF 55-60%",
    ],
)
def test_numeric_ranges_are_not_dates(text: str) -> None:
    assert Redactor(shift_days=40).preview(text) == []


@pytest.mark.parametrize("raw", ["02/04/1961", "3-4-2021", "2.4.1961", "12.1.23"])
def test_numeric_dates_with_one_separator_are_still_dates(raw: str) -> None:
    preview = Redactor(shift_days=40).preview(f"Seen {raw} in clinic.")
    assert [(r.kind, r.original) for r in preview] == [("date", raw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mother: Breast Cancer at 50", "Mother: Breast Cancer at 50"),
        ("Father: MI at 62", "Father: MI at 62"),
        ("Sister: Lupus", "Sister: Lupus"),
        ("Pt: CHF exacerbation", "Pt: CHF exacerbation"),
        ("Mr. Smith BP 132/84", "Mr. [NAME] BP 132/84"),
        ("Pt: Jane Roe COPD", "Pt: [NAME] COPD"),
        ("Next of kin: Mary Jones", "Next of kin: [NAME]"),
        ("Emergency contact: Mary Jones", "Emergency contact: [NAME]"),
        ("Guardian: Mary Jones", "Guardian: [NAME]"),
        ("Name: DOE, JANE", "Name: [NAME]"),
        ("Patient: JOHN SMITH   MRN: 1", "Patient: [NAME]   MRN: 1"),
        ("Patient: CHF exacerbation", "Patient: CHF exacerbation"),
        ("Pt: STEMI, troponin up", "Pt: STEMI, troponin up"),
    ],
)
def test_family_history_and_acronyms_are_not_names(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("John Smith", "Smith's", "[NAME]'s"),
        ("John Smith", "John Smith's wife called.", "[NAME]'s wife called."),
        ("John Smith", "Smith’s daughter", "[NAME]’s daughter"),
        ("Mary O'Brien", "Mary O’Brien attended.", "[NAME] attended."),
        ("Mary O'Brien", "O'Brien's husband", "[NAME]'s husband"),
        ("Mary O'Brien", "OBRIEN, MARY", "[NAME]"),
        ("Mary O'Brien", "Mary OBrien", "[NAME]"),
        ("Mary O'Brien", "seen by obrien", "seen by [NAME]"),
    ],
)
def test_patient_name_variants_with_apostrophes_and_possessives(
    name: str, text: str, expected: str
) -> None:
    assert Redactor(PatientIdentity(name=name), shift_days=40).redact(text) == expected


@pytest.mark.parametrize("raw", ["2/4/61", "2/4/1961", "4/2/1961", "04FEB1961", "2.4.61"])
def test_dob_with_two_digit_year_or_either_day_order(raw: str) -> None:
    redactor = Redactor(PatientIdentity(dob=date(1961, 2, 4)), shift_days=40)
    assert redactor.redact(f"Seen on {raw}; well.") == "Seen on [DOB]; well."


def test_two_digit_year_in_the_future_is_previous_century() -> None:
    # 2/4/61 is 4 February 1961 (m/d), shifted by 40 days, written as it was; never 2061.
    assert Redactor(shift_days=40).redact("seen 2/4/61") == "seen 3/16/61"
    assert Redactor(date_mode="year").redact("seen 2/4/61") == "seen 1961"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MR# 998877", "MR# [MRN]"),
        ("Hospital No: 12345", "Hospital No: [ID]"),
        ("Patient ID: 55512", "Patient ID: [ID]"),
        ("Unit No. 4455A", "Unit No. [ID]"),
        ("SS# 123 45 6789", "SS# [SSN]"),
        ("Phone: 123-4567", "Phone: [PHONE]"),
        ("ph 020 7946 0958", "ph [PHONE]"),
        ("Mob: 07700 900123", "Mob: [PHONE]"),
        ("Lives at 221B Baker Street, alone", "Lives at [ADDRESS], alone"),
        ("Lives at 12 oak street, alone", "Lives at [ADDRESS], alone"),
        ("DOB 04FEB1961", "DOB [DOB]"),
        ("92M with CHF", "90+M with CHF"),
        ("101F, frail", "90+F, frail"),
    ],
)
def test_more_identifier_forms(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pH 7.35-7.45",
        "Temp 99F, T 101F, Tmax 102F",
        "walked 3 blocks down the road",
        "takes 2 steps the same way",
        "HbA1c 7.2",
        "Fluid balance +400 mL.",
        "Weight +1200 g since admission; balance +1.5 L",
    ],
)
def test_new_patterns_leave_clinical_text_alone(text: str) -> None:
    assert Redactor(shift_days=40).preview(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "HIV RNA 1500000 copies/mL",
        "Platelets 1250000",
        "Platelet count: 1250000",
        "CD4 12000000 cells",
        "Heparin 25000000 units",
    ],
)
def test_large_lab_values_are_not_ids(text: str) -> None:
    assert Redactor(shift_days=40).preview(text) == []


def test_long_number_without_unit_or_lab_is_still_an_id() -> None:
    assert Redactor(shift_days=40).redact("Ref 4455667788 filed") == "Ref [ID] filed"


def test_international_phone_numbers_are_still_phones() -> None:
    text = "Call +44 20 7946 0958 or +33 1 23 45 67 89."
    assert Redactor(shift_days=40).redact(text) == "Call [PHONE] or [PHONE]."


def test_a_name_after_a_date_stays_its_own_span_and_the_date_is_shifted() -> None:
    """A rule that reads across a date and the name after it ("11-01 John" as a house number and
    street) must not fold the name into the date: the date keeps its shifted value, and keeping
    the date in the preview keeps the date only (the walkthrough's export kept the name)."""

    text = "GP NOTE 2026-11-01 Zebulon Quartermaine reports a cough."
    found = Redactor(shift_days=30, tagger=False).preview(text)
    assert [(r.kind, r.original) for r in found] == [
        ("date", "2026-11-01"),
        ("name", "Zebulon Quartermaine"),
    ]
    assert found[0].replacement == "2026-12-01"


def test_cutting_a_span_at_a_date_removes_the_same_characters() -> None:
    from medlocal.privacy.deid_spans import Redaction, resolve

    text = "seen 2026-11-01 John Smith today"
    date_ = Redaction("date", 5, 15, "2026-11-01", "2026-12-01")
    street = Redaction("street_address", 10, 20, text[10:20], "[ADDRESS]")
    name = Redaction("name", 16, 26, "John Smith", "[NAME]")
    out = resolve(text, [street, name, date_])
    assert [(r.kind, r.start, r.end) for r in out] == [("date", 5, 15), ("name", 16, 26)]
    # Without a value-carrying span the union stays one span, as before.
    other = Redaction("id_number", 5, 15, "2026-11-01", "[ID]")
    assert [(r.kind, r.start, r.end) for r in resolve(text, [other, street, name])] == [
        ("id_number", 5, 26)
    ]
