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
* Round 12: Malay, Indonesian and Swahili months and weekdays ("Selasa, 4 Ogos 2026",
  "Ijumaa, tarehe 7 Agosti 2026"; the months that are English words too, "Mac", "Jun", "Mei",
  only with a year), the Tagalog ordinal day ("ika-4 ng Hulyo", "Biyernes, ika-14 ng
  Agosto") and Tagalog abbreviations with a day and year ("Okt. 3, 2026"), a French
  abbreviated month with its year ("juil. 2026"), Polish months in the locative ("w sierpniu
  1974"), an Afrikaans day ("die 14de"), two dates joined by a word ("12/01/2026 to
  04/02/2026", "May 2024 and June 2025"), and a week or weekend named by its date ("w/c 14
  June", "the weekend of 3-4 Oct").

A clock time after a date is no part of it ("11/02/2025 14:22": only the date is found).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_cues import DATE_CUE_PATTERNS
from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import MONTH_NUMBER as _M
from medlocal.privacy.deid_date_forms import MONTH_SHORT
from medlocal.privacy.deid_date_forms import YEAR_NUMBER as _YEAR
from medlocal.privacy.deid_date_shapes import SHAPE_DATE_PATTERNS
from medlocal.privacy.deid_foreign_forms import MONTH_NAMES, MONTH_WORDS
from medlocal.privacy.deid_more_dates import MORE_DATE_PATTERNS
from medlocal.privacy.deid_named_days import NAMED_DAY_PATTERNS
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
    r"miyerkules|huwebes|biyernes|sabado|linggo|"
    # Malay, Indonesian, Swahili (round 12).
    r"isnin|selasa|rabu|khamis|jumaat|sabtu|ahad|senin|kamis|jumat|"
    r"jumatatu|jumanne|jumatano|alhamisi|ijumaa|jumamosi|jumapili|"
    # Catalan and Irish (round 17: "dijous, 12 de març de 2026", "Dé Luain 9 Márta").
    r"dilluns|dimarts|dimecres|dijous|divendres|dissabte|diumenge|"
    r"d[ée][ \t]+luain|d[ée][ \t]+m[áa]irt|d[ée][ \t]+c[ée]adaoin|d[ée]ardaoin|d[ée][ \t]+haoine|"
    r"d[ée][ \t]+sathairn|d[ée][ \t]+domhnaigh"
)
# Malay, Indonesian and Swahili months that no English word spells ("4 Ogos", "7 Agosti"), and
# those that do ("Mac" is a computer, "Jun" and "Mei" abbreviations or names): these only
# with a year ("2 Mac 2026").
_MS_SW_MONTHS = (
    r"julai|ogos|disember|machi|aprili|agosti|septemba|oktoba|novemba|desemba|maret|agustus|"
    r"desember"
)
_MS_SW_MONTHS_YEAR = r"mac|jun|mei|januari|februari|april|juni|oktober|september|november"
# Tagalog abbreviations ("Nob. 3, 2026"), only with a day and a year: "Set", "Dis" are words.
_TL_ABBREVIATIONS = r"Ene|Peb|Abr|Hun|Hul|Ago|Set|Okt|Nob|Dis"
_WEEKDAY_SHORT = (
    r"Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun|Lun|Mar|Mer|Jeu|Ven|Sam|Dim|Mié|Jue|Vie|Sáb|"
    r"Dom|Tis|Ons|Tor|Fre|Lör|Sön"
)
# English ones typed in lower case before a date ("ed triage 0214 sat 12/9/26", "mon 14 dec").
_WEEKDAY_LOWER = r"mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun"
_WEEKDAY_TWO = r"Mo|Di|Mi|Do|Fr|Sa|So|Ma|Wo|Vr|Za|Zo"
# Another weekday and a number later on the line: a weekly dose plan ("Lun 1/2 cp, Mar 1 cp").
_SCHEDULE_AFTER = rf"[^\n]*?\b(?:{_WEEKDAY_SHORT}|{_WEEKDAY_TWO})\.?,?[ \t]+\d"
# Month words after a weekday: a day then a month word, or a month word then a day.
_MONTH_AFTER_WEEKDAY = (
    rf"(?i:{_D}(?:\.|er|º)?[ \t]+(?:de[ \t]+)?"
    rf"(?:{MONTH_WORDS}|{_MS_SW_MONTHS}|{_MS_SW_MONTHS_YEAR})"
    rf"(?:[ \t]+(?:de[ \t]+)?\d{{4}})?)(?!\w)"
    # The Tagalog ordinal day ("Biyernes, ika-14 ng Agosto").
    rf"|(?i:ika-?[ \t]?{_D}[ \t]+ng[ \t]+(?:{MONTH_WORDS}))(?!\w)(?:,?[ \t]+\d{{4}}\b)?"
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
    r"Boxing[ \t]+Day|Halloween|Bastille[ \t]+Day|(?:Anzac|ANZAC)[ \t]+Day|Canada[ \t]+Day|"
    r"Independence[ \t]+Day|Valentine['’]?s[ \t]+Day|Koningsdag|St\.?[ \t]+Patrick['’]?s[ \t]+Day"
)

# A date with its year, for a pair of dates joined by a word: numeric ("03/06/2026", ISO), a
# month and year ("October 2025"), or a day, month and year either way ("5 May 2026",
# "May 5, 2026").
_FULL_DATE = (
    rf"{_D}/{_M}/{_YEAR}|{_M}/{_D}/{_YEAR}|{_D}\.{_M}\.{_YEAR}|{_D}-{_M}-{_YEAR}"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d"
    rf"|(?:{_D}(?:st|nd|rd|th)?[ \t]+)?(?:{MONTH_SHORT})\.?"
    rf"(?:[ \t]+{_D}(?:st|nd|rd|th)?,?)?[ \t]+(?:19|20)\d\d"
)
_JOIN = r"[ \t]+(?i:through|thru|to|until|till|and|or)[ \t]+|[ \t]*[-–—][ \t]*"

WORLD_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Round 17: Roman-numeral months, apostrophe years, "inst.", more languages' forms.
    *MORE_DATE_PATTERNS,
    # Round 20: dates in shapes found by invented probes (deid_date_shapes).
    *SHAPE_DATE_PATTERNS,
    # Round 18: dates with their cue words, and more forms (deid_date_cues).
    *DATE_CUE_PATTERNS,
    # Round 19: feasts and the dates of other calendars (deid_named_days).
    *NAMED_DAY_PATTERNS,
    (
        "date",
        re.compile(
            # A weekday (with "le", "el", "den", "am" before it), then the date. Walk 21:
            # not English "on", which stays in view as it does before any other date ("on
            # [DATE]"), and with which the date was not read to be shifted ("on Tuesday 11
            # February" became "[DATE]").
            rf"(?:\b(?i:le|el|den|am)[ \t]+)?\b"
            rf"(?:(?:(?i:{_WEEKDAY_FULL})|(?:{_WEEKDAY_SHORT}|{_WEEKDAY_LOWER})\.?),?[ \t]+"
            r"(?:(?i:den|tarehe|tanggal)[ \t]+)?"
            rf"(?:{_AFTER_WEEKDAY})"
            rf"|(?:{_WEEKDAY_TWO})\.?,?[ \t]+(?:{_AFTER_WEEKDAY_TWO}))"
            # A range of days before a month: "3 a 11 de fevereiro", "12-14 mars 2025".
            rf"|\b{_D}\.?[ \t]*(?:-|–|(?i:a|al|au|à|bis|to|till|tot|t/m|do|og|und|et|y|e|i))[ \t]*"
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
    (
        "date",
        re.compile(
            # Malay, Indonesian, Swahili: "4 Ogos", "tarehe 7 Agosti 2026", "2 Mac 2026".
            rf"(?:\b(?i:tarehe|tanggal)[ \t]+)?\b{_D}[ \t]+(?:"
            rf"(?i:{_MS_SW_MONTHS})\b(?:[ \t]+(?:19|20)\d\d\b)?"
            rf"|(?i:{_MS_SW_MONTHS_YEAR})[ \t]+(?:19|20)\d\d\b)"
            # Tagalog: "ika-4 ng Hulyo 2026", and "Okt. 3, 2026".
            rf"|\b(?i:ika)-?[ \t]?{_D}[ \t]+(?i:ng)[ \t]+(?i:{MONTH_WORDS})(?!\w)"
            r"(?:,?[ \t]+(?:19|20)\d\d\b)?"
            rf"|\b(?:{_TL_ABBREVIATIONS})\.?[ \t]+{_D},?[ \t]+(?:19|20)\d\d\b"
            # French abbreviations that no English month shares, with a year ("juil. 2026").
            r"|\b(?i:janv|f[ée]vr|avr|juil)\.?[ \t]+(?:19|20)\d\d\b"
            # Polish months in the locative, "in August 1974" ("w sierpniu 1974", "we
            # wrześniu"): no English word.
            r"|\b(?i:(?:we?)[ \t]+)?(?i:styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|"
            r"wrze[śs]niu|pa[źz]dzierniku|listopadzie|grudniu)\b(?:[ \t]+(?:19|20)\d\d\b)?"
            # An Afrikaans day of the month ("op die 14de", "die 3de kom"), at a phrase's or a
            # line's end or before a verb of coming; "die 3de keer" (the third time) is no date.
            r"|(?<=\b(?i:die)[ \t])(?:[12]?\d|3[01])(?:ste|de)\b"
            r"(?=[ \t]*(?:[.,;)]|$)|[ \t]+(?i:kom|gekom|terug|van)\b)",
            re.M,
        ),
    ),
    # Two dates joined by a word or a dash are one date span, the word with them ("12/01/2026
    # to 04/02/2026", "May 2024 and June 2025"): the annotators' convention, and the pair reads
    # as one period.
    (
        "date",
        re.compile(rf"\b(?:{_FULL_DATE})(?:{_JOIN})(?:{_FULL_DATE})(?![\w/.-]\d)"),
    ),
    # A week or weekend named by its date, with its words ("w/c 14 June", "the weekend of 3-4
    # Oct", "wk of 7/9").
    (
        "date",
        re.compile(
            r"(?:\b(?i:the)[ \t]+)?\b(?i:w/[cbe]|(?:week|wk|weekend)[ \t]+"
            r"(?:commencing|beginning|ending|of))[ \t:]+"
            rf"(?:{_D}(?:st|nd|rd|th)?(?:[ \t]*[-–][ \t]*{_D}(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?"
            rf"(?:{MONTH_SHORT})\b"
            rf"|(?:{MONTH_SHORT})\.?[ \t]+{_D}(?:st|nd|rd|th)?\b"
            rf"|{_D}/{_M}\b(?![/.]\d|{NOT_DATE_AFTER}))"
        ),
    ),
    # Round 19: an Australian weekday's afternoon ("Fri arvo", "Sunday avo"): the weekday
    # with it, as "Fri pm".
    (
        "date",
        re.compile(
            r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Monday|Tuesday|Wednesday|"
            r"Thursday|Friday|Saturday|Sunday)\.?[ \t]+(?:arvo|avo|arv)\b"
        ),
    ),
    # Round 19: a French day of this month alone, "le" and the day after a past participle
    # ("sortie estimée le 11.", "revu le 3, stable", "prévue le 21 au matin"): the day ends
    # the phrase, or a part of the day follows; a count after "le" has its noun ("le 2e").
    (
        "date",
        re.compile(
            # Speed: "le" first (most positions fail there).
            r"(?=le[ \t])(?:(?<=\wé[ \t])|(?<=\wée[ \t])|(?<=\wés[ \t])|(?<=\wées[ \t])"
            r"|(?<=vu[ \t])|(?<=vue[ \t]))"
            r"(?P<v>le[ \t]+(?:1er|[1-9]|[12]\d|3[01]))"
            r"(?=[ \t]*[.,;)](?!\d)|[ \t]+(?:au|dans|en)[ \t]+(?:matin|soir|après-midi|journée)\b"
            r"|[ \t]+(?:matin|soir)\b)"
        ),
    ),
]
