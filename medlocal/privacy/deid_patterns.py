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
from collections.abc import Iterable, Iterator

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
        r"chart[ \t]+(?:number|no\.?|#)|case[ \t]+note[ \t]+(?:number|no\.?)|[io]p[ \t]+no\.?|"
        r"file(?:[ \t]+(?:number|no\.?|#))?|folio",
    ),
    (
        "health_plan_id",
        r"member[ \t]+(?:id|number|no\.?|#)|policy(?:[ \t]+(?:number|no\.?|#))?|"
        r"insurance[ \t]+(?:id|number|no\.?|#)|subscriber[ \t]+(?:id|number|no\.?|#)|"
        r"health[ \t]+plan(?:[ \t]+(?:id|number|no\.?|#))?|plan[ \t]+id|"
        r"(?:medicare|medicaid)(?:[ \t]+(?:id|number|no\.?|#))?|beneficiary[ \t]+id|"
        r"group[ \t]+(?:number|no\.?|#)|nhs(?:[ \t]+(?:number|no\.?|#))?|medical[ \t]+aid|"
        r"health[ \t]+card|gms(?:[ \t]+card)?|dva|ohip|ramq|ihi|tricare|champva|medi-cal|"
        # Cards and national schemes ("Medical card 4471902K", "PhilHealth PIN", "NHIF", "PHN").
        r"(?:medical|insurance|member(?:ship)?|benefits?|gp[ \t]+visit|gold|white|hmo|"
        r"health[ \t]+care|healthcare|pension|concession|seniors?|ehic)[ \t]+card|chi|h&c|"
        r"card[ \t]+(?:number|no\.?|#)|philhealth(?:[ \t]+pin)?|nhif|nhis|abha|pm-?jay|cghs|"
        r"medishield(?:[ \t]+life)?|ahcip|phn|msp|hmo|medical[ \t]+scheme|scheme[ \t]+no\.?|"
        r"irn",
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
        r"ahpra|hpcsa|mcr|badge|pin|reg(?:istration)?|prc[ \t]+lic\.?|lic\.?[ \t]*(?:no\.?)?|"
        r"kmpdc|mdcn|apc",
    ),
    ("vehicle_id", r"vin|vehicle[ \t]+(?:id|identification[ \t]+number)|chassis(?:[ \t]+no\.?)?"),
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
        r"case|job|"
        # Codes that open a door or name a crew ("Key safe 4471", "Unit KY-A2", "Staff No.").
        r"key[ \t]*safe(?:[ \t]+(?:code|number|no\.?))?|(?:door|gate|access|entry)[ \t]+code|"
        r"unit|vehicle|call[ \t]*sign|staff[ \t]+(?:id|number|no\.?|#)|"
        r"employee(?:[ \t]+(?:id|number|no\.?|#))?|rx[ \t]*(?:#|no\.?|number)|"
        r"(?:rx)?(?:bin|pcn|grp)|"
        # Fifth round: short labels of laboratory and hospital systems ("Accn 4471882", "Enc#
        # 4471", "Lab ref. M25/004471", "Spec 25-HS-004471", "CSN", "FIN", "UBRN", "Datix").
        r"accn|acc[ \t]*(?:#|no\.?)|enc|episode|spec|lab[ \t]+ref|csn|har|ubrn|datix|"
        r"ods|docket|folder|chart",
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
    r"Ridge|Pike|Turnpike|Plaza|Gate|Meadows?|Dale|Fields?|Wynd|Brae|"
    # Fourth round: abbreviations and street words of Australia, NZ, India and elsewhere.
    r"Cres|Cl|Pde|Tce|Cct|Circuit|Gr|Esp|Hts|Mall|Estate|Marg|Nagar|Expressway|Expy|Freeway|"
    r"Fwy|Track|Glade|Grange|Hollow|Knoll|Spur|Vista|Causeway|Concourse|Strand|Nook|Outlook"
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
    r"carrera|via|viale|corso|rua|travessa|strasse|straße|jalan|jln|lorong|soi"
)

_APARTMENT = r"(?:,?[ \t]*(?i:apt|apartment|suite|ste|unit|#)\.?[ \t]*[A-Za-z0-9-]+)?"
_DIRECTION = r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
# A house number (a unit or flat number, "Blk", "No." before it; "5/22" for unit 5 at number
# 22), one to four name words or ordinals, a street word, perhaps a number ("Ave 4"), a direction
# ("NW") and an apartment; or a post-office box.
_STREET = re.compile(
    # What an address can start with (a digit, a unit word, "P.O."), not inside a word: a cheap
    # first test that spares the engine most positions of a long record.
    r"(?=[0-9FUASLRNBPfuaslrnbp])(?<![A-Za-z])"
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
            r"(?P<p>\b[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+){0,2})(?:,[ \t]*|[ \t]+-?[ \t]*)"
            r"(?P<v>\d{4,6}|\d{3}-\d{4})(?:[ \t]*(?=$|[,.;)])|(?=[ \t]{2,}|\t))"
            # A six-digit Indian PIN code after a place, whatever follows ("Bengaluru 560003
            # with her son").
            r"|(?P<p2>\b[A-Z][\w'’-]+)[ \t]+-?[ \t]*(?P<v2>[1-9]\d{5})\b(?![ \t]*[-/.]?\d)",
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
    # "aet. 93", "93 y", a sex then an age ("F, 93", "female 91").
    (
        "age_over_89",
        re.compile(
            r"(?i:\baet(?:at)?\.?[ \t]*)(?P<v>9\d|1[0-4]\d)\b"
            r"|\b(?P<a2>9\d|1[0-4]\d)[ \t]?y\b(?!/)"
            r"|(?:\b[MF]|\b(?i:male|female|man|woman))[,/ \t]+(?P<a3>9\d|1[0-4]\d)\b"
            r"(?![ \t]*(?:%|mg|kg|/|\.\d|bpm|mmhg|°))"
        ),
    ),
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
                rf"(?i:\b(?:{cues}))(?![A-Za-z])\.?(?:[ \t]+(?:is|was|reads))?[ \t]*[:#(]?[ \t]*"
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
            r"(?i:\b(?:(?:licen[cs]e[ \t]+)?plate|registration|reg\.?|rego|car|van|vehicle|"
            r"truck|ute|bus|taxi|cab|motorbike|motorcycle|scooter|trailer)"
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
    r"(?:super)?centenarian|nonagenarian|"
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
# Any other code of capitals and digits: two or more capitals, three or more digits, five or more
# characters ("KY4A2B", "AB-123-CD"): an identifier unless the clinical value grammar owns it
# (a spinal level, a gene variant "C282Y", a tumour marker "CA-125", a dose with its unit).
_SHORT_CODE = re.compile(
    r"(?<![\w-])(?=(?:[A-Za-z0-9-]*[A-Z]){2})(?=(?:[A-Za-z-]*\d){3})(?=[A-Za-z0-9-]{5})"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-]|\.\d)"
)
_VARIANT_OR_MARKER = re.compile(r"[A-Z]\d{2,4}[A-Z]|CA-?\d{2,3}|CD\d{1,3}[a-z]?")
# Digit groups joined by dashes, 8 or more digits in all ("2025-044718"). Dates and phone
# numbers of the same length win over this one (see PRIORITY in deid_spans).
_DASHED_DIGITS = re.compile(r"(?<![\w.-])\d{2,}(?:-\d{2,}){1,3}(?![\w-]|\.\d)")

