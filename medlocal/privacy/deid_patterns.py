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

from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_lexicon import fold, lexicon
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
        r"record[ \t]*#|ur(?:[ \t]+(?:number|no\.?))?|uhid|nhi|dossier|hosp\.?[ \t]+no\.?|"
        r"chart[ \t]+(?:number|no\.?|#)|case[ \t]+note[ \t]+(?:number|no\.?)|[io]p[ \t]+no\.?",
    ),
    (
        "health_plan_id",
        r"member[ \t]+(?:id|number|no\.?|#)|policy(?:[ \t]+(?:number|no\.?|#))?|"
        r"insurance[ \t]+(?:id|number|no\.?|#)|subscriber[ \t]+(?:id|number|no\.?|#)|"
        r"health[ \t]+plan(?:[ \t]+(?:id|number|no\.?|#))?|plan[ \t]+id|"
        r"(?:medicare|medicaid)(?:[ \t]+(?:id|number|no\.?|#))?|beneficiary[ \t]+id|"
        r"group[ \t]+(?:number|no\.?|#)|nhs(?:[ \t]+(?:number|no\.?|#))?|medical[ \t]+aid|"
        r"health[ \t]+card|gms(?:[ \t]+card)?|dva|ohip|ramq|ihi|tricare|champva|medi-cal",
    ),
    (
        "account_number",
        r"(?:billing[ \t]+)?account(?:[ \t]+(?:number|no\.?|#))?|acct\.?(?:[ \t]*(?:#|no\.?))?",
    ),
    (
        "licence_number",
        r"(?:driver'?s[ \t]+)?licen[cs]e(?:[ \t]+(?:number|no\.?|#))?|"
        r"certificate(?:[ \t]+(?:number|no\.?|#))?|npi|dea|provider[ \t]+(?:number|no\.?|#)|"
        r"practice[ \t]+(?:number|no\.?|#|code)|reg(?:istration)?\.?[ \t]+no\.?|gmc|imc|nmc|"
        r"ahpra|hpcsa|mcr|badge",
    ),
    ("vehicle_id", r"vin|vehicle[ \t]+(?:id|identification[ \t]+number)"),
    (
        "device_id",
        r"serial(?:[ \t]+(?:numbers?|nos?\.?|#))?|device[ \t]+(?:id|serial)|"
        r"lot(?:[ \t]+(?:numbers?|nos?\.?|#))?|"
        r"udi|implant[ \t]+(?:id|number)|s/n|sn|(?:transmitter|receiver|sensor|pump|generator)"
        r"[ \t]+(?:id|serial|s/n|sn|number|no\.?|#)|ser\.?[ \t]*(?:no|#)|imei|esn|meid|"
        r"serial[ \t]+(?:number[ \t]+)?(?:is|was|ends(?:[ \t]+in)?|ending(?:[ \t]+in)?)",
    ),
    (
        "id_number",
        r"hospital[ \t]+(?:number|no\.?|#|id)|patient[ \t]+(?:id|number|no\.?|#)|"
        r"unit[ \t]+(?:number|no\.?|#)|encounter(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"visit[ \t]+(?:id|number|#)|claim(?:[ \t]+(?:id|number|#))?|case[ \t]+(?:id|number|#)|"
        r"accession(?:[ \t]+(?:number|no\.?|#))?|specimen(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"lab[ \t]+(?:number|no\.?|#|id)|report[ \t]+(?:number|no\.?|#)|"
        r"run[ \t]+(?:number|no\.?|#)|reference(?:[ \t]+(?:number|no\.?|#))?|"
        r"ref\.?[ \t]*(?:#|no\.?)|aadhaar|passport|national[ \t]+id|session|ticket|tracking|"
        r"order[ \t]+(?:number|no\.?|#)|requisition|req\.?|barcodes?|kit|batch|tray|"
        r"sample(?:[ \t]+(?:id|number|no\.?))?|bottle|incident[ \t]+report|police[ \t]+report|"
        r"case|job",
    ),
]
# Any labelled number: a word, then "no.", "number", "#", "ID" or "code", then a value with a
# digit ("Lab no: SP25-08817", "Sample ID SMP/25/117004", "Practice code L83042"). A field
# label says what follows is an identifier whatever the label's own word is.
_FIELD_LABEL = r"(?i:\b[a-z][a-z'.-]{1,20}[ \t]+(?:no\.?|number|num|#|id|code))|\bID"
# A value: letters, digits, dashes and slashes ("P/181211/01/2025/004417"), then perhaps more
# digit groups after single spaces ("2951 60412 1", "485 777 3456"); a lone digit only as a last
# check digit, never before a word ("account 12345 2 tablets").
_ONE_ID = (
    r"(?=[A-Z0-9/.-]*\d)(?:[A-Z0-9](?:[A-Z0-9/-]|\.(?=[A-Z0-9])){3,}|[A-Z0-9]{3}(?=[ ]\d))"
    r"(?:[ ](?=[A-Z0-9]*\d)(?:[A-Z0-9]{2,}|\d)(?![ \t]*(?-i:[a-z])))*"
    # Capitals around a spaced number ("PZK 603118 H"): upper case only, so no word is taken.
    r"|(?-i:[A-Z]{1,4})(?:[ ]\d{2,}){1,3}(?:[ ](?-i:[A-Z]{1,3})\b)?"
)
# One value, or a list of them ("serial numbers 11440-01 and 11440-02").
_ID_VALUE = rf"(?:{_ONE_ID})(?:(?:,|[ \t]+and|[ \t]*/)[ \t]*(?:{_ONE_ID}))*"
_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Close|Crescent|"
    r"Walk|Gardens|Mews|Row|Grove|Hill|Green|Rise|View|Quay|Wharf|Parade|Esplanade|Promenade|"
    r"Broadway|Alley|Path|Loop|Bend|Heights|Park|Cross|Yard|Chase|Vale|Crossing|Landing|Point|"
    r"Ridge|Pike|Turnpike|Plaza|Gate|Meadows?|Dale|Fields?|Wynd|Brae"
)
# A flat, unit or house number before the street number ("Flat 7, 3 Penrose Gardens", "Suite 12,
# 221 Musgrave Road", "No. 7, 4th Cross").
_UNIT_BEFORE = (
    r"(?:(?i:flat|unit|apt|apartment|suite|ste|level|floor|shop|room|lot|no)\.?[ \t]*"
    r"\d{1,5}[A-Za-z]?,?[ \t]+(?=\d)|(?i:no|blk|block)\.?[ \t]*)?"
)
# Street words that come before the name in French, Spanish, Italian and Portuguese addresses.
_STREET_FIRST = (
    r"rue|chemin|boulevard|boul|av|avenue|allée|allee|impasse|quai|place|rang|calle|avenida|"
    r"carrera|via|viale|corso|rua|travessa|strasse|straße"
)

