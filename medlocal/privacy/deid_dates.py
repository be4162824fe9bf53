"""Dates in exported text: found in every common written form, then shifted or cut to the year.

Forms: ISO, m/d/y with the same separator / - or . twice, "March 4, 2021", "4 March 2021",
"4th of March 2021", "4-Mar-2021", "04MAR2021", "March 2021", "Mar-2021", "03/2021", "March 4",
"4 March", "4th of March"; a two-digit year that would lie in the future belongs to the previous
century. One random offset per export moves every date (intervals are kept), or
``date_mode="year"`` keeps only the year (strict Safe Harbor); a month and day without a year is
shifted in the year of the dated date nearest before it (``DateRedactor.shift_undated``). A date
of birth (the vault's DOB in either day order, or a date after a "DOB" / "born" cue) becomes
"[DOB]". Numeric ranges ("12.5-25 mg", "4.5-11.0") are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Literal

from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_date_cue_words import CUE_BEFORE_DATE, DATE_PAIR
from medlocal.privacy.deid_date_layout import MONTH_NUMBERS, respelled
from medlocal.privacy.deid_date_siblings import run_layouts
from medlocal.privacy.deid_first_characters import first_character_test, skipped_finditer
from medlocal.privacy.deid_foreign_dates import (
    FOREIGN_DOB_CUE,
    foreign_date,
    foreign_year,
    shifted_foreign_date,
)
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_strptime import strptime_dates

DateMode = Literal["shift", "year"]
SHIFT_MIN_DAYS, SHIFT_MAX_DAYS = 30, 365  # never zero, never small enough to guess from context


def shift_from_bytes(value: bytes) -> int:
    """A date offset of SHIFT_MIN_DAYS..SHIFT_MAX_DAYS days, either way, from random (or keyed
    hash) bytes: the same bytes give the same offset."""
    number = int.from_bytes(value[:8], "big")
    magnitude = SHIFT_MIN_DAYS + (number >> 1) % (SHIFT_MAX_DAYS - SHIFT_MIN_DAYS + 1)
    return magnitude if number & 1 else -magnitude


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_MONTHS_UPPER = _MONTHS.upper()
_NUMERIC_DATE = re.compile(r"(?<![\d.])\b(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})\b(?!\.\d)")
# Month first, then day first: where a text shows neither ("03/04/2025"), the American reading.
_NUMERIC_FORMATS = ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y")


def writes_day_first(text: str) -> bool | None:
    """Whether a text writes its numeric dates day first: more of them read only so ("25/03/2025")
    or are written with full stops ("09.03.2025", the European way) than read only month first
    ("03/25/2025"); None where nothing in it says either way. Every ambiguous date of the text
    is then read day first, so that the intervals between its dates survive the shift. Where its
    dates do not say (walk 20: an Australian note whose dates were all "12/08/2024"-like was read
    the American way, and its labs moved four months before the visit), the writing does:
    British spellings, telephone codes and postcodes of the countries that write the day first,
    against American ones."""
    # Speed (session 41): each tally is read only where those before it tie, as day_order reads
    # them (the writing's two scans cost 15-25 ms of a 20-page record whose dates already say).
    day_first = month_first = 0
    for tally in (_numeric_tally, run_layouts, _writing_tally):
        if day_first != month_first:
            break
        more_day_first, more_month_first = tally(text)
        day_first += more_day_first
        month_first += more_month_first
    return None if day_first == month_first else day_first > month_first


# What a text's dates and writing say of its day order, as three (day first, month first) tallies
# read in turn, each only where the ones before it tie: its numeric dates, its runs of dates
# without a year, its writing. Tallies of several texts add up, so a record's day order is read
# from each document's tallies without reading the documents again (deid_record).
DayCounts = tuple[int, int, int, int, int, int]


def day_order_counts(text: str) -> DayCounts:
    """The three tallies of :func:`writes_day_first` for ``text`` (see :data:`DayCounts`)."""
    return (*_numeric_tally(text), *run_layouts(text), *_writing_tally(text))


def _numeric_tally(text: str) -> tuple[int, int]:
    """(day first, month first): the numeric dates that read only so (see writes_day_first)."""
    day_first = month_first = 0
    for match in skipped_finditer(_NUMERIC_DATE, text):
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second or (match.group(2) == "." and first <= 31 and second <= 12):
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    return day_first, month_first


def _writing_tally(text: str) -> tuple[int, int]:
    """(day first, month first): the writing of the countries of each order in ``text``."""
    return (
        sum(1 for _ in skipped_finditer(_DAY_FIRST_WRITING, text)),
        sum(1 for _ in skipped_finditer(_MONTH_FIRST_WRITING, text)),
    )


def day_order(counts: DayCounts) -> bool | None:
    """The day order the tallies say: each tally counts only where those before it tie."""
    day_first = month_first = 0
    for tier in range(3):
        if day_first != month_first:
            break
        day_first += counts[2 * tier]
        month_first += counts[2 * tier + 1]
    return None if day_first == month_first else day_first > month_first


# The writing of countries that put the day first: British spellings of clinical words, the
# telephone codes of the UK, Ireland, Australia, New Zealand, South Africa, India and Europe,
# an Australian state before its postcode, a UK postcode, the NHS, GPs and A&E.
_DAY_FIRST_WRITING = re.compile(
    r"(?i:\b(?:haem\w+|an(?:a)?aem\w+|oedem\w*|oesophag\w+|paediatr\w+|orthopaed\w+|"
    r"gynaecolog\w+|colour\w*|centre|programme|organisation\w*|anaesthe\w+|leukaem\w+|"
    r"diarrhoea)\b)"
    r"|\+(?:44|353|61|64|27|91|33|34|39|49|31|32|41|43|45|46|47|48|351|358)\b"
    r"|\b(?:NSW|QLD|VIC|TAS)[ \t]+\d{4}\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]+\d[A-Z]{2}\b"
    r"|\b(?:NHS|A&E|GP|HSE|Medicare[ \t]+(?:card|no\.?|number)[ \t:]*\d{4}[ \t]?\d{5})\b"
    # Round 18: the words of a note in a language whose countries write the day first (a
    # Spanish "Ingreso: 12/10/2026" was read as 10 December).
    r"|(?i:\b(?:ingreso|fecha|paciente|hospitalizaci[oó]n|informe|interna[cç][aã]o|paziente|"
    r"ricovero|dimissione|h[oô]pital|naissance|krankenhaus|aufnahme|entlassung|patiënt|"
    r"ziekenhuis|opname|ontslag|pacjent|szpital|tanggal|ngày)\b)"
)
# ... and of the United States: its spellings, a state and ZIP code, a US telephone number.
_MONTH_FIRST_WRITING = re.compile(
    r"(?i:\b(?:hem(?:ato|o)\w+|an?emi\w+|edema\w*|esophag\w+|pediatr\w+|orthoped\w+|"
    r"gynecolog\w+|color\w*|center|organization\w*|anesthe\w+|leukemi\w+|diarrhea)\b)"
    r"|\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"
    r"|\(\d{3}\)[ \t]?\d{3}-\d{4}\b|\+1[ \t-]\d{3}\b"
)


_DATE_FORMS: list[tuple[re.Pattern[str], tuple[str, ...], str]] = [
    (re.compile(r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b"), ("%Y-%m-%d", "%Y/%m/%d"), "iso"),
    # "2025.08.14": year first with dots.
    (re.compile(r"(?<![\d.])\b(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\b(?!\.\d)"), ("%Y.%m.%d",), "iso"),
    # "14/Aug/2025", "14 AUG 2025", "2025-Aug-14": a month's name between slashes, or in capitals.
    (
        re.compile(rf"\b\d{{1,2}}[/ ](?:{_MONTHS})[/ ](?:\d{{4}}|\d{{2}})\b", re.I),
        ("%d/%b/%Y", "%d/%B/%Y", "%d/%b/%y", "%d %b %Y", "%d %B %Y", "%d %b %y", "%d %B %y"),
        "long",
    ),
    (
        re.compile(rf"\b\d{{4}}-(?:{_MONTHS})-\d{{1,2}}\b", re.I),
        ("%Y-%b-%d", "%Y-%B-%d"),
        "long",
    ),
    (
        # The same separator twice, and no decimal around it: "12.5-25 mg", "4.5-11.0" are ranges.
        _NUMERIC_DATE,
        _NUMERIC_FORMATS,
        "iso",
    ),
    (
        re.compile(rf"\b\d{{1,2}}-(?:{_MONTHS})-(?:\d{{4}}|\d{{2}})\b", re.I),
        ("%d-%b-%Y", "%d-%B-%Y", "%d-%b-%y"),
        "long",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}\b", re.I),
        ("%B %d %Y", "%b %d %Y"),
        "long",
    ),
    (
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?:{_MONTHS})\.?,?[ \t]+\d{{4}}\b",
            re.I,
        ),
        ("%d %B %Y", "%d %b %Y", "%d of %B %Y", "%d of %b %Y"),
        "long",
    ),
    (
        re.compile(rf"\b\d{{1,2}}(?:{_MONTHS})(?:\d{{4}}|\d{{2}})\b", re.I),
        ("%d%b%Y", "%d%B%Y", "%d%b%y", "%d%B%y"),
        "long",
    ),
    # "14 Sep 25", "3 March 24": a day, a month and a two-digit year (not a time: "14 Sep 21:07").
    (
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{_MONTHS})\.?,?[ \t]+\d{{2}}\b(?![:.]\d|[ \t]*%)"
        ),
        ("%d %B %y", "%d %b %y"),
        "long",
    ),
    # A month and a year from 1800 to 2199: "OCT 5000" is a device's model ("HD-OCT 5000"),
    # "Mar 9000" no date either.
    (
        re.compile(rf"\b(?:{_MONTHS})\.?,?[ \t]+(?:1[89]|2[01])\d{{2}}\b", re.I),
        ("%B %Y", "%b %Y"),
        "month",
    ),
    # "Jan-2024", "MAR/25"; a month and year in digits, "11/2021", "03.2019" (a year of 19xx or
    # 20xx only: "1/160" is a titre).
    (
        re.compile(rf"\b(?:{_MONTHS})[-/](?:(?:1[89]|2[01])\d{{2}}|\d{{2}})\b", re.I),
        ("%b-%Y", "%B-%Y", "%b/%Y", "%B/%Y", "%b-%y", "%b/%y"),
        "month",
    ),
    (
        re.compile(r"(?<![\d/.])\b(?:0?[1-9]|1[0-2])[/.](?:19|20)\d{2}\b(?![/.-]?\d)"),
        ("%m/%Y", "%m.%Y"),
        "month",
    ),
    (
        re.compile(rf"\b(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b(?![ \t]*,?[ \t]*\d)"),
        (),
        "no_year",
    ),
    # "14-Aug", "NOV 3", "3 NOV", "Aug '25": a dash, capitals, an apostrophe year.
    (
        re.compile(
            rf"\b\d{{1,2}}-(?:{_MONTHS})\b(?!-\d)"
            rf"|\b(?:{_MONTHS_UPPER})\.?[ \t]+\d{{1,2}}\b(?![ \t]*,?[ \t]*\d)"
            rf"|\b\d{{1,2}}[ \t]+(?:{_MONTHS_UPPER})\b(?![ \t]*,?[ \t]*\d)"
            rf"|\b(?:{_MONTHS})\.?[ \t]*['’]\d{{2}}\b"
        ),
        (),
        "no_year",
    ),
    # "3 Feb", "12th of March" without a year; the month capitalised, as with "March 4".
    (
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?:{_MONTHS})\b\.?(?![ \t]*,?[ \t]*\d)"
        ),
        (),
        "no_year",
    ),
]
# Speed: a form that opens with a word boundary can only start at a word's start; a cheap
# look-around says so first, so the engine skips other positions (as in deid_patterns).
_DATE_FORMS = [
    (
        re.compile(r"(?<!\w)(?=\w)" + pattern.pattern, pattern.flags)
        if pattern.pattern.startswith("\\b")
        else pattern,
        formats,
        style,
    )
    for pattern, formats, style in _DATE_FORMS
]
# Speed: then a test for the characters a form's match opens with (a month's initial, a digit),
# which turns most word starts away at once (deid_first_characters; half the forms' time).
_DATE_FORMS = [
    (first_character_test(pattern) or pattern, formats, style)
    for pattern, formats, style in _DATE_FORMS
]
_DOB_CUE = re.compile(
    r"(?i:\b(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|born(?:[ \t]+on)?))"
    r"[ \t]*:?[ \t]*$"
)


# A date split by a scan's stray blanks after the label that says what it is ("DOB: 14/06/1 948",
# "Date: 12/03 /2025", "DOB 14-Jun-19 48"; walk 30: OCR of a fax left the date of birth whole
# in a redacted export). Read only after such a label, and only where the value without its
# blanks is a date of one of the forms above; the blanks of a written date are not read here.
_SPLIT_LABELLED = re.compile(
    r"(?P<label>(?i:\b(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|born(?:[ \t]+on)?)|^[ \t]*date))"
    r"[ \t]*+[:.]?[ \t]*+"  # possessive: a long blank run was re-split at every blank
    r"(?P<v>\d[\dA-Za-z]*(?:(?:[ \t]*[/.\-][ \t]*|[ \t])[\dA-Za-z]+){1,4})",
    re.MULTILINE,
)


def split_labelled_dates(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, a date of birth) of each labelled date a scan's blanks split."""
    for match in skipped_finditer(_SPLIT_LABELLED, text):
        value = match.group("v")
        if not re.search(r"\d[ \t]+\d|\d[ \t]+[/.\-]|[/.\-][ \t]+\d|[A-Za-z][ \t]+\d", value):
            continue  # no stray blank: the date forms above read it
        # The longest run of the value that is a date once its blanks are gone.
        words = re.split(r"(?<=\S)(?=[ \t])", value)
        for count in range(len(words), 0, -1):
            # A sentence's stop after the date is not part of it ("DOB: 14/06/1 948. Seen").
            piece = "".join(words[:count]).rstrip().rstrip(".,;:")
            if is_date(re.sub(r"[ \t]+", "", piece)) and re.search(r"\d[ \t/.\-]", piece):
                start = match.start("v")
                named = match.group("label").strip().lower()
                yield start, start + len(piece), "birth" in named or named != "date"
                break


