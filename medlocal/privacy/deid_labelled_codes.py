"""Codes after the labels of many countries (round 17), read by the label and the code's shape.

* A number marker of another language after any word ("Fall Nr. 2026/04471", "dossier n°
  A-20417", "historia núm. 448120", "polizza numero 88 41 2207"), a compound of German, Dutch
  or the Nordic languages that ends in one ("Fallnummer 77104482", "Kundennr. KD-40418"), and
  a marker before what it numbers ("N° de dossier 20417-B", "Número de póliza 4471 2093").
* Words that label a code without any marker: a case, a reference, a register, a card, a
  ration card, a programme, a booking, a token, a tracking or consignment number ("Ration card
  RC/4417/22", "tracking 1Z 88A 441 20", "Our ref: KL/2207/MB").
* Bank and biller numbers ("a/c 0412 5581 22", "sort code 40-11-62", "BSB 062-001", "IBAN DE89
  3704 0044 0532 0130 00", "biller code 44718", "Kontonummer 0044 1827").
* A plate after the plate word of another language ("Kennzeichen B-MK 4471", "kenteken
  GJ-441-K", "targa AB 123 CD", "patente AB 123 CD"), and a chassis or engine number.
* A login of capitals and digits after "printed by" and the like ("Printed by: TDUNCAN7").

The value must hold digits (four at least, or three with letters), in capitals, digits and
separators only: a dose ("Nr. 3 tablets"), a result or a reference range ("Ref: 3.5-5.0"), a year
("Register 2025") or a lower-case word is no code.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_counts import COUNT_AFTER

# A day, a week, a month, a year, an hour or a unit, singular, after a number: a kind ("day
# case", "day surgery", "unit B"), as a count only after a lone digit ("3 day course").
_SINGULAR_AFTER = r"[ \t]*+-?[ \t]*+(?:day|week|month|year|hour|unit)(?![\w-])"
# A code: capitals and digits joined by dashes or slashes, perhaps in groups after single spaces;
# four digits at least, or three with a capital. No full stop: "3.5-5.0" is a range.
_VALUE = (
    r"(?-i:(?!(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?(?![\w/-]))"
    r"(?=(?:[A-Z0-9/ -]*?\d){4}|(?=[A-Z0-9/ -]*[A-Z])(?:[A-Z0-9/ -]*?\d){3})"
    r"[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9]))*"
    # A group of digits that a count or unit follows is what it counts, not the code's, and a
    # lone digit before a lower-case word is a count in any language, as deid_codes reads it
    # ("Ref 7730418 3 tabs", "Dossier n° 20417 3 comprimés": session 55).
    # Review55b: not a group of two digits or more before a day, a week, a unit written
    # singular, which is a kind of list or ward, not a count ("Our ref 7730418 2207 day case
    # list" kept 2207; "3 day course" is a lone digit's).
    rf"(?:[ ](?!\d{{1,4}}(?!{_SINGULAR_AFTER}){COUNT_AFTER}|\d[ \t]++[^\W\d_A-Z])"
    r"(?=[A-Z0-9]{1,6}(?![\w/-]))(?=[A-Z]{0,4}\d)[A-Z0-9]{1,6}){0,5}"
    # A plate's last letters ("AB 123 CD").
    r"(?:[ ][A-Z]{2,3}(?![\w/-]))?)"
    r"(?![\w/-]|[.,]\d)"
)
# Number markers of other languages (the English "no.", "number", "#" are deid_codes').
_MARKER = r"nr\.?|n[°º]\.?|n\.|n[úu]m\.?|n[úu]mero|num[ée]ro|nummer|numer|nro\.?|br\.|[čc][íi]s\.?"
_WORD = r"[^\W\d_]{2,25}"
_LABEL_WORDS = (
    r"case|our[ \t]+ref|your[ \t]+ref|r[ée]f(?:[ée]rence)?|referencia|riferimento|"
    r"aktenzeichen|az\.|gesch[äa]ftszeichen|register|registry|registo|registro|"
    r"ration[ \t]+card|programme|program|tracking|consignment|waybill|air[ \t]?way[ \t]?bill|"
    r"booking|token|queue|docket|permit|visa|enrol?ment|household|family[ \t]+card|"
    r"beneficiary|carnet|tarjeta|tessera|carte|karta|expediente|dossier|"
    r"historia(?:[ \t]+cl[íi]nica)?|parcel|courier|manifest|"
    # Round 19: a police or safety report's number ("JCF incident 25/0806/0114", "crime ref
    # 4412/26").
    r"incident|occurrence|crime(?:[ \t]+(?:ref|reference|number|no\.?))?|"
    # Session 59 (dev71): a French service or staff number ("matricule 69-04418"); the
    # Spanish and Portuguese "matrícula" is a plate's word and stays the plate rules'.
    r"matricule"
)
_ACCOUNT_WORDS = (
    r"a/c|sort[ \t]+code|bsb|routing(?:[ \t]+(?:number|no\.?|#))?|aba|iban|clabe|"
    r"biller(?:[ \t]+code)?|bpay(?:[ \t]+ref(?:erence)?)?|crn|"
    r"(?:customer|client|payment|payer)[ \t]+(?:reference|ref|number|no\.?|#|id)|"
    r"invoice|inv\.(?=[ \t]*\d)|receipt|transaction|txn|konto(?:nummer|nr\.?)?|kontonr\.?|"
    r"cuenta|compte|conta|rekening(?:nummer)?|bank[ \t]+(?:account|acct|a/c)|girokonto"
)
_PLATE_WORDS = (
    r"kennzeichen|kenteken|nummerplaat|targa|matr[íi]cula|placa|patente|plaque|"
    r"immatriculation|rekisterinumero|registreringsnummer|reg\.?[ \t]?nr\.?|tablica|spz|"
    r"number[ \t]?plate|numberplate|chassis|engine[ \t]+(?:no\.?|number)|"
    r"frame[ \t]+(?:no\.?|number)"
)
# The countries of the IBAN register (ISO 13616) most often met.
_IBAN_COUNTRIES = (
    "AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|CH|CR|CY|CZ|DE|DK|DO|EE|EG|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|"
    "HU|IE|IL|IQ|IS|IT|JO|KW|KZ|LB|LC|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|"
    "RS|SA|SC|SE|SI|SK|SM|TN|TR|UA|VA|VG|XK"
)
_AFTER_LABEL = r"(?![A-Za-z])\.?(?:[ \t]+(?i:no\.?|number|num|#|id|code|ref))?[ \t]*+[:#]?[ \t]*+"

LABELLED_CODE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "id_number",
        re.compile(
            # "Fall Nr. 2026/04471", "dossier n° A-20417", "Fallnummer 77104482": found from
            # the marker back (a letter before it), so that the engine skips along the text in C.
            rf"(?=[nNbBčČcC])(?:(?<=[^\W\d_][ \t])(?i:{_MARKER})"
            r"|(?<=[^\W\d_]{3})(?i:nummer|nr\.|numero)"
            # "N° de dossier 20417-B", "Número de póliza 4471 2093".
            rf"|(?<![\w])(?i:{_MARKER})[ \t]*(?i:de|du|des|d['’]|del|di|van|der)[ \t]+{_WORD}"
            rf"(?:[ \t]+{_WORD})?"
            # Round 18: a marker before the words of what it numbers, with no preposition, as
            # Polish and Czech write it, with its colon ("Nr księgi głównej: 2026/04417").
            rf"|(?<![\w])(?i:nr\.?|numer|[čc][íi]slo)[ \t]+{_WORD}(?:[ \t]+{_WORD})?(?=[ \t]*:))"
            r"(?!\w)[ \t]*+[:#]?[ \t]*+"
            rf"(?P<v>{_VALUE})"
        ),
    ),
    # Round 19: the Polish and Czech marker before its words without a colon, the number
    # after a blank or on the next line ("nr księgi głównej 2025/04471"): a number in
    # groups joined by a slash or a dash only, so that a count or a dose after the words stays.
    (
        "id_number",
        re.compile(
            r"(?=[nNčČcC])(?<![\w])(?i:nr\.?|numer|[čc][íi]slo)[ \t]+"
            rf"{_WORD}(?:[ \t]+{_WORD})?[ \t]*+\n?[ \t]*+"
            r"(?P<v>(?!(?:19|20)\d\d[-/](?:19|20)?\d\d(?![\w/-]))"
            r"\d{2,6}(?:[/-]\d{2,8})+)(?![\w/-]|[.,]\d)"
        ),
    ),
    # "Ration card RC/4417/22", "Our ref: KL/2207/MB".
    (
        "id_number",
        re.compile(rf"(?i:\b(?:{_LABEL_WORDS})){_AFTER_LABEL}(?P<v>{_VALUE})"),
    ),
    # A code after a marker alone: "No." in brackets ("(no. 4471/22)"; elsewhere "no." is as
    # often an answer before the next sentence: "HIV: no. CD4 350"), "Nr." and "N°" anywhere.
    (
        "id_number",
        re.compile(
            # The marker is a word of its own: "(NRS-2002 5)" is a score.
            r"(?:(?<=\()[ \t]*(?i:no|nr|n[°º])\.?|(?<![\w.])(?:[Nn]r\.|NR\.|[Nn][°º]\.?))"
            r"(?![^\W\d_])"
            rf"[ \t]*(?P<v>{_VALUE})"
        ),
    ),
    # A booking's reference or locator, capitals and digits with a digit ("Booking ref 7KQ4XZ",
    # "PNR X4TQ2K").
    (
        "id_number",
        re.compile(
            r"(?i:\b(?:booking[ \t]+(?:ref(?:erence)?|code|no\.?|number|#)|pnr|"
            r"confirmation[ \t]+(?:code|no\.?|number|#)|record[ \t]+locator))[ \t]*+[:#]?[ \t]*+"
            r"(?P<v>(?-i:(?=[A-Z]*\d)[A-Z0-9]{5,8}))(?![\w/-])"
        ),
    ),
    ("account_number", re.compile(rf"(?i:\b(?:{_ACCOUNT_WORDS})){_AFTER_LABEL}(?P<v>{_VALUE})")),
    ("vehicle_id", re.compile(rf"(?i:\b(?:{_PLATE_WORDS})){_AFTER_LABEL}(?P<v>{_VALUE})")),
    # Round 19: the Vietnamese labels of a patient's code, a record's and a letter's number
    # ("Mã BN 25.004471", "Số hồ sơ 2025-0447", "Số: 118/GCT-BV2"); a dot may part the year.
    (
        "id_number",
        re.compile(
            r"(?i:\bmã[ \t]+(?:bn|bệnh[ \t]+nhân|hồ[ \t]+sơ|y[ \t]+tế|lưu[ \t]+trữ)|"
            r"\bsố[ \t]+(?:hồ[ \t]+sơ|vào[ \t]+viện|lưu[ \t]+trữ|bệnh[ \t]+án)|\bsố(?=[ \t]*:))"
            rf"[ \t]*:?[ \t]*(?P<v>\d{{2}}\.\d{{4,8}}(?![\w.])|{_VALUE})"
        ),
    ),
    # Round 19: a health-insurance card of Vietnam or a Brazilian plan's card, in its spaced
    # groups ("Thẻ BHYT: HC 4 01 01 2233 4455", "carteirinha 0 118 220447193 00 4"): ten
    # digits at least, perhaps after the two capitals of the insured's class.
    (
        "health_plan_id",
        re.compile(
            r"(?i:\bthẻ[ \t]+bhyt|\bbhyt|\bcarteirinha|\bcarteira[ \t]+(?:do[ \t]+)?"
            r"(?:conv[êe]nio|plano))[ \t]*+[:#]?[ \t]*+"
            r"(?=(?-i:[A-Z]{2}[ ]?)?(?:\d[ .-]?){10})"
            r"(?P<v>(?-i:[A-Z]{2}[ ]?)?\d{1,15}(?:[ .-]\d{1,12}){0,7})(?![\w/-]|[.,]\d)"
        ),
    ),
    # Round 19: an IBAN without its label: a country's code of the IBAN register, two check
    # digits, then groups of four ("FR14 2004 1010 0505 0001 3M02 606"; "DE89370400440532013000").
    (
        "account_number",
        re.compile(
            rf"\b(?:{_IBAN_COUNTRIES})\d{{2}}(?:[ ]?[A-Z0-9]{{4}}){{3,7}}(?:[ ]?[A-Z0-9]{{1,3}})?"
            r"(?![\w-])"
        ),
    ),
    (
        "id_number",
        re.compile(
            r"(?i:\b(?:printed|generated|exported|created|modified|amended|entered|run|"
            r"accessed|requested|ordered|verified|authori[sz]ed)[ \t]+by)[ \t]*+:?[ \t]*+"
            r"(?P<v>[A-Z]{3,12}\d{1,4})\b"
        ),
    ),
]