_APARTMENT = r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|#)\.?[ \t]*[A-Za-z0-9-]+)?"
_DIRECTION = r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
# A house number (a unit or flat number, "Blk", "No." before it; "5/22" for unit 5 at number
# 22), one to four name words or ordinals, a street word, perhaps a number ("Ave 4"), a direction
# ("NW") and an apartment; or a post-office box.
_STREET = re.compile(
    rf"{_UNIT_BEFORE}\b(?:\d{{1,5}}/)?\d{{1,6}}[A-Za-z]?,?[ \t]+"
    r"(?:(?:[A-Z][a-zA-Z0-9.'-]*|\d{1,3}(?:st|nd|rd|th))[ \t]+){1,4}"
    rf"(?:{_STREET_TYPES})\b\.?(?:[ \t]+\d{{1,4}}\b)?{_DIRECTION}{_APARTMENT}"
    r"|(?i:\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+)"
)
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
            # "+CC ...": 7 digits at least, so a signed value ("fluid balance +400 mL") is not
            # a telephone number.
            r"|(?<![\w+])\+(?=(?:[ \t.-]?\d){7})\d{1,3}(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
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
    ("street_address", _STREET),
    # The locality after a street address and a comma ("5/22 Smith Street, Observatory"): in an
    # address that word is a place, whatever else it may mean.
    (
        "city",
        re.compile(
            rf"(?:{_STREET.pattern}),[ \t]*"
            r"(?P<v>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})(?=[ \t]*(?:,|\.|$|[A-Z]{2,3}\b|\d))",
            re.M,
        ),
    ),
    (
        "street_address",
        re.compile(
            rf"\b\d{{1,6}}[A-Za-z]?,?[ \t]+(?i:{_STREET_FIRST})\.?[ \t]+"
            r"(?:(?i:de|du|des|la|le|les|del|di|da|do|dos|das|l['’]|d['’])[ \t]*)*"
            r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
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
    # Postcodes of the UK ("TR11 3QB"), Ireland (Eircode "V92 X2P1") and Canada ("H2Y 2A3"),
    # and a four-digit postcode after an Australian state ("VIC 3012").
    ("zip_code", re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]\d[ABD-HJLNP-UW-Z]{2}\b")),
    (
        "zip_code",
        re.compile(
            r"\b[AC-FHKNPRTV-Y](?:\d{2}|6W)[ \t]?"
            r"(?=[AC-FHKNPRTV-Y\d]{0,3}[AC-FHKNPRTV-Y])(?=[AC-FHKNPRTV-Y\d]{0,3}\d)"
            r"[AC-FHKNPRTV-Y\d]{4}\b"
        ),
    ),
    (
        "zip_code",
        re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t]\d[ABCEGHJ-NPRSTV-Z]\d\b"),
    ),
    ("zip_code", re.compile(r"\b(?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT)[ \t]+(?P<v>\d{4})\b")),
    # A postcode after a place at the end of an address line ("Durban, 4001", "Bengaluru -
    # 560038", "Pirongia 3802"); the place must not be a clinical or English word (see
    # _POSTCODE_AFTER_PLACE in pattern_candidates).
    (
        "zip_code",
        re.compile(
            r"(?P<p>\b[A-Z][\w'’-]+)(?:,[ \t]*|[ \t]+-?[ \t]*)(?P<v>\d{4,6})[ \t]*(?=$|[,.;)])",
            re.M,
        ),
    ),
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)(?=[ \t]*-?[ \t]*(?i:years?|yrs?|y/o|yo|y\.o\.)(?![a-z]))"
        ),
    ),
    ("age_over_89", re.compile(r"(?i:\bage[d]?\b[ \t]*:?[ \t]*)(?P<v>9\d|1[0-4]\d)\b")),
    # Age with a sex letter, as in a note header ("92M", "101F"); see _is_temperature.
    ("age_over_89", re.compile(r"(?<![\d.°])\b(?P<v>9\d|1[0-4]\d)(?=[MFY]\b|/[MF]\b)")),
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
        (
            kind,
            re.compile(
                rf"(?i:\b(?:{cues}))\.?(?:[ \t]+(?:is|was|reads))?[ \t]*[:#(]?[ \t]*"
                rf"(?P<v>{_ID_VALUE})",
                re.I,
            ),
        )
        for kind, cues in _ID_CUES
    ),
    # A plate: letters and digits, perhaps in two groups ("plate JKR 4471", "MA 7KT390").
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:(?:licen[cs]e[ \t]+)?plate|registration|reg\.?)"
            r"(?:[ \t]+(?:number|no\.?|#))?)"
            r"[ \t]*[:#]?[ \t]*(?P<v>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,6}){0,2})\b"
        ),
    ),
    ("id_number", re.compile(rf"(?:{_FIELD_LABEL})\.?[ \t]*[:#]?[ \t]*(?P<v>{_ID_VALUE})")),
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

