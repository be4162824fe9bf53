"""Reference numbers in shapes the labelled rules stop short of (session 60, deid60b; issue 16).

The labelled rules (deid_codes, deid_labelled_codes) read a code after its label when its first
group has three or four characters. Left in view on the blind half dev74 were:

* a number in spaced groups that opens with two digits, perhaps after a few capitals, after a
  number's word or a claim's, a policy's or a card's ("policy no. 26 4418 820", "Certificate no.
  WCC 26 7730 41", "siniestro SIN 26 99031 7", "Thiqa card 1773 5519 02"), also where a few words
  and a colon stand between ("file no. kept at OKC: SI 26 5531");
* a year-prefixed number after a report's or a case's word, with no "no." ("Report 26-0441
  issued"), and a few capitals of any script before a year and a number ("UNN 26/77315",
  "PÄ 26/4017", "ΕΥ-26-077319");
* a code of three or four groups of four capitals and digits ("7KT9 R2XW 4A15", an e-prescription
  identifier);
* a booking's confirmation code ("MedXPress confirmation K7TQ2X");
* an officer's number after "is" ("her badge number is 4471") or after the badge's word of
  another language ("virkamerkki 773195", "F/No. 77319");
* a year and a number with capitals of another script after it ("2026/077319-İK"), and a code
  after the Japanese, Korean or Chinese word for "number" ("申請番号 26-0773");
* a Latin American identity number with thousands' dots after its label ("DNI argentino
  4.557.319", "C.I. 4.557.319-K").

A count, a unit, a date, a ratio and a visual acuity are none of these: the groups need six digits
in all, a year-prefixed number three digits after the year and no unit after it, and a
capitals' prefix may not be a clinical word ("VA 20/200", "BP 95/1000" stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_pattern_context import UNIT_AFTER
from medlocal.privacy.deid_spans import Redaction, label

# No unit, count or decimal after a value ("26 1200 hrs", "Report 26-0441 mg" is none), nor a
# medicine's form ("Dossier n° 20417 3 comprimés": the file number, then three tablets; the
# form's word as it is written, accents and all).
_FORMS = r"comprim[ée]s?|comprimidos?|compresse|tab(?:let)?s?|caps(?:ules?)?|g[ée]lules?|sachets?"
_END = rf"(?![\w/-]|[.,]\d)(?!{COUNT_AFTER})(?![ \t]+(?i:{_FORMS})(?![\w-]))"
# A number's word, in English and other languages, perhaps with "is" or "was" after it.
_NUMBER_WORD = r"(?:no\.?|n[º°]\.?|nr\.?|number|num\.?|#|id)"
# Words that label a claim's, a policy's or a card's number without a number's word.
_CLAIM_WORDS = (
    r"policy|p[óo]liza|polizza|ap[óo]lice|claim|siniestro|sinistro|certificate|certificado|"
    r"card|carnet|file|dossier"
)
_GROUPED = re.compile(
    rf"(?i:(?<![\w])(?:{_NUMBER_WORD}|{_CLAIM_WORDS})(?![\w])"
    r"(?:[ \t]+(?:is|was))?"
    # A few words between the label and its colon ("file no. kept at OKC: ...").
    r"(?:[ \t]+[^\W\d][^:;.\n\d]{0,28}:)?)"
    r"[ \t]*+[:#]?[ \t]*+"
    # A group that two capitalised words follow is a house number ("NHS No 943 476 5919 12
    # WILLOW GROVE"): the street's, not the code's.
    r"(?P<v>(?-i:(?:[A-Z]{1,4}[ \t])?\d{2,6}"
    r"(?:[ \t](?!\d{1,6}[ \t]+[A-Z][\w'’.-]*[ \t]+[A-Z])\d{1,6}){1,4}(?:[ \t]?[A-Z](?![\w]))?))"
    + _END
    # A dose's unit after the groups (review 60c): "Cholecalciferol No. 30 10000 IU" is a pack's
    # count and a strength, no reference.
    + rf"(?!{UNIT_AFTER})"
)
# A year-prefixed number after a report's or a case's word: "Report 26-0441", "Case 2026-0441".
_REPORT_WORDS = (
    r"report|case|file|incident|ticket|job|call|event|complaint|occurrence|expediente|akte|sak"
)
_YEAR_PREFIXED = re.compile(
    rf"(?i:(?<![\w])(?:{_REPORT_WORDS})(?![\w-]))[ \t]*+[:#]?[ \t]*+"
    r"(?P<v>(?:[12]\d|20[12]\d)[-/]\d{3,7}(?:[-/][A-Z0-9]{1,6})?)" + _END
)
# Capitals of any script before a year and a number: "UNN 26/77315", "ΕΥ-26-077319".
_CAPITALS_YEAR = re.compile(
    r"(?<![\w/-])(?P<v>(?P<p>[^\W\d_]{1,4})[ \t-](?:[12]\d|20[12]\d)[/-]\d{4,7}(?:-[A-Z0-9]{1,4})?)"
    + _END
)
# A year and a number with a suffix of capitals of another script ("2026/077319-İK"), and a code
# after the word for "number" in Japanese, Korean and Chinese ("申請番号 26-0773").
_OTHER_SCRIPT_SUFFIX = re.compile(
    r"(?<![\w/-])(?P<v>(?:[12]\d|20[12]\d)[/-]\d{3,7}-(?P<p>[^\W\d_]{1,3}))(?![\w-])"
)
_CJK_NUMBER = re.compile(
    r"(?:番号|번호|編號|编号)[ \t:：]*"
    r"(?P<v>(?=[A-Z0-9/-]*\d{3})[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9]))+)"
    r"(?![\w/-]|[.,]\d)"
)
# Three or four groups of four capitals and digits: "7KT9 R2XW 4A15".
_FOUR_GROUPS = re.compile(r"(?<![\w-])(?P<v>[A-Z0-9]{4}(?:[ -][A-Z0-9]{4}){2,3})(?![\w-])")
# A booking's or a form's confirmation code.
_CONFIRMATION = re.compile(
    r"(?i:\b(?:confirmation|locator|pnr|e-?ticket|booking[ \t]+ref(?:erence)?)"
    r"(?:[ \t]+(?:no\.?|code|number|#))?)[ \t]*+[:#]?[ \t]*+"
    r"(?P<v>(?-i:(?=[A-Z0-9]{0,7}\d)(?=[0-9]{0,7}[A-Z])[A-Z0-9]{5,8}))(?![\w-])"
)
# An officer's number after "is", and the badge's or force's word of other languages.
_BADGE = re.compile(
    r"(?i:\b(?:badge|collar|warrant|shoulder|force|staff|employee|service|belt|payroll|"
    r"personnel)[ \t]+(?:number|no\.?|#)[ \t]+(?:is|was|reads)[ \t]*:?[ \t]*"
    r"|\b(?:virkamerkki|virkanumero|tjenestenummer|tj[äa]nstenummer|dienstnummer|"
    r"dienstausweisnummer|kokardennummer)[ \t]*[:#]?[ \t]*"
    r"|(?<![\w/])(?:F|AP)/No\.?[ \t]*)"
    r"(?P<v>(?-i:[A-Z]{0,3})\d{3,8})" + _END
)
# A Latin American identity number with thousands' dots: "DNI argentino 4.557.319".
_DOTTED_IDENTITY = re.compile(
    r"(?i:\b(?:DNI|D\.N\.I\.|RUT|RUN|C\.I\.|CI|c[ée]dula|documento|LE|LC)(?![\w])"
    r"(?:[ \t]+[^\W\d_]{3,12})?[ \t]*(?:n[º°o]\.?)?)[ \t]*[:#]?[ \t]*"
    r"(?P<v>\d{1,3}(?:\.\d{3}){2}(?:-[\dK])?)(?![\w.]|,\d)"
)

# Prefixes before a year and a number that are no reference's: a time's and a month's.
_NOT_A_PREFIX = re.compile(r"AM|PM|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC")
# Two spinal levels or two leads written together ("C5C6", "L5S1", "V1V2").
_LEVEL_PAIR = re.compile(r"[CTLSV]\d[CTLSV]\d")


def _a_date(value: str) -> bool:
    """Whether a year-prefixed value is a month and a year or a day and a month ("12-2025")."""
    head, _, tail = re.split(r"([-/])", value, maxsplit=1)
    return int(head) <= 12 and (tail[:2] in ("19", "20") and len(tail) == 4)


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def reference_group_candidates(text: str) -> Iterator[Redaction]:
    """Reference numbers in the shapes of the module's docstring, as identifiers."""
    lex = lexicon()
    for pattern, enough in ((_GROUPED, 6), (_YEAR_PREFIXED, 5), (_CONFIRMATION, 0)):
        for match in skipped_finditer(pattern, text):
            value = match.group("v")
            if _digits(value) < enough or (pattern is _YEAR_PREFIXED and _a_date(value)):
                continue
            yield _id(match)
    for pattern in (_CAPITALS_YEAR, _OTHER_SCRIPT_SUFFIX):
        for match in skipped_finditer(pattern, text):
            prefix = match.group("p")
            # Capitals only, and not a clinical abbreviation ("VA", "BP") or a time's ("PM").
            # Review 60c: nor a month's ("Seen DEC 12/2025": the date rules' to shift).
            if (
                prefix.isupper()
                and not _NOT_A_PREFIX.fullmatch(prefix)
                and not lex.clinical(prefix.lower())
            ):
                yield _id(match)
    for match in skipped_finditer(_FOUR_GROUPS, text):
        groups = re.split(r"[ -]", match.group("v"))
        mixed = sum(1 for g in groups if re.search(r"\d", g) and re.search(r"[A-Z]", g))
        # Review 60c: spinal levels or leads in pairs ("C4C5 C5C6 C6C7", "V1V2 V3V4 V5V6").
        if mixed >= 2 and not all(_LEVEL_PAIR.fullmatch(g) for g in groups):
            yield _id(match)
    for pattern in (_BADGE, _DOTTED_IDENTITY, _CJK_NUMBER):
        for match in skipped_finditer(pattern, text):
            yield _id(match)


def _id(match: re.Match[str]) -> Redaction:
    start, end = match.start("v"), match.end("v")
    return Redaction("id_number", start, end, match.group("v"), label("id_number"))
