"""A redaction (what is removed, where, and what replaces it) and how a list of them is applied."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass

from medlocal.privacy.deid_date_cue_words import CUE

# The replacement written for each kind of identifier (ages over 89 become "90+", dates are
# shifted: those replacements are made where they are found).
LABELS = {
    "patient_name": "[NAME]",
    "name": "[NAME]",
    "mrn": "[MRN]",
    "ssn": "[SSN]",
    "email": "[EMAIL]",
    "url": "[URL]",
    "ip_address": "[IP]",
    "phone": "[PHONE]",
    "fax": "[FAX]",
    "street_address": "[ADDRESS]",
    "city": "[CITY]",
    "county": "[COUNTY]",
    "location": "[LOCATION]",
    "facility": "[FACILITY]",
    "zip_code": "[ZIP]",
    "id_number": "[ID]",
    "health_plan_id": "[ID]",
    "account_number": "[ID]",
    "licence_number": "[ID]",
    "vehicle_id": "[ID]",
    "device_id": "[ID]",
    "dob": "[DOB]",
    "date": "[DATE]",
    "age_over_89": "90+",
}


# Candidates covering the same text are resolved by start, then length, then this order.
PRIORITY = {
    "dob": 0, "mrn": 1, "ssn": 2, "email": 3, "url": 4, "ip_address": 5, "patient_name": 6,
    "fax": 7, "phone": 8, "street_address": 9, "city": 10, "zip_code": 11, "date": 12,
    "name": 13, "age_over_89": 14, "health_plan_id": 15, "account_number": 16,
    "licence_number": 17, "vehicle_id": 18, "device_id": 19, "id_number": 20, "facility": 21,
    "county": 22, "location": 23,
}  # fmt: skip
# Replacements that carry a value (a shifted date, "90+"): when such a span grows by merging
# with an overlapping one, it falls back to its plain label.
_MERGED_LABEL = {"date": "[DATE]", "dob": "[DOB]", "age_over_89": "90+"}


def label(kind: str) -> str:
    return LABELS.get(kind, "[REDACTED]")


@dataclass(frozen=True)
class Redaction:
    kind: str
    start: int
    end: int
    original: str
    replacement: str


def apply_redactions(text: str, redactions: Iterable[Redaction]) -> str:
    # One pass joining the kept pieces: splicing each redaction into a copy of the whole text
    # was quadratic (a 20-page record with a thousand redactions copied 60 MB).
    pieces: list[str] = []
    at = 0
    for red in sorted(redactions, key=lambda r: r.start):
        if red.start < at:  # overlapping spans are resolved before; keep the first one's end
            continue
        pieces += (text[at : red.start], red.replacement)
        at = red.end
        gap = _COLUMN_GAP.match(text, at)
        if (
            gap is not None
            and len(red.replacement) != red.end - red.start
            and _column_starts(text, gap.end())
        ):
            pieces.append(_column_gap(gap, red.end - red.start - len(red.replacement)))
            at = gap.end()
    pieces.append(text[at:])
    return "".join(pieces)


# The blanks after a table's cell: two or more before the next column, or any before a rule
# ("| John Smith  |").
_COLUMN_GAP = re.compile(r" {2,}(?=[^ \n])| +(?=[|¦])")


def _column_starts(text: str, at: int) -> bool:
    """Whether a table's column starts at ``at``: on the line above or below, a cell or a rule
    starts at the same place (a typed double space in a sentence, or the gap between two
    fields of one line, is left as it was)."""
    line = text.rfind("\n", 0, at) + 1
    column = at - line
    rule = text[at] in "|¦"
    above_end = line - 1
    above = text.rfind("\n", 0, max(0, above_end)) + 1 if above_end > 0 else -1
    below = text.find("\n", at)
    for start in (above, below + 1 if below >= 0 else -1):
        if start < 0:
            continue
        end = text.find("\n", start)
        row = text[start : end if end >= 0 else len(text)]
        if column >= len(row) or row[column] == " ":
            continue
        if rule:
            if row[column] in "|¦+":
                return True
        elif column == 0 or row[column - 1] in " |":
            return True
    return False


def _column_gap(gap: re.Match[str], shift: int) -> str:
    """The blanks after a cell whose text became ``shift`` characters shorter (longer where
    negative), so that the next column and the table's rules stay where they stood (walk 22:
    "+"-ruled tables lost their alignment); a column keeps two blanks, a rule one."""
    least = 1 if gap.string[gap.end() : gap.end() + 1] in "|¦" else 2
    return " " * max(least, len(gap.group()) + shift)


def resolve(text: str, candidates: Iterable[Redaction]) -> list[Redaction]:
    """Candidates from every detector, as non-overlapping redactions in text order. Where two
    overlap, the one that starts first (then the longer, then the higher in PRIORITY) gives the
    kind, and the union of both is removed: no detector's find survives."""

    def key(r: Redaction) -> tuple[int, int, int]:
        return (r.start, -(r.end - r.start), PRIORITY.get(r.kind, 99))

    # A heap rather than one sort: a candidate cut short (below) goes back in its new place.
    queue = [(key(r), n, r) for n, r in enumerate(candidates)]
    heapq.heapify(queue)
    count = len(queue)
    chosen: list[Redaction] = []
    while queue:
        red = heapq.heappop(queue)[2]
        if red.end <= red.start:
            continue
        if not chosen or red.start >= chosen[-1].end:
            chosen.append(red)
        elif _shifts_the_end_of(red, chosen[-1]):
            # "Sat. Feb. 1, 2025": the date is shifted as everywhere else, and the weekday
            # before it (which would no longer match) goes with it.
            last = chosen[-1]
            chosen[-1] = Redaction(
                "date", last.start, last.end, last.original, _cue_kept(red, last) + red.replacement
            )
        elif _names_the_same_words(text, red, chosen[-1]):
            # "Jones'" read as a name and "Jones" as the patient's: one word, one type, the
            # more specific (walk 26 listed the patient's surname as a place and as hers).
            last = chosen[-1]
            end = max(last.end, red.end)
            chosen[-1] = Redaction(
                red.kind, last.start, end, text[last.start : end], label(red.kind)
            )
        elif (piece := _past_a_value(text, red, chosen[-1])) is not None:
            heapq.heappush(queue, (key(piece), count, piece))
            count += 1
        elif (number := _number_before_a_date(text, red, chosen[-1])) is not None:
            chosen[-1] = number
            chosen.append(red)
        elif red.end > chosen[-1].end:
            last = chosen[-1]
            replacement = _MERGED_LABEL.get(last.kind, last.replacement)
            original = text[last.start : red.end]
            chosen[-1] = Redaction(last.kind, last.start, red.end, original, replacement)
    return chosen


