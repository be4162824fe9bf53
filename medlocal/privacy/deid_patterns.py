"""Identifiers with a fixed written form: contact details, numbers and codes, addresses, ages.

* Telephone and fax numbers: North-American forms, "+CC ..." forms, UK-style "0161 555 0742", and
  7-15 digits in any layout after "Phone", "Tel", "Ph", "Mob(ile)", "Cell" or "Pager"; "fax"
  before the number makes it a fax number.
* E-mail addresses, URLs (with a scheme, "www.", or a bare domain with a path or a common top-level
  domain: "lakeviewheadache.com/referrals") and IP addresses (IPv4; IPv6 in full or "::" form).
* Street addresses (house number + capitalised or lower-case street name + street word, with an
  apartment; "P.O. Box n"; "Route 9"), "City, ST 12345" and ZIP codes. Streets, cities and
  counties in running text are found by the word scan (:mod:`medlocal.privacy.deid_words`).
* Ages over 89 ("92-year-old", "92 y/o", "aged 92", "turned 90", "92M"; "ninety-four", "a hundred
  and two") become "90+"; ages up to 89 are kept.
* SSNs, and numbers after a cue, typed by the cue: MRN; health-plan (member, policy, insurance,
  subscriber, Medicare, Medicaid); account; licence and certificate (also NPI, DEA); vehicle (VIN,
  plate, registration); device (serial, lot, implant); any other (hospital, patient, encounter,
  accession, specimen, lab, report, claim, case, reference numbers).
* Names after a cue ("Patient:", "Name:", "Attending:", "Signed by:", "Next of kin:", titles
  such as "Dr." and credentials such as "…, MD"); an all-caps name counts in a "Name:" field.
* Codes without a cue: a free-standing number of 7 or more digits; a word of 6 or more letters
  and digits with at least four digits ("KB2504-77813", "PZK603118H", a VIN); digit groups joined
  by dashes with 8 or more digits ("2025-044718"). A number followed by a unit ("1500000
  copies/mL", "2500IU") or preceded by a lab name ("Platelets 1250000") is a result and is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label

_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
# A name word; header keywords that often follow a name on the same line are not names. Words are
# joined by single spaces: form fields are usually separated by runs of spaces or tabs. A word must
# end at a word boundary, so "HbA1c" is never cut down to the name-like "HbA".
_NAME_WORD_ANY_CASE = (
    r"(?!(?:MRN|DOB|SSN|Age|Sex|Date|Phone|Tel|Fax|Email|Address|MD|RN|DO|NP|PhD)\b)"
    r"[A-Z][a-zA-Z'’-]+(?!\w)"
)
# Outside a "Name:" field an all-caps word of 2-5 letters is a clinical acronym ("Pt: CHF
# exacerbation", "Mr. Smith BP 132/84"), not a name, and it ends the cued name.
_NAME_WORD = rf"(?![A-Z]{{2,5}}\b){_NAME_WORD_ANY_CASE}"
_INITIAL = r"(?: [A-Z]\.| [A-Z](?!\w))"
_NAME = rf"{_NAME_WORD}{_INITIAL}?(?: {_NAME_WORD}){{0,2}}"
_NAME_LAST_FIRST = rf"{_NAME_WORD}, ?{_NAME_WORD}{_INITIAL}?"
# In a "Name:" or "Patient:" field an all-caps name of two or more words is a name ("JOHN SMITH"),
# while a single all-caps word is still read as an acronym ("Patient: CHF").
_NAME_ANY_CASE = rf"{_NAME_WORD_ANY_CASE}{_INITIAL}?(?: {_NAME_WORD_ANY_CASE}){{1,2}}"
_NAME_LAST_FIRST_ANY_CASE = rf"{_NAME_WORD_ANY_CASE}, ?{_NAME_WORD_ANY_CASE}{_INITIAL}?"
# Bare family relations ("Mother:", "Sister:") are not cues: in a family history they introduce a
# condition ("Mother: Breast Cancer at 50"), far more often than a relative's name.
_NAME_CUES = (
    r"patient(?:[ \t]+name)?|name|pt|attending|physician|provider|surgeon|nurse|resident|"
    r"referring[ \t]+(?:physician|doctor|provider)|(?:electronically[ \t]+)?signed[ \t]+by|"
    r"dictated[ \t]+by|seen[ \t]+by|cc|contact|emergency[ \t]+contact|next[ \t]+of[ \t]+kin|"
    r"guardian"
)
_ID_CUES: list[tuple[str, str]] = [
    (
        "mrn",
        r"mrn|mr[ \t]*#|mr[ \t]+(?:number|no\.?)|medical[ \t]+record(?:[ \t]+(?:number|no\.?|#))?|"
        r"record[ \t]*#",
    ),
    (
        "health_plan_id",
        r"member[ \t]+(?:id|number|no\.?|#)|policy(?:[ \t]+(?:number|no\.?|#))?|"
        r"insurance[ \t]+(?:id|number|no\.?|#)|subscriber[ \t]+(?:id|number|no\.?|#)|"
        r"health[ \t]+plan(?:[ \t]+(?:id|number|no\.?|#))?|plan[ \t]+id|"
        r"(?:medicare|medicaid)(?:[ \t]+(?:id|number|no\.?|#))?|beneficiary[ \t]+id|"
        r"group[ \t]+(?:number|no\.?|#)",
    ),
    (
        "account_number",
        r"(?:billing[ \t]+)?account(?:[ \t]+(?:number|no\.?|#))?|acct\.?(?:[ \t]*(?:#|no\.?))?",
    ),
    (
        "licence_number",
        r"(?:driver'?s[ \t]+)?licen[cs]e(?:[ \t]+(?:number|no\.?|#))?|"
        r"certificate(?:[ \t]+(?:number|no\.?|#))?|npi|dea",
    ),
    ("vehicle_id", r"vin|vehicle[ \t]+(?:id|identification[ \t]+number)"),
    (
        "device_id",
        r"serial(?:[ \t]+(?:number|no\.?|#))?|device[ \t]+(?:id|serial)|"
        r"lot(?:[ \t]+(?:number|no\.?|#))?|"
        r"udi|implant[ \t]+(?:id|number)|s/n|sn|(?:transmitter|receiver|sensor|pump|generator)"
        r"[ \t]+(?:id|serial|s/n|sn|number|no\.?|#)",
    ),
    (
        "id_number",
        r"hospital[ \t]+(?:number|no\.?|#|id)|patient[ \t]+(?:id|number|no\.?|#)|"
        r"unit[ \t]+(?:number|no\.?|#)|encounter(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"visit[ \t]+(?:id|number|#)|claim(?:[ \t]+(?:id|number|#))?|case[ \t]+(?:id|number|#)|"
        r"accession(?:[ \t]+(?:number|no\.?|#))?|specimen(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"lab[ \t]+(?:number|no\.?|#|id)|report[ \t]+(?:number|no\.?|#)|"
        r"run[ \t]+(?:number|no\.?|#)|reference(?:[ \t]+(?:number|no\.?|#))?|"
        r"ref\.?[ \t]*(?:#|no\.?)",
    ),
]
_ID_VALUE = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}"
_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Close|Crescent"
)

_APARTMENT = r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|#)\.?[ \t]*[A-Za-z0-9-]+)?"
# A free-standing number of 7+ digits is taken as an identifier, unless a unit follows it
# ("HIV RNA 1500000 copies/mL") or a lab name precedes it ("Platelets 1250000"): see _is_lab_value.
_BARE_LONG_NUMBER = re.compile(
    r"(?<![\w.-])\d{7,}(?![\w-]|\.\d)"
    r"(?![ \t]*(?i:copies|cells|units?\b|iu\b|mg\b|mcg\b|ug\b|ml\b|/|x[ \t]*10|×))"
)
_LAB_BEFORE_NUMBER = re.compile(
    r"(?i:\b(?:platelets?|plt|wbc|rbc|cd4|cd8|viral[ \t]+load|rna|dna|hiv|hcv|hbv|count|"
    r"titre|titer|level|ldh|ck|cpk|ferritin|bnp|troponin|d-dimer)\b)"
    r"[ \t]*(?:count|level|load)?[ \t]*[:=]?[ \t]*$"
)
_TEMPERATURE_BEFORE = re.compile(
    r"(?i:\b(?:t|temp\w*|t[ \t]?max|max|fever\w*|febrile|pyrexia)\b)[ \t:.]*$"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")),
    ("url", re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'\])]+", re.I)),
    (
        "ip_address",
        re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    ),
    (
        "ip_address",
        re.compile(
            r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?"
            r"(?![\w:])"
        ),
    ),
    ("ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "ssn",
        re.compile(
            r"(?i:\bSSN\b|\bSS[ \t]*#|social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?)"
            r"[ \t]*[:#]?[ \t]*(?P<v>\d{3}[ \t-]?\d{2}[ \t-]?\d{4})\b"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?<![\w-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}(?![\w-])"
            r"|(?<![\w+])\+\d{1,3}(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
    # After a phone cue any run of 7-15 digits is a number, whatever its national layout
    # ("Phone: 123-4567", "ph 020 7946 0958", "Mob: 07700 900123"). "pH" is a lab, not a cue.
    (
        "phone",
        re.compile(
            r"(?:\b(?i:phone|tel|telephone|mob|mobile|cell|pager|fax)\b|\b(?:ph|Ph|PH)\b)\.?"
            r"(?i:[ \t]+(?:no\.?|number))?[ \t]*[:#]?[ \t]*"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])"
        ),
    ),
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Z][a-zA-Z0-9.'-]*[ \t]+){1,4}"
            rf"(?:{_STREET_TYPES})\b\.?"
            rf"{_APARTMENT}"
            r"|(?i:\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+)"
        ),
    ),
    # Street names in lower case ("12 oak street"): only with a street-type word that is not
    # also an everyday word ("way", "close", "place"), and one or two name words.
    (
        "street_address",
        re.compile(
            r"\b\d{1,6}[A-Za-z]?[ \t]+(?:[A-Za-z][a-z'-]+[ \t]+){1,2}"
            rf"(?i:street|avenue|road|boulevard|lane|drive)\b{_APARTMENT}"
        ),
    ),
    (
        "city",
        re.compile(
            rf"(?P<v>\b[A-Z][a-zA-Z]+(?:[ \t-][A-Z][a-zA-Z]+){{0,2}}),[ \t]*(?:{_STATES})"
            r"(?=[ \t]+\d{5}\b)"
        ),
    ),
    ("zip_code", re.compile(rf"\b(?:{_STATES})[ \t]+(?P<v>\d{{5}}(?:-\d{{4}})?)\b")),
    ("zip_code", re.compile(r"(?i:\bzip(?:[ \t]+code)?)[ \t]*:?[ \t]*(?P<v>\d{5}(?:-\d{4})?)\b")),
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)(?=[ \t]*-?[ \t]*(?i:years?|yrs?|y/o|yo|y\.o\.)(?![a-z]))"
        ),
    ),
    ("age_over_89", re.compile(r"(?i:\bage[d]?\b[ \t]*:?[ \t]*)(?P<v>9\d|1[0-4]\d)\b")),
    # Age with a sex letter, as in a note header ("92M", "101F"); see _is_temperature.
    ("age_over_89", re.compile(r"(?<![\d.°])\b(?P<v>9\d|1[0-4]\d)(?=[MF]\b)")),
    (
        "name",
        re.compile(rf"(?i:\b(?:{_NAME_CUES})[ \t]*:)[ \t]*(?P<v>{_NAME_LAST_FIRST}|{_NAME})"),
    ),
    # A "Name:" or "Patient:" field holds a name even in capitals ("Name: DOE, JANE").
    (
        "name",
        re.compile(
            r"(?i:\b(?:patient|(?:patient[ \t]+)?name)[ \t]*:)[ \t]*"
            rf"(?P<v>{_NAME_LAST_FIRST_ANY_CASE}|{_NAME_ANY_CASE})"
        ),
    ),
    ("name", re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+(?P<v>{_NAME})")),
    (
        "name",
        re.compile(rf"(?P<v>{_NAME}),?[ \t]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|DDS|FNP|APRN)\b"),
    ),
    *(
        (kind, re.compile(rf"(?i:\b(?:{cues}))\.?[ \t]*[:#]?[ \t]*(?P<v>{_ID_VALUE})", re.I))
        for kind, cues in _ID_CUES
    ),
    # A plate: letters and digits, perhaps in two groups ("plate JKR 4471", "MA 7KT390").
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:(?:licen[cs]e[ \t]+)?plate|registration|reg\.?)"
            r"(?:[ \t]+(?:number|no\.?|#))?)"
            r"[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,6})?)\b"
        ),
    ),
    ("id_number", _BARE_LONG_NUMBER),
    ("id_number", re.compile(r"\b(?=[A-Z0-9-]*\d{2})[A-Z]{1,4}-?\d{5,}\b")),
]

_UNITS = (
    r"mg|mcg|ug|g|kg|ml|l|iu|units?|u|mmol|meq|cc|mm|cm|hrs?|h|min|mins|s|x|k|mm3|ul|dl|ng|pg|"
    r"copies|cells|bpm|mmhg|kcal|cal"
)
_AGE_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_AGE_WORDS = (
    rf"ninety(?:[ \t-](?:{_AGE_UNITS}))?|"
    rf"(?:(?:one|a)[ \t-])?hundred(?:(?:[ \t-]and)?[ \t-](?:{_AGE_UNITS}|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?"
)
# Numbers in words are ages unless a unit or count follows ("ninety minutes", "ninety percent").
_NOT_AN_AGE_AFTER = (
    r"[ \t-]*(?:percent|per|%|minutes?|mins?|seconds?|hours?|days?|weeks?|months?|times|"
    r"beats|breaths|mg|mcg|ml|milli\w*|units?|degrees|mmhg|cc|feet|foot|yards?|metres?|meters?|"
    r"pounds?|lbs?|kilo\w*|grams?|steps|pack)\b"
)
_TLDS = r"com|org|net|edu|gov|io|us|uk|ca|au|nz|ie|info|health|biz|co|nhs|me|app|care"

# A code of letters and digits with four or more digits: lab, specimen, serial, plate, VIN.
_CODE = re.compile(
    r"(?<![\w-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])"
)
# Digit groups joined by dashes, 8 or more digits in all ("2025-044718"). Dates and phone
# numbers of the same length win over this one (see PRIORITY in deid_spans).
_DASHED_DIGITS = re.compile(r"(?<![\w.-])\d{2,}(?:-\d{2,}){1,3}(?![\w-]|\.\d)")

_MORE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age_over_89",
        re.compile(rf"(?i)\b(?P<v>{_AGE_WORDS})\b(?!{_NOT_AN_AGE_AFTER})"),
    ),
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:turned|turns|turning|reached|now)\b[ \t]+)(?P<v>9\d|1[0-4]\d)\b"
            r"(?![ \t]*(?:%|mg|ml|kg|mmhg|bpm|/))"
        ),
    ),
    (
        "url",
        re.compile(rf"(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"'\])]*)?(?![\w@-])"),
    ),
    ("phone", re.compile(r"(?<![\w+.])0\d{2,4}[ \t]\d{3,4}[ \t]\d{3,4}(?![\w-])")),
    # Month/day without a year, only with a cue or written with two digits each ("on 3/20",
    # "started 10/21", "03/14"): bare "5/5" or "3/6" is a motor grade or a murmur.
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|since|from|started|starting|until|till|through|by|dated|seen|due|after|"
            r"before|admitted|discharged|stopped|restarted|held)[ \t]+)"
            r"(?P<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![/\d]|\.\d)"
            r"|(?<![\d/.])(?P<w>(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))(?![/\d]|\.\d)"
        ),
    ),
    (
        "age_over_89",
        re.compile(
            r"(?:\b(?i:he|she|who)|\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][\w'’-]+)[ \t]+"
            r"(?i:is|was)[ \t]+(?P<v>9\d|1[0-4]\d)\b(?![ \t]*(?:%|mg|kg|mmhg|bpm|/|\.\d))"
        ),
    ),
    (
        "street_address",
        re.compile(r"\b(?:Route|Highway|Hwy|Interstate|State Road|County Road)[ \t-]?\d{1,4}\b"),
    ),
    ("id_number", _CODE),
    ("id_number", _DASHED_DIGITS),
]
_PATTERNS += _MORE_PATTERNS
_UNIT_AFTER_DIGITS = re.compile(rf"(?i)\d+(?:[.,]\d+)?(?:{_UNITS})(?:/\w+)?")


def _is_code_exception(pattern: re.Pattern[str], value: str) -> bool:
    """A dose with its unit stuck on ("2500IU"), or a dashed number too short to be an id."""
    if pattern is _CODE:
        return len(value) < 6 or _UNIT_AFTER_DIGITS.fullmatch(value) is not None
    if pattern is _DASHED_DIGITS:
        return sum(c.isdigit() for c in value) < 8
    return False


def pattern_candidates(text: str) -> Iterator[Redaction]:
    """Every match of the fixed-form patterns; overlaps are resolved by the caller."""
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            group: int | str = 0
            for name in ("v", "w"):
                if name in pattern.groupindex and match.group(name):
                    group = name
            start, end = match.span(group)
            value = match.group(group)
            if kind == "url":
                end = start + len(value.rstrip(".,;:"))
            if _is_code_exception(pattern, value):
                continue
            actual = kind
            if kind == "phone" and re.search(r"(?i)fax", text[max(0, start - 15) : start]):
                actual = "fax"
            before = text[max(0, start - 30) : start]
            if pattern is _BARE_LONG_NUMBER and _LAB_BEFORE_NUMBER.search(before):
                continue  # "Platelets 1250000" is a result, not an identifier
            if (
                kind == "age_over_89"
                and text[end : end + 1] in "MF"
                and _TEMPERATURE_BEFORE.search(before)
            ):
                continue  # "Temp 99F" is a temperature, not a 99-year-old woman
            yield Redaction(actual, start, end, text[start:end], label(actual))
