"""Speed: the strings a pattern cannot match without, so text that holds none is not scanned.

Most fixed-form patterns match only around a cue ("MRN", "Medicare", "Highway", a month's
name): on a 20-page record two in three of them find nothing, and each still scans the whole
text (about 1.8 ms each). ``required_cues`` reads, from CPython's own parse of a pattern
(re._parser, private but there from 3.11 on), clauses of literal strings: every match holds, for
each clause, one of its strings. ``TextCues`` indexes a text once and says on which lines a
string of every clause may stand: a pattern with none is skipped, and a pattern that reads no
line break (``line_bound``) is run on those lines only when they are few.

Exact by construction, so no match changes:

* a string is a run of literal characters that every match consumes in a row (a repeated group
  counts only where it must be taken once, an alternation only where each alternative holds a
  string of its own; look-arounds and sets are left out);
* strings and text are compared folded the way the engine folds case (``folded``); a pattern
  matched with case is tested ignoring it: a wider test, never a narrower one;
* the lines a string may stand on are a superset of those it stands on (see TextCues);
* a line_bound pattern run on a span of whole lines (``finditer(text, start, end)``) finds what
  it finds there in the whole text: it sees the text before the span as before, and at the
  span's end it reads nothing either way.

Where the internals differ or a pattern is not read, it has no clauses and is always scanned.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# CPython's regex internals, read once where the skippers read them (None on another Python).
from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_first_characters import _C, _parser

Clause = frozenset[str]
_Items = list[tuple[Any, Any]]

# The text and the cue strings are compared in one folded form: each character as
# str.lower() writes it ("İ" first as "i": the only character that it writes as two), then each
# character that the engine takes for others ignoring case beyond their lower case (re._casefix:
# "ı" and "i", "ſ" and "s", the final sigma, ...) as the least of them. Two characters the engine
# matches ignoring case then fold alike (checked against the engine in the tests).
_FOLD_FIRST = str.maketrans({"\u0130": "i"})
_FOLD_EXTRAS: dict[int, int] = {}
try:
    _casefix = importlib.import_module("re._casefix")
    for _code, _others in _casefix._EXTRA_CASES.items():
        _FOLD_EXTRAS[_code] = min(_code, *_others)
except (ImportError, AttributeError):  # pragma: no cover - another Python's internals
    _parser = None  # no cue is read: every pattern is scanned as before


# Speed (session 50): the extras that fold a character to another (none of them ASCII), found
# with one engine pass first: str.translate looks each character of a text up in its table (6-7
# ms of the 20-page record, two tables), and most texts hold none of these.
_FOLD_MOVED = {code: least for code, least in _FOLD_EXTRAS.items() if code != least}
_MOVED = (
    re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD_MOVED) + "]") if _FOLD_MOVED else None
)


def folded(text: str) -> str:
    """``text`` as the cue test reads it (same length; see above)."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text:
        text = text.translate(_FOLD_FIRST)
    lower = text.lower()
    if _MOVED is not None and _MOVED.search(lower):
        lower = lower.translate(_FOLD_MOVED)
    return lower


def _best(clauses: list[Clause]) -> Clause | None:
    """The clause most likely to turn a text away: its shortest string the longest."""
    if not clauses:
        return None
    return max(clauses, key=lambda clause: (min(map(len, clause)), -len(clause)))


def _sequence(items: _Items) -> list[Clause]:
    """The clauses every match of ``items`` (one way through, in order) satisfies."""
    clauses: list[Clause] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            clauses.append(frozenset({folded("".join(run))}))
            run.clear()

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width: the characters on either side are consumed in a row
        close_run()
        if op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
            sub = av[-1] if op is _C.SUBPATTERN else av
            clauses.extend(_sequence(list(sub)))
        elif op is _C.BRANCH:
            ways = [_best(_sequence(list(alt))) for alt in av[1]]
            if all(way is not None for way in ways):
                clauses.append(frozenset().union(*(way for way in ways if way is not None)))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            least, _, sub = av
            if least > 0:
                clauses.extend(_sequence(list(sub)))
        # Anything else (a set, any character, a back reference, a conditional group)
        # consumes something unknown here: it only ends the run of literal characters.
    close_run()
    return clauses


def required_cues(pattern: re.Pattern[str], items: _Items | None = None) -> tuple[Clause, ...]:
    """Clauses of lower-case ASCII strings such that every match of ``pattern`` holds one
    string of each clause; () where none is read. ``items``: the pattern's parse, where the
    caller has it (parsing is most of the cost)."""
    if _parser is None:
        return ()
    try:
        if items is None:
            items = list(_parser.parse(pattern.pattern, pattern.flags))
        clauses = _sequence(list(items))
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return ()  # internals not as expected
    return tuple(sorted(set(clauses), key=lambda clause: (-min(map(len, clause)), sorted(clause))))


