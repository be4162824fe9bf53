"""deid53b (issue 16, the digit-bearing types under 95% held-out): an age over 89 as a person
word's attribute (deid_kin_ages), plates in other scripts and with Latin capitals of other
alphabets (deid_world_plates). Each rule removes text, so each comes with clinical numbers and
words that must stay beside it (a unit, a ratio, a decimal, a range, a count; a room's number, a
telephone's word, the word after a plate); the identifiers placed right where those guards read
("Her son, 91,", "Dad 97.", "ЕК 447 77 parked") must still go."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept

from medlocal.privacy.deid_kin_ages import kin_age_candidates
from medlocal.privacy.deid_world_plates import world_plate_candidates


def _ages(text: str) -> list[str]:
    return [r.original for r in kin_age_candidates(text)]


def _plates(text: str) -> list[str]:
    return sorted({r.original for r in world_plate_candidates(text)})


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Her son, 91, was on the same flight.", "91"),
        ("The son is 91 and visits daily.", "91"),
        ("Mother: 94, frail, lives with her daughter.", "94"),
        ("Social: widowed; Dad 97.", "97"),
        ("Großmutter mütterlicherseits, jetzt 96, Mammakarzinom mit 52.", "96"),
        ("She will be 100 in March and wants no fuss.", "100"),
        ("Both parents alive, ages 91 and 93.", "93"),
        ("Her granddaughter's husband, now 92, drives her.", "92"),
    ],
)
def test_an_age_over_89_as_a_persons_attribute_goes(text: str, age: str) -> None:
    assert age in _ages(text)
    gone(text, age)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A unit, a ratio, a decimal, a range or a count after the number is the clinical
        # grammar's, whoever's word stands before it.
        ("Sister 96 kg at the last weigh-in.", "96 kg"),
        ("Husband: BP 150/95, HR 92.", "150/95"),
        ("Mother: 94% on air at home.", "94%"),
        ("Son's SpO2 was 95.5 on the monitor.", "95.5"),
        ("Daughter reports sats 91-93 overnight.", "91-93"),
        ("Therapist: 90 minutes of gait training.", "90 minutes"),
        ("Carer visits, 100 mg paracetamol given.", "100 mg"),
        ("With 95 in the group, the clinic ran late.", "95"),
        ("She will be 100 mg short of the dose.", "100 mg"),
        ("Ages 9 and 10 at diagnosis: siblings.", "9 and 10"),
    ],
)
def test_clinical_numbers_after_person_words_stay(text: str, value: str) -> None:
    assert not _ages(text)
    kept(text, value)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Her car plate 12가 3456 is in the clinic car park.", "12가 3456"),
        ("Her car 123나4567 is outside.", "123나4567"),
        ("Машина А123ВС 77 стоит у входа.", "А123ВС 77"),
        ("Car plate: ЕК 447 77 parked outside.", "ЕК 447 77"),
        ("Son drives a car, ナンバー 品川 330 さ 12-34.", "品川 330 さ 12-34"),
        ("车牌 京A·12345 在停车场.", "京A·12345"),
        ("car plate: أ ب ج ١٢٣٤", "أ ب ج ١٢٣٤"),
        ("รถทะเบียน กข 1234 กรุงเทพ", "กข 1234"),
        ("Rescued from the fishing boat WŁA-117 after a dive.", "WŁA-117"),
        ("Pkw LÖ-AB 123 parkt vor dem Haus.", "LÖ-AB 123"),
    ],
)
def test_a_plate_in_another_script_goes(text: str, plate: str) -> None:
    assert plate in _plates(text)
    gone(text, plate)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A room's, a phone's, a count's or a place's words after a vehicle's or a number's
        # word are no plate; the word after a plate stays.
        ("палата номер 12А, койка 3", "12А"),
        ("номер телефона указан в карте", "телефона"),
        ("Car plate: ЕК 447 77 parked outside.", "parked"),
        ("차량번호 34나 5678 입니다", "입니다"),
        ("He drove to Łódź 2 times this month.", "2 times"),
        ("car Größe 3 seat for the child", "Größe 3"),
        ("Plate count 12 on the ward; platelets 45.", "45"),
    ],
)
def test_words_and_numbers_beside_plate_words_are_no_plate(text: str, value: str) -> None:
    assert all(value not in p for p in _plates(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Through the whole redactor, where no other rule reads the words of another script.
        ("Car plate: ЕК 447 77 parked outside.", "parked outside"),
        ("He drove to Łódź 2 times this month.", "2 times"),
        ("Plate count 12 on the ward; platelets 45.", "45"),
        ("Booster lot no. 12 in the vaccine fridge, 2-8 °C.", "2-8 °C"),
    ],
)
def test_clinical_words_beside_plate_words_stay(text: str, value: str) -> None:
    kept(text, value)


# The blind half dev57: 20 notes, 298 identifiers, 248 clinical terms. Blind (main e2b026d):
# 293/298 and 6 damaged; with this session's rules 296 and 6.
def test_dev57_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev57")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 298
    assert sum(len(n.clinical) for n in notes) == 248

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 296
    assert result.clinical_damaged <= 6
