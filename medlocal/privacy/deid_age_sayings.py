"""Ages over 89 in the sayings that date a birthday, in lists of ages and in two more units
(session 62, deid62d; issue 16).

* An age to come or just reached, dated ("will be 103 in March", "turns 95 next week", "is
  turning 100 on Sunday", "turned 92 today"): the date after the number makes it a birthday;
  a value "will be 95" on a ward has no month or week after it, and "will be" needs someone
  (a pronoun or a title) in its clause: "the dose will be 100 in March" stays.
* Each number of 90 to 119 in a list after a plural age word and a colon ("Ages of residents on
  the wing: 101, 99, 88, 94, 76", "Edades: 93, 97"); the numbers under 90 stay.
* The German abbreviation "J." after the number in a field, after a comma or a bracket ("geb.
  28.09.1931, 94 J., Pat-Nr."): not before a slash, a digit or a route, as insulin's Czech and
  Polish "j." stands.
* The Ukrainian and Russian singular year, "рік" and "год", after a number ending in one ("91
  рік", "101 год").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_AGE = r"(?<![\w.,/:-])(?:9\d|1[01]\d)(?![\w.,:/-]\d|[\w])"
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WHEN = (
    rf"(?:in|on|this|next|by|come)[ \t]+(?:(?:{_MONTHS})\b|(?:{_DAYS})\b|(?:the[ \t]+)?"
    r"(?:spring|summer|autumn|fall|winter|new[ \t]+year)\b|(?:week|month|year)\b|"
    r"(?:her|his|their)[ \t]+(?:next[ \t]+)?birthday)|today\b|tomorrow\b|"
    r"(?:later[ \t]+)?(?:this|next)[ \t]+(?:week|month|year)\b"
)
_DATED = re.compile(
    rf"(?i:\b(?:will[ \t]+be|['’]ll[ \t]+be|will[ \t]+turn|turns|turned|is[ \t]+turning|"
    rf"turning)[ \t]+)(?P<v>{_AGE})(?=[ \t]+(?i:{_WHEN}))"
)
# Someone whose birthday it is, in the clause before "will be" ("She is in her tenth decade and
# will be 100 in March", "Mrs B ... will be 103"): a dose or a value "will be 100 in March" too.
_SOMEONE = re.compile(r"\b(?:(?i:she|he|they|who)|Mr|Mrs|Ms|Miss|Mme|Frau|Herr|Sr|Sra|Dr)\b")
_CLAUSE_END = re.compile(r"[.;!?\n]")
_LIST_LABEL = re.compile(
    r"(?i:\b(?:ages|edades|âges|idades|età|alter)\b)[^\n:;]{0,40}:[ \t]*(?=\d)"
)
_LIST_ITEM = re.compile(
    r"(?P<n>\d{1,3})(?![\w.,/:-]\d|[\w])(?P<sep>[ \t]*,[ \t]*|[ \t]+and[ \t]+)?"
)
# Review 62d: a number of days, weeks or months, or a measure, in the list is no age ("ages:
# 90 days, 95 days" of infants, "Alter: 92 Tage").
_NOT_YEARS_AFTER = re.compile(
    r"[ \t]*(?i:days?|d\b|weeks?|wks?|months?|mo\b|tage?n?\b|wochen|monate?n?\b|d[ií]as|"
    r"semanas|meses|jours|semaines|mois|giorni|settimane|mesi|%|mg|kg|g\b|ml|cm|mm)"
)
_GERMAN_J = re.compile(
    rf"(?:(?<=[,;(])|(?<=[,;(][ \t])|(?<=^))[ \t]*(?P<v>{_AGE})[ \t]?J\.(?![ \t]*(?:/|\d|"
    r"(?i:s\.?c\b|i\.?v\b|i\.?m\b|m\.)))",
    re.M,
)
_SINGULAR_YEAR = re.compile(r"(?<![\w.,/:-])(?P<v>91|101)[ \t]+(?:рік|год)(?![\w])")


def age_saying_candidates(text: str) -> Iterator[Redaction]:
    """The ages of the sayings above."""
    # Through the cue index and the word-start keys on a long text (speed63: ~7 ms of plain
    # searches on a 20-page record, ~1 ms so).
    for pattern in (_DATED, _GERMAN_J, _SINGULAR_YEAR):
        for match in skipped_finditer(pattern, text):
            if pattern is _DATED and not _SOMEONE.search(_clause_before(text, match.start())):
                continue
            yield _age(text, match.start("v"), match.end("v"))
    for cue in skipped_finditer(_LIST_LABEL, text):
        pos = cue.end()
        while item := _LIST_ITEM.match(text, pos):
            if 90 <= int(item.group("n")) <= 119 and not _NOT_YEARS_AFTER.match(
                text, item.end("n")
            ):
                yield _age(text, item.start("n"), item.end("n"))
            if not item.group("sep"):
                break
            pos = item.end()


def _age(text: str, start: int, end: int) -> Redaction:
    return Redaction("age_over_89", start, end, text[start:end], label("age_over_89"))


def _clause_before(text: str, end: int) -> str:
    """The clause that ends at ``end``: back to a sentence's stop or the line's start, 120
    characters at most."""
    start = max(0, end - 120)
    stops = [m.end() for m in _CLAUSE_END.finditer(text, start, end)]
    return text[stops[-1] if stops else start : end]
