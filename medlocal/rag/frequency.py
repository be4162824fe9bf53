"""How often a drug is given, read from clinical text and normalised so that equal regimens
compare equal: "BD" == "twice daily" == "every 12 hours" == "q12h" (2 a day).

A regimen is a number of doses per day (a range for "q4-6h": 4 to 6 a day); weekly and monthly
schedules are fractions of a day's dose (1/7, 1/30) and so stay distinct from daily ones, and a
month is a month however it is counted ("monthly" == "every 4 weeks" == "every 28 days"); "as
needed" (PRN) is a regimen of its own, never a number per day. Doses split across the day ("500 mg
in the morning and 500 mg at night", "8am, 2pm and 8pm") are each once a day and, together, a
regimen of their own: one per time named (2 and 3 a day here). Pure regular expressions: fast,
and free of any GUI import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

PRN = "prn"

_COUNT_WORDS = {
    "once": 1, "one": 1, "twice": 2, "two": 2, "thrice": 3, "three": 3, "four": 4, "five": 5,
    "six": 6, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6,
}  # fmt: skip
_PERIOD_DAYS = {"day": Fraction(1), "week": Fraction(7), "month": Fraction(30)}
_ABBREVIATIONS = {
    "qd": 1, "od": 1, "q24h": 1, "qam": 1, "qpm": 1, "qhs": 1, "hs": 1, "nocte": 1, "mane": 1,
    # "OM" (omni mane), as Singapore and Malaysia write once every morning (round 9).
    "om": 1,
    "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4,
}  # fmt: skip
# Once a day at a given time of day.
_ONCE_AT = (
    r"nightly|at\s+night|at\s+bedtime|before\s+bed|(?:every|each|in\s+the)\s+(?:morning|evening)"
    r"|every\s+night|each\s+night"
)
_NUM = r"\d+(?:\.\d+)?"
# An interval may be written in words: "every two weeks", "every eight hours".
_INTERVAL_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12,
}  # fmt: skip
_INTERVAL = rf"{_NUM}|{'|'.join(_INTERVAL_WORDS)}"
_COUNT = r"(?:once|twice|thrice|(?:one|two|three|four|five|six|[1-6])\s*(?:times|x))"
_PERIOD = r"(?P<period>day|week|month)"
# Longest forms first, so that "twice daily" is one regimen, not "twice" and "daily".
_FREQUENCY = re.compile(
    r"(?<![\w/])(?:"
    rf"(?P<count>{_COUNT})\s*(?:(?:a|per|each|every)\s+{_PERIOD}|(?P<adverb>daily|weekly|monthly))"
    rf"|(?:every|q)\s*(?P<low>{_INTERVAL})\s*(?:(?:-|–|to)\s*(?P<high>{_INTERVAL})\s*)?"
    # Oncology writes a cycle's interval in weeks with a bare "w": "q2w", "q3w".
    r"(?P<unit>hours?|hrs?|hr|h|days?|d|weeks?|wks?|w|months?)"
    # And one in weeks or months: "3-weekly", "6-monthly" (round 9 of the precision audit: read
    # as "monthly"). Hyphenated only: "2 weekly" may be two tablets a week.
    r"|(?P<periods>\d{1,2})-(?P<periods_unit>weekly|monthly)"
    # British notes write an interval in hours as an adjective: "4-hourly", "4-6 hourly", and
    # in words, "two-hourly" (walk 51b: read as "hourly").
    rf"|(?P<hours_low>{_INTERVAL})\s*(?:(?:-|–|to)\s*(?P<hours_high>{_INTERVAL})\s*)?[\s-]?hourly"
    r"|(?P<fortnight>fortnightly|every\s+fortnight|every\s+(?:other|second)\s+week)"
    r"|(?P<other>every\s+other\s+day|on\s+alternate\s+days|alternate\s+days|alternate\s+day|qod)"
    r"|(?P<divided>(?:daily\s+)?in\s+(?P<parts>two|three|four|2|3|4)\s+divided\s+doses)"
    rf"|(?P<once_at>{_ONCE_AT})"
    r"|(?P<abbr>q\.?d|o\.?d|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|b\.?d|t\.?d\.?s|q\.?d\.?s|q\.?hs"
    r"|q\.?am|q\.?pm|q24h|nocte|mane|h\.?s(?!-)|o\.m\.?|(?-i:OM))"
    r"|(?P<prn>p\.?r\.?n|as\s+needed|as\s+required|when\s+required|if\s+needed|when\s+needed"
    r"|if\s+required|if\s+necessary)"
    r"|(?P<hourly>hourly)"
    r"|(?P<bare>(?:every|each|per|a)\s+(?P<bare_period>day|week|month)|daily|weekly|monthly)"
    r")(?![\w/])",
    re.I,
)
# A bare "per day" after these is a ceiling or a total, not how often the drug is given.
_NOT_A_SCHEDULE = re.compile(
    r"\b(?:max(?:imum)?|up\s+to|not\s+to\s+exceed|no\s+more\s+than|total|at\s+most)\b[^,;]*$", re.I
)
# "daily dose", "daily weights": an adjective, not a schedule.
_ADJECTIVE = re.compile(
    r"\s*(?:doses?|weights?|total|amount|maximum|limit|intake|requirements?|allowance)\b", re.I
)
# A bare "a day"/"per day" is a schedule only right after what is given: "500 mg a day".
_GIVEN_BEFORE = re.compile(
    r"(?:\d\s*[a-zµμ]*|tablets?|tabs?|capsules?|caps?|puffs?|drops?|sprays?|doses?|units?)\s*$",
    re.I,
)
_EYE = re.compile(r"\b(?:drops?|eyes?|ophthalmic|ou|os)\b", re.I)


@dataclass(frozen=True)
class Frequency:
    """One stated regimen: doses per day as a (low, high) range, or ``None`` for as needed.
    ``start`` and ``end`` are offsets of ``raw`` in the text it came from."""

    per_day: tuple[Fraction, Fraction] | None
    raw: str
    start: int
    end: int
    # A split dose's total: the (start, end) of each time of day it adds up ("mane", "nocte").
    parts: tuple[tuple[int, int], ...] = ()
    # Qualified by "as needed" for its drug ("q6h PRN"): set by whoever knows the drug.
    as_needed: bool = False

    @property
    def key(self) -> tuple[Fraction, Fraction] | str:
        return self.per_day if self.per_day is not None else PRN

    def same(self, other: Frequency) -> bool:
        return self.key == other.key

    def moved(self, offset: int) -> Frequency:
        """The same regimen with its offsets moved by ``offset``."""
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            parts=tuple((a + offset, b + offset) for a, b in self.parts),
        )

    def describe(self) -> str:
        if self.per_day is None:
            return "as needed"
        low, high = self.per_day
        return _per_day_text(low) if low == high else f"{_per_day_text(low)}-{_per_day_text(high)}"


def _per_day_text(n: Fraction) -> str:
    return f"{n}/day" if n.denominator == 1 else f"1 every {1 / n} days"


def _exact(n: Fraction) -> tuple[Fraction, Fraction]:
    return (n, n)


def _months(days: Fraction) -> Fraction:
    """An interval of whole months counted in weeks or days ("every 4 weeks", "every 28 days",
    "every 12 weeks") counts as that many months of 30 days, so that it equals "monthly"."""
    for k in range(1, 13):
        if days in (28 * k, 30 * k, 31 * k):
            return Fraction(30 * k)
    return days


def _interval(text: str) -> Fraction:
    return Fraction(_INTERVAL_WORDS.get(text.lower(), 0) or text)


def _unit_days(unit: str) -> Fraction:
    u = unit.lower()
    if u.startswith("h"):
        return Fraction(1, 24)
    if u.startswith("w"):
        return Fraction(7)
    if u.startswith("m"):
        return Fraction(30)
    return Fraction(1)


def _per_day(match: re.Match[str], text: str) -> tuple[Fraction, Fraction] | bool | None:
    """The regimen one match states; ``False`` when the words are no schedule here."""
    g = match.groupdict()
    if g["count"]:
        first = g["count"].lower().split()[0].rstrip("x")
        count = _COUNT_WORDS.get(first, 0)
        period = (
            g["period"]
            or {"daily": "day", "weekly": "week", "monthly": "month"}[g["adverb"].lower()]
        )
        return _exact(Fraction(count) / _PERIOD_DAYS[period.lower()]) if count else False
    if g["low"] or g["hours_low"]:
        days = _unit_days(g["unit"] or "h")
        low = _interval(g["low"] or g["hours_low"])
        high = _interval(g["high"] or g["hours_high"] or g["low"] or g["hours_low"])
        if low == 0 or high == 0:
            return False
        a, b = 1 / _months(low * days), 1 / _months(high * days)
        return (min(a, b), max(a, b))
    if g["periods"]:
        days = int(g["periods"]) * _PERIOD_DAYS[g["periods_unit"].lower().removesuffix("ly")]
        return _exact(1 / _months(Fraction(days))) if days else False
    if g["fortnight"]:
        return _exact(Fraction(1, 14))
    if g["other"]:
        return _exact(Fraction(1, 2))
    if g["divided"]:
        return _exact(Fraction(_COUNT_WORDS[g["parts"].lower()]))
    if g["once_at"]:
        return _exact(Fraction(1))
    if g["abbr"]:
        word = g["abbr"].lower().replace(".", "")
        if word == "od" and _EYE.search(text):
            return False  # "1 drop OD": the right eye
        if g["abbr"] == "OM" and not _DOSE_BEFORE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            return False  # "acute OM", "for OM": otitis media (review 34)
        return _exact(Fraction(_ABBREVIATIONS[word]))
    if g["prn"]:
        return None
    if g["hourly"]:
        return _exact(Fraction(24))
    bare = match.group().lower()
    period = g["bare_period"] or {"daily": "day", "weekly": "week", "monthly": "month"}[bare]
    before = text[: match.start()]
    if _NOT_A_SCHEDULE.search(before):
        return False
    if bare in {"daily", "weekly", "monthly"}:
        if _ADJECTIVE.match(text, match.end()):
            return False
    elif bare.startswith(("a ", "per ")) and not _GIVEN_BEFORE.search(before):
        return False
    return _exact(1 / _PERIOD_DAYS[period.lower()])


# A dose or a dose form right before "OM", as a once-every-morning "OM" follows one ("losartan
# 50 mg OM", "1 tab OM"): after anything else it is otitis media.
_DOSE_BEFORE = re.compile(
    r"(?:\d\s*(?:mg|mcg|µg|μg|micrograms?|g|ml|mls|units?|iu|u|tabs?|tablets?|caps?|capsules?"
    r"|puffs?|drops?|sachets?|sprays?)|\b(?:tabs?|tablets?|caps?|capsules?|puffs?|drops?"
    r"|sachets?|sprays?))\.?\s*$",
    re.I,
)
# A time of day a dose is given at. "In the morning", "at night", "mane" and the like are a
# regimen on their own (once a day); a bare "morning", a meal or a clock time is one only in a
# list of two or more: "1 tab morning, 1 tab evening", "with breakfast, lunch and dinner".
_SLOT = re.compile(
    r"(?<![\w/])(?:"
    rf"(?P<strong>{_ONCE_AT}|q\.?am|q\.?pm|q\.?hs|nocte|mane)"
    r"|(?:(?:at|with|before|after|in\s+the)\s+)?(?P<weak>morning|evening|night|noon|midday"
    r"|lunch\s*time|lunch|breakfast|dinner|supper|tea\s*time|bed\s*time)"
    r"|(?:at\s+)?(?P<clock>(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|(?:[01]\d|2[0-3]):[0-5]\d)"
    r")(?![\w/])",
    re.I,
)
_SLOT_GAP_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+|\S", re.I)
# What may stand between two times of a split dose: its doses, and "and".
_SLOT_GAP_WORDS = frozenset(
    {
        ",", "&", "+", "(", ")", "and", "then", "plus", "another", "further", "a", "an", "of",
        "dose", "doses", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps",
        "puff", "puffs", "drop", "drops", "spray", "sprays", "sachet", "sachets", "unit", "units",
        "iu", "u", "mg", "mcg", "µg", "μg", "microgram", "micrograms", "g", "ml", "mls",
        "taken", "given", "one", "two", "half",
    }
)  # fmt: skip


def _split_groups(text: str) -> list[list[re.Match[str]]]:
    """Runs of two or more times of day joined only by doses and "and": one split dose each."""
    groups: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for match in _SLOT.finditer(text):
        if run:
            gap = text[run[-1].end() : match.start()].lower()
            tokens = _SLOT_GAP_TOKEN.findall(gap)
            if tokens and all(t in _SLOT_GAP_WORDS or t[0].isdigit() for t in tokens):
                run.append(match)
                continue
            if len(run) > 1:
                groups.append(run)
        run = [match]
    if len(run) > 1:
        groups.append(run)
    return groups


def frequencies(text: str) -> list[Frequency]:
    """Every regimen stated in ``text``, in order; a split dose gives each of its times (once a
    day) and then its total, whose ``parts`` are those times."""
    found: list[Frequency] = []
    for match in _FREQUENCY.finditer(text):
        per_day = _per_day(match, text)
        if per_day is False:
            continue
        assert per_day is not True
        found.append(Frequency(per_day, match.group(), match.start(), match.end()))
    for group in _split_groups(text):
        for slot in group:
            if not any(f.start < slot.end() and slot.start() < f.end for f in found):
                found.append(Frequency(_exact(Fraction(1)), slot.group(), slot.start(), slot.end()))
        first, last = group[0], group[-1]
        found.append(
            Frequency(
                _exact(Fraction(len(group))),
                text[first.start() : last.end()],
                first.start(),
                last.end(),
                parts=tuple((m.start(), m.end()) for m in group),
            )
        )
    found.sort(key=lambda f: (f.start, f.end))
    return found
