"""Dates in shapes the other date rules do not read (round 20, written against invented probes).

* A month abbreviated the way Italian, Spanish, Portuguese, French, German, Dutch, Swedish,
  Polish, Indonesian, Malay and Tagalog records abbreviate it, with a four-digit year after
  ("ott 2021", "15 paź 2022", "15. Okt. 2022", "3 mrt 2022", "Agu 2022"). An abbreviation that is
  an English or a common foreign word too ("set", "out", "gen", "mag", "lip", "sie", "des")
  needs a day before it, so "set 2021" or "ruled out 2022" stay.
* A year, then a month word and a day, as East Asian and some lab systems print it ("2025 Mar 3",
  "2025, March 3rd").
* A range of days before one month and year in digits ("3-7/4/2025", "3–7.4.2025"): the first
  day is part of the date.
* A named day with its year ("Thanksgiving 2024", "Chinese New Year 2024", "Easter 2024"): the
  year is part of it.
* A day and month without a year after a label that says "date" or a charting abbreviation of
  what was done ("Op date: 4/3", "Date 4/3", "D/C 9/3", "Rx'd 4/3", "d/c'd 9/3"), or after a
  date cue with a tilde ("onset ~4/3"); a day glued to its month ("04Mar", "12JAN"); a date spaced
  around its slashes ("4 / 3 / 2025").

Every form needs a month word, a four-digit year or a cue, and none reads a grade out of five, a
score out of ten, a Snellen line or a count ("power 4/5", "pain 7/10", "6/9").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import MD_NOT_SCORE, MONTH_SHORT
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER

# Abbreviated months that are no word of English prose, in Italian, Spanish, Portuguese,
# French, German, Dutch, Swedish, Polish, Indonesian/Malay and Tagalog (lower case or
# capitalised, with or without a full stop).
_FOREIGN_SHORT = (
    r"gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic"  # Italian
    r"|ene|abr|may|jun|jul|sep|oct|dic"  # Spanish
    r"|jan|fev|fév|abr|mai|jun|jul|ago|set|out|nov|dez"  # Portuguese
    r"|janv|févr|fevr|avr|juil|sept|déc|dec"  # French
    r"|jän|jaen|mär|maer|mrz|okt|dez"  # German
    r"|mrt|mei|okt"  # Dutch
    r"|maj|okt"  # Swedish
    r"|sty|lut|kwi|cze|lip|sie|wrz|paź|paz|lis|gru"  # Polish
    r"|agu|agt|ags|des|peb|hun|hul|nob|dis|okt|mac|ogo|ogs"  # Indonesian, Malay, Tagalog
)
# Those that are words of English or of another language's prose too ("set", "out", "gen",
# "mag", "lip", "sie", "lis", "des", "dis", "hun", "mac", "mar", "may"): only with a day before.
_WORD_LIKE = r"set|out|gen|mag|lip|sie|lis|des|dis|hun|hul|mac|mar|may|dec|jun|jul|mai|ago|sept"
# A run of blanks, bounded so that no pattern reads a long run again from each of its blanks.
_B = r"[ \t]{1,3}"
_B0 = r"[ \t]{0,3}"
_YEAR4 = r"(?:19|20)\d\d(?![\d/.:-]\d)"
# The months of the Nepali calendar, as romanised in Nepal's records.
_NEPALI_MONTHS = (
    r"Baisakh|Baishakh|Jestha|Jeth|Ashadh|Asar|Asadh|Shrawan|Saun|Bhadra|Bhadau|Ashwin|Asoj|"
    r"Kartik|Mangsir|Poush|Magh|Falgun|Fagun|Chaitra|Chait"
)

SHAPE_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "15 paź 2022", "15. Okt. 2022", "3 set 2021" (a day, then any of the abbreviations).
    (
        "date",
        re.compile(
            # Speed: a word of three to five letters before a year is looked for first.
            rf"\b{_D}\.?[ \t]{{1,3}}(?=[^\W\d_]{{3,5}}\.?,?[ \t]{{1,3}}(?:19|20)\d\d)"
            rf"(?i:{_FOREIGN_SHORT})\b\.?,?[ \t]{{1,3}}{_YEAR4}\b"
            # "ott 2021", "Agu 2022": without a day, only the abbreviations that are no word,
            # and not in capitals ("DIC 2019" is a coagulopathy in a history list).
            rf"|\b(?=[^\W\d_]{{3,5}}\.?{_B}(?:19|20)\d\d)(?![A-Z]{{3}}\b)(?!(?i:{_WORD_LIKE})\b)"
            rf"(?i:{_FOREIGN_SHORT})\b\.?[ \t]{{1,3}}{_YEAR4}\b"
        ),
    ),
    # "2025 Mar 3", "2025, March 3rd".
    (
        "date",
        re.compile(
            rf"(?=[12])\b(?:19|20)\d\d,?{_B}(?:{MONTH_SHORT})\.?{_B}{_D}(?:st|nd|rd|th)?\b"
            r"(?![/.:]?\d)"
        ),
    ),
    # "3-7/4/2025", "3–7.4.2025", "3 - 7/4/25".
    (
        "date",
        re.compile(
            rf"(?=\d)(?<![\d/.])\b{_D}{_B0}[-–]{_B0}{_D}(?P<s>[/.])(?:0?[1-9]|1[0-2])(?P=s)"
            r"(?:(?:19|20)\d\d|\d\d)\b(?![/.]\d)"
        ),
    ),
    # "Thanksgiving 2024", "Chinese New Year 2024", "Easter 2024".
    (
        "date",
        re.compile(
            r"(?=[CEGHJLNOPRSTVYIMD])"
            r"\b(?:Thanksgiving(?:[ \t]{1,3}Day)?|Easter(?:[ \t]{1,3}(?:Sunday|Monday|Day))?|"
            rf"(?:Chinese|Lunar|Persian|Jewish|Islamic|Hindu|Thai|Vietnamese|Sikh){_B}New{_B}"
            rf"Year|Christmas(?:{_B}(?:Day|Eve))?|New{_B}Year['’]?s(?:{_B}(?:Day|Eve))?|"
            r"Eid(?:[ \t-](?:al|ul)[ \t-](?:Fitr|Adha))?|Good[ \t]{1,3}Friday|Halloween|"
            r"Hallowe['’]?en|Ramadan|Passover|Yom[ \t]{1,3}Kippur|Rosh[ \t]{1,3}Hashanah|Hanukk?ah|"
            r"Holi|Songkran|Matariki|Nowruz|Chuseok|Seollal|Obon|Vesak|Deepavali)"
            rf",?[ \t]{{1,3}}{_YEAR4}\b"
        ),
    ),
    # "Op date: 4/3", "Date 4/3", "D/C 9/3", "Rx'd 4/3", "onset ~4/3".
    (
        "date",
        re.compile(
            # Speed: the first letter of a cue is looked for first.
            r"(?=[dDrRtTsScClLaAoOgGfF])"
            r"(?i:\b(?:date|d/c(?:['’]?d)?|dc['’]d|rx['’]?d|tx['’]d|s/p|c\d{1,2}d\d{1,2}|le|du|au)"
            r"[ \t]{0,3}:?[ \t]{0,3}(?:~[ \t]{0,3})?"
            rf"|\b(?:seen|onset|started|stopped|given|due|collected|since|from|on){_B0}:?{_B0}"
            r"(?:~|approx\.?|c\.|ca\.)[ \t]{0,3})"
            rf"(?P<v>{MD_NOT_SCORE})(?![/\d]|\.\d|{NOT_DATE_AFTER}|{_B}(?i:ago|days?|weeks?|"
            r"wks?|of|tabs?|tablets?|caps?|doses?|cp|comp\w*)\b)"
        ),
    ),
    # "04Mar", "12JAN" (no year): a day glued to its month, not a code's part.
    (
        "date",
        re.compile(
            rf"(?=\d)(?<![\w/.-]){_D}(?:{MONTH_SHORT}|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)"
            r"\b(?![/.-]?\d)"
        ),
    ),
    # "4 / 3 / 2025": spaced slashes around a four-digit year.
    (
        "date",
        re.compile(
            rf"(?=\d)(?<![\d/])\b{_D}[ \t]{{1,3}}/[ \t]{{1,3}}{_D}[ \t]{{1,3}}/[ \t]{{1,3}}"
            r"(?:19|20)\d\d\b(?![ \t]{0,3}/)"
        ),
    ),
    # A week or a half of a named month ("the first week of April", "the second half of
    # March", "the middle of June"): the month is the date's.
    (
        "date",
        re.compile(
            r"(?=[fFsStTlL1-4mM])"
            r"(?i:\b(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)[ \t]{1,3}"
            r"(?:week|weekend|fortnight|half|days?)[ \t]{1,3}of|\bmiddle[ \t]{1,3}of)[ \t]{1,3}"
            rf"(?P<v>(?:{MONTH_SHORT})\b(?:,?[ \t]{{1,3}}(?:19|20)\d\d\b)?)"
        ),
    ),
    # Nepali (Bikram Sambat) dates: a day, a month and a year of the 2000s BS, either order
    # ("12 Shrawan 2078", "2078 Baisakh 12", "Magh 2079 BS").
    (
        "date",
        re.compile(
            # Speed: every form opens with a digit or a month's (or "BS"'s) capital.
            r"(?=[\dABCFJKMPSV])"
            rf"(?:\b20\d\d[ \t]{{1,3}}(?:{_NEPALI_MONTHS})[ \t]{{1,3}}{_D}\b(?![ \t]{{0,3}}[^\W\d])"
            rf"|(?:\b{_D}{_B})?(?:{_NEPALI_MONTHS}),?{_B}20\d\d\b(?:{_B0}(?:BS|B\.S\.))?"
            rf"|\b{_D}[ \t]{{1,3}}(?:{_NEPALI_MONTHS})\b"
            r"|\b(?:BS|B\.S\.|VS|V\.S\.)[ \t]{1,3}20\d\d\b|\b20\d\d[ \t]{1,3}(?:BS|B\.S\.)(?!\w))"
        ),
    ),
    # A day and month alone in brackets at the end of a clause, after a word that reports a
    # result or an act ("smear negative (7/11),", "to finish 7 days (8/3).", "seen at the
    # surgery (14/2);"): not a fraction, a grade, a score, an acuity, a British duration or a
    # count of things ("nodes (2/14)", "cores positive (3/12)").
    (
        "date",
        re.compile(
            # Speed: a letter, a blank or three and a bracket first (most positions fail there;
            # an unbounded run of blanks was read again from each of its blanks: 3 s on 60,000
            # tabs).
            r"(?<=[a-z])(?=[ \t]{1,3}\()"
            + "".join(
                f"(?<!{word})"
                for word in (
                    "positive",
                    "involved",
                    "affected",
                    "reduced",
                    "increased",
                    "decreased",
                    "improved",
                    "score",
                    "scored",
                    "total",
                    "correct",
                    "passed",
                    "failed",
                    "nodes",
                    "node",
                    "cores",
                    "samples",
                    "sites",
                    "ratio",
                    "dose",
                    "doses",
                    "power",
                    "grade",
                    "strength",
                    "vision",
                    "acuity",
                    "pain",
                    "items",
                    "met",
                )
            )
            + r"[ \t]{1,3}\((?!(?:1/[234]|2/3|3/4|[1-6]/6|\d\d?/(?:7|12|52|5|10|15|18|20|21|24|25|"
            r"28|30)|6/\d\d?)\))"
            rf"(?P<v>{MD_NOT_SCORE})\)(?=[ \t]{{0,3}}(?:[.,;]|$))",
            re.M,
        ),
    ),
    # A day, a month and a year with a blank after each dot, as Czech, Slovak and German
    # records type them ("4. 3. 2025").
    ("date", re.compile(rf"(?=\d)\b{_D}\.[ ](?:0?[1-9]|1[0-2])\.[ ](?:19|20)\d\d\b(?![.,]\d)")),
    # A Japanese era year abbreviated to its letter, with its month and day ("H30.3.4",
    # "S45.3.4", "R7.3.4"): Showa, Heisei, Reiwa (not "T", a tumour stage).
    (
        "date",
        re.compile(
            r"(?=[SHR])(?<![\w.])[SHR](?:[1-9]|[1-5]\d|6[0-4])[./](?:0?[1-9]|1[0-2])[./]"
            rf"{_D}(?![\w.]?\d)"
        ),
    ),
]
