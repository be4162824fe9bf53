"""Days and months written as two numbers where only a date can stand, and ordinal days before a
time or a clause's end (issue 16, session 60, deid60c).

A bare "3/12" is a date or three months, and "6.12" a date or a value, so the date rules take one
only where a cue says which. These slots say it and were left in view on the development
halves:

* a clock time right after or right before the pair: "Note by KN, 1.12 16:00", "delivered
  11:42 5/12", where no measure's name stands right before it ("BGL 3.1 05:00" is a chart's
  value and its time);
* a value then "on" (or "am", "le", "el", "em", "op", "w dniu") then the pair: "Hb 10.2 on
  3.12", "creat 188 on 6.12", "Troponina 1,82 w dniu 5.12": the value is given, so what the
  preposition introduces is when (deid_day_month_numbers refuses a pair in a value's clause,
  since "INR stable on 2.5" is a value);
* a table's heading row of pairs ("| Test | 1/12 | 3/12 | 5/12 |"), after a heading cell
  that names the row's kind (Test, Date, Datum, Fecha...);
* a meeting's name right before the pair: "Next MDT 9/12", "Tribunal 15.12" (a meeting is
  booked for a day; "clinic 3/12" and "review 6/12" are intervals and stay);
* a slashed pair that no interval can be (a first number of 13 to 31) after a word of review
  or control in several languages: "Controle 15/12", "Kontrolle 20/12", "cita 28/11";
* a dotted pair whose day is written with its zero ("OGTT 02.11");
* an ordinal day after "on the", "from the" before a time or the clause's end ("on the 4th at
  21:00", "from the 27th."), or "the 16th" before a word that moves a booking ("cancelled",
  "postponed").

What stays: a pair with a unit or a count after it, a value's range ("from 1.2 to 2.1"),
scores and acuities ("VA 6/12 6/9", "power 4/5"), intervals after "in", "for", "x".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER
from medlocal.privacy.deid_spans import Redaction, label

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
# A unit of a gas's flow or pressure, or of a hormone, after the pair: the pair is a value
# ("K 3.5 on 4.1 L O2", "pO2 8.1 on 10.2 kPa", "TSH 01.05 mIU/L"; review60e). NOT_DATE_AFTER
# has no litre, which a street number or an age may stand before.
_GAS_OR_HORMONE_UNIT = r"(?![ \t]*(?i:l\b|l/min|lpm|lts?\b|litres?|liters?|kpa|fio2|o2\b|miu|mu/))"
# A day and month, slashed or dotted (the German closing dot allowed), not part of a longer
# number, a date with its year (the date forms read those) or a decimal.
_PAIR = rf"(?<![\w./,:-]){_D}[./]{_M}\.?(?![\w/]|[.,]\d|-\d|{NOT_DATE_AFTER}){_GAS_OR_HORMONE_UNIT}"
_TIME = r"(?:[01]?\d|2[0-3])[:h][0-5]\d(?![\d:])"
_TIMED = re.compile(
    rf"(?P<v>{_PAIR})(?=,?[ \t]+{_TIME})|(?<=\d[:h]\d\d[ \t])(?P<w>{_PAIR})",
)
# A value (a number, maybe decimal, maybe with a unit of a few letters) then the preposition.
_VALUED = re.compile(
    r"(?<![\w/.])\d+(?:[.,]\d+)?(?:[ \t]*(?:%|[a-zA-Zµμ/]{1,8}))?[ \t]+"
    r"(?i:on|am|le|el|em|op|w[ \t]+dniu|del|du|vom|dated)[ \t]+"
    rf"(?P<v>{_PAIR})"
)
_HEADING_CELLS = (
    r"tests?|dates?|datum|data|fecha|date[ \t]+of[ \t]+test|analyte|parameters?|labs?|bloods|"
    r"investigations?|results?|day|jour|tag|giorno|d[ií]a|examen|prueba|esame|analyse|befund|"
    r"wert|valeur|valor"
)
_HEADING_ROW = re.compile(
    rf"^[ \t]*\|?[ \t]*(?i:{_HEADING_CELLS})?[ \t]*(?P<cells>(?:[|\t][ \t]*{_D}[./]{_M}\.?[ \t]*)"
    r"{2,})\|?[ \t]*$",
    re.M,
)
# A day under 10 written with its zero and a two-digit month, dotted ("OGTT 02.11"): no value is
# written with a leading zero before its point.
_PADDED = re.compile(
    r"(?<![\w./,:-])0[1-9]\.(?:0[1-9]|1[0-2])(?![\w/]|[.,]\d|-\d)"
    rf"(?!{NOT_DATE_AFTER}){_GAS_OR_HORMONE_UNIT}"
)
# A heading of a course's days ("| Day | 1/7 | 2/7 | 3/7 |": day one of seven; review60e).
_COURSE_HEADING = re.compile(r"[ \t]*\|?[ \t]*(?i:day|jour|tag|giorno|d[ií]a)[ \t]*[|\t]")
_CELL = re.compile(r"(?:3[01]|[12]\d|0?[1-9])[./](?:1[0-2]|0?[1-9])\.?(?!\d)")
_MEETING = re.compile(
    r"(?<![\w-])(?:(?P<when>(?i:next|last|previous|prev|at))[ \t]+)?"
    r"(?:MDT|MDM|(?i:tribunal|hearing|case[ \t]+conference|strategy[ \t]+meeting|meeting|"
    r"ward[ \t]+round|panel|CPA|core[ \t]+group))[ \t]*:?[ \t]+"
    rf"(?P<v>{_PAIR})"
    # not a time since the meeting, "3/12" as three months ("MDT 3/12 ago"; review60e)
    r"(?![ \t]+(?i:ago|previously|earlier|before)\b)"
    # nor a count the meeting gave: "MDT 2/5 discussed" (two of five cases; fix51c) - without a
    # "next"/"last"/"at" before it, a pair followed by a lower-case word is no date
    r"(?(when)|(?![ \t]+(?-i:[a-z])))"
)
_CONTROL = re.compile(
    r"(?<![\w-])(?i:controle|control|controllo|kontrolle|kontroll|kontrola|recheck|repeat|"
    r"review|rv|cita|termin|rdv|rendez-vous|consulta|consulte|afspraak|revisão|revisione)"
    r"[ \t]*:?[ \t]+"
    # not 18 or 24, a child's age in months as often ("review 18/12")
    rf"(?P<v>(?:1[3-79]|2[0-35-9]|3[01])/{_M})(?![\w/]|[.,]\d|{NOT_DATE_AFTER})"
)
_ORDINAL = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)"
_ORDINAL_DAY = re.compile(
    r"(?i:\b(?:on|from|since|until|till|by)[ \t]+the[ \t]+)"
    rf"(?P<v>{_ORDINAL})"
    # not the first of a list of ordinals ("on the 3rd, 4th and 5th fingers"; review60e)
    rf"(?![ \t]*,[ \t]*(?:the[ \t]+)?{_ORDINAL}\b)"
    rf"(?=[ \t]*(?:[,;)]|\.(?!\d)|$)|[ \t]+(?:at[ \t]+)?{_TIME}|[ \t]+(?:and|or|to|-)[ \t]+"
    rf"(?:the[ \t]+)?{_ORDINAL}\b(?![ \t]+[a-z]))",
    re.M,
)
_MOVED_ORDINAL = re.compile(
    rf"(?i:\bthe[ \t]+)(?P<v>{_ORDINAL})[ \t]+"
    r"(?=(?:is[ \t]+|was[ \t]+|has[ \t]+been[ \t]+)?(?:cancelled|canceled|postponed|"
    r"rescheduled|moved|brought[ \t]+forward|booked|confirmed)\b)"
)


# A score's or a ratio's word just before the pair: "Pain 3/10 14:00", "power 4/5 at 10:00".
_SCORED_BEFORE = re.compile(
    r"(?i:pain|score|scored|nrs|vas|eva|power|mrc|grade|gcs|apgar|acuity|va|strength|sats|"
    r"rated|ratio|mmse|moca)\b[^\n\d]{0,12}\Z"
)


def _scored(text: str, start: int) -> bool:
    return _SCORED_BEFORE.search(text, max(0, start - 24), start) is not None


# What may stand right before a pair that a time follows: the line's start, a list's or a
# bracket's mark, a clock time, or a date's preposition. A word there is a measure's name as
# often ("BGL 3.1 05:00", "Hb 9.1 08:00": a chart's value and the time it was taken).
_STAMP_BEFORE = re.compile(
    r"(?:^|[,;(|\-–]|\d[:h]\d\d|\b(?i:on|at|am|le|el|em|op|dated|date|datum|fecha))[ \t]*\Z",
    re.M,
)


def _stamped(text: str, start: int) -> bool:
    return _STAMP_BEFORE.search(text, max(0, start - 12), start) is not None


# A dotted pair whose month is one digit with no closing dot reads as a value with one decimal
# as often: a chart's reading beside the time it was taken ("8.2 07:00", "08:00 9.3, 12:00 7.1"),
# and after a value's "on" a half-step dose ("INR 2.4 on 7.5", "on 2.5"; review60e).
# A closing dot counts as a sentence's full stop unless a number follows ("am 3.5. 14:00").
_ONE_DECIMAL = re.compile(r"\d{1,2}\.[1-9](?:\.(?![ \t]*\d))?")
_HALF_STEP = re.compile(r"\d{1,2}\.5(?:\.(?![ \t]*\d))?")


def _whole(pattern: re.Pattern[str], text: str, span: tuple[int, int]) -> bool:
    """Whether ``pattern`` reads the whole pair at ``span`` (seeing what follows it)."""
    match = pattern.match(text, span[0])
    return match is not None and match.end() == span[1]


def _course_days(row: re.Match[str]) -> bool:
    """Whether a heading row of pairs under a day's heading counts a course's days: one total
    after every slash or point, and no day past it ("1/7 2/7 3/7", "1/5 ... 5/5")."""
    if _COURSE_HEADING.match(row.group()) is None:
        return False
    pairs = [re.split(r"[./]", cell.group().rstrip(".")) for cell in _CELL.finditer(row["cells"])]
    totals = {int(total) for _, total in pairs}
    return len(totals) == 1 and all(int(day) <= int(total) for day, total in pairs)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    for match in skipped_finditer(_TIMED, text):
        span = match.span("v") if match.group("v") is not None else match.span("w")
        if _whole(_ONE_DECIMAL, text, span):
            continue
        if _stamped(text, span[0]) and not _scored(text, span[0]):
            yield span
    for match in skipped_finditer(_VALUED, text):
        if not _whole(_HALF_STEP, text, match.span("v")):
            yield match.span("v")
    for pattern in (_MEETING, _CONTROL, _ORDINAL_DAY, _MOVED_ORDINAL):
        for match in skipped_finditer(pattern, text):
            yield match.span("v")
    for match in skipped_finditer(_PADDED, text):
        yield match.span()
    if "|" in text or "\t" in text:
        for match in skipped_finditer(_HEADING_ROW, text):
            if _course_days(match):
                continue
            offset = match.start("cells")
            for cell in _CELL.finditer(match.group("cells")):
                yield offset + cell.start(), offset + cell.end()


def dated_pair_candidates(text: str) -> list[Redaction]:
    """Days and months as numbers and ordinal days in the slots of the module's docstring."""
    return [
        Redaction("date", start, end, text[start:end], label("date"))
        for start, end in sorted(set(_spans(text)))
    ]
