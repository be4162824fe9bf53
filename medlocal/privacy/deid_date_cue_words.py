"""Words that lead a date in many languages ("la semana del", "w tygodniu", "dnia", "el día",
"ca."): part of the date's span (deid_date_cues), and written again before a shifted day
(deid_dates). A module of its own, importing nothing, so that deid_dates can use it.
"""

from __future__ import annotations

import re

# Words that lead a date. Speed: each opens with a letter of a small class.
CUE = (
    # A week or a fortnight named by a day of it, in Spanish, Portuguese, Italian, French,
    # Polish, German, English ("la semana del", "w tygodniu", "wk beg.").
    r"(?:(?i:la|a|the|in[ \t]+der)[ \t]+)?"
    r"(?i:semana|quincena|quinzena|settimana|semaine|woche|week|wk)[ \t]+"
    r"(?i:del?|do|da|du|vom|of|beg(?:inning)?\.?|commencing|starting)[ \t]+"
    r"|(?i:w)[ \t]+(?i:tygodniu|dniu)[ \t]+(?:(?i:od)[ \t]+)?"
    # The Polish "on the day" ("dnia", "z dnia").
    r"|(?:(?i:z)[ \t]+)?(?i:dnia)[ \t]+|z[ \t]+"
    # Romance articles and "day" ("el día", "o dia", "il giorno", "el").
    r"|(?:el|El|il|Il)[ \t]+(?:(?i:d[íi]a|giorno)[ \t]+)?"
    r"|(?:o|O|no|No)[ \t]+(?i:dia)[ \t]+"
    # An approximate date.
    r"|(?i:ca\.|circa|aprox\.|approx\.)[ \t]*"
)
CUE_BEFORE_DATE = re.compile(rf"(?:{CUE})(?=\d)")
# The words of many languages that join two dates into a period ("du 2/5 au 9/5", "od 3.10.2026
# do 11.10.2026", "từ 4/5 đến 11/5"), and the "from" before the first.
RANGE_TO = r"(?i:au|al|a|à|hasta(?:[ \t]+el)?|bis|do|tot|at[ée]|đến|fino[ \t]+al|to|till|until|t/m)"
RANGE_FROM = r"(?i:od|du|del|desde(?:[ \t]+el)?|dal|vom|van|từ|from|de)"
# A period as one date span, split into its two dates so that each is shifted ("12/01/2026 to
# 04/02/2026" was "[DATE]": the length of a stay was lost).
DATE_PAIR = re.compile(
    rf"(?P<from>{RANGE_FROM}[ \t]+)?(?P<a>\S.*?)"
    rf"(?P<join>[ \t]+(?:{RANGE_TO}|(?i:through|thru|and|or))[ \t]+|[ \t]*[-–—][ \t]*)"
    r"(?P<b>\S.*)"
)
