"""A result the sentence itself places on the wrong side of the limit it names: "her TSH of
5.1 mU/L is just below the lower limit of 0.4" (5.1 is above 0.4). Round 13 let "the lower
limit" rest on a passage's bracketed range, which took away the weak support that flagged such
a sentence by accident (review63g finding 8); whatever the passages say, the sentence cannot be
right.

Precision first: the result is the number right before the comparison (its unit, a verb and an
adverb between them at most: "5.1 mU/L is just below"), the limit the number right after a word
naming a limit ("limit", "cut-off", "threshold", "target", "normal", "reference", "ULN"), both in
one clause; a multiple or a share of the limit ("3 times the upper limit", "20% above the
upper limit of 40") is no result, and two different units are not compared.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from medlocal.rag.checks.sentence_flags import SentenceCheck

_NUMBER = r"\d+(?:\.\d+)?"
_UNIT = r"(?:[ \t]*(?P<{0}>%|[A-Za-zµμ]+(?:/[A-Za-z0-9.²]+)*))?"
_SIDE_OF_A_LIMIT = re.compile(
    rf"(?<![\d.,/])(?P<value>{_NUMBER})(?![\d.,/])(?!\s*(?:times|fold|x)\b)"
    + _UNIT.format("value_unit")
    + r",?\s+(?:(?:is|was|are|were|remains|remained|stays|stayed)\s+)?"
    r"(?:(?:just|well|slightly|far|still|now|only|clearly|markedly|mildly)\s+)?"
    r"(?P<direction>below|under|beneath|lower\s+than|less\s+than|above|over|higher\s+than"
    r"|greater\s+than|exceeding|exceeds)\s+"
    r"(?:the\s+|its\s+|his\s+|her\s+|their\s+)?(?:(?:lower|upper|bottom|top)\s+(?:end\s+)?)?"
    r"(?:limit|limits|cut-?\s?off|threshold|target|normal|reference|ULN|LLN)"
    r"(?:\s+(?:of\s+normal|limit|range|value))?\s*(?:of|at|is|was|:)?\s*"
    rf"(?P<limit>{_NUMBER})(?![\d.,/])" + _UNIT.format("limit_unit"),
    re.IGNORECASE,
)
_BELOW = frozenset({"below", "under", "beneath", "lower than", "less than"})
# Words the unit's pattern reads after a number that are no unit: "5.1 is below", "0.4 and".
_NO_UNIT = frozenset(
    {"is", "was", "are", "were", "remains", "remained", "stays", "stayed", "and", "or", "but",
     "just", "well", "slightly", "far", "still", "now", "only", "clearly", "markedly", "mildly",
     "which", "so", "in", "on", "at", "with", "by", "for", "from", "to", "the", "a", "an"}
)  # fmt: skip


def _unit(raw: str | None) -> str | None:
    return None if raw is None or raw.lower() in _NO_UNIT else raw


def _decimal(raw: str) -> Decimal | None:
    try:
        return Decimal(raw)
    except (InvalidOperation, ValueError):
        return None


def _comparable(mine: str | None, theirs: str | None) -> bool:
    """Whether two units may be compared: the same, or the limit's left out, unless the result
    is a share ("20% above the upper limit of 40")."""
    if mine and theirs:
        return mine.lower() == theirs.lower()
    return mine != "%"


def check_named_limit_sides(check: SentenceCheck, body: str) -> None:
    """Flag a result that the sentence says is below a limit it exceeds, or above one it does
    not reach (``range_conflict``)."""
    for m in _SIDE_OF_A_LIMIT.finditer(body):
        if not _comparable(_unit(m.group("value_unit")), _unit(m.group("limit_unit"))):
            continue
        value, limit = _decimal(m.group("value")), _decimal(m.group("limit"))
        if value is None or limit is None:
            continue
        direction = " ".join(m.group("direction").lower().split())
        below = direction in _BELOW
        if (value < limit) if below else (value > limit):
            continue
        check.add(
            "range_conflict",
            m.group(0),
            f"'{m.group(0)}': {m.group('value')} is not {direction} {m.group('limit')};"
            f" the sentence places the result on the wrong side of the limit it names",
            m.start(),
        )