# A short code of capitals before a long number belongs to it ("DH 771204498", "MCSO 25-118402",
# "THIG 5806 2114"); labels ("MRN", "NPI"), clinical words and English words before a number are
# not taken (see _LETTER_PREFIX in pattern_candidates).
_LETTER_PREFIX = re.compile(
    r"(?<![\w/-])(?P<p>[A-Z]{2,5})[ \t]"
    r"(?P<n>(?=(?:-?\d){5})\d[\d-]{3,}\d|\d{3,5}(?:[ \t]\d{3,5}){1,3})(?![\w/-])"
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

# Fourth round: general forms found by the third development half (dev3).
_WEEKDAY = (
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day)?|Tuesday|Wednesday|Thursday|"
    r"Saturday"
)
_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    r"thirty[ -]first"
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# Address parts of every country: a unit word and its number ("Lot 14", "RR 3", "Site 12",
# "Comp 7", "Blk 7", "Stand 4471", "Plot 22", "H.No 12-3-45", "Unit 4/18", "#204", "Box 118",
# "RD 4", "Phase 2"), an ordinal floor or cross street ("2nd Floor", "7th Cross") and a road by
# number ("Road No. 4"). Capitalised only ("lot 4471" of a device is found by its cue).
_UNIT_WORDS = (
    "Flat|Unit|Apt|Apartment|Suite|Ste|Level|Floor|Shop|Room|Lot|Plot|Stand|Erf|House|Block|"
    "Blk|Bldg|Building|Tower|Site|Comp|Box|Phase|Sector|Villa|Door|Kiosk|Stall|Extension|Ext|"
    "Quarter|Qtr|Stage|Zone|Cottage|Farm|Km"
)
_UNIT_ALTERNATIVES = "|".join(
    alt for word in _UNIT_WORDS.split("|") for alt in (word, word.upper())
)
_ADDRESS_PART = re.compile(
    rf"(?:\b(?:{_UNIT_ALTERNATIVES}|RR|RD|R\.R\.|H\.?[ \t]?No|D\.?[ \t]?No|"
    r"(?:Road|Street|Lane|Door)[ \t]+No)\b\.?[ \t]*#?[ \t]*|(?<![\w#])#[ \t]?)"
    r"(?=[A-Z]?\d)[A-Z]?\d{1,6}[A-Za-z]?(?:[-/]\d{1,6}[A-Za-z]?){0,3}\b"
    r"|\b\d{1,3}(?:st|nd|rd|th)[ \t]+(?:Floor|Flr|Level|Cross|Main|Block|Stage|Phase|Sector|"
    r"Street|Avenue|Road|Lane)\b"
)
# A house number as a range ("24-30 Pike Street") or with a dash after a unit ("#204 - 1175
# Nicola St"); the street grammar above takes single numbers.
_STREET_RANGE = re.compile(
    r"\b\d{1,5}[A-Za-z]?-\d{1,5}[A-Za-z]?[ \t]+(?:[A-Z][a-zA-Z'-]*[ \t]+){1,4}"
    rf"(?:{_STREET_TYPES})\b\.?"
)
# Japanese block numbers before a district ("3-14-2 Nishi-Shinjuku", "5-1 Tsukudo-cho").
_CHOME = re.compile(
    r"\b(?!(?:19|20)\d\d-)\d{1,4}(?:-\d{1,4}){1,2}[ \t]+"
    r"(?P<p>(?!(?:Dr|Mr|Mrs|Ms|Mx|St|Prof)\b)[A-Z][a-z]+(?:-[A-Za-z]+)?)"
)
_FOURTH_ROUND: list[tuple[str, re.Pattern[str]]] = [
    ("street_address", _ADDRESS_PART),
    ("street_address", _STREET_RANGE),
    ("street_address", _CHOME),
    ("zip_code", re.compile(r"〒[ \t]?\d{3}-?\d{4}")),
    # Telephone numbers in national layouts: an area code in brackets ("(07) 3555 0142", "(02)
    # 8555-1234"), a trunk code and a dash ("040-2355 1234"), Australian 1300/1800 numbers, two
    # groups of four digits ("6555 0123", not a year: 3-9 first).
    (
        "phone",
        re.compile(
            r"(?<![\w)])\(0?\d{1,4}\)[ \t]?\d{3,4}[ \t.-]?\d{3,4}(?![\w-])"
            r"|(?<![\w+.-])0\d{1,4}-\d{3,4}[ \t-]?\d{3,4}(?![\w-])"
            r"|\b1[38]00[ \t]?\d{3}[ \t]?\d{3}\b"
            rf"|(?<![\w.,/+-])[3-9]\d{{3}}[ \t-]\d{{4}}(?![\w,/-]|\.\d){_NOT_A_VALUE_AFTER}"
        ),
    ),
    # A handle with no dot after the @ ("arjun.iyer1931@abdm", an ABHA address).
    ("email", re.compile(r"(?<![\w.@])[A-Za-z0-9._%+-]+@[A-Za-z][A-Za-z0-9-]+(?![\w@.])")),
    # A domain with a path, or a two-level country domain, whatever the top-level domain
    # ("knh.or.ke/tele", "clinic.co.za").
    (
        "url",
        re.compile(
            r"(?<![\w@/.-])(?:[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*\.)+[A-Za-z]{2,6}/[^\s<>\"'\])]*"
            r"|(?<![\w@/.-])(?:[A-Za-z0-9-]{2,}\.)+(?:co|or|ac|go|gov|org|com|net|edu|ne|nhs|"
            r"med)\.[a-z]{2}\b"
        ),
    ),
    # Dates: a weekday before a day ("Tues 14th", "Mon 17/11", "Sat 11/1"), a month named after
    # a preposition ("in June", "since May"), a date written with CJK year, month and day marks.
    (
        "date",
        re.compile(
            rf"\b(?P<v>(?:{_WEEKDAY})\.?,?[ \t]+(?:(?:the[ \t]+)?\d{{1,2}}(?:st|nd|rd|th)\b"
            r"|\d{1,2}/\d{1,2}\b(?!/)))"
        ),
    ),
    (
        "date",
        re.compile(
            r"(?i:\b(?:in|since|until|till|during|by|from|early|mid|late|end[ \t]+of|"
            r"beginning[ \t]+of|start[ \t]+of|last|next|before|after|through)[ \t]+)"
            rf"(?P<v>(?:{_MONTH_NAMES}|Sept?|Oct|Nov|Dec|Jan|Feb|Aug)\b)"
        ),
    ),
    ("date", re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")),
    # An ISO date with its time ("2025-08-14T09:30"), a holiday that names a day ("Christmas
    # Eve", "Boxing Day", "Anzac Day"), a day in words ("the fourteenth of August", "August the
    # 14th").
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}(?=T\d)")),
    (
        "date",
        re.compile(
            r"\b(?:Christmas(?:[ \t]+(?:Day|Eve))?|New[ \t]+Year['’]?s(?:[ \t]+(?:Day|Eve))?|"
            r"Boxing[ \t]+Day|Thanksgiving|Halloween|Valentine['’]?s[ \t]+Day|"
            r"Independence[ \t]+Day|Canada[ \t]+Day|Australia[ \t]+Day|Anzac[ \t]+Day|"
            r"Waitangi[ \t]+Day|St\.?[ \t]+Patrick['’]?s[ \t]+Day|Guy[ \t]+Fawkes(?:[ \t]+Night)?|"
            r"Bonfire[ \t]+Night|Remembrance[ \t]+Day|Memorial[ \t]+Day|Labou?r[ \t]+Day|"
            r"Good[ \t]+Friday|Easter(?:[ \t]+(?:Sunday|Monday|Day))?|Bastille[ \t]+Day)\b"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?i:\b(?:the[ \t]+)?(?:{_ORDINAL_WORDS})(?:[ \t]+of)?[ \t]+)(?-i:{_MONTH_NAMES})\b"
            rf"|\b(?:{_MONTH_NAMES})[ \t]+the[ \t]+"
            rf"(?:\d{{1,2}}(?:st|nd|rd|th)|(?i:{_ORDINAL_WORDS}))\b"
        ),
    ),
    # A pharmacy claim's processor control number, letters only ("RxPCN MEDDADV").
    ("id_number", re.compile(r"\b(?:Rx)?PCN[ \t]*:?[ \t]*(?P<v>[A-Z0-9]{3,12})\b")),
    # An Australian Medicare card's individual reference number, one digit ("IRN 2").
    ("health_plan_id", re.compile(r"\bIRN[ \t]*:?[ \t]*(?P<v>\d)\b")),
    # A number after a store, depot or unit sign ("CVS Pharmacy #9921").
    ("id_number", re.compile(r"(?<=[A-Za-z])[ \t]+(?P<v>#[ \t]?\d{1,6})\b")),
    # A nickname in quotes beside a name ("Travis \"Bubba\" Kowalski", "(\"Toby\")").
    (
        "name",
        re.compile(
            r"(?:(?<=[A-Za-z] )|(?<=\())[\"“'‘](?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[\"”'’]"
            r"(?=[ \t]+[A-Z]|\))"
        ),
    ),
    # Initials standing for a person ("J.T. reports"); abbreviations of that shape are left.
    (
        "name",
        re.compile(
            r"(?<![\w.])(?!(?:A\.M|P\.M|U\.S|U\.K|N\.B|P\.S|I\.V|I\.M|P\.O|S\.C|O\.D|B\.D|T\.D|"
            r"Q\.D|D\.O|M\.D|R\.N|N\.P|E\.R|O\.R|G\.P|D\.C|U\.N|E\.U|C\.T|M\.R|A\.F|V\.F|V\.T|"
            r"B\.P|H\.R|P\.R|R\.R|S\.L|P\.V|A\.D|B\.C|E\.G|I\.E)\.)(?P<v>[A-Z]\.[A-Z]\.)"
            r"(?=[ \t]*[,)]|[ \t]+(?:reports|reported|said|says|called|visited|is|was|and)\b)"
        ),
    ),
    # Names written in Chinese, Japanese or Korean script in an English note ("佐藤 博"); the marks
    # of a date (年, 月, 日) are the date's.
    (
        "name",
        re.compile(
            r"(?:(?![年月日])[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af])+"
            r"(?:[ \t\u3000](?:(?![年月日])[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af])+)*"
        ),
    ),
    # A month and day alone in a field, between field gaps ("Towson, MD   7/4").
    (
        "date",
        re.compile(
            r"(?:(?<=[ \t]{2})|(?<=\t))(?P<g>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))"
            r"(?=[ \t]*$|[ \t]{2}|\t)",
            re.M,
        ),
    ),
    # Private and locked bags, GPO boxes ("Private Bag 3020", "PMB 1234").
    (
        "street_address",
        re.compile(
            r"\b(?:(?:Private|Locked|GPO|PO|P\.O\.?)[ \t]+(?:Bag|Box)|PMB|P\.M\.B\.?|"
            r"Freepost|Postnet[ \t]+Suite)[ \t]*:?[ \t]*\d{1,6}\b"
        ),
    ),
    # Telephone labels of one letter ("M: 0412 345 678", "T: 02 9555 0123", "F: ..." a fax),
    # and a country code before a bracketed trunk zero ("+44 (0)20 7946 0958").
    (
        "phone",
        re.compile(
            r"(?:\b[MTHW][ \t]*:[ \t]*)(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])"
            r"|(?<![\w+])\+\d{1,3}[ \t]?\(0\)[ \t]?\d{1,4}(?:[ \t.-]?\d{2,4}){1,3}(?![\w-])"
        ),
    ),
    ("fax", re.compile(r"\bF[ \t]*:[ \t]*(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])")),
    # A local number of seven digits ("555-0147").
    ("phone", re.compile(rf"(?<![\w./-])\d{{3}}-\d{{4}}(?![\w/-]|\.\d){_NOT_A_VALUE_AFTER}")),
    # A postcode after its label ("Postcode: 4001", "PIN code 560003"), Singapore's "S(560123)".
    (
        "zip_code",
        re.compile(
            r"(?i:\b(?:post[ \t]*code|postal[ \t]+code|pin[ \t]*code|zip[ \t]*code|eircode))"
            r"[ \t]*:?[ \t]*(?P<v>[A-Z0-9]{2,4}[ ]?[A-Z0-9]{3,4}|\d{4,6})\b|\bS\(\d{6}\)"
        ),
    ),
    # Ages: a birthday ("her 93rd birthday"), a decade over ninety ("in his nineties", "late
    # 90s").
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>(?:9\d|1[0-4]\d)(?:st|nd|rd|th))(?=[ \t]+birthday)"
            r"|(?i:\b(?P<a>(?:(?:early|mid|late)[ \t-]+)?(?:nineties|90s|90's)|"
            r"(?:10th|tenth|11th|eleventh)[ \t]+decade))\b"
        ),
    ),
    # A plate after a car's make and model in the same sentence ("a blue Toyota Corolla, KDA
    # 123X"; "Ford F-150, plate..."): letters and digits in capitals.
    (
        "vehicle_id",
        re.compile(
            r"(?i:\b(?:toyota|honda|ford|chevrolet|chevy|nissan|hyundai|kia|mazda|subaru|"
            r"volkswagen|vw|bmw|mercedes(?:-benz)?|audi|tesla|jeep|dodge|buick|"
            r"cadillac|chrysler|holden|mitsubishi|suzuki|isuzu|peugeot|renault|skoda|volvo|"
            r"lexus|maruti|tata|mahindra|proton|perodua|vauxhall|fiat|citroen|citroën|opel|"
            r"dacia|geely|byd|chery|land[ \t]+rover|range[ \t]+rover)\b)"
            r"[^.\n]{0,40}?(?<![\w-])(?P<v>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])"
            r"[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,6}){0,2})(?![\w-])"
        ),
    ),
    # A UK registration mark ("WF68 KZP") without a cue.
    ("vehicle_id", re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{3}\b")),
]

