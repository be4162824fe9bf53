"""A code's last group of digits before a lower-case word (session 53, deid53b; issue 16).

The labelled code reader (deid_codes) takes a further group of digits only where no lower-case
word follows it, so that a count is never read into a code ("account 12345 2 tablets"). Serials
and references are printed in groups, and the sentence goes on after them: "S/N 21HK 0447 19 left
ear", "sensor serial 0A12 B4C9 22 expired", "ref 26 4471 08 sent": the last group stayed in view,
and a serial without its last group is still the device's.

A found device, reference, plate or health-plan code is grown over one or two more groups of two
to six capitals and digits after a single blank, where what follows is no count's noun: not a
unit or a time ("lot 5249017 10 mg", "SN 4471 12 weeks"), not a plural noun ("12 cores", "2
pumps"), not an adverb of frequency ("24 hourly"), not a decimal or a range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_pattern_context import UNIT_AFTER
from medlocal.privacy.deid_spans import Redaction

# The kinds whose values are printed in groups.
_CODE_KINDS = frozenset(
    {"device_id", "id_number", "vehicle_id", "health_plan_id", "account_number", "licence_number"}
)
# One more group after a single blank, then a lower-case word.
_GROUP = re.compile(r" (?P<g>(?=[A-Z]*\d)[A-Z0-9]{2,6})(?=[ \t]+(?P<w>[a-z][a-z'-]*))")
_UNIT = re.compile(UNIT_AFTER)
# Words after a number that make it a count or a time however they end.
_COUNTING = frozenset(
    {"x", "of", "per", "times", "more", "less", "other", "further", "extra", "out", "total",
     "percent", "year", "month", "week", "day", "hour", "minute", "second", "hourly", "daily",
     "weekly", "monthly", "yearly", "cm", "mm", "kg", "mg", "ml", "units", "unit", "am", "pm",
     "h", "hr", "hrs", "min", "mins", "wk", "wks", "mo", "yr", "yrs", "y", "yo", "doses", "dose",
     "cycle", "cycles", "fr", "french", "g", "gauge", "mcg", "iu", "tabs", "tab", "caps",
     "puffs", "drops", "beats", "breaths", "point", "points", "degrees", "weeks", "days",
     # A range or a list goes on ("10 to 20", "2 or 3"), a lead count is an ECG's ("12 lead").
     "to", "or", "and", "lead", "leads", "at", "on", "in", "from", "over", "under"}
)  # fmt: skip


def _count_noun(word: str, text: str, at: int) -> bool:
    """Whether the lower-case ``word`` after a number (at ``at``) makes the number a count,
    a measure or a time."""
    if word in _COUNTING or _UNIT.match(text, at):
        return True
    # A plural noun ("12 cores", "2 pumps") or an adverb ("24 hourly", "3 weekly").
    plural = word.endswith("s") and not word.endswith("ss")
    return len(word) > 2 and (plural or word.endswith("ly"))


def code_tail_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The found codes of grouped kinds grown over their last groups before a word."""
    for red in found:
        if red.kind not in _CODE_KINDS or red.end <= red.start:
            continue
        end = red.end
        for _ in range(2):
            match = _GROUP.match(text, end)
            if match is None or _count_noun(match.group("w"), text, match.end("g")):
                break
            end = match.end("g")
        if end > red.end:
            yield Redaction(red.kind, red.start, end, text[red.start : end], red.replacement)
