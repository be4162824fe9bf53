"""A plate set off by a bracket or a comma a few words after a vehicle's word (round 20).

The cue rules of deid_codes take a plate right after its vehicle ("matatu KCB 441X"); people
write it a few words on, set off as an aside: "a minibus taxi (HT 44 PK GP)", "son's ute
(EBK29T)", "kam mit eigenem Pkw (M-JK 2291)", "l'immatriculation de la patiente (4417 TK 69)",
"the same minibus every day, PK 2291, driver ...". The plates of the world differ; what they
share is a shape (capitals and digits in one to four short groups, a digit and a letter in it)
and the aside. So: a vehicle's word (in several languages), up to 45 characters of the same
sentence (one line break allowed, not a blank line), then a bracket, a comma, a colon or a dash,
then the plate, then the aside's end (a closing bracket, a comma, a stop, the line's end).

A vital sign, a score or a lab value in brackets after a vehicle ("car crash (GCS 14)", "taxi
(HR 110)") is the clinical grammar's: its name opening the value is refused, as are units and
times as a group ("(10 AM)", "(4L O2)" has no group of letters only).
"""

from __future__ import annotations

import re

# Vehicles, and the words for a plate, in the languages of the notes: English (with the
# Commonwealth's "ute", "bakkie", "matatu", "boda-boda", "tuk-tuk", "jeepney"), German ("Pkw",
# "Auto", "Wagen"), French ("voiture", "immatriculation"), Spanish and Portuguese ("coche",
# "carro", "matrícula", "placa"), Italian ("macchina", "targa"), Dutch ("kenteken"), Polish
# ("samochód", "autem"), the Nordic "bil".
_VEHICLE_WORDS = (
    r"cars?|vans?|utes?|taxis?|cabs?|minibus(?:es)?|minicab|bus|coach|lorry|lorries|trucks?|"
    r"pick-?ups?|bakkie|kombi|combi|matatus?|boda(?:[ \t-]?boda)?|tuk[ \t-]?tuks?|bajaj|"
    r"jeepney|tricycle|rickshaw|auto-?rickshaw|motorbikes?|motorcycles?|scooters?|mopeds?|"
    r"vehicles?|SUV|4x4|hatchback|sedan|saloon|trailer|caravan|camper(?:van)?|ambulance|"
    r"registration|rego|reg\.?|plates?|number[ \t]+plate|"
    # Session 48 (dev46): a car named by a model no list knows, after the verb that drives or
    # parks it ("drives him in a Myvi, WYT 4471").
    r"drives|drove|driving|driven|parked|towed|"
    r"pkw|lkw|auto|autos|autem|wagen|kennzeichen|voiture|camionnette|immatriculation|plaque|"
    r"coche|carro|camión|camion|furgoneta|furgone|matr[ií]cula|placa|macchina|targa|"
    r"kenteken|samoch[óo]d(?:em|u)?|tablica|rejestracja|bil(?:en)?|registreringsnummer|"
    # Session 57 (deid57c, dev67): the ambulance of other languages ("RTW M-RK 7214",
    # "ambulancia ... (4471 KTV)", "ziekenwagen 1-KLM-417").
    r"rtw|ktw|rettungswagen|krankenwagen|krankentransportwagen|ambulancias?|ambulanze?|"
    r"ambul[âa]ncias?|ambulans\w{0,3}|karetk\w{1,3}|ziekenwagens?"
)
# A plate: one to four groups of capitals and digits joined by a space or a dash, at least one
# group of letters only and a digit somewhere ("HT 44 PK GP", "M-JK 2291", "4417 TK 69", "WA
# 41729"), or one token of five to eight with two letters and a digit ("EBK29T").
_PLATE = (
    r"(?=[A-Z0-9 -]{0,20}\d)"
    # Session 47: or four letters and three or four digits (Ontario's "CKRT 447").
    r"(?:(?=(?:[A-Z0-9]{1,5}[ -])*[A-Z]{1,3}(?![A-Z0-9])|[A-Z]{4}[ -]\d{3,4}(?![\w-]))"
    r"[A-Z0-9]{1,5}(?:[ -][A-Z0-9]{1,5}){1,3}"
    r"|(?=[0-9]*[A-Z][0-9]*[A-Z])[A-Z0-9]{5,8})"
)
# The name of a clinical value, a unit or a time as any of the plate's groups: the clinical
# grammar owns "(GCS 14)", "(HR 110)", "(BP 150 90)", "(10 AM)".
_NOT_CLINICAL = (
    r"(?:[A-Z0-9]{1,5}[ -]){0,3}"
    r"(?:HR|BP|RR|PR|SBP|DBP|MAP|GCS|AVPU|INR|EF|LVEF|BSL|BGL|BM|CBG|SPO2|SAO2|FIO2|O2|T|TEMP|"
    r"CRP|WCC|WBC|HB|HGB|PLT|NA|K|CR|EGFR|ALT|AST|ALP|GGT|BMI|NEWS2?|MEWS|PEWS|APGAR|ECOG|"
    r"NYHA|ASA|CKD|COPD|AF|ECG|EKG|ICU|ED|ER|FEV1|FVC|PEF|PEFR|HBA1C|TSH|MMSE|MOCA|AMTS|ISS|"
    r"RTS|NISS|AIS|MVA|MVC|RTA|RTC|PM|AM|MG|ML|KG|KM|MPH|KMH|HRS|MIN|MINS|L|VAS|NRS|"
    r"CT|MRI|US|XR|CXR|ETT|NGT|IV|IM|SC|PO|PRN|BD|TDS|QDS|OD|TID|BID|QID|STAT|C|T[1-9]|L[1-5]|"
    r"S[1-5]|ETA|ALS|BLS|HEMS|ATS|CTAS|MTS|ESI|ID|NO|DOB|BSA|TBSA|"
    # Session 32 (format sweep): clinical scores written in capitals with a dash, a list's next
    # line after a vehicle's line ("- Vehicle UKVV 910, towed" / "CHA2DS2-VASc 4, HAS-BLED 2").
    r"BLED|VASC|SOFA|QSOFA|NIHSS|TIMI|GRACE|WELLS|MRS|CFS|"
    # Session 60 (deid60b): ventilator settings and resuscitation's words ("car PEEP 10").
    r"PEEP|CPAP|BIPAP|IPAP|EPAP|PIP|PPLAT|ETCO2|ABG|VBG|CPR|ROSC)(?![A-Z0-9-])"
    r"|(?:CURB|CRB|PHQ|GAD)-\d"
    # Session 57 (deid57c): vital signs as other languages abbreviate them, beside their
    # ambulance's word ("ambulancia: TA 120/80, FC 96", "RTW: HF 96, BZ 140"), only with a value
    # and nothing plate-like after it: "FC 418 KM" and "PA 4417 BT" are plates.
    r"|(?:TA|TAS|TAD|PA|PAS|PAD|FC|FR|SAT|SATO2|HF|BZ|GLY|GLIC|GLU|HGT|EVA)"
    r"[ \t]\d{1,3}(?:[ /]\d{1,3})?(?![ \t-]?[A-Z0-9])"
)
# A unit or a time as any group: "(2 PM)", "(40 KM)".
_NO_UNIT = (
    r"(?!(?:[A-Z0-9]{1,5}[ -]){1,3}(?:AM|PM|HRS?|MINS?|MG|ML|KG|KM|MPH|MMHG|BPM|L|X)(?![A-Z0-9]))"
)
_BOATS = (
    r"boat|yacht|vessel|ship|trawler|launch|dinghy|ketch|schooner|sloop|catamaran|cutter|"
    r"barge|ferry|tug|houseboat|narrowboat|canoe|kayak|skiff|smack|dhow|pirogue"
)
# A boat's name: one to four capitalised words, a numeral after ("Miss Shelby II", "Kia Ora 2").
_BOAT_NAME = (
    r"[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’-]+|of|the|de|la)){0,3}(?:[ \t]+(?:[IVX]{1,4}|\d{1,2}))?"
)
# Shared with deid_world_plates (session 53): the words after which a plate of another script
# or with a Latin capital of another alphabet ("Ł", "Ö") is read.
VEHICLE_WORDS = _VEHICLE_WORDS
# Session 59 (deid_fleet_plates): a clinical value's name is no plate there either.
NOT_CLINICAL = _NOT_CLINICAL
BOAT_WORDS = _BOATS
VEHICLE_NEARBY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:{_VEHICLE_WORDS}))(?![\w-])"
            # The same sentence: no stop, question or exclamation mark, no blank line. Lazy and
            # bounded: at most 45 tries per vehicle's word.
            r"(?:[^.;!?\n]|\n(?![ \t]*\n)){0,45}?"
            r"(?:\([ \t]*|(?<=\w),[ \t]+|:[ \t]*|[ \t][–—-][ \t]+)"
            rf"(?!{_NOT_CLINICAL}){_NO_UNIT}(?P<v>{_PLATE})"
            r"(?=[ \t]*(?:\)|,|;|\.(?!\w)|$|[ \t][–—-][ \t]))",
            re.M,
        ),
    ),
    # A plate's own word, or "registered", right before a short plate the labelled rules'
    # count of digits misses ("placa ABC12D", "motorbike registered MH12 AB 3456").
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:registered(?:[ \t]+(?:as|number))?|placa|targa|kenteken|kennzeichen|"
            r"matr[ií]cula|patente|plaque|immatriculation|tablica|rejestracja|"
            r"rekisterinumero|registreringsnummer|number[ \t]?plate|"
            # Round 21: the plate's word in more languages (Danish, Norwegian, Turkish,
            # German's short form, Polish's case, Czech, Hungarian, Greek, Russian, Croatian,
            # Romanian, Malay, Swahili).
            r"nummerplade|reg\.?[ \t]?nr\.?|skilt|plakas?[ıi]?|kennz\.|kfz-kennzeichen|"
            r"numer(?:ze|em)?[ \t]+rejestracyjn\w*|(?-i:SPZ|RZ)|rendsz[áa]m(?:a)?|πινακίδα|"
            r"госномер(?:ом)?|гос\.?[ \t]*номер|registracij\w*|[îi]nmatriculare|"
            r"nombor[ \t]+pendaftaran|namba[ \t]+ya[ \t]+gari|"
            # The participles of a plate ("Panda targata FA 447 KZ", "immatriculée"), the
            # Swahili motorbike's or car's "namba".
            r"targat[oa]|immatricolat[oa]|immatricul[ée]e?|matriculad[oa]|emplacad[oa]|"
            r"(?:pikipiki|gari|bodaboda)[ \t]+(?:namba|nambari)))"
            # Round 21: or the plate alone on the next line, as a form prints its field
            # ("Matrícula" then "4471 KBN").
            r"[ \t]*+:?[ \t]*+(?:(?P<nl>\n)[ \t]*+)?"
            rf"(?!{_NOT_CLINICAL}){_NO_UNIT}(?P<v>{_PLATE})(?![\w-]|[.,]\d)"
            r"(?(nl)(?=[ \t]*(?:\n|\Z)))"
        ),
    ),
    # Session 31: the plate opening the next line after a line that ends with a vehicle's word
    # ("company vehicle" / "JHB 449 GP allocated", "Rig plate" / "FDX 4471. Crew: ..."), as a
    # wrapped sentence or a form's field leaves it. The line after may go on in lower case, so
    # the plate must be a plate's size: five characters or more, two digits or more, and no
    # clinical value's name or unit ("ambulance" / "GCS 14", "car" / "PT 3 x weekly").
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:{_VEHICLE_WORDS}))[ \t]*+\n[ \t]*+"
            r"(?=[A-Z0-9 -]{5})(?=(?:[A-Z -]*\d){2})"
            rf"(?!{_NOT_CLINICAL}){_NO_UNIT}(?P<v>{_PLATE})(?![\w-]|[.,]\d)"
        ),
    ),
    # Session 48: a plate in brackets after a possessive and the car's model, which no list
    # may know ("His Myvi (WXY 8821) still parked", "her Vitz (KCX 441P)"): what a person owns
    # with a plate is a vehicle. A clinical value's name or a unit is refused as above ("her
    # Echo (EF 45)").
    (
        "vehicle_id",
        re.compile(
            r"\b(?i:his|her|their|my|our|your)[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z0-9][\w-]*)?"
            rf"[ \t]*\([ \t]*(?!{_NOT_CLINICAL}){_NO_UNIT}(?P<v>{_PLATE})[ \t]*\)"
        ),
    ),
    # Round 21: the plate before the Turkish word for "with the plate" ("34 KZ 4471 plakalı").
    (
        "vehicle_id",
        re.compile(
            # Speed: a capital or a digit opens it, and the word must follow within 20.
            r"(?<![\w-])(?=[A-Z0-9][A-Z0-9 -]{1,19}[ \t](?i:plakal[ıi])\b)"
            rf"(?!{_NOT_CLINICAL}){_NO_UNIT}(?P<v>{_PLATE})[ \t]+(?i:plakal[ıi])\b"
        ),
    ),
    # An aircraft's registration of letters only after "registration" or "tail number", in
    # the prefix-and-dash form of the civil registers ("Cessna 172 registration C-GQKL").
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:registration|reg\.?|tail(?:[ \t]+(?:number|no\.?))?))[ \t]*+:?[ \t]*+"
            r"(?P<v>[A-Z]{1,2}-[A-Z]{3,4})(?![\w-])"
            # Or after a bracket or a comma a few words after an aircraft ("Aircraft: Cessna 182
            # (ZS-KLM)", "the air ambulance (a King Air, VH-FMW)").
            r"|(?i:\b(?:aircraft|helicopter|plane|aeroplane|airplane|microlight|glider|"
            r"gyrocopter|air[ \t]+ambulance))\b[^.;!?\n]{0,40}?[(,][ \t]*"
            r"(?P<v2>(?:[A-Z]{1,2}|[0-9][A-Z])-[A-Z0-9]{3,5}|N(?=\w{3})[1-9]\d{0,4}[A-Z]{0,2})(?![\w-])"
        ),
    ),
    # A boat's name: in quotes after a vessel's word ('the family boat ("Miss Shelby II"'),
    # or after its "name", "named" or "called" ("boat named Sea Breeze").
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:{_BOATS})(?:['’]s)?)"
            r"(?:(?i:[ \t]+(?:is[ \t]+)?(?:name[ \t]*:?|named|called))[ \t]+(?:the[ \t]+)?"
            r"(?P<n>[\"“'‘])?|[ \t]*:?[ \t]*\(?[ \t]*(?P<q>[\"“‘]))"
            rf"(?P<v>{_BOAT_NAME})"
            r"(?(q)[\"”’]|(?(n)[\"”’']|(?![ \t]+[A-Z])))"
        ),
    ),
    # Without the aside's marks, only the plate's strongest shape: a group of two or three
    # letters and a group of two or more digits, in two to four groups, no unit or time after
    # ("a taxi whose number was PK 2291", "number plates reading EX 4471").
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:{_VEHICLE_WORDS}))(?![\w-])"
            r"[^.;!?\n]{0,40}?(?<![\w-])"
            rf"(?!{_NOT_CLINICAL}){_NO_UNIT}"
            # A year or a clock time as the digits ("CVA 2023", "PTS 0800") is no plate here.
            r"(?!(?:[A-Z0-9]{1,4}[ -]){1,3}(?:(?:19|20)\d\d|0\d[0-5]\d)(?![\w-]))"
            r"(?P<v>(?=(?:[A-Z0-9]{1,4}[ -]){0,3}[A-Z]{2,3}(?![A-Z0-9]))"
            r"(?=(?:[A-Z0-9]{1,4}[ -]){0,3}[A-Z]?\d{2,}[A-Z]?(?![A-Z0-9]))"
            r"[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4}){1,3})"
            r"(?![\w-]|[.,]\d)"
            r"(?![ \t]*(?i:times|hours?|hrs?|h|days?|weeks?|months?|years?|mins?|minutes?|km|"
            r"miles?|mph|kg|mg|ml|x|am|pm)\b|[ \t]*[%°])"
            # A day and its month ("MDT 12 May"): a date's, not a plate's digits.
            r"(?![ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
        ),
    ),
]
