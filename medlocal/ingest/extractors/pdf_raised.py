"""Small raised and lowered runs of a PDF line read back into their line; numbers raised after
a number as exponents: "10" then a small raised "9" is "10^9".

A typed lab report or a letter made in a word processor prints the power of a cell count's unit
as a smaller run set above the line (and a chemical's count below it: CO2). pypdf reads such a
run as the next characters of the line, "x 109/L" (a count a hundred million times its unit, at
a glance), or, where the run was placed by a move of its own, on a line of its own: "x 10", "9",
"/L". Its text reading is kept; the small runs seen while it read (their font size and baseline,
told to a visitor) are then written back into their line, a number raised right after a digit
as "10^9".

Only short runs (digits, letters, a star) in a font smaller than the run before, raised less than
that run's height or lowered less than half of it, are taken; a raised number after a word ("m2",
a reference "seen1") or a lowered one ("CO2") is joined to its line as it is, with no mark. Each
run is written back only right where pypdf's text holds it (the visitor is told that text piece by
piece, so its offset is known), and the line break after it is taken away only where the run
after it went on on the same line: a run at a line's end keeps the next line apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medlocal.ingest.extractors.powers import EXPONENT

# A small run is set in a font at most this share of the size of the run before it (Word sets
# superscripts and subscripts at about 2/3; a same-size run is never one).
_SMALLER = 0.85
# A run set nearly as large (up to this share; some report writers set an exponent at 90 %) is
# taken only when raised by _RAISED at least: on the baseline or lowered it is ordinary text.
_NEARLY = 0.95
_SMALL_TEXT = re.compile(r"[-−–]?[0-9A-Za-z]{1,3}|\*{1,3}|[†‡§]")
_NO_SPACE_BEFORE = frozenset("/),.;:")
# The word a power's exponent is raised after: 10, x10, ×10 (10^9/L, 10^12/L, 10^-3).
_POWER_OF_TEN = re.compile(r"[x×]?10")
# The widest a character of a text font is, as a share of its size (a capital W is ~0.95).
_WIDEST = 1.0
# A lowered run (a subscript) sits at most this share of the size below its line; a smaller run
# further down is the next line of a table set in smaller type, not part of this one.
_LOWERED = 0.5
# A run that pypdf's text has on a line of its own was moved there: it is taken only when moved
# off the baseline by at least this share of the size (a superscript or subscript set by a move),
# a power's exponent only when raised by at least _RAISED (Word, LibreOffice and browsers raise
# a superscript about a third of the size; a smaller cell centred in a table row sits well below
# that). A run on the baseline is taken only where pypdf's text has it glued to the word before
# (a text rise, or the same piece run on): a smaller label or cell on the same line ('Jane Doe'
# then a small 'MRN', a '10' then a small '3' in the next cell) stays apart.
_SHIFTED = 0.15
_RAISED = 0.25


@dataclass
class _Small:
    before: str  # the last word of the run before ("10", "x10", "m")
    text: str
    exponent: bool
    at: int  # where the run's text starts in pypdf's text of the page
    shift: float  # how far above its line's baseline it stands, as a share of the line's size
    spaced: bool = False  # the run after it begins with a space
    continued: bool = False  # the run after it stands on the same line as the run before it
    unit_after: bool = False  # the run after it opens with a unit's "/" ("/L", "/mm3", "/µL")


@dataclass
class RaisedNumbers:
    """Collects a page's small runs as pypdf's visitor reports each text run."""

    found: list[_Small] = field(default_factory=list)
    _before: str = ""
    _size: float = 0.0
    _baseline: float = 0.0
    _x: float = 0.0
    _direction: int = 0  # the line's direction, in whole degrees
    _pending: _Small | None = None  # the last small run, until the run after it is seen
    _offset: int = 0  # the length of pypdf's text told so far

    def visit(self, text: str, size: float, x: float, baseline: float, direction: int = 0) -> None:
        """One run as pypdf tells it: ``x`` along its line and ``baseline`` across it, in the
        frame its line runs in (``direction`` degrees from the page's x axis)."""
        start = self._offset
        self._offset += len(text)
        if not text.strip():
            return
        if self._pending is not None:
            self._pending.spaced = text[:1].isspace()
            self._pending.continued = abs(baseline - self._baseline) < _LOWERED * self._size
            self._pending.unit_after = text.lstrip()[:1] == "/"
            self._pending = None
        if direction == self._direction and self._is_small(text.strip(), size, x, baseline):
            words = self._before.split()
            # After a number only a power of ten's exponent is taken (see _is_small).
            self._pending = _Small(
                words[-1],
                text.strip(),
                words[-1][-1:].isdigit(),
                start + len(text) - len(text.lstrip()),
                (baseline - self._baseline) / self._size,
            )
            self.found.append(self._pending)
            self._before += text.strip()
            return  # the run before stays the one the next is measured against
        self._before = text.rstrip("\n")
        self._size = size
        self._baseline = baseline
        self._x = x
        self._direction = direction

    def _is_small(self, small: str, size: float, x: float, baseline: float) -> bool:
        words = self._before.split()
        if not words or self._before[-1:].isspace() or not 0 < size <= _NEARLY * self._size:
            return False  # nothing before it on the line, or no smaller font
        if size > _SMALLER * self._size and baseline - self._baseline < _RAISED * self._size:
            return False  # nearly the line's size and not raised: ordinary text
        if _SMALL_TEXT.fullmatch(small) is None:
            return False
        if not -_LOWERED * self._size < baseline - self._baseline < self._size:
            return False  # the next line (of a table in smaller type), or a line above
        if not self._reaches(x):
            return False
        if words[-1][-1:].isdigit():
            # After a number only a power of ten's exponent, raised (by a move or a text rise,
            # which keeps the baseline): "140" and a small "135" in a table's next cell, or a
            # lowered "3" after "12", is never read as one number.
            return (
                _POWER_OF_TEN.fullmatch(words[-1]) is not None
                and baseline > self._baseline - 0.5
                and EXPONENT.fullmatch(small) is not None
            )
        return True

    def _reaches(self, x: float) -> bool:
        """Whether a run starting at ``x`` can stand right after the run before: not left of
        its start, nor further right than its last line could reach (a run of another column,
        read on a line of its own, is no part of it)."""
        line = self._before.rsplit("\n", 1)[-1]
        return self._x <= x <= self._x + _WIDEST * self._size * len(line) + self._size

    def apply(self, text: str) -> str:
        """``text`` (pypdf's text of the page, as its visitor was told it) with each small run
        written back into its line."""
        if len(text) != self._offset:
            return text  # not the text the runs were measured in: left as read
        # From the last run back, so that the offsets of those before stay true.
        for run in reversed(self.found):
            text = _written_back(text, run)
        return text


def _written_back(text: str, run: _Small) -> str:
    """``text`` with ``run`` joined to the word before it, only where pypdf's text has the
    word right before the run (glued, or at the end of the line before)."""
    end = run.at + len(run.text)
    if text[run.at : end] != run.text or re.match(r"[\w.]", text[end : end + 1]):
        return text
    start = run.at - len(run.before)
    moved = text[start - 1 : run.at].startswith(f"{run.before}\n") if start > 0 else False
    if moved:
        start -= 1
    if start < 0 or text[start : start + len(run.before)] != run.before:
        return text
    if start > 0 and re.match(r"[\w.]", text[start - 1]):
        return text  # the end of a longer word or number: not the word the run followed
    if moved and (run.shift < _RAISED if run.exponent else abs(run.shift) < _SHIFTED):
        return text  # on a line of its own and (nearly) on the baseline: a cell, a label
    if run.exponent and moved and not (run.continued and run.unit_after):
        # Moved onto a line of its own, a small number after a "10" is taken for a power only
        # with a cell count's unit ("/L", "/mm3") going on after it on the line: else it may be
        # the next cell of a table set smaller ("Ferritin 10", then a small "12" at the top of
        # its cell: review 54a F6), left as read, never made a power. Glued to the "10" in
        # pypdf's text (a text rise), it stood right after it.
        return text
    # pypdf starts the line after a moved run with a space of its own, also in what it tells
    # the visitor (" /L"): kept where the rest is a word, never before a unit's "/" or
    # punctuation ("10^9/L", "m2,"). The line break after the run goes only where the run
    # after it went on on the same line.
    rest = end
    written = f"{run.before}{'^' if run.exponent else ''}{run.text}"
    if run.continued and text[end : end + 1] == "\n":
        rest = end + 1
        if text[rest : rest + 1] == " ":
            rest += 1
            after = text[rest : rest + 1]
            if run.spaced and not after.isspace() and after not in _NO_SPACE_BEFORE:
                written += " "
    return text[:start] + written + text[rest:]
