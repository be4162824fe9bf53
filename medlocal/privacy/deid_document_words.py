"""Bank accounts, bills and driving licences after the words of more languages (round 21).

deid_codes reads "account", "acct", "IBAN" and a card's last digits; the labelled rules read the
German, Dutch and Nordic single words. Payment letters and invoices of other countries write
"numer konta" (Polish, whose account number opens with two check digits: "61 1090 1014 ..."),
"číslo účtu", "tilinumero", "bankszámla", "número de cuenta", "numéro de compte", "conto
corrente", "hesap no", "số tài khoản", "nombor akaun"; a bank account's last digits after
"account ending"; and a hospital's bill by its number, capitals and digit groups ("hospital
bill HB 2026 04471", "Rechnung Nr. RE 2026 0447").

The value: optional capitals of a country or a bank ("PL61", "HB"), then digit groups apart
by single spaces or dashes, five digits at least in all (so "bill 2026" alone, a year, stays).

A driving licence in the words of Central and Eastern Europe, the Nordics, Turkey and South-East
Asia ("prawo jazdy 04471/19/1465", "řidičský průkaz EK 447122", "ajokortti", "ehliyet", "SIM"
in Indonesian, "GPLX" in Vietnamese, "lesen memandu"): a value with a digit, slashes and dashes
allowed, five characters at least.

A court's or an authority's file reference after its word ("Aktenzeichen 4 C 447/26", "Az. 12 O
447/26", "Sp. zn. 4 C 447/2026", "sygn. akt I C 447/26", "Expediente n.º 4471/2026"): the
chamber's number, the register's letters and the serial with its year; and a Brazilian court
case's unified number in its own shape anywhere ("0004471-12.2026.8.26.0100").
"""

from __future__ import annotations

import re

_ACCOUNT_WORDS = (
    r"numer(?:u)?[ \t]+(?:rachunku|konta)|nr\.?[ \t]+(?:rachunku|konta)|"
    r"[čc][íi]slo[ \t]+[úu][čc]tu|"
    r"tilinumero|banksz[áa]mla(?:sz[áa]m)?|n[úu]mero[ \t]+de[ \t]+(?:cuenta|conta)|"
    r"num[ée]ro[ \t]+de[ \t]+compte|conto[ \t]+corrente|hesap[ \t]+(?:no|numaras[ıi])|"
    r"s[ốo][ \t]+t[àa]i[ \t]+kho[ảa]n|nombor[ \t]+akaun|no\.?[ \t]+rekening"
)
_BILL_WORDS = (
    r"(?:hospital|medical|patient|final|interim)[ \t]+bill(?:[ \t]+(?:no\.?|number|#))?|"
    r"bill[ \t]+(?:no\.?|number|#)|rechnung(?:s)?(?:[ \t]*(?:nr\.?|nummer))?|"
    r"factura(?:[ \t]+(?:n[º°o]\.?|n[úu]mero))?|fattura(?:[ \t]+n\.?)?"
)
# Capitals of a country or a bank, then digit groups; five digits at least in all.
_VALUE = (
    r"(?=(?:[A-Z0-9]*[ -]?){0,8}?(?:\d[ -]?){5})"
    r"(?:[A-Z]{1,4}\d{0,2}[ ])?\d+(?:[ -]\d+){0,7}(?![\w/-]|[.,]\d)"
)

_LICENCE_WORDS = (
    r"prawo[ \t]+jazdy|[řr]idi[čc]sk[ýy][ \t]+pr[ůu]kaz|vodi[čc]sk[ýy][ \t]+preukaz|"
    r"ajokortti|f[øo]rerkort|k[øo]rekort|voza[čc]ka[ \t]+dozvola|voza[čc]ka|jogos[íi]tv[áa]ny|"
    r"permis(?:ul)?[ \t]+de[ \t]+conducere|ehliyet|s[üu]r[üu]c[üu][ \t]+belgesi|"
    r"(?-i:SIM)|(?-i:GPLX)|gi[ấa]y[ \t]+ph[ée]p[ \t]+l[áa]i[ \t]+xe|lesen[ \t]+memandu|"
    r"carta[ \t]+de[ \t]+condu[çc][ãa]o|licencia[ \t]+de[ \t]+manejo|brevet[ \t]+de[ \t]+conduire"
)
_LICENCE_VALUE = (
    r"(?=[A-Z0-9/ -]{0,24}\d)(?:[A-Z]{1,3}[ -]?)?[A-Z0-9]+(?:[/-][A-Z0-9]+){0,4}"
    r"(?:[ ]\d{3,})?(?<=\w{2})(?![\w/-]|[.,]\d)"
)

_FILE_WORDS = (
    r"aktenzeichen|az\.|gesch[äa]ftszeichen|sp\.[ \t]*zn\.|[čc]\.[ \t]*j\.|sygn\.[ \t]*akt|"
    r"sygnatura(?:[ \t]+akt)?|expediente|processo|proceso|procedimiento|dossier|"
    r"r[ée]f[ée]rence[ \t]+(?:du[ \t]+)?dossier"
)
_FILE_VALUE = (
    # "4 C 447/26", "I C 447/26", "12 O 447/26".
    r"(?:\d{1,4}|[IVX]{1,4})[ \t]+[A-Z][A-Za-z]{0,3}[ \t]+\d{1,6}/\d{2,4}"
    r"|(?=[A-Z0-9/.-]*\d)(?=[A-Z0-9/.-]{3})[A-Z0-9][A-Z0-9/.-]*[A-Z0-9]"
)

DOCUMENT_WORD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "account_number",
        re.compile(
            rf"(?i:\b(?:{_ACCOUNT_WORDS}|{_BILL_WORDS}))[ \t]*+[:#]?[ \t]*+(?P<v>{_VALUE})"
            # An account's last four digits ("account ending 4471"), as a card's.
            r"|(?i:\b(?:account|acct\.?)[ \t]+ending(?:[ \t]+in)?)[ \t]*+:?[ \t]*+"
            r"(?P<v2>\d{4})(?![\w/-]|[.,]\d)"
        ),
    ),
    (
        "licence_number",
        re.compile(
            rf"(?i:\b(?:{_LICENCE_WORDS}))(?![\w-])(?i:[ \t]+(?:no\.?|nr\.?|n[º°o]\.?|number|#))?"
            rf"[ \t]*+[:#]?[ \t]*+(?P<v>(?=[\w/ -]{{5}}){_LICENCE_VALUE})"
        ),
    ),
    (
        "id_number",
        re.compile(
            rf"(?i:\b(?:{_FILE_WORDS}))(?i:[ \t]+(?:n\.?[º°o]\.?|nr\.?|no\.?|number))?"
            rf"[ \t]*+[:#]?[ \t]*+(?P<v>(?=[\w/ .-]{{4}})(?:{_FILE_VALUE}))(?![\w/-]|[.,]\d)"
            r"|(?<![\w.-])\d{7}-\d{2}\.\d{4}\.\d\.\d{2}\.\d{4}(?![\w.-])"
        ),
    ),
]
