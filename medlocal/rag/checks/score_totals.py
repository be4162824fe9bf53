"""The top of a score's scale as a sentence writes it: the 10 of "pain 6/10" or "6 out of 10",
the 15 of "GCS 14/15". It says which scale the score is on, not a result of its own, so it is
no value to find in the passages: a chart writes the scale once in its heading ("Pain (0-10)"),
where the value checks read it as a range's limit (heldout12: "her pain score reached 6 out of
10" flagged as "a reference range's upper limit")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise

from medlocal.values import Value

# What joins a score to its scale's top: a slash, or "out of".
_OVER = re.compile(r"\s*(?:/|out\s+of)\s*", re.IGNORECASE)


def score_totals(body: str, values: Sequence[Value], evidence_text: str) -> set[int]:
    """The starts of ``values`` that are the top of a score's scale: a plain number (no unit)
    right after another plain number and a slash or "out of", not smaller than it ("6/10",
    "5 out of 5"; not a blood pressure's "120/80"), that the cited passages write too (their
    scale's "(0-10)"). A top they do not write is a count or a result to find: "3 out of 14
    lymph nodes" against "3/12", Snellen's "6/12" against "6/9" (review63g)."""
    found: set[int] = set()
    for score, top in pairwise(values):
        if not (_plain(score) and _plain(top)):
            continue
        joint = body[score.start + len(score.raw) : top.start]
        if (
            _OVER.fullmatch(joint)
            and Decimal(score.canonical) <= Decimal(top.canonical)
            and re.search(rf"(?<![\d.]){re.escape(top.canonical)}(?!\d|\.\d)", evidence_text)
        ):
            found.add(top.start)
    return found


def _plain(value: Value) -> bool:
    return (
        value.kind == "number"
        and value.unit is None
        and _NUMBER.fullmatch(value.canonical) is not None
    )


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
