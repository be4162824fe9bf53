"""UK postcodes typed in lower or mixed case ("hg2 7qt", "Hg2 7QT").

The postcode pattern of :mod:`~medlocal.privacy.deid_addresses` reads capitals only, as
postcodes are printed; a postcode typed in lower case was removed in pieces by the word rules
and its digits stayed ("[CITY] [LOCATION]2 7[LOCATION]", walk 24). In any case a postcode is
taken here only where its outward code opens with one of the 124 postcode areas (Royal Mail's
list, with the Channel Islands and the Isle of Man) and its inward code has the letters an
inward code may have (no C, I, K, M, O or V), so "mg2 5ml" or "x2 4hr" in a note's prose stay;
an inward code that reads as an ordinal or a unit of time ("G3 2nd", "S1 4hr", "L4 5th") is
left to the capitals pattern.
"""

from __future__ import annotations

import re

# The postcode areas of the United Kingdom, the Channel Islands and the Isle of Man.
_AREAS = (  # noqa: SIM905 - a list of 121 codes reads best as one text
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD "
    "LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG "
    "SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_NOT_INWARD = "(?:st|nd|rd|th|hr|yr)"  # "2nd", "4hr" after a grade or a level
_AREA = "|".join(sorted(_AREAS, key=lambda area: (-len(area), area)))

_INWARD = rf"\d(?!{_NOT_INWARD}\b)[abd-hjlnp-uw-z]{{2}}"
POSTCODE_AREA_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("zip_code", re.compile(rf"(?i:\b(?:{_AREA})\d[a-z\d]?[ \t]{_INWARD}\b)")),
]
