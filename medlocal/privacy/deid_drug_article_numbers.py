"""A medicine's article number after its label: Germany's and Austria's Pharmazentralnummer
("PZN 04018238", "Pharmazentralnummer: 01234562", "PZN-4018238") names a pack of a medicine,
the same on every pharmacy's shelf, and identifies nobody (review 62d).

The number is kept only when its check digit holds (modulo 11: seven digits weighted 1 to 7
before the eighth, or the old six weighted 2 to 7 before the seventh), so a patient's or a
case's number written after the label by mistake, or the next field's number, still goes.
"""

from __future__ import annotations

import re

# The label, perhaps "Nr."/"No." and a colon, hash or dash, right before the value.
_LABEL_BEFORE = re.compile(
    r"(?:\bPZN|\b(?i:pharmazentral(?:nummer|nr\.?)))[ \t]*+(?:(?i:nr|no)\.?[ \t]*+)?"
    r"[:#-]?[ \t]*+\Z"
)
# The value matched with its label ("PZN 04018238" read as a code after capitals).
_LABELLED = re.compile(r"PZN[ \t]*+[:#-]?[ \t]*+(?P<n>\d{7,8})")


def drug_article_number(value: str, text: str, start: int) -> bool:
    """Whether ``value`` (at ``start`` in ``text``) is a PZN after its label whose check
    digit holds."""
    labelled = _LABELLED.fullmatch(value)
    if labelled is not None:
        return _check_digit_holds(labelled.group("n"))
    if _LABEL_BEFORE.search(text, max(0, start - 40), start) is None:
        return False
    return _check_digit_holds(value.strip())


def _check_digit_holds(digits: str) -> bool:
    if not digits.isdigit() or len(digits) not in (7, 8):
        return False
    first = 1 if len(digits) == 8 else 2  # the weight of the first digit
    total = sum(int(d) * (i + first) for i, d in enumerate(digits[:-1]))
    return total % 11 == int(digits[-1])
