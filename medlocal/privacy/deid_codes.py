"""Fixed-form patterns for numbers and codes: SSNs, numbers after a cue typed by the cue (MRN,
health plan, account, licence, vehicle, device, any other), any labelled number, and codes
without a cue (long numbers, codes of letters and digits, dashed, spaced and slashed digit groups,
UDI strings, MAC addresses). See :mod:`medlocal.privacy.deid_pattern_context` for the codes the
clinical value grammar owns.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_addresses import STREET_TYPES
from medlocal.privacy.deid_counts import COUNT_AFTER

# Round 17: "reg." after a pulse or its rate is "regular" ("HR 72 reg. HbA1c 8.1%", "Pulse 80
# reg., BP 120/80"), no registration's label: a number, "bpm", "/min", "pulse" or "rhythm"
# before it.
_REG = (
    r"(?<!\d[ \t])(?<!\d,[ \t])(?<!\d)(?<!bpm[ \t])(?<!min[ \t])(?<!pulse[ \t])"
    r"(?<!rhythm[ \t])reg"
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
        # Session 43: and its short form ("med card 1108 447 2K").
        r"(?:medical|med|insurance|member(?:ship)?|benefits?|gp[ \t]+visit|gold|white|hmo|"
        r"health[ \t]+care|healthcare|pension|concession|seniors?|ehic)[ \t]+card|chi|h&c|"
        r"card[ \t]+(?:number|no\.?|#)|philhealth(?:[ \t]+pin)?|nhif|nhis|abha|pm-?jay|cghs|"
        r"medishield(?:[ \t]+life)?|ahcip|phn|msp|hmo|medical[ \t]+scheme|scheme[ \t]+no\.?|"
        r"irn|"
        # Session 59 (dev71): a Belgian mutuality's affiliation ("aansluiting 441/882031/26").
        r"aansluiting(?:snummer)?",
    ),
    (
        "account_number",
        r"(?:billing[ \t]+)?account(?:[ \t]+(?:number|no\.?|#))?|acct\.?(?:[ \t]*(?:#|no\.?))?|"
        r"c-?file(?:[ \t]+(?:number|no\.?|#))?|"
        # A mobile-money pay bill or till ("paybill 550120"), a short "acc" before a long
        # number ("acc 0412 5581"; "ACC 2014 guidelines" is a college).
        r"pay[ \t]?bill(?:[ \t]+(?:number|no\.?|#))?|till[ \t]+(?:number|no\.?|#)|"
        # Round 18: also a number in groups of three after two digits ("acc 62 884 117 093").
        r"(?-i:[Aa]cc)(?=[ \t]*(?:no\.?|#|:)?[ \t]*(?:\d{3,}[ -]?\d{3,}|\d\d[ ]\d{3}[ ]\d{3}))|"
        # and the last digits of a bank card ("card ending 4471", "card\nending in 0912").
        r"(?<=card[ \t\n])ending(?:[ \t]+in)?(?=[ \t:]*\d{4}\b)",
    ),
    (
        "licence_number",
        r"(?:driver'?s[ \t]+)?licen[cs]e(?:[ \t]+(?:number|no\.?|#))?|"
        r"certificate(?:[ \t]+(?:number|no\.?|#))?|npi|dea|provider[ \t]+(?:number|no\.?|#)|"
        r"practice[ \t]+(?:number|no\.?|#|code)|registration[ \t]+no\.?|gmc|imc|nmc|"
        rf"{_REG}\.?[ \t]+no\.?|"
        # "MCRN 0219 84" (Irish), "col·legiat 08-41772" (Catalan), "NATA accred. 2981".
        r"mcrn|col[·.]?legiat|colegiad[oa]|accred(?:itation)?(?:[ \t]+(?:number|no\.?))?|"
        r"ahpra|hpcsa|mcr|badge|pin|registration|prc[ \t]+lic\.?|lic\.?[ \t]*(?:no\.?)?|"
        rf"{_REG}|"
        r"kmpdc|mdcn|apc|permis(?:[ \t]+(?:no\.?|n[°º]))?",
    ),
    ("vehicle_id", r"vin|vehicle[ \t]+(?:id|identification[ \t]+number)|chassis(?:[ \t]+no\.?)?"),
    (
        "device_id",
        r"serial(?:[ \t]+(?:numbers?|nos?\.?|#))?|device[ \t]+(?:id|serial)|"
        # Session 59 (dev71): the Spanish, Portuguese and Italian lot ("lote 4418820X").
        r"lot(?:e|to)?(?:[ \t]+(?:numbers?|nos?\.?|#))?|"
        # "SN" glued to digits is a model's name ("AcrySof SN60WF"), not a serial's cue.
        r"udi|implant[ \t]+(?:id|number)|s/n|sn(?=[ \t.:#])|"
        r"(?:transmitter|receiver|sensor|pump|generator)"
        r"[ \t]+(?:id|serial|s/n|sn|number|no\.?|#)|ser\.?[ \t]*(?:no|#)|imei|esn|meid|"
        r"serial[ \t]+(?:number[ \t]+)?(?:is|was|ends(?:[ \t]+in)?|ending(?:[ \t]+in)?)|"
        # Round 20: equipment's asset tag ("Oxygen concentrator asset 44712").
        r"asset(?:[ \t]+(?:tag|number|no\.?|#))?",
    ),
    (
        "id_number",
        r"hospital[ \t]+(?:number|no\.?|#|id)|patient[ \t]+(?:id|number|no\.?|#)|"
        r"unit[ \t]+(?:number|no\.?|#)|encounter(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"visit[ \t]+(?:id|number|#)|claim(?:[ \t]+(?:id|number|#))?|case[ \t]+(?:id|number|#)|"
        r"accession(?:[ \t]+(?:number|no\.?|#))?|specimen(?:[ \t]+(?:id|number|no\.?|#))?|"
        r"lab[ \t]+(?:number|no\.?|#|id)|report[ \t]+(?:number|no\.?|#)|"
        r"run[ \t]+(?:number|no\.?|#)|reference(?:[ \t]+(?:number|no\.?|#))?|"
        r"ref\.?[ \t]*(?:#|no\.?|(?=:))|aadhaar|passport|national[ \t]+id|session|ticket|tracking|"
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
        r"ods|docket|folder|chart|"
        # Eleventh round: police and prison references ("collar PS 4471", "CRO 118822/14R",
        # "PNC 14/771203X", "police ref CAD 4471/05NOV25", "prison no. A7734EK").
        r"collar(?:[ \t]+(?:number|no\.?))?|shoulder[ \t]+(?:number|no\.?)|warrant[ \t]+"
        r"(?:card[ \t]+)?(?:number|no\.?)|cro|(?:police|crime|incident|arrest|custody|"
        r"cad|log|court)[ \t]+(?:ref(?:erence)?|number|no\.?)|prison(?:er)?[ \t]+(?:number|no\.?)|"
        # Session 48: an insurer's prior authorisation ("pre-auth PA 26 118 402").
        r"pre-?auth(?:ori[sz]ation)?|prior[ \t]+auth(?:ori[sz]ation)?",
    ),
]
# The labels of each kind, read by other rules (a code's prefix that is a label stays).
ID_CUES = _ID_CUES
# Any labelled number: a word, then "no.", "number", "#", "ID" or "code", then a value with a
# digit ("Lab no: SP25-08817", "Sample ID SMP/25/117004", "Practice code L83042"). A field
# label says what follows is an identifier whatever the label's own word is.
# The label word ends there: "PROGRESS NOTE 14 March" is no "No." before "TE 14 March".
_FIELD_LABEL = (
    r"(?i:\b[a-z][a-z'.-]{1,20}[ \t]+(?:(?:no\.?|number|num|id|code)(?![a-z])|#))"
    r"|\bID(?![A-Za-z])"
)
# A house number, one to four name words and a street word, in either case ("27 Quayside Mews").
_HOUSE_BEFORE_STREET = (
    r"\d{1,5}(?-i:[A-Z])?[ \t]+(?-i:(?:[A-Z][\w'’.-]*[ \t]+){1,4})"
    rf"(?i:{STREET_TYPES})\b"
)
# A value: letters, digits, dashes and slashes ("P/181211/01/2025/004417"), then perhaps more
# digit groups after single spaces ("2951 60412 1", "485 777 3456"); a lone digit only as a last
# check digit, never before a word ("account 12345 2 tablets").
_ONE_ID = (
    r"(?:(?=[A-Z0-9/.-]*\d)(?:[A-Z0-9](?:[A-Z0-9/-]|\.(?=[A-Z0-9])){3,}|[A-Z0-9]{3}(?=[ ]\d))"
    # Round 17: a class of capitals with a slash before the number ("licence D/E 0091772").
    r"|(?-i:[A-Z]{1,3}/[A-Z]{1,3})(?=[ ]\d{4}))"
    r"(?:[ ](?=[A-Z0-9]*\d)"
    # Walk 21: a house number before its street is the address's, not the code's ("NHS No 485
    # 777 3456 27 QUAYSIDE MEWS").
    rf"(?!{_HOUSE_BEFORE_STREET})(?:"
    # Round 15: a group of capitals and digits is part of the code even before a lower-case
    # word ("sensor ID 2HK4 71QX 8W if you need it"), or as a range of blocks ("A1-A3"); a
    # lone digit never takes half a group.
    r"(?-i:(?=\d*[A-Z])[A-Z0-9]{2,6}(?:-[A-Z0-9]{1,6})?)(?![\w/-])|"
    # A group is taken whole, never half a number or a decimal ("HbA1c 58 mmol/mol" gives
    # no "5"; "8.1%" no "8").
    r"(?:[A-Z0-9]{2,}(?:/[A-Z0-9]+)*|\d(?:-\d{1,2}(?![\w-]))?(?![A-Z0-9]))(?![.,]\d)"
    r"(?![ \t]*(?-i:[a-z]))))*"
    # Digits grouped in threes after two or three ("28 331 907").
    r"|\d{2,3}(?:[ ]\d{3}){2,3}(?![\w/-]|[.,]\d)"
    # Capitals around a spaced number ("PZK 603118 H"): upper case only, so no word is taken.
    # ... or a dashed one ("QLAB-NW 31 552 0917").
    r"|(?-i:[A-Z]{1,4}(?:-[A-Z]{1,4})?)(?:[ ]\d{2,}(?:/[A-Z0-9]+)*){1,3}(?:[ ](?-i:[A-Z]{1,3})\b)?"
)
# One value, or a list of them ("serial numbers 11440-01 and 11440-02").
# A further value of a list is no other field's label and value ("MRN 00884213, DOB 11/04/1931,
# 94-year-old": walk 19, the date of birth and the age went with the MRN, so that keeping the MRN
# in the preview kept them too).
# Session 42 (walk 42d): nor a date ("GMC 7012345, 15/02/2024 14:05": the date went as part of the
# licence, unshifted, and ":05" stayed), nor another kind's cue and its number ("MRN 0619274,
# IHI 7034 5591 2287" became "MRN [MRN]": the reader lost that a health number stood there; the
# cue's own pattern finds that number). A cue of the same kind stays in the list ("LOT 8841227,
# SN 24BX0093317": one device's numbers).
_DATE_SHAPE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})(?![\w/.-])"
)


def _next_not_a_field(kind: str) -> str:
    """What a further value of a list after a cue of ``kind`` may not open with."""
    others = "|".join(cue for other, cue in _ID_CUES if other != kind)
    return (
        r"(?!(?i:d\.?o\.?b\.?|dod|born|age[ds]?|nhs|tel|phone|ph|fax|mob|sex|gender)\b)"
        r"(?!\d{1,3}[ -]?(?i:y(?:ea)?rs?|yo|months?|mo|weeks?|wks?|days?)\b)"
        rf"(?!{_DATE_SHAPE})"
        rf"(?!(?i:{others})(?![A-Za-z])\.?[ \t]*[:#]?[ \t]*\d)"
    )


# A value never ends inside a decimal number ("... 8.1%" gives no "8").
_WHOLE_NUMBER = r"(?!(?<=\d)[.,]\d)"


def _id_value(kind: str) -> str:
    """One value after a cue of ``kind``, or a list of them."""
    return rf"(?:{_ONE_ID})(?:(?:,|[ \t]+and|[ \t]*/)[ \t]*{_next_not_a_field(kind)}(?:{_ONE_ID}))*"


# A free-standing number of 7+ digits is taken as an identifier, unless a unit follows it
# ("HIV RNA 1500000 copies/mL") or a lab name precedes it ("Platelets 1250000"): see _is_lab_value.
BARE_LONG_NUMBER = re.compile(
    r"(?<![\w.-])\d{7,}(?![\w-]|\.\d)"
    r"(?![ \t]*(?i:copies|cells|units?\b|iu\b|mg\b|mcg\b|ug\b|ml\b|/|x[ \t]*10|×))"
)

# A code of letters and digits with four or more digits: lab, specimen, serial, plate, VIN;
# with a short part after a slash ("HP25-118427/B2": a block of a specimen).
CODE = re.compile(
    r"(?<![\w-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){4})"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:/[A-Za-z0-9]{1,4}(?![\w/-]))?(?![\w-])"
    # a short code of capitals over a number ("GHX/4471")
    r"|(?<![\w/-])[A-Z]{2,5}/\d{4,}(?![\w/-])"
)
# Any other code of capitals and digits: two or more capitals, three or more digits, five or more
# characters ("KY4A2B", "AB-123-CD"): an identifier unless the clinical value grammar owns it
# (a spinal level, a gene variant "C282Y", a tumour marker "CA-125", a dose with its unit).
SHORT_CODE = re.compile(
    r"(?<![\w-])(?=(?:[A-Za-z0-9-]*[A-Z]){2})(?=(?:[A-Za-z-]*\d){3})(?=[A-Za-z0-9-]{5})"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-]|\.\d)"
)
# Digit groups joined by dashes, 8 or more digits in all ("2025-044718"). Dates and phone
# numbers of the same length win over this one (see PRIORITY in deid_spans).
DASHED_DIGITS = re.compile(r"(?<![\w.-])\d{2,}(?:-\d{2,}){1,3}(?![\w-]|\.\d)")

# A short code of capitals before a long number belongs to it ("DH 771204498", "MCSO 25-118402",
# "THIG 5806 2114"); labels ("MRN", "NPI"), clinical words and English words before a number are
# not taken (see LETTER_PREFIX in pattern_candidates).
LETTER_PREFIX = re.compile(
    r"(?<![\w/-])(?P<p>[A-Z]{2,5})[ \t]"
    # Round 16: a check letter may end the spaced groups ("CRN 204 117 356K").
    r"(?P<n>(?=(?:-?\d){5})\d[\d-]{3,}\d|\d{3,5}(?:[ \t]\d{3,5}){1,3}(?:[A-Z](?![\w/-]))?)"
    r"(?![\w/-])"
)
# Digit groups after single spaces, 9 or more digits in all ("485 777 3456", "184 427 731."):
# a national health or identity number. Lab results are decimals, or have a unit; a stop that
# ends the sentence is no decimal point.
SPACED_DIGITS = re.compile(
    r"(?<![\w.,/-])\d{3,5}(?:[ ]\d{3,5}){2,}(?:[A-Z](?![\w/-]))?(?![\w/-]|[.,]\d)"
)
# Codes with slashes, with a letter or four or more parts ("IP/25/44102", "P/181211/01/2025").
SLASHED_CODE = re.compile(
    r"(?<![\w/-])(?=[A-Za-z0-9/-]*[A-Za-z]|(?:[A-Za-z0-9-]+/){3})"
    r"[A-Za-z0-9-]+(?:/[A-Za-z0-9-]+){2,}(?![\w/])"
)
# A GS1 Unique Device Identifier in human-readable form: application identifiers in brackets,
# each before its value ("(01)00643169007222(17)270331(21)RNB612448S").
_UDI = re.compile(r"(?:\(\d{2,4}\)[A-Za-z0-9./-]+){2,}|\(01\)\d{14}")
# A network hardware (MAC) address, a device identifier.
_MAC = re.compile(r"(?<![\w:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![\w:-])")
# A candidate device code: letters and digits mixed, two or more digits, five or more characters.
DEVICE_CODE = re.compile(
    r"(?<![\w/.-])(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){2})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
    r"(?![\w/-]|\.\w)"
)

# A number of five or six digits right after a capitalised word that labels it ("Voucher
# 447182", "Auth 44718"): an identifier unless the word is clinical or a unit follows (see
# owned_by_context).
LABELLED_NUMBER = re.compile(
    r"(?<![\w.])(?P<l>[A-Z][A-Za-z]+)[ \t]*+[:#]?[ \t]*+(?P<v>\d{5,6})(?![\w/-]|[.,]\d)"
)

# Round 16: a cue that ends its line with a word for a number or a registration ("provider no
# / 2447718K", "motorbike reg / M-26-AS 4471"), its value opening the next line, where the value's
# first part has a letter and a digit or the value six digits, on a line of no lower case: a
# number or a test there
# ("Lot / BP 120/80", "... the case / 1500 mL") is a line's own.
_NEXT_LINE = (
    r"(?:(?:(?<=[Nn]o)|(?<=[Nn]o\.)|(?<=[Nn]r)|(?<=[Nn]umber)|(?<=#)|(?<=:)|(?<=[Rr]eg)|"
    r"(?<=[Rr]ego)|(?<=ID))\n[ \t]*"
    r"(?=(?:[A-Za-z0-9/-]*\d){6}|(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]*[A-Za-z])"
    # Nothing in lower case on that line: a code stands alone there ("HbA1c 58" is a result).
    r"(?-i:(?![^\n]*[a-z])))?"
)

CODE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    # Session 43: a Canadian social insurance number (three groups of three), also where a note
    # in brackets follows its label ("SIN (pension forms) 448 112 903"). "SIN" in capitals only:
    # "sin" is Spanish for "without".
    (
        "ssn",
        re.compile(
            r"(?:\bSIN\b|(?i:\bsocial[ \t]+insurance(?:[ \t]+(?:number|no\.?|#))?))"
            r"(?:[ \t]*+\([A-Za-z][A-Za-z .'-]{1,24}\))?[ \t]*+[:#]?[ \t]*+"
            r"(?P<v>\d{3}[ \t-]?\d{3}[ \t-]?\d{3})(?![\w-]|[.,]\d)"
        ),
    ),
    (
        "ssn",
        re.compile(
            r"(?i:\bSSN\b|\bSS[ \t]*#|social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?)"
            r"[ \t]*+[:#]?[ \t]*+(?P<v>\d{3}[ \t-]?\d{2}[ \t-]?\d{4})\b"
        ),
    ),
    *(
        (
            kind,
            re.compile(
                # Speed: each run of blanks read once (possessive): a cue before a long run of
                # blanks tried every split of it between the optional parts (5 s on 20,000).
                rf"(?i:\b(?:{cues}))(?![A-Za-z])\.?(?:[ \t]++(?:is|was|reads))?"
                # Round 19: a scheme's card after its name ("NHIS card 1-0448827-12").
                r"(?:[ \t]++card\b)?"
                # Session 31: the scheme's own words for its number between the cue and a
                # bracketed short name ("PhilHealth ID No (PIN) 12-...", "NHIS ID number 1-...").
                r"(?:[ \t]++(?:id(?:entification)?|identity)(?:[ \t]++(?:number|no\.?|#))?"
                r"(?![A-Za-z]))?"
                # A region or scheme in brackets after the cue ("Health card (Manitoba) 1234").
                r"(?:[ \t]*+\([A-Za-z][A-Za-z .'-]{1,20}\))?"
                # Round 21: the issuing country's or state's code before the colon ("Passport
                # UA: FE 441873", "Licence NSW: 1234 5678").
                r"(?:[ \t]++(?-i:[A-Z]{2,3})(?=[ \t]*+:))?[ \t]*+[:#(]?[ \t]*+"
                rf"{_NEXT_LINE}(?P<v>{_id_value(kind)}){_WHOLE_NUMBER}",
                re.I,
            ),
        )
        for kind, cues in _ID_CUES
    ),
    # A plate: letters and digits, perhaps in two groups ("plate JKR 4471", "MA 7KT390").
    (
        "vehicle_id",
        re.compile(
            rf"(?i:\b(?:(?:licen[cs]e[ \t]+)?plate|registration|{_REG}\.?|rego|car|van|vehicle|"
            r"truck|ute|bus|taxi|cab|motorbike|motorcycle|scooter|trailer|lorry|autorickshaw|"
            # A state before "tag": "car OK tag HHA-4420".
            # Round 17: the vehicles of many countries ("boda boda reg.", "matatu KCB 441X").
            r"rickshaw|ambulance|boda(?:[ \t-]?boda)?|matatu|tuk[ \t-]?tuk|bajaj|jeepney|"
            r"tricycle|moped|pick-?up|minibus|camper|caravan|"
            # Session 31: the heavy vehicles of a collision report ("prime mover 1GYB 918",
            # "semi-trailer XT 44 PQ", "road train", "tanker", "tipper", "HGV") and the
            # Commonwealth's small trucks ("bakkie CY 77120", "kombi").
            r"prime[ \t-]mover|semi-trailer|road[ \t]train|tanker|tipper|hgv|bakkie|kombi|"
            # Session 32 (format sweep): the UK's "vehicle registration number".
            r"vrn)"
            r"(?![a-z])"
            # Round 20: "the taxi number was T 4471".
            r"(?:(?-i:[ \t]+[A-Z]{2})?[ \t]+tag|[ \t]+(?:number|no\.?|#)(?:[ \t]+(?:is|was))?"
            # Session 32: "his taxi was 3YN4PZ": "is" or "was" alone only before a plate of
            # letters and digits mixed, four characters or more ("the car was 20 minutes late",
            # "the van was OK" are no plates).
            r"|[ \t]+(?:is|was)(?=[ \t]+(?-i:(?=[A-Z0-9-]{0,9}[A-Z])(?=[A-Z0-9-]{0,9}\d)"
            r"[A-Z0-9][A-Z0-9-]{3,9}(?![\w-]))))?)"
            # Up to four groups ("vehicle MH 12 AB 3456"), or one of up to eight ("rego KT52PQ").
            rf"[ \t]*+[:#]?[ \t]*+{_NEXT_LINE}"
            # Session 60 (deid60b): a ventilator's setting after a critical-care car ("car PEEP
            # 10") is no plate. Review 60c: only with a setting's size, one or two digits ("car
            # PIP 4471" is a plate).
            r"(?!(?:PEEP|CPAP|BIPAP|IPAP|EPAP|PIP)[ \t:]*\d{1,2}(?:\.\d)?(?![\d.]))"
            # Session 32: a first group of up to six ("licence plate M790VS 64", Russia's).
            r"(?P<v>(?=[A-Z0-9 -]*\d)(?:[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,6}){0,3}"
            r"|(?=[A-Z]*\d)[A-Z0-9]{5,8}))\b"
            # Two characters at least, and no count or time ("car 2 times", "van 12 hours ago"),
            # nor what a number counts ("Ambulance: 12 lead ECG", session 55: deid_counts).
            rf"(?<=\w\w)(?!{COUNT_AFTER})(?![ \t]*(?i:km|miles?|mph|x)\b)"
            # Review 62d: nor the first number of a range of them ("Ambulance 10-15 min").
            rf"(?![-–]\d{{1,4}}{COUNT_AFTER})"
        ),
    ),
    (
        "id_number",
        re.compile(
            rf"(?:{_FIELD_LABEL})\.?"
            # Walk 23: the system or scheme in brackets before the colon ("Facility ID (NATSIS):
            # 3417", "Client ID (CRN): 44718").
            r"(?:[ \t]*+\([A-Za-z][A-Za-z .'-]{1,20}\)(?=[ \t]*+[:#]))?"
            rf"[ \t]*+[:#]?[ \t]*+(?P<v>{_id_value('id_number')}){_WHOLE_NUMBER}"
        ),
    ),
    ("id_number", BARE_LONG_NUMBER),
    ("id_number", re.compile(r"\b(?=[A-Z0-9-]{0,12}\d{2})[A-Z]{1,4}-?\d{5,}\b")),
    # A pharmacy claim's processor control number, letters only ("RxPCN MEDDADV").
    ("id_number", re.compile(r"\b(?:Rx)?PCN[ \t]*:?[ \t]*(?P<v>[A-Z0-9]{3,12})\b")),
    # An Australian Medicare card's individual reference number, one digit ("IRN 2").
    ("health_plan_id", re.compile(r"\bIRN[ \t]*:?[ \t]*(?P<v>\d)\b")),
    # A number after a store, depot or unit sign ("CVS Pharmacy #9921").
    ("id_number", re.compile(r"(?<=[A-Za-z])[ \t]+(?P<v>#[ \t]?\d{1,6})\b")),
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
            # one group of five to eight too (walk 23: "Ford Ranger 1AB2CD")
            r"(?:[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,6}){0,2}|[A-Z0-9]{5,8}))(?![\w-])"
        ),
    ),
    # A UK registration mark ("WF68 KZP") without a cue.
    ("vehicle_id", re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{3}\b")),
    # Round 16: a login after "by" or a user's label, perhaps on the next line ("printed ... by
    # / jdoe_ward4", "portal user mtanaka77"): lower case with an underscore, or letters then
    # digits after a user's label only ("by day12" is a time).
    (
        "id_number",
        re.compile(
            r"(?i:\b(?:(?P<by>by)|user(?:[ \t]?(?:name|id))?|login|logon|account|handle|"
            r"logged[ \t]+in[ \t]+as))[ \t]*+(?::[ \t]*+)?(?:\n[ \t]*+)?"
            r"(?P<v>(?-i:[a-z][a-z0-9.]*_[a-z0-9_.]*[a-z0-9]|(?(by)(?!)|[a-z]{3,}\d{2,})))\b"
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
            # Afrikaans and Dutch: "lid nr" ("lid 12 mm" is an eyelid).
            r"dependant|dependent|lid[ \t]+(?:nr|no)\.?|lidnommer|lidnummer)(?!\w))"
            r"(?:[ \t]++(?i:id|no\.?|number|#|code))?[ \t]*+[:#]?[ \t]*+"
            r"(?P<v>(?=[A-Z0-9 /-]{0,6}\d\d)[A-Z]{0,4}[ -]?\d[\dA-Z]*(?:(?:[ /-]|[ ]-[ ])"
            r"[\dA-Z]*\d[\dA-Z]*){0,4})(?![\w-])"
        ),
    ),
    # A plan's group number, five digits or more ("group 00731", "Group: GRP 44120-TX"); "age
    # group 18-65", "group 2 PH" and a study's years ("group 2019-2021") are none.
    (
        "health_plan_id",
        re.compile(
            # Not a study's or a trial arm's group ("Study group 12345 randomised").
            r"(?<!(?i:study) )(?<!(?i:trial) )(?<!(?i:control) )(?<!(?i:treatment) )"
            r"(?i:\bgroup(?:[ \t]+(?:id|number|no\.?|#))?)[ \t]*+[:#]?[ \t]*+"
            r"(?P<v>(?:GRP[ \t-]?)?(?!(?:19|20)\d\d-(?:19|20)\d\d\b)(?=(?:[A-Z-]*\d){5})"
            r"[A-Z0-9]+(?:-[A-Z0-9]+)*"
            # or a code of three dashed parts with a digit ("Group TX-MCD-04").
            r"|(?-i:(?=[A-Z-]*\d)[A-Z]{2,}-[A-Z0-9]{2,}-[A-Z0-9]{2,}))(?![\w-]|[.,]\d)"
        ),
    ),
    # A Medicare card's individual reference number after a slash ("2951 60413 1/3"), a BC
    # personal health number ("9 123 456 782").
    ("health_plan_id", re.compile(r"\b\d{4}[ ]?\d{5}[ ]?\d/(?P<v>\d)\b")),
    ("health_plan_id", re.compile(r"(?<![\w.,/-])\d[ ]\d{3}[ ]\d{3}[ ]\d{3}(?![\w/-]|[.,]\d)")),
    # A Police National Computer number ("PNC 14/771203X"; "PNC 6/52" is a postnatal check,
    # "PND 3-4/week" a nocturnal dyspnoea).
    ("id_number", re.compile(r"\bPN[CD][ \t]*(?:no\.?|ID)?:?[ \t]*(?P<v>\d{2}/\d{5,7}[A-Z])\b")),
    # A UK National Insurance number, spaced or not ("QR 41 77 26 C", "QR417726C").
    ("ssn", re.compile(r"\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b(?![ \t]*[a-z])")),
    # A French social security number (NIR: "1 32 07 31 555 042 37").
    (
        "ssn",
        re.compile(
            r"(?<![\w.,/-])[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?"
            r"\d{3}[ ]?\d{3}(?:[ ]?\d{2})?(?![\w/-]|[.,]\d)"
        ),
    ),
    # Letters, then three or more groups of digits ("CLM 8842 1190 03", "HMK 5507 1209 88",
    # "Aetna W 188 442 017"); a long number with a suffix after a slash ("Bupa 88120447/01").
    # Letters joined by "&" are one label ("H&C 943 476 5919", "A&E"): its last letter is no
    # prefix of the number.
    ("id_number", re.compile(r"\b(?<!&)[A-Z]{1,5}[ ]\d{3,5}(?:[ ]\d{2,5}){2,}\b")),
    ("id_number", re.compile(r"(?<![\w./-])\d{6,}/\d{1,3}(?![\w/-]|[.,]\d)")),
    ("device_id", DEVICE_CODE),
    ("device_id", _UDI),
    ("device_id", _MAC),
    ("id_number", LETTER_PREFIX),
    ("id_number", SPACED_DIGITS),
    ("id_number", SLASHED_CODE),
    ("id_number", CODE),
    ("id_number", SHORT_CODE),
    ("id_number", DASHED_DIGITS),
    ("id_number", LABELLED_NUMBER),
]
