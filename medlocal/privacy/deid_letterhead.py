"""Organisations and address parts told by where they stand (seventh round, issue 16; used by
:mod:`medlocal.privacy.deid_runs`):

* a letterhead: the capitalised run after a heading in capitals and a dash ("COMMUNITY PHARMACY
  CONSULTATION RECORD - Boots, High Street", "PAEDIATRIC EMERGENCY - University College
  Hospital, Ibadan") names who wrote the note, when it ends in a facility word, holds a word that
  is a name, a place or no English word, or has an address after its comma; a run of clinical
  words there ("DISCHARGE SUMMARY - Left Total Knee Replacement") stays;
* an address's parts: a capitalised run joined by a comma to a found street is the house's name
  before it ("Rose Cottage, Back Lane") or the locality after it ("Back Lane, Little Snoring").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import Tok, word_end

# A heading in capitals and a dash, then who wrote the note ("COMMUNITY PHARMACY CONSULTATION
# RECORD - Boots, High Street", "PAEDIATRIC EMERGENCY - University College Hospital, Ibadan").
HEADING_DASH = re.compile(r"[ \t]*[A-Z][A-Z0-9&/'(). -]*[A-Z)][ \t]+[-–—][ \t]+")
LETTERHEAD_HEADS = frozenset(
    re.findall(
        r"\w+",
        "hospital hospitals clinic clinics centre center infirmary practice health healthcare"
        " institute trust house home pharmacy chemist laboratories labs hospice college university"
        " school group services partners surgery",
    )
)
_LETTERHEAD_END = re.compile(r"[ \t]*(?:(,[ \t]*[A-Z0-9])|\(|$)", re.M)
_COMMA = re.compile(r",[ \t]*")
_COMMA_END = re.compile(r",[ \t]*\Z")


def letterhead(run: list[Tok], text: str, lex: Lexicon, stops: Callable[[Tok], bool]) -> bool:
    """Whether ``run`` follows a heading in capitals and a dash, ends its line or comes before a
    comma, and names an organisation: by a facility word at its end ("University College
    Hospital"), a word that is a name, a place or no English word ("Mercy General"), or a comma and
    an address after it ("Boots, High Street")."""
    line = text.rfind("\n", 0, run[0].start) + 1
    if not HEADING_DASH.fullmatch(text, line, run[0].start):
        return False
    end = word_end(run[-1])
    after = _LETTERHEAD_END.match(text, end)
    if after is None or any(stops(t) and t.shape != "joiner" for t in run):
        return False
    distinctive = any(
        t.lower not in GENERIC
        and (not lex.known(t.lower) or t.lower in lex.given_names or t.lower in lex.places)
        for t in run
    )
    return run[-1].lower in LETTERHEAD_HEADS or distinctive or after.group(1) is not None


def beside_street(run: list[Tok], text: str, streets: set[int]) -> str:
    """The part of an address that ``run`` is, where a comma joins it to a found street: a house
    name before the street ("Rose Cottage, Back Lane"), the locality after it ("Back Lane, Little
    Snoring"); "" where it is neither."""
    end = word_end(run[-1])
    after = _COMMA.match(text, end)
    if after is not None and after.end() in streets:
        return "street_address"
    before = _COMMA_END.search(text, max(0, run[0].start - 4), run[0].start)
    return "location" if before is not None and before.start() in streets else ""
