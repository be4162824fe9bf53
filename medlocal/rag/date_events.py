"""Dates tied to the events they date: "Admission date: 12/10/2026", "was discharged home on
19/10/2026", "On 12/10/2026 he was admitted", "DOB: 03/09/1946", a letter's "Date: 25/11/2026".

A sentence that gives a passage's date to another event ("discharged on 12/10/2026" where the
passage's 12/10/2026 is the admission date) is misattributed although the date is in the
passage (walk 32). Only plain ties are read: a label, or an event word and its date in one
clause with nothing but a few plain words between them ("admitted to the ward on"). A date
after "after", "until", a number or another date between is tied to nothing: precision first
(tests/fixtures/grounding_eval/RESULTS.md, round 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.rag.word_classes import WordClasses
from medlocal.values import Value, extract_values

# Canonical event -> how notes write it (matched as whole words, in any case).
_EVENT_WORDS: dict[str, tuple[str, ...]] = {
    "admission": (r"(?:re-?)?admitted", r"(?:re-?)?admissions?", r"admit"),
    "discharge": (r"discharged", r"discharge"),
    "clinic": (
        r"clinic", r"seen", r"reviewed", r"review", r"appointment", r"consultation",
        r"outpatients?", r"visit", r"attended",
    ),
    "operation": (r"operated", r"operation", r"surgery", r"procedure", r"underwent"),
    "imaging": (r"x-?ray", r"radiograph", r"scan", r"(?-i:CT|MRI)", r"ultrasound"),
    "start": (r"(?:re)?started", r"commenced", r"initiated", r"began"),
    "stop": (r"stopped", r"discontinued", r"ceased", r"withheld", r"withdrawn"),
    "death": (r"died", r"death", r"deceased", r"passed\s+away"),
    "birth": (r"born", r"(?-i:DOB)", r"d\.o\.b\.?", r"date\s+of\s+birth", r"birth\s*date"),
    "letter": (r"letter", r"dictated", r"typed"),
}  # fmt: skip

_EVENTS = WordClasses(_EVENT_WORDS, r"(?<![\w-])", r"(?![\w-])")

# How a flag names the date of each event.
EVENT_DATE = {
    "admission": "the admission date",
    "discharge": "the discharge date",
    "clinic": "the clinic date",
    "operation": "the date of the operation",
    "imaging": "the date of the imaging",
    "start": "the date something was started",
    "stop": "the date something was stopped",
    "death": "the date of death",
    "birth": "the date of birth",
    "letter": "the letter's date",
}

# Words that may stand between an event word and its date ("admitted to the ward on",
# "Admission date:"); any other word, a digit or a clause break unties them.
_MAX_WORDS_BETWEEN = 6
_UNTYING_WORDS = frozenset(
    {
        "and", "but", "then", "which", "who", "until", "till", "after", "before", "since",
        "by", "while", "when", "following", "or", "because", "later", "previously", "prior",
        "ago", "than", "not", "no", "planned", "due", "next", "expected", "awaiting",
    }
)  # fmt: skip
# An event word after these is a point of reference, not the event dated ("seen two weeks
# after discharge on 25/11": the clinic's date, not the discharge's).
_RELATIVE_BEFORE = re.compile(
    r"\b(?:after|before|since|following|post|pre|until|till|prior\s+to)[\s-]+"
    r"(?:(?:his|her|their|the|this|that|its)\s+)?$",
    re.I,
)
# Words that may stand between a date that opens its clause and its event ("On 12/10/2026
# Mr Okafor was admitted").
_SUBJECT_WORDS = frozenset(
    {"he", "she", "they", "the", "patient", "pt", "was", "were", "had", "has", "been", "is"}
)
_MAX_WORDS_AFTER = 4
# A letter's own date at its head: "Date: 25/11/2026" in its first lines.
_HEADER_DATE = re.compile(r"^\s*date\s*[:\-]\s*$", re.I)
_HEADER_LINES = 4
# "five weeks after his admission", "his admission 3 weeks ago": the event placed at a
# distance from the note's own time, so at another date than the note's.
_COUNT = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?few"
    r"|several)"
)
_SPAN = r"(?:days?|weeks?|months?|years?)"


@dataclass(frozen=True)
class DateTie:
    """A date of a text tied to an ``event``; ``start``/``end``: the event's words;
    ``labelled``: written as a label ("Clinic date: 25/11/2026", "Date of operation: ...")."""

    value: Value
    event: str
    start: int
    end: int
    labelled: bool = False


# Events a note dates once: another date of one of these is evidence that a date is not its.
_ONCE = frozenset({"admission", "discharge", "birth", "death", "letter"})
# Events a note may date many times (visits, scans, operations), dated once only by a label
# naming the note's own ("Clinic date: 25/11/2026"); a drug's start or stop is its drug's, and
# one drug's start date says nothing of another's.
_LABELLED_ONCE = frozenset({"clinic", "operation", "imaging"})
_DRUG_EVENTS = frozenset({"start", "stop"})
_LABEL_BETWEEN = re.compile(r"\s*(?:date\s*)?[:\-–]\s*|\s*date\s*", re.I)
_DATE_OF_BEFORE = re.compile(r"date\s+of\s+$", re.I)


def the_one_date(tie: DateTie) -> bool:
    """Whether ``tie`` gives the one date of its event in its note: another date of that
    event would be a misattribution, not a second occurrence."""
    return tie.event in _ONCE or (tie.labelled and tie.event in _LABELLED_ONCE)


def _event_of(match: re.Match[str]) -> str:
    return _EVENTS.class_of(match)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", text)


def _plain_between(text: str) -> bool:
    # A wrapped line ("restarted on\n18/10/2026") is one clause; a blank line ends it.
    if re.search(r"[\d.;!?,()\[\]]|\n\s*\n", text):
        return False
    words = [w.lower() for w in _words(text)]
    return len(words) <= _MAX_WORDS_BETWEEN and not any(w in _UNTYING_WORDS for w in words)


def _tie_before(text: str, value: Value, events: list[re.Match[str]]) -> DateTie | None:
    """The event written just before ``value`` in its clause ("discharged home on 19/10")."""
    before = [m for m in events if m.end() <= value.start]
    if not before:
        return None
    event = before[-1]
    if not _plain_between(text[event.end() : value.start]):
        return None
    preceding = text[max(0, event.start() - 30) : event.start()]
    if _RELATIVE_BEFORE.search(preceding):
        return None
    labelled = bool(
        _LABEL_BETWEEN.fullmatch(text[event.end() : value.start])
        or _DATE_OF_BEFORE.search(preceding)
    )
    return DateTie(value, _event_of(event), event.start(), event.end(), labelled)


def _tie_after(text: str, value: Value, events: list[re.Match[str]]) -> DateTie | None:
    """The event after a date that opens its clause ("On 12/10/2026 he was admitted",
    "12/10/2026: admitted with pneumonia")."""
    line_start = max(text.rfind("\n", 0, value.start), text.rfind(".", 0, value.start)) + 1
    opening = text[line_start : value.start].strip(" \t-•*").lower()
    if opening not in ("", "on"):
        return None
    end = value.start + len(value.raw)
    after = [m for m in events if m.start() >= end]
    if not after:
        return None
    event = after[0]
    between = text[end : event.start()]
    if re.search(r"[\d.;!?\n()]", between) or re.search(r",.*\S.*,", between):
        return None
    words = _words(between)
    if len(words) > _MAX_WORDS_AFTER or any(
        w.lower() not in _SUBJECT_WORDS and not w[:1].isupper() for w in words
    ):
        return None
    return DateTie(value, _event_of(event), event.start(), event.end())


def _header_tie(text: str, value: Value) -> DateTie | None:
    line_start = text.rfind("\n", 0, value.start) + 1
    if text.count("\n", 0, line_start) >= _HEADER_LINES:
        return None
    if _HEADER_DATE.match(text[line_start : value.start]):
        return DateTie(value, "letter", line_start, value.start, labelled=True)
    return None


def date_ties(text: str, day_first: bool | None = None) -> list[DateTie]:
    """Each date of ``text`` plainly tied to an event, in order; dates tied to none are left
    out."""
    events = list(_EVENTS.pattern.finditer(text))
    ties: list[DateTie] = []
    for value in extract_values(text, day_first):
        if value.kind != "date":
            continue
        tie = (
            _header_tie(text, value)
            or _tie_before(text, value, events)
            or _tie_after(text, value, events)
        )
        if tie is not None:
            ties.append(tie)
    return ties


_ANOTHER_BEFORE = re.compile(
    r"\b(?:previous|prior|last|earlier|another|first|second|recent|past)\s+(?:\w+\s+)?$", re.I
)


def placed_apart(text: str, event: str) -> str | None:
    """The words of ``text`` that put ``event`` a span of time away from the note's own time
    ("five weeks after his admission"), or None. A drug's start or stop is never placed so:
    which drug's it is would be unknown."""
    # Only an event a note has once: "last seen 6 months ago" is another visit, and "a previous
    # admission 2 years ago" another admission (review 31b), whatever today's date is.
    if event not in _ONCE:
        return None
    words = "|".join(_EVENT_WORDS[event])
    pattern = re.compile(
        rf"\b{_COUNT}\s+{_SPAN}\s+(?:after|since|before|following|post)\s+"
        rf"(?:(?:his|her|their|the)\s+)?(?:{words})\b"
        rf"|\b(?:{words})\s+{_COUNT}\s+{_SPAN}\s+ago\b",
        re.I,
    )
    for match in pattern.finditer(text):
        if _ANOTHER_BEFORE.search(text, max(0, match.start() - 24), match.start()) is None:
            return match.group()
    return None
