"""deid48b (issue 16, recall on reference numbers, streets, vehicles, devices and ages over 89):
general causes of misses on the blind half dev46 (written before the rules were read), each
fixed by its shape, with the cases that must stay kept.

1. An age over 89 after a verb of being or turning beside a name the rules found ("Her koro,
   Rewi, is 96 and ...") was kept where a comma stood between the name and the verb
   (deid_name_ages).
2. A vehicle's call sign of a word and a number ("call sign Kilo 47", "ACT Ambulance Bruce 12")
   and a bus's or taxi's fleet number ("Taxi 4417") were kept (deid_call_signs).
3. An insurer's prior authorisation was no cue ("pre-auth 26 118 402") (deid_codes).
4. A plate after a car model no list knows, set off by a comma after the verb that drives it
   ("drives him in a Myvi, WYT 4471") was read as a postcode's digits (deid_vehicle_nearby).
5. A street's name that goes on after a slash ("Jalan SS2/24"), Ireland's "townland" after the
   townland's name, and a number's last group wrapped onto the next line ("NHS no 677 211" /
   "4408") were left beside the span their rule found (deid_span_tails); so were a corner's word
   between two streets ("Sampaguita St. cor. Kalayaan Ave.") and the initials that name a road
   ("MG Road").
6. A plate in brackets after a possessive and a car model no list knows ("His Myvi (WXY 8821)")
   (deid_vehicle_nearby).
7. Damage: a device's brand right before the device it names ("Alterna air mattress", "Zio XT
   patch") was read as a surname (deid_device_nouns); a person before such a noun still goes.
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _redacted(text: str) -> str:
    return Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Her koro, Rewi, is 96 and in Puriri Court rest home.", "96"),
        ("His aunt, Edna Marsh, was 101 when she died.", "101"),
        ("Her friend Elsie, who turned 103 last week, visits.", "103"),
        ("Neighbour Tom Baird, now 94, helps.", "94"),
    ],
)
def test_an_age_after_a_verb_beside_a_found_name_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Her koro, Rewi, is 96 kg on the ward scales.", "96 kg"),
        ("Mr Rewi was 92% saturated on air.", "92%"),
    ],
)
def test_a_measure_after_a_verb_beside_a_name_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Arrived 02:14 by ambulance, call sign Kilo 47", "Kilo 47"),
        ("HEMS callsign Helimed 58 landed at 14:10.", "58"),
        ("ACT Ambulance Bruce 12, case number to follow.", "12"),
        ("Conveyed by ambulance Delta 214.", "214"),
        ("Fell on the bus (NZ Bus 2231) when it braked.", "2231"),
        ("Taxi 4417 waited outside.", "4417"),
    ],
)
def test_a_vehicles_call_sign_or_fleet_number_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Handed over in Ambulance Bay 3.", "Bay 3"),
        ("Ambulance booked Monday 14:00.", "14:00"),
        ("She was on route 6 when it braked.", "route 6"),
    ],
)
def test_a_place_a_time_or_a_route_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


def test_a_prior_authorisation_number_goes() -> None:
    out = _redacted("Insurer: VHI, policy VH-00428813, pre-auth PA 26 118 402.")
    assert "118" not in out and "402" not in out
    assert "44718822" not in _redacted("Prior authorisation 44718822 approved.")


def test_a_prior_authorisation_without_a_number_stays() -> None:
    assert "2 weeks" in _redacted("Preauthorisation 2 weeks ago; prior auth pending.")


@pytest.mark.parametrize(
    "line",
    [
        "Son Faizal drives him in a Myvi, WYT 4471; he works nights.",
        "She drove the Proton, ABC 1234, to clinic.",
        "Car parked outside, the Saga (WQX 4471).",
    ],
)
def test_a_plate_after_a_drive_verb_goes(line: str) -> None:
    # Main took the digits alone as a postcode and left the letters.
    out = _redacted(line)
    assert not any(letters in out for letters in ("WYT", "ABC", "WQX"))


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Still driving, GCS 15, HR 88.", "GCS 15"),
        ("Driving: he drives, MOCA 24.", "MOCA 24"),
        ("He drove in (BP 150/90).", "BP 150/90"),
    ],
)
def test_a_clinical_value_after_a_drive_verb_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Klinik Pillai, No. 14, Jalan SS2/24, Petaling Jaya", "/24"),
        ("Address: Cnoc an Doire townland, Moycullen, Co. Galway H91 X2F4", "townland"),
        ("Patient: Callum Pritchard (16), NHS no 677 211\n4408, hosp M448712", "4408"),
    ],
)
def test_a_street_or_a_numbers_tail_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("NHS No 485 777 3456\n12 tablets given", "12 tablets"),
        ("Ref 4471 2231\n2019 was a bad year", "2019"),
        ("Blood pressure 150/90 on 2 agents", "150/90"),
    ],
)
def test_a_next_lines_number_or_a_ratio_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


# The blind half dev46: 20 notes, 386 identifiers, 180 clinical terms. Before this session's
# changes the redactor found 375 of 387 as written (376 once "c/o" left a street's span, a label
# as the conventions keep them) and damaged 7; after them it finds 382 and damages 6. A year alone
# marked as a date ("died in 2019", one of the misses) was unmarked at the merge: no half marks one.
def test_dev46_parses_and_stays_at_its_figures() -> None:
    notes = load("dev46")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 386
    assert sum(len(n.clinical) for n in notes) == 180

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 382
    assert result.clinical_damaged <= 6


# Damage (session 48): a device's brand right before the device it names (deid_device_nouns).
@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Equipment: Alterna air mattress asset tag CB-ALT-0417.", "Alterna air mattress"),
        ("ECG: sinus rhythm overnight on the Zio XT patch, no pauses.", "Zio XT patch"),
        ("Syringe driver: McKinley T34 driver checked at 08:00.", "McKinley T34"),
    ],
)
def test_a_devices_brand_before_its_noun_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Pump check with Sister Jones pump settings.", "Jones"),
        ("Ordered: Priya air mattress for the bed.", "Priya"),
        ("Okafor pump alarmed twice overnight.", "Okafor"),
        ("Smith FY1 driver of the discharge.", "Smith"),
        ("Mrs Pettigrew's wheelchair was left in bay 4.", "Pettigrew"),
    ],
)
def test_a_person_before_a_devices_noun_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("His Myvi (WXY 8821) still parked at the mosque.", "WXY"),
        ("Her Vitz (KCX 441P) was towed.", "KCX"),
    ],
)
def test_a_plate_in_brackets_after_an_owned_model_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Her Echo (EF 45) was poor.", "EF 45"),
        ("His Holter (HR 110) showed runs.", "HR 110"),
        ("Their Unit (ICU 4) is full.", "ICU 4"),
    ],
)
def test_a_value_in_brackets_after_an_owned_thing_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


def test_a_corner_of_two_streets_goes_whole() -> None:
    out = _redacted("Sampaguita St. cor. Kalayaan Ave., Brgy. Pembo, Taguig City")
    assert "cor." not in out


def test_a_road_named_by_initials_goes() -> None:
    # The statistical line reads "Road" as a place here; the rule grows its span.
    text = _LETTER + "Kurian's Clinic, MG Road, Ravipuram, Ernakulam\n"
    assert "MG" not in Redactor(None, shift_days=40).redact(text)


def test_myasthenia_gravis_stays_where_no_road_follows() -> None:
    assert "Dx MG on pyridostigmine" in _redacted("Dx MG on pyridostigmine; Road traffic.")
