"""Round 19, facilities and organisations (second wave): named parts of a hospital or care home,
placeholders that say what the span is, a field gap that ends a place, lower-case heads and a
device's maker before its product. Every example is invented."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _redact(text: str) -> str:
    return Redactor(shift_days=0).redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Bed: 12 (Hazel wing), seen by the night team.", "Hazel"),
        ("Room 4, Sycamore wing, door code on file.", "Sycamore"),
        ("Moved to Poppy Suite this afternoon.", "Poppy"),
        ("Now in Hawthorn bay, bed 2.", "Hawthorn"),
        ("Transferred back to Kestrel pod overnight.", "Kestrel"),
        ("Stepped down to Magnolia ward after 48 h.", "Magnolia"),
    ],
)
def test_a_named_wing_suite_bay_or_ward_goes(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nursed in the east wing, then the day unit, then bay 3.",
        "Kept in Resus bay until the CT was reported.",
        "Bier block for the wrist manipulation.",
        "Transferred to Labour ward overnight.",
        "Seen on the Dialysis unit for his usual session.",
        "Moved to a Side bay for barrier nursing.",
    ],
)
def test_kinds_of_rooms_stay(text: str) -> None:
    assert _redact(text) == text


def test_a_care_home_found_as_a_name_is_labelled_a_facility() -> None:
    out = _redact("Night Carer, Thornfield Grange Nursing Home")
    assert out == "Night Carer, [FACILITY]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Faith Ward phoned about the appointment.", "[NAME] phoned about the appointment."),
        ("Ben Street said she was eating well.", "[NAME] said she was eating well."),
    ],
)
def test_a_given_name_and_a_place_word_before_a_person_verb_is_a_name(
    text: str, expected: str
) -> None:
    assert _redact(text) == expected


def test_a_named_ward_that_phones_is_still_a_ward() -> None:
    # "Birch" is no listed given name: the ward rang.
    out = _redact("Birch Ward phoned to say a bed is free.")
    assert "Birch" not in out
    assert "[NAME]" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Roche Accu-Chek meter checked against a lab glucose.",
        "Abbott FreeStyle Libre 2 sensor fitted to the left arm.",
        "Started on Medtronic MiniMed 780G in clinic.",
    ],
)
def test_a_device_maker_before_its_product_stays(text: str) -> None:
    assert _redact(text) == text


def test_a_person_before_a_product_still_goes() -> None:
    assert "Whitlock" not in _redact("Dr Whitlock FreeStyle review next week.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Works at Greggs  School run: mornings", "School run"),
        ("Occupation: Unemployed  School: left at 16", "School: left"),
    ],
)
def test_a_field_gap_ends_a_place(text: str, kept: str) -> None:
    assert kept in _redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Her brother attends Moortown day centre twice a week.", "Moortown day centre"),
        ("She sells fabric at Oshodi Tinubu market most days.", "market"),
    ],
)
def test_a_lower_case_head_joins_its_place(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Suivi au Cabinet médical des Tilleuls le mois prochain.", "Tilleuls"),
        ("Referred from: Nyeri Level 4 Hospital with a letter.", "Nyeri Level 4 Hospital"),
        ("Chuyển từ Bệnh viện Quận 5 sáng nay.", "Quận 5"),
        ("Khám tại Phòng khám Đa khoa Minh Tâm hôm qua.", "Minh Tâm"),
        ("Hij werkt bij Van Dorsten Bouw in Utrecht.", "Dorsten"),
        ("Er arbeitet bei Kramski Logistik seit 2019.", "Kramski"),
        ("Her partner drives for\nRedkite; nights only.", "Redkite"),
    ],
)
def test_more_shapes_of_organisations_go(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hospital discharge summary follows below.",
        "On Day 3 Hospital stay was uneventful.",
        "Works at Home most days since the stroke.",
        "Ahora trabaja en casa y cuida a su madre.",
    ],
)
def test_ordinary_words_near_those_shapes_stay(text: str) -> None:
    assert _redact(text) == text


def test_a_service_after_a_double_hyphen_on_the_first_line_stays() -> None:
    out = _redact("Lowmoor District Hospital -- Acute Medical Unit\nDischarge summary follows.")
    assert out.startswith("[FACILITY] -- Acute Medical Unit\n")