# A short code of capitals before a long number belongs to it ("DH 771204498", "MCSO 25-118402",
# "THIG 5806 2114"); labels ("MRN", "NPI"), clinical words and English words before a number are
# not taken (see _LETTER_PREFIX in pattern_candidates).
_LETTER_PREFIX = re.compile(
    r"(?<![\w/-])(?P<p>[A-Z]{2,5})[ \t](?P<n>\d[\d-]{5,}\d|\d{3,5}(?:[ \t]\d{3,5}){1,3})(?![\w/-])"
)
# Digit groups after single spaces, 10 or more digits in all ("485 777 3456", "4482 9910 7735"):
# a national health or identity number. Lab results are decimals, or have a unit.
_SPACED_DIGITS = re.compile(r"(?<![\w.,/-])\d{3,5}(?:[ ]\d{3,5}){2,}(?![\w.,/-])")
# Codes with slashes, with a letter or four or more parts ("IP/25/44102", "P/181211/01/2025").
_SLASHED_CODE = re.compile(
    r"(?<![\w/-])(?=[A-Za-z0-9/-]*[A-Za-z]|(?:[A-Za-z0-9-]+/){3})"
    r"[A-Za-z0-9-]+(?:/[A-Za-z0-9-]+){2,}(?![\w/])"
)
# A GS1 Unique Device Identifier in human-readable form: application identifiers in brackets,
# each before its value ("(01)00643169007222(17)270331(21)RNB612448S").
_UDI = re.compile(r"(?:\(\d{2,4}\)[A-Za-z0-9./-]+){2,}|\(01\)\d{14}")
# A network hardware (MAC) address, a device identifier.
_MAC = re.compile(r"(?<![\w:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![\w:-])")
_NOT_A_VALUE_AFTER = (
    r"(?![ \t]*(?:%|mg|mcg|kg|g/|mmhg|bpm|/|\.\d|mmol|u/|iu|units?\b|ml|cm|mm|beats|breaths|"
    r"percent|degrees|°))"
)

