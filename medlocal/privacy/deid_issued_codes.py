"""Codes by who issued them and how a label prints them (round 15).

* A serial broken over a line at a hyphen ("SN EX1150" then "-22871") is still one serial; its
  label stays in view (review 14: a label is no part of the code).
* Labels joined by a slash, then their values joined by one ("Rx BIN/PCN: 610014 / CMHRX"):
  the second value is letters alone, which no single cue takes.
* A licence after the body that issued it: a board or council of a profession ("Board of
  Nursing R 188204", "Medical Council no. 4471"), an Italian or Spanish order or college
  ("Ordine dei Medici di Roma n. 58214"), a Brazilian council and state ("CRM-AM 8841").
* A credential's code of capitals, a dot and digits ("APN.0994821", "RN.4471823").
* A national insurance or identity number after its word in the languages of many countries
  ("NUSS: 41 1082447812", "Rijksregisternr 81.01.19-271.43", "AMKA 01017012345"), its digit
  groups whole.
* A prescription's number with its "RX" ("script RX 7730 1184").
* A telephone number after the telephone word of other languages ("Teléfono de contacto: 654
  882 310", "Telefone 11 3555 0142"), and a Spanish number of three groups of three in brackets
  ("(955 012 447)").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_labelled_codes import LABELLED_CODE_PATTERNS

# A serial after its device's cue, broken over a line at a hyphen ("transmitter SN EX1150" then
# "-22871"): the device cues of deid_codes take the first half only.
_SERIAL_CUE = (
    r"(?i:\b(?:serial(?:[ \t]+(?:number|no\.?|#))?|s/n|sn|(?:transmitter|receiver|sensor|pump|"
    r"generator|device)[ \t]+(?:id|serial|s/n|sn|number|no\.?|#)))"
)
BROKEN_SERIAL = re.compile(
    rf"{_SERIAL_CUE}[ \t]*+[:#]?[ \t]*+(?P<v>(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*"
    r"(?:\n-[A-Z0-9]*\d[A-Z0-9]*|-\n[A-Z0-9]*\d[A-Z0-9]*))(?![\w-])"
)

# Cues of a pharmacy claim or an insurer, two or three joined by slashes ("BIN/PCN", "BIN / PCN
# / GRP", "Member/Group"); the values follow in the same order, joined the same way.
_PAIRED_CUE = r"(?:Rx[ \t]*)?(?:BIN|PCN|GRP|Group|Member(?:[ \t]+ID)?|Policy|ID)"
_PAIRED_VALUE = r"[A-Z0-9][A-Z0-9-]{2,14}"
PAIRED_CODES = re.compile(
    rf"\b{_PAIRED_CUE}(?:[ \t]*/[ \t]*{_PAIRED_CUE}){{1,2}}[ \t]*+[:#]?[ \t]*+"
    rf"(?P<v>(?=[A-Z0-9-]*\d){_PAIRED_VALUE}(?:[ \t]*/[ \t]*{_PAIRED_VALUE}){{1,2}})"
    r"(?![\w/-])"
)

# The bodies that register a profession, in the words of several countries; a place may follow
# ("Ordine dei Medici di Roma", "Board of Nursing (MN)").
_PROFESSIONS = (
    r"nursing|medicine|medical[ \t]+examiners|pharmacy|dentistry|dental[ \t]+examiners|"
    r"registered[ \t]+nursing|osteopathic[ \t]+medicine|physical[ \t]+therapy|psychology|"
    r"social[ \t]+work|midwifery|optometry|podiatry|chiropractic|healing[ \t]+arts|"
    r"physicians?(?:[ \t]+and[ \t]+surgeons)?|nurses?(?:[ \t]+and[ \t]+midwives)?"
)
_BODY = (
    rf"(?i:\b(?:state[ \t]+)?(?:board|council|college)[ \t]+of[ \t]+(?:{_PROFESSIONS})"
    r"|\b(?:medical|nursing|dental|pharmacy|midwifery|nursing[ \t]+and[ \t]+midwifery|"
    r"health[ \t]+professions|pharmacy[ \t]+and[ \t]+poisons)[ \t]+(?:board|council)"
    r"|\bordine[ \t]+(?:dei|degli|delle)[ \t]+(?:medici(?:[ \t]+chirurghi)?(?:[ \t]+e[ \t]+"
    r"(?:degli[ \t]+)?odontoiatri)?|farmacisti|odontoiatri|infermieri|psicologi|ostetriche)"
    r"|\bordem[ \t]+dos[ \t]+(?:m[ée]dicos|enfermeiros|farmac[êe]uticos|m[ée]dicos[ \t]+"
    r"dentistas)"
    r"|\bordre[ \t]+(?:national[ \t]+)?des[ \t]+(?:m[ée]decins|infirmiers|pharmaciens|"
    r"sages-femmes|chirurgiens-dentistes)"
    r"|\bcolegio[ \t]+(?:oficial[ \t]+)?de[ \t]+(?:m[ée]dicos|enfermer[íi]a|farmac[ée]uticos|"
    r"odont[óo]logos)"
    r"|\b(?:[äa]rzte|zahn[äa]rzte|apotheker)kammer)"
)
# A place or state after the body: capitalised words, perhaps after "di", "de", "of", or a
# code in brackets.
_BODY_PLACE = (
    r"(?:[ \t]+(?:(?i:di|de|del|della|do|da|of|du)[ \t]+)?(?-i:[A-Z][\w'-]+)){0,3}"
    r"(?:[ \t]*\([A-Z]{2,3}\))?"
)
_LICENCE_WORD = (
    r"(?i:licen[cs]e|lic\.?|reg(?:istration)?\.?|registro|iscrizione|inscri(?:ption|ção)|"
    r"number|num\.?|no\.?|nr\.?|n\.|n[º°]\.?|#)"
)
# The licence: digits, perhaps after one to three capitals ("R 188204", "RN-4471"), with inner
# dots, dashes or slashes; three digits at least, and not a year.
_LICENCE_VALUE = (
    r"(?-i:[A-Z]{1,3}[ .-]?)?(?!(?:19|20)\d\d(?![\d./-]))\d(?:[\d./-]*\d){2,}(?![\w/-]|[.,]\d)"
)
ISSUED_LICENCE = re.compile(
    rf"{_BODY}{_BODY_PLACE}[ \t]*,?[ \t]*(?:{_LICENCE_WORD}[ \t]*){{0,2}}[:#]?[ \t]*"
    rf"(?P<v>{_LICENCE_VALUE})"
)
# Brazil's councils by state ("CRM-AM 8841", "COREN/SP 412.877", "CRF-RJ nº 2210").
_BR_STATES = "AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO"
BRAZIL_COUNCIL = re.compile(
    rf"\b(?:CRM|COREN|CRF|CRO|CREFITO|CRN|CRBM|CRFa)[ \t]*[-/]?[ \t]*(?:{_BR_STATES})\b"
    r"[ \t]*(?:(?i:n[º°o]?\.?)[ \t]*)?:?[ \t]*(?P<v>\d{1,3}(?:\.?\d{3})*(?:-[\dA-Z])?|\d{3,7})"
    r"(?![\w/-]|[.,]\d)"
)
# A credential's code: capitals, a dot, six or more digits ("APN.0994821").
DOTTED_CREDENTIAL = re.compile(r"\b[A-Z]{2,5}\.\d{6,}\b(?![.,]\d)")

# Round 19: a nurse's, midwife's or pharmacist's registration written after the credential,
# the credential with it ("CNO RN 14471802", "LRF RPh 8812"), and a Thai council licence, a Thai
# letter and a dot before its digits ("ว.41872"). Four digits at least; no unit after ("RN 1000
# mL" is no register).
CREDENTIAL_NUMBER = re.compile(
    r"\b(?:RN|RPh|LPN|LVN|APRN|CRNA|CNM|RGN|RPN|RMN)[ \t]*(?:#[ \t]*)?\d{4,10}\b"
    r"(?![.,]\d|[ \t]*(?i:ml|mls|l|mg|mcg|g|kg|units?|iu|cc|hours?|hrs?|h|min)\b)"
    r"|(?<![\w.])[\u0e01-\u0e2e]\.[ ]?\d{4,6}\b"
)

# Round 19: Indonesia's practice permits written by their initials (SIP, "Surat Izin Praktik";
# SIPA a pharmacist's, SIK and SIKP a nurse's, SIPB a midwife's), a number of groups joined by
# slashes ("SIP 446/B.31/2024", "SIPA: 503/0412/DPMPTSP/2023"): a slash is in it.
PERMIT_NUMBER = re.compile(
    r"\b(?:SIP|SIPA|SIK|SIKP|SIPB|SIPP|SIPTTK)[ \t]*+(?:(?i:no\.?|nomor)[ \t]*+)?[:.]?[ \t]*+"
    r"(?P<v>\d[\w.-]*(?:/[\w.-]*\w)+)(?![\w/-])"
)
# Round 19: an electronic prescription's access code after its word ("Recepta elektroniczna
# kod 4417", "e-prescription code: 8812"), four to six digits and no unit after them.
PRESCRIPTION_CODE = re.compile(
    r"(?i:\b(?:e-?recept\w*|recept\w*|e-?prescription|prescription|e-?rezept|ricetta|"
    r"receita|receta))[^\n.;:]{0,24}?\b(?i:kod|code|pin|token|codice|c[óo]digo)[ \t]*+[:#]?[ \t]*+"
    r"(?P<v>\d{4,6})\b(?![.,/-]?\d|[ \t]*(?i:mg|mcg|ml|g|units?|iu|tab\w*|caps?\w*)\b)"
)

# The words for a national insurance or identity number in the languages of many countries.
_NATIONAL_WORDS = (
    r"nuss|nass|n\.?s\.?s\.?|"
    r"n[º°]?[ \t]*(?:de[ \t]+)?(?:afiliaci[óo]n|seguridad[ \t]+social)|seguridad[ \t]+social|"
    # (Not Belgium's: its register number is taken only when its check digits hold, see
    # deid_number_forms.)
    r"s[ée]curit[ée][ \t]+sociale|num[ée]ro[ \t]+de[ \t]+s[ée]curit[ée][ \t]+sociale|"
    r"bsn|burgerservicenummer|amka|a\.m\.k\.a\.|cnp|pesel|"
    # Round 19: Belgium's national register with its label ("Rijksregisternr", "INSZ").
    r"rijksregister(?:nummer|nr\.?)?|registre[ \t]+national|"
    r"personnummer|henkil[öo]tunnus|hetu|cpr(?:-nr\.?|[ \t]+nr\.?)?|f[øo]dselsnummer|kennitala|"
    r"sozialversicherungs(?:nummer|nr\.?)|svnr|sv-nr\.?|ahv(?:-nr\.?)?|avs|"
    r"codice[ \t]+fiscale|tessera[ \t]+sanitaria|nif|nie|dni|curp|cpf|cart[ãa]o[ \t]+sus|"
    r"tfn|ird(?:[ \t]+number)?|ppsn?|nric|mykad|bvn|nino|ni[ \t]+number|"
    r"national[ \t]+insurance(?:[ \t]+number)?|social[ \t]+insurance(?:[ \t]+number)?"
)
_NATIONAL_CUE = (
    rf"(?i:\b(?:{_NATIONAL_WORDS}))(?![\w-])(?:[ \t]*(?i:no\.?|nr\.?|n[º°]\.?|number|#))?"
    # Round 19: the issuing institution's initials before the colon ("NSS IMSS: ...").
    r"(?:[ \t]+[A-Z]{2,6}(?=[ \t]*:))?"
)
# Digit groups after single spaces, dots, dashes or slashes, eight digits or more in all; a
# letter may close it ("12345678Z", a Spanish DNI).
NATIONAL_NUMBER = re.compile(
    rf"{_NATIONAL_CUE}[ \t]*+[:#]?[ \t]*+(?P<v>(?=(?:[ ./-]?\d){{8}})\d+(?:[ ./-]\d+){{0,5}}"
    r"(?:[ -]?[A-Z](?![\w]))?)(?![\w/-]|[.,]\d)"
)

# The telephone words of other languages ("Teléfono de contacto: 654 882 310", "Telefone
# residencial 11 3555 0142", "Tlf. 22 55 41 09"), then 7-15 digits in any layout.
_PHONE_WORDS = (
    r"tel[ée]fono|telefone|t[ée]l[ée]phone|telefon|telefono|telf\.?|tfno\.?|tlfn?\.?|"
    r"m[óo]vil|celular|portable|handy|natel|gsm|puhelin|telefonnummer|rufnummer"
)
OTHER_PHONE = re.compile(
    rf"(?i:\b(?:{_PHONE_WORDS}))(?!\w)"
    r"(?i:[ \t]+(?:de[ \t]+)?(?:contacto|contato|contact|fijo|m[óo]vil|celular|residencial|"
    r"casa|trabajo|domicile|privat|mobil))?"
    r"[ \t]*+[:#]?[ \t]*+(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-]|[.,]\d)"
)
# A Spanish number of three groups of three in brackets, as after a name ("(955 012 447)"):
# six to nine first, as Spain's numbers open; a list of counts has no brackets around it.
BRACKETED_PHONE = re.compile(r"\((?P<v>[6-9]\d{2}[ ]\d{3}[ ]\d{3})\)")

# A prescription's number with its "RX" as the script prints it ("script RX 7730 1184",
# "prescription Rx# 4418820"): six digits at least, so "script Rx 2 tabs" is no number.
SCRIPT_NUMBER = re.compile(
    r"(?i:\b(?:script|prescription|e-?script))[ \t]+(?P<v>(?-i:RX|Rx)[ \t]*[#:]?[ \t]*"
    r"(?=(?:[ ]?\d){6})\d{3,8}(?:[ ]\d{3,6}){0,3})(?![\w/-]|[.,]\d)"
)

ISSUED_CODE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Round 17: codes after the labels of many countries, bank and biller numbers, plates.
    *LABELLED_CODE_PATTERNS,
    ("device_id", BROKEN_SERIAL),
    ("health_plan_id", PAIRED_CODES),
    ("licence_number", ISSUED_LICENCE),
    ("licence_number", BRAZIL_COUNCIL),
    ("licence_number", DOTTED_CREDENTIAL),
    ("licence_number", CREDENTIAL_NUMBER),
    ("licence_number", PERMIT_NUMBER),
    ("id_number", PRESCRIPTION_CODE),
    ("ssn", NATIONAL_NUMBER),
    ("phone", OTHER_PHONE),
    ("phone", BRACKETED_PHONE),
    ("id_number", SCRIPT_NUMBER),
]
