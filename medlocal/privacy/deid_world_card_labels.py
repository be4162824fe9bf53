"""National, insurance, licence, invoice and file numbers after their labels in many languages,
in every written shape (session 62, deid62d; issue 16).

deid_codes reads a code after the labels of English-speaking records and some of other
languages, in the shapes its value reader knows. Records of other countries print the number
after their own label and in their own groups: "RIZIV arts 1-44718-82-003",
"Rentenversicherungsnr. 12 011128 B 447", "nº utente 284 119 032", "Utente n.º 184 772 019",
"Carteira: 0 447 001882031 00 5", "CRM-SP 148 773", "OTSTCFQ 19-447", "cédula 44718",
"Medical card 1188 4471 GM", "건강보험 5-4471882031", "شماره پرونده ۴۴۷۱۸۸", "nota fiscal NF
000.447.188", "national ID 63-447182 F 19", "RAMQ: BERG 5510 2318". Belgium's register number
("NISS 85.03.12-123.45") is left to deid_number_forms, which takes it only when its check
digits hold (review 14).

After such a label (perhaps "nº", "nr.", "n.º", "#" or a colon between), the value is a run of
digit groups set apart by blanks, dots, dashes or slashes, perhaps capitals before it ("PA
41977", "IE-DL 841127503") or a check letter and digits after it ("B 447", "GM", "F 19"), with
five digits at least (a label's acronym before a score, a grade or a dose - "NF 1", "TSI 140%",
"CRF 4" - has fewer, or a unit after). A date, a decimal and a value with a unit after are none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_pattern_context import UNIT_AFTER
from medlocal.privacy.deid_spans import Redaction, label

# (kind, labels): case-insensitive words, then case-sensitive acronyms.
_LABELS: list[tuple[str, str]] = [
    (
        "ssn",
        r"(?i:national[ \t]+id(?:entity)?(?:[ \t]+(?:card|no\.?|number))?|"
        r"rentenversicherungs(?:nummer|nr\.?)|sozialversicherungs(?:nummer|nr\.?)|"
        r"versicherungsnummer|personnummer|henkilötunnus|fødselsnummer|f\.[ \t]?nr\.?|"
        r"kennitala|burgerservicenummer|tc[ \t]+kimlik(?:[ \t]+no)?|kimlik[ \t]+no|"
        r"identity[ \t]+(?:card|number|no\.?)|carte[ \t]+d['’]identit[ée]|"
        r"c[ée]dula[ \t]+de[ \t]+identidad|documento[ \t]+de[ \t]+identidad|"
        r"passport|paszport|pasaporte|passeport|reisepass|passaporto|"
        r"주민등록번호|身份证号?|マイナンバー|کد[ \t]+ملی|رقم[ \t]+الهوية)"
        r"|(?:AHV|AVS|PESEL|NIR|NSS|NASS|DNI|NIE|CPF|CURP|RUT|RUN|CUIL|CNIC|AMKA|"
        r"EGN|ЕГН|JMBG|OIB|EMŠO|BSN|CPR|HETU|PPSN?|SIN|SSN|TFN|NINO)",
    ),
    (
        "health_plan_id",
        r"(?i:utente|n[úu]mero[ \t]+de[ \t]+utente|carteira(?:[ \t]+do[ \t]+benefici[áa]rio)?|"
        r"carteirinha|cart[ãa]o[ \t]+(?:sus|nacional[ \t]+de[ \t]+sa[úu]de)|"
        r"tessera[ \t]+sanitaria|tarjeta[ \t]+sanitaria|versichertennummer|"
        r"krankenversicherungsnummer|mutualit[ée]|mutualiteit|ziekenfonds|zorgverzekering|"
        r"medical[ \t]+card|health[ \t]+insurance(?:[ \t]+(?:card|no\.?|number))?|"
        r"ayushman(?:[ \t]+card)?|discovery[ \t]+health|kela-kortti|obra[ \t]+social|"
        r"afiliado|afiliaci[óo]n|catsalut|건강보험(?:증)?|医保卡号?|被保険者番号|"
        r"بیمه(?:[ \t]+تامین[ \t]+اجتماعی)?|رقم[ \t]+التأمين)"
        r"|(?:KVNR|RAMQ|CNS|TSI|CIP|SNS|TAJ|EKVK|PAMI|IOMA|NHIF|SHA|MBI|Thiqa|Daman)",
    ),
    (
        "licence_number",
        r"(?i:riziv(?:[ \t]+arts)?|inami(?:[ \t]+m[ée]decin)?|c[ée]dula(?:[ \t]+prof\.?"
        r"(?:esional)?)?|colegiado|n[úu]mero[ \t]+de[ \t]+colegiado|"
        r"ordre[ \t]+des[ \t]+m[ée]decins|ärztekammer|"
        r"nimi[ \t]+valvira|valvira|hpr-?nr\.?|uzi-?(?:pas)?|"
        # A licence read by deid_codes, in a shape its reader lacks ("licence IE-DL 841127503").
        r"licen[cs]e|führerschein|permiso[ \t]+de[ \t]+conducir)"
        r"|(?:RPPS|ADELI|LANR|BSNR|HCPC|NMC|GMC|AHPRA|HPCSA|CRM(?:-[A-Z]{2})?|"
        r"COREN(?:-[A-Z]{2})?|CRF(?:-[A-Z]{2})(?=[ \t])|NPWZ|IČP|BIG|OTSTCFQ|OIIQ|CMQ|CPSO|KNC|"
        r"NCK|PMDC|DOH|MOH|DHA|ÖÄK)",
    ),
    (
        "account_number",
        r"(?i:nota[ \t]+fiscal|factura|fattura|facture|rechnung(?:snummer|snr\.?)?|"
        r"invoice|iban|sort[ \t]+code|konto(?:nummer|nr\.?)?|n[úu]mero[ \t]+de[ \t]+cuenta|"
        r"sinistro|siniestro|p[óo]liza|polizza|police[ \t]+(?:d['’]assurance|n[°º]))",
    ),
    (
        "id_number",
        r"(?i:fallnummer|fall-?nr\.?|aufnahmenummer|nosologico|cartella(?:[ \t]+clinica)?|"
        r"n[°º][ \t]+de[ \t]+dossier|num[ée]ro[ \t]+de[ \t]+dossier|processo|prontu[áa]rio|"
        r"historia[ \t]+cl[íi]nica|nr[ \t]+hist\.?[ \t]+choroby|pre-?auth(?:ori[sz]ation)?|"
        r"شماره[ \t]+پرونده|رقم[ \t]+الملف|住院号|病案号|접수번호|등록번호|診察券番号|受付番号)",
    ),
]
# What may stand between the label and the value: a number's word, a colon, a hash.
# The blank runs are possessive: side by side they were quadratic before a long run of blanks.
_GAP = r"[ \t]*+(?:(?i:n[º°o]\.?|n\.[ \t]?º|nr\.?|no\.?|num\.?|#)[ \t]*+)?:?[ \t]*+"
# The value: perhaps capitals before ("PA ", "IE-DL ", "NF "), digit groups, perhaps a check
# letter and digits after ("B 447", "GM", "F 19").
_VALUE = (
    r"(?P<v>(?:[A-Z]{1,5}(?:-[A-Z]{1,4})?[ -]?)?\d+(?:[ .\-/]\d+){0,5}"
    r"(?:[ ]?[A-Z]{1,3}(?:[ ]\d{1,3})?)?)"
    r"(?![\w/-]|[.,]\d)"
)
_PATTERNS = [
    (kind, re.compile(rf"(?<![\w-])(?:{labels})(?![\w-]){_GAP}{_VALUE}(?!{UNIT_AFTER})"))
    for kind, labels in _LABELS
]
_LEAST_DIGITS = 5
# Review 62d: an invoice's or a policy's amount is no number of it: cents at the end, or a
# currency's code or sign after ("Invoice 12345.00 USD", "fattura 1 250 €").
_CURRENCIES = (
    r"USD|EUR|CHF|GBP|JPY|CNY|INR|BRL|CAD|AUD|NZD|ZAR|MXN|ARS|CLP|COP|PEN|SEK|NOK|DKK|PLN|CZK|"
    r"HUF|RON|TRY|RUB|UAH|KRW|AED|SAR|ILS|EGP|NGN|KES|PKR|THB|IDR|MYR|PHP|SGD|HKD|R\$"
)
_AMOUNT = re.compile(rf"(?:[.,]\d{{2}}|[ ](?:{_CURRENCIES}))\Z")
# Review 62d: a unit read as the check letters ("DHA 10000 IU" is a dose).
_UNIT_LETTERS = re.compile(r"\d[ ]?(?:IU|IE|UI|U|E|MG|MCG|UG|ML|G|L|KG)\Z")
_CURRENCY_AFTER = re.compile(rf"[ \t]*(?:[$€£¥₹₩₺]|(?:{_CURRENCIES})(?![A-Za-z]))")
# The Belgian national register number's shape ("85.03.12-123.45").
_BELGIAN_SHAPE = re.compile(r"\d\d\.[01]\d\.[0-3]\d[-. ]?\d{3}[-. ]?\d{2}")


def world_card_label_candidates(text: str) -> Iterator[Redaction]:
    """Numbers after the labels above (see the module docstring)."""
    for kind, pattern in _PATTERNS:
        # Through the cue index and the word-start keys on a long text (speed63: ~18 ms of
        # plain searches on a 20-page record, 0.2 ms so).
        for match in skipped_finditer(pattern, text):
            value = match.group("v")
            if sum(ch.isdigit() for ch in value) < _LEAST_DIGITS or is_date(value):
                continue
            # Belgium's register number is taken by its check digits alone (deid_number_forms;
            # review 14, round 15): its label does not make a number that fails them one.
            if _BELGIAN_SHAPE.fullmatch(value):
                continue
            if _UNIT_LETTERS.search(value):
                continue
            if kind == "account_number" and (
                _AMOUNT.search(value) or _CURRENCY_AFTER.match(text, match.end("v"))
            ):
                continue
            start, end = match.span("v")
            yield Redaction(kind, start, end, value, label(kind))
