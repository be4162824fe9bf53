"""Numbers, doses, lab values and dates in clinical text, normalised so that equal values compare
equal: "5 mg" == "5mg", "1,000" == "1000", "0.50" == ".5", "03/04/2021" == "March 4, 2021", and
"12/03/2024" == "12 March 2024" where the text may write its dates day first."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from medlocal.delimited_tables import (
    DATE_CELL,
    CellMarks,
    DelimitedTable,
    cell_marks,
    cell_spans,
    cell_text,
    delimited_tables,
    heads_dates,
)
from medlocal.joined_results import results_not_thousands

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# A day, month and year: "8 November 2026", "8th of November 2026", "8 of November 2026".
_DAY_MONTH_YEAR = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b", re.I
)
# A bare number and "of" before a month ("2 of May 2026"), the word before it a noun that counts
# (a dose, a cycle, a day of a course) rather than a word that leads to a date ("on", "the",
# "admitted", a line's start): the number is the count. Words that lead to a date are few and
# closed, the counted nouns many and open ("fraction", "infusion", "visit"), so the test is
# whether the word before is one of the leading words (or a verb in "-ed": "seen 8 of ...").
_LEADS_TO_A_DAY = frozenset(
    {"on", "of", "from", "since", "until", "till", "to", "by", "before", "after", "between",
     "and", "or", "the", "dated", "date", "dob", "born", "as", "at", "for", "in", "was", "is",
     "be", "will", "next", "last", "due", "effective", "starting", "ending",
     # Verbs of dating that do not end in "-ed": "seen 8 of November 2026".
     "seen", "done", "taken", "given", "held", "written", "signed", "sent", "begun", "began",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
     # Events a note dates, as labels without their colon: "Next review 8 of May 2026",
     # "Admission 12 of March 2026" (review 43 D8).
     "review", "appointment", "appt", "admission", "discharge", "surgery", "operation",
     "procedure", "clinic", "follow-up", "followup", "referral", "onset",
     "death", "birth", "delivery", "booking"}
)  # fmt: skip
# A label's colon or dash before the number: "Date of surgery: 8 of November 2026".
_LABEL_END = re.compile(r"[:\-\u2013\u2014]\s*$")
_BARE_OF = re.compile(r"\d{1,2}\s+of\s", re.I)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
# Nouns a number after them counts, capitalised in a heading or a brand's name ("Pfizer Dose 2",
# "Pfizer Booster 2": review 44b B7, a vaccine's count read as the 2nd).
_COUNTED_NOUNS = (
    r"(?:Dose|Doses|Cycle|Cycles|Day|Days|Week|Weeks|Fraction|Fractions|Visit|Visits|Session"
    r"|Sessions|Part|Page|Stage|Phase|Round|Course|Injection|Infusion|Number|Vial|Tablet|Unit"
    r"|Units|Bottle|Pack|Box|Item|Items|Booster|Boosters|Vaccine|Vaccines|Vaccination|Shot|Jab)"
)
# A person's name right before the number (note 43): a capitalised word after a title ("Dr
# Patel", "Mrs Jones", "Nurse Okafor") or after a given name that does not start the sentence
# ("by Anna Smith"). Counted nouns are not written so ("Dose 2", "Cycle 2 of May 2026").
_NAME_BEFORE = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Sr|Rev|Sir|Dame)\.?"
    r"|(?<=[a-z,] )[A-Z][a-z]+)\s+(?!" + _COUNTED_NOUNS + r"\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s*$"
)


def _counted_day(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` of :data:`_DAY_MONTH_YEAR` is a count, not a day: a bare number and
    "of" ("2 of May 2026", no ordinal) after a word that does not lead to a date."""
    if not _BARE_OF.match(match.group()):
        return False
    if _LABEL_END.search(text[max(0, match.start() - 30) : match.start()]):
        return False  # the value of a label is a date
    window = text[max(0, match.start() - 30) : match.start()]
    before = _WORD_BEFORE.search(window)
    if before is None:
        return False  # at a line's start or after a number or punctuation: a date
    if _NAME_BEFORE.search(window):
        return False  # "Seen by Dr Patel 8 of November 2026": a person is counted by no number
    word = before.group(1).lower()
    return word not in _LEADS_TO_A_DAY and not word.endswith("ed")