_FOREIGN_MONTHS = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    "d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|"
    "noviembre|diciembre|januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember|januari|"
    "februari|maart|mei|augustus|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|"
    "ottobre|dicembre"
)
_MONTH_SHORT = rf"{_MONTH_NAMES}|Sept?|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
# Fifth round: general forms found by the fourth development half (dev4).
_FIFTH_ROUND: list[tuple[str, re.Pattern[str]]] = [
    # Holidays and named days that fix a date, of many countries and faiths ("Veterans Day",
    # "Whit Monday", "Chinese New Year", "Diwali", "Hallowe'en", "Ostermontag", "fête
    # nationale").
    (
        "date",
        re.compile(
            r"\b(?:Veterans['’]?|Groundhog|May|Presidents['’]?|Columbus|Victoria|Family|"
            r"Armistice|Mother['’]?s|Father['’]?s|Ascension|Epiphany|Pentecost|Juneteenth|"
            r"Emancipation|Heritage|Reconciliation|Freedom|Republic|National|Constitution|"
            r"Unity|Youth|Women['’]?s|Workers['’]?|Sinterklaas|King['’]?s|Queen['’]?s|Burns|"
            r"All[ \t]+Saints['’]?|All[ \t]+Souls['’]?|"
            r"Martin[ \t]+Luther[ \t]+King(?:[ \t]+Jr\.?)?|"
            r"MLK|St\.?[ \t]+(?:Andrew|David|George|Stephen|Valentine)['’]?s)[ \t]+Day\b"
            r"|\b(?:Whit|Easter|Pentecost|Shrove|Ash|Palm|Maundy|Holy|Remembrance|Mothering|"
            r"Trinity)[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            r"|\b(?:Chinese|Lunar|Persian|Jewish|Islamic|Hindu|Thai|Vietnamese|Sikh)[ \t]+New[ \t]+"
            r"Year(?:['’]s(?:[ \t]+(?:Day|Eve))?)?\b"
            r"|\b(?:Whitsun(?:tide)?|Hallowe['’]?en|Hogmanay|Diwali|Deepavali|Hanukk?ah|Chanukah|"
            r"Yom[ \t]+Kippur|Rosh[ \t]+Hashanah|Passover|Pesach|Purim|Eid(?:[ \t-](?:al|ul)[ \t-]"
            r"(?:Fitr|Adha))?|Hari[ \t]+Raya(?:[ \t]+\w+)?|Holi|Pongal|Onam|Vesak|Thaipusam|"
            r"Navratri|Dussehra|Dasara|Vaisakhi|Baisakhi|Raksha[ \t]+Bandhan|Ganesh[ \t]+Chaturthi|"
            r"Makar[ \t]+Sankranti|Songkran|T[eế]t|Kwanzaa|Juneteenth|Mardi[ \t]+Gras|Twelfth[ \t]+"
            r"Night|Candlemas|Michaelmas|Cinco[ \t]+de[ \t]+Mayo|D[ií]a[ \t]+de[ \t]+(?:los[ \t]+)?"
            r"Muertos|Ostermontag|Karfreitag|Pfingstmontag|Heiligabend|Silvester|Koningsdag|"
            r"Bastille|Ramadan|Ramazan|Shavuot|Sukkot)\b"
            r"|(?i:\bf[eê]te[ \t]+nationale\b|\bjour[ \t]+de[ \t]+l['’]an\b|"
            r"\bno[eë]l\b(?=[ \t]*[,.;)]))"
        ),
    ),
    # A day and a month in French, Spanish, German, Dutch or Italian ("1er juillet 2025", "14
    # juillet", "3 de mayo", "21. März").
    (
        "date",
        re.compile(
            r"(?i:\b\d{1,2}(?:er|e|º|°|\.)?[ \t]+(?:de[ \t]+)?"
            rf"(?:{_FOREIGN_MONTHS})\b(?:[ \t]+(?:de[ \t]+)?\d{{4}}\b)?)"
        ),
    ),
    # A range of days before or after a month ("3–5 May", "19-23 May", "May 3–5"), a weekday
    # before a day and month ("Tue 2 Sept", "Friday 14 February").
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]*[-–—][ \t]*\d{{1,2}}(?:st|nd|rd|th)?[ \t]+"
            rf"(?:of[ \t]+)?(?:{_MONTH_SHORT})\b"
            rf"|\b(?:{_MONTH_SHORT})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?[ \t]*[-–—][ \t]*"
            r"\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)"
            rf"|\b(?:{_WEEKDAY})\.?,?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+"
            rf"(?:{_MONTH_SHORT})\b"
            # The first day of two joined by a word ("between 3rd and 5th May").
            r"|\b\d{1,2}(?:st|nd|rd|th)?(?=[ \t]+(?:and|to|or|until|till|through|&)[ \t]+"
            rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{_MONTH_SHORT})\b)"
        ),
    ),
    # A day of the month in words after a preposition, at the end of a phrase ("discharged on
    # the fifth.", "until the twenty-first,").
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|by|from|until|till|since|before|after)[ \t]+the[ \t]+)"
            rf"(?P<v>(?i:{_ORDINAL_WORDS}))(?=[ \t]*(?:[.,;)]|$))",
            re.M,
        ),
    ),
    # Ages: a sex after "96 Y /" ("Age/Sex: 96 Y / M"), an age in digits in brackets after one
    # in words ("aged ninety-eight (98)"), "At 96," opening a sentence.
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)[ \t]*(?:Y|Yrs?|YRS?|yrs?)\.?[ \t]*/[ \t]*(?:M|F|Male|Female)\b"
            rf"|(?i:\b(?:{_AGE_WORDS}))[ \t]*\([ \t]*(?P<a>9\d|1[0-4]\d)[ \t]*\)"
            r"|(?:^|(?<=[.!?][ \t])|(?<=[.!?][ \t]{2}))At[ \t]+(?P<a2>9\d|1[0-4]\d)\b"
            r"(?=[ \t]*(?:,|and\b|he\b|she\b|"
            r"they\b|years\b))",
            re.M,
        ),
    ),
    # Health-plan numbers after the words insurers use for a member ("member 441 182 930",
    # "adhérent 0441882 209", "Sub ID GHP441882-01", "Cert # C-0881204", "polisnummer ZK
    # 441882090", "BIC 91884420A3", "plan code LA-HMO-2291").
    (
        "health_plan_id",
        re.compile(
            r"(?i:\b(?:member(?:ship)?|mbr|subscriber|sub[ \t]+id|adh[ée]rent|affili[ée]|"
            r"insured|beneficiary|cert(?:ificate)?|plan[ \t]+code|bic|polis(?:nummer)?|"
            r"versichertennummer|kvnr|mutuelle|cover(?:[ \t]+no\.?)?|payer[ \t]+id|enrollee|"
            r"dependant|dependent)\b)(?:[ \t]+(?i:id|no\.?|number|#|code))?[ \t]*[:#]?[ \t]*"
            r"(?P<v>(?=[A-Z0-9 /-]{0,6}\d\d)[A-Z]{0,4}[ -]?\d[\dA-Z]*(?:(?:[ /-]|[ ]-[ ])"
            r"[\dA-Z]*\d[\dA-Z]*){0,4})(?![\w-])"
        ),
    ),
    # A Medicare card's individual reference number after a slash ("2951 60413 1/3"), a BC
    # personal health number ("9 123 456 782").
    ("health_plan_id", re.compile(r"\b\d{4}[ ]?\d{5}[ ]?\d/(?P<v>\d)\b")),
    ("health_plan_id", re.compile(r"(?<![\w.,/-])\d[ ]\d{3}[ ]\d{3}[ ]\d{3}(?![\w/-]|[.,]\d)")),
    # A French social security number (NIR: "1 32 07 31 555 042 37").
    (
        "ssn",
        re.compile(
            r"(?<![\w.,/-])[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?"
            r"\d{3}[ ]?\d{3}(?:[ ]?\d{2})?(?![\w/-]|[.,]\d)"
        ),
    ),
    # More ages: in brackets after the patient ("Pt (93)"), after "of" ("a lady of 97", "at the
    # age of 93"), after "is nearly" and the like ("she is nearly 95", "he will be about 100").
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:pt|patient|client|resident|he|she)\.?)[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)"
            r"[ \t]*(?i:y|yo|yrs?|years?)?[ \t]*\)"
            r"|(?i:\b(?:age|man|woman|lady|gentleman|gent|female|male|patient|widow|widower|"
            r"resident|veteran|person)[ \t]+of[ \t]+)(?P<a>9\d|1[0-4]\d)\b"
            rf"(?![ \t]*(?:[-–]|\.\d|/)){_NOT_A_VALUE_AFTER}"
            r"|\b(?i:he|she|they|who)[ \t]+(?i:is|was|will[ \t]+be|would[ \t]+be|turns|turned|"
            r"turning|reaches|reached)[ \t]+(?i:(?:now|nearly|almost|over|just|about|only|aged)"
            rf"[ \t]+)+(?P<a2>9\d|1[0-4]\d)\b(?![ \t]*(?:[-–]|\.\d|/)){_NOT_A_VALUE_AFTER}"
        ),
    ),
    # An age after a person noun and a comma ("Resident, 96, in room 4"), after an age label
    # with a qualifier ("Age at death: 97", "Age (yrs): 93").
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:resident|patient|client|gentleman|lady|widow|widower|veteran|man|woman|"
            r"female|male))[ \t]*,[ \t]+(?P<v>9\d|1[0-4]\d)\b"
            r"(?=[ \t]*(?:,|\)|;|years\b|yrs\b|y\b|$))"
            r"|(?i:\bage[ \t]+(?:at|on)[ \t]+(?:death|admission|presentation|diagnosis|referral|"
            r"onset|assessment)|\bage[ \t]*\((?:yrs?|years)\))[ \t]*:?[ \t]*(?P<a>9\d|1[0-4]\d)\b",
            re.M,
        ),
    ),
    # A telephone number after a verb of calling ("ring on 555 0147", "text 07700900123",
    # "call him on 0412 345 678"), or after a country code in brackets ("(+353) 1 555 0123").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:ring|call|text|rang|phoned?|contact(?:able)?|sms|whatsapp|landline|"
            r"reach(?:able)?)(?:[ \t]+(?:him|her|them|me|us))?(?:[ \t]+(?:on|at))?)[ \t]*:?[ \t]*"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-]|[.,]\d)"
            r"|\(\+\d{1,3}\)[ \t]?\d{1,4}(?:[ \t.-]?\d{2,4}){1,4}(?![\w-])"
        ),
    ),
    # A month after "mid-", "early-", "late-" ("mid-March"); a day and month after "w/c", "week
    # commencing" ("w/c 10/3").
    (
        "date",
        re.compile(
            rf"(?i:\b(?:mid|early|late|end)-)(?P<v>(?:{_MONTH_SHORT})\b)"
            r"|(?i:\b(?:w/[cbe]|w[cb]|(?:week|wk)[ \t]+(?:commencing|beginning|ending|of))[ \t:]+)"
            r"(?P<w>\d{1,2}/\d{1,2})(?![/\d]|\.\d)"
        ),
    ),
    # Letters, then three or more groups of digits ("CLM 8842 1190 03", "HMK 5507 1209 88",
    # "Aetna W 188 442 017"); a long number with a suffix after a slash ("Bupa 88120447/01").
    ("id_number", re.compile(r"\b[A-Z]{1,5}[ ]\d{3,5}(?:[ ]\d{2,5}){2,}\b")),
    ("id_number", re.compile(r"(?<![\w./-])\d{6,}/\d{1,3}(?![\w/-]|[.,]\d)")),
]

