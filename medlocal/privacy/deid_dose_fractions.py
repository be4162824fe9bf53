"""A fraction of a dose read as a day and month (review 44: "Dose halved until 1/2 tablet
daily." was written "until 1/5 tablet daily." with dates shifted by three days).

"1/2", "3/4" and "5/10" are as often a part of a tablet, of a dose or of a distance as a day
and a month, and a date cue before them ("until", "from", "given", "next") is as often a
plan's word as a date's. A date shifted is written as a plain date, so a reader of the export
sees a wrong dose: a clinical error, worse than a date left. So a day and month with no year,
whichever rule found it, is given back when what follows it says it is an amount (a dose
form, a unit of mass or volume or "of the ...": "1/2 tablet", "1/4 strength", "3/4 of the
corridor"), or a whole number in words stands before it, making it a mixed fraction ("one
1/2 daily"). Alone
at a sentence's end after its cue ("until 5/10.") it stays a date: privacy first.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

# A day and month at the span's end, no year after it and no day before it ("until 1/2",
# "1/2"; not "3/1/2024", nor "1/2/24" whose year a rule left outside).
_DAY_MONTH_END = re.compile(r"(?:\A|.*[^\d/.])\d{1,2}/\d{1,2}\Z", re.DOTALL)
_FRACTION = re.compile(r"(\d{1,2})/(\d{1,2})\Z")
# What makes the number an amount: a dose form or a unit of mass or volume, or "of" before what
# it is a part of. Not a unit of time or a count ("3/4 h", "12/3 x-ray", "2/7 days" are read by
# the date rules themselves): those follow a date as often. The word may be on the next line
# of a wrapped letter.
_AMOUNT_AFTER = re.compile(
    r"[ \t]*\n?[ \t]*(?i:(?:mg|mcg|µg|ug|ng|g|kg|ml|mls|mmol|meq|units?|iu|"
    r"tab(?:let)?s?|tabl?|tbl|caps?|capsules?|puffs?|drops?|doses?|strength|sachets?|vials?|"
    r"amp(?:oule)?s?|spoon(?:ful)?s?|teaspoons?|tsp|tbsp|patch(?:es)?|sprays?|inhalations?|"
    r"pills?|lozenges?|suppositor(?:y|ies)|pessar(?:y|ies)|bags?|bottles?|packs?)\b"
    r"|of[ \t]+(?:a|an|the|his|her|their|its|one|normal|usual|baseline|target|maximum|max|"
    r"full|previous|original|recommended|daily|dose|tablet|capsule)\b)"
)
# A whole number right before it, in words: the fraction's whole part ("one 1/2 daily"). In
# digits it may be a day or a cycle's number before a date ("Day 1 3/4"): only an amount after
# it says so there.
_WHOLE_BEFORE = re.compile(
    r"\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ \t]+\Z"
)


def without_dose_fractions(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less a day and month with no year that is a fraction of an amount."""
    return [red for red in redactions if not _dose_fraction(text, red)]


def _dose_fraction(text: str, red: Redaction) -> bool:
    if red.kind != "date" or _DAY_MONTH_END.match(red.original) is None:
        return False
    if _AMOUNT_AFTER.match(text, red.end) is not None:
        return True
    # The whole part stands right before the fraction's digits, inside or before the span.
    fraction = _FRACTION.search(red.original)
    if fraction is None or int(fraction.group(1)) >= int(fraction.group(2)):
        return False  # a mixed fraction's part is a proper one ("one 1/2"; not "two 16/5")
    digits = red.start + fraction.start()
    line = text.rfind("\n", 0, digits) + 1
    return _WHOLE_BEFORE.search(text, max(line, digits - 12), digits) is not None
