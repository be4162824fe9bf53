"""review63b: the precision of deid63b's vehicle and age finders (deid_vehicle_codes_more,
deid_age_cues_more) on clinical text in their slots.

* "MS" (multiple sclerosis) and "MV" (mitral valve) before a clinical word on a line that
  names the patient's trade on a ship ("MV Mechanical valve; cruise ship engineer").
* An aircraft's registration only after a leg's number ("leg 2 on C-GMLQ"), not after the
  limb ("Left leg: I-STAT K 4.1"); a test's name in a registration's shape on a flight's line
  ("PT-INR", "HS-TNT", "C-ANCA"); a US registration has three characters after the N ("N2",
  "N95", "N2O" are nodes, masks and a gas).
* A fracture's "#" after "tender" ("ribs tender #7"), Italian "mezzo" (half) before a drug and
  its strength, and the 1990s in Italian ("tonsillectomia (anni 90)").
* Leaks in the same rules' shapes: "Sig.ra B. anni 97" (no comma), "бригада скорой помощи
  № 117" (the service between the crew's word and the sign).

Each precision probe failed on main 74c3672f, and so did the leak probes; the other
must-remove probes hold identifiers in the same shapes that still go."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words, kept_words, redact

_KEPT = [
    # A disease or a valve after "MS"/"MV" on a line that speaks of a ship.
    ("MV Mechanical valve, INR 3; he is a cruise ship engineer.\n", ("Mechanical",)),
    ("MS Secondary progressive; works as a ship's cook.\n", ("Secondary",)),
    ("MS Optic neuritis 2015, relapsing; crew member on a cruise ship.\n", ("Optic",)),
    ("Echo: MV Doppler shows E/A 0.8; patient works in port logistics.\n", ("Doppler",)),
    ("MS Brugada pattern noted; patient is a ferry captain.\n", ("Brugada",)),
    # The limb is no flight's leg; tests and masks on a flight's line.
    ("Leg pain, P-ANCA and C-ANCA positive.\n", ("C-ANCA",)),
    ("Left leg: I-STAT K 4.1, D-TGA repair.\n", ("I-STAT",)),
    ("Flight: PT-INR 2.4, HS-TNT 45 ng/L, LV-EDP raised.\n", ("PT-INR", "HS-TNT", "LV-EDP")),
    ("Flight surgeon note: N2 narcosis risk, G-LOC episode.\n", ("N2",)),
    ("Medevac flight: N95 masks for the crew.\n", ("N95",)),
    ("Left leg: N2O given for the dressing.\n", ("N2O",)),
    # A fracture's sign after "tender", and Italian "half" before a drug.
    ("Ribs tender #7 and 8, no crepitus.\n", ("7",)),
    ("Assumere mezzo Tachipirina 500 la sera.\n", ("Tachipirina", "500")),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_clinical_words_in_the_vehicles_slots_stay(text: str, words: tuple[str, ...]) -> None:
    kept_words(text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "Appendicectomia (anni 80), tonsillectomia (anni 90).\n",
        "Anamnesi:\nanni 90 tonsillectomia\n",
        "Ex fumatore; anni 90: IMA.\n",
        "Fumatore dagli anni 95 al 2010; negli anni 97 smise.\n",
        "In terapia da anni 100 mg die.\n",
    ],
)
def test_the_1990s_in_italian_are_no_age(text: str) -> None:
    assert "90+" not in redact(text)


_GONE = [
    # Ships named by a place, a rare word, two words, or on a line with the vessel's register.
    ("MS Rotterdam; she fell aboard the ship.\n", ("Rotterdam",)),
    ("MS Kongsfjord, cabin 212, ship's doctor called.\n", ("Kongsfjord",)),
    ("Passenger aboard MV Ocean Star fell on deck.\n", ("Ocean", "Star")),
    ("MV Explorer, IMO 9447182, master called.\n", ("Explorer",)),
    # Aircraft after a leg's number, a tail and a flight.
    ("Medevac in two legs, leg 2 on C-FKWD to Winnipeg.\n", ("C-FKWD",)),
    ("Flight nurse aboard tail N522MT.\n", ("N522MT",)),
    ("Retrieval flight on N7145 from the island.\n", ("N7145",)),
    # Vehicles after a number sign, a crew's radio name, ages set off by commas or after "di".
    ("Ambulance #14 arrived on scene.\n", ("14",)),
    ("Mezzo Bravo 12 in arrivo.\n", ("Bravo", "12")),
    ("Sig. Costa (anni 96) cade in casa.\n", ("96",)),
    # Leaks on 74c3672f in the same rules' shapes: "anni" after a name with no comma, the
    # Russian crew's service between its word and the sign, a ship's tender by "#".
    ("Sig.ra B. anni 97 vedova, vive sola.\n", ("97",)),
    ("Sig. Verdi anni 101, cade in casa.\n", ("101",)),
    ("Вызов: бригада скорой помощи № 117, прибыла.\n", ("117",)),
    ("Бригада СМП № 42 доставила пациента.\n", ("42",)),
    ("Tender #4 returned the passenger to the ship.\n", ("4",)),
]


@pytest.mark.parametrize(("text", "words"), _GONE)
def test_vehicles_and_ages_in_the_same_shapes_still_go(text: str, words: tuple[str, ...]) -> None:
    gone_words(text, *words)


@pytest.mark.parametrize(
    "text", ["Sig.ra Neri, anni 90, vedova.\n", "Paziente di anni 90, vedova.\n"]
)
def test_ninety_set_off_by_commas_or_after_di_is_still_an_age(text: str) -> None:
    assert "anni 90+," in redact(text)


def test_a_german_span_of_years_is_no_age() -> None:
    kept_words("Die Klinik besteht seit hundert Jahren.\n", "hundert")


def test_a_test_after_a_rescue_aircrafts_word_stays() -> None:
    kept_words("Air ambulance: PT-INR 3.2 on warfarin.\n", "PT-INR", "3.2")


def test_many_ships_prefixes_on_one_long_line_stay_linear() -> None:
    # Each "MS <word>" searched its whole line for a ship's cue: on one line of 136 KB with
    # 8,000 of them 74c3672f took 164 s (a PDF's text may come without line ends).
    from fixtures.timing import assert_linear

    from medlocal.privacy.deid_vehicle_codes_more import vehicle_code_candidates

    def run(n: int) -> None:
        for text in ("MS Optic; nerve. " * n, "MS Optic; ship. " * n, "tender #5 rib; " * n):
            list(vehicle_code_candidates(text))

    assert_linear(run, 500)