_DATE_PATTERNS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    # A lab system's column dates, the month a name between hyphens and the year in two or four
    # digits: "12-Aug-24", "03-Feb-2025", and the month alone: "Dec-24", "Jun-2025" (round 9 of
    # the precision audit: "Dec-24   Mar-25" was read as the 24th of March and a number -25).
    (
        re.compile(rf"(?<![\w/.-])\d{{1,2}}-(?:{_MONTHS})-(?:\d{{4}}|\d{{2}})\b(?![-/.]\d)", re.I),
        ("%d/%b/%y", "%d/%b/%Y", "%d/%B/%y", "%d/%B/%Y"),
    ),
    (
        re.compile(rf"(?<![\w/.-])(?:{_MONTHS})-(?:\d{{4}}|\d{{2}})\b(?![-/.]\d)", re.I),
        ("%b-%y", "%b-%Y", "%B-%y", "%B-%Y"),
    ),
    # ISO 8601's date, and its date and time ("2026-11-08T14:30", as FHIR and exports write
    # it: read as the numbers 2026, 11, 8 and 30 until session 42).
    (re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?:\b|(?=T\d))"), ("%Y-%m-%d",)),
    # Year first with slashes, as South African and East Asian records write it: "2021/03/18",
    # and the month alone: "Next VL 2027/03" (round 8 of the precision audit).
    (
        re.compile(r"(?<![\d./])\b(?:19|20)\d{2}/\d{1,2}/\d{1,2}\b(?![\d/]|\.\d)"),
        ("%Y/%m/%d",),
    ),
    (
        re.compile(r"(?<![\d./-])\b(?:19|20)\d{2}/(?:0[1-9]|1[0-2])\b(?![\d/]|\.\d)"),
        ("%Y/%m",),
    ),
    (
        # The same separator twice, and no decimal on either side, so that ranges such as
        # "2.5-10" or "12.5-25" stay numbers.
        re.compile(r"(?<![\d.])\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b(?!\.\d)"),
        ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y"),
    ),
    (
        re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),
        ("%B %d %Y", "%b %d %Y"),
    ),
    # "8th of November 2026" and "8 of November 2026" too (session 42: read as "November 2026",
    # the day lost). A bare number before "of" after a word that counts ("Dose 2 of May 2026",
    # "cycle 3 of Dec 2025") is a count, not a day: see ``_counted_day`` (review 42).
    (_DAY_MONTH_YEAR, ("%d %B %Y", "%d %b %Y")),
    (re.compile(rf"\b(?:{_MONTHS})\.?,?\s+\d{{4}}\b", re.I), ("%B %Y", "%b %Y")),
    # Month and year as dictated notes write them: "completed 08/2016"; German and other
    # European notes write it dotted, the month in two digits: "diagnosed 09.2022".
    (
        re.compile(
            r"(?<![\d./])\b(?:(?:0?[1-9]|1[0-2])/|(?:0[1-9]|1[0-2])\.)(?:19|20)\d{2}\b"
            r"(?![\d/]|\.\d)"
        ),
        ("%m/%Y",),
    ),
    # Month and year with a hyphen, either way round, as lab systems and Indian and Canadian notes
    # write them: "stopped 2025-08" (ISO 8601), "Fundus (06-2025)". Two-digit month and four-digit
    # year from 19xx/20xx only, and not part of a full date or a range of years ("2019-2021").
    (
        re.compile(r"(?<![\d./-])\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])\b(?![\d/-]|\.\d)"),
        ("%Y-%m",),
    ),
    (
        re.compile(r"(?<![\d./-])\b(?:0[1-9]|1[0-2])-(?:19|20)\d{2}\b(?![\d/-]|\.\d)"),
        ("%m/%Y",),
    ),
]
# A day and month without the year, as prose writes a date after giving the year once ("admitted
# on January 8, 2024 and discharged on January 12"): read after the dates with a year, so never
# the start of one, and with the month's name capitalised ("may 5" is no date).
_PARTIAL_DATES = (
    re.compile(rf"\b(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:/]?\d)"),
    re.compile(
        rf"(?<![\d.,/])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTHS})\b\.?"
    ),
)
# A range of days in one month writes the month once, after the last day or before the first:
# "between 21 and 22 January", "21-22 January", "from January 21 to 23": each day is that
# month's (the day the month is written with is read by the patterns above).
_RANGE_JOINS = r"\s*(?P<join>-|–|and|to|until|through)\s*"
_DAY_RANGES = (
    re.compile(
        rf"(?<![\d.,/])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_RANGE_JOINS}\d{{1,2}}(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?(?P<month>{_MONTHS})\b"
    ),
    re.compile(
        rf"\b(?P<month>{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{_RANGE_JOINS}"
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:/]?\d)"
    ),
)
# The same, the month's name in any case, for a question's days ("on 8 november"; see
# :func:`extract_dates`).
_PARTIAL_DATES_ANY_CASE = tuple(re.compile(p.pattern, re.I) for p in _PARTIAL_DATES)
_DAY_RANGES_ANY_CASE = tuple(re.compile(p.pattern, re.I) for p in _DAY_RANGES)
# What makes such a range one of days, not a value and another number (review 31: "Seen Jan 3 -
# 5 mg daily" lost its dose, "June 5 and 3 days later" its count, "Hb 9 to 12 May" its value):
# "between"/"from" before it, or a dash; and, after the last day, no unit and no counted noun.
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s+$", re.I)
_COUNTED_AFTER = re.compile(
    r"\s*(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|times?|units?|tablets?|"
    r"doses?|cycles?|episodes?|puffs?|drops?|sachets?|capsules?)\b",
    re.I,
)
# Two days and months in figures given as the ends of a range ("between 4/19 and 4/22", "from
# 19/04 to 22/04") are dates, as a dating word makes one; scores over the same total ("from
# 8/10 to 3/10", "power 4/5 and 5/5") and parts over 7, 12, 40 and 52 (durations, gestation)
# stay what they are.
_NUMERIC_RANGE = re.compile(
    r"\b(?:between|from)\s+(?<![\d./])(?P<a>\d{1,2})/(?P<b>\d{1,2})"
    r"\s*(?:-|–|and|to|until|through)\s*(?P<c>\d{1,2})/(?P<d>\d{1,2})\b(?![\d/]|\.\d)",
    re.I,
)
_SCORE_TOTALS = frozenset({"5", "7", "10", "12", "15", "40", "52"})
# What follows a range of fractions, not of dates: a counted thing, "of", "predicted".
_FRACTION_AFTER = re.compile(
    r"\s*(?:of\b|predicted|tabs?\b|tablets?|caps?\b|capsules?|doses?|vials?|ampoules?|"
    r"strength|dilution)",
    re.I,
)
# A day and month in figures without the year, as notes write a date of the current admission
# ("weaned on 11/11", "admitted 16/08", "discontinued 01/10"): a date only where a word that
# dates an event comes before it, or where a part is written with a leading zero as dates are
# and scores never are ("power 4/5", "GCS 14/15" and "pain 3/10" stay numbers).
_DATING_WORDS = (
    "on|since|until|dated|due|started|starts|begun|began|admitted|discharged|"
    "scheduled|booked|discontinued|stopped|ceased|restarted|changed|seen|reviewed|done"
)
_DATED_BEFORE = re.compile(rf"(?:^|[\n,;:(\[]\s*|\b(?:{_DATING_WORDS}|between|from)\s+)$", re.I)
_NUMERIC_PARTIAL_DATE = re.compile(
    rf"(?:\b(?P<word>{_DATING_WORDS})\s+)?(?<![\d./])\b(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})\b"
    r"(?![\d/]|\.\d)",
    re.I,
)
# Gestational age as obstetric notes write it: "28w3d" is 28 weeks and 3 days.
# British notes write it over forty weeks: "33/40" is 33 weeks, "33+2/40" 33 weeks and 2 days.
# Weeks and days are also written with the word: "34+2 weeks".
_GESTATION = re.compile(
    r"\b(?P<weeks>\d{1,2})\s?w(?P<days>[0-6])\s?d\b"
    r"|(?<![\d/.])\b(?P<weeks40>\d{1,2})(?:\+(?P<days40>[0-6]))?/40\b(?![\d/]|\.\d)"
    r"|(?<![\d/.+])\b(?P<weeksplus>\d{1,2})\+(?P<daysplus>[0-6])\s?(?:weeks?|wks?)\b"
    # Or after a label that says it is a gestation: "GA 31+2", "gestation: 38+5", "CGA 34+1".
    r"|\b(?:C?GA|PMA|gestation(?:al\s+age)?|gest)\s*(?:of|:|=)?\s*"
    r"(?P<weeksga>\d{1,2})\+(?P<daysga>[0-6])\b(?![\d+/])",
    re.I,
)
# Numbers written as words, as clinicians write counts ("two falls", "a five-day course"): from
# two ("one" is as often a pronoun: "one of them", "the right one").
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
# Tens, alone or with a unit digit ("twenty units a week", "thirty-six hours").
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A year written in words, read after its first word (thirteen to nineteen): "nineteen
# ninety-five", "the nineteen nineties".
_TEEN_YEAR = re.compile(
    rf"[\s-]+(?:{'|'.join(_TENS)}|{'|'.join(t.removesuffix('y') + 'ies' for t in _TENS)})"
    rf"(?:[\s-](?:{'|'.join(_ONES)}))?\b",
    re.I,
)
# A count after a regimen word is a number of its periods: "paclitaxel weekly x12" is 12 weeks.
_PERIOD_COUNT = re.compile(r"\b(?P<period>daily|weekly|monthly)\s*$", re.I)
_PERIOD_UNIT = {"daily": "day", "weekly": "week", "monthly": "month"}
# A clock time, and its half of the day where it is written ("2:52 pm" is 14:52).
# A time, also after an ISO date's "T" ("2026-11-08T14:30": the date is blanked when read). A
# "T" with no ISO date before it in the original text is a word's ("Free T4:15.2 pmol/L" is
# thyroxine, "T2:14 lesions" a weighting: review 42, both read as times), see _ISO_BEFORE_T.
_TIME = re.compile(
    r"(?:\b|(?<=(?<![A-Za-z])T))([01]?\d|2[0-3]):([0-5]\d)\b(?:\s?(?P<half>[ap])\.?m\b\.?)?",
    re.I,
)
_ISO_BEFORE_T = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\Z")
# An hour with its half of the day and no minutes: "9 p.m." is 21:00, "6am" 06:00 (round 14:
# "triggered at 9 p.m." was read as the number 9 against the chart's "21:00").
_HOUR_OF_HALF = re.compile(r"(?<![\d.:,/])\b(1[0-2]|0?[1-9])\s?(?P<half>[ap])\.?m\b\.?", re.I)
# Dosing intervals: "q8h", "q4-6 hrs". Kept whole so that q8h and q12h differ.
_FREQUENCY = re.compile(r"\bq\s?(\d+)(?:\s?-\s?(\d+))?\s?h(?:rs?|ours?)?\b", re.I)
# British notes count days, weeks and months over 7, 52 and 12: "x 5/7" is five days, "for 2/52"
# two weeks, "in 3/12" three months; only after a word that makes it a duration, as "5/7" alone
# may be a date or a score.
_DURATION_OVER = re.compile(
    r"(?:(?:(?<![A-Za-z0-9])[x×]\s?|\b(?:for|in|within|after|over)\s+)"
    r"(?P<count>\d{1,2})/(?P<base>7|52|12)"
    # Over 52 needs no lead: no date or score is written so ("Cough 3/52").
    r"|(?<![\d./])\b(?P<weeks>\d{1,2})/52)\b(?![\d/]|\.\d)",
    re.I,
)
_DURATION_BASE = {"7": "day", "52": "week", "12": "month"}
# "day 2 of 3", "week 4 of 6": the last number counts the days or weeks of the whole course.
_OF_A_COURSE = re.compile(
    r"\b(?P<unit>day|week)\s+\d{1,2}\s+of\s+(?P<count>\d{1,2})\b(?![./]\d)", re.I
)
# Two numbers over each other, such as a blood pressure "132/84": one value, order kept.
_RATIO = re.compile(r"(?<![\d./])\b(\d{2,3})/(\d{2,3})\b(?![\d/]|\.\d)")
# Two grades added, order kept, as a Gleason score is written: "3+4=7" is not "4+3=7".
_GRADE_SUM = re.compile(r"(?<![\d.+])\b([1-5])\s?\+\s?([1-5])(?:\s?=\s?\d{1,2})?\b(?![\d+/])")
# A class, grade, stage or type in Roman numerals ("NYHA class III", "type II"): its number.
_ROMAN = re.compile(
    r"\b(?i:class|grade|stage|type|nyha|gold)\s+(?P<roman>IV|I{1,3})\b(?![A-Za-z0-9])"
)
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT = (
    # Molar concentrations as "mM", "µM", "nM" (walk 29: "4.4 mM" for "4.4 mmol/L"): capitals
    # matter, "4 mm" is a length.
    r"(?-i:[mµμun]M)(?![A-Za-z/])|"
    # Cell counts: "x10^9/L", "× 10⁹/L", "10*9/L", "10e9/L" (the power is the unit: "9.1
    # x10^9/L" is no "9.1 x" and a "9"), and "/mm3", "/µL" written without "cells".
    r"(?:[x×]\s?)?10\s?(?:(?:\^|\*\*?|e)\s?(?:12|9|6|3)(?!\d)|¹²|[⁹⁶³])|(?:/\s?|per\s+)(?:mm3|mm³|µl|μl|ul)|"
    r"micrograms?|milligrams?|nanograms?|kilograms?|grams?|millilit(?:er|re)s?|lit(?:er|re)s?|"
    r"mcg|µg|μg|ug|mg|ng|kg|g|lbs?|ml|dl|l|units?|iu|meq|mmol|µmol|μmol|umol|nmol|pmol|mol|mmhg|bpm|cgy|gy|percent|"
    r"cm|mm|%|°\s?[cf]|hours?|hrs?|hr|h|days?|weeks?|wks?|months?|years?|yrs?|"
    r"minutes?|mins?|min|puffs?|tablets?|tabs?|capsules?|caps?|drops?|sprays?|copies|cells|x|"
    # Units of insulin as charts write them: "glargine 16 U HS". Capital only: "u" is a word.
    r"(?-i:U)"
)
# "copies/mL" and "cells/µL" keep a viral load and a CD4 count apart.
_PER = (
    # "units per litre" is "U/L": the word as well as the letter.
    r"lit(?:er|re)|kilograms?|kg|mg|g|ml|l|dl|µl|μl|ul|mm3|mm³|min|minute|h|hr|hour|day|d|week|m2|m²|"
    # Ratios of amounts: HbA1c's "mmol/mol", urine ACR's "mg/mmol" (walk 39: "5.4 mmol/mol" was
    # read as "5.4 mmol", taken for the passage's "5.4 mmol/L" with its "per litre" unwritten).
    r"mmol|mol|"
    r"1[.,]73\s?m[2²]"
)
# A comparator, or a minus sign that starts a word ("K -5", not the range "5-10"), belongs to
# the value: "<0.01" and ">0.01" say opposite things.
# An arrow's head ("Cr 142 -> 118", "=> 96") is no comparator: the value after it is the
# trend's next, not "more than" it.
_SIGN = r"(?P<sign>(?:(?<![-=])[<>]=?|[≤≥])\s?|(?:(?<=[\s(:=])|^)[-−](?=\d|\.\d))"