def is_date(value: str) -> bool:
    """Whether ``value`` is, as a whole, a date in one of the written forms above ("2026-10-05",
    "05/10/2026"): after a word such as "NOTE", "VISIT" or "DOS" it is a date to shift, not the
    number part of a code."""
    value = value.strip()
    for pattern, formats, _style in _DATE_FORMS:
        if pattern.fullmatch(value) and (not formats or date_readings(value, formats)):
            return True
    return False


def parse_date(raw: str, formats: Iterable[str]) -> date | None:
    """The first reading of ``raw`` that one of ``formats`` accepts."""
    readings = date_readings(raw, formats)
    return readings[0] if readings else None


def date_readings(raw: str, formats: Iterable[str]) -> list[date]:
    """Every reading of ``raw`` under ``formats``, in format order: "4/2/1961" is both April 2
    (m/d) and 4 February (d/m). A two-digit year that would lie in the future belongs to the
    previous century ("2/4/61" is 1961, not 2061)."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw, flags=re.I)
    if re.match(r"^\d{1,2}[.-]\d{1,2}[.-]", cleaned):
        cleaned = re.sub(r"[.-]", "/", cleaned)
    elif not re.match(r"^\d", cleaned):
        cleaned = re.sub(r"[,.]", " ", cleaned)
    cleaned = " ".join(cleaned.split())
    today = date.today()
    readings: list[date] = []
    formats = tuple(formats)
    for fmt, parsed in zip(formats, strptime_dates(cleaned, formats), strict=True):
        if parsed is None:
            continue
        if "%y" in fmt and parsed > today:
            parsed = _previous_century(parsed)
        if parsed not in readings:
            readings.append(parsed)
    return readings


def _previous_century(day: date) -> date:
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February in a year that is not a leap year a century earlier
        return day.replace(year=day.year - 100, day=28)


# A unit of insulin or heparin after three numbers: doses at meals ("10-12-8 U", "6/6/4 units").
# Day and month both over 12: no month in either order (a product's strengths, a ratio).
_NO_MONTH = re.compile(r"(?:1[3-9]|[2-9]\d)[/.-](?:1[3-9]|[2-9]\d)[/.-]")
_DOSE_UNIT_AFTER = re.compile(r"[ \t]*(?:U|IU|UI|units?)(?![/\w])")
# A day written right after a score's "/" ("24/30 Mar 2025"): the day and what follows it.
_DAY_OF_SCORE = re.compile(r"\d{1,2}[ \t]+(?=[A-Za-z])")
_SCORE_BEFORE = re.compile(r"\d/")


# A whole month's name and a full stop that ends a date ("22 September.").
_SENTENCE_STOP = re.compile(
    r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\.\Z"
)


_WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?[ \t]+"
# A weekday written right before a dated date ("Tue 2 Sept 2025", "Wednesday, April 30 2025").
_WEEKDAY_AHEAD = re.compile(rf"(?<![^\W\d_]){_WEEKDAY}\Z")
_WEEKDAY_BEFORE = re.compile(rf"^{_WEEKDAY}")
# A day and a month's name in either order, with what may stand between ("the 4th of March",
# "March 4th", "14-Aug", "NOV 3"); a two-digit year after an apostrophe ("Aug '25") is no day.
_MONTH_AND_DAY = re.compile(
    r"^(?:(?i:the[ \t]+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t-]+(?P<m1>[A-Za-z]+)\.?"
    r"|(?P<m2>[A-Za-z]+)\.?[ \t]+(?:the[ \t]+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<n1>\d{1,2})/(?P<n2>\d{1,2}))$",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A week named by a day of it ("w/c 21/4", "wk of 16/3", "week commencing 3 March"): the cue is
# part of the date's span (the evaluation's conventions), the day after it is shifted.
_WEEK_CUE = re.compile(
    r"(?i:(?:the[ \t]+)?(?:w/[cbe]|wk[ \t]+(?:of|beg(?:inning)?\.?)|"
    r"week[ \t]+(?:commencing|beginning|ending|of)|weekend[ \t]+of))[ \t:]+"
)

_PART_OF_DAY = re.compile(r"[ \t]+(?i:am|pm)\Z")


def _month_and_day(raw: str, day_first: bool) -> tuple[int, int, str] | None:
    """The month, day and layout ("dm", "md" in words; "d/m", "m/d" in digits) of a date written
    without its year, or None where it has none (a weekday alone, a range)."""
    match = _MONTH_AND_DAY.match(_WEEKDAY_BEFORE.sub("", raw.strip()))
    if match is None:
        return None
    if match.group("n1"):
        first, second = int(match.group("n1")), int(match.group("n2"))
        if first > 12 or (day_first and second <= 12):
            return (second, first, "d/m") if 1 <= second <= 12 else None
        return (first, second, "m/d") if first >= 1 else None
    month = MONTH_NUMBERS.get((match.group("m1") or match.group("m2")).lower())
    day = int(match.group("d1") or match.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None
    return month, day, "dm" if match.group("d1") else "md"


def _date_of(raw: str) -> date | None:
    """The date a dated date reads as (its first reading), if it has one."""
    for pattern, formats, _style in _DATE_FORMS:
        if formats and pattern.fullmatch(raw) and (readings := date_readings(raw, formats)):
            return readings[0]
    return None


# A day of the month alone, perhaps with its weekday and "the" ("the 14th", "Thursday the 17th",
# "Mon 21st"): an ordinal, so that a count ("on 3") is never read as one.
_DAY_ALONE = re.compile(
    r"(?i:(?:[a-z]{3,9}\.?,?[ \t]+)?(?:the[ \t]+)?(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th))"
)


def _year_of(raw: str) -> int | None:
    """The year a dated date is written in ("2024-12-20", "8 septembre 2026"), if it has one."""
    found = _YEAR.search(raw)
    if found is not None:
        return int(found.group())
    for pattern, formats, _style in _DATE_FORMS:
        if formats and pattern.fullmatch(raw) and (readings := date_readings(raw, formats)):
            return readings[0].year
    return None


def years_written(raw: str) -> list[int]:
    """Every four-digit year a date span is written in ("du 02/05/1932 au 09/05/1932"). A
    two-digit year is left out (review 45b, D9): "01/03/27" reads as 1927 by the pivot but is
    as likely a review in 2027, and whoever is 90 or more was born in a year that reads as this
    century's too."""
    return [int(year) for year in _YEAR.findall(raw)]


