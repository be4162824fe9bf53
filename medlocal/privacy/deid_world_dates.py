"""Dates as other countries write them, beyond a day and a month (round 9).

* A weekday in any of a dozen languages before a date: the weekday is part of the date
  ("jeudi 6 mars 2025", "sábado 22/02/2025", "Di., 28.01.2025", "Huwebes, Enero 16, 2025").
  The weekday alone is kept; a short one ("Fr", "Sat") must be capitalised and stand before a
  date form, so that "sat 5/10" or "fr" in running text are not dates. A two-letter one
  ("Mo", "Di") takes only a dotted date or one with a year ("Mi 5.3.", "Di., 28.01.2025"): "Mo
  1/2, Di 1, Mi 1/2" is a weekly dose plan, "Power Di 4/5" a grade. A numeric date without a
  year is none when another weekday and number follow on the line (a weekly schedule).
* A range of days before a month ("3 a 11 de fevereiro de 2025", "12-14 mars"): a month name
  that is no English word, a capitalised abbreviation, or any month word with a year ("5-10 may
  be required", "Hb 12-13 dec" are kept).
* Hijri dates: a day, a month of the Islamic calendar and its year ("21 Sha'ban 1446",
  "15 Rajab 1446 H"); the month alone ("in Ramadan") is kept, it names a season.
* Vietnamese dates ("ngày 10 tháng 2 năm 2025", "mùng 6 Tết").
* A holiday on a fixed day with its year ("Hogmanay 2024", "Christmas Eve 2023").

A clock time after a date is no part of it ("11/02/2025 14:22": only the date is found).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_foreign_forms import MONTH_NAMES, MONTH_WORDS
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER

# Weekdays written in full (any case) and their abbreviations (capitalised only).
_WEEKDAY_FULL = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
    r"segunda(?:-feira)?|ter[çc]a(?:-feira)?|quarta(?:-feira)?|quinta(?:-feira)?|"
    r"sexta(?:-feira)?|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    # The Nordic ones also with the definite ending, as Swedish dates write them ("måndagen").
    r"(?:m[åa]ndag|tisdag|tirsdag|onsdag|torsdag|fredag|l[öø]rdag|s[öø]ndag)(?:en)?|"
    r"poniedzia[łl]ek|wtorek|[śs]roda|czwartek|pi[ąa]tek|sobota|niedziela|"
    r"miyerkules|huwebes|biyernes|sabado|linggo"
)
_WEEKDAY_SHORT = (
    r"Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun|Lun|Mar|Mer|Jeu|Ven|Sam|Dim|Mié|Jue|Vie|Sáb|"
    r"Dom|Tis|Ons|Tor|Fre|Lör|Sön"
)
# English ones typed in lower case before a date ("ed triage 0214 sat 12/9/26", "mon 14 dec").
_WEEKDAY_LOWER = r"mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun"
_WEEKDAY_TWO = r"Mo|Di|Mi|Do|Fr|Sa|So|Ma|Wo|Vr|Za|Zo"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)?\d\d"
# Another weekday and a number later on the line: a weekly dose plan ("Lun 1/2 cp, Mar 1 cp").
_SCHEDULE_AFTER = rf"[^\n]*?\b(?:{_WEEKDAY_SHORT}|{_WEEKDAY_TWO})\.?,?[ \t]+\d"
# Month words after a weekday: a day then a month word, or a month word then a day.
_MONTH_AFTER_WEEKDAY = (
    rf"(?i:{_D}(?:\.|er|º)?[ \t]+(?:de[ \t]+)?(?:{MONTH_WORDS})(?:[ \t]+(?:de[ \t]+)?\d{{4}})?)"
    rf"(?!\w)"
    rf"|(?i:(?:{MONTH_WORDS})[ \t]+{_D}(?:,?[ \t]+\d{{4}})?)\b"
)
# What may follow a weekday of three letters or more: a numeric date (day first or month
# first; without a year, not in a schedule), or a month word.
_AFTER_WEEKDAY = (
    rf"(?:{_D}[/.]{_M}|{_M}/{_D})[/.]{_YEAR}\b(?!{NOT_DATE_AFTER})\.?"
    rf"|(?:{_D}[/.]{_M}|{_M}/{_D})\b(?![/.]\d|{NOT_DATE_AFTER}|{_SCHEDULE_AFTER})\.?"
    rf"|{_MONTH_AFTER_WEEKDAY}"
)
# After a two-letter weekday: a dotted date ("5.3.", "28.01.2025"), a date with a year, or a
# month word.
_AFTER_WEEKDAY_TWO = (
    rf"{_D}\.{_M}\.(?:{_YEAR}\b)?(?!\d|{NOT_DATE_AFTER})"
    rf"|(?:{_D}[/.]{_M}|{_M}/{_D})[/.]{_YEAR}\b(?!{NOT_DATE_AFTER})"
    rf"|{_MONTH_AFTER_WEEKDAY}"
)
# A month after a range of days: a name that is no English word, a capitalised abbreviation
# ("12-14 Mar"), or any month word when a year follows.
_RANGE_MONTH = (
    rf"(?i:(?:de[ \t]+)?(?:{MONTH_NAMES}))(?!\w)(?:,?[ \t]+(?:(?i:de)[ \t]+)?\d{{4}}\b)?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|"
    r"SEPT?|OCT|NOV|DEC)\.?(?!\w)(?:,?[ \t]+\d{4}\b)?"
    rf"|(?i:(?:de[ \t]+)?(?:{MONTH_WORDS}))(?!\w),?[ \t]+(?:(?i:de)[ \t]+)?(?:19|20)\d\d\b"
)
_HIJRI_MONTHS = (
    r"Muharram|Safar|Rabi[‘'’]?[ \t-]?(?:al|ul|ath|us)?[ \t-]?(?:Awwal|Akhir|Thani|Sani)|"
    r"Jumad[ae][ \t-]?(?:al|ul)?[ \t-]?(?:Awwal|Ula|Akhir|Akhirah|Thani|Thaniyah|Ukhra)|"
    r"Rajab|Sha[‘'’]?ban|Ramadan|Ramazan|Ramadhan|Shawwal|"
    r"Dhu[ \t-]?(?:al|l)?[ \t-]?Qi?[‘'’]?dah?|Dhu[ \t-]?(?:al|l)?[ \t-]?Hijjah?|Zul[ \t-]?Hijjah"
)
_HOLIDAYS = (
    r"Christmas(?:[ \t]+(?:Day|Eve))?|New[ \t]+Year['’]?s(?:[ \t]+(?:Day|Eve))?|Hogmanay|"
    r"Boxing[ \t]+Day|Halloween|Bastille[ \t]+Day|Anzac[ \t]+Day|Canada[ \t]+Day|"
    r"Independence[ \t]+Day|Valentine['’]?s[ \t]+Day|Koningsdag|St\.?[ \t]+Patrick['’]?s[ \t]+Day"
)

WORLD_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # A weekday (with "le", "el", "den", "am" before it), then the date.
            rf"(?:\b(?i:le|el|den|am|on)[ \t]+)?\b"
            rf"(?:(?:(?i:{_WEEKDAY_FULL})|(?:{_WEEKDAY_SHORT}|{_WEEKDAY_LOWER})\.?),?[ \t]+"
            r"(?:(?i:den)[ \t]+)?"
            rf"(?:{_AFTER_WEEKDAY})"
            rf"|(?:{_WEEKDAY_TWO})\.?,?[ \t]+(?:{_AFTER_WEEKDAY_TWO}))"
            # A range of days before a month: "3 a 11 de fevereiro", "12-14 mars 2025".
            rf"|\b{_D}[ \t]*(?:-|–|(?i:a|al|au|à|bis|to|till|tot|t/m|do|og|und|et|y|e|i))[ \t]*"
            rf"{_D}(?:\.|er|º)?[ \t]+(?:{_RANGE_MONTH})"
            # Hijri: "21 Sha'ban 1446", "15 Rajab 1446 H" (a day is required).
            rf"|\b{_D}(?:st|nd|rd|th)?[ \t]+(?:{_HIJRI_MONTHS})\b"
            r"(?:,?[ \t]+1[34]\d\d(?:[ \t]*(?:AH|A\.H\.|H|هـ)\b)?)?"
            # Vietnamese: "ngày 10 tháng 2 năm 2025", "10 tháng 2", "mùng 6 Tết".
            rf"|(?:\b(?i:ngày|mùng|mồng)[ \t]+)?\b{_D}[ \t]+(?i:tháng)[ \t]+{_M}\b"
            r"(?:[ \t]+(?i:năm)[ \t]+\d{4}\b)?"
            rf"|\b(?i:mùng|mồng)[ \t]+{_D}[ \t]+Tết\b"
            # Two or more days of one month and year: "November 20 and 27, 2024" (the year is
            # required, so that "May 3 and 4" of a dose plan is never read as a date).
            rf"|\b(?i:{MONTH_WORDS})[ \t]+{_D}(?:st|nd|rd|th)?(?:(?:,[ \t]*|[ \t]*(?:-|–|&|"
            rf"(?i:and|to|through))[ \t]*){_D}(?:st|nd|rd|th)?){{1,3}},?[ \t]+(?:19|20)\d\d\b"
            # A holiday on a fixed day, with its year.
            rf"|\b(?:{_HOLIDAYS})[ \t,]+(?:19|20)\d\d\b"
        ),
    ),
]