def _value_pattern(number: str) -> re.Pattern[str]:
    """A value: an optional sign, ``number`` and an optional unit. Rates carry up to two
    "/unit" parts: "mcg/kg/min"."""
    return re.compile(
        rf"(?:{_SIGN})?(?:(?<![A-Za-z0-9])[x×](?=\d)|(?<![A-Za-z0-9.,]))(?P<num>{number})(?:st|nd|rd|th)?"
        # "per" written out joins only a unit's first denominator ("2 g per hour"): after one
        # already written ("2 episodes <54 mg/dL per week") it starts a rate of something else.
        # A hyphen joins a count to its unit as an adjective: "a 2-week review", "a 5-day
        # course"; an age stays a bare number ("a 31-year-old": "year-old" names the age).
        rf"(?:(?:\s?|-(?=[A-Za-z])(?![A-Za-z]+-old\b))(?P<unit>(?:{_UNIT})(?:(?:\s?/\s?|\s+per\s+)(?:{_PER}))?"
        rf"(?:\s?/\s?(?:{_PER}))?)(?![A-Za-z]))?",
        re.I,
    )


_VALUE = _value_pattern(_NUMBER)
# A decimal comma, as most of Europe and Latin America write decimals ("Kreatinin 1,2 mg/dl",
# "Ramipril 2,5 mg", "38,2 °C"; walk 47b D1: read as "1", "2" and "38", so a wrong "1,9 mg/dl"
# passed and the right "1.2 mg/dl" was flagged). One or two digits after the comma: a thousands
# group has three ("1,200 mg"). A decimal where a unit follows (no one writes "1,2 mg" for
# twelve hundred milligrams) or where the text writes its decimals so elsewhere (its
# convention: "INR 2,8" beside "Warfarin 2,5 mg"); "1,2 and 3" in English stays a list. A
# clause's comma may follow ("INR 2,8, within range").
_COMMA_DECIMAL = _value_pattern(r"\d+,\d{1,2}(?!\d|,\d)")
# A list goes on after such a pair ("1,2 and 3", "1,2,3", "1,2, and 3"): no decimal, whatever
# the convention.
_LIST_GOES_ON = re.compile(r",\d|\s*,?\s*(?:,|and|or|&)\s*\d", re.I)
# A range of two such numbers says so too: "(Referenz 3,5–5,1)", "target 2,0-3,0".
_COMMA_RANGE = re.compile(r"(?<![\d.,])\d+,\d{1,2}\s?[-–]\s?\d+,\d{1,2}(?![\d,])")


# A decimal written with a point, one or two figures after it as ``_COMMA_DECIMAL`` ("INR 2.8",
# "Hb 11.5 g/dL"); not a date ("03.04.2025", the German "am 03.04."), a German time ("14.30
# Uhr") nor a thousands group ("150.000").
_POINT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?!\d|[.,]\d|(?<=\.[01]\d)\.|\s?uhr\b)", re.I)
# Words after which two numbers with a comma between are a list, not a decimal: what is
# counted in whole numbers ("days 1,2", "Ribs 4,5", "segments 6,7"), or a list already begun
# ("ribs 3, 4,5", "days 1 and 2,3"). Review48 R5: one "Lorazepam 1,5 mg" in a cited passage
# made the answer's English "days 1,2" read 1.2, flagged as not in the passage.
_LISTED_BEFORE = re.compile(
    r"(?:\b(?:days|nights|weeks|cycles|courses|sessions|fractions|visits|ribs|vertebrae|"
    r"segments|levels|lobes|teeth|digits|fingers|toes|leads|zones|sites|lesions|nodules|"
    r"lines|items|beds|stages|phases|steps|quadrants|sections|pages|questions|layers)"
    r"|\d\s*(?:,|\band|\bor|&))\s*$",
    re.I,
)


def decimal_marks(text: str) -> tuple[int, int]:
    """How many decimals ``text`` shows written with a comma (a comma number with a unit after
    it, "Warfarin 2,5 mg", a range of two, "Referenz 3,5-5,1", or a cell of a semicolon or tab
    table, "02.03.2024;9,8;4,2": a cited answer's "Kalium 4,2" read as 4 was flagged over the
    table's 4.2, review56a, after table56-eu 325a8822) and how many with a point."""
    with_unit = {m.start("num") for m in _COMMA_DECIMAL.finditer(text) if m.group("unit")}
    commas = len(with_unit | cell_marks(text).decimal_commas)
    commas += len(_COMMA_RANGE.findall(text))
    return commas, len(_POINT_DECIMAL.findall(text))


def writes_decimal_commas(text: str) -> bool:
    """Whether ``text`` writes its decimals with a comma: it shows more of them so
    (``decimal_marks``) than with a point."""
    commas, points = decimal_marks(text)
    return commas > points


def _comma_decimals(
    flat: str, habit: bool, in_cells: frozenset[int] = frozenset()
) -> list[re.Match[str]]:
    """The numbers of ``flat`` written with a decimal comma (see ``_COMMA_DECIMAL``); ``habit``:
    whether the record around ``flat`` is known to write its decimals so. Where no unit
    follows, the habit makes a decimal only of a pair that reads as no list; one that opens a
    cell of a semicolon or tab table (``in_cells``, its offsets) is a decimal whatever the
    habit."""
    found = list(_COMMA_DECIMAL.finditer(flat))
    if not found:
        return []
    convention = habit or writes_decimal_commas(flat)
    return [
        m
        for m in found
        if m.group("unit")
        or m.start("num") in in_cells
        or (
            convention
            and not _LIST_GOES_ON.match(flat, m.end())
            and not _LISTED_BEFORE.search(flat[max(0, m.start() - 40) : m.start()])
        )
    ]


