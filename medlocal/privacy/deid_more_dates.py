"""Dates in forms the other date rules do not read (round 17).

* A month in Roman numerals between a day and a year, as Irish, Italian, Polish and Nigerian
  letters type them ("10.ii.2026", "8-iii-26", "12.III.26", "15/ii/26"): the same separator on
  both sides and a year after, so that a list's "2.ii" or a stage ("IIIA") stays.
* A year written with an apostrophe ("Feb. of '26", "Dec. 2, '25", "11-3-'26", "March '24").
* A day of this, last or next month in the old commercial style ("the 9th inst.", "3rd ult.").
* A lower-case weekday abbreviation of Dutch, German or the Nordic languages before a date that
  has a month word or a year ("vr 13 maart", "ons 22 april 2026", "wo 11-3-'26").
* A weekday with "last" or "next" before a day and month ("Tuesday last, 10/3").
* A day and month before a clock time, two digits each ("dep. 15.03 01:10").
* A day and month after a word that dates what was done ("Reported: 11/3", "weaned 6/3",
  "informed by phone 9/3"): not a score, a grade or an acuity.
* Months with their year, in the nominative of Polish ("grudzień 2025") and in Swahili or Malay
  ("Desemba 2025", "Ogos 2026"): words no English text writes before a year.
* Dates in Devanagari, Arabic-Indic or Persian digits ("१२/०३/२०२६", "١٢/٣/٢٠٢٦") and with a
  Hindi month ("12 मार्च 2026"); a Japanese era year ("令和8年3月12日", "平成30年").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import MD_NOT_SCORE, MONTH_SHORT
from medlocal.privacy.deid_date_forms import MONTH_NUMBER as _M
from medlocal.privacy.deid_date_forms import ROMAN_MONTH as _ROMAN_UPPER
from medlocal.privacy.deid_date_forms import YEAR_NUMBER as _YEAR
from medlocal.privacy.deid_foreign_forms import MONTH_WORDS
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER

_APOSTROPHE = r"['’‘]"
_ROMAN_LOWER = r"(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})"
# Lower-case weekday abbreviations: Dutch, German, Danish, Norwegian, Swedish. Not "do" and "so"
# (English words) nor "man", "son", "tor" (words or names before a number).
_WEEKDAY_LOWER = r"ma|di|wo|vr|za|zo|mo|mi|fr|sa|m[åa]n|tis|ons|fre|l[öø]r|s[öø]n|tirs|tors"
_POLISH_NOMINATIVE = (
    r"stycze[ńn]|luty|marzec|kwiecie[ńn]|czerwiec|lipiec|sierpie[ńn]|wrzesie[ńn]|"
    r"pa[źz]dziernik|listopad|grudzie[ńn]"
)
_SW_MS_MONTHS = (
    r"januari|februari|machi|aprili|julai|agosti|septemba|oktoba|novemba|desemba|ogos|disember|"
    r"maret|agustus|desember"
)
_HINDI_MONTHS = (
    r"जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|"
    r"नवम्बर|दिसंबर|दिसम्बर"
)
_THAI_MONTHS = (
    r"ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.|"
    r"มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|"
    r"ธันวาคม"
)
# Persian (solar) and Arabic month names.
_PERSIAN_ARABIC_MONTHS = (
    r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|"
    r"يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"
)
# Months of more European languages, as a date writes them after its day: Turkish, Romanian,
# Hungarian, Czech, Croatian and Finnish (genitive or partitive), Greek and Russian (genitive).
_MORE_MONTHS = (
    r"ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|"
    r"aral[ıi]k|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|"
    r"decembrie|janu[áa]r|febru[áa]r|m[áa]rcius|[áa]prilis|m[áa]jus|j[úu]nius|j[úu]lius|"
    r"augusztus|szeptember|okt[óo]ber|ledna|[úu]nora|b[řr]ezna|dubna|kv[ěe]tna|[čc]ervna|"
    r"[čc]ervence|srpna|z[áa][řr][íi]|[řr][íi]jna|listopadu|prosince|sije[čc]nja|velja[čc]e|"
    r"o[žz]ujka|travnja|svibnja|lipnja|srpnja|kolovoza|rujna|studenoga|prosinca|"
    r"tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kes[äa]kuuta|hein[äa]kuuta|"
    r"elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta|"
    r"ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|"
    r"οκτωβρίου|νοεμβρίου|δεκεμβρίου|января|февраля|марта|апреля|мая|июня|июля|августа|"
    r"сентября|октября|ноября|декабря"
)
# Words that date what was done on a day ("Reported: 11/3"), with "by phone" and the like.
_DONE_CUE = (
    r"reported|verified|authori[sz]ed|validated|printed|typed|dictated|transcribed|weaned|"
    r"extubated|informed|called|phoned|telephoned|rang|emailed|faxed|contacted|notified|"
    r"dispatched|posted|mailed|registered|enrolled|consented|vaccinated|immuni[sz]ed"
)
_DONE_MEANS = (
    r"(?:[ \t]+(?:by|via|on)[ \t]+(?:phone|telephone|email|e-mail|letter|text|fax)"
    r"|[ \t]+(?:pt|patient|family|wife|husband|son|daughter|GP|him|her|them))?"
)

MORE_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # "10.ii.2026", "8-iii-26", "12.III.26", "15/ii/26".
            rf"(?<![\w./-]){_D}(?P<rs>[./-])(?:{_ROMAN_LOWER}|{_ROMAN_UPPER})(?P=rs){_YEAR}"
            r"(?![\w/-]|\.\d)"
            # "Feb. of '26", "Dec. 2, '25", "March '24".
            rf"|\b(?:{MONTH_SHORT})\.?(?:[ \t]+(?:of[ \t]+)?|[ \t]+{_D}(?:st|nd|rd|th)?,?[ \t]+)"
            rf"{_APOSTROPHE}\d\d(?!\w)"
            # "11-3-'26", "11/3/'26".
            rf"|(?<![\w./-]){_D}(?P<rt>[./-]){_M}(?P=rt){_APOSTROPHE}\d\d(?!\w)"
            # "the 9th inst.", "3rd ult.", "2nd prox."
            r"|(?:\b(?i:the)[ \t]+)?\b(?:[12]?\d|3[01])(?:st|nd|rd|th)[ \t]+"
            r"(?:inst|ult|ulto|prox|instant|ultimo|proximo)\b\.?"
        ),
    ),
    (
        "date",
        re.compile(
            # "vr 13 maart", "ons 22 april 2026", "wo 11-3-'26", "di 3.4.2026".
            rf"\b(?:{_WEEKDAY_LOWER})\.?,?[ \t]+(?=\d)(?:"
            rf"{_D}\.?[ \t]+(?:(?i:{MONTH_WORDS}))(?!\w)(?:[ \t]+\d{{4}}\b)?"
            rf"|{_D}(?P<ru>[./-]){_M}(?P=ru)(?:{_YEAR}|{_APOSTROPHE}\d\d)(?![\w/-]|\.\d))"
            # "Tuesday last, 10/3", "Friday next 14.3.".
            r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[ \t]+"
            rf"(?:last|next|past|gone)\b,?[ \t]+(?:{_D}[/.]{_M}|{_M}/{_D})(?:[/.]{_YEAR})?"
            r"(?![\w/]|\.\d)"
            # "dep. 15.03 01:10": two digits each, before a clock time.
            r"|(?:(?<![\w.,])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])"
            r"(?=[ \t]+(?:[01]\d|2[0-3]):[0-5]\d\b))"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?i:\b(?:{_DONE_CUE})\b{_DONE_MEANS}(?:[ \t]*+:)?[ \t]++)"
            # Not a half, third or quarter ("weaned 1/2 dose").
            rf"(?!(?:1/[234]|2/3|3/4)\b)(?P<v>{MD_NOT_SCORE})"
            rf"(?![/\d]|\.\d|{NOT_DATE_AFTER}|[ \t]+(?i:ago|days?|weeks?|wks?|"
            r"months?|pain|score|severity|nrs|vas|times|doses?|tabs?|tablets?)\b)"
        ),
    ),
    # Speed: each form below opens with a character class of its own (a digit of some script,
    # "the", an era's first letter), so that the engine skips along the text in C.
    (
        "date",
        re.compile(
            # A day before a month of _MORE_MONTHS ("12 Mart 2026", "3. března 2026").
            rf"(?<![\w.,]){_D}\.?[ \t]+(?i:{_MORE_MONTHS})(?!\w)"
            r"(?:,?[ \t]+(?:19|20)\d\d\b(?:[ \t]*(?:г\.|r\.|y[ıi]l[ıi]))?)?"
            # A day of this or the next month, or a day with its month ("the 3rd of this
            # month", "12th day of March").
            r"|\b(?:[12]?\d|3[01])(?:st|nd|rd|th)[ \t]+(?:"
            r"(?i:of)[ \t]+(?i:this|next|last|the[ \t]+(?:same|following|previous))[ \t]+"
            rf"(?i:month)\b|(?i:day[ \t]+of)[ \t]+(?:{MONTH_SHORT})\b)"
        ),
    ),
    # ... with its "the" ("the 3rd of this month").
    (
        "date",
        re.compile(
            r"[Tt](?<!\w[Tt])he[ \t]+(?:[12]?\d|3[01])(?:st|nd|rd|th)[ \t]+(?:"
            r"(?i:of)[ \t]+(?i:this|next|last|the[ \t]+(?:same|following|previous))[ \t]+"
            rf"(?i:month)\b|(?i:day[ \t]+of)[ \t]+(?:{MONTH_SHORT})\b)"
        ),
    ),
    # "grudzień 2025", "Desemba 2025", "Ogos 2026".
    (
        "date",
        re.compile(rf"\b(?i:{_POLISH_NOMINATIVE}|{_SW_MS_MONTHS})[ \t]+(?:19|20)\d\d\b"),
    ),
    (
        "date",
        re.compile(
            # Devanagari, Arabic-Indic and Persian digits.
            r"[०-९](?<![०-९][०-९])[०-९]?[/.-][०-९]{1,2}[/.-][०-९]{2,4}(?![०-९])"
            r"|[٠-٩](?<![٠-٩][٠-٩])[٠-٩]?[/.-][٠-٩]{1,2}[/.-][٠-٩]{2,4}(?![٠-٩])"
            r"|[۰-۹](?<![۰-۹][۰-۹])[۰-۹]?[/.-][۰-۹]{1,2}[/.-][۰-۹]{2,4}(?![۰-۹])"
            # "12 मार्च 2026", "१२ मार्च २०२६".
            rf"|[\d०-९](?<![\d०-९][\d०-९])[\d०-९]?[ \t]+(?:{_HINDI_MONTHS})"
            r"(?:,?[ \t]+[\d०-९]{4})?"
            # Thai, Persian and Arabic months with their day ("12 มี.ค. 2569", "۱۲ اسفند ۱۴۰۴").
            r"|[\d٠-٩۰-۹](?<![\d٠-٩۰-۹][\d٠-٩۰-۹])[\d٠-٩۰-۹]?[ \t]*"
            rf"(?:{_THAI_MONTHS}|{_PERSIAN_ARABIC_MONTHS})"
            r"(?![^\W\d_])(?:[ \t]+[\d٠-٩۰-۹]{4})?"
        ),
    ),
    (
        "date",
        re.compile(
            # A Japanese era year, with its month and day ("令和8年3月12日", "平成30年").
            r"(?:令和|平成|昭和|大正)[ \t]*(?:元|[0-9０-９]{1,2})[ \t]*年"
            r"(?:[ \t]*[0-9０-９]{1,2}[ \t]*月(?:[ \t]*[0-9０-９]{1,2}[ \t]*日)?)?"
            # ... or spelt in letters ("Reiwa 8", "Heisei 30").
            r"|\b(?:Reiwa|Heisei|Sh[oō]wa|Taish[oō])[ \t]+(?:[1-9]|[1-5]\d|6[0-4])\b"
        ),
    ),
]