_MORE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("device_id", _DEVICE_CODE),
    ("device_id", _UDI),
    # A hospital bleep, pager or extension: 3-6 digits ("bleep 4471", "ext. 2204").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:bleep|pager|page|ext|extension|dect|vocera|ascom|beeper|lrp|"
            r"air[ \t]*call)\b)\.?[ \t]*[:#]?[ \t]*(?P<v>\d{3,6})\b"
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
            r"(?P<v>(?i:ext\.?|extension)[ \t]*\d{1,6}|x[ \t]?\d{1,6})(?![\w^]|\.\d)"
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
    # National numbers with a trunk zero in any grouping, nine to eleven digits ("0800 83 83 83",
    # "07700 900412", "01 555 0123"), and international numbers after 00 ("00 44 20 7946 0958").
    (
        "phone",
        re.compile(
            r"(?<![\w+.])(?=0(?:[ \t-]?\d){8,10}(?![ \t-]?\d))0\d{1,4}(?:[ \t-]\d{2,6}){1,4}"
            r"(?![\w-])"
            r"|(?<![\w+.])(?=00(?:[ \t.-]?\d){9,14}(?![ \t.-]?\d))00[ \t]?[1-9]\d{0,2}"
            r"(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
    # Month/day without a year, only with a cue or written with two digits each ("on 3/20",
    # "started 10/21", "03/14"): bare "5/5" or "3/6" is a motor grade or a murmur.
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|since|from|started|starting|until|till|through|by|dated|seen|due|after|"
            r"before|admitted|discharged|stopped|restarted|held|booked|scheduled|review|visit|"
            r"appointment|appt|given|done|collected|received|sent|performed|planned|next|last|"
            r"taken|drawn|changed|removed|inserted|placed|commenced|ceased|completed|expires|"
            r"expiry|onset|edd|edc|lmp|dod|doa|dos|doi|dop|due[ \t]+date)[ \t:]+)"
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
    *_FOURTH_ROUND,
    *_FIFTH_ROUND,
    ("id_number", _CODE),
    ("id_number", _SHORT_CODE),
    ("id_number", _DASHED_DIGITS),
]
_PATTERNS += _MORE_PATTERNS

# Speed: a pattern that can only match at the start of a word (it opens with a word boundary
# and a word, or with a cue word) is told so by a cheap look-around first, so the regular
# expression engine skips every other position of the text before trying its alternatives
# (a third to a half of the time of such a pattern on a 20-page record). The patterns that the
# context checks below recognise by identity, and those that may open with a sign, are left as
# they are.
_WORD_START = r"(?<!\w)(?=\w)"
_WORD_OPENINGS = ("\\b", "(?i:\\b", "(?:\\b", "(?P<v>\\b", "(?P<p>\\b")


def _at_word_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if not pattern.pattern.startswith(_WORD_OPENINGS) or pattern in _BY_IDENTITY:
        return pattern
    return re.compile(_WORD_START + pattern.pattern, pattern.flags)


_UNIT_AFTER_DIGITS = re.compile(rf"(?i)\d+(?:[.,]\d+)?(?:{_UNITS})(?:/\w+)?")


def _is_code_exception(pattern: re.Pattern[str], value: str) -> bool:
    """A dose with its unit stuck on ("2500IU"), or a dashed number too short to be an id."""
    if pattern is _CODE:
        return (
            len(value) < 5
            or re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d+", value) is not None  # a date and time
            or _UNIT_AFTER_DIGITS.fullmatch(value) is not None
            or _CLINICAL_CODE.fullmatch(value) is not None
        )
    if pattern is _SHORT_CODE:
        return (
            _UNIT_AFTER_DIGITS.fullmatch(value) is not None
            or _CLINICAL_CODE.fullmatch(value) is not None
            or _VARIANT_OR_MARKER.fullmatch(value) is not None
            or lexicon().clinical(value.lower())
        )
    if pattern is _DASHED_DIGITS:
        return sum(c.isdigit() for c in value) < 8
    return False


# A procedure or diagnosis code after its system's name ("CPT 45385", "ICD-10 I21.4", "OPCS
# W24.1"), and a trial's name: an English word in capitals and a short number ("KEYNOTE-522",
# "CHECKMATE-067"). Neither identifies a person.
_CODE_SYSTEM = re.compile(
    r"(?:\b(?:CPT|ICD(?:-?(?:9|10|11)(?:-?(?:CM|PCS|AM))?)?|HCPCS|LOINC|SNOMED(?:[ \t-]?CT)?|"
    r"OPCS(?:-?4)?|DRG|MS-DRG|MBS|ICPC(?:-?2)?|ACHI|CCSD)(?:[ \t]+(?:code|item))?"
    r"[ \t]*[:#]?[ \t]*)$"
)
_TRIAL = re.compile(r"(?P<w>[A-Z]{5,})-\d{1,3}")


def _clinical_code_or_trial(value: str, text: str, start: int) -> bool:
    if _CODE_SYSTEM.search(text[max(0, start - 24) : start]) or _CODE_SYSTEM.match(value):
        return True
    if _CODE_SYSTEM.search(value.split(" ")[0] + " "):
        return True  # "CPT 45385" matched as a whole
    trial = _TRIAL.fullmatch(value)
    return trial is not None and trial.group("w").lower() in lexicon().english


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
            and prefix not in _STATE_CODES  # "IL 62704" is a state and its ZIP code
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
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        if pattern is _SPACED_DIGITS:
            return digits >= 10
        # "LUTH/OH/4471": letters and four digits are a code too; digits alone need five.
        return digits >= 5 or (digits >= 4 and any(c.isalpha() for c in value))
    for place in ("p", "p2"):  # a postcode after a place, an age after a name
        if place in pattern.groupindex and match.group(place):
            return any(_name_word(word) for word in match.group(place).split())
    if "g" in pattern.groupindex and match.group("g"):
        # Not a power grade or a score ("4/5", "7/10") written in a table's column.
        return int(match.group("g").split("/")[1]) not in _SCALE_DENOMINATORS | {5, 10}
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
            r"([A-Za-z][\w-]*)([ \t:=]*)$", text[max(0, match.start() - 25) : match.start()]
        )
        if word is not None and re.search(r"[ \t]{2}|\t", word.group(2)):
            return True  # after a field gap ("Towson, MD   7/4"): a header's date, not a score
        # After an acronym or a clinical word it is a score or a result ("MoCA 12/30", "VA
        # 6/13", "Power 4/5").
        return word is None or not (
            word.group(1)[1:] != word.group(1)[1:].lower()
            or lexicon().clinical(word.group(1).lower())
        )
    return True