# A unit opening a line (after optional blanks), as in a hard wrap between a number and its unit
# ("from 98 to 121\numol/L"): rag/sentences.py keeps the two in one sentence.
UNIT_START = re.compile(rf"[ \t]*(?:{_UNIT})(?:\s?/\s?(?:{_PER})){{0,2}}(?![A-Za-z])", re.I)
_SIGNS = {"≤": "<=", "≥": ">=", "−": "-"}
_SPELLED = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-](?P<ones>{'|'.join(_ONES)}))?"
    # "nine-year-old" is an age, as "9-year-old" is: the number alone, "year-old" after it.
    rf"|(?P<word>{'|'.join(_NUMBER_WORDS)}))\b(?:[\s-](?P<unit>{_UNIT})(?![A-Za-z])(?!-old\b))?",
    re.I,
)
# A half after a number in words, with its unit: "two and a half hours", "six and a half years"
# (a bare "at two and a half" is left as it was: an age the passage may write "2 years 6 months").
_AND_A_HALF = re.compile(rf"\s+and\s+a\s+half\s(?P<unit>{_UNIT})(?![A-Za-z])", re.I)
_SUPERSCRIPTS = str.maketrans("²³", "23")

_UNIT_ALIASES = {
    "µg": "mcg", "μg": "mcg", "ug": "mcg", "micrograms": "mcg", "microgram": "mcg",
    "milligrams": "mg", "milligram": "mg", "nanograms": "ng", "nanogram": "ng", "grams": "g",
    "gram": "g", "kilograms": "kg", "kilogram": "kg", "milliliters": "ml", "milliliter": "ml",
    "millilitres": "ml", "millilitre": "ml", "liters": "l", "liter": "l", "litres": "l",
    "litre": "l", "μmol": "µmol", "umol": "µmol", "μl": "µl", "ul": "µl",
    "lb": "lbs", "units": "unit", "u": "unit", "iu": "unit",
    "hours": "h", "hour": "h", "hrs": "h", "hr": "h", "days": "day", "d": "day",
    "weeks": "week", "wks": "week", "wk": "week", "months": "month", "years": "year",
    "yrs": "year", "yr": "year", "minutes": "min", "minute": "min", "mins": "min",
    "puff": "puffs", "tablet": "tab", "tablets": "tab", "tabs": "tab", "capsule": "cap",
    "capsules": "cap", "caps": "cap", "drop": "drops", "spray": "sprays", "percent": "%",
}  # fmt: skip


@dataclass(frozen=True)
class Value:
    """A normalised quantity: ``kind`` number/date/time, ``canonical`` value, optional unit."""

    kind: str
    canonical: str
    unit: str | None
    raw: str
    start: int = field(default=0, compare=False)  # offset of ``raw`` in the text it came from
    # A date written with day and month both 12 or less ("03/05/2024") in a text that does not
    # say which it writes first: ``canonical`` reads it month first, ``alt`` day first.
    alt: str | None = field(default=None, compare=False)

    def moved(self, offset: int) -> Value:
        """The same value with its offset shifted (found in a part of a longer text)."""
        return replace(self, start=self.start + offset)

    def readings(self) -> tuple[str, ...]:
        """The canonical forms the value may have: one, or a date's two readings."""
        return (self.canonical,) if self.alt is None else (self.canonical, self.alt)


def _canonical_number(raw: str) -> str | None:
    try:
        number = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None
    text = format(number.normalize(), "f")
    return text if text != "-0" else "0"


# Molar concentrations written as molarity: "4.4 mM" is "4.4 mmol/L".
_MOLAR = {"mM": "mmol/l", "µM": "µmol/l", "μM": "µmol/l", "uM": "µmol/l", "nM": "nmol/l"}
# A power of ten in a cell count, however written: "x10^9", "× 10⁹", "10*9", "10e9".
_POWER = re.compile(r"^[x×]?10(?:\^|\*\*?|e)?(12|9|6|3|¹²|⁹|⁶|³)(?=/|$)")
_POWERS = {"¹²": "12", "⁹": "9", "⁶": "6", "³": "3"}
# "/mm3", "cells/mm3", "/µL": one cubic millimetre is one microlitre.
_PER_MICROLITRE = frozenset({"/mm3", "cells/mm3", "/µl", "cells/µl"})


def _canonical_unit(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw.strip() in _MOLAR:
        return _MOLAR[raw.strip()]
    # "mg/m²" is "mg/m2", and "mL/min/1.73m²" is "mL/min/1.73m2".
    # "2 g per hour" is "2 g/h".
    unit = re.sub(r"(?:^|\s+)per\s+", "/", raw.lower())
    unit = re.sub(r"\s+", "", unit)
    unit = unit.replace("1,73m", "1.73m")  # "ml/min/1,73m²", as a decimal comma writes it
    unit = _POWER.sub(lambda m: "10^" + _POWERS.get(m.group(1), m.group(1)), unit)
    unit = unit.translate(_SUPERSCRIPTS)
    unit = "/".join(_UNIT_ALIASES.get(part, part) for part in unit.split("/"))
    return "cells/µl" if unit in _PER_MICROLITRE else unit


def canonical_unit(raw: str | None) -> str | None:
    """A unit as written ("litres", "mmol/mol", "mcg/kg/min"), in the form values carry."""
    return _canonical_unit(raw)


def canonical_number(raw: str) -> str | None:
    """A number as written ("1,240", "2.30"), in the form values carry; None for no number."""
    return _canonical_number(raw)


_DAY_AND_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}")
# Day, month and a year of this or the last century: a date's shape, whatever its figures.
_IMPOSSIBLE_DAY = re.compile(r"\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d{2}")


def _date_readings(
    raw: str, formats: tuple[str, ...], day_first: bool | None
) -> tuple[str, str | None] | None:
    """The canonical date of ``raw`` and, for a day and month both 12 or less in a text whose
    order is not known (``day_first`` None), its other reading; None when it is no date."""
    numeric = _DAY_AND_MONTH.fullmatch(raw)
    if numeric is not None and "." in raw:
        # Dotted, it is day first wherever it is written ("03.04.2025" is 3 April: German,
        # Scandinavian and Dutch letters; no one writes month.day.year), as the redaction's
        # date shift reads it (walk 47b D4: held as 4 March, 3 April the alternative).
        formats = tuple(f for f in formats if f.startswith("%d"))
        day_first = True
    canonical = _parse_date(raw, formats)
    if canonical is None:
        return None
    if numeric is None:
        return canonical, None
    first, second = int(numeric.group(1)), int(numeric.group(2))
    if first > 12 or second > 12 or first == second:
        return canonical, None
    other = _parse_date(raw, tuple(f for f in formats if f.startswith("%d"))) or canonical
    if day_first is None:
        return canonical, other
    return (other, None) if day_first else (canonical, None)


def _range_of_days(match: re.Match[str], text: str) -> bool:
    """Whether a match of ``_DAY_RANGES`` is a range of days of its month (see there)."""
    end = match.end()
    if UNIT_START.match(text, end) is not None or _COUNTED_AFTER.match(text, end) is not None:
        return False
    before = text[max(0, match.start() - 20) : match.start()]
    if match.group("join") in ("-", "–"):
        # A dash range needs a line's or a clause's start, or a dating word, before it: "Hb
        # 9-12 May" is the value 9 on 12 May (review 31b), "admitted 9-12 May" a range of days.
        return _DATED_BEFORE.search(before) is not None
    return _RANGE_OPENER.search(before) is not None


def _partial_date(match: re.Match[str], any_case: bool = False) -> str | None:
    """ "--MM-DD" (ISO 8601's date without a year) for "January 12" or "12th of January"; the
    month's name capitalised unless ``any_case``."""
    month = match.group("month")
    if not any_case and not month[:1].isupper():
        return None
    try:
        parsed = datetime.strptime(f"{month[:3].title()} {match.group('day')} 2000", "%b %d %Y")
    except ValueError:
        return None
    return parsed.strftime("--%m-%d")


def _numeric_partial_date(
    match: re.Match[str], day_first: bool | None, bare: bool = False
) -> tuple[str, str | None] | None:
    """ "--MM-DD" for a day and month in figures (see ``_NUMERIC_PARTIAL_DATE``), read as the
    text writes its dates, and its other reading where the text does not say and both are
    possible; None where it is no date or nothing says it is one (``bare``: a question's day,
    a date without a dating word)."""
    first, second = match.group("first"), match.group("second")
    padded = any(len(part) == 2 and part.startswith("0") for part in (first, second))
    if match.group("word") is None and not padded and not bare:
        return None
    readings = [
        f"--{month:02d}-{day:02d}"
        for month, day in ((int(first), int(second)), (int(second), int(first)))
        if 1 <= month <= 12 and 1 <= day <= 31
    ]
    if not readings:
        return None
    if day_first is not None and len(readings) == 2:
        return readings[1 if day_first else 0], None
    return readings[0], (readings[1] if len(readings) == 2 and readings[1] != readings[0] else None)


