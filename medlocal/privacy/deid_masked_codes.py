"""Masked and grouped identity numbers, vehicles and driving licences.

* A masked national or identity number ("XXXX XXXX 7392", "***-**-4471", "670228-1******",
  "xxx-xx-1234") still identifies: the unmasked digits and the number's shape narrow it to a
  person, so the whole token goes; after its label, a national number in any grouping
  ("NSS: 4317 37 1290 2").
* A vehicle described by its year, make and model ("Gray 2019 Nissan Altima", "1998 Ford
  Ranger") and its plate with the state before it ("KY plate 227-PXB", "plate LKV-4492").
* A driving licence with its state or the "DL" mark ("DL TX 30188274", "licence DL EK448120").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import clinical_abbreviation
from medlocal.privacy.deid_spans import Redaction, label

# Groups of digits or of mask characters, joined by dashes or single spaces, as national numbers
# are written masked; masked_number_candidates keeps those with enough of both.
# A group may also be mask then digits, as one token ("****5678").
_MASK_GROUP = r"(?:(?:[Xx]{2,}|[*•#]{2,})\d*|\d+[*•Xx]+|\d+)"
_MASKED_NUMBER = re.compile(
    rf"(?<![\w*•#-]){_MASK_GROUP}(?:[- ]{_MASK_GROUP}){{0,4}}(?![\w*•#]|-\w)"
)


def masked_number_candidates(text: str) -> Iterator[Redaction]:
    """Masked national or identity numbers: three or more digits and three or more mask
    characters in one token, so that "x 2" or "XX 12 mg" are not taken."""
    for match in _MASKED_NUMBER.finditer(text):
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        masks = sum(c in "*•#Xx" for c in value)
        # Lower-case x between numbers and spaces is a times sign or a filler ("150 xxx 450").
        times = " " in value and not any(c in "*•#X" for c in value)
        if digits >= 3 and masks >= 3 and not times:
            yield Redaction("ssn", match.start(), match.end(), value, label("ssn"))
    yield from _masked_token_candidates(text)
    yield from _plate_candidates(text)


# Round 21: a number masked inside one token with its letters, dots or check character kept
# ("NRIC S35****8D", "HKID A12****(7)", "CPF ***.456.789-**", "DNI ***4471**"): stars or bullets
# among capitals and digits. Bold markup around a number ("**120**") is no mask.
_MASKED_TOKEN = re.compile(
    r"(?<![\w*•.()/-])(?=[A-Z0-9.()/-]*[*•])[A-Z0-9.()/-]*[*•]{2,}[A-Z0-9*•.()/-]*(?<![.(/-])"
    r"(?![\w*•])"
)
_BOLD = re.compile(r"\*\*[^*]+\*\*")


def _masked_token_candidates(text: str) -> Iterator[Redaction]:
    """Tokens of three or more mask characters and three or more capitals and digits, a
    digit among them (see _MASKED_TOKEN)."""
    if "*" not in text and "•" not in text:
        return
    for match in skipped_finditer(_MASKED_TOKEN, text):
        value = match.group()
        masks = sum(c in "*•" for c in value)
        kept = sum(c.isdigit() or c.isupper() for c in value)
        if masks < 3 or kept < 3 or not any(c.isdigit() for c in value) or _BOLD.fullmatch(value):
            continue
        yield Redaction("ssn", match.start(), match.end(), value, label("ssn"))


# An Indian registration in its national shape, without a cue: a state's code, the district's
# number, a series of letters and four digits ("KA 05 MN 2231", "DL-3C-AB-1234"). Units and
# times never stand between ("HR 88 PM 1400" is no plate). Speed: the pattern opens with a
# capital, the state is looked up after.
_INDIAN_STATES = frozenset(
    {
        "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "DN", "GA", "GJ", "HP", "HR", "JH",
        "JK", "KA", "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY",
        "RJ", "SK", "TN", "TR", "TS", "UK", "UP", "WB",
    }
)  # fmt: skip
_INDIAN_PLATE = re.compile(
    r"[A-Z][A-Z](?<![\w-][A-Z]{2})(?P<s>[ -]?)\d{1,2}[A-Z]?(?P=s)"
    r"(?!(?:AM|PM|HR|BP|RR|MG|ML|IU|CC|MM|CM|KG)\b)[A-Z]{1,3}(?P=s)\d{4}\b(?![/.,]\d)"
)
# A Singapore plate, with its check letter, in the clause of a vehicle's word before it ("taxi
# driver, SJB 4402 M"; "SBP 110 L" in a table has no vehicle before it).
_SINGAPORE_PLATE = re.compile(r"S(?<![\w-]S)[A-Z]{1,2}[ ]?\d{1,4}[ ]?[A-HJ-MPR-UX-Z](?![\w-])")
_VEHICLE_BEFORE = re.compile(
    r"(?i:\b(?:taxi|cab|car|van|truck|lorry|bus|vehicle|motorcycle|motorbike|scooter|"
    r"autorickshaw|rickshaw)s?\b)[^.;]{0,30}\Z"
)


# Half a plate of Victoria's shape: a digit and two capitals that are no unit or ordinal.
_PLATE_HALF = (
    r"\d(?!(?:ST|ND|RD|TH|MG|ML|KG|HR|AM|PM|CM|MM|IU|GM|YR|WK|MO|DY|HZ|KM|MV)(?![A-Z]))[A-Z]{2}"
)
# Walk 45 (D1): a plate of Victoria's shape with no cue ("1XY 4ZB"): a digit and two capitals
# twice. No postcode is written so (a UK postcode's inward code is the second half only: "SW1A
# 1AA"), nor a dose or an ordinal ("5MG 2ML", "1ST 2ND").
_VICTORIA_PLATE = re.compile(rf"(?<![\w/-])(?P<a>{_PLATE_HALF})[ ](?P<b>{_PLATE_HALF})(?![\w/-])")
# Review 45b (D3): clinical shorthand of the same shape, which the abbreviation lists lack:
# echo views ("4CH 2CH"), vessel disease ("3VD"), HLA loci ("2DR 4DQ"), drugs ("5FU 3TC",
# "6MP"), serotonin receptors ("5HT").
_CLINICAL_LETTERS = frozenset({"CH", "VD", "DR", "DQ", "DP"})
_CLINICAL_HALVES = frozenset({"5FU", "3TC", "6MP", "5HT", "6TG", "5AS", "4AT"})


def _clinical_half(half: str) -> bool:
    return half[1:] in _CLINICAL_LETTERS or half in _CLINICAL_HALVES or clinical_abbreviation(half)


def _victoria_plates(text: str) -> Iterator[re.Match[str]]:
    """Plates of Victoria's shape but for clinical shorthand, and for a series of one kind
    ("2CH 4CH", "3VD 2VD": the same letters twice)."""
    for plate in skipped_finditer(_VICTORIA_PLATE, text):
        first, second = plate.group("a"), plate.group("b")
        if first[1:] != second[1:] and not _clinical_half(first) and not _clinical_half(second):
            yield plate


def _plate_candidates(text: str) -> Iterator[Redaction]:
    """Indian plates and Victoria's anywhere; Singapore plates within 30 characters after a
    vehicle's word, in its clause."""
    plates = [p for p in _INDIAN_PLATE.finditer(text) if p.group()[:2] in _INDIAN_STATES]
    for plate in _SINGAPORE_PLATE.finditer(text):
        if _VEHICLE_BEFORE.search(text, max(0, plate.start() - 45), plate.start()):
            plates.append(plate)
    plates.extend(_victoria_plates(text))
    for plate in plates:
        yield Redaction(
            "vehicle_id", plate.start(), plate.end(), plate.group(), label("vehicle_id")
        )


