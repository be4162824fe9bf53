"""A weekday that says how often, not when: "every Monday", "once weekly (Sundays)", "Mon/Wed/
Fri", "methotrexate 10 mg on Mondays" (walk 21: "every [DATE]").

Safe Harbor removes the elements of dates; a day of the week that recurs fixes no date, and in a
dosing schedule it is safety-relevant (methotrexate taken daily instead of weekly kills). The
date rules take every weekday (a one-off "seen on Monday" is a date element, and "Monday 3
March" is part of its date); this module gives back the weekdays of a recurrence only:

* after "every", "each", "alternate" or "every other" ("every Monday", "each Tuesday");
* after a weekly or fortnightly frequency, with "on" or a bracket between ("weekly on
  Tuesdays", "once weekly (Sundays)", "fortnightly (Fri)");
* two or more weekdays joined by slashes ("Mon/Wed/Fri", "Tue/Thu");
* a plural weekday ("on Mondays") after a dose, a medicine's schedule or a medicine's name on its
  line ("10 mg on Mondays", "injection on Fridays", "alendronic acid on Mondays", "5 mg daily
  except Fridays", "7.5 mg Fridays"). A plural weekday with no dose or medicine before it
  ("volunteers on Tuesdays") stays with the date rules, as the older evaluation halves annotate it;
* the weekday of a medicine's day ("Methotrexate day: Friday", walk 22).

A weekday next to digits (a date written beside it) is never given back. Nor is a weekday that
names a condition rather than a day ("Saturday night palsy" of the radial nerve, "Monday
morning fever" of byssinosis) taken: it is a clinical term.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)
# The whole of a redaction that is only a weekday, plural or not, perhaps with a full stop.
_WEEKDAY_ONLY = re.compile(rf"(?i:{_DAY}s?\.?)")
# What a recurrence's weekday follows, read back from it (at most 40 characters).
_EVERY_BEFORE = re.compile(
    r"(?i:\b(?:every(?:[ \t]+(?:other|second|alternate))?|each|alternate)[ \t]+)\Z"
)
_FREQUENCY_BEFORE = re.compile(
    r"(?i:\b(?:weekly|fortnightly|once[ \t]+a[ \t]+(?:week|fortnight)|"
    r"(?:once|twice|two[ \t]+times|three[ \t]+times|3[ \t]*x|2[ \t]*x)[ \t]+(?:weekly|a[ \t]+week))"
    r"[ \t]*(?:on[ \t]+|\([ \t]*|,[ \t]*|-[ \t]*|:[ \t]*)"
    r"(?:[^\W\d_]+(?:/|,[ \t]*|[ \t]+and[ \t]+))*)\Z"
)
# Weekdays joined by slashes, the redaction being one of them ("Mon/Wed/Fri").
_SLASH_BEFORE = re.compile(rf"(?i:\b{_DAY}/)\Z")
_SLASH_AFTER = re.compile(rf"(?i:/{_DAY}\b)")
# A dose or a schedule on the same line before a plural weekday ("10 mg on Mondays").
# A dose: a number and its unit.
_DOSE = r"\d[ \t]*(?:mg|mcg|µg|micrograms?|units?|iu|ml|g|tablets?|tabs?|caps?|puffs?)"
_DOSE_BEFORE = re.compile(
    rf"(?i:{_DOSE}\b|"
    r"\b(?:dose|doses|dosing|injections?|infusions?|tablets?|dialysis|haemodialysis|"
    r"hemodialysis|weekly|fortnightly|take|takes|taken|given|give|administered)\b)"
)
_PLURAL_ON_BEFORE = re.compile(
    r"(?i:\b(?:on|and|,|except|excluding|apart[ \t]+from|not[ \t]+on|but[ \t]+not)[ \t]*)\Z"
)
# A dose right before the weekday ("7.5 mg Fridays").
_DOSE_RIGHT_BEFORE = re.compile(rf"(?i:{_DOSE})[ \t]+\Z")
# A medicine's day as a label ("Methotrexate day: Friday", "Alendronic acid day - Monday").
_DAY_LABEL_BEFORE = re.compile(r"(?i:\bday[ \t]*[:=-][ \t]*)\Z")
_WORD = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_END = re.compile(r"[.;!?][ \t]+")
# What follows a weekday in the name of a condition ("Saturday night palsy", "Monday fever").
_CONDITION_AFTER = re.compile(
    r"(?i:[ \t]+(?:(?:night|morning)[ \t]+)?(?:palsy|paralysis|neuropathy|fever|asthma)\b)"
)
_DIGIT_BESIDE = re.compile(r"[ \t]*(?:the[ \t]+)?[(,]?[ \t]*\d")
_DIGIT_BEFORE = re.compile(r"\d[ \t,)]*\Z")


def _recurring(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``text[start:end]`` is part of a recurrence (or of a condition's
    name)."""
    if _DIGIT_BESIDE.match(text, end) or _DIGIT_BEFORE.search(text[max(0, start - 4) : start]):
        return False  # "Monday 3 March", "3/3 Monday": a date's weekday
    if _CONDITION_AFTER.match(text, end):
        return True  # not a recurrence, but no day either: "Saturday night palsy"
    before = text[max(0, start - 60) : start]
    if _EVERY_BEFORE.search(before) or _FREQUENCY_BEFORE.search(before):
        return True
    if _SLASH_BEFORE.search(text, max(0, start - 10), start) or _SLASH_AFTER.match(text, end):
        return True
    word = text[start:end].rstrip(".")
    line = text.rfind("\n", 0, start) + 1
    # The weekday's own sentence: a medicine named in the one before says nothing of it.
    near = _SENTENCE_END.split(text[max(line, start - 60) : start])[-1]
    if word.lower().endswith("s") and word.lower() not in ("tues", "thurs"):
        if _DOSE_RIGHT_BEFORE.search(near):
            return True
        if _PLURAL_ON_BEFORE.search(near) and (
            _DOSE_BEFORE.search(near) or _names_a_medicine(near)
        ):
            return True
    return _DAY_LABEL_BEFORE.search(near) is not None and _names_a_medicine(near)


def _names_a_medicine(near: str) -> bool:
    """Whether a word of ``near`` is a medicine's name (a clinical word of the lists, or shaped
    like a drug's: "alendronic", "methotrexate")."""
    lex = lexicon()
    return any(lex.clinical(m.group().lower()) for m in _WORD.finditer(near))


# A weekday's abbreviation is read as a name too ("Mon/Wed/Fri" gave "Fri" as one).
_KINDS = frozenset({"date", "name"})


def without_recurring_days(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the dates that are only a weekday of a recurrence."""
    return [
        red
        for red in redactions
        if not (
            red.kind in _KINDS
            and _WEEKDAY_ONLY.fullmatch(red.original)
            and _recurring(text, red.start, red.end)
        )
    ]
