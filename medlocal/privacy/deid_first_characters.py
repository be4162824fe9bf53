"""Speed: a look-ahead for the characters a pattern's matches can open with.

A pattern that opens with a look-around (a word-start test, "(?<![\\w@.])", "\\b") gives the
regular expression engine no first character to skip to, so it runs the look-around and then
every alternative at every position: a dozen street words or forty weekday and month names tried
at each of ten thousand words of a 20-page record (29 ms for the highway pattern alone). A
look-ahead in front for the characters a match can open with turns most positions away with one
set test: a quarter of the time of the fixed-form patterns, a half of the date forms'.

The look-ahead is read from CPython's own parse of the pattern (re._parser, private but there
from 3.11 on) and written back from the pattern's own literals and sets, under the same case
flags, so the engine folds case in it as in the pattern ("K" and the Kelvin sign alike): it
admits every character a match can open with, and changes no match. Where the internals differ,
where the opening is not read (a negated set, any character, a back reference), where the set
is wide (most letters), or where the pattern opens with a character the engine already skips
to, there is no look-ahead, and the pattern is matched as written.
"""

from __future__ import annotations

import importlib
import re
import string
from typing import Any

_C: Any = None
_parser: Any = None
try:
    _C = importlib.import_module("re._constants")
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python's internals
    _parser = None

# Of the 62 ASCII letters and digits, how many a look-ahead may admit and still pay: a wider one
# turns few positions away and costs its own test at each (measured: the test then slows a
# pattern by a tenth).
_WIDE = 40
_ALPHANUMERICS = string.ascii_letters + string.digits
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)...": must stay first

_Items = list[tuple[Any, Any]]


class _NotRead(Exception):
    """The pattern's opening is not read (a negated set, any character, a back reference)."""


def _set_members(items: Any) -> list[str]:
    """The members of a parsed character set, written back as set syntax."""
    syntax = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_SPACE: r"\s"}
    parts: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _C.CATEGORY and av in syntax:
            parts.append(syntax[av])
        else:
            raise _NotRead  # a negated set or category: no short list of characters
    return parts


def _openers(items: _Items, *, ignore_case: bool, cased: set[str], folded: set[str]) -> bool:
    """Add to ``cased`` (matched as written) and ``folded`` (matched ignoring case) the set
    members that the first character ``items`` consume can match; True where some way through
    ``items`` consumes nothing (so what follows may open the match)."""
    for op, av in items:
        if op is _C.AT or op is _C.ASSERT or op is _C.ASSERT_NOT:
            continue  # zero width: the first character is consumed after it
        if op is _C.LITERAL or op is _C.IN:
            members = [re.escape(chr(av))] if op is _C.LITERAL else _set_members(av)
            (folded if ignore_case else cased).update(members)
            return False
        if op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
            sub = av
            inner_case = ignore_case
            if op is _C.SUBPATTERN:
                _, add, remove, sub = av
                inner_case = (ignore_case or bool(add & re.IGNORECASE)) and not (
                    remove & re.IGNORECASE
                )
            # A group's flags end with it: what follows a group that may be empty is read
            # under the outer flags.
            if not _openers(list(sub), ignore_case=inner_case, cased=cased, folded=folded):
                return False
        elif op is _C.BRANCH:
            empty = [
                _openers(list(alt), ignore_case=ignore_case, cased=cased, folded=folded)
                for alt in av[1]
            ]
            if not any(empty):
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            least, _, sub = av
            empty_sub = _openers(list(sub), ignore_case=ignore_case, cased=cased, folded=folded)
            if least > 0 and not empty_sub:
                return False
        else:
            raise _NotRead  # any character, a back reference, a conditional group, ...
    return True


def _opens_with_a_look_around(items: _Items) -> bool:
    """Whether the engine finds no character to skip to: the pattern opens (inside its groups)
    with a look-around or a boundary, or with alternatives not all opened by a character. A
    pattern that opens with a character or a set is skipped to by the engine itself, faster
    than a look-ahead would."""
    while items:
        op, av = items[0]
        if op is _C.SUBPATTERN:
            items = list(av[-1])
            continue
        if op is _C.BRANCH:
            return not all(alt and next(iter(alt))[0] is _C.LITERAL for alt in av[1])
        return op is _C.AT or op is _C.ASSERT or op is _C.ASSERT_NOT
    return False


def first_character_test(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` with a look-ahead in front for the characters its matches open with (it
    finds what ``pattern`` finds, with the same groups), or None where there is none or it
    would not pay."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None  # another alphabet's \\w and case: not read here
    cased: set[str] = set()
    folded: set[str] = set()
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not _opens_with_a_look_around(items):
            return None
        ignore_case = bool(pattern.flags & re.IGNORECASE)
        if _openers(items, ignore_case=ignore_case, cased=cased, folded=folded):
            return None  # may match nothing: no first character to test
    except (_NotRead, re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected, or an opening not read
    ways = [f"[{''.join(sorted(cased))}]"] if cased else []
    if folded:
        ways.append(f"(?i:[{''.join(sorted(folded))}])")
    if not ways:
        return None
    test = re.compile(f"(?={'|'.join(ways)})")
    if sum(test.match(c) is not None for c in _ALPHANUMERICS) > _WIDE:
        return None
    flags = _GLOBAL_FLAGS.match(pattern.pattern)  # in pattern.flags as well
    body = pattern.pattern[flags.end() :] if flags else pattern.pattern
    return re.compile(f"{test.pattern}(?:{body})", pattern.flags)
