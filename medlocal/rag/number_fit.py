"""Whether a passage holds every number a statement gives: the test MedLocal puts to a citation
it attaches or re-points in the map step (cite64).

A small model's map note cites a passage by its words alone when MedLocal attaches it, or by a
number the model chose: the demo model wrote "amoxicillin for 5 days [1]" where passage 1 was the
admission and passage 2 the antibiotic. A note is then cited only to a passage that holds each of
its numbers, so a number absent from a passage is never cited there.

Numbers are compared as written, without units: "500mg" and "500 mg" give 500, "2024-03-13" and
"13/03/2024" give 2024, 3 and 13, "03" is 3, and a month named beside a number is its number
("13 March 2024", "Mar 13": 3, so a note may write a letter's date in digits). A digit inside a
word ("HbA1c", "B12", "SpO2") is part of a name, not a number."""

from __future__ import annotations

import re
from collections.abc import Mapping

# A number not glued to a letter before it, with its decimals ("4.6", "4,6").
_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d+(?:[.,]\d+)?")

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A month's name written beside a day or a year ("13 March", "March 13", "March 2024"): "may"
# alone is a verb.
_MONTH = re.compile(rf"(?<=\d )(?:{_MONTHS})\b|\b(?:{_MONTHS})\b(?=\.? ?\d)", re.IGNORECASE)

# Every name ``_MONTH`` finds opens with its month's three letters ("Sept" -> "sep" -> 9).
_MONTH_NUMBER = {
    name: str(n)
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _month(name: str) -> str:
    """The number of the month ``name`` names ("Sept" -> "9")."""
    return _MONTH_NUMBER[name[:3].casefold()]


def _key(token: str) -> str:
    whole, _, decimals = token.replace(",", ".").partition(".")
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{decimals}" if decimals else whole


def numbers_of(text: str) -> frozenset[str]:
    """The numbers ``text`` gives, each in one written form (see the module's note)."""
    months = {_month(m.group()) for m in _MONTH.finditer(text)}
    return frozenset({_key(m.group()) for m in _NUMBER.finditer(text)} | months)


def passage_numbers(passages: Mapping[int, str]) -> dict[int, frozenset[str]]:
    """Each passage's numbers, read once for all the sentences put to them."""
    return {n: numbers_of(text) for n, text in passages.items()}


def holders(numbers: frozenset[str], held: Mapping[int, frozenset[str]]) -> list[int]:
    """The passages (by number, in order) whose numbers (``passage_numbers``) hold every one of
    ``numbers``."""
    return [n for n, given in held.items() if numbers <= given]
