"""A police officer's collar or badge number written beside the rank and name (session 49).

Police and security staff are named with their number: "PC 4471 Hartley" (the number between
the rank and the surname, as British forces write it), "Officer R. Kowalski #4471", "Sgt
Bainbridge #229". The number names one officer as surely as the name does. Read:

* a police rank (PC, DC, PCSO, WPC, Sgt, Sergeant, Constable, Const., Officer, Deputy, Trooper,
  Det., Detective, Insp., Inspector), a number of two to six digits, then a capitalised word;
* a police rank, one to three capitalised words or initials, then "#" and two to seven digits;
* session 59 (deid59b): a rank, a surname and the number without "#" ("PC Jones 2231", "Sgt
  Munro 1184 attended"), and a rank and the number before a word in small letters ("Sgt 1184
  arrived"), three to six digits with no unit, count or time after them. "DC" stays out of
  both: it is the prescriber's "discontinue" ("DC Metformin 1000", "DC 5000 heparin"), and "PC"
  (after meals) is read only before a surname: "PC 1000 daily" is a dose's time.

A rank before a value of the clinical kind is no shape here: "PC 40 mg" and "DC 12 h" have no
capitalised word after the number, and "#" never opens a dose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction, label

_RANK = (
    r"(?:PC|DC|PCSO|WPC|Sgt\.?|Sergeant|Constable|Const\.?|Officer|Deputy|Trooper|"
    r"Det\.?|Detective|Insp\.?|Inspector)"
)
# A time, a unit or a place in the ward after the number is a dose's or a plan's ("PC 2 Tablets",
# "DC 12 Hours", "DC 14 Ward").
_NOT_A_NAME = (
    r"(?!(?:Hours?|Hrs?|Days?|Weeks?|Months?|Years?|Mins?|Minutes?|Units?|Times?|Doses?|"
    r"Tablets?|Tabs?|Caps?|Cycles?|Ward|Bed|Bay|Room|Am|Pm)\b)"
)
_BETWEEN = re.compile(
    rf"(?<![\w.])(?i:{_RANK})[ \t]+#?(?P<v>\d{{2,6}})[ \t]+(?=[A-Z][a-z]){_NOT_A_NAME}"
)
_AFTER = re.compile(
    rf"(?<![\w.])(?i:{_RANK})[ \t]+(?:(?:[A-Z]\.|[A-Z][a-z'’-]+)[ \t]*){{1,3}}"
    r"#[ \t]?(?P<v>\d{2,7})(?![\w.-]|[.,]\d)"
)

# Session 59: what may not be the number in the two shapes below (a year: "Sgt Munro 2019
# report") or follow it (a unit, a count, a time).
_NO_UNIT_AFTER = (
    r"(?<!(?<!\d)19\d\d)(?<!(?<!\d)20\d\d)(?![\w.-]|[.,]\d)"
    r"(?![ \t]*(?:%|(?i:mg|mcg|g|kg|ml|l|units?|iu|mmol|doses?|tabs?|"
    r"tablets?|caps?|times|x|h|hrs?|hours?|mins?|minutes?|days?|weeks?|months?|years?|am|pm)\b))"
)
_RANK_NO_DC = (
    r"(?:PC|PCSO|WPC|Sgt\.?|Sergeant|Constable|Const\.?|Officer|Deputy|Trooper|"
    r"Det\.?|Detective|Insp\.?|Inspector)"
)
# Review59d: a surname with a capital inside ("O'Brien", "Smith-Jones", "McLeod") too, and the
# whole written in capitals ("SGT MUNRO 1184").
_SURNAME = r"(?:[A-Z][a-z]*(?:['’-]?[A-Z][a-z]+)+|[A-Z][a-z'’-]+)"
_NAME_THEN_NUMBER = re.compile(
    rf"(?<![\w.])(?-i:{_RANK_NO_DC})[ \t]+(?:(?:[A-Z]\.[ \t]*)?{_SURNAME}[ \t]+){{1,2}}"
    rf"(?P<v>\d{{3,6}}){_NO_UNIT_AFTER}"
    rf"|(?<![\w.])(?:PC|PCSO|WPC|SGT\.?|SERGEANT|CONSTABLE|OFFICER|DEPUTY|TROOPER|DET\.?|"
    r"DETECTIVE|INSP\.?|INSPECTOR)[ \t]+(?:[A-Z]{2,}(?:['’-][A-Z]+)*[ \t]+){1,2}"
    rf"(?P<w>\d{{3,6}}){_NO_UNIT_AFTER}"
)
_NUMBER_THEN_VERB = re.compile(
    rf"(?<![\w.])(?-i:(?:PCSO|WPC|Sgt\.?|Sergeant|Constable|Const\.?|Officer|Deputy|"
    r"Trooper|Det\.?|Detective|Insp\.?|Inspector)[ \t]+(?P<v>\d{3,6})"
    rf"){_NO_UNIT_AFTER}(?=[ \t]+[a-z])"
)


def _drug_between(words: str) -> bool:
    """Review59d: "PC Paracetamol 1000 daily" is a dose after meals (post cibum), not an
    officer: after "PC", a clinical word before the number refuses the officer's shape."""
    if not words.startswith("PC "):
        return False
    lex = lexicon()
    return any(
        lex.clinical(lower) and not lex.name_like(lower)  # "PC Parkinson 4471" is an officer
        for lower in (word.lower() for word in re.findall(r"[A-Za-z'’-]+", words)[1:])
    )


# Session 60 (deid60b): an American rank's name, then a clock time and what the officer did at it
# ("Officer Jones 1230 arrived", "Deputy Ruiz 0915 left"): the time of the event, not a number.
# British collar numbers stay whatever their digits ("PC Jones 2231 attended").
_TIME_THEN_EVENT = re.compile(
    r"(?:[01]\d|2[0-3])[0-5]\d[ \t]+(?:arrived|attended|left|departed|returned|called|rang|"
    r"phoned|cleared|responded|reported|stated)\b"
)
_AMERICAN_RANK = re.compile(r"(?i:Officer|Deputy|Trooper)\b")


def _time_of_event(text: str, rank_start: int, start: int) -> bool:
    """Whether the number at ``start`` is a clock time with the event after it, after an
    American rank at ``rank_start``."""
    return bool(_AMERICAN_RANK.match(text, rank_start) and _TIME_THEN_EVENT.match(text, start))


def collar_number_candidates(text: str) -> Iterator[Redaction]:
    """Officers' collar and badge numbers in ``text`` (see the module's docstring)."""
    for pattern in (_BETWEEN, _AFTER, _NAME_THEN_NUMBER, _NUMBER_THEN_VERB):
        for match in skipped_finditer(pattern, text):
            group = "v" if match.group("v") is not None else "w"
            start, end = match.start(group), match.end(group)
            if pattern is _NAME_THEN_NUMBER and (
                _drug_between(text[match.start() : start])
                or _time_of_event(text, match.start(), start)
            ):
                continue
            yield Redaction("id_number", start, end, text[start:end], label("id_number"))