# A line break, as the set members of a parse name it.
_NEWLINE = 10
# Categories that hold a line break, and those that surely do not.
_BREAK_CATEGORIES: tuple[Any, ...] = ()
_NO_BREAK_CATEGORIES: tuple[Any, ...] = ()
if _C is not None:
    _BREAK_CATEGORIES = (
        _C.CATEGORY_SPACE, _C.CATEGORY_NOT_WORD, _C.CATEGORY_NOT_DIGIT, _C.CATEGORY_LINEBREAK,
    )  # fmt: skip
    _NO_BREAK_CATEGORIES = (
        _C.CATEGORY_DIGIT, _C.CATEGORY_WORD, _C.CATEGORY_NOT_SPACE, _C.CATEGORY_NOT_LINEBREAK,
    )  # fmt: skip


class _NotLineBound(Exception):
    """Some way through the pattern reads a line break, or the end of the text as such."""


def _member_holds_break(op: Any, av: Any, *, surely: bool) -> bool:
    """Whether a set member matches a line break: ``surely`` asks for certainty (a member not
    read here does not), otherwise for the possibility (a member not read here may)."""
    if op is _C.LITERAL:
        return bool(av == _NEWLINE)
    if op is _C.RANGE:
        return bool(av[0] <= _NEWLINE <= av[1])
    if op is _C.CATEGORY and av in _BREAK_CATEGORIES:
        return True
    if op is _C.CATEGORY and av in _NO_BREAK_CATEGORIES:
        return False
    return not surely


def _set_takes_break(members: Any) -> bool:
    members = list(members)
    if members and members[0][0] is _C.NEGATE:
        return not any(_member_holds_break(op, av, surely=True) for op, av in members[1:])
    return any(_member_holds_break(op, av, surely=False) for op, av in members)


def _check_lines(items: _Items, *, flags: int, behind: bool) -> None:
    """Raise _NotLineBound where a way through ``items`` may consume a line break or test for
    the end of the text (see line_bound). ``behind``: inside a look-behind, which reads only
    what comes before the place it is tested at, so it may read a line break (but a
    look-ahead inside it may not)."""
    for op, av in items:
        if op is _C.LITERAL:
            if av == _NEWLINE and not behind:
                raise _NotLineBound
        elif op is _C.IN:
            if not behind and _set_takes_break(av):
                raise _NotLineBound
        elif op is _C.NOT_LITERAL:
            if av != _NEWLINE and not behind:
                raise _NotLineBound
        elif op is _C.ANY:
            if flags & re.DOTALL and not behind:
                raise _NotLineBound
        elif op is _C.AT:
            # "$" without MULTILINE and "\\Z" hold at the end of the text only: at the end of
            # a line cut from it they would hold where they did not.
            if av is _C.AT_END_STRING or (av is _C.AT_END and not flags & re.MULTILINE):
                raise _NotLineBound
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            direction, sub = av
            _check_lines(list(sub), flags=flags, behind=direction == -1)
        elif op is _C.SUBPATTERN:
            _, add, remove, sub = av
            _check_lines(list(sub), flags=(flags | add) & ~remove, behind=behind)
        elif op is _C.ATOMIC_GROUP:
            _check_lines(list(av), flags=flags, behind=behind)
        elif op is _C.BRANCH:
            for alternative in av[1]:
                _check_lines(list(alternative), flags=flags, behind=behind)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            _check_lines(list(av[2]), flags=flags, behind=behind)
        elif op is _C.GROUPREF_EXISTS:
            _, yes, no = av
            _check_lines(list(yes), flags=flags, behind=behind)
            if no is not None:
                _check_lines(list(no), flags=flags, behind=behind)
        else:
            raise _NotLineBound  # a back reference, or something not read here


def line_bound(pattern: re.Pattern[str], items: _Items | None = None) -> bool:
    """Whether ``pattern`` finds, in a line cut from a text (``finditer(text, start, end)``
    with the line's bounds), exactly what it finds in that line of the whole text: no way
    through it, look-aheads included, consumes a line break ("\\s", "[^,]", "." with
    DOTALL), and none tests for the end of the text ("$" without MULTILINE, "\\Z"). At the end
    of the line such a pattern then reads nothing, whether the line ends the text or a line
    break follows; and a search from the line's start still sees what comes before it.
    ``items``: the pattern's parse, where the caller has it."""
    if _parser is None:
        return False
    try:
        if items is None:
            items = list(_parser.parse(pattern.pattern, pattern.flags))
        _check_lines(list(items), flags=pattern.flags, behind=False)
    except (_NotLineBound, re.error, AttributeError, TypeError, ValueError, IndexError):
        return False
    return True


