"""Dates whose month is abbreviated the way European notes abbreviate it (session 62, deid62c).

The other date rules read an abbreviated month of another language with its year ("15. Okt.
2022", "4. Dez. 2026") or an English one capitalised ("21 Nov"). Notes of many countries write
the day and the abbreviation alone, with the month's stop, and often a weekday or a range before
it; all of these were left whole (dev83):

* a day, then an abbreviated month of Spanish, Italian, Portuguese, French, German, Dutch,
  Nordic, Polish, Croatian, Romanian, Hungarian, Turkish or Greek notes: "2 dic.", "11 genn.",
  "18 sty.", "26 de nov.", "21. Nov.", "12. jan.", "3 Δεκ. 2026", with the weekday of those
  languages written before it ("lun. 11 genn.", "seg., 18 jan.", "Δευτ. 11 Ιαν.") and the first
  day of a range ("7.–9. Dez.", "24.–30. listopadu");
* Hungarian's month first and the day's stop after ("nov. 27.", "dec. 2."), and its dates year
  first in digits ("1950. 06. 15.");
* a month in Roman numerals spaced from its day, with the year ("2 XII 2026", "15. VI. 2020.") or
  after a word that opens a date or a range ("od 25 XI", "le 3 IV");
* a full weekday of the Nordic languages with "d." or "den" before the day ("mandag d. 11.
  januar").

What keeps a clinical value out: an abbreviation that is also an English or common word ("mar",
"dec", "set", "out", "mag", "gen", "lip", "sie", "ago", "mai") needs the month's stop and a day
written as a date writes it (its own stop, "de" before the month, or a date's word before the
day), so "Hb 12 dec", "2 sets" and "3 out of 5" stay; a Roman month needs the year or a date's
word, so a stage or a nerve ("T 5 IV") stays.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import ROMAN_MONTH as _ROMAN
from medlocal.privacy.deid_foreign_forms import MONTH_WORDS
from medlocal.privacy.deid_more_dates import _MORE_MONTHS

# Abbreviations no English note writes after a day number (case folded): Spanish, Italian,
# Portuguese, French, German, Dutch, Nordic, Polish, Croatian, Romanian, Hungarian, Turkish, Greek.
_OWN = (
    r"ene|dic|genn|febb?r?|ott|giu|lug|abr|fev|dez|janv|f[ée]vr|avr|juil|déc|sept|"
    r"märz?|marz|mrz|mrt|okt|sty|lut|kwi|cze|wrz|pa[źz]|gru|sij|velj|o[žz]u|svi|srp|"
    r"ruj|stu|ian|iun|iul|febr|m[áa]rc|[áa]pr|m[áa]j|j[úu]n|j[úu]l|szept|oca|şub|nis|haz|"
    r"a[ğg]u|eyl|eki|ιαν|φεβ|μαρ|απρ|μα[ΐι]|ιουν|ιουλ|αυγ|σεπ|σεπτ|οκτ|νο[εέ]|δεκ"
)
# Abbreviations that are English or common words too: only with their stop and a date's layout.
_SHARED = (
    r"jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|mai|maj|mei|ago|set|out|mag|gen|lip|sie|lis|"
    r"kol|pro|kas|ara|tem|des|sub|tra"
)
# Weekday abbreviations of those languages, with or without their stop, and full Nordic ones.
_WEEKDAY = (
    r"lun|mar|mer|mi[ée]|jeu|jue|gio|ven|vie|sam|s[áa]b|dim|dom|seg|ter|qua|qui|sex|pon|wt|"
    r"[śs]r|czw|pt|sob|niedz|ndz|mie|joi|vin|s[âa]m|dum|pzt|sal|[çc]ar|per|cum|cmt|paz|"
    r"δευ|δευτ|τρι|τετ|πεμ|π[έε]μ|παρ|σαβ|σ[άα]β|κυρ|"
    r"(?:man|tirs|ons|tors|fre|l[øö]r|s[øö]n|m[åa]n|tis)(?:dag)?"
)
# A word that opens a date or a range before a day in those languages. English ones are left
# out: after "to", "and", "or", "from" the shared words are counts ("progress to 3 set.", "and
# 1 mag. sulph", "from 2 gen."), and English notes write these months capitalised, which the
# other date rules read.
_DATE_WORD = (
    r"de|del|dal|al|du|le|el|il|am|vom|bis|ab|seit|od|do|dnia|den|d\.|fra|til|fr[åa]n|till|"
    r"tot|van|op|em|a|à|au|desde|hasta|at[ée]|fino|d[èe]s|depuis|zum|"
    r"und|et|y|e|i|och|og|ja|[ée]s|[șş]i|ve|lub|oder|ou|o|ili"
)
_YEAR = r"(?:,?[ \t]+(?:de[ \t]+)?(?:19|20)\d\d\b(?:[ \t]*r\.|\.)?)"
_RANGE = rf"(?:{_D}\.?[ \t]*[–-][ \t]*)"
# Own abbreviations that are clinical acronyms in capitals ("5 DIC", "3 MRT", "1 ABR", "2 SIJ"
# injections, "ENE"): a month only with its stop or its year ("12 DIC.", "12 DIC 2026"). Other
# capitals stay dates ("3 OKT", "12 LUT."); "DES" (stents), "TRA", "SUB" are shared words.
_NO_ACRONYM = rf"(?!(?:DIC|MRT|ABR|SIJ|ENE)(?![\w.])(?!{_YEAR}))"
# German two-letter weekdays only capitalised ("Mo", "Di"): "do" and "so" are words.
_WEEKDAY_BEFORE = (
    rf"(?:(?:(?i:{_WEEKDAY})|Mo|Di|Mi|Do|Fr|Sa|So)\b\.?,?[ \t]+(?:(?i:d\.|den)[ \t]+)?)"
)
_HU_MONTHS = (
    r"janu[áa]r|febru[áa]r|m[áa]rcius|[áa]prilis|m[áa]jus|j[úu]nius|j[úu]lius|augusztus|"
    r"szeptember|okt[óo]ber|november|december"
)

MONTH_ABBREVIATION_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # "lun. 11 genn.", "2 dic.", "7.–9. Dez.", "3 Δεκ. 2026", "26 de nov." (own word).
            rf"(?<![\w./-]){_WEEKDAY_BEFORE}?{_RANGE}?{_D}(?:\.|º|er)?[ \t]+(?:de[ \t]+)?"
            rf"{_NO_ACRONYM}(?i:{_OWN})(?:\.|(?![\w-])){_YEAR}?"
            # ... a shared abbreviation with its stop, after a dotted day or "de": "21. Nov.",
            # "12. jan.", "26 de nov.", "seg., 18 jan." (a weekday says the same).
            rf"|(?<![\w./-]){_WEEKDAY_BEFORE}?{_RANGE}?{_D}\.[ \t]*(?i:{_SHARED})\.{_YEAR}?"
            rf"|(?<![\w./-]){_RANGE}?{_D}[ \t]+de[ \t]+(?i:{_SHARED})\.?(?!\w){_YEAR}?"
            rf"|(?<![\w./-]){_WEEKDAY_BEFORE}{_D}[ \t]+(?i:{_SHARED})\.{_YEAR}?"
        ),
    ),
    (
        "date",
        re.compile(
            # ... or after a word that opens a date ("al 2 dic.", "od 18 sty.", "le 3 mar.").
            rf"\b(?i:{_DATE_WORD})[ \t]+(?P<v>{_D}[ \t]+(?i:{_SHARED})\.{_YEAR}?)"
        ),
    ),
    (
        "date",
        re.compile(
            # "24.–30. listopadu", "7.-9. Dezember": a range before a month in full.
            # The second day's stop is required: "5-10 may", "12-13 dec" are doses and values.
            rf"(?<![\w./-]){_D}\.?[ \t]*[–-][ \t]*{_D}\.[ \t]+"
            rf"(?i:{MONTH_WORDS}|{_MORE_MONTHS})(?!\w){_YEAR}?"
            # Nordic "mandag d. 11. januar", "fredag den 4. december 2026".
            r"|(?<!\w)(?i:(?:man|tirs|ons|tors|fre|l[øö]r|s[øö]n|m[åa]n|tis)dag)[ \t]+"
            rf"(?i:d\.|den)[ \t]+{_D}\.?[ \t]+(?i:{MONTH_WORDS})(?!\w){_YEAR}?"
        ),
    ),
    (
        "date",
        re.compile(
            # Hungarian: "nov. 27.", "dec. 2.", "2026. dec. 3.", "január 14-én", "1950. 06. 15."
            # English "dec.", "aug.", "jun." (decreased, augmented, junior) before a numbered
            # list's next item are not: "Air entry dec. 2. Crackles bibasally."
            r"(?<![\w.])(?:(?:19|20)\d\d\.[ \t]+)?"
            rf"(?!(?i:dec|aug|j[úu]n)\.[ \t]*{_D}\.[ \t]+[A-ZÀ-ÖØ-Þ])"
            r"(?i:jan|febr|m[áa]rc|[áa]pr|m[áa]j|j[úu]n|"
            rf"j[úu]l|aug|szept|okt|nov|dec)\.[ \t]*{_D}\.(?![\w.]|[ \t]*\d)"
            rf"|(?<![\w.])(?i:{_HU_MONTHS})[ \t]+{_D}(?:-(?:[áa]n|[ée]n|j[ée]n|ig|t[óo]l|t[őo]l|"
            r"i))?\b"
            r"|(?<![\w.])(?:19|20)\d\d\.[ \t]?(?:0[1-9]|1[0-2])\.[ \t]?(?:0[1-9]|[12]\d|3[01])\."
            r"(?![\w.])"
        ),
    ),
    (
        "date",
        re.compile(
            # A Roman month spaced from its day, with a year: "2 XII 2026", "15. VI. 2020.".
            rf"(?<![\w./-]){_RANGE}?{_D}\.?[ \t]+{_ROMAN}\.?[ \t]+(?:19|20)\d\d\b(?:[ \t]*r\.|\.)?"
            # ... or after a date's word: "od 25 XI", "le 3 XII". Not English "from", "to":
            # "from 2 IV lines", "reduced to 1 IV dose"; nor a word joined on: "2 X-rays".
            r"|\b(?i:od|do|du|au|vom|bis|dal|al|del|dnia|le|el|am)[ \t]+"
            rf"(?P<v>{_D}\.?[ \t]+{_ROMAN}\b\.?)(?![ \t]*(?:\d|[A-Z]\b)|[-–/])"
        ),
    ),
]