def _day_month(raw: str, day_first: bool | None) -> tuple[str, str | None] | None:
    """ "--MM-DD" for a day and month in figures known to be a date (as dated by a word)."""
    match = _NUMERIC_PARTIAL_DATE.fullmatch(f"on {raw}")
    return None if match is None else _numeric_partial_date(match, day_first)


def mentions_gestational_age(text: str) -> bool:
    """Whether ``text`` gives a gestational age as obstetric notes write it ("35w2d", "33+2/40"),
    which says "gestation" without the word."""
    return _GESTATION.search(text) is not None


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_date(canonical: str) -> str:
    """A canonical date as a flag may print it: a day without its year ("--11-08", ISO 8601's
    form) as "8 Nov" (walk 41: flags read "not the potassium --11-08"); a full date, a month or
    a year as it is ("2026-11-08" reads plainly). Anything else is returned unchanged."""
    m = re.fullmatch(r"--(\d{2})-(\d{2})", canonical)
    if m is None:
        return canonical
    month, day = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return canonical
    return f"{day} {_MONTH_ABBR[month - 1]}"


def dates_agree(claimed: str, given: str) -> bool:
    """Whether a date as a sentence gives it (canonical: "2024-03", "2024-03-12", "--03-12")
    is confirmed by a date as a passage gives it: the same day, or a day in the month or year
    claimed, or, for a day without its year, that day of any year."""
    if claimed.startswith("--"):
        return given == claimed or (len(given) == 10 and given[4:] == claimed[1:])
    return given.startswith(claimed)


def _parse_date(raw: str, formats: tuple[str, ...]) -> str | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw, flags=re.I)
    # "8th of November 2026"; "Sept" is no month to strptime's %b ("Sept 3, 2026" was read as
    # the yearless "Sept 3" and a number, session 42).
    cleaned = re.sub(r"\s+of\s+", " ", cleaned, flags=re.I)
    cleaned = re.sub(r"\bsept\b", "Sep", cleaned, flags=re.I)
    cleaned = re.sub(r"[,.]", " ", cleaned) if not re.match(r"^\d", cleaned) else cleaned
    cleaned = re.sub(r"[.-]", "/", cleaned) if re.match(r"^\d{1,2}[.-]", cleaned) else cleaned
    cleaned = " ".join(cleaned.split())
    for fmt in formats:
        try:
            parsed: date = datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
        return parsed.strftime("%Y-%m") if "%d" not in fmt else parsed.isoformat()
    return None


def _hour_of_day(hour: int, half: str | None) -> int:
    """The 24-hour clock's hour for ``hour`` in the half of the day written ("a"/"p"), if any:
    12 am is 0, 12 pm is 12, 2 pm is 14."""
    if half is None or hour > 12:
        return hour
    return hour % 12 + (12 if half.lower() == "p" else 0)


_CELL_COMMA = re.compile(
    r"(?<=[^\d\s,]),(?=[^\s,])|(?<=\d),(?=[^\d\s,])"
    # A cell count's unit cell: "9.1,10^9/L" (no thousands comma: "10^" is no three digits).
    r"|(?<=\d),(?=10\s?(?:\^|\*|e\d|[¹⁹⁶³]))"
    # After a decimal written with a point and one or two decimals, a comma parts two cells:
    # no thousands group follows a decimal point ("K,4.2,5.6": 5.6 was lost, note57), while
    # "1.250,5" (a European thousands point) keeps its decimal comma.
    r"|(?<=\d\.\d),(?=\d)|(?<=\d\.\d\d),(?=\d)"
)


# Figures joined by commas with no blank ("12.25,125,3.5", "0.5,1,2", "2,500", "1.250,5"), and
# the shapes of one number among them: thousands ("1,250", "1,250.5"), Indian lakhs ("1,50,000")
# and a decimal point with one or two figures after it ("12.25", "0.5"; "1.250" is a European
# thousands point, "1.250,5" one number).
_JOINED_FIGURES = re.compile(r"(?<![\d.])\d+(?:\.\d+)*(?:,\d+(?:\.\d+)*)+")
_ONE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_POINT_DECIMAL_PART = re.compile(r"\d*\.\d{1,2}")


def _list_commas(text: str) -> list[int]:
    """The commas of figures joined by commas that part the numbers of a list: all of them,
    where the figures are no thousands number and either one of them is written with a decimal
    point or there are three numbers or more ("0.5,1,2 mg" was 0.5 and 1.2 mg, "12.25,125,3.5"
    lost 3.5, session 58). Two integers ("1,2", "2,5") are a list or a decimal comma, as the
    text's habit says (``_comma_decimals``); dates ("12.03.2024,13.03.2024") are read as
    dates."""
    commas: list[int] = []
    if "," not in text:
        return commas
    for match in _JOINED_FIGURES.finditer(text):
        parts = match.group().split(",")
        if any(p.count(".") > 1 for p in parts):
            continue
        if _ONE_NUMBER.fullmatch(match.group()):
            # A thousands shape may still be a list: "125,250,500 mg", "Na 139,141".
            if not _results_not_thousands(text, match):
                continue
            commas += [match.start() + i for i, char in enumerate(match.group()) if char == ","]
            continue
        if len(parts) > 2 or any(_POINT_DECIMAL_PART.fullmatch(p) for p in parts):
            written = match.group()
            commas += [match.start() + i for i, char in enumerate(written) if char == ","]
    return commas


def _results_not_thousands(text: str, match: re.Match[str]) -> bool:
    """Whether the thousands-shaped figures ``match`` are results (joined_results.py):
    "125,250,500 mg", "Na 139,141"."""
    unit = UNIT_START.match(text, match.end())
    return results_not_thousands(
        text, match.start(), match.group(), None if unit is None else unit.group().strip()
    )


def _cells_apart(text: str) -> list[str]:
    """``text`` as a list of characters with the commas between table cells read as blanks:
    those ``_CELL_COMMA`` tells by what is around them, and every delimiter of a row of a
    delimited table with a header (medlocal/delimited_tables.py): in "2024-03-02,98,7.1,250,139"
    under "Date,Hb,WCC,Plt,Na" no number was read at all ("98,7.1" is no number, "250,139" no
    thousands). Same length: offsets hold."""
    return _masked_cells(text, cell_marks(text))


def _masked_cells(text: str, marks: CellMarks) -> list[str]:
    masked = list(_CELL_COMMA.sub(" ", text))
    for offset in (*marks.delimiters, *_list_commas(text)):
        masked[offset] = " "
    return masked


def extract_dates(
    text: str,
    day_first: bool | None = None,
    *,
    any_case_months: bool = False,
    bare_day_month: bool = False,
) -> list[Value]:
    """Every date in ``text``, in text order, read as :func:`extract_values` reads them (the
    app's one reader of date shapes: the document's own date and the day a question names
    read theirs here). Options for the days a question writes without a year, which the
    grounding does not read as dates in a note: ``any_case_months`` reads "8 november" and
    "may 5" (a note's "may 5" is a verb and a number); ``bare_day_month`` reads a day and month
    in figures with no dating word before it ("potassium 8/11?"), as a note's "power 4/5"
    never is."""
    masked = _cells_apart(text)
    found = _read_dates(text, masked, day_first, any_case_months, bare_day_month)
    return sorted(found, key=lambda v: v.start)


