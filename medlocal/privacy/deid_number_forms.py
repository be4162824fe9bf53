"""Postcodes, telephone extensions and document numbers in more written forms (round 13).

* A US ZIP code on the line after its state ("..., MO" then "63127   Ph ..."), as letterheads
  break them.
* An Indian PIN code written in two groups of three after a place ("Tiruchirappalli 620 017",
  "Punjab - 144 411"), a postcode after a place before a letterhead's dot or bar ("Cebu City
  6000 | Tel.") or after a place with an accent or macron ("Ōtaki 5512;"); the place must be
  no clinical or English word.
* A European postcode opening the line after a street's house number, before its town
  ("Schwarzwaldstraße 112" then "79117 Freiburg").
* An extension after its word and the words for whose line it is ("bleep ward sister 2461",
  "ramal da enfermaria 6144"), or written "x214" after a name; a Mexican number of two, four
  and four digits after a telephone word ("Cel.: 55 3104 8876").
* A Spanish collegiate number after "col." ("col. 41/09871").
* Latin-American identity and tax numbers in dotted thousands after their document word
  ("C.C. 1.037.588.214", "Número: 1.037.588.214", "NIT 890.901.826-2"), and such a number with
  its check digit anywhere ("890.901.826-2"): an amount has no check digit, and a count or price
  no document word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_spans import Redaction, label

_NOT_A_VALUE = r"(?![.,]\d|[ \t]*(?i:mg|mcg|ml|units?|iu|%|°|degrees?|mmol|g/))"
# Speed: every form opens with a character class and checks what stands before it by a fixed
# look-behind, so that the engine skips along the text in C (see deid_calendar_forms).
_STATE = rf"[A-Z][A-Z](?<!\w[A-Z][A-Z])(?<={STATES})"
_EXTENSION_WORD = (
    r"[bBrReEpPaAiIdD](?<!\w\w)(?i:(?<=b)leep|(?<=r)amal|(?<=e)xt(?:ension\b|\.|\b)|"
    r"(?<=p)(?:ager|oste)\b|(?<=a)nexo\b|(?<=i)nterno\b|(?<=d)urchwahl\b)"
)
_PHONE_WORD = (
    r"[tTcCmMpPwW](?<!\w\w)(?i:(?<=t)el(?:[ée]fono)?|(?<=c)el(?:ular)?|"
    r"(?<=m)(?:[óo]vil|obile|ob)|(?<=p)h(?:one)?|(?<=w)hatsapp)\b"
)
_DOCUMENT_WORD = (
    r"[nNcCdDRT](?<!\w\w)(?:(?i:(?<=n)(?:[úu]mero|uip|it)|(?<=c)[ée]dula"
    r"(?:[ \t]+de[ \t]+ciudadan[íi]a)?|(?<=d)ocumento(?:[ \t]+de[ \t]+identidad)?)\b"
    r"|(?<=C)(?:\.[ \t]?C\.|C\b|I\b|\.I\.|E\b)|(?<=R)U[TN]\b|(?<=D)NI\b|(?<=T)(?:I\b|\.I\.))"
)

# A place's name for a postcode after it: capitals with accents and macrons open names too
# ("Ōtaki", "Île-Perrot", "Łódź").
_ACCENTED = "À-ÖØ-ÞĀĒĪŌŪŁŚŻŹĆŃ"
_PLACE_REST = r"[\w'’-]{1,40}(?:[ \t][A-Z][\w'’-]{1,40}){0,2}"
# Health insurers whose name or acronym opens a member number ("BCBSM XYP884120337", "HUM
# H5216-041", "AARP-G 88017722", "AXA Mansard HMO 1190-44817"): the name is part of the number
# as it is written on the card. A maintained list of the large insurers of many countries.
INSURERS = (
    r"BCBS[A-Z]{0,3}|Aetna|Cigna|Humana|HUM|UHC|UnitedHealthcare|Kaiser|Anthem|AARP(?:-[A-Z])?|"
    r"Medigap|Molina|Ambetter|WellCare|Highmark|Bupa|AXA|Allianz|Medibank|HCF|NIB|Vhi|Laya|"
    r"GeoBlue|Discovery|Bonitas|Maxicare|Intellicare|Sanitas|Mapfre|Adeslas|DKV|Unimed|Amil|"
    r"SulAm[ée]rica|Hapvida|Sura|Colsanitas|GNP|MetLife|Hygeia|Reliance|TK|AOK|Barmer|DAK|"
    r"CSS|Helsana|Swica|Mutuelle|MGEN|Harmonie|Medicover|Luxmed|Jubilee|Britam|Madison|"
    r"Liberty|Momentum|Fedhealth|Medshield|Daman|Thiqa|Tawuniya|Bupa[ \t]+Arabia"
)


def _opening(words: str) -> str:
    """``words`` (alternatives, each opening with a plain letter) as a pattern that opens with
    the class of their first letters, then each word's rest after a look-behind at its letter:
    the engine skips along the text in C to those letters only."""
    rests: dict[str, list[str]] = {}
    for word in words.split("|"):
        rests.setdefault(word[0], []).append(word[1:])
    firsts = "".join(rests)
    branches = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in rests.items())
    return rf"[{firsts}](?<![\w-][{firsts}])(?:{branches})(?![\w-])"


# A code with three digits or more, not a year ("Aetna 2019").
_PLAN_CODE = r"(?=[A-Z0-9-]*\d[A-Z0-9-]*\d[A-Z0-9-]*\d)(?!(?:19|20)\d\d\b)[A-Z0-9][A-Z0-9-]{4,}\b"
# The words of a card between an insurer and its number ("Maxicare card", "Bupa member no.").
_CARD_WORDS = r"card|member(?:ship)?|policy|plan|no\.|number|id|#"
# More groups of the same number after single spaces ("00729 1144 0"): two digits or more each
# (a last check digit is read by deid_patterns), none before a lower-case word or a unit.
_PLAN_GROUPS = r"(?:[ ]\d{2,5}(?![\w-]|[.,]\d)(?![ \t]+(?-i:[a-z]))){0,3}"
# An age in brackets right after a date of birth ("DOB 30.08.1935 (91)", "born 1931 (95 y)").
_BIRTH_CUE = (
    r"[dDbBgGfFnN](?<!\w\w)(?i:(?<=d)(?:ob\b|\.o\.b\.?|ate[ \t]+of[ \t]+birth)|(?<=b)orn\b|"
    r"(?<=g)eb\.|(?<=f)echa[ \t]+de[ \t]+nacimiento|(?<=n)[ée]e?[ \t]+le)"
)

# A postcode after a place with an accent or macron ("Ōtaki 5512;"). A value that reads as a
# year ("Überweisung 2021.", "Ödeme 2020.": German nouns open with these capitals) is a postcode
# only after a listed place (deid_pattern_context, which knows this pattern by identity).
ACCENTED_POSTCODE = re.compile(
    rf"(?P<p>[{_ACCENTED}](?<!\w.){_PLACE_REST})(?:,[ \t]*|[ \t]+)(?P<v>\d{{4,6}})"
    r"(?=[ \t]*(?:[,.;)]|$))",
    re.M,
)

NUMBER_FORM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "health_plan_id",
        re.compile(
            # Round 15: the card's words may stand between ("Maxicare card 0-0293-48811-01"),
            # and the number runs over its spaced groups ("HCF 00729 1144 0").
            rf"{_opening(INSURERS)}(?:[ \t]+(?:[A-Z][A-Za-z]+|{_CARD_WORDS})(?![\w-])){{0,2}}"
            rf"[ \t]*+[:#]?[ \t]*+{_PLAN_CODE}{_PLAN_GROUPS}"
        ),
    ),
    (
        "age_over_89",
        re.compile(
            # Possessive blanks, the value opening at a letter or digit: with plain ones a run
            # of blanks was split three ways (cubic: "DOB" and 4,000 blanks took 245 s).
            rf"{_BIRTH_CUE}[ \t]*+:?[ \t]*+(?=[^\s()])[^\n()]{{4,24}}?"
            r"[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)"
            r"(?:[ \t]*(?i:y|yo|yrs?|years?|j|a|ans|a[ñn]os|jahre))?[ \t]*\)"
        ),
    ),
    ("zip_code", re.compile(rf"{_STATE}[ \t]*\n[ \t]*(?P<v>\d{{5}}(?:-\d{{4}})?)\b(?![.,:/]\d)")),
    # A place, then an Indian PIN in two groups of three ("Tiruchirappalli 620 017", "Punjab -
    # 144 411"), or a postcode before a letterhead's dot or bar ("Cebu City 6000 | Tel.",
    # "Auckland 2102 · 09 555"); one pattern for both, as both open with the place.
    (
        "zip_code",
        re.compile(
            rf"(?P<p>[A-Z{_ACCENTED}](?<!\w.)[\w'’-]{{1,40}})"
            r"(?:[ \t]*+[-–,]?[ \t]*+(?P<v>[1-8]\d{2}[ ]\d{3})\b(?![ \t]*+[-/.,:]?[ \t]*+\d)"
            r"|(?:[ \t][A-Z][\w'’-]{1,40}){0,2}(?:,[ \t]*|[ \t]+)(?P<v2>\d{4,6})"
            r"(?=[ \t]*[·|•][ \t]))"
        ),
    ),
    ("zip_code", ACCENTED_POSTCODE),
    (
        "zip_code",
        re.compile(
            r"\d{1,4}[a-zA-Z]?[ \t]*\n[ \t]*(?P<v>\d{4,5})[ \t]+"
            r"(?P<p>[A-ZÄÖÜ][\w'’-]+(?:[ \t]+[A-ZÄÖÜ][\w'’-]+)?)[ \t]*$",
            re.M,
        ),
    ),
    (
        "phone",
        re.compile(
            rf"{_EXTENSION_WORD}(?:[ \t]+(?-i:[a-zà-ÿ]+)){{1,3}}[ \t]*:?[ \t]*(?P<v>\d{{3,6}})\b"
            rf"{_NOT_A_VALUE}"
        ),
    ),
    # "x214" after a name, in any alphabet's letters ("Dr Müller x214").
    (
        "phone",
        re.compile(
            rf"(?P<p>[A-Z{_ACCENTED}](?<!\w.)[^\W\d_A-Z{_ACCENTED}]+)[ \t]+x(?P<v>\d{{3,5}})\b"
            r"(?![.,]\d)"
        ),
    ),
    (
        "phone",
        re.compile(
            rf"{_PHONE_WORD}[^\n\d]{{0,40}}?(?P<v>\d{{2}}[ ]\d{{4}}[ ]\d{{4}})\b(?![.,]?\d)"
        ),
    ),
    (
        "licence_number",
        re.compile(
            r"[Cc](?<!\w[Cc])ol\.[ \t]*(?:(?i:n[º°o])\.?[ \t]*)?:?[ \t]*(?P<v>\d{2}/\d{4,6})\b"
        ),
    ),
    (
        "ssn",
        re.compile(
            rf"{_DOCUMENT_WORD}[ \t]*(?:(?i:n[º°o])\.?[ \t]*)?[:#]?[ \t]*"
            r"(?P<v>\d{1,3}(?:\.\d{3}){2,3}(?:-[\dkK])?)(?![\w.,]?\d|\w)"
        ),
    ),
    ("ssn", re.compile(r"\d(?<![\w.,-]\d)\d{0,2}(?:\.\d{3}){2,3}-[\dkK]\b(?![-.]\w)")),
]

# Ages over 89 in more languages (the others are in deid_ages), by the unit after the number
# ("93 vuotta", "92 yaşında", "91 лет", "94 ετών", "95 tahun", "93 taong gulang").
AGE_WORD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age_over_89",
        re.compile(
            r"(?P<v>9\d|1[0-4]\d)(?<![\w.,]9\d)(?<![\w.,]1\d\d)"
            r"(?=[ \t]*(?:vuotta|yaş[ıi]nda|лет|години|годин|роки|років|ετών|tahun|ani|let|"
            r"éves|godina|taong?(?:[ \t]+gulang)?|"
            # Round 19: Slovak, Romanian, Finnish (short and joined), the Nordic joined forms
            # ("93 rokov", "93-vuotias", "93-åring", "93-årig", "93 v.").
            r"rokov|rokú|-?vuotia(?:s|an|aan)|-?åri(?:ng|g)(?:en|a|e)?|-?års?(?:åldern)?|"
            r"v\.?(?=[ \t]*[,;)]|[ \t]+(?:nainen|mies|potilas)))(?!\w))"
        ),
    ),
    # Round 19: the Polish word before the number, as a form's field writes it ("lat 93,").
    ("age_over_89", re.compile(r"\blat[ \t]*:?[ \t]*(?P<v>9\d|1[0-4]\d)\b(?![.,]\d)")),
]

# National numbers known by their shape and check digits, without a cue: the Swiss AHV/AVS
# number ("756.1234.5678.97", EAN-13 check), the Belgian national register number
# ("85.03.12-123.45", modulo 97 over the birth date and serial) and the Ghana Card
# ("GHA-123456789-0").
_AHV = re.compile(r"7(?<![\w.]7)56[. ]?\d{4}[. ]?\d{4}[. ]?\d{2}\b(?![.,]\d)")
_BELGIAN = re.compile(r"\d(?<![\w.]\d)\d\.[01]\d\.[0-3]\d[-. ]?\d{3}[-. ]?\d{2}\b(?![.,-]\d)")
_GHANA = re.compile(r"G(?<!\wG)HA-\d{9}-\d\b")


def _ean13(digits: str) -> bool:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _belgian(digits: str) -> bool:
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def national_number_candidates(text: str) -> Iterator[Redaction]:
    """The national numbers above whose check digits hold."""
    for pattern, valid in ((_AHV, _ean13), (_BELGIAN, _belgian), (_GHANA, None)):
        for match in pattern.finditer(text):
            digits = re.sub(r"\D", "", match.group())
            if valid is None or valid(digits):
                yield Redaction("ssn", match.start(), match.end(), match.group(), label("ssn"))
