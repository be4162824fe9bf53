"""The end of a found street or number that the rule finding it stopped short of (session 48).

Five shapes, each read only beside a span another rule (or the statistical line) found
(dev46 and the development halves' misses):

* a street's name that goes on after a slash, as Malaysia's and Singapore's do ("Jalan
  SS2/24", "Jalan 4/12B"): the rules stop at the slash and leave its second half;
* Ireland's "townland" after the townland's name ("Cnoc an Doire townland"), as a street's
  word after its name;
* a road named by initials, as India names its roads after people ("MG Road", "SV Road", "JP
  Nagar"): the rules found the road's word and left the capitals before it, which are its name
  (only where the span opens with a street's or a locality's word, so "MG" elsewhere stays
  myasthenia gravis);
* a corner of two streets the rules found apart, joined by the Philippines' "cor.", South
  Africa's and Australia's "cnr" or "corner (of)" ("Sampaguita St. cor. Kalayaan Ave."): the
  corner word between them names the place as much as the streets do;
* a health-service, national or reference number in groups of digits, wrapped at the line's
  end with its last group on the next line ("NHS no 677 211" / "4408, hosp ..."): the rule
  reads one line, so the last group stayed. The next line must open with that group alone
  (two to six digits, then punctuation or the line's end), no shorter than the group before
  the break (a number's groups do not shrink at its end), and the number with it holds at
  most sixteen digits: "NHS 485 777 3456" / "12 tablets" keeps its "12", and "Ref 4471 2231"
  / "2019 was ..." its year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from medlocal.privacy.deid_addresses import STREET_TYPES
from medlocal.privacy.deid_spans import Redaction

_STREET_SLASH = re.compile(r"/[A-Z0-9]{1,4}(?![\w/-])")
_TOWNLAND = re.compile(r"[ \t]+(?i:townland)\b")
_INITIALS_BEFORE = re.compile(r"(?:^|(?<=[ \t,;:(]))(?P<i>[A-Z]{2,3})[ ]\Z", re.M)
_ROAD_WORD = re.compile(rf"(?i:{STREET_TYPES}|nagar|marg|salai|colony|layout|bazaar)\b")
_CORNER = re.compile(r"\.?[ \t]+(?i:cor\.|cnr\.?|corner(?:[ \t]+of)?)[ \t]+\Z")
# The kinds of places a road's initials may open.
_PLACE_KINDS = frozenset({"street_address", "location", "city"})
# The kinds of numbers whose last group a line break may carry.
_NUMBER_KINDS = frozenset(
    {"ssn", "health_plan_id", "id_number", "account_number", "mrn", "licence_number"}
)
# The span ends a line in a spaced group of digits ("677 211"), and the next line opens with
# the last group alone.
_GROUPED_END = re.compile(r"\d[ ](?P<g>\d{2,6})\Z")
_WRAPPED_GROUP = re.compile(r"[ \t]*\n[ \t]*(?P<g>\d{2,6})(?=[ \t]*(?:[,;)]|\.(?!\d)|\n|\Z))")
_LONGEST = 16
_DIGITS_BEFORE = re.compile(r"[\d+][ \t-]?\Z")


def span_tail_spans(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """The spans of ``spans`` grown over the tail their rule left (see the module's docstring)."""
    spans = list(spans)
    streets = sorted((r for r in spans if r.kind == "street_address"), key=lambda r: r.start)
    for first, second in pairwise(streets):
        if 0 < second.start - first.end <= 16 and _CORNER.match(text[first.end : second.start]):
            yield _grown(text, first, first.start, second.end)
    for red in spans:
        if red.kind in _PLACE_KINDS and _ROAD_WORD.match(text, red.start):
            initials = _INITIALS_BEFORE.search(text, max(0, red.start - 5), red.start)
            if initials is not None:
                yield _grown(text, red, initials.start("i"), red.end)
        if red.kind == "street_address":
            tail = _STREET_SLASH.match(text, red.end) or _TOWNLAND.match(text, red.end)
            if tail is not None:
                yield _grown(text, red, red.start, tail.end())
        elif red.kind in _NUMBER_KINDS and (last := _GROUPED_END.search(red.original)):
            wrapped = _WRAPPED_GROUP.match(text, red.end)
            if wrapped is None or len(wrapped.group("g")) < len(last.group("g")):
                continue
            if _DIGITS_BEFORE.search(text, max(0, red.start - 3), red.start):
                continue  # a part of a longer number ("+49 30 [4505 6789 1234]"): count it all
            digits = sum(c.isdigit() for c in red.original) + len(wrapped.group("g"))
            if digits <= _LONGEST:
                yield _grown(text, red, red.start, wrapped.end("g"))


def _grown(text: str, red: Redaction, start: int, end: int) -> Redaction:
    return Redaction(red.kind, start, end, text[start:end], red.replacement)