def _mask(masked: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        masked[i] = " "


def _read_dates(
    text: str,
    masked: list[str],
    day_first: bool | None,
    any_case_months: bool = False,
    bare_day_month: bool = False,
) -> list[Value]:
    """The dates in ``text`` (see :func:`extract_dates`), blanking each one found in ``masked``
    (``text`` with a table's cell commas as spaces) so that its digits are not read again."""
    values: list[Value] = []
    for pattern, formats in _DATE_PATTERNS:
        for match in pattern.finditer("".join(masked)):
            if pattern is _DAY_MONTH_YEAR and _counted_day(text, match):
                continue  # "Dose 2 of May 2026": read as "May 2026" below, the count kept
            readings = _date_readings(match.group(), formats, day_first)
            if readings is None and _IMPOSSIBLE_DAY.fullmatch(match.group()):
                # A date no calendar has ("20.16.2019", a model's slip): a date as written,
                # which no passage's date confirms (walk 47b D14: checked as the number 20.16).
                readings = match.group(), None
            if readings is not None:
                reading, alt = readings
                values.append(Value("date", reading, None, match.group(), match.start(), alt))
                _mask(masked, match.start(), match.end())
    for pattern in _DAY_RANGES_ANY_CASE if any_case_months else _DAY_RANGES:
        for match in pattern.finditer(text):
            if not _range_of_days(match, text):
                continue
            start, end = match.span("day")
            partial = _partial_date(match, any_case_months)
            if partial is not None and masked[start] != " ":
                values.append(Value("date", partial, None, text[start:end], start))
                _mask(masked, start, end)
    for match in _NUMERIC_RANGE.finditer("".join(masked)):
        a, b, c, d = (match.group(g) for g in "abcd")
        if (b == d and b in _SCORE_TOTALS) or (a == c and a in _SCORE_TOTALS):
            continue
        if _FRACTION_AFTER.match(text, match.end()) or UNIT_START.match(text, match.end()):
            continue  # "from 1/2 to 1/4 tablet", "FEV1 from 2/3 to 1/3 predicted" (review 31b)
        ends = ((match.start("a"), match.end("b")), (match.start("c"), match.end("d")))
        first_day, last_day = (_day_month(text[s:e], day_first) for s, e in ends)
        if first_day is None or last_day is None:
            continue
        for (s, e), (reading, alt) in zip(ends, (first_day, last_day), strict=True):
            values.append(Value("date", reading, None, text[s:e], s, alt))
            _mask(masked, s, e)
    for pattern in _PARTIAL_DATES_ANY_CASE if any_case_months else _PARTIAL_DATES:
        for match in pattern.finditer("".join(masked)):
            partial = _partial_date(match, any_case_months)
            if partial is not None:
                values.append(Value("date", partial, None, match.group(), match.start()))
                _mask(masked, match.start(), match.end())
    for match in _NUMERIC_PARTIAL_DATE.finditer("".join(masked)):
        numeric = _numeric_partial_date(match, day_first, bare_day_month)
        if numeric is not None:
            reading, alt = numeric
            start, end = match.start("first"), match.end("second")
            values.append(Value("date", reading, None, text[start:end], start, alt))
            _mask(masked, start, end)
    return values


def extract_values(
    text: str, day_first: bool | None = None, decimal_commas: bool = False
) -> list[Value]:
    """Every date, time, number and dose in ``text``, in text order (dates are read first, so
    their digits are not counted again as plain numbers). ``day_first``: whether the text
    writes its numeric dates day first; None where it does not say, and then a date such as
    "03/05/2024" keeps both readings (``Value.alt``): read only month first, a British "12
    March" was "unverified". ``decimal_commas``: whether the record ``text`` comes from writes
    its decimals with a comma (:func:`writes_decimal_commas`), which one sentence of it may
    not show: "INR 2,8" quoted from a German lab report is 2.8, not 2 (note 47)."""
    values: list[Value] = []
    # A comma between cells of a table pasted as text ("Urine ACR,4.2,mg/mmol") reads as a
    # space, so the value and its unit are found as in prose (walk 20: every number of a CSV
    # lab table was "unverified"); a thousands comma ("1,234") stays. Same length: offsets hold.
    tables = delimited_tables(text)
    marks = cell_marks(text, tables)
    masked = _masked_cells(text, marks)

    values += _read_dates(text, masked, day_first)
    for match in _GESTATION.finditer("".join(masked)):
        written = next(g for g in ("weeks", "weeks40", "weeksplus", "weeksga") if match.group(g))
        days_group = {
            "weeks": "days", "weeks40": "days40", "weeksplus": "daysplus", "weeksga": "daysga"
        }[written]  # fmt: skip
        weeks = match.group(written)
        first = match.start(written)
        values.append(Value("number", weeks, "week", text[first : match.end()], first))
        if match.group(days_group):
            raw_days = match.group()[match.start(days_group) - match.start() :]
            days = match.group(days_group)
            values.append(Value("number", days, "day", raw_days, match.start(days_group)))
        _mask(masked, match.start(), match.end())
    for match in _TIME.finditer("".join(masked)):
        start = match.start()
        before = text[max(0, start - 11) : start]
        if before[-1:] in ("T", "t") and not _ISO_BEFORE_T.search(before):
            continue  # "T4:15.2": no date's "T" before it
        values.append(
            Value(
                "time",
                f"{_hour_of_day(int(match.group(1)), match.group('half')):02d}:{match.group(2)}",
                None,
                match.group(),
                match.start(),
            )
        )
        _mask(masked, match.start(), match.end())
    for match in _HOUR_OF_HALF.finditer("".join(masked)):
        hour = _hour_of_day(int(match.group(1)), match.group("half"))
        values.append(Value("time", f"{hour:02d}:00", None, match.group(), match.start()))
        _mask(masked, match.start(), match.end())
    for match in _FREQUENCY.finditer("".join(masked)):
        low, high = match.group(1), match.group(2)
        canonical = f"q{int(low)}-{int(high)}h" if high else f"q{int(low)}h"
        values.append(Value("frequency", canonical, None, match.group(), match.start()))
        _mask(masked, match.start(), match.end())
    for match in _DURATION_OVER.finditer("".join(masked)):
        group = "count" if match.group("count") else "weeks"
        period = _DURATION_BASE[match.group("base") or "52"]
        raw = match.group()[match.start(group) - match.start() :]
        values.append(Value("number", match.group(group), period, raw, match.start(group)))
        _mask(masked, match.start(group), match.end())
    for match in _OF_A_COURSE.finditer("".join(masked)):
        count, course = match.group("count"), match.group("unit").lower()
        values.append(Value("number", count, course, count, match.start("count")))
        _mask(masked, match.start("count"), match.end("count"))
    for match in _RATIO.finditer("".join(masked)):
        canonical = f"{int(match.group(1))}/{int(match.group(2))}"
        values.append(Value("ratio", canonical, None, match.group(), match.start()))
        _mask(masked, match.start(), match.end())

    for match in _GRADE_SUM.finditer("".join(masked)):
        canonical = f"{match.group(1)}+{match.group(2)}"
        values.append(Value("ratio", canonical, None, match.group(), match.start()))
        _mask(masked, match.start(), match.end())
    for match in _ROMAN.finditer("".join(masked)):
        arabic = str(_ROMAN_VALUES[match.group("roman")])
        values.append(Value("number", arabic, None, match.group("roman"), match.start("roman")))
        _mask(masked, match.start("roman"), match.end("roman"))

    flat_text = "".join(masked)
    year_end = 0
    for match in _SPELLED.finditer(flat_text):
        if match.start() < year_end:
            continue
        teen = match.group("word") and _NUMBER_WORDS[match.group("word").lower()] >= 13
        year = _TEEN_YEAR.match(flat_text, match.end()) if teen else None
        if year is not None:
            # "nineteen ninety-five", "the nineteen nineties": a year, no count (review 34).
            year_end = year.end()
            _mask(masked, match.start(), year_end)
            continue
        if match.group("tens"):
            ones = match.group("ones")
            count = _TENS[match.group("tens").lower()]
            count += _ONES.index(ones.lower()) + 1 if ones else 0
        else:
            count = _NUMBER_WORDS[match.group("word").lower()]
        spelled = str(count)
        half = None if match.group("unit") else _AND_A_HALF.match(flat_text, match.end())
        if half is not None:
            # "six and a half years" is 6.5 years (round 12: "6.5 years" of longevity left).
            unit = _canonical_unit(half.group("unit"))
            values.append(
                Value(
                    "number",
                    f"{count}.5",
                    unit,
                    half.string[match.start() : half.end()],
                    match.start(),
                )
            )
            _mask(masked, match.start(), half.end())
            continue
        unit = _rate_in_words(flat_text, match.end(), _canonical_unit(match.group("unit")))
        values.append(Value("number", spelled, unit, match.group(), match.start()))
        _mask(masked, match.start(), match.end())

    flat = "".join(masked)
    for match in _comma_decimals(flat, decimal_commas, marks.decimal_commas):
        found = _number_value(flat, match, match.group("num").replace(",", "."))
        if found is not None:  # else part of a unit ("ml/min/1,73m²"), read with its value
            values.append(found)
            _mask(masked, match.start(), match.end())
    _part_integer_pairs(masked)
    flat = "".join(masked)
    numbers: list[Value] = []
    for match in _VALUE.finditer(flat):
        found = _number_value(flat, match, match.group("num"))
        numbers += [found] if found is not None else []
    values += _shared_units(text, numbers, frozenset(marks.delimiters))
    # In the order of the text, as readers pair them ("A and B at 81 mg and 75 mg").
    return sorted(_in_column_units(text, tables, values), key=lambda v: v.start)


def _part_integer_pairs(masked: list[str]) -> None:
    """Blank the comma of each pair of integers left unread as a decimal ("Apgar 8,9", "ribs
    4,5", "GCS 14,15"): a list of two, whose second number was lost (a number right after a
    comma is no number of its own, so "1,250" stays one). A pair inside a unit ("/1,73m²")
    keeps its comma."""
    flat = "".join(masked)
    for match in _COMMA_DECIMAL.finditer(flat):
        if _number_value(flat, match, match.group("num")) is None:
            continue
        comma = flat.index(",", match.start("num"))
        masked[comma] = " "


def _number_value(flat: str, match: re.Match[str], written: str) -> Value | None:
    """The number ``match`` of ``_VALUE`` (or ``_COMMA_DECIMAL``) finds in ``flat``, its figures
    ``written`` with a decimal point; None where they are part of a name or a unit."""
    start = match.start()
    if start >= 2 and flat[start - 1] in "-–" and flat[start - 2].isalpha():
        return None  # part of a name such as "COVID-19"
    if start >= 1 and flat[start - 1] == "/" and _PER_BODY_AREA.match(flat, match.end("num")):
        # The "1.73" of "mL/min/1.73m2", a unit written in its own table column apart from
        # its result (walk 41: "'1.73' ... the egfr on 2026-07-18").
        return None
    number = _canonical_number(written)
    if number is None:
        return None
    sign = (match.group("sign") or "").strip()
    canonical = _SIGNS.get(sign, sign) + number
    unit = _rate_in_words(flat, match.end(), _canonical_unit(match.group("unit")))
    unit = unit or _period_of_count(flat, match)
    return Value("number", canonical, unit, match.group().strip(), start)


_PER_BODY_AREA = re.compile(r"\s?m[2²]")

# What parts the numbers of a list: a comma (an "and" or "or" may follow it), "and", "or", "&".
_LIST_JOIN = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+", re.IGNORECASE)
_BARE_FIGURES = re.compile(_NUMBER)
# The "and", "or" or "&" before a list's last number: a join after it opens another clause ("GCS
# 13, 14 and 15 and 10 mg morphine": the scores were read as milligrams, review58a).
_LIST_END = re.compile(r"\b(?:and|or)\b|&", re.IGNORECASE)


def _shared_units(text: str, numbers: list[Value], cells: frozenset[int]) -> list[Value]:
    """``numbers`` (in text order), the unit written once after a list of three or more with a
    comma in it given to each: "doses of 2.5, 5 and 10 mg" and "0.5,1,2 mg" are doses of 2.5
    mg and 5 mg too (session 58: a right "2.5 mg" was flagged over them, the passage's 2.5 read
    bare). Two numbers ("GCS 14 and 10 mg given") share nothing: a clause may part them. A
    comma between a table's cells (``cells``) parts columns, not a list's numbers."""
    if len(numbers) < 3:
        return numbers
    shared = list(numbers)
    run: list[int] = []  # the indexes of the bare numbers listed before the current one
    commas = closed = False  # closed: the run's last join was its "and"/"or", the list's end
    for index, value in enumerate(numbers):
        if run:
            previous = numbers[run[-1]]
            gap = previous.start + len(previous.raw)
            found = _LIST_JOIN.fullmatch(text, gap, value.start)
            join = "" if found is None or closed else found.group()
            if not join or any(gap + i in cells for i, char in enumerate(join) if char == ","):
                run, commas, closed = [], False, False
            else:
                commas = commas or "," in join
                closed = _LIST_END.search(join) is not None
        if value.unit is None and _BARE_FIGURES.fullmatch(value.raw):
            run.append(index)
            continue
        if value.unit is not None and value.unit != "x" and len(run) >= 2 and commas:
            for listed_index in run:
                shared[listed_index] = replace(numbers[listed_index], unit=value.unit)
        run, commas, closed = [], False, False
    return shared


# An amount per week or month written after it, the substance between: "twenty units of alcohol
# a week" and "30 units alcohol/week" are "20 units/week" and "30 units/week" (per day needs
# nothing: a daily amount is the amount). "70 mg once a week" is a regimen, left as it is.
_RATE_IN_WORDS = re.compile(
    r"(?:\s+of\s+[a-z]+)?\s+(?:a|per|each|every)\s+(?P<words>week|month)\b"
    r"|(?:\s+(?:of\s+)?[a-z]+)?\s*/\s*(?P<slash>week|month|wk)\b",
    re.I,
)


def _rate_in_words(text: str, end: int, unit: str | None) -> str | None:
    if unit is None or "/" in unit:
        return unit
    found = _RATE_IN_WORDS.match(text, end)
    if found is None:
        return unit
    period = (found.group("words") or found.group("slash")).lower()
    return f"{unit}/{_UNIT_ALIASES.get(period, period)}"


def _period_of_count(text: str, match: re.Match[str]) -> str | None:
    """The period a count such as "x12" numbers where a regimen word comes right before it
    ("weekly x12": 12 weeks); None otherwise."""
    if match.group().lstrip()[:1] not in "x×":
        return None
    period = _PERIOD_COUNT.search(text, 0, match.start())
    return _PERIOD_UNIT[period.group("period").lower()] if period else None


# Exact conversions to one unit per dimension: "1 g" is "1000 mg", "50 Gy" is "5000 cGy",
# "2 weeks" is "14 days". Units outside this table are compared as written, never dropped.
_SCALE: dict[str, tuple[str, Decimal]] = {
    "mcg": ("mg", Decimal("0.001")), "ng": ("mg", Decimal("0.000001")), "g": ("mg", Decimal(1000)),
    "kg": ("mg", Decimal(1000000)), "l": ("ml", Decimal(1000)), "dl": ("ml", Decimal(100)),
    "gy": ("cgy", Decimal(100)), "week": ("day", Decimal(7)),
    # Per decilitre is ten times per litre: "Hb 5.8 g/dL" is 58 g/L (round 9 of the audit).
    "g/dl": ("g/l", Decimal(10)), "mg/dl": ("mg/l", Decimal(10)),
    # Cell counts: 10^9/L is 10^3 per µL (and per mm3), 10^12/L is 10^6 per µL.
    "10^9/l": ("cells/µl", Decimal(1000)), "10^3/µl": ("cells/µl", Decimal(1000)),
    "10^12/l": ("cells/µl", Decimal(1000000)), "10^6/µl": ("cells/µl", Decimal(1000000)),
}  # fmt: skip


def quantity(value: Value) -> tuple[str, str | None]:
    """The value in its dimension's base unit, as text: ("1000", "mg") for "1 g". A rate per day
    is the daily amount ("mg/day" == "mg daily"); a signed or comparator value stays as it is."""
    unit = value.unit
    if unit is not None and unit.endswith("/day"):
        unit = unit[: -len("/day")]
    if unit is None or unit not in _SCALE or not value.canonical[:1].isdigit():
        return value.canonical, unit
    base, factor = _SCALE[unit]
    number = _canonical_number(value.canonical)
    if number is None:
        return value.canonical, unit
    scaled = format((Decimal(number) * factor).normalize(), "f")
    return scaled, base


def same_value(value: Value, other: Value) -> bool:
    """Equal values: units must agree (after exact conversion) when both sides state one, a dose
    needs its unit in the evidence (so "5 mg" is not confirmed by "INR 5"), a month or year is
    confirmed by a full date inside it ("August 2016" by "08/14/2016"), a date either of whose
    readings agrees confirms it ("12 March 2024" by "12/03/2024"), and a number stated without a
    comparator is confirmed by the passage's limit ("a target of under 360" by "target <360",
    "the 140 cutoff" by ">=140"; "<360" itself still needs "<360")."""
    if other.kind != value.kind:
        return False
    if value.kind == "date":
        return any(
            dates_agree(mine, theirs) for mine in value.readings() for theirs in other.readings()
        )
    if _COMPARATOR.match(other.canonical) and not _COMPARATOR.match(value.canonical):
        other = replace(other, canonical=_COMPARATOR.sub("", other.canonical))
    if value.unit is not None and other.unit is not None:
        return quantity(value) == quantity(other)
    if other.canonical != value.canonical:
        return False
    return not is_dose(value)


_COMPARATOR = re.compile(r"^[<>]=?")


def is_supported(value: Value, evidence: list[Value]) -> bool:
    """The evidence holds the same value (see ``same_value``)."""
    return any(same_value(value, other) for other in evidence)


# Units that make a number a dose of a medication.
DOSE_UNITS = frozenset(
    {"mg", "mcg", "g", "ng", "ml", "l", "unit", "iu", "meq", "mmol", "tab", "cap", "puffs",
     "drops", "sprays", "mg/kg", "mcg/kg", "unit/kg", "mg/day", "mg/h", "ml/h", "unit/h"}
)  # fmt: skip


# Amounts that, divided by body weight or time, make a dosing rate ("mcg/kg/min", "ml/h").
_RATE_HEADS = frozenset({"mg", "mcg", "g", "ng", "ml", "unit", "iu", "meq", "mmol"})
_RATE_TAILS = frozenset({"kg", "min", "h", "day"})


def is_dose(value: Value) -> bool:
    if value.kind != "number" or value.unit is None:
        return False
    if value.unit in DOSE_UNITS:
        return True
    if value.unit == "ml/min":
        return False  # how creatinine clearance is reported, not a dose
    head, *tails = value.unit.split("/")
    return head in _RATE_HEADS and bool(tails) and all(t in _RATE_TAILS for t in tails)


# ---- the unit a delimited table's header gives its column ("K (mmol/L)"; a units row) -----------

# A unit in brackets at the end of a column's name: "K (mmol/L)", "HbA1c [%]", "WCC (x10^9/L)".
_BRACKETED_UNIT = re.compile(r"[(\[]\s*([^()\[\]]{1,24}?)\s*[)\]]\s*$")


@functools.lru_cache(maxsize=512)
def unit_named(written: str) -> str | None:
    """The unit ``written`` names, as values carry it ("mmol/L": "mmol/l"), read as a number's
    unit is; None where it names none ("serum", "Hb")."""
    found = extract_values(f"1 {written}")
    if len(found) != 1 or found[0].kind != "number" or found[0].raw != f"1 {written}":
        return None
    return found[0].unit


# A unit joined to a column's name by underscores, as exports name fields: "Hb_g/dL",
# "urine_mL", "tacrolimus_trough_ng_mL" (ng/mL), "norepi_mcg_kg_min" (mcg/kg/min).
_NAME_PART = re.compile(r"_")
_SUFFIX_PARTS = 3


def _suffixed_unit(cell: str, names: frozenset[str] = frozenset()) -> str | None:
    """The unit the last one to three underscore-joined parts of a column's name write, the
    longest that names one; None where the name has no underscore or its tail is no unit. A
    side letter whose other side names another of the table's columns (``names``) is a side,
    not litres: "IOP_L" beside "IOP_R", "grip_L_kg" (kg) beside "grip_R_kg" (review61g)."""
    parts = _NAME_PART.split(cell.strip())
    tail = parts[1:]
    for at in range(1, len(parts)):
        other = _OTHER_SIDE.get(parts[at])
        if other is not None and "_".join((*parts[:at], other, *parts[at + 1 :])) in names:
            tail = parts[at + 1 :]
            break
    for count in range(min(_SUFFIX_PARTS, len(tail)), 0, -1):
        unit = unit_named("/".join(tail[-count:]))
        if unit is not None:
            return unit
    return None


_OTHER_SIDE = {"L": "R", "R": "L", "l": "r", "r": "l"}


def column_units(text: str, table: DelimitedTable) -> list[str | None]:
    """The unit each column of ``table`` gives its numbers in its header: in brackets after the
    column's name ("K (mmol/L)"), or in a units row under the names (",g/L,mmol/L": a header row
    below the first whose every written cell is a unit). A number in such a column's cell is in
    that unit: read bare, "4.2" under "K (mmol/L)" confirmed "potassium 4.2 g/L" (review56a)."""
    rows = table.header_cells(text)
    units: list[str | None] = [None] * max(len(row) for row in rows)
    names = frozenset(rows[0])
    for number, cells in enumerate(rows):
        written = [cell for cell in cells if cell]
        units_row = number > 0 and bool(written) and all(unit_named(c) for c in written)
        for index, cell in enumerate(cells):
            bracketed = _BRACKETED_UNIT.search(cell)
            unit = unit_named(bracketed.group(1)) if bracketed else None
            if unit is None and number == 0:
                unit = _suffixed_unit(cell, names)
            if unit is None and units_row and cell:
                unit = unit_named(cell)
            if unit is not None:
                units[index] = unit
    return units


# A result's flag after it in its cell, which the unit reader takes for hours or litres: "5.6 H"
# (review57b: a right "potassium 5.6 mmol/L" was flagged "the cited passage gives 5.6 in H",
# and "normal" of it passed, the flag read as no flag).
_FLAG_AS_UNIT = re.compile(r"(?P<number>.*?\d)\s*(?:(?P<high>HH?)|LL?)")


def in_column_unit(value: Value, unit: str | None) -> Value:
    """``value``, a number found in a cell of a delimited table (at its start where the column's
    header or the row gives ``unit``), with that unit where it writes none of its own. A flag
    after it ("5.6 H"; "131 L" where the column gives another unit than litres) is no unit: it
    is left after the value, as a flag cell is."""
    flag = _FLAG_AS_UNIT.fullmatch(value.raw) if value.kind == "number" else None
    if flag is not None and (flag.group("high") or unit not in (None, "l")):
        value = replace(value, raw=flag.group("number"), unit=None)
    if unit is None or value.kind != "number" or value.unit is not None:
        return value
    return replace(value, unit=unit)


# A column of units beside the test's name in a cumulative report: "Units", "Einheit", "Unité".
_UNITS_HEADING = re.compile(r"units?|einheit(?:en)?|unit[ée]s?|unidad(?:es)?", re.IGNORECASE)


def dated_row_units(text: str, table: DelimitedTable) -> tuple[set[int], list[str | None]]:
    """For a table with dates across the top (``heads_dates``: "Test,Units,2024-03-02,
    2024-03-09" over "Potassium,mmol/L,4.2,5.6"), the indexes of its dated columns and the unit
    each row gives its dated cells: its cell under "Units", or in brackets after its test's
    name ("Potassium (mmol/L)"). A bare cell fitted any unit: "potassium 5.6 g/L" passed
    (review57b). Nothing for other tables."""
    header = next((r for r in table.header if heads_dates(text, r, table.delimiter)), None)
    if header is None:
        return set(), []
    dated: set[int] = set()
    units_column = None
    for index, span in enumerate(cell_spans(text, *header, table.delimiter)):
        a, b = cell_text(text, span)
        if DATE_CELL.fullmatch(text, a, b):
            dated.add(index)
        elif _UNITS_HEADING.fullmatch(text, a, b):
            units_column = index
    units: list[str | None] = []
    for start, end in table.rows:
        spans = [cell_text(text, s) for s in cell_spans(text, start, end, table.delimiter)]
        cells = [text[a:b] for a, b in spans]
        unit = None
        if units_column is not None and units_column < len(cells) and cells[units_column]:
            unit = unit_named(cells[units_column])
        if unit is None and cells:
            unit = _unit_in_brackets(cells[0])
        units.append(unit)
    return dated, units


def _unit_in_brackets(name: str) -> str | None:
    """The unit in brackets at the end of a row's test, "Potassium (mmol/L)": read by position,
    not by ``_BRACKETED_UNIT``, whose blanks on both sides of the unit made a cell "K (" then
    thousands of blanks quadratic (review57b)."""
    name = name.rstrip()
    if not name.endswith((")", "]")):
        return None
    inside = name[max(name.rfind("("), name.rfind("[")) + 1 : -1].strip()
    return unit_named(inside) if 0 < len(inside) <= 24 else None


def _in_column_units(text: str, tables: list[DelimitedTable], values: list[Value]) -> list[Value]:
    cells: dict[int, str | None] = {}
    for table in tables:
        # Every cell's first number, for a flag read as its unit ("5.6 H") where no unit is given.
        for start, end in table.rows:
            for span in cell_spans(text, start, end, table.delimiter):
                cells[cell_text(text, span)[0]] = None
        dated, row_units = dated_row_units(text, table)
        for (start, end), unit in zip(table.rows, row_units, strict=False):
            if unit is None:
                continue
            for index, span in enumerate(cell_spans(text, start, end, table.delimiter)):
                if index in dated:
                    cells[cell_text(text, span)[0]] = unit
        units = column_units(text, table)
        if not any(units):
            continue
        for start, end in table.rows:
            for index, span in enumerate(cell_spans(text, start, end, table.delimiter)):
                unit = units[index] if index < len(units) else None
                if unit is not None:
                    cells[cell_text(text, span)[0]] = unit
    if not cells:
        return values
    return [in_column_unit(v, cells[v.start]) if v.start in cells else v for v in values]
