"""National numbers, scheme numbers and short contact numbers by their written form (round 9b).

* National numbers with a check digit: dashed ("42101-4471839-2": five, seven and one digits)
  or in brackets after letters and digits ("D123456(7)", "HN21004479(3)").
* Health-plan numbers in digit groups with a version code or check digit at the end ("4410 229
  117 MB", "1004 8822 1937 0"), and two letters before long digit groups ("GD 4 79 79 012
  44182").
* A scheme's acronym before its dashed or slashed number ("CMCHIS 33-0091-774512", "W/C
  25/011942"), a year and a court or claim code ("24 WC 031877"), a number after "n°" or "nr"
  ("PV n° 00481/2025", "nr 00418/07/2409"), a number with its issuing code ("004418/HCM-CCHN").
* Short contact numbers: the European helplines "116 xxx", an extension with a dash ("ext
  7-4412"), a "local" extension after a telephone number, a badge number after an officer.
* A vehicle plate after the plate word of another language ("matrícula 4417 KRB").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_first_characters import first_character_test, skipped_finditer
from medlocal.privacy.deid_lexicon import clinical_abbreviation
from medlocal.privacy.deid_pattern_context import LAB_BEFORE_NUMBER
from medlocal.privacy.deid_spans import Redaction, label

# Units and times that stand between numbers in clinical text ("24 HR 1500", "10 PM 12345").
_NOT_CODE_LETTERS = frozenset(
    {"HR", "HRS", "MG", "ML", "IU", "PM", "AM", "CC", "MM", "CM", "KG", "MCG", "MIN", "BPM"}
)

# (kind, pattern, least digits in the value): the digit count keeps short ratios, doses and
# scores ("120/80", "1-0-0") out, since every form here is a long number.
_FORMS: list[tuple[str, re.Pattern[str], int]] = [
    # A South African identity number, its birth date first, spaced 6-4-3: "850312 5084 087".
    (
        "ssn",
        re.compile(
            r"(?<![\w.,/-])\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ ]\d{4}[ ]\d{3}"
            r"(?![\w/-]|[.,]\d|[ ]\d)"
        ),
        13,
    ),
    # A dashed national number ending in one check digit: "42101-4471839-2" (CNIC).
    ("ssn", re.compile(r"\b\d{3,6}-\d{5,8}-\d\b(?!-)"), 10),
    # Letters, digits and a check character in brackets: HKID "D123456(7)", "HN21004479(3)".
    ("id_number", re.compile(r"\b[A-Z]{1,3}\d{6,10}\([0-9A]\)"), 6),
    # Digit groups (the first of four) with a version code or check digit after them: OHIP
    # "4410 229 117 MB", Thiqa "1004 8822 1937 0". A list of readings has no short tail.
    (
        "health_plan_id",
        re.compile(r"\b\d{4}(?:[ \t]\d{3,4}){2,3}[ \t](?:\d|[A-Z]{1,2})\b(?![ \t]*[/.,:]?\d)"),
        10,
    ),
    # Two or three letters, then long digit groups with one of five or more digits: the
    # Vietnamese insurance card "GD 4 79 79 012 44182".
    (
        "health_plan_id",
        re.compile(r"\b[A-Z]{2,3}(?:[ \t]\d{1,4}){2,5}[ \t]\d{5,8}\b"),
        11,
    ),
    # A scheme's acronym before its dashed or slashed number: "CMCHIS 33-0091-774512",
    # "W/C 25/011942".
    (
        "id_number",
        re.compile(
            r"\b(?!(?:SSN|MRN|NHS|NHI|SIN|DOB|UR|ID|NPI|DEA|TEL|FAX|PH)\b)"  # labels stay in view
            r"(?:[A-Z]{2,8}|[A-Z]/[A-Z])[ \t]+\d{1,6}(?:[-/]\d{2,8}){1,3}\b(?![-/]\d)"
        ),
        8,
    ),
    # Round 15: a laboratory's or agency's code with its region after a dash, before its
    # slashed number ("LACEN-AM 25/10442", "LAB-NW 24/44180"): the code is part of it.
    # Not an analyte and its ratio ("BCR-ABL 10/1000": review of round 15).
    (
        "id_number",
        re.compile(r"\b(?P<c>[A-Z]{2,8}-[A-Z]{2,3})[ \t]+\d{2,6}/\d{3,8}\b(?![-/.]\d)"),
        6,
    ),
    # A year, a court's or scheme's code and a serial: "24 WC 031877", "2025 CV 004417".
    (
        "id_number",
        re.compile(r"\b(?:\d{2}|(?:19|20)\d\d)[ \t-]?(?P<p>[A-Z]{2,3})[ \t-]?\d{5,7}\b"),
        7,
    ),
    # After the number word of French, Polish, Spanish, German: "PV n° 00481/2025".
    (
        "id_number",
        re.compile(r"(?:\bn[°º]|\b(?i:nr|núm|nro)\.?)[ \t]*(?P<v>\d[\d/.-]{2,18}\d)\b"),
        4,
    ),
    # A number with its issuing code: "004418/HCM-CCHN".
    ("licence_number", re.compile(r"\b\d{4,8}/[A-Z]{2,5}-[A-Z]{2,6}\b"), 4),
    # The European harmonised helplines, 116 000 to 116 123 (Samaritans, child lines).
    # Not inside a run of results: "sodium 116 123 134".
    (
        "phone",
        re.compile(r"(?<![\d.][ \t])\b116[ \t]?(?:000|006|111|117|123)\b(?![ \t]*[\d.(])"),
        6,
    ),
    # Mobile numbers without a cue as India writes them, five and five ("98401 55276"), and
    # as Spain does, alone on a signature's line ("622 55 41 09"); not in a run of counts
    # ("plt 85000 90000 120000") or before a unit.
    (
        "phone",
        re.compile(
            r"(?<![\w.,/+-])(?<!\d[ ])(?!\d\d000[ ]\d\d000)[6-9]\d{4}[ ]\d{5}"
            r"(?![\w/-]|[.,]\d|[ ]\d)(?![ \t]*(?i:%|mg|ml|mcg|kg|units?\b|iu\b|/))"
            r"|(?m:^)[ \t]*(?P<v>[6-9]\d{2}(?:[ ]\d{2}){3})[ \t]*(?m:$)"
        ),
        9,
    ),
    # An extension written with a dash ("ext 7-4412"), or "local" after a telephone number,
    # with its word ("0192 loc. 214"), or "at local 4410".
    (
        "phone",
        re.compile(
            r"(?i:\b(?:ext|extn|extension)\.?)[ \t]*(?P<v>\d{1,2}-\d{3,5})\b"
            r"|(?<=\d)[ \t]+(?P<v2>(?i:local|loc\.)[ \t]+\d{3,5})\b"
        ),
        3,
    ),
    ("phone", re.compile(r"(?i:\b(?:at|on|dial|call)[ \t]+local)[ \t]+(?P<v>\d{3,5})\b"), 3),
    # A badge number after an officer's rank and name: "Officer D. Castellanos #4471".
    (
        "id_number",
        re.compile(
            r"\b(?:Officer|Deputy|Sgt\.?|Sergeant|Constable|Detective|Trooper|Cpl\.?)"
            r"[ \t][A-Z][\w.' \t-]{1,40}?[ \t]#[ \t]?(?P<v>\d{3,6})\b"
        ),
        3,
    ),
    # A plate after the plate word of another language: "matrícula 4417 KRB" (the Spanish
    # plate's letters are consonants), "Kennzeichen M-AB 1234".
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:matr[íi]cula|kenteken|kennzeichen|immatriculation|targa|placa))"
            r"[ \t:]+(?P<v>\d{4}[ \t-]?[B-DF-HJ-NP-TV-Z]{3}\b|[A-Z]{1,3}-[A-Z]{1,2}[ \t]?\d{1,4}\b)"
        ),
        4,
    ),
]
# Speed: each form with a test for the characters its match opens with in front
# (deid_first_characters): a third of the forms' time, the same matches.
_FORMS = [(kind, first_character_test(p) or p, least) for kind, p, least in _FORMS]


def check_code_candidates(text: str) -> Iterator[Redaction]:
    """Every long number of the forms above; dates, units and lab results are left out."""
    for kind, pattern, least_digits in _FORMS:
        for match in skipped_finditer(pattern, text):
            named = match.groupdict()
            group: int | str = "v" if named.get("v") else "v2" if named.get("v2") else 0
            start, end = match.span(group)
            value = text[start:end]
            if sum(c.isdigit() for c in value) < least_digits or is_date(value.split()[-1]):
                continue  # "DOB 12/05/1950" is a date to shift, not a scheme's number
            if named.get("p") in _NOT_CODE_LETTERS:
                continue  # "24 HR 1500": a time and a volume
            code = named.get("c")
            if code and clinical_abbreviation(code.split("-")[0]):
                continue  # "BCR-ABL 10/1000": an analyte and its ratio
            if LAB_BEFORE_NUMBER.search(text[max(0, start - 30) : start]):
                continue  # "Platelets 150 200 250 300 5": results
            yield Redaction(kind, start, end, value, label(kind))
