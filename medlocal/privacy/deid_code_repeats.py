"""A code the rules removed where it was labelled, removed again where the note repeats it bare
(session 61, deid61b; issue 16).

A letter quotes its reference in the heading and again in its text ("Our ref CC-26-0419B ...
please quote CC-26-0419B on every page"), a form prints the member's number in two places, and a
record's later line names the plate or the case by its number alone. The rules read a code by
its label or its vehicle's word; the bare repetition has neither. Read: every other occurrence,
as a whole word, of the text of a code, reference, account, licence, plan, device or vehicle
span that some rule found in the same text. Only a code with letters and digits, or one of five
digits at least, is sought again: a short number ("12", "2026") recurs as a dose, a count or a
year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_pattern_context import UNIT_AFTER
from medlocal.privacy.deid_spans import Redaction

# The code kinds whose text is sought again.
_CODE_KINDS = frozenset(
    {
        "id_number", "health_plan_id", "account_number", "licence_number", "vehicle_id",
        "device_id", "mrn", "ssn",
    }
)  # fmt: skip
# What is sought: a digit and a letter, or five digits, and no space run or line break.
# A code is sought again only if it starts with a letter or a digit (so with such a run).
_SOUGHT = re.compile(
    r"(?:(?=.*[^\W\d_])(?=(?:.*\d){3})|(?=(?:.*\d){5}))(?!.*\s\s)(?=[^\W_])[^\n]{5,40}"
)
# A unit after a repetition makes it a measure that happens to share the code's digits ("Lot no.
# 50000 ... Heparin 50000 units", "MRN 1234567 ... 1234567 cells/µL"; review61b).
_UNIT = re.compile(UNIT_AFTER)
# A run of letters and digits.
_RUN = re.compile(r"[^\W_]+")


def repeated_code_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """Every other whole-word occurrence of a found code's text (see the module's docstring).

    A whole word's occurrence starts where a run of letters and digits starts, and that run is
    the code's own first run: the codes are looked up by it, one pass over the text's runs
    (review61b: a text.find() for each code was quadratic in a register of thousands)."""
    starts: set[int] = set()
    codes: dict[str, Redaction] = {}
    for red in found:
        starts.add(red.start)
        if red.kind in _CODE_KINDS and _SOUGHT.fullmatch(red.original) is not None:
            codes.setdefault(red.original, red)
    by_first_run: dict[str, list[str]] = {}
    for code in codes:
        first = _RUN.match(code)
        if first is not None:
            by_first_run.setdefault(first.group(), []).append(code)
    if not by_first_run:
        return
    for run in _RUN.finditer(text):
        at = run.start()
        for code in by_first_run.get(run.group(), ()):
            end = at + len(code)
            if (
                text.startswith(code, at)
                and at not in starts
                and _alone(text, at, end)
                and _UNIT.match(text, end) is None
            ):
                red = codes[code]
                yield Redaction(red.kind, at, end, code, red.replacement)


def _alone(text: str, start: int, end: int) -> bool:
    """Whether ``start``..``end`` is a whole word: no letter, digit or joined code beside it
    ("X-4419" holds no "4419"; a sentence's stop after it ends it)."""
    before = start > 0 and _continues(text[start - 1], text[start - 2 : start - 1])
    after = end < len(text) and _continues(text[end], text[end + 1 : end + 2])
    return not before and not after


def _continues(char: str, beyond: str) -> bool:
    """Whether ``char`` beside a code goes on with it: a letter or a digit, or a joining mark
    with one beyond it."""
    return char.isalnum() or (char in "_-/." and beyond.isalnum())