def _past_a_value(text: str, red: Redaction, last: Redaction) -> Redaction | None:
    """The part of ``red`` after ``last`` when ``last`` carries a value (a date shifted, "90+")
    and ``red``, of another kind, runs on past it ("2026-11-01 John Smith", where a street rule
    read "11-01 John"): the date keeps its shifted value, and what follows keeps its own kind, so
    keeping the date in the preview never keeps the name. The same characters are removed."""
    if last.kind not in _MERGED_LABEL or red.kind == last.kind or red.end <= last.end:
        return None
    start = last.end
    while start < red.end and not text[start].isalnum():
        start += 1
    if start >= red.end:
        return None
    return Redaction(red.kind, start, red.end, text[start : red.end], red.replacement)


def _letters(text: str, start: int, end: int) -> str:
    return "".join(c for c in text[start:end] if c.isalnum()).lower()


def _names_the_same_words(text: str, red: Redaction, last: Redaction) -> bool:
    """Whether ``red`` holds the same letters and digits as ``last``, the span it overlaps (they
    differ only by punctuation or spaces around them), is of a kind higher in PRIORITY, and
    neither carries a value (a shifted date keeps its own span)."""
    return (
        red.kind != last.kind
        and PRIORITY.get(red.kind, 99) < PRIORITY.get(last.kind, 99)
        and red.replacement == label(red.kind)
        and last.replacement == label(last.kind)
        and _letters(text, red.start, red.end) == _letters(text, last.start, last.end)
    )


# Contact numbers read as "7-15 digits in any layout": the day of a date written right after one
# reads as one more group of the number ("Fax (02) 6344 7720 12 March 2025").
_CONTACT_KINDS = frozenset({"phone", "fax"})
_DATE_KINDS = frozenset({"date", "dob"})
_FEWEST_CONTACT_DIGITS = 7  # the fewest any telephone rule takes


def _number_before_a_date(text: str, red: Redaction, last: Redaction) -> Redaction | None:
    """``last``, a telephone or fax number, cut back to before ``red``, a date that begins
    inside it and runs on past it: the number had taken the date's first group, and merged, the
    date was removed as part of the number rather than shifted like the others (walk 26).
    None where what is left before the date is too short to be the number."""
    if (
        last.kind not in _CONTACT_KINDS
        or red.kind not in _DATE_KINDS
        or not last.start < red.start < last.end < red.end
    ):
        return None
    end = red.start
    while end > last.start and not text[end - 1].isalnum():
        end -= 1
    number = text[last.start : end]
    if sum(c.isdigit() for c in number) < _FEWEST_CONTACT_DIGITS:
        return None
    return Redaction(last.kind, last.start, end, number, last.replacement)


def _cue_kept(inner: Redaction, outer: Redaction) -> str:
    """The cue words before a shifted date inside a date span ("el 21.03.2025", "nato il
    03/07/1950", "semana del 16/3/2025"), written again before it (walk 47b: "el" vanished);
    a weekday is not (it moves with the date)."""
    before = outer.original[: inner.start - outer.start]
    return before if _CUE_ALONE.fullmatch(before) else ""


_CUE_ALONE = re.compile(rf"(?:{CUE})")


def _shifts_the_end_of(inner: Redaction, outer: Redaction) -> bool:
    """Whether ``inner`` is a date written out shifted (or cut to its year) that ends ``outer``,
    an opaque date span begun by a weekday or a cue."""
    before = outer.original[: inner.start - outer.start]
    return (
        inner.kind == outer.kind == "date"
        and inner.end == outer.end
        and outer.replacement == label("date")
        and inner.replacement != label("date")
        and not any(c.isdigit() for c in before)  # "am 8. September 2026": the day is outside
    )