_COLOURS = (
    r"(?i:white|black|gr[ae]y|silver|red|blue|green|maroon|tan|beige|gold|brown|yellow|"
    r"orange|purple|dark[ \t]+\w+|light[ \t]+\w+)"
)
_MAKES = (
    # Makes that are no English word, place or eponym: "In 2019 Mini Mental State" is a test,
    # "2018 Mercury Amalgam" a filling, "2019 Lincoln Hospital" a hospital.
    r"Ford|Toyota|Honda|Nissan|Chevrolet|Chevy|Dodge|Jeep|GMC|Subaru|Hyundai|Kia|Mazda|"
    r"Volkswagen|VW|BMW|Mercedes(?:-Benz)?|Audi|Lexus|Tesla|Volvo|Buick|Cadillac|Chrysler|"
    r"Acura|Infiniti|Mitsubishi|Peugeot|Renault|Skoda|Škoda|Fiat|Vauxhall|Opel|"
    r"Citro[eë]n|Suzuki|Isuzu|Harley-Davidson|Yamaha|Kawasaki|Ducati|Porsche|Holden|"
    r"Pontiac|Oldsmobile|Plymouth|Land[ \t]+Rover|Range[ \t]+Rover"
)
_PLATE = r"[A-Z0-9]{1,4}(?:[- ]?[A-Z0-9]{1,5})?"