# Where a pattern's cues stand on more than this share of a text's lines, the whole text is
# scanned: the engine skips along one long text faster than it starts on many short lines.
_COMMON_SHARE = 0.5


class TextCues:
    """On which lines of one text each cue string may stand, read once per text.

    An index from each three characters of the folded text to the lines that hold them (a bit
    per line): a cue can stand on a line only where each of its three-character pieces does, so
    the lines it gives are a superset of those that hold the cue (never fewer: no match is
    lost), for the cost of one pass over the text instead of one per cue (a text searched for
    each of the 2,800 cue strings took 80 ms of a 20-page record's 600)."""

    def __init__(self, text: str) -> None:
        self._folded = folded_text = folded(text)
        lines = folded_text.split("\n")
        self._line_starts: list[int] = []
        index: dict[str, int] = {}
        # Speed (session 55): the lines of one text, by what they say (a record repeats its
        # headings, blank lines and templates' fields: 410 of the twenty-page record's 772
        # lines differ), each with the bits of the lines that say it; each line's pieces are
        # read once and marked on all of them at once.
        same_lines: dict[str, int] = {}
        at = 0
        for number, line in enumerate(lines):
            self._line_starts.append(at)
            at += len(line) + 1
            same_lines[line] = same_lines.get(line, 0) | (1 << number)
        for line, bits in checked(same_lines.items(), every=64):
            for piece in {line[i : i + 3] for i in range(len(line) - 2)}:
                index[piece] = index.get(piece, 0) | bits
        self._index = index
        self._all = (1 << len(lines)) - 1
        self._count = len(lines)
        self._masks: dict[str, int] = {}
        # Line positions are read in the folded text: only where folding kept every offset.
        self._same_offsets = len(folded_text) == len(text)

    @property
    def folded_text(self) -> str:
        """The text as the cue test reads it (see folded)."""
        return self._folded

    def _mask(self, cue: str) -> int:
        """The lines (bits) on which ``cue`` may stand: all or none for a cue of fewer than
        three characters or one across a line break (looked up in the whole text)."""
        mask = self._masks.get(cue)
        if mask is not None:
            return mask
        if len(cue) < 3 or "\n" in cue:
            mask = self._all if cue in self._folded else 0
        else:
            mask = self._all
            index = self._index
            for i in range(len(cue) - 2):
                mask &= index.get(cue[i : i + 3], 0)
                if not mask:
                    break
        self._masks[cue] = mask
        return mask

    def lines(self, clauses: tuple[Clause, ...]) -> int:
        """The lines (bits) that may hold a string of every clause."""
        mask = self._all
        for clause in clauses:
            either = 0
            for cue in clause:
                either |= self._mask(cue)
                if either == self._all:
                    break
            mask &= either
            if not mask:
                break
        return mask

    def may_match(self, clauses: tuple[Clause, ...]) -> bool:
        """False only where a clause has no string in the text (the pattern cannot match)."""
        return bool(self.lines(clauses))

    def regions(self, clauses: tuple[Clause, ...]) -> list[tuple[int, int]] | None:
        """The spans of the text (runs of whole lines, without their final line break) that
        may hold a string of every clause: where a match of a line_bound pattern with these
        clauses must lie. [] where the text cannot hold one; None where the lines are most of
        the text's (scan the whole text)."""
        mask = self.lines(clauses)
        if not mask:
            return []
        if not self._same_offsets or mask.bit_count() > _COMMON_SHARE * self._count:
            return None
        starts, end_of_text = self._line_starts, len(self._folded)
        spans: list[tuple[int, int]] = []
        while mask:
            low = mask & -mask
            first = low.bit_length() - 1
            # The run of lines from this one on: its lowest bits, all set.
            run = ((mask >> first) + 1) & ~(mask >> first)
            last = first + run.bit_length() - 2
            mask &= ~((1 << (last + 1)) - 1)
            end = starts[last + 1] - 1 if last + 1 < len(starts) else end_of_text
            spans.append((starts[first], end))
        return spans


def anchored_lines(anchor: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (whole lines, without their final line break) that hold a match
    of ``anchor`` (one that reads no line break), in order and apart. Speed (session 41): a
    line_bound pattern every match of which holds such an anchor on its own line is run on
    these spans only (deid_patterns._matches), as on the regions above."""
    spans: list[tuple[int, int]] = []
    pos = 0
    search = anchor.search
    while (found := search(text, pos)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        if end < 0:
            end = len(text)
        spans.append((start, end))
        pos = end + 1
        if pos > len(text):
            break
    return spans