# Labels that stand before an identifier and are kept in view ("MRN 7710442", "NHS 401 023 2137").
_STATE_CODES = frozenset(_STATES.split("|")) | {"NSW", "VIC", "QLD", "TAS", "NT", "ACT"}
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
            for name in ("v", "w", "u", "v2", "g", "a", "a2", "a3"):
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
            if kind in _CODE_KINDS | {"zip_code"} and _clinical_code_or_trial(value, text, start):
                continue  # "CPT 45385", "ICD-10 I21.4", "KEYNOTE-522": no identifier
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


def address_line_candidates(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The parts of address lines (see _address_lines) that no other detector has found: the
    other detectors keep their finds and kinds ("Springfield" a city, "62704" a ZIP), and what
    they all missed in the line ("Causeway", "Trinoma Mall", "EDSA cor.") is removed too. A
    state or province code of two or three capitals is left ("IL", "NSW"): Safe Harbor keeps
    states."""
    spans = list(_address_lines(text))
    if not spans:
        return
    covered = bytearray(len(text))
    for red in found:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    for start, end in spans:
        i = start
        while i < end:
            if covered[i]:
                i += 1
                continue
            j = i
            while j < end and not covered[j]:
                j += 1
            piece = re.search(r"[\w#〒].*[\w.]|[\w#〒]", text[i:j])
            if piece is not None:
                a, b = i + piece.start(), i + piece.end()
                value = text[a:b].rstrip(".")
                words = [w for w in re.split(r"[\s,]+", value) if w]
                if not (
                    re.fullmatch(r"[A-Z]{2,3}", value)
                    or all(w.lower() in _ADDRESS_JOINERS for w in words)
                ):
                    end_at = a + len(value)
                    yield Redaction(
                        "street_address", a, end_at, text[a:end_at], label("street_address")
                    )
            i = j


# What opens an address in a note: a field label or a phrase, or an address part ("Lot 14").
_ADDRESS_CUE = re.compile(
    r"(?i:\b(?:(?:home|postal|mailing|current|winter|summer|permanent|usual|street|residential)"
    r"[ \t]+)?(?:address|addr)\b\.?[ \t]*:?|\b(?:home|location|residence)[ \t]*:|"
    r"\b(?:lives|living|resides|residing|located|staying)[ \t]+(?:at|in)\b|\bc/o\b|"
    r"\bcare[ \t]+of\b|\bmail[ \t]+to\b|\b(?:calling|joined|phoning)[ \t]+from\b)[ \t]*"
)
# Small words an address line holds in lower case ("EDSA cor. North Avenue", "Rue de la Paix").
_ADDRESS_JOINERS = frozenset(
    {
        "of", "the", "de", "la", "le", "du", "des", "del", "da", "van", "der", "cor", "cor.",
        "cnr", "cnr.", "corner", "off", "near", "opp", "opp.", "and", "&", "-", "–", "on", "upon",
        "am", "an", "y", "e",
    }
)  # fmt: skip
_ADDRESS_ABBR = frozenset(
    {
        "cor", "cnr", "no", "st", "rd", "ave", "av", "co", "mt", "ft", "opp", "nr", "blk", "apt",
        "ste", "dr", "ln", "hwy", "pl", "ct", "sq", "bldg", "flr", "brgy", "ext", "jr",
    }
)  # fmt: skip
_ADDRESS_SEGMENT = re.compile(r"[^,;:()\n]+")


def _address_lines(text: str) -> Iterator[tuple[int, int]]:
    """An address line read part by part after its opening (an address label or phrase, or an
    address part such as "Lot 14"): every comma-separated part written like a place (capitals,
    numbers, a few small joining words) belongs to it, up to the end of the line, a sentence or
    a field gap. A line that only follows a label must hold a number or a word that is no plain
    English or clinical word, so "Location: Left Lower Lobe" stays."""
    lex = lexicon()
    starts: list[tuple[int, bool]] = [(m.end(), False) for m in _ADDRESS_CUE.finditer(text)]
    starts += [(m.start(), True) for m in _ADDRESS_PART.finditer(text)]
    done = -1
    for begin, from_part in sorted(starts):
        if begin < done:
            continue
        pos = begin
        end = begin
        evidence = from_part
        for _ in range(7):
            segment = _ADDRESS_SEGMENT.match(text, pos)
            if segment is None:
                break
            raw = segment.group()
            gap = re.search(r"[ \t]{2,}|\t|\.(?=[ \t]+[A-Z])|\.$", raw)
            cut = False
            if gap is not None:
                before = re.search(r"(\w+)$", raw[: gap.start()])
                # A period after an abbreviation ("cor.", "No.", "St.") does not end the line.
                if not (
                    gap.group().startswith(".")
                    and before
                    and (len(before.group(1)) == 1 or before.group(1).lower() in _ADDRESS_ABBR)
                ):
                    raw = raw[: gap.start()]
                    cut = True
            words = raw.split()
            if not words or len(words) > 6:
                break
            if not all(
                w[0].isupper() or w[0].isdigit() or w[0] in "#〒" or w.lower() in _ADDRESS_JOINERS
                for w in words
            ):
                break
            if any(lex.clinical(fold(w.strip(".'’"))) and not w[0].isdigit() for w in words):
                break
            evidence = evidence or any(
                any(c.isdigit() for c in w) or not lex.known(fold(w.strip(".,'’"))) for w in words
            )
            end = segment.start() + len(raw.rstrip(" \t."))
            pos = segment.start() + len(raw)
            if cut or pos >= len(text) or text[pos] != ",":
                break
            pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        if evidence and end > begin:
            start = begin
            while start < end and text[start] in " \t":
                start += 1
            done = end
            yield start, end


_BY_IDENTITY = frozenset(
    {
        _CODE, _SHORT_CODE, _DASHED_DIGITS, _LETTER_PREFIX, _DEVICE_CODE, _SPACED_DIGITS,
        _SLASHED_CODE, _BARE_LONG_NUMBER,
        _ADDRESS_PART,  # "#204": a match may open with a sign, not a word
    }
)  # fmt: skip
# The patterns as written, kept for the test that the anchored ones find the same spans.
UNANCHORED_PATTERNS = tuple(_PATTERNS)
_PATTERNS[:] = [(kind, _at_word_start(pattern)) for kind, pattern in _PATTERNS]
