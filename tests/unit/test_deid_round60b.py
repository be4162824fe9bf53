"""deid60b (issue 16, recall on ID, AGE and VEHICLE; dev74): reference numbers in spaced groups,
year-prefixed after a report's word, capitals of any script before a year, groups of four,
confirmation codes, officers' numbers after "is" and dotted identity numbers
(deid_reference_groups); "95+ yrs" whole, ranges of ages, "patient 97", "tiene 96" and a hundred
in words (deid_age_phrases); aircraft, trailers, fleet numbers, rescue units, Dutch side codes,
short plates and Greek plates (deid_vehicle_registrations); ventilator settings after "car" and
beside "RR" kept (deid_codes, deid_vehicle_nearby, deid_addresses); an American officer's name
before a clock time and an event (deid_collar_numbers).

Every rule that removes more comes with precision probes in the same slots, and every rule that
removes less with must-remove probes in the same shapes. The must-remove probes use other
numbers, places and languages than dev74's notes, so that they test the rule, not the half."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact

_REFERENCES = [
    # Spaced groups that open with two digits, perhaps after capitals.
    ("The policy no. 31 8842 907 is active.\n", ("8842", "907")),
    ("Claim number: 19 40027 3 lodged on Monday.\n", ("40027",)),
    ("Certificate no. MCC 31 4402 88 attached.\n", ("MCC", "4402")),
    ("Expediente de siniestro SNT 27 11840 2 abierto.\n", ("SNT", "11840")),
    ("Member card 2204 8817 31 shown at the desk.\n", ("2204", "8817")),
    ("Case file no. held at the depot: KT 31 9904.\n", ("KT", "9904")),
    # Year-prefixed after a report's or a case's word.
    ("Incident 25-11873 logged by the control room.\n", ("11873",)),
    ("Report 27-0093 sent to the coroner.\n", ("0093",)),
    ("Expediente 2025-04418 en trámite.\n", ("04418",)),
    # Capitals of any script before a year and a number.
    ("Saksnr. SUS 25/44819 fra politiet.\n", ("SUS", "44819")),
    ("Αρ. πρωτοκόλλου ΓΝ-25-118802 εκδόθηκε.\n", ("118802",)),
    # Groups of four capitals and digits.
    ("E-prescription ID 9QX4 T7LM 2B8K issued.\n", ("9QX4", "T7LM", "2B8K")),
    # Confirmation codes.
    ("Booking confirmation R8KT2Q sent by SMS.\n", ("R8KT2Q",)),
    # Officers' numbers after "is" and other languages' badge words.
    ("The officer's warrant number is 77142.\n", ("77142",)),
    ("Konstaapeli, virkamerkki 441902, paikalla.\n", ("441902",)),
    ("Betjent med tjenestenummer 30418 møtte.\n", ("30418",)),
    ("Statement by Inspector Musa (AP/No. 220417).\n", ("220417",)),
    # Dotted identity numbers.
    ("Paciente con DNI 31.448.902 internada.\n", ("31.448.902",)),
    ("Cédula 12.774.019 registrada.\n", ("12.774.019",)),
]


@pytest.mark.parametrize(("text", "words"), _REFERENCES)
def test_reference_numbers_in_grouped_and_prefixed_shapes_go(
    text: str, words: tuple[str, ...]
) -> None:
    _gone(text, *words)


_REFERENCE_SLOTS_KEPT = [
    ("VA 20/200 right eye, BP 120/80, GCS 13/15.\n", ("20/200", "120/80", "13/15")),
    ("Report 12-2025 is due at the audit.\n", ("12-2025",)),
    ("Bed no. 14 2 patients waiting.\n", ("14", "2")),
    ("Shift no. 26 1200 hrs handover.\n", ("1200",)),
    ("Case 2 of 4 presented at the MDT.\n", ("2", "4")),
    ("Hb 10.2, WCC 11.4; repeat in 2 weeks.\n", ("10.2", "11.4")),
    ("Booking confirmation sent; HbA1c 58 mmol/mol.\n", ("HbA1c", "58")),
    ("Leucocitos 15.200 por mm3.\n", ("15.200",)),
]


@pytest.mark.parametrize(("text", "words"), _REFERENCE_SLOTS_KEPT)
def test_values_ranges_and_counts_in_reference_slots_stay(
    text: str, words: tuple[str, ...]
) -> None:
    _kept(text, *words)


_AGES = [
    ("Residents: patient 98, wife 91.\n", ("98",)),
    ("His uncles, aged 93-97, live nearby.\n", ("93", "97")),
    ("Sisters of ages 91 to 94 came.\n", ("91", "94")),
    ("La señora tiene 97, vive con su hija.\n", ("97",)),
    ("A avó tem 93 anos e caminha.\n", ("93",)),
    ("Die Großmutter wird hundert Jahre alt.\n", ("hundert",)),
    ("La nonna compie cento anni a marzo.\n", ("cento",)),
    ("Mormor fyller hundre neste uke.\n", ("hundre",)),
    ("Il a cent ans cette année.\n", ("cent",)),
]


@pytest.mark.parametrize(("text", "words"), _AGES)
def test_ages_over_89_in_phrases_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_an_age_with_a_plus_is_replaced_whole() -> None:
    out = redact("Pt 97+ yrs according to the daughter.\n")
    assert "97" not in out
    assert "++" not in out, out


_AGE_SLOTS_KEPT = [
    ("Patient 97% adherent to inhalers.\n", ("97%",)),
    ("Patient 92 kg on the ward scales.\n", ("92", "kg")),
    ("El corazón tiene 96 latidos por minuto.\n", ("96",)),
    ("Sats aged 94-96% on air overnight.\n", ("96%",)),
    ("Gave cent pour cent effort in rehab.\n", ("cent",)),
    ("Patient 85, husband 87.\n", ("85",)),
]


@pytest.mark.parametrize(("text", "words"), _AGE_SLOTS_KEPT)
def test_measures_and_young_ages_in_age_slots_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_VEHICLES = [
    ("The aircraft EI-FXK landed at Shannon.\n", ("EI-FXK",)),
    ("Transferred by helicopter G-HEMS to the trauma centre.\n", ("G-HEMS",)),
    ("Floatplane N4417K overturned on the lake.\n", ("N4417K",)),
    ("Med fly LN-KTR til Bodø i morges.\n", ("LN-KTR",)),
    ("The floatplane C-FXKT sank near the dock.\n", ("C-FXKT",)),
    ("Semi-remorque RP 4410 renversée.\n", ("RP", "4410")),
    ("Auto kenteken KTR-51-P weggesleept.\n", ("KTR-51-P",)),
    ("Αριθμός κυκλοφορίας ΝΚΟ-7729 στο ατύχημα.\n", ("ΝΚΟ-7729",)),
    ("His trailer KT 2291 jack-knifed.\n", ("KT", "2291")),
    ("Anhänger B-XY 412 abgekoppelt.\n", ("B-XY", "412")),
    ("Ambulance fleet 3312 attended.\n", ("3312",)),
    ("Engagés: SMUR 3 et pompiers.\n", ("SMUR 3",)),
    ("Airlifted by Christoph 22 to Ulm.\n", ("Christoph 22",)),
    ("Auto met kenteken 87-TK-DB weggesleept.\n", ("87-TK-DB",)),
    ("Taxi reg HK 2290 waited outside.\n", ("HK", "2290")),
    ("Όχημα με πινακίδα ΙΖΚ 2047 στάθμευσε.\n", ("ΙΖΚ",)),
]


@pytest.mark.parametrize(("text", "words"), _VEHICLES)
def test_aircraft_trailers_units_and_plates_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_VEHICLE_SLOTS_KEPT = [
    ("Ventilated in the car: PEEP 8, FiO2 0.5, TV 450, RR 16.\n", ("PEEP", "8", "RR", "16")),
    ("Critical care car CPAP 7.5 via hood.\n", ("CPAP", "7.5")),
    ("The ambulance fleet 20 vehicles strong.\n", ("20",)),
    ("Trailer 2 mins behind us.\n", ("2",)),
    ("The plane took 2 h to land.\n", ("2",)),
    ("Lifeguard 2 min away from the pool.\n", ("2",)),
]


@pytest.mark.parametrize(("text", "words"), _VEHICLE_SLOTS_KEPT)
def test_ventilator_settings_counts_and_signs_beside_vehicle_words_stay(
    text: str, words: tuple[str, ...]
) -> None:
    _kept(text, *words)


def test_a_rural_route_still_goes() -> None:
    _gone("Lives at RR 3, Box 88, Carberry.\n", "RR 3")


_OFFICERS_TIMES_KEPT = [
    ("Officer Jones 1230 arrived at the house.\n", ("1230",)),
    ("Deputy Ruiz 0915 left the scene.\n", ("0915",)),
]


@pytest.mark.parametrize(("text", "words"), _OFFICERS_TIMES_KEPT)
def test_an_american_officer_then_a_time_and_an_event_keeps_the_time(
    text: str, words: tuple[str, ...]
) -> None:
    _kept(text, *words)


_OFFICERS_STILL_GONE = [
    ("Officer Jones 8834 arrived at 02:40.\n", ("8834",)),
    ("PC Jones 2231 attended the scene.\n", ("2231",)),
    ("Officer Jones 1230 said nothing more.\n", ("1230",)),
    ("Sgt Munro 1184 attended.\n", ("1184",)),
]


@pytest.mark.parametrize(("text", "words"), _OFFICERS_STILL_GONE)
def test_officers_numbers_that_are_no_time_of_an_event_still_go(
    text: str, words: tuple[str, ...]
) -> None:
    _gone(text, *words)


# The blind half dev74: 48 notes, 736 identifiers, 251 clinical terms. Blind (main a4db320):
# 689/736 found, AGE 51/59, ID 116/129, VEHICLE 81/91, 16 terms damaged.
def test_dev74_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev74")
    assert len(notes) == 48
    assert sum(len(n.identifiers) for n in notes) == 736
    assert sum(len(n.clinical) for n in notes) == 251

    result = score(notes, redactor_spans, labels_outside=True)
    assert sum(result.found.values()) >= 723
    assert result.found["AGE"] >= 56
    assert result.found["ID"] >= 127
    assert result.found["VEHICLE"] >= 90
    assert result.clinical_damaged <= 13
