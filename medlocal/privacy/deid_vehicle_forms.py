"""Vehicles, vessels and aircraft by their written form (round 19).

Safe Harbor's vehicle identifiers are a plate, a VIN, a vessel's or an aircraft's registration.
Beyond the cues of deid_codes and deid_labelled_codes:

* A plate in brackets or after a comma right after a car's model ("a white Hilux (NSW DK 44
  RH)", "Corolla, KDA 123X"); the models listed are no English word ("Focus", "Swift" and
  "Patrol" are not taken).
* A plate after the keys to it ("keys to JKD 4471").
* A Vietnamese plate, with the dot in its last group ("59-X2 447.18", "51F-123.45"), anywhere;
  the Vietnamese and Indonesian words for a plate ("biển số", "nopol").
* An aircraft's registration after an aircraft's word ("helicopter VH-XYZ", "air ambulance
  G-EMSY", "plane N123AB").
* A vessel's name after a vessel's word or prefix ("Vessel: MV Nordic Star", "skippered the Sea
  Lark"), its port registration in brackets after it ("(BF 212)"), its IMO or MMSI number.
"""

from __future__ import annotations

import re

# A plate: capitals and digits, a digit and a capital in it, in up to four groups.
_PLATE = (
    r"(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,6}){0,3}"
    r"(?![\w-]|[.,]\d)"
)
_MODELS = (
    r"Hilux|Corolla|Camry|Probox|Navara|Hiace|Prado|Land[ \t]+Cruiser|Fortuner|Innova|Vios|"
    r"Yaris|RAV4|CR-V|HR-V|Pajero|Outlander|Passat|Jetta|Astra|Corsa|Fiesta|Mondeo|Tacoma|"
    r"Tundra|Silverado|Altima|Sentra|Elantra|Sonata|Tucson|Sportage|Picanto|Octavia|Fabia|"
    r"Clio|Megane|Mégane|Kangoo|Berlingo|Qashqai|X-Trail|Impala|Malibu|Cruze|Prius|Hilux|"
    r"Avanza|Xenia|Ertiga|Innova|Sorento|Santa[ \t]+Fe|Tiguan|Touareg|Amarok|Caddy|Vito|"
    r"Sprinter|Ducato|Hiluxes|Wingroad|Axio|Fielder|Demio|Tiida|"
    # Round 21: Europe's small cars; "Golf", "Polo", "Panda" and "Civic" are English words too,
    # but this form needs the plate's bracket or comma right after them ("seinem Golf (HH-KL
    # 447)").
    r"Golf|Polo|Panda|Punto|Twingo|Micra|Ibiza|Le[óo]n|Zafira|Insignia|Kuga|Duster|Sandero|"
    r"Civic|Yaris|Aygo|Kadjar|Captur|Juke"
)
_AIRCRAFT = (
    r"aircraft|helicopter|chopper|plane|airplane|aeroplane|air[ \t]+ambulance|airframe|"
    r"helic[óo]ptero|avi[óo]n|avion|hubschrauber|rettungshubschrauber|flugzeug"
)
# A registration: a country's prefix and a dash ("VH-XYZ", "G-EMSY", "C-GABC", "9V-SKA"), the
# United States' "N" form ("N123AB"), or the digits of Japan, Korea and China ("JA8089").
_AIRCRAFT_REG = (
    r"(?:[A-Z]{1,2}|[0-9][A-Z]|[A-Z][0-9])-[A-Z0-9]{3,5}|N[1-9]\d{0,4}[A-Z]{0,2}|"
    r"(?:JA|HL|B-)\d{3,5}[A-Z]?"
)
# A vessel named after a seafarer's verb and "the" ("skippered the Sea Lark", "crewed on the
# trawler Ocean Star"), or after a vessel's word and a vessel's prefix ("Vessel: MV Nordic
# Star"): "vessel" alone is an anatomist's word ("vessel Left Anterior Descending").
_VESSEL_CUE = (
    r"(?:(?i:\b(?:skipper(?:ed|s)?|crew(?:ed|s)?[ \t]+on|aboard|deckhand[ \t]+on|"
    r"fish(?:ed|es)?[ \t]+on)[ \t]+the[ \t]+(?:(?:vessel|ship|boat|trawler|yacht)[ \t]+)?)"
    r"(?:{prefix})?"
    r"|(?i:\b(?:vessel|ship|boat|trawler|yacht|ferry|tanker|freighter)(?:[ \t]*:)?[ \t]+"
    r"(?:the[ \t]+)?){prefix}"
    r"|\b(?:M/V|F/V|M/Y|S/Y|R/V)[ \t]+)"
)
_VESSEL_PREFIX = r"(?:M/V|F/V|M/Y|S/Y|R/V|MV|FV|MY|SY|RV|MT|MS)\.?[ \t]+"
_VESSEL_BEFORE = _VESSEL_CUE.format(prefix=_VESSEL_PREFIX)
# A vessel's name: two or three capitalised words ("the ship Doppler" is no name, "Ship
# Doppler normal" is a test).
_VESSEL_NAME = r"[A-Z][a-z]{2,}(?:[ \t]+[A-Z][a-z]{2,}){1,2}"

