"""The Bristol stool chart's type written after the city's name alone ("Bristol 6-7", "BO x3
Bristol 5", "Bristol type 7"): a clinical value, not a place and a house number (issue 16,
session 57, deid57b; note56's leak "Bristol 6-7" -> [NAME]).

The chart has seven types, so only a type from 1 to 7, or a range of two, is read, and never a
span of time or a distance after it ("moved to Bristol 3 years ago", "Bristol 5 miles away"
name the city), nor after a word that places someone there ("transferred from Bristol 6 ...").
"""

from __future__ import annotations

import re

_TYPE_AFTER = re.compile(
    r"(?P<chart>[ \t]+(?i:stool[ \t]+)?(?i:type|chart|scale|score|form))?[ \t]*[:=]?[ \t]*"
    r"[1-7](?:[ \t]*[-–/][ \t]*[1-7])?(?![\d:/-]|[.,]\d)"
    r"(?![ \t]*(?i:years?|yrs?|y|months?|mths?|weeks?|wks?|days?|d|hours?|hrs?|h|minutes?|"
    r"mins?|miles?|mi|km|kilometres?|kilometers?|times|am|pm|o'?clock|jan(?:uary)?|"
    r"feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)"
)
# review57a: a type with no chart word after it is read only where the line opens with it or
# the words before it on its line speak of stools ("BO x3, Bristol 6-7", "Stool: Bristol 5"):
# "Next of kin: son, Bristol 3" and "Clifton, Bristol 8" are the city's old postal districts.
_STOOL_CUE = re.compile(
    r"(?i)\b(?:stools?|bo|bno|bowels?|opened|motions?|diarrho?ea|loose|faec\w*|fec\w*|"
    r"constipat\w*|chart|type|bsc|bsfs)\b"
)
_STOOL_AFTER = re.compile(r"[ \t]{1,3}(?i:stools?|motions?|bo|diarrho?ea|loose)\b")
# A word that sends or places someone before the city ("from Bristol 6 ...", "lives in").
_PLACE_BEFORE = re.compile(r"(?i:\b(?:from|to|in|at|near|via|of|into|towards?|around))[ \t]+\Z")


def stool_type_after(lower: str, text: str, start: int, end: int) -> bool:
    """Whether the word ``lower`` from ``start`` to ``end`` in ``text`` is "Bristol" before a
    stool chart's type, with no word before it that places someone in the city."""
    if lower != "bristol":
        return False
    after = _TYPE_AFTER.match(text, end)
    if after is None or _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None:
        return False
    if after.group("chart"):
        return True
    window = max(0, start - 40)  # bounded: a long line with many cities is read once
    before = text[text.rfind("\n", window, start) + 1 or window : start]
    sentence = re.split(r"[.;!?]", before)[-1]  # "... came. Bristol 6-7 stool reported"
    return (
        not sentence.strip(" \t-*•")
        or _STOOL_CUE.search(before) is not None
        or _STOOL_AFTER.match(text, after.end()) is not None
    )
