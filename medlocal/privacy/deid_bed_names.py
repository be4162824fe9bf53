"""A patient listed as "Surname, Given" after a bed's number or in a table's cell (issue 16,
session 60, deid60c).

Bed lists and handover sheets write "Bed 14 Fisher, Rose", "Bed 16 MARSH, GORDON", "| 3 |
Bay, Jasmine |". The given name after the comma is a listed first name and was found; the
surname before it, an English word or a place as often ("Fisher", "Marsh", "Bay", "Hope"), was
left in view. Here it goes with the given name when that is a name no word list claims as a
clinical term, and the surname is no clinical word: "Bed 4 Fall, Mechanical" and "Bed 2 Sepsis,
Query" stay.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction, label

_WORD = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+"
_BED_THEN_NAME = re.compile(
    r"(?:(?<![\w-])(?i:bed|bay|cubicle|side[ \t]+room|cot)[ \t]*\d{1,3}[A-Za-z]?[ \t]*[:.-]?"
    r"|\|[ \t]*\d{0,3}[ \t]*\|)"
    rf"[ \t]+(?P<s>{_WORD}),[ \t]*(?P<g>{_WORD})(?=[ \t]*(?:[-–|(,;:]|$))",
    re.M,
)


def bed_name_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Surnames and given names listed as "Surname, Given" after a bed's number in ``text``."""
    out: list[Redaction] = []
    for match in skipped_finditer(_BED_THEN_NAME, text):
        surname, given = match.group("s"), match.group("g")
        if not lex.name_like(given.lower()) or lex.clinical(given.lower()):
            continue
        if lex.clinical(surname.lower()):
            continue
        for group in ("s", "g"):
            a, b = match.span(group)
            out.append(Redaction("name", a, b, text[a:b], label("name")))
    return out
