"""The litre of a unit ("g/L", "mmol/L", "U/L", "x10^9/L") is no initial (walk 22).

"Hb 101 g/L. Daughter Hope Ward phoned" lost "L. Daughter Hope Ward" as one facility: the
capital after the slash, with the sentence's full stop, read as a person's initial that opened a
run of capitalised words ("Na 131 mmol/[NAME] visited"). A capital letter written right after a
unit's slash, with letters or a power of ten before it, is the unit's denominator: the word scan
reads it as the lower-case word it is.

Session 38 (issue 16): a unit written with a capital right after a number ("tremor at 4 Hz",
"50 Gy", "8 kPa", "16 Ch") is the unit, not a name ("tremor at [LOCATION] [NAME]"), and a number
range before a unit or a count ("4-5 Hz", "4-6 Weeks", "60-70 Bpm") is a clinical value, not a
house number (`UNIT_OR_COUNT_AHEAD`, read by the address rules).

Walk 24: a scan reads the insulin unit "UI" (unidades internacionais) or "IU" with its capital
I as a lower-case l ("20 Ul a noite"), and the word scan took "Ul" for a name. Right after a
number those two spellings are the unit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the word scan's token; imported for its type only (no import cycle)
    from medlocal.privacy.deid_tokens import Tok

# A unit's numerator right before the slash (a mass, an amount, an activity, a count, a power
# of ten), after a number or a blank: "Dr A/L. Smith" has none.
_UNIT_BEFORE = re.compile(
    r"(?:(?<=[\d\s(])|(?<=\d\.))(?:[µμunpmk]?(?:g|mol|eq|Eq)|mc?g|[mk]?I?U|cells|copies|"
    r"x?10\^?\d{1,2}|x?10\*\d{1,2}|e\d{1,2})/\Z"
)
# The denominators written with a capital: litre (and its multiples), hour, day, minute.
_DENOMINATORS = frozenset({"L", "dL", "mL", "kg", "min", "hr", "h", "d", "HPF", "LPF"})
_SCANNED_UNITS = frozenset({"Ul", "lU"})  # "UI" and "IU" as a scan reads them
_NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")
# Units written with a capital (SI units named after people, their multiples, and the catheter
# sizes): after a number they are the unit.
_CAPITAL_UNITS = frozenset(
    {
        "Hz", "kHz", "MHz", "Gy", "cGy", "mGy", "Pa", "kPa", "hPa", "MPa", "Sv", "mSv", "Bq",
        "kBq", "MBq", "GBq", "Da", "kDa", "Ci", "mCi", "Fr", "Ch", "Hg", "mmHg", "cmH2O", "kJ",
        "mV",
    }
)  # fmt: skip
# Units and counts of something after a number or a range, whatever their case ("4-5 Hz", "3-4
# cm", "2-3 Times", "4-6 Weeks", "60-70 Bpm"); lower case.
_UNIT_OR_COUNT_WORDS = frozenset(
    {
        "hz", "khz", "mhz", "gy", "cgy", "pa", "kpa", "hpa", "sv", "msv", "bq", "mbq", "da",
        "kda", "mmhg", "cmh2o", "bpm", "cm", "mm", "mg", "mcg", "kg", "ml", "mls", "mmol", "iu",
        "unit", "units", "time", "times", "x", "day", "days", "week", "weeks", "wk", "wks",
        "month", "months", "year", "years", "yr", "yrs", "hour", "hours", "hr", "hrs", "minute",
        "minutes", "min", "mins", "second", "seconds", "sec", "secs", "tablet", "tablets", "tab",
        "tabs", "capsule", "capsules", "cap", "caps", "dose", "doses", "puff", "puffs", "drop",
        "drops", "cycle", "cycles", "fraction", "fractions", "session", "sessions", "episode",
        "episodes", "litre", "litres", "liter", "liters", "pint", "pints", "beats", "breaths",
        "steps", "metre", "metres", "meter", "meters", "inches", "lbs", "cigarettes", "drinks",
        "glasses", "cups", "nights", "visits", "courses", "injections", "sachets", "patches",
        "pads",
    }
)  # fmt: skip
# The same words as a look-ahead, for rules that read a number before a capitalised word as a
# house's (deid_addresses).
UNIT_OR_COUNT_WORDS = "|".join(sorted(_UNIT_OR_COUNT_WORDS, key=len, reverse=True))
UNIT_OR_COUNT_AHEAD = r"(?!(?i:" + UNIT_OR_COUNT_WORDS + r")(?![\w-]))"
# A number that places a bed or a room, before the surname of its patient ("bed 4 Weeks").
_PLACE_NUMBER_BEFORE = re.compile(
    r"(?i:\b(?:bed|bay|room|rm|side[ \t]+room|cubicle|ward|chair|trolley|cot|no\.?))[ \t]*"
    r"\d{1,4}[A-Za-z]?[ \t]?\Z"
)
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


def protect_unit_letters(tokens: list[Tok], text: str) -> None:
    """Mark the capital denominators of units ("g/L", "mmol/L"), an insulin unit as a scan
    reads it ("20 Ul") and a unit or a count written with a capital after its number ("4 Hz", "6
    Weeks"), as lower-case words."""
    for tok in tokens:
        if (
            _denominator(tok, text)
            or _scanned_unit(tok, text)
            or _capital_unit(tok, text)
            or _counted(tok, text)
        ):
            tok.shape = "lower"


def _denominator(tok: Tok, text: str) -> bool:
    return (
        tok.word in _DENOMINATORS
        and text[tok.start - 1 : tok.start] == "/"
        and _UNIT_BEFORE.search(text, max(0, tok.start - 8), tok.start) is not None
    )


def _scanned_unit(tok: Tok, text: str) -> bool:
    return (
        tok.word in _SCANNED_UNITS
        and _NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start) is not None
        and not _CAPITAL_AFTER.match(text, tok.end)  # "Bed 4 Ul Kim": a name
    )


def _capital_unit(tok: Tok, text: str) -> bool:
    return (
        tok.word in _CAPITAL_UNITS
        and _NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start) is not None
        and not _CAPITAL_AFTER.match(text, tok.end)  # "Bed 4 Pa Kim": a name
    )


def _counted(tok: Tok, text: str) -> bool:
    """A unit or count word written with a capital after its number ("review in 6 Weeks", "HR
    70 Bpm"), not a surname after a bed's or a room's number ("bed 4 Weeks")."""
    if tok.lower not in _UNIT_OR_COUNT_WORDS or tok.word.islower():
        return False
    reach = max(0, tok.start - 24)
    return (
        _NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start) is not None
        and _PLACE_NUMBER_BEFORE.search(text, reach, tok.start) is None
        and not _CAPITAL_AFTER.match(text, tok.end)
    )