# Devices that carry a serial number. A code of letters and digits written in the same sentence
# after one of these ("the transmitter 8KQ4X7 was replaced by 8RW2T5", "cochlear implant:
# 6B22KZ") is the device's identifier even without "serial" before it; see _DEVICE_CODE.
_DEVICE_NOUN = re.compile(
    r"(?i:\b(?:pacemaker|defibrillator|icd|crt-?[dp]|generator|lead|leads|pump|transmitter|"
    r"receiver|sensor|cgm|pdm|monitor|recorder|implant|implants|prosthesis|stimulator|ipg|"
    r"neurostimulator|lvad|vad|controller|hearing[ \t]+aids?|processor|cpap|bipap|ventilator|"
    r"concentrator|wheelchair|meter|glucometer|pendant|valve|stent|port|catheter|device|"
    r"devices|card|tag|watch|phone|tablet|tracker)\b)"
)
# A candidate device code: letters and digits mixed, two or more digits, five or more characters.
_DEVICE_CODE = re.compile(
    r"(?<![\w/.-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){2})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
    r"(?![\w/-]|\.\w)"
)

# Codes of the clinical value grammar that look like serials: spinal levels and ECG leads
# ("T8-T10", "L4-L5", "V4-V6"), gravida/para ("G3P2A1"), TNM stages ("pT3N1bM0"), ECG patterns
# ("S1Q3T3"), HLA types ("HLA-B27"), genes and variants ("CYP2C19", "JAK2V617F").
_CLINICAL_CODE = re.compile(
    r"[CTLSV]\d{1,2}(?:-[CTLSV]?\d{1,2})?|G\d{1,2}P\d{1,2}(?:A\d{1,2})?(?:L\d{1,2})?|"
    r"[pcyr]?T[0-4][a-d]?(?:N[0-3][a-c]?)?(?:M[01][a-c]?)?|S\d+Q\d+T\d+|HLA-[A-Z]{1,3}\d+|"
    r"[A-Z]{2,5}\d[A-Z]\d{1,2}|[A-Z]{2,5}\d[A-Z]\d{3,4}[A-Z]|COVID-19|SARS-CoV-2"
)

