"""A month named alone, with no day and no year (issue 16, session 59, deid59c).

A month is an element of a date (Safe Harbor keeps the year only), and the date rules take one
alone after an English preposition ("relapsed in October"). Two slots were left in view on the
development halves:

* after a preposition of time of another language: "tot december", "sinds maart" (Dutch),
  "depuis octobre", "jusqu'en mai" (French), "en enero", "desde marzo" (Spanish), "em maio"
  (Portuguese), "seit Dezember", "im Juni" (German), "da gennaio", "entro giugno" (Italian);
  the month one of deid_foreign_forms' MONTH_NAMES (no "may", "mar" or "dec"), and no
  number after it (a day or a year makes it a form the date rules read);
* as the modifier of an event after "the": "after the Aug dose", "the October reaction", "the
  Sept admission", a month's capitalised name or abbreviation (not "May" or "March", which are
  a verb and a noun as often), before a word in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_foreign_forms import MONTH_NAMES
from medlocal.privacy.deid_spans import Redaction, label

# Prepositions of time of Dutch, French, Spanish, Portuguese, German and Italian notes.
_FOREIGN_BEFORE = (
    r"tot|sinds|vanaf|per|eind|begin|medio|depuis|jusqu['’]en|jusqu['’]à|fin|début|dès|"
    r"desde|hasta|para|finales[ \t]+de|principios[ \t]+de|mediados[ \t]+de|em|até|"
    r"seit|im|bis|ab|anfang|ende|mitte|da|entro|fino[ \t]+a|inizio|fine|en"
)
_FOREIGN_MONTH = re.compile(
    rf"(?i:(?<![\w'’-])(?:{_FOREIGN_BEFORE})[ \t]+)(?P<v>(?i:{MONTH_NAMES}))(?![\w'’-])"
    # not the month of a date written on ("en octobre 2026" is a form's, "bis Dezember 3")
    r"(?![ \t]*\d)"
)
_EVENT_MONTH = re.compile(
    r"\b(?i:the)[ \t]+(?P<v>(?:January|February|April|June|July|August|September|October|"
    r"November|December|Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
    r"(?=[ \t]+[a-z]{3,}\b)"
)


def lone_month_candidates(text: str) -> Iterator[Redaction]:
    """Months named alone in a date's slot in ``text`` (see the module's docstring)."""
    for pattern in (_FOREIGN_MONTH, _EVENT_MONTH):
        for match in skipped_finditer(pattern, text):
            start, end = match.span("v")
            yield Redaction("date", start, end, match.group("v"), label("date"))
