"""A day and month in digits read as a date by the dates beside it (round 19).

A bare "1/4" or "6/3" is as often a fraction, a motor grade or a ratio as a date, and the rules
leave it unless a cue stands before it. Its neighbours can say which it is:

* In a run of day-and-month numbers joined by "and", "or", a comma, a dash or "to" ("missed two
  doses (31/3 and 1/4)", "12/3, 14/3 and 2/4"), one that can only be a date (a day over 12 in
  the layout of the others) makes dates of all of them, read in that layout.
* In a list of values each with its date in brackets ("K 2.9 (6/3), 3.1 (6 Feb)"), a bracket
  that holds a day and month alone is a date where a bracket beside it in the list holds a
  date written with its month word or an unambiguous day.
* After a preposition and "the", before a word ("sent via the 9/3 van", "booked on the 4/5
  list"): a fraction of a thing ("the 1/2 tablet"), a scale's line or grade ("the 6/9 line") is
  none.

Only lines with a slash are read; each pattern opens with a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NUMBER = re.compile(rf"(?<![\w/.,:-])(?P<a>{_DAY})/(?P<b>{_DAY})(?![\w/%:]|[.,]\d)")
# What joins two dates of a run.
_JOIN = re.compile(
    r"[ \t]*(?:,|&|-|–|(?i:and|or|to|till|until|y|et|und|e|en|och|og|i|a|do|và))[ \t]*"
)
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[ée]v|avr|mai|juin|juil|ao[ûu]|"
    r"ene|abr|ago|dic|set|dez|fev|mag|giu|lug|ott|okt|mrt|mei|m[äa]r|dez"
)
# A bracket of a list's value with a date in it: a day and a month word, or a day over 12.
_DATED_BRACKET = re.compile(
    rf"\([ \t]*(?:{_DAY}(?:st|nd|rd|th)?[ \t.]*(?i:{_MONTHS})[a-z]*\.?(?:[ \t]+\d{{2,4}})?"
    r"|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])(?:/\d{2,4})?"
    r"|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])(?:/\d{2,4})?)[ \t]*\)"
)
_BARE_BRACKET = re.compile(rf"\((?P<v>{_DAY}/{_DAY})\)")
# A list's next or previous item: a comma or semicolon and a short value before its bracket.
_ITEM_GAP = re.compile(r"[ \t]*[,;][ \t]*[^,;()\n]{0,24}?[ \t]*")
_NEXT_DATED = re.compile(_ITEM_GAP.pattern + _DATED_BRACKET.pattern)
# A preposition and "the" before a day and month, then a word that is no scale's.
_THE_DATE = re.compile(
    # Speed: a digit and a slash first, "the" before them, then the preposition.
    r"(?=\d\d?/\d)(?<=[Tt]he[ \t])(?:"
    + "|".join(
        f"(?<=\\b(?i:{word})[ \\t](?i:the)[ \\t])"
        for word in ("via", "on", "by", "from", "since", "until", "till", "before", "after")
    )
    + ")"
    rf"(?P<v>{_DAY}/(?P<b>{_DAY}))[ \t]+(?=[a-z])"
    r"(?!(?i:line|row|letter|chart|level|scale|grade|power|strength|score|split|ratio|"
    r"dose|tab|tablet|cap|capsule|vial|amp|ampoule|sachet|bag|unit|portion|part|share|"
    r"of|mark|point|way|chance|rule|mix|dilution|strength)\b)"
)
_FRACTIONS = frozenset({"1/2", "1/3", "1/4", "2/3", "3/4", "1/8", "3/8", "5/8", "7/8"})


def sibling_date_candidates(text: str) -> Iterator[Redaction]:
    """Days and months in digits read as dates by their neighbours (see the module docstring)."""
    if "/" not in text:
        return
    yield from _runs(text)
    if "(" in text:
        for match in _BARE_BRACKET.finditer(text):
            if _bracket_beside(text, match.start(), match.end()):
                yield _date(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_THE_DATE, text):
        # "the 3/12 review" is three months' (a British duration in days or months).
        if match.group("v") not in _FRACTIONS and match.group("b") not in ("7", "12"):
            yield _date(text, match.start("v"), match.end("v"))


def _runs(text: str) -> Iterator[Redaction]:
    """The dates of each run of joined day-and-month numbers that holds an unambiguous one."""
    run: list[re.Match[str]] = []
    for match in skipped_finditer(_NUMBER, text):
        if run and _joined(text, run[-1].end(), match.start()):
            run.append(match)
            continue
        yield from _run_dates(text, run)
        run = [match]
    yield from _run_dates(text, run)


def run_layouts(text: str) -> tuple[int, int]:
    """How many runs of joined days and months (see _runs) read only day first, and how many
    only month first: a text's own evidence of its day order where its dated dates say
    nothing ("changed 14/8, 3/9 and 5/9" is shifted day first, each date alike)."""
    day_first = month_first = 0
    if "/" not in text:
        return 0, 0
    run: list[re.Match[str]] = []
    for match in [*skipped_finditer(_NUMBER, text), None]:
        if match is not None and run and _joined(text, run[-1].end(), match.start()):
            run.append(match)
            continue
        if len(run) > 1:
            layout = _layout(run)
            day_first += layout == "d/m"
            month_first += layout == "m/d"
        run = [match] if match is not None else []
    return day_first, month_first


def _layout(run: list[re.Match[str]]) -> str | None:
    """ "d/m" where a first number of the run is over 12 and every second one a month, "m/d"
    the other way round, else None. Visual acuities share their numerator ("6/18 and 6/12",
    "3/24, 3/12"), and "24/7" is a phrase: no run of dates."""
    if len({m.group("a") for m in run}) == 1 or any(m.group() == "24/7" for m in run):
        return None
    first = max(int(m.group("a")) for m in run)
    second = max(int(m.group("b")) for m in run)
    if first > 12 and second <= 12:
        return "d/m"
    if second > 12 and first <= 12:
        return "m/d"
    return None


def _joined(text: str, end: int, start: int) -> bool:
    join = _JOIN.fullmatch(text, end, start)
    return join is not None


def _run_dates(text: str, run: list[re.Match[str]]) -> Iterator[Redaction]:
    if len(run) < 2 or _layout(run) is None:
        return
    for match in run:
        a, b = int(match.group("a")), int(match.group("b"))
        # The ambiguous ones only: the others are found by the date rules.
        if a <= 12 and b <= 12:
            yield _date(text, match.start(), match.end())


def _bracket_beside(text: str, start: int, end: int) -> bool:
    """Whether the list item after or before the bracket at ``start``..``end`` has a dated
    bracket."""
    if _NEXT_DATED.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 60) : start]
    for dated in _DATED_BRACKET.finditer(before):
        rest = before[dated.end() :]
        if _ITEM_GAP.fullmatch(rest):
            return True
    return False


def _date(text: str, start: int, end: int) -> Redaction:
    return Redaction("date", start, end, text[start:end], label("date"))
