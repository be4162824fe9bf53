"""Walk 45's de-identification defects (docs/deid_rounds.md, session 45: walkfix45a)."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_old_dates import old_dates_removed
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import Redactor


# D2: Safe Harbor removes every element of a date, the year included, that shows an age over 89.
@pytest.mark.parametrize("mode", ["year", "shift"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/02/1932", "[DATE]"),
        ("Seen 3 February 1932.", "Seen [DATE]."),
        ("Last letter March 1931.", "Last letter [DATE]."),
        ("1930-06-27", "[DATE]"),
    ],
)
def test_a_date_ninety_years_ago_keeps_no_year(mode: str, text: str, expected: str) -> None:
    assert Redactor(date_mode=mode, shift_days=40).redact(text) == expected  # type: ignore[arg-type]


def test_a_two_digit_year_goes_only_where_written_out_as_an_old_year() -> None:
    # Review 45b (D9): "3/2/32" may be 2032; shifted it stays two digits, as a year it would
    # read "1932".
    assert Redactor(date_mode="year", shift_days=40).redact("on 3/2/32 at home") == (
        "on [DATE] at home"
    )
    assert Redactor(date_mode="shift", shift_days=40).redact("on 3/2/32 at home") == (
        "on 4/11/32 at home"
    )


def test_recent_dates_keep_their_year_or_shift() -> None:
    assert Redactor(date_mode="year", shift_days=40).redact("Admitted 14/08/2025.") == (
        "Admitted 2025."
    )
    assert Redactor(date_mode="shift", shift_days=40).redact("Admitted 14/08/2025.") == (
        "Admitted 23/09/2025."
    )


def test_a_year_alone_in_clinical_text_stays() -> None:
    # No day or month: no date span, no birth; "since 1932" is history, not an age.
    assert Redactor(shift_days=40).redact("Insulin in use since 1932.") == (
        "Insulin in use since 1932."
    )


def test_the_limit_is_this_year_minus_ninety() -> None:
    today = date(2026, 12, 5)
    spans = [
        Redaction("date", 0, 10, "31/12/1936", "1936"),
        Redaction("date", 11, 21, "01/01/1937", "1937"),
        Redaction("phone", 22, 32, "1936 1936", "[PHONE]"),
    ]
    assert [red.replacement for red in old_dates_removed(spans, today)] == [
        "[DATE]",
        "1937",
        "[PHONE]",
    ]


# D3: a name in a script that folds to no Latin letter has no initials to look for (its
# initials were "", whose forms "" and "." matched every full stop after it).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen with Иван Петров (neighbour).\nNext.", "Seen with [NAME] (neighbour).\nNext."),
        (
            "Seen with Ελένη Παπαδοπούλου (interpreter). Next.",
            "Seen with [NAME] (interpreter). Next.",
        ),
    ],
)
def test_no_full_stop_is_taken_for_a_non_latin_names_initials(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected


def test_initials_of_a_latin_name_are_still_found() -> None:
    assert Redactor(shift_days=40).redact("Given by Abena Kyei RN. Checked AK.") == (
        "Given by [NAME] RN. Checked [NAME]."
    )


# D6: an opening bracket the span does not close is the sentence's, not the identifier's.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated by phone (03 9417 2256) at 23:40.", "Updated by phone ([PHONE]) at 23:40."),
        ("tel: (0412 345 678) mobile", "tel: ([PHONE]) mobile"),
        ("Call (03) 9417 2256 today", "Call [PHONE] today"),
    ],
)
def test_brackets_around_a_phone_number_stay_paired(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected


# D7: the type a reviewer reads in the preview is the one the context gives.
@pytest.mark.parametrize(
    ("text", "original", "kind"),
    [
        ("Holds a Victorian driver licence 038 554 112.", "038 554 112", "licence_number"),
        ("(Ambulance Victoria case AV-25-0814-3372) after a fall", "AV-25-0814-3372", "id_number"),
        ("Randwick NSW 2031\n\nDear Anand,\n\nRe: your patient", "Anand", "name"),
        ("The Alfred — Department of General Medicine\nDischarge", "The Alfred", "facility"),
        # What the context already said stays said.
        ("Parked vehicle 1XY 4ZB outside.", "1XY 4ZB", "vehicle_id"),
        ("Mobile: 0412 345 678", "0412 345 678", "phone"),
        ("NHS No: 943 476 5919", "943 476 5919", "health_plan_id"),
    ],
)
def test_the_preview_types_a_span_by_its_context(text: str, original: str, kind: str) -> None:
    kinds = {red.original: red.kind for red in Redactor(shift_days=40).preview(text)}
    assert kinds[original] == kind


# D5: useful text that names no one stays.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A pacing lead's model after its chamber; its serial still goes.
        (
            "Leads: RA 5076-52 serial PJN7712345; RV 5076-58 serial PJN7719876.",
            "Leads: RA 5076-52 serial [ID]; RV 5076-58 serial [ID].",
        ),
        # Services named by clinical words only: every hospital has one.
        (
            "Referred to the Falls and Balance Clinic, Caulfield Hospital.",
            "Referred to the Falls and Balance Clinic, [FACILITY].",
        ),
        ("Copy to: Cardiac Device Clinic.", "Copy to: Cardiac Device Clinic."),
        # A state's adjective, or its name after "a", before what it describes.
        (
            "Holds a Victorian driver licence 038 554 112.",
            "Holds a Victorian driver licence [ID].",
        ),
        ("Works as a Queensland nurse.", "Works as a Queensland nurse."),
    ],
)
def test_text_that_names_no_one_stays(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("Seen at Toronto Balance Clinic.", "Toronto Balance Clinic"),  # a clinic's own name
        ("Victoria visited today.", "Victoria"),  # a person
        ("Employee no. TCS 118842.", "TCS 118842"),  # a code with a prefix of capitals
    ],
)
def test_names_beside_those_words_still_go(text: str, removed: str) -> None:
    assert removed not in Redactor(shift_days=40).redact(text)


# D1: a plate of Victoria's shape needs no cue; postcodes, doses and ordinals keep theirs.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1XY 4ZB", "[ID]"),
        ("Parked outside, 1XY 4ZB, all night.", "Parked outside, [ID], all night."),
        ("GIVE 5MG 2ML", "GIVE 5MG 2ML"),
        ("1ST 2ND", "1ST 2ND"),
    ],
)
def test_a_plate_of_victorias_shape_goes_without_a_cue(text: str, expected: str) -> None:
    assert Redactor(shift_days=40).redact(text) == expected
