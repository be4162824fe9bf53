"""A date led by a weekday's abbreviation, in the languages that write one (issue 16, session 64,
deid64c).

Ward lists, rotas, chats and letters of many languages put the weekday's short form before a
day and month with no year: "ma 7.12." and "ti 8.12." (Finnish), "di 8-12" and "wo 9/12"
(Dutch), "Mo., 30.11." (German), "ons 9/12" (Swedish), "man. 7/12" and "fre. 11/12-2026"
(Danish), "ma. 7.12." (Norwegian), "lun. 30/11" and "mer. 9/12" (French, Italian, Romanian),
"seg. 30/11" and "qui. 3/12" (Portuguese), "pon. 23.11" (Polish), "út 8. 12. 2026" (Czech),
"Sal. 8.12" (Turkish), "þri. 8. des." (Icelandic), "Iau 10/12/2026" (Welsh), "Δευτ. 14/12"
(Greek). The other date rules read the pair only after a cue, or leave the weekday in view
beside the date they took; either way the reader learns the day. The weekday is what makes the
pair a date: a score, a fraction or a decimal is not written after one.

The span is the weekday with its date, one date. What stays:

* a weekday abbreviation that is also a common word (English "to", "on", "man", "sun", "per",
  "st", "pt" for patient, "wt" for weight, "la" and "do" of other languages) without its stop:
  "rose to 7.12", "on 2/3 occasions", "wt 8.5" (the capitalised English "Sat", "Sun", "Wed"
  and "Mar" are dates before a day and month however written; "SAT" may be a label);
* two capitals without a stop ("PA 12/8" is a pressure, "Ct 26.8" a cycle threshold: the
  accented Czech "pá" and "čt" are read only as written);
* a slashed pair that is a dose's fraction, a power grade, a score out of ten or an acuity
  ("Marcumar: Mo 1/2, Di 1, Mi 1/2", "Power Di 4/5", "Sat 5/10 pain"), a dashed pair after an
  English weekday ("Thu 1-5" hours), a pair before a count or a score ("3/8 cores");
* a pair followed by a unit or a dose ("Mo 2.5 mg"), a pair inside a longer number ("ma
  7.12.3"), and a pair whose numbers are no day and month (13/13, 0/2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_foreign_forms import MONTH_WORDS
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER
from medlocal.privacy.deid_spans import Redaction, label

# Short weekdays by language (any case). Finnish ma ti ke to pe la su; Dutch ma di wo do vr za
# zo; German Mo Di Mi Do Fr Sa So; Swedish, Danish and Norwegian (mån tis ons tor fre lör sön,
# man tirs ons tors fre lør søn, ma ti on to fr lø sø); French lun mar mer jeu ven sam dim;
# Spanish lun mar mié jue vie sáb dom; Italian lun mar mer gio ven sab dom; Portuguese seg ter
# qua qui sex sáb dom; Romanian lun mar mie joi vin sâm dum; Polish pon wt śr czw pt sob nd
# niedz; Czech po út st čt pá so ne; Turkish Pzt Sal Çar Per Cum Cmt Paz; Icelandic mán þri
# mið fim fös lau sun; Welsh Llun Maw Mer Iau Gwe Sad Sul; Greek and Russian; English.
_WEEKDAYS = (
    r"ma|ti|ke|to|pe|la|su|di|wo|do|vr|za|zo|mo|mi|fr|sa|so|"
    r"m[åa]n|tis|tirs?|ons|on|tors?|fre|l[öø]r?|s[öø]n?|"
    r"lun|mar|mer|jeu|ven|sam|dim|mi[ée]|jue|vie|s[áa]b|dom|gio|sab|"
    r"seg|ter|qua|qui|sex|joi|vin|s[âa]m|dum|"
    r"pon|wt|śr|czw|pt|sob|nd|ndz|niedz|"
    r"po|út|st|čt|pá|ne|"
    r"pzt|sal|çar|per|cum|cmt|paz|"
    r"m[áa]n|[þÞ]ri|mi[ðÐ]|fim|f[öÖ]s|lau|sun|"
    r"llun|maw|iau|gwe|sad|sul|"
    r"δευτ?|τρι|τρ|τετ|πεμ|πεμπ|παρ|σαβ|κυρ|пн|вт|ср|чт|пт|сб|вс|"
    r"mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat"
)
# Those that are also common words, abbreviations or names: a date only with their stop ("to
# 7.12" is a value reached, "pt 2/3" a patient's count, "wt 8.5" a weight, "per 3/1/24 letter"
# and "Sauchiehall St, 31/01/2026" a date after a word).
_WORDS_TOO = frozenset(
    {"to", "on", "do", "so", "la", "man", "tor", "per", "sad", "sun", "sat", "wed"}
    | {"mar", "sex", "pt", "po", "st", "ne", "wt", "sam", "dim", "vin", "cum", "sal", "fr"}
)
# The capitalised English ones are dates before a day and month however written ("Sat 5/12").
_DATES_AS_WRITTEN = frozenset({"Sat", "Sun", "Wed", "Mar"})
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
# Month abbreviations of other languages that MONTH_WORDS leaves out, with their stop or a
# year after them ("þri. 8. des.", "Pzt 7 Ara 2026").
_MONTH_SHORT_ABROAD = (
    r"des|d[ée]c|dic|dez|ara|kas|eki|gru|lis|pa[źz]|pro|ene|gen|ian|f[ée]v|avr|ago|ott|out|nov|"
    r"okt|sep|set|szept"
)
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_WEEKDAY_DATE = re.compile(
    # (a comma only after the stop: "Mo., 30.11."; "Hospital La Paz, 14.02.2025" is a name)
    rf"(?<![\w.,/-])(?P<w>(?i:{_WEEKDAYS}))(?:(?P<stop>\.),?)?[ \t]{{1,3}}(?:"
    # "7.12.", "8. 12. 2026", "8-12", "30/11", "11/12-2026", "8/12/26"
    rf"(?P<d>{_DAY})(?P<s>[./-])[ \t]?(?P<m>{_MONTH})(?:(?P<y>[./-][ \t]?{_YEAR})|\.(?!\d))?"
    # "8. des.", "7 Ara 2026", "3 déc."
    rf"|{_DAY}\.?[ \t]+(?:(?i:{MONTH_WORDS})\b\.?"
    rf"|(?i:{_MONTH_SHORT_ABROAD})(?:\.|(?=[ \t]+\d{{4}}\b)))"
    rf"(?:[ \t]+(?P<yw>\d{{4}})\b)?"
    r")"
    # not inside a longer number, nor a quantity with its unit after it
    r"(?![\w/]|[.,:-]\d)"
    r"(?![ \t]*(?:%|(?i:mg|mcg|µg|ug|g|kg|ml|l|mmol|iu|ie|u|units?|x|h|hrs?|min|mm|cm|mmhg|"
    rf"kpa|bpm|tabs?|tablets?|doses?|times)\b)|{NOT_DATE_AFTER})"
)
# English weekdays: "Thu 1-5" is a clinic's hours, "Thu 1-2 bowel motions" a count.
_ENGLISH = frozenset({"mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat"})


def _a_value(match: re.Match[str]) -> bool:
    """Whether a slashed pair after a weekday is a dose's fraction, a power grade, a score out
    of ten or an acuity ("Mo 1/2, Di 1, Mi 1/2" is a warfarin plan, "Power Di 4/5", "Sat 5/10
    pain", "Mi 3/4 Tbl"), or a dashed pair after an English weekday is hours or a count."""
    if match.group("d") is None or match.group("y"):
        return False
    day, month = int(match.group("d")), int(match.group("m"))
    if match.group("s") == "-":
        return match.group("w").lower() in _ENGLISH
    if match.group("s") != "/":
        return False
    return (
        day < month <= 4
        or (month == 5 and day <= 5)
        or month == 10
        or (day == 6 and month in (4, 5, 6, 9, 12))
    )


def weekday_date_candidates(text: str) -> Iterator[Redaction]:
    """Each weekday's abbreviation with the date after it, as one date (see above)."""
    for match in skipped_finditer(_WEEKDAY_DATE, text):
        weekday = match.group("w")
        if _a_value(match):
            continue
        stop = bool(match.group("stop"))
        if weekday.lower() in _WORDS_TOO and not stop and weekday not in _DATES_AS_WRITTEN:
            continue
        # Two capitals are a clinical abbreviation as often ("PA 12/8", "MI 2/3", "ST 1.5"):
        # a weekday only with its stop.
        if len(weekday) <= 2 and weekday.isupper() and not stop:
            continue
        yield Redaction("date", match.start(), match.end(), match.group(), label("date"))
