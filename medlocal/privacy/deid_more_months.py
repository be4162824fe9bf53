"""Dates with the month words of more European languages (round 21).

deid_foreign_forms reads the months of the Romance, Germanic, Polish, Celtic and Filipino
notes, deid_world_dates and deid_scripts those of others. Notes from the rest of Europe write
the month in words the lists lack: Danish "marts", Estonian "märts" and "oktoober", Latvian
"martā", Lithuanian "kovo", Slovenian "marec", Slovak "júna", Hungarian "március", Ukrainian
"березня", Bulgarian and Serbian "март", Luxembourgish "Mäerz", Maltese "ta' Marzu", Basque
"otsaila", Icelandic "júní", Albanian "qershor".

Several of these are words of other languages too ("mars", "mai", "august", "tetor"), so a date
is read only in a date's layout: a day and the month with a year after it ("3 kovo 2026"), or
with the day's full stop as these languages write it ("3. marts"), or the year first as
Hungarian and Latvian write it ("2026. március 3.", "2026. gada 3. martā").

A day and month without a year after the word of an admission, a discharge, an operation or a
visit in French, Spanish, Portuguese, Italian, German, Dutch, Nordic, Polish and Czech notes
("Ingresó 12/3", "Aufnahme 12.3.", "opgenomen 12-3", "Alta 20/3", "Sortie 20/03", "Przyjęty
12.03"), as deid_date_forms reads the English ones ("admitted 3/10"). The dotted form needs the
day's and the month's stops or a two-digit month ("12.3." or "12.03": "12.3" is a decimal), and
no unit, count or score after it; a grade out of five or a score out of ten is no date ("3/5").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_foreign_forms import MONTH_NAMES
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER

_MONTHS = (
    # Danish and Norwegian, Icelandic.
    "marts|august|jan[úu]ar|febr[úu]ar|apr[íi]l|ma[íi]|j[úu]n[íi]|j[úu]l[íi]|[áa]g[úu]st|"
    "okt[óo]ber|n[óo]vember|desember|"
    # Estonian (with the "-il" of a date: "3. märtsil").
    "jaanuar(?:il)?|veebruar(?:il)?|m[äa]rts(?:il)?|aprill(?:il)?|juuni(?:l)?|juuli(?:l)?|"
    "augustil|septembril|oktoob(?:er|ril)|novembril|detsemb(?:er|ril)|"
    # Latvian, nominative and locative.
    "janv[āa]r(?:is|[īi])|febru[āa]r(?:is|[īi])|mart(?:s|[āa])|apr[īi]l(?:is|[īi])|"
    "maij(?:s|[āa])|j[ūu]nij(?:s|[āa])|j[ūu]lij(?:s|[āa])|august(?:s|[āa])|"
    "septembr(?:is|[īi])|oktobr(?:is|[īi])|novembr(?:is|[īi])|decembr(?:is|[īi])|"
    # Lithuanian (genitive, as dates write it).
    "sausio|vasario|kovo|baland[žz]io|gegu[žz][ėe]s|bir[žz]elio|liepos|rugpj[ūu][čc]io|"
    "rugs[ėe]jo|spalio|lapkri[čc]io|gruod[žz]io|"
    # Slovenian, Slovak (genitive).
    "marec|junij|julij|avgust(?:a)?|janu[áa]ra|febru[áa]ra|apr[íi]la|m[áa]ja|j[úu]na|"
    "j[úu]la|augusta|septembra|okt[óo]bra|novembra|decembra|"
    # Hungarian.
    "janu[áa]r|febru[áa]r|m[áa]rcius|[áa]prilis|m[áa]jus|j[úu]nius|j[úu]lius|augusztus|"
    "szeptember|okt[óo]ber|"
    # Ukrainian (genitive); Bulgarian, Macedonian and Serbian.
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    "януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември|"
    "јануар|фебруар|мај|јун|јул|септембар|октобар|новембар|децембар|"
    # Luxembourgish, Maltese, Basque, Albanian.
    "m[äa]erz|abr[ëe]ll|mee|jannar|frar|marzu|mejju|[ġg]unju|lulju|awwissu|settembru|"
    "ottubru|novembru|di[ċc]embru|urtarrila|otsaila|martxoa|apirila|maiatza|ekaina|uztaila|"
    "abuztua|iraila|urria|azaroa|abendua|janar|shkurt|prill|qershor|korrik|gusht|shtator|"
    "tetor|n[ëe]ntor|dhjetor"
)
_MONTH = rf"(?i:(?:{_MONTHS}))(?!\w)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_ANY_MONTH = rf"(?i:(?:{MONTH_NAMES}|{_MONTHS}))(?!\w)"
_EVENT_WORDS = (
    r"ingres[óo]|ingresad[oa]|ingreso|alta|ricoverat[oa]|ricovero|dimess[oa]|dimissione|"
    r"internad[oa]|interna[çc][ãa]o|aufnahme|aufgenommen|entlassung|entlassen|operiert|"
    r"opgenomen|opname|ontslag|ontslagen|geopereerd|admission|admise?|sortie|sortie?|"
    r"op[ée]r[ée]e?|operad[oa]|operat[oa]|intervenid[oa]|innlagt|innlagd|inlagd|utskrevet|"
    r"utskriven|indlagt|udskrevet|przyj[ęe]t[ya]?|wypisan[ya]|wypis|operowan[ya]|"
    r"p[řr]ijat[ay]?|propu[šs]t[ěe]n[ay]?|operov[áa]n[ay]?"
)
_DAY_MONTH = (
    r"(?:0?[1-9]|[12]\d|3[01])(?:[/-](?:0?[1-9]|1[0-2])(?![/\d-])"
    r"|\.(?:(?:0?[1-9]|1[0-2])\.(?!\d)|0[1-9](?![\d.])|1[0-2](?=\.(?!\d))))"
)

MORE_MONTH_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # A day and the month with its year ("3 kovo 2026", "3 ta' Marzu 2026") ...
            rf"(?<![\w.,/-]){_DAY}\.?[ \t]+(?:ta['’][ \t]+)?{_MONTH}\.?,?[ \t]+{_YEAR}"
            # ... or with the day's full stop ("3. marts").
            rf"|(?<![\w.,/-]){_DAY}\.[ \t]?{_MONTH}"
            # The year first ("2026. március 3.", "2026. gada 3. martā").
            rf"|(?<![\w.,/-]){_YEAR}\.?[ \t]+(?:(?i:gada)[ \t]+)?"
            rf"(?:{_DAY}\.[ \t]?{_MONTH}|{_MONTH}[ \t]+{_DAY}\.?(?!\d))"
        ),
    ),
    # A range of days with their full stops before one month, as German, Nordic and Central
    # European notes write a stay ("12.-16.10.2026", "3.–7. März"): the first day is the
    # range's too.
    (
        "date",
        re.compile(
            rf"(?<![\w.,/-]){_DAY}\.[ \t]?[-–][ \t]?{_DAY}\."
            rf"(?:[ \t]?(?:0?[1-9]|1[0-2])\.(?:{_YEAR}|\d\d(?!\d))?"
            rf"|[ \t]?{_ANY_MONTH}(?:,?[ \t]+{_YEAR})?)"
            # A range of two days past the twelfth before a month in digits ("24-29/11"): a
            # count above its total is no score or fraction ("2-3/10" pain stays).
            r"|(?<![\w/.,-])(?:1[3-9]|2\d|3[01])[ \t]?[-–][ \t]?(?:1[3-9]|2\d|3[01])/"
            r"(?:0?[1-9]|1[0-2])(?:/(?:19|20)?\d\d)?(?![\w/]|[.,]\d)"
        ),
    ),
    # A weekday in or of a month ("every Tuesday in April", "the first Monday of May"): a
    # fixed or recurring day, its ordinal and month with it.
    (
        "date",
        re.compile(
            r"\b(?:(?:first|second|third|fourth|last|1st|2nd|3rd|4th)[ \t]+)?"
            r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?[ \t]+(?:in|of)"
            r"[ \t]+(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?i:\b(?:{_EVENT_WORDS}))(?![\w-])(?i:[ \t]+(?:le|el|il|am|op|dne|den|dnia))?"
            r"[ \t]*:?[ \t]*"
            # Not a grade out of five or a score out of ten ("3/5", "7/10").
            r"(?!(?:[0-5]/0?5|(?:10|[0-9])/10)(?!\d))"
            rf"(?P<v>{_DAY_MONTH})(?!{NOT_DATE_AFTER})"
            # A span of days, weeks or months ("Sortie 2-3 jours", "opname 3-5 dagen").
            r"(?![ \t]+(?i:jours?|d[íi]as|giorni|tagen?|dagen|dager|dage|dni|dn[íi]|days?|"
            r"semaines?|semanas?|settimane|wochen|weken|uker|veckor|tygodni|mois|meses|mesi|"
            r"monaten?|maanden|m[åa]neder|m[åa]nader|miesi[ęe]cy|heures?|horas?|ore|stunden|"
            r"uur|timer|godzin)\b)"
        ),
    ),
]