_MORE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("device_id", _DEVICE_CODE),
    ("device_id", _UDI),
    # A hospital bleep, pager or extension: 3-6 digits ("bleep 4471", "ext. 2204").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:bleep|pager|page|ext|extension)\b)\.?[ \t]*[:#]?[ \t]*(?P<v>\d{3,6})\b"
        ),
    ),
    # A pharmacy named after a cue, even in capitals ("His pharmacy is CVS", "Pharmacy: BOOTS").
    (
        "facility",
        re.compile(
            r"(?i:\b(?:pharmacy|chemist)(?:[ \t]+is|[ \t]*:))[ \t]+"
            r"(?P<v>[A-Z][\w&'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’-]*){0,3})"
        ),
    ),
    ("device_id", _MAC),
    ("id_number", _LETTER_PREFIX),
    ("id_number", _SPACED_DIGITS),
    ("id_number", _SLASHED_CODE),
    # An extension after a telephone number ("(608) 555-0119 ext. 4").
    (
        "phone",
        re.compile(
            r"(?:(?<=[ .-]\d{4})|(?<=[ .-]\d{3}))[ \t]*,?[ \t]*"
            r"(?P<v>(?i:ext\.?|extension)[ \t]*\d{1,6}|x\d{1,6})(?![\w^]|\.\d)"
        ),
    ),
    # An age after a name and a comma ("Mrs Costello, 92, lives"), or after "is", "was",
    # "turned" ("Winston is 95"); the word before must be a name (see _AGE_AFTER_WORD).
    (
        "age_over_89",
        re.compile(
            r"(?P<p>\b[A-Z][\w'’-]+)(?:,[ \t]+|[ \t]+(?i:is|was|turned|turns)[ \t]+(?:now[ \t]+)?)"
            rf"(?P<v>9\d|1[01]\d)\b{_NOT_A_VALUE_AFTER}"
        ),
    ),
    ("age_over_89", re.compile(r"(?P<p>\b[A-Z][\w'’-]+)[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)[ \t]*\)")),
    # A day of the month on its own after a preposition ("review on the 22nd.").
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|by|from|until|till|since|before|after)[ \t]+the[ \t]+)"
            r"(?P<v>(?:[12]?\d|3[01])(?:st|nd|rd|th))\b(?=[ \t]*(?:[.,;:)]|$))",
            re.M,
        ),
    ),
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
            r"before|admitted|discharged|stopped|restarted|held|booked|scheduled|review|visit|"
            r"appointment|appt|given|done|collected|received|sent|performed|planned|next|last|"
            r"taken|drawn|changed|removed|inserted|placed|commenced|ceased|completed|expires|"
            r"expiry|onset)[ \t:]+)"
            r"(?P<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
            r"|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))(?![/\d]|\.\d)"
            r"|(?<![\d/.])(?P<w>(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))(?![/\d]|\.\d)"
        ),
    ),
    # A month and day that can only be a date, day/month ("23/4") or month/day ("7/19"); a score
    # or a ratio is excluded in pattern_candidates (_UNCUED_DAY_MONTH).
    (
        "date",
        re.compile(
            r"(?<![\w/.])(?P<u>(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])"
            r"|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01]))(?![/\d]|\.\d)"
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
        re.compile(
            # With its jurisdiction, which is part of the road's name ("State Route 2", "US
            # Highway 41", "County Road 12", "Provincial Highway 7").
            r"\b(?:(?:State|US|U\.S\.|County|Provincial|National|Federal)[ \t]+"
            r"(?:Route|Highway|Hwy|Road|Rd)|Rural[ \t]+Route|RR|Route|Highway|Hwy|Interstate)"
            r"[ \t-]?\d{1,4}\b"
        ),
    ),
    ("id_number", _CODE),
    ("id_number", _DASHED_DIGITS),
]
_PATTERNS += _MORE_PATTERNS
_UNIT_AFTER_DIGITS = re.compile(rf"(?i)\d+(?:[.,]\d+)?(?:{_UNITS})(?:/\w+)?")


def _is_code_exception(pattern: re.Pattern[str], value: str) -> bool:
    """A dose with its unit stuck on ("2500IU"), or a dashed number too short to be an id."""
    if pattern is _CODE:
        return (
            len(value) < 6
            or _UNIT_AFTER_DIGITS.fullmatch(value) is not None
            or _CLINICAL_CODE.fullmatch(value) is not None
        )
    if pattern is _DASHED_DIGITS:
        return sum(c.isdigit() for c in value) < 8
    return False


# Scores and ratios written like a day and month: "GCS 9/15", "MoCA 12/30", "3/24" (three days).
_SCALE_DENOMINATORS = frozenset({15, 18, 20, 21, 24, 25, 28, 30})
_UNIT_AFTER = re.compile(rf"[ \t]*(?i:{_UNITS}|%|mmhg)\b")


def _name_word(word: str) -> bool:
    """A capitalised word that may be a name: not a clinical or English word, or a listed name."""
    lex = lexicon()
    lower = fold(word.rstrip("'’").removesuffix("'s").removesuffix("’s"))
    if lex.clinical(lower):
        return False
    return not lex.known(lower) or lex.name_like(lower) or lower in lex.places


