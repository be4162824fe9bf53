"""Session 51 (fix51a, review51a H1, H2, H5, M4): the digit rules of ``deid_digit_slots`` leave
vital signs, speeds, times, scores in brackets, a test's results and the value on the line after
a code; the plates, codes and numbers they were written for still go."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_digit_slots import digit_slot_candidates, wrapped_code_rests
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import Redactor


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # H1: a speed, a vital sign or a time after a vehicle's word, and a registrar's "reg".
        ("Pedestrian hit by a car at 30 mph, GCS 15 at scene.", "at 30 mph"),
        ("Cyclist hit by a bus at 20 mph, helmet on.", "at 20 mph"),
        ("Car seat: child restrained, hit at 50 kph.", "at 50 kph"),
        ("Ambulance handover: HR 98 BPM, RR 24, BP 100/60, GCS 14.", "HR 98 BPM"),
        ("AMBULANCE: PT FOUND ON FLOOR, HR 88 BPM, SPO2 90%.", "HR 88 BPM"),
        ("PT TRANSFERRED BY AMBULANCE, ETA IN 20 MIN.", "IN 20 MIN"),
        ("Med reg review: HR 88 BPM, warm peripheries.", "HR 88 BPM"),
        ("Taxi driver, HR 72 bpm at rest.", "HR 72 bpm"),
        # H2: a score or a vital sign in brackets after "ambulance".
        ("Brought in by ambulance (GCS 14) after a fall.", "GCS 14"),
        ("Arrived by ambulance (HR 120) and was given fluids.", "HR 120"),
        ("Transferred by ambulance (NEWS2 7) from the nursing home.", "NEWS2 7"),
        # M4: a test's results after "serial", a medical officer's time.
        ("Troponin serial 14 52 310 2200 ng/L.", "14 52 310 2200"),
        ("Medical officer 2300 review: settled.", "2300"),
    ],
)
def test_values_near_a_vehicle_or_a_cue_stay(text: str, kept: str) -> None:
    assert kept in redact(text)
    assert not list(digit_slot_candidates(text, lexicon()))


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("He was driving a blue Vauxhall Corsa kp71 wzt when it rolled.", "kp71 wzt"),
        ("Hit by a van, registration noted as fd 66 xrl by the crew.", "xrl"),
        ("Police gave the lorry's reg as BN19\nHTV, parked at the scene.", "HTV"),
        ("His lorry PO68 UYT is off the road.", "UYT"),
        ("Delivery driver van LB21 XNO.", "XNO"),
        ("Ambulance reg: AB12 CDE attended.", "CDE"),
        ("She came on a boda-boda (KMDB 221X) from Kitengela.", "221X"),
        ("Hit by a BMTC bus (KA-57-F-2209) at the junction.", "2209"),
        ("Phone handset IMEI 86 401933 218876 5 recorded for the alarm.", "218876"),
        ("Pump serial 4412 9987 1120 0031 logged.", "9987"),
        ("Statement taken by officer 2281 at the bedside.", "2281"),
        ("Police officer 4471 attended.", "4471"),
    ],
)
def test_plates_and_numbers_still_go(text: str, secret: str) -> None:
    assert secret not in redact(text)


def _grown(text: str, code: str, kind: str, whole: tuple[str, ...] = ()) -> list[str]:
    start = text.index(code)
    red = Redaction(kind, start, start + len(code), code, "[ID]")
    return [r.original for r in wrapped_code_rests(text, [red], lexicon(), whole)]


def test_a_value_on_the_line_after_a_code_is_not_its_rest() -> None:
    # H5: the patient's MRN is whole; a lab's values after a lab ID are values.
    assert _grown("MRN: A1234567\n97\nWeight (kg)", "A1234567", "mrn", ("A1234567",)) == []
    assert _grown("Lab ID: QX3112\n140, 4.2, 100 (Na, K, Cl)", "QX3112", "id_number") == []
    assert _grown("Ref: QX3112\n97\nNext line", "QX3112", "id_number") == []
    assert _grown("Ref: QX31\n5512 mmol/L", "QX31", "id_number") == []


def test_a_code_cut_by_a_line_break_still_grows() -> None:
    assert _grown("Order comms ref: QX31\n5512 0094\nSpecimen: urine.", "QX31", "id_number") == [
        "QX31\n5512 0094"
    ]
    assert _grown("Ref OC26\n0117 3349.\nSeen.", "OC26", "id_number") == ["OC26\n0117 3349"]
    assert _grown("VRM MA17\nOXK, seen on ANPR.", "MA17", "vehicle_id") == ["MA17\nOXK"]


def test_the_redactor_keeps_the_value_after_the_patients_mrn() -> None:
    identity = PatientIdentity("Maria Kowalczyk", "A1234567", date(1950, 3, 14))
    redactor = Redactor(identity, shift_days=40)
    out = redactor.redact("MRN: A1234567\n97\nWeight (kg)")
    assert "A1234567" not in out
    assert "\n97\n" in out


def test_a_piece_of_a_phone_number_is_not_grown() -> None:
    # Sixteen digits are no telephone number: the line after the phone stays (walk 47b).
    text = "Tel. +49 30 4505 6789 1234\n5678\nSeen today."
    phone = Redaction("phone", 5, 26, text[5:26], "[PHONE]")
    piece = Redaction("id_number", 12, 26, text[12:26], "[ID]")
    assert list(wrapped_code_rests(text, [phone, piece], lexicon())) == []
