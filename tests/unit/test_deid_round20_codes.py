"""Round 20, numbers and codes: a plate set off by a bracket or a comma a few words after a
vehicle's word, in any country's shape; a short plate after a plate's own word or
"registered"; ninety in more languages and the adjective of age ("96-jarige", "93-letnia");
"she's 102", "I am 95"; a relative's age after a name in apposition. Invented examples."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _gone(text: str) -> str:
    return Redactor(shift_days=40).redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # A plate in brackets or after a comma a few words after the vehicle.
        ("Came in his brother's pick-up (QRT 5521) after the fall.", "QRT 5521"),
        ("Her nephew's ute (KPL44Z) was blocking the ramp.", "KPL44Z"),
        ("Ihr Sohn kam mit dem eigenen Auto (HB-KL 447) vorbei.", "HB-KL 447"),
        ("Hit by a delivery van while crossing\n(TR 55 KX GP) on Main Rd.", "TR 55 KX GP"),
        ("Takes the same minibus each morning, RX 4471, to the market.", "RX 4471"),
        ("Ancienne voiture de la patiente (3391 QT 31) vendue.", "3391 QT 31"),
        ("She left the car (a small hatchback, QX 44 RT) outside.", "QX 44 RT"),
        # A plate's own word or "registered" before a short plate.
        ("Moto taxi placa ABC12D parada na porta.", "ABC12D"),
        ("Knocked down by a motorbike registered MH14 QZ 8812.", "MH14 QZ 8812"),
        # Ages over 89 in more forms.
        ("Haar vader is op 96-jarige leeftijd overleden.", "96"),
        ("Jej brat, dziewięćdziesiąt dwa lata, mieszka sam.", "dziewięćdziesiąt dwa"),
        ("Hans farfar blev nittiofem år.", "nittiofem"),
        ("She's 97 today and still walks to church.", "97"),
        ("i am 95 next month and would like a home visit", "95"),
        ("Her younger brother, Tomas Ek, is 99 and lives alone.", "99"),
    ],
)
def test_round20_codes_redacted(text: str, gone: str) -> None:
    assert gone not in _gone(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Clinical values, times and units after a vehicle stay.
        ("Car accident earlier today (GCS 14, HR 110).", "GCS 14"),
        ("Car accident earlier today (GCS 14, HR 110).", "HR 110"),
        ("Arrived by car (2 PM) with her daughter.", "2 PM"),
        ("Transferred in the van (4L O2) without incident.", "4L O2"),
        ("Came by ambulance, NEWS2 5, sats 91%.", "NEWS2 5"),
        ("Taxi ride, BP 150 90 on arrival.", "BP 150 90"),
        ("Knocked off his bike by a car, T12 fracture.", "T12"),
        ("Registered GP practice changed.", "GP"),
        # Numbers after the short forms that are measures, not ages.
        ("I am 100 percent sure about the dose.", "100"),
        ("She's 92% on room air.", "92%"),
        ("He's 100 kg now.", "100 kg"),
        ("Her brother, Tomas, is 90 minutes away by train.", "90 minutes"),
    ],
)
def test_round20_codes_kept(text: str, kept: str) -> None:
    assert kept in _gone(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # A plate without the aside's marks, in its strongest shape.
        ("A taxi whose number was RB 7713 took her home.", "RB 7713"),
        ("The car with number plates reading FX 2290 drove off.", "FX 2290"),
        ("The taxi number was T 4471 and the driver helped her in.", "T 4471"),
        # An aircraft's registration of letters, a boat's name.
        ("The Piper's registration C-FQZL was in the report.", "C-FQZL"),
        ('Out on the family boat ("Kia Ora II", mooring 14) most weekends.', "Kia Ora"),
        ("Lives on a narrowboat called the Mary Ellen on the canal.", "Mary Ellen"),
        # The last four of a social security number; birth numbers with a slash.
        ("Identity checked against the last four of SSN 5512.", "5512"),
        ("social security ending in 7730, confirmed by phone", "7730"),
        ("Rodné číslo 415812/2231 ověřeno.", "415812/2231"),
        ("NRC 228811/61/1 (Lusaka).", "228811/61/1"),
    ],
)
def test_round20_codes_more_redacted(text: str, gone: str) -> None:
    assert gone not in _gone(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Drove to ED in the car, HR 120 BP 90 60 on arrival.", "BP 90 60"),
        ("Taxi booked, ETA 15 mins.", "ETA 15"),
        ("Ambulance crew, ATS 2 on arrival.", "ATS 2"),
        ("Car vs pedestrian, T12 L1 fractures.", "T12 L1"),
        ("The ship Doppler showed normal flow.", "Doppler"),
        ("Social history: 2024 quit smoking.", "2024"),
        ("Plt 150000/1000 on the film.", "150000/1000"),
        ("She is an asset 2 the team.", "asset 2"),
        ("Taxi home after the OT review, MDT 12 May.", "MDT"),
        ("Burns after a car fire, BSA 12% partial thickness.", "BSA 12%"),
        ("Hit by a bus - GCS 15, E4 V5 M6.", "E4 V5 M6"),
        ("Ambulance arrived, ECG showed ST elevation in V2 V3.", "V2 V3"),
        ("The bus number was 12 minutes late.", "12 minutes"),
    ],
)
def test_round20_codes_more_kept(text: str, kept: str) -> None:
    assert kept in _gone(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Aircraft: Piper PA-28 (ZS-QRT) on the strip.", "ZS-QRT"),
        ("The air ambulance (a small twin, VH-QMB) landed at 14:10.", "VH-QMB"),
        ('Vessel: "Kittiwake" moored at the quay.', "Kittiwake"),
        ("Mother's 97 and still gardening.", "97"),
        ("He'll be 96 on the weekend.", "96"),
        ("They celebrated her 101st last week.", "101st"),
    ],
)
def test_round20_codes_aircraft_boats_ages(text: str, gone: str) -> None:
    assert gone not in _gone(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Flew home by plane, N2 and O2 given en route.", "N2"),
        ("Brother blood pressure was 90 over 60.", "90 over 60"),
        ("Mum's 90 mg dose of the morning tablet.", "90 mg"),
    ],
)
def test_round20_codes_aircraft_ages_kept(text: str, kept: str) -> None:
    assert kept in _gone(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # Shapes with check digits, without a label.
        ("Paciente 529.982.247-25 internada ontem.", "529.982.247-25"),
        ("Card on file 2428 77813 2 for the visit.", "2428 77813 2"),
        ("Her number JT 44 71 22 D on the letter.", "JT 44 71 22 D"),
        # An equipment's asset tag.
        ("Oxygen concentrator asset 55803 collected.", "55803"),
    ],
)
def test_round20_checked_shapes(text: str, gone: str) -> None:
    assert gone not in _gone(text)


def test_round20_checked_shapes_need_their_check_digits() -> None:
    from medlocal.privacy.deid_ssn_forms import ssn_form_candidates

    assert not list(ssn_form_candidates("value 529.982.247-26 and 2428 77814 3"))
    assert not list(ssn_form_candidates("seen 111.111.111-11"))
