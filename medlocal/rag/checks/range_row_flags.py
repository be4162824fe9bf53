"""One flag for the values of one range's row that a sentence misattributes together.

An answer that pastes a lab row ("Potassium,5.9,mmol/L,3.5,5.3", "Potassium 5.9 mmol/L 3.5 5.3")
over a passage whose Low and High cells are the range's limits gives the two limits as plain
numbers beside the potassium: each was flagged "there it is the potassium reference range", two
flags for one problem (review57b F8), and a result swapped with a limit ("Potassium 5.3 mmol/L
(3.5-5.9)") was flagged twice too. The second value of such a pair joins the first one's flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from medlocal.rag.binding import Bound
from medlocal.rag.bound_comparison import describe
from medlocal.rag.checks.sentence_flags import SentenceCheck, quoted
from medlocal.rag.reference_ranges import REFERENCE_RANGE
from medlocal.values import Value


@dataclass(frozen=True)
class _Flagged:
    index: int  # of the flag in the sentence's flags
    value: Value
    theirs: Bound
    passage: int


@dataclass
class RangeRowFlags:
    """The misattributions of one sentence, each flagged once per range's row."""

    check: SentenceCheck
    body: str
    _flagged: list[_Flagged] = field(default_factory=list)

    def add(self, value: Value, theirs: Bound, passage: int, message: str) -> None:
        """Flag ``value`` (the passage ``passage`` gives it as ``theirs``) as misattributed,
        with ``message``; where the sentence's earlier misattributed value is another cell of
        the same range's row, name both in that value's flag instead."""
        earlier = next(
            (f for f in self._flagged if f.passage == passage and _one_row(f.theirs, theirs)),
            None,
        )
        if earlier is None:
            count = len(self.check.flags)
            self.check.add(
                "misattributed_value",
                value.raw,
                message,
                value.start,
                quote=quoted(theirs.sentence),
                passage=passage,
            )
            if len(self.check.flags) > count and _row_key(theirs) is not None:
                self._flagged.append(_Flagged(count, value, theirs, passage))
            return
        self.check.flagged.add(value.start)
        first = earlier.value
        token = self.body[first.start : value.start + len(value.raw)]
        flag = self.check.flags[earlier.index]
        self.check.flags[earlier.index] = replace(
            flag,
            token=token,
            token_end=flag.token_start + len(token),
            message=_both(first, earlier.theirs, value, theirs),
        )
        self._flagged.remove(earlier)


def _row_key(bound: Bound) -> str | None:
    """The measure whose range's row ``bound`` is a cell of: a limit's measure, or a result's
    own where the passage gives its range on its row."""
    return bound.range_of if bound.attribute == REFERENCE_RANGE else bound.attribute


def _one_row(a: Bound, b: Bound) -> bool:
    """Whether two passage values are cells of one range's row, one of them a limit."""
    return (
        a.sentence == b.sentence
        and a.value.start != b.value.start
        and REFERENCE_RANGE in (a.attribute, b.attribute)
        and _row_key(a) is not None
        and _row_key(a) == _row_key(b)
    )


def _both(first: Value, a: Bound, second: Value, b: Bound) -> str:
    # The row's two cells are named together: "the potassium reference range's limits", not
    # each with its side.
    a, b = replace(a, limit_side=None), replace(b, limit_side=None)
    said = f"'{first.raw}' and '{second.raw}' are in the cited passage, but"
    if a.attribute == b.attribute:
        there = f"there both are {describe(a)}'s limits"
    else:
        there = f"there '{first.raw}' is {describe(a)} and '{second.raw}' {describe(b)}"
    return f'{said} {there}, not as this sentence gives them: "{quoted(a.sentence)}"'