def _month_of_day_alone(
    written: str, start: int, redactions: list[Redaction]
) -> tuple[int, int, str] | None:
    """Walk 22: a day alone ("discharged on the 14th", "Thursday the 17th") in the month of
    the nearest whole date before it, or the month after where the day is earlier than that
    date's ("admitted 28 March ... home on the 2nd"): shifted, not "[DATE]", so that a letter
    keeps its length of stay."""
    alone = _DAY_ALONE.fullmatch(written.strip())
    if alone is None:
        return None
    anchor = next(
        (
            found
            for red in reversed(redactions)
            if red.kind == "date" and red.end <= start and (found := _date_of(red.original))
        ),
        None,
    )
    if anchor is None:
        return None
    day = int(alone.group("d"))
    month = anchor.month if day >= anchor.day else anchor.month % 12 + 1
    return month, day, "day"


class DateRedactor:
    """Finds dates and writes their replacements; one per export (one offset)."""

    def __init__(
        self, dob: date | None, date_mode: DateMode, shift_days: int, day_first: bool | None = None
    ) -> None:
        self.dob = dob
        self.date_mode = date_mode
        self.shift_days = shift_days
        # The day order of the patient's whole record, where the caller knows it: a short text
        # (a summary's snippets) then reads "6/3" as the record does (walk 20: one export read
        # it 6 March, another 3 June). None: each text's own evidence decides.
        self.day_first = day_first
        # Speed (session 36): the text's own day order, read once per text (the candidates and
        # the undated dates both ask); kept only until :meth:`forget`, after each preview.
        self._own_order: tuple[str, bool | None] | None = None

    def _reads_day_first(self, text: str) -> bool:
        """The record's day order where known, else the text's own (the American where it
        says nothing)."""
        if self.day_first is not None:
            return bool(self.day_first)
        if self._own_order is None or self._own_order[0] != text:
            self._own_order = (text, writes_day_first(text))
        return bool(self._own_order[1])

    def forget(self) -> None:
        """Let go of the last text read (a patient's text is not kept once it is done)."""
        self._own_order = None

    def shift_undated(self, text: str, redactions: list[Redaction]) -> list[Redaction]:
        """``redactions`` with each date written without its year ("seen May 3", "Tues 14th
        Oct", "on 3/20") shifted like every other date, in the year of the nearest dated date
        before it (else after it, else this year), so that a timeline keeps its order and
        intervals (walk 19: "[DATE]" lost them). Only where dates are shifted."""
        if self.date_mode != "shift":
            return [self._foreign(text, red) or red for red in redactions]
        years = [
            (red.start, year)
            for red in redactions
            if red.kind == "date" and (year := _year_of(red.original)) is not None
        ]
        day_first: bool | None = None  # read once, where a date in digits needs it
        out = []
        for red in redactions:
            if red.kind == "date" and red.replacement == "[DATE]":
                foreign = self._foreign(text, red)
                if foreign is not None:
                    out.append(foreign)
                    continue
                if day_first is None and ("/" in red.original or "." in red.original):
                    day_first = self._reads_day_first(text)
                pair = self._shifted_pair(red, years, bool(day_first))
                if pair is not None:
                    out.append(Redaction(red.kind, red.start, red.end, red.original, pair))
                    continue
                # "w/c 21/4": the week's cue is written again before the shifted day.
                # "semana del 16/3", "el 9/3": so are the cue words of other languages.
                cue = _WEEK_CUE.match(red.original) or CUE_BEFORE_DATE.match(red.original)
                written = red.original[cue.end() :] if cue else red.original
                # "Mar 12 pm": the part of the day is written again after the shifted day.
                part = _PART_OF_DAY.search(written)
                written = written[: part.start()] if part else written
                month_day = _month_and_day(written, bool(day_first))
                if month_day is None:
                    month_day = _month_of_day_alone(written, red.start, redactions)
                if month_day is not None:
                    shifted = self._shifted(written, month_day, red.start, years)
                    if shifted is not None:
                        shifted = (cue.group() if cue else "") + shifted
                        shifted += part.group() if part else ""
                        red = Redaction(red.kind, red.start, red.end, red.original, shifted)
            out.append(red)
        return out

    def _foreign(self, text: str, red: Redaction) -> Redaction | None:
        """A dated date of another language found as "[DATE]" ("Le 5 novembre 2025", "12 de
        noviembre de 2025"), shifted and written in its language, or its year alone in the
        year-only mode; "[DOB]" where it is the patient's birth date or follows a cue that
        says so ("née le", "fecha de nacimiento:"), as an English one is. None: no such date."""
        if red.kind != "date" or red.replacement != "[DATE]":
            return None
        read = foreign_date(red.original)
        if read is None:
            return None
        before = text[max(0, red.start - 30) : red.start]
        if read[0] == self.dob or _DOB_CUE.search(before) or FOREIGN_DOB_CUE.search(before):
            return Redaction("dob", red.start, red.end, red.original, label("dob"))
        if self.date_mode == "shift":
            written = shifted_foreign_date(red.original, self.shift_days)
        else:
            written = foreign_year(red.original)
        if written is None:
            return None
        return Redaction(red.kind, red.start, red.end, red.original, written)

    def _shifted_pair(
        self, red: Redaction, years: list[tuple[int, int]], day_first: bool
    ) -> str | None:
        """A period found as one span ("du 02/05/2025 au 09/05/2025", "28/2 đến 15/3") written
        with each of its two dates shifted and its words kept, or None where either date cannot
        be read."""
        pair = DATE_PAIR.fullmatch(red.original)
        if pair is None:
            return None
        written = []
        for name in ("a", "b"):
            piece = pair.group(name)
            shifted = self._shifted_piece(piece, red.start + pair.start(name), years, day_first)
            if shifted is None:
                return None
            written.append(shifted)
        return f"{pair.group('from') or ''}{written[0]}{pair.group('join')}{written[1]}"

    def _shifted_piece(
        self, piece: str, start: int, years: list[tuple[int, int]], day_first: bool
    ) -> str | None:
        """``piece``, a whole date with or without its year, shifted; None where it is none."""
        for pattern, formats, style in _DATE_FORMS:
            if formats and pattern.fullmatch(piece):
                readings = date_readings(piece, formats)
                if day_first and formats is _NUMERIC_FORMATS and len(readings) > 1:
                    readings = readings[1:] + readings[:1]
                if readings:
                    written = self.replacement(readings[0], style, piece, day_first)
                    return None if written == "[DATE]" else written
        month_day = _month_and_day(piece, day_first)
        return None if month_day is None else self._shifted(piece, month_day, start, years)

    def _shifted(
        self, raw: str, month_day: tuple[int, int, str], start: int, years: list[tuple[int, int]]
    ) -> str | None:
        month, day, layout = month_day
        before = [year for at, year in years if at < start]
        year = before[-1] if before else years[0][1] if years else date.today().year
        if (month, day) == (2, 29):
            year = 2024  # the only reading of the day is in a leap year
        try:
            shifted = date(year, month, day) + timedelta(days=self.shift_days)
        except ValueError:  # "31 April": no day to move
            return None
        written = respelled(raw, date(year, month, day), shifted, layout == "d/m", dated=False)
        if written is None:  # a layout deid_date_layout cannot follow: this module's own
            name = shifted.strftime("%B")
            written = {
                "d/m": f"{shifted.day}/{shifted.month}",
                "m/d": f"{shifted.month}/{shifted.day}",
                "dm": f"{shifted.day} {name}",
            }.get(layout, f"{name} {shifted.day}")
            # "on 3 Feb.": the stop of the month's short form may also end the sentence.
            written += "." if raw.endswith(".") else ""
        return written

    def candidates(self, text: str) -> Iterator[Redaction]:
        day_first = self._reads_day_first(text)
        for pattern, formats, style in _DATE_FORMS:
            for match in checked(skipped_finditer(pattern, text)):
                raw = match.group()
                if formats is _NUMERIC_FORMATS and _DOSE_UNIT_AFTER.match(text, match.end()):
                    continue  # "Actrapid 10-12-8 U": three doses of a day, not a date
                if formats is _NUMERIC_FORMATS and _NO_MONTH.match(raw):
                    continue  # "Xyz Ellipta 92/55/22": three strengths; neither part a month
                day = _DAY_OF_SCORE.match(raw)
                if day and match.start() >= 2 and _SCORE_BEFORE.match(text, match.start() - 2):
                    # "MMSE 24/30 Mar 2025": the day is the score's denominator; the month
                    # and year are still a date, read by the month-and-year form.
                    continue
                readings = date_readings(raw, formats) if formats else []
                if day_first and formats is _NUMERIC_FORMATS and len(readings) > 1:
                    readings = readings[1:] + readings[:1]  # "03/04/2025" is 3 April here
                parsed = readings[0] if readings else None
                is_dob = (self.dob is not None and self.dob in readings) or (
                    _DOB_CUE.search(text[max(0, match.start() - 20) : match.start()]) is not None
                )
                start, end = match.start(), match.end()
                if parsed is not None and (
                    weekday := _WEEKDAY_AHEAD.search(text, max(0, start - 12), start)
                ):
                    # "Tue 2 Sept 2025": the weekday is the date's, and moves with it.
                    start, raw = weekday.start(), text[weekday.start() : end]
                replacement = "[DOB]" if is_dob else self.replacement(parsed, style, raw, day_first)
                kind = "dob" if is_dob else "date"
                if _SENTENCE_STOP.search(raw):
                    # Walk 19: a month written whole ends no abbreviation: its stop ends the
                    # sentence and stays ("phoned on 22 September. Then ...").
                    end -= 1
                    raw = raw[:-1]
                yield Redaction(kind, start, end, raw, replacement)
        for start, end, of_birth in split_labelled_dates(text):
            kind = "dob" if of_birth else "date"
            yield Redaction(kind, start, end, text[start:end], label(kind))

    def replacement(
        self, parsed: date | None, style: str, raw: str = "", day_first: bool = False
    ) -> str:
        """What stands for a date: "[DATE]" where it has no year to read, its year alone in
        year mode, else the shifted date written as ``raw`` was (deid_date_layout), or in this
        module's own form where ``raw``'s layout cannot be followed."""
        if parsed is None or style == "no_year":
            return "[DATE]"
        if self.date_mode == "year":
            return str(parsed.year)
        shifted = parsed + timedelta(days=self.shift_days)
        if raw and (written := respelled(raw, parsed, shifted, day_first)) is not None:
            return written
        if style == "month":
            return shifted.strftime("%B %Y")
        if style == "long":
            return f"{shifted.strftime('%B')} {shifted.day}, {shifted.year}"
        return shifted.isoformat()
