"""National numbers in the forms people write them in prose (round 20).

* The last four digits of a social security number, after its name with the words that say
  which digits they are ("last four of SSN 4471", "SSN last 4 (6789)", "social security ending
  in 6789"): the four digits with the cue narrow the number to a person as the whole does.
* The Czech and Slovak birth number, six digits, a slash and four ("RČ 325115/1234"; the slash
  and four digits after six is no date, fraction or dose), and with three digits after its
  label; the Zambian registration card's six, two and one ("NRC 123456/10/1").
* Without a label, numbers whose written shape and check digits are a country's national or
  scheme number: the Brazilian CPF ("123.456.789-09", two check digits modulo 11), the
  Australian Medicare card ("2123 45670 1", its ninth digit a weighted sum of the first eight),
  the British National Insurance number spaced in pairs ("AB 12 34 56 C", the letters the
  register allows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

SSN_FORM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "ssn",
        re.compile(
            r"(?i:\b(?:SSN|SS\#|social[ \t]+security(?:[ \t]+(?:number|no\.?|\#))?|"
            r"soc\.?[ \t]*sec\.?(?:[ \t]+(?:number|no\.?|\#))?))"
            # The words between, each bounded: "last four", "ending in", "is", ":", "(".
            # Session 59 (dev71): and where it is kept ("SSN on file ending 0418").
            r"(?:[ \t:#(]|(?i:\b(?:is|was|last|final|four|4|digits?|ending|ends|in|with|on|"
            r"file|record)\b))"
            r"{1,10}+"
            r"(?P<v>\d{4})(?![\w-]|[.,/]\d)"
        ),
    ),
    (
        "ssn",
        re.compile(
            # Without a label, only where the six are a birth date: the year, the month (plus 50
            # for a woman, 20 or 70 once a month's numbers run out) and the day.
            r"(?<![\w/.-])\d\d(?:[05][1-9]|[16][0-2]|[27][1-9]|[38][0-2])(?:0[1-9]|[12]\d|3[01])"
            r"/\d{4}(?![\w/-]|[.,]\d)"
            r"|(?i:\b(?:rodné[ \t]+číslo|rodne[ \t]+cislo|RČ|birth[ \t]+number|NRC))[ \t]*+[:.]?"
            r"[ \t]*+(?P<v>\d{6}/\d{3,4}|\d{6}/\d{2}/\d)(?![\w/-]|[.,]\d)"
        ),
    ),
    # Session 59 (dev71): the Portuguese citizen card after its label, eight digits, a check
    # digit, then two capitals and a digit, spaced or not ("CC 04418820 4 ZX8"); other rules
    # took the digits and left the version's letters in view.
    (
        "ssn",
        re.compile(
            r"(?i:\b(?:CC|cart[ãa]o[ \t]+de[ \t]+cidad[ãa]o|BI))[ \t]*+(?:n\.?[ºo°]\.?)?[ \t]*+:?"
            r"[ \t]*+(?P<v>\d{8}[ ]?\d[ ]?(?-i:[A-Z]{2})\d)(?![\w/-])"
        ),
    ),
]


_CPF = re.compile(r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-]|[.,]\d)")
_MEDICARE = re.compile(r"(?<![\w.-])[2-6]\d{3}[ ]?\d{5}[ ]?\d(?:[ ]?[1-9])?(?![\w/.-]|[ ]\d)")
_NINO = re.compile(
    r"(?<![\w-])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ ]\d{2}[ ]\d{2}[ ]\d{2}[ ][A-D](?![\w-])"
)


def _cpf_valid(digits: str) -> bool:
    if len(set(digits)) == 1:
        return False  # "111.111.111-11" passes the sums and is no one's
    for n in (9, 10):
        total = sum(int(d) * (n + 1 - i) for i, d in enumerate(digits[:n]))
        if (total * 10) % 11 % 10 != int(digits[n]):
            return False
    return True


def _medicare_valid(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], (1, 3, 7, 9, 1, 3, 7, 9), strict=True))
    return total % 10 == int(digits[8])


def ssn_form_candidates(text: str) -> Iterator[Redaction]:
    """National and scheme numbers known by their shape and check digits, without a label."""
    found: list[tuple[str, re.Match[str]]] = []
    if "." in text:
        found += [
            ("ssn", m) for m in skipped_finditer(_CPF, text) if _cpf_valid(_digits(m.group()))
        ]
    found += [
        ("health_plan_id", m)
        for m in skipped_finditer(_MEDICARE, text)
        if _medicare_valid(_digits(m.group()))
    ]
    found += [("ssn", m) for m in skipped_finditer(_NINO, text)]
    for kind, match in found:
        yield Redaction(kind, match.start(), match.end(), match.group(), label(kind))


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())
