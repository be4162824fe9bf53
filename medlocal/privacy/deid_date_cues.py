"""Dates with the words that name them as dates, and dates of forms no other rule reads (round 18).

* A word that leads a date in many languages is part of its span, so that no piece of the date
  is left in view: the Spanish, Italian and Portuguese article or "day" ("el 27 de feb.", "el
  día 9", "il giorno 3/4"), a week or a fortnight named by its day ("la semana del 16/3", "w
  tygodniu 16-20 III", "wk beg 2 March"), the Polish "dnia" ("dnia 3 marca 2026 r."), an
  approximate date's "ca." ("ca. enero 2020"). What follows must itself be a date: a day and a
  month word, a day and month in digits (with a slash, two dots, or two digits each), a Roman
  month.
* A weekday written in full before a bare day of the month ("el lunes 9", "domingo 8"); not in
  a weekly dose plan ("lunes 1 comp, martes 2") nor before a unit. A Vietnamese weekday before a
  numeric date ("thứ Sáu 13/3").
* Two dates joined by the word for "to" of another language, with "from" before them ("28/2 đến
  15/3", "15/10/2026 au 23/10/2026", "od 03.10.2026 do 11.10.2026"); two days with Roman months
  ("23 II - 3 III 2026").
* A day and a Roman month without a year ("2.III", "1°/III"), a day with a degree sign before a
  month word ("1°/abr/26"), a half of a month ("la 2ª quincena de enero").
* A holiday's weekend ("Labour Weekend 2024", "St Patrick's weekend"), an Islamic month with its
  year and no day ("Rabi-ul-Awwal 1444"), Scottish Gaelic and Nguni dates ("Di-Màirt 10mh Màrt",
  "ngomhla we-12 kuMatshi 2026").

Every form needs a month (a word, a Roman numeral, or digits laid out as a date) or a weekday
beside its day, so a dose, a score or a count after "el" or "z" stays.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_cue_words import CUE as _CUE
from medlocal.privacy.deid_date_cue_words import RANGE_FROM as _FROM
from medlocal.privacy.deid_date_cue_words import RANGE_TO as _TO
from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import MONTH_NUMBER as _M
from medlocal.privacy.deid_date_forms import MONTH_SHORT
from medlocal.privacy.deid_date_forms import YEAR4 as _YEAR4
from medlocal.privacy.deid_date_forms import YEAR_NUMBER as _YEAR
from medlocal.privacy.deid_foreign_forms import MONTH_NAMES, MONTH_WORDS
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER

# Roman months from February: "I" alone is too often a grade or a class.
_ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II)"
# Spanish, Portuguese and Italian month abbreviations that English does not share.
_ROMANCE_ABBREVIATIONS = r"ene|abr|ago|dic|set|dez|fev|mag|giu|lug|ott"
_MONTH_WORD = rf"(?i:(?:{MONTH_WORDS}|{_ROMANCE_ABBREVIATIONS})(?!\w)\.?)"
_ORDINAL = r"(?:st|nd|rd|th|[°ºª]|er)?"
# A clinical count or unit after a number: "el día 3 post", "lunes 2 comp".
_NOT_A_DAY_AFTER = (
    rf"(?:{NOT_DATE_AFTER}|[ \t]*(?:%|\+)|[ \t]+(?i:comp\w*|cp|tab\w*|caps?\w*|gotas|dosis|"
    r"post\w*|tras|de[ \t]+(?:ingreso|tratamiento|evoluci\w+|vida|ciclo)|del[ \t]+ciclo|"
    r"ciclos?|cycles?|doses?|units?|horas|hours?|hrs?|h|mins?|d[íi]as|days?|weeks?|months?|"
    r"years?|times|x|veces|am|pm|a\.m\.?|p\.m\.?|uhr)(?!\w))"
)
# What follows a cue: a date in its own right.
_CORE = (
    # A day and a month word, with a year ("27 de feb.", "3 marca 2026 r.", "2 March").
    rf"{_D}{_ORDINAL}\.?[ \t]*(?:(?i:de)[ \t]+)?{_MONTH_WORD}"
    rf"(?:,?[ \t]+(?:(?i:de)[ \t]+)?{_YEAR4}\b(?:[ \t]*(?:r\.|(?i:roku)\b))?)?"
    # A day and month in digits, a year after them or not ("16/3", "24.02", "3.4.", "1°/III").
    rf"|{_D}[°º]?/{_M}(?:/{_YEAR})?(?![\w/]|[.,]\d|{NOT_DATE_AFTER})"
    rf"|{_D}\.{_M}\.(?:{_YEAR}\b)?(?![\w.]|{NOT_DATE_AFTER})"
    r"|(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])(?![\w.,]|[/-]\d|"
    rf"{NOT_DATE_AFTER})"
    # A day (or a range of days) and a Roman month ("16-20 III", "2.III", "1°/III").
    rf"|{_D}(?:[ \t]*[-–][ \t]*{_D})?[°º]?(?:[ \t]+|[./])(?-i:{_ROMAN})"
    rf"(?:[./ ](?:{_YEAR4}))?(?![\w/]|\.\d)"
    # A month word and a year ("enero 2020").
    rf"|(?i:{MONTH_NAMES})[ \t]+(?:(?i:de)[ \t]+)?{_YEAR4}\b"
)

# Romance weekdays: "el lunes 9", "lundi 9" name the 9th; German "Montag 12" and English "Monday
# 12" as often the hour.
_WEEKDAY_FULL = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
    r"segunda-feira|ter[çc]a-feira|quarta-feira|quinta-feira|sexta-feira|"
    r"luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato"
)
_VIETNAMESE_WEEKDAY = r"th[ứư][ \t]+(?:hai|ba|t[ưư]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu][ \t]+nh[ậa]t"
# Another weekday and a number later on the line: a weekly plan, not a date.
_SCHEDULE_AFTER = rf"[^\n]*?\b(?i:{_WEEKDAY_FULL})[ \t]+\d"
_NUMERIC = (
    rf"{_D}/{_M}(?:/{_YEAR})?(?![\w/]|[.,]\d)|{_D}\.{_M}\.(?:{_YEAR}\b)?(?![\w.])"
    rf"|{_D}-{_M}-{_YEAR4}\b"
)
_HIJRI = (
    r"Muharram|Moharram|Safar|Rabi[‘'’]?[ \t-]?(?:al|ul|us|ath|as)?[ \t-]?"
    r"(?:Awwal|Awal|Akhir|Thani|Sani|Saani)|"
    r"Jumad[aei][ \t-]?(?:al|ul|us)?[ \t-]?(?:Awwal|Awal|Ula|Oola|Akhir|Akhirah|Thani|Sani|Ukhra)|"
    r"Rajab|Sha[‘'’]?ban|Ramadan|Ramazan|Ramadhan|Ramzan|Shawwal|Shawal|"
    r"(?:Dhu|Zil|Zul)[ \t-]?(?:al|l)?[ \t-]?(?:Q[ai]?[‘'’]?dah?|Hijjah?|Hajj)"
)
_HOLIDAY = (
    r"Labou?r|Easter|Christmas|Thanksgiving|Anzac|Waitangi|Whitsun|Pentecost|"
    r"St\.?[ \t]+Patrick['’]?s|(?:Queen|King)['’]?s[ \t]+Birthday|Bank[ \t]+Holiday|"
    r"Memorial[ \t]+Day|Labor[ \t]+Day|Victoria[ \t]+Day|Canada[ \t]+Day|Australia[ \t]+Day|"
    r"New[ \t]+Year['’]?s?"
)
_GAELIC_WEEKDAY = (
    r"Di-?[ \t]?(?:Luain|M[àa]irt|Ciadain|hAoine|Sathairne|D[òo]mhnaich)|Diardaoin|"
    r"Latha[ \t]+(?:na[ \t]+)?S[àa]baid"
)
_GAELIC_MONTH = (
    r"Am[ \t]+Faoilleach|Faoilleach|An[ \t]+Gearran|Gearran|Am[ \t]+M[àa]rt|M[àa]rt|"
    r"An[ \t]+Giblean|Giblean|An[ \t]+C[èe]itean|C[èe]itean|An[ \t]+t-[ÒO]gmhios|[ÒO]gmhios|"
    r"An[ \t]+t-Iuchar|Iuchar|An[ \t]+L[ùu]nastal|L[ùu]nastal|An[ \t]+t-Sultain|Sultain|"
    r"An[ \t]+D[àa]mhair|D[àa]mhair|An[ \t]+t-Samhain|Samhain|An[ \t]+D[ùu]bhlachd|D[ùu]bhlachd"
)
# Zulu, Xhosa and Ndebele months, with the locative "ku" or "ka" ("kuMatshi").
_NGUNI_MONTH = (
    r"(?:ku|ka|e)?(?i:januwari|janabari|februwari|febhuwari|mashi|matshi|apreli|ephreli|meyi|"
    r"juni|julayi|agasti|aghostu|septhemba|seputemba|okthoba|oktoba|novemba|disemba|desemba)"
)

DATE_CUE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(rf"(?<![^\W\d_])(?:{_CUE})(?!(?:1/[234]|2/3|3/4)\b)(?:{_CORE})")),
    (
        "date",
        re.compile(
            # A weekday in full before a bare day ("el lunes 9", "domingo 8").
            # Speed: two letters of an article or a weekday first (most words fail there).
            r"(?=(?:[EeLlIi][le]|[Aa]m|[Oo])[ \t]|(?i:lu|ma|mi|me|ju|je|vi|ve|s[áa]|do|di|se|te|"
            r"qu|gi))"
            rf"(?:\b(?:el|El|le|Le|il|Il|am|Am|o|O)[ \t]+)?\b(?i:{_WEEKDAY_FULL}),?[ \t]+"
            rf"(?:(?i:d[íi]a)[ \t]+)?{_D}(?:st|nd|rd|th|º|°)?(?![\w/]|[.,:]\d|{_NOT_A_DAY_AFTER}|"
            rf"{_SCHEDULE_AFTER})"
            # "el día 9": the day of this month, with its article.
            rf"|\b(?:el|El)[ \t]+(?i:d[íi]a)[ \t]+{_D}(?![\w/]|[.,:]\d|{_NOT_A_DAY_AFTER})"
            # A Vietnamese weekday before a numeric date ("thứ Sáu 13/3").
            rf"|\b(?i:{_VIETNAMESE_WEEKDAY}),?[ \t]+(?:(?i:ngày)[ \t]+)?"
            rf"{_D}/{_M}(?:/{_YEAR})?(?![\w/]|[.,]\d)"
        ),
    ),
    (
        "date",
        re.compile(
            # Two dates joined by another language's "to" ("28/2 đến 15/3", "od 03.10.2026 do
            # 11.10.2026"); not a half or three quarters ("1/2 a 3/4 comp").
            # Speed: a short word and a day, or a day, first.
            r"(?=[odvtfdODVTFD][^\W\d_]{0,5}[ \t]+(?:el[ \t]+)?\d|\d)"
            rf"(?:\b{_FROM}[ \t]+)?(?<![\w/.])(?=\d\d?[/.-]\d)(?!(?:1/[234]|2/3|3/4)\b)"
            rf"(?:{_NUMERIC})"
            rf"[ \t]+{_TO}[ \t]+(?!(?:1/[234]|2/3|3/4)\b)(?:{_NUMERIC})(?!{NOT_DATE_AFTER})"
            # Two days with Roman months ("23 II - 3 III 2026").
            rf"|(?<![\w/.])(?=\d\d?[ \t.]+[IVX])"
            rf"{_D}[ \t.]+(?-i:{_ROMAN})[ \t]*[-–][ \t]*{_D}[ \t.]+(?-i:{_ROMAN})"
            rf"(?:[ \t]+{_YEAR4})?\b"
        ),
    ),
    (
        "date",
        re.compile(
            # A day and a Roman month without a year ("2.III", "1°/III").
            # "V" and "X" alone are too often a nerve or a grade ("2.V").
            rf"(?<![\w/.,-])(?=\d\d?[°º]?[./][IVXa-zA-Z])"
            rf"(?:{_D}(?:[°º]/|[./])(?-i:(?!(?:V|X)\b){_ROMAN})(?![\w/-]|\.\w)"
            # A day with a degree sign (or none) and a month word between slashes ("1°/abr/26").
            rf"|{_D}[°º]?/(?i:{MONTH_NAMES}|{_ROMANCE_ABBREVIATIONS}|"
            r"jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
            rf"\.?/{_YEAR}(?![\w/]))"
            # A half of a month ("la 2ª quincena de enero", "a primeira quinzena de março").
            r"|(?=(?:[Ll]a|[Aa])[ \t]+(?:[12]|[Pp]rim|[Ss]eg)|[12][ªa]|[Pp]rime|[Ss]egu)"
            r"(?:\b(?i:la|a)[ \t]+)?(?:\b[12][ªa]|\b(?i:primera|segunda|primeira))[ \t]+"
            rf"(?i:quincena|quinzena|mitad)[ \t]+(?i:de)[ \t]+(?i:{MONTH_NAMES})(?!\w)"
            rf"(?:[ \t]+(?:(?i:de)[ \t]+)?{_YEAR4}\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # A holiday's weekend ("Labour Weekend 2024", "Easter long weekend").
            rf"\b(?:{_HOLIDAY})[ \t]+(?:(?i:long)[ \t]+)?(?i:weekend)\b(?:[ \t,]+{_YEAR4}\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # A day's morning or afternoon ("Mar 12 pm", "3 Feb am"), not a clock time.
            rf"(?<![\d:.][ \t])\b(?:(?:{MONTH_SHORT})\.?[ \t]+{_D}(?:st|nd|rd|th)?"
            rf"|(?=\d\d?(?:st|nd|rd|th)?[ \t]+[A-Z]){_D}(?:st|nd|rd|th)?[ \t]+(?:{MONTH_SHORT})\.?)"
            r"[ \t]+(?:am|pm|AM|PM)\b"
        ),
    ),
    (
        "date",
        re.compile(
            # An Islamic month and its year ("Rabi-ul-Awwal 1444", "Ramadan 1445 AH").
            # Round 19: two months and their year ("Shawwal-Dhu al-Qadah 1445").
            rf"\b(?:{_HIJRI})(?:[ \t]*[-–/][ \t]*(?:{_HIJRI}))?\b,?[ \t]+1[34]\d\d\b"
            r"(?:[ \t]*(?:AH|A\.H\.|H)\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # Scottish Gaelic ("Di-Màirt 10mh Màrt", "3mh den Ghiblean 2026"): a weekday or the
            # day's ordinal ending ("mh") before the month.
            rf"(?:\b(?:{_GAELIC_WEEKDAY}),?[ \t]+{_D}(?:mh|d|na)?"
            r"|(?<![\w.])\d\d?(?:mh|na|d))[ \t]+(?:den[ \t]+)?"
            rf"(?:{_GAELIC_MONTH})(?!\w)(?:[ \t]+{_YEAR4}\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # Nguni ("ngomhla we-12 kuMatshi 2026", "12 kuMashi"): the cue "ngomhla" (on the day)
            # or the month's locative prefix ("ku", "ka").
            rf"\b(?i:ngomhla|mhla|ngosuku)[ \t]+(?:(?:we|ka|zi)-?)?{_D}[ \t]+{_NGUNI_MONTH}(?!\w)"
            rf"(?:[ \t]+{_YEAR4}\b)?"
            rf"|(?<![\w.])\d\d?[ \t]+(?:ku|ka)(?=[A-Z]){_NGUNI_MONTH}(?!\w)(?:[ \t]+{_YEAR4}\b)?"
        ),
    ),
]