VEHICLE_FORM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "vehicle_id",
        re.compile(
            rf"\b(?:{_MODELS})\b[ \t]*(?:,[ \t]*|\([ \t]*)"
            r"(?:(?:plate|reg\.?|rego)[ \t]+)?"
            # A vital sign or a score after the model is the next clause's ("Corolla, HR 88").
            r"(?!(?:HR|BP|RR|PR|GCS|INR|EF|BSL|BGL|Hb|SpO2|T)\b)"
            rf"(?P<v>{_PLATE})"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            r"(?i:\bkeys?[ \t]+(?:to|for)[ \t]+(?:(?:the|his|her|their)[ \t]+)?"
            r"(?:(?:car|van|ute|truck|vehicle)[ \t]+)?)"
            r"(?P<v>(?=[A-Z -]*\d)(?=[\d -]*[A-Z])[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,5})(?![\w-]|[.,]\d)"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            # A stop after it ends the sentence ("plate 59-X2 447.18.").
            r"(?<![\w.-])\d{2}-?[A-Z]{1,2}\d?[ -]?\d{3}\.\d{2}(?![\w]|\.\w|,\d)"
            # After the plate's own word: "biển số 59-X2 4471", "nopol B 1234 XYZ".
            r"|(?i:\bbiển[ \t]+(?:số|kiểm[ \t]+soát)(?:[ \t]+xe)?|\bBKS|\bnopol|\bno\.?[ \t]?pol\.?"
            r"|\bplat[ \t]+nomor|\bnomor[ \t]+polisi|\btablica[ \t]+rejestracyjna"
            r"|\bnr[ \t]+rej\.?|\bnumer[ \t]+rejestracyjny)[ \t]*:?[ \t]*"
            r"(?P<v>(?=[A-Z0-9 .-]*\d)[A-Z0-9]{1,4}(?:[ .-][A-Z0-9]{1,5}){0,3})(?![\w-]|[.,]\d)"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:{_AIRCRAFT})(?:[ \t]+(?:registration|reg\.?|rego|tail))?"
            r"(?:[ \t]+(?:no\.?|number|#))?)[ \t]*[:(]?[ \t]*"
            rf"(?P<v>{_AIRCRAFT_REG})(?![\w-])"
        ),
    ),
    (
        "vehicle_id",
        re.compile(rf"{_VESSEL_BEFORE}(?P<v>{_VESSEL_NAME})\b"),
    ),
    (
        "vehicle_id",
        re.compile(
            rf"{_VESSEL_BEFORE}{_VESSEL_NAME}[ \t]*\([ \t]*"
            r"(?P<v>[A-Z]{1,3}[ \t-]?\d{1,5})[ \t]*\)"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            r"\b(?:IMO|MMSI)(?:[ \t]+(?:no\.?|number|#))?[ \t]*:?[ \t]*(?P<v>\d{7}|\d{9})\b"
        ),
    ),
]