# National identity numbers after their label, in any grouping ("NSS: 4317 37 1290 2",
# "Aadhaar 2290 4417 8813", "BSN 1234.56.782"): eight or more digits in groups of one to six.
_NATIONAL_LABEL = (
    r"(?i:\b(?:NSS|SSN|NIR|Aadhaar|RRN|SIN|NHS|NHI|PPS|BSN|CPF|DNI|NIE|RUT|NRIC|IRD|"
    # Round 18: Indonesian identity, civil-servant and tax numbers, Polish tax number,
    # Vietnamese citizen cards ("NIP 19870412 201503 2 004", "NPWP 09.254.294.3-407.000").
    r"NIK|NIP|NPWP|KTP|CCCD|CMND|"
    # Round 19: a country's or a citizen's identity card ("Thai ID", "citizen ID"), the
    # Brazilian RG, the Jamaican NIS.
    r"RG|NIS|(?:thai|citizen|citizen['’]?s|civil|resident)[ \t]+id(?:[ \t]+card)?|"
    r"personnummer|national[ \t]+(?:id|identity|insurance)(?:[ \t]+(?:no\.?|number))?)\b)"
)

VEHICLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Round 19: a Caribbean national-insurance number, a letter and six to eight digits ("NIS
    # B 447182", "NIB A1234567").
    ("ssn", re.compile(r"\bNI[SB]\.?[ \t]*+[:#]?[ \t]*+(?P<v>[A-Z][ \t]?\d{6,8})\b")),
    (
        "ssn",
        re.compile(
            # Round 19: the label in brackets after its words ("sécurité sociale (NIR) :").
            rf"{_NATIONAL_LABEL}\.?\)?[ \t]*+[:#]?[ \t]*+(?=(?:\d[ .-]?){{8}})"
            # A first group of up to eight digits (a date of birth opens an Indonesian NIP);
            # up to seven groups (the French NIR "2 52 07 971 05 118 42"); a check character
            # after a dash ("RG 18.447.220-X").
            r"(?P<v>\d{1,8}(?:[ .-]\d{1,6}){1,6}(?:-[0-9Xx])?)(?![\w/]|[.,]\d)"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            # "Gray 2019 Nissan Altima", "1998 Ford Ranger": a year before the make.
            rf"(?:\b{_COLOURS}[ \t]+)?\b(?:19|20)\d{{2}}[ \t]+(?:{_MAKES})\b"
            r"(?:[ \t]+[A-Z0-9][\w-]*){0,2}"
        ),
    ),
    (
        "vehicle_id",
        re.compile(
            # "KY plate 227-PXB", "plate LKV-4492", "licence plate: AB12 CDE"; the value must
            # hold a letter and a digit ("Ishihara plates 17/17" is a colour-vision test).
            r"(?:\b[A-Z]{2}[ \t]+)?(?i:\b(?:licen[cs]e[ \t]+|number[ \t]+|registration[ \t]+)?"
            r"plates?(?:[ \t]+(?:no\.?|number|#))?)[ \t]*+[:#]?[ \t]*+"
            # Round 18: the plate on the next line, with its state's code ("plate\nOH JKV-4471").
            r"(?:\n[ \t]*(?:[A-Z]{2}[ \t]+(?=[A-Z0-9]{1,4}-?[A-Z0-9]{1,5}\b))?)?"
            rf"(?=[A-Z0-9-]*\d)(?=[0-9-]*[A-Z]){_PLATE}\b(?!/)"
        ),
    ),
    (
        "licence_number",
        re.compile(
            # "DL TX 30188274", "Driver licence DL EK448120", "driver's license # CA D1234567".
            r"(?:\bDL\b|(?i:\bdriv(?:er|ers|er's|ing)[ \t]+licen[cs]e))"
            r"(?:[ \t]+(?i:no\.?|number|#))?[ \t]*:?[ \t]*"
            r"(?P<v>(?:DL[ \t]+)?(?:[A-Z]{2}[ \t]+)?[A-Z]{0,3}\d{5,12})\b"
        ),
    ),
]
