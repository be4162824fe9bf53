"""Plates typed in lower case after other languages' plate words and after a vehicle's field
label (session 54, deid54c; issue 16).

deid_lower_plates reads a lower-case plate after an English plate word ("number plate cg24
zhs", "rego abc12"); deid_labelled_codes reads a plate in capitals after the plate words of other
languages ("Kennzeichen B-MK 4471", "placa ABC1D23"). Between them a plate typed in lower case
after "placa", "plaque", "immatriculation", "dominio", "targa", "matrícula", "kenteken",
"Kennzeichen" ("placa fbr4e19") was read by neither, nor one after a vehicle's word of any of
these languages and a field's colon ("Véhicule du transporteur sanitaire: fd-447-qa",
"Ambulance: xy12 kfp").

The value is read as deid_lower_plates reads it (groups of lower-case letters and digits, two
digits and two letters at least, no small word, no unit or count after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_crew_codes import crew_code_candidates
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_fleet_plates import fleet_plate_candidates
from medlocal.privacy.deid_lower_plates import plate_groups
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_codes_more import vehicle_code_candidates
from medlocal.privacy.deid_vehicle_registrations import vehicle_registration_candidates
from medlocal.privacy.deid_world_vehicle_words import world_vehicle_word_candidates

_PLATE_WORDS = (
    r"kennzeichen|kfz-kennzeichen|kenteken|nummerplaat|targa|matr[íi]cula|placa|patente|"
    r"plaque(?:[ \t]+d['’]immatriculation)?|immatriculation|dominio|rekisterinumero|"
    r"registreringsnummer|reg\.?[ \t]?nr\.?|tablica(?:[ \t]+rejestracyjna)?|spz|"
    r"n[úu]mero[ \t]+de[ \t]+(?:placa|matr[íi]cula)|госномер"
)
# A vehicle's word of these languages, up to four words, then a field's colon.
_VEHICLE_WORDS = (
    r"vehicle|car|van|truck|lorry|taxi|cab|ambulance|motorbike|motorcycle|scooter|"
    r"v[ée]hicule|voiture|camion|ambulancia|coche|carro|veh[íi]culo|auto|fahrzeug|wagen|pkw|"
    r"lkw|veicolo|macchina|ve[íi]culo|moto|voertuig|bil|samoch[óo]d"
)
_CUE = re.compile(rf"(?i:(?<![\w-])(?:{_PLATE_WORDS})(?![\w-])[ \t]*+[:#]?[ \t]*+)")
# Speed: a field's colon and a plate after it are found first, the vehicle's words read
# backwards from the colon.
_COLON = re.compile(r":[ \t]*+(?=[a-z0-9])")
_VEHICLE_FIELD = re.compile(
    rf"(?i:(?<![\w-])(?:{_VEHICLE_WORDS})(?:[ \t]+[^\W\d_][\w'’-]*){{0,4}}[ \t]*)\Z"
)


def plate_word_candidates(text: str) -> Iterator[Redaction]:
    """Lower-case plates after another language's plate word or a vehicle's field label, and
    deid_fleet_plates' vehicles."""
    for cue in skipped_finditer(_CUE, text):
        end = plate_groups(text, cue.end())
        if end:
            yield _plate(text, cue.end(), end)
    for colon in _COLON.finditer(text):
        end = plate_groups(text, colon.end())
        if end and _VEHICLE_FIELD.search(text, max(0, colon.start() - 60), colon.start()):
            yield _plate(text, colon.end(), end)
    # Session 59: plates right after a vehicle's word in capitals, the Emirates' plates and
    # services' vehicles named by kind and number (deid_fleet_plates), read here so that the
    # redactor's pipeline is unchanged.
    yield from fleet_plate_candidates(text)
    # Session 60 (deid60b): aircraft, trailers, fleet numbers, rescue units, Dutch side codes,
    # short plates after "reg" and Greek plates (deid_vehicle_registrations).
    yield from vehicle_registration_candidates(text)
    # Session 61 (deid61b): plates straight after a vehicle's word of many languages
    # (deid_world_vehicle_words).
    yield from world_vehicle_word_candidates(text)
    # Session 62 (deid62d): crews', units' and call signs' codes (deid_crew_codes).
    yield from crew_code_candidates(text)
    # Session 63 (deid63b): numbered crews, radio names, ships, aircraft on a flight's line,
    # digit-only plates (deid_vehicle_codes_more).
    yield from vehicle_code_candidates(text)


def _plate(text: str, start: int, end: int) -> Redaction:
    return Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