def _owned_by_context(pattern: re.Pattern[str], match: re.Match[str], text: str) -> bool:
    """The patterns whose match depends on the word before it (the clinical value grammar: a
    number after a lab name or a score is a result, not an identifier)."""
    if pattern is _LETTER_PREFIX:
        prefix = match.group("p")
        lex = lexicon()
        return (
            fold(prefix) not in _LABEL_WORDS
            and not lex.clinical(prefix.lower())
            and _UNIT_AFTER.match(text, match.end()) is None
            and not is_date(match.group("n"))  # "NOTE 2026-10-05", "DOS 10-05-2026": a date
        )
    if pattern is _DEVICE_CODE:
        value = match.group()
        if (
            len(value) < 5
            or _UNIT_AFTER_DIGITS.fullmatch(value)
            or _CLINICAL_CODE.fullmatch(value)
            or lexicon().clinical(value.lower())
        ):
            return False
        sentence = re.split(r"[.;\n](?:\s|$)", text[max(0, match.start() - 80) : match.start()])[-1]
        return _DEVICE_NOUN.search(sentence) is not None
    if pattern is _SPACED_DIGITS or pattern is _SLASHED_CODE:
        return sum(c.isdigit() for c in match.group()) >= (10 if pattern is _SPACED_DIGITS else 5)
    if "p" in pattern.groupindex and match.group("p"):
        return _name_word(match.group("p"))  # a postcode after a place, an age after a name
    for name in ("u", "w"):  # a month and day without a cue
        if name not in pattern.groupindex or not match.group(name):
            continue
        second = int(match.group(name).split("/")[1])
        if name == "u" and second in _SCALE_DENOMINATORS:
            return False
        if _UNIT_AFTER.match(text, match.end()):
            return False
        if name == "w" and second not in _SCALE_DENOMINATORS:
            return True  # "CXR 03/14": two digits each, after an exam, is still a date
        word = re.search(
            r"([A-Za-z][\w-]*)[ \t:=]*$", text[max(0, match.start() - 25) : match.start()]
        )
        # After an acronym or a clinical word it is a score or a result ("MoCA 12/30", "VA
        # 6/13", "Power 4/5").
        return word is None or not (
            word.group(1)[1:] != word.group(1)[1:].lower()
            or lexicon().clinical(word.group(1).lower())
        )
    return True


# Labels that stand before an identifier and are kept in view ("MRN 7710442", "NHS 401 023 2137").
_LABEL_WORDS = frozenset(
    {
        "mrn", "npi", "dea", "vin", "udi", "sn", "ur", "nhs", "nhi", "ssn", "dob", "id", "imc",
        "gmc", "nmc", "csn", "fin", "mr", "dva", "ohip", "ramq", "ihi", "gms", "uhid", "ip",
        "op", "ref", "tel", "ph", "fax", "mob", "no", "acct", "po", "box", "ahpra", "hpcsa",
        "mcr", "clia", "nric", "pps", "ird", "sin", "har", "ein", "tin",
    }
)  # fmt: skip


# Kinds of code whose value, when it is a whole date, is a date instead.
_CODE_KINDS = frozenset(
    {
        "mrn", "health_plan_id", "account_number", "licence_number", "vehicle_id", "device_id",
        "id_number",
    }
)  # fmt: skip


def pattern_candidates(text: str) -> Iterator[Redaction]:
    """Every match of the fixed-form patterns; overlaps are resolved by the caller."""
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            group: int | str = 0
            for name in ("v", "w", "u"):
                if name in pattern.groupindex and match.group(name):
                    group = name
            start, end = match.span(group)
            value = match.group(group)
            if kind == "url":
                end = start + len(value.rstrip(".,;:"))
            if _is_code_exception(pattern, value):
                continue
            if kind in _CODE_KINDS and is_date(value):
                continue  # "Session 2026-10-05": a date, found and shifted by the date redactor
            actual = kind
            if kind == "phone" and re.search(r"(?i)fax", text[max(0, start - 15) : start]):
                actual = "fax"
            before = text[max(0, start - 30) : start]
            if pattern is _BARE_LONG_NUMBER and _LAB_BEFORE_NUMBER.search(before):
                continue  # "Platelets 1250000" is a result, not an identifier
            if not _owned_by_context(pattern, match, text):
                continue
            if (
                kind == "age_over_89"
                and text[end : end + 1] in "MF"
                and _TEMPERATURE_BEFORE.search(before)
            ):
                continue  # "Temp 99F" is a temperature, not a 99-year-old woman
            yield Redaction(actual, start, end, text[start:end], label(actual))
