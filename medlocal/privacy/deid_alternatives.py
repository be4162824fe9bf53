"""Speed (session 41): a pattern of alternatives, some of which open a word with listed strings.

Many fixed-form patterns are alternatives joined at their top ("(?<!\\w)(?=\\w)(?i:\\b(?:on|
since|from|...)...)|(?<![\\d/.])\\d\\d/\\d\\d"): the word-start test stands in front of the first
only, so deid_word_starts cannot read the whole pattern's openings, and the engine enters the
pattern at every place its round-19 skipper admits, trying every alternative there (a street word
of many countries, a highway's, a date's cue word: 10-35 ms each of a 20-page record). Here the
pattern is split at its top-level bars; each alternative that opens a word with one of a list of
strings (``word_openings`` of it with the word-start test in front, which changes none of its
matches where every way through it opens a word) is found through the text's word-start index,
and the other alternatives, joined again as one pattern, are searched for (through their own
skipper in a long text). The pattern itself is then asked (``pattern.match``) at each place, in
order, from where its last match ended.

Exact: the pattern matches at a place exactly where one of its alternatives does; each listed
place of a keyed alternative is a superset of where that alternative matches (see
deid_word_starts), and the others' search finds the first place from where it stands where one
of them matches (the text before a place is read as before: look-behinds see it); the match read
at a place is the pattern's own, every alternative tried in its order. A pattern whose
alternatives refer to groups (a back reference, a conditional), that may match nothing, or whose
top-level bars are not read as the parse reads them is not split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from medlocal.privacy.deid_first_characters import _C, _parser, skipper_of
from medlocal.privacy.deid_word_starts import Openings, read_openings, shortest_prefixes

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)...": in pattern.flags as well
_Items = list[tuple[Any, Any]]


class Alternatives(NamedTuple):
    """How a pattern's matches are found: the openings of its keyed alternatives (one list of
    places in the word-start index), and its other alternatives as one pattern (None where
    every alternative is keyed)."""

    openings: Openings
    # The keyed alternatives alone, in their order: asked first at a listed place where the
    # others do not match, so the whole pattern (every alternative) is asked only where one of
    # them matches.
    keyed: re.Pattern[str]
    rest: re.Pattern[str] | None


def top_level_alternatives(written: str) -> list[str] | None:
    """``written`` split at its top-level bars (outside groups and sets); None where a set or a
    group is not closed as expected."""
    pieces: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(written)
    while i < n:
        char = written[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 1
            if i < n and written[i] == "^":
                i += 1
            if i < n and written[i] == "]":
                i += 1  # a "]" first in a set is one of its members
            while i < n and written[i] != "]":
                i += 2 if written[i] == "\\" else 1
            if i >= n:
                return None
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            pieces.append(written[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    pieces.append(written[start:])
    return pieces


_REFERENCES = frozenset(
    op for op in (getattr(_C, "GROUPREF", None), getattr(_C, "GROUPREF_EXISTS", None)) if op
)


def _refers(node: Any) -> bool:
    """Whether a parse (any nesting of its items) holds a back reference or a conditional."""
    if isinstance(node, tuple) and len(node) == 2 and node[0] in _REFERENCES:
        return True
    if isinstance(node, (list, tuple)) or type(node).__name__ == "SubPattern":
        return any(_refers(part) for part in node)
    return False


class Reading(NamedTuple):
    """What is read of a pattern's parse at import: the openings of its keyed alternatives and
    which of its alternatives, in order, are keyed."""

    openings: Openings
    keyed: tuple[bool, ...]


def read_alternatives(
    pattern: re.Pattern[str],
    opens_word: Callable[[_Items], bool],
    items: _Items | None = None,
) -> Reading | None:
    """Which alternatives of ``pattern`` are keyed (see the module's notes), or None where none
    is or the pattern is not split. ``opens_word``: whether every match of a parse opens a word
    (deid_patterns' reading), so the word-start test in front changes none of them; ``items``:
    the pattern's parse, where the caller has it."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    try:
        if items is None:
            items = list(_parser.parse(pattern.pattern, pattern.flags))
        if len(items) != 1 or items[0][0] is not _C.BRANCH or _refers(items):
            return None
        alternatives = items[0][1][1]
        if any(alternative.getwidth()[0] == 0 for alternative in alternatives):
            return None  # one may match nothing
        keys: set[str] = set()
        prefixes: set[str] = set()
        keyed: list[bool] = []
        for alternative in alternatives:
            openings = read_openings(list(alternative)) if opens_word(list(alternative)) else None
            keyed.append(openings is not None)
            if openings is not None:
                keys |= openings.keys
                prefixes |= openings.prefixes
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected
    if not any(keyed):
        return None
    # No key the start of another (deid_word_starts.WordStarts.places reads them so).
    kept: set[str] = set()
    for key in sorted(keys, key=len):
        if not any(key.startswith(shorter) for shorter in kept):
            kept.add(key)
    return Reading(Openings(frozenset(kept), shortest_prefixes(prefixes)), tuple(keyed))


def compile_alternatives(pattern: re.Pattern[str], reading: Reading) -> Alternatives | None:
    """The keyed alternatives of ``pattern`` and the others, each joined and compiled (made on
    a pattern's first long text: compiling them all costs a tenth of a second); None where the
    top-level bars are not read as the parse reads them."""
    flags = _GLOBAL_FLAGS.match(pattern.pattern)
    body = pattern.pattern[flags.end() :] if flags else pattern.pattern
    pieces = top_level_alternatives(body)
    if pieces is None or len(pieces) != len(reading.keyed):
        return None
    keyed = [piece for piece, is_keyed in zip(pieces, reading.keyed, strict=True) if is_keyed]
    rest = [piece for piece, is_keyed in zip(pieces, reading.keyed, strict=True) if not is_keyed]
    try:
        joined = re.compile("|".join(rest), pattern.flags) if rest else None
        return Alternatives(reading.openings, re.compile("|".join(keyed), pattern.flags), joined)
    except re.error:
        return None


def split_alternatives(
    pattern: re.Pattern[str], opens_word: Callable[[_Items], bool]
) -> Alternatives | None:
    """read_alternatives, then compile_alternatives, of ``pattern``."""
    reading = read_alternatives(pattern, opens_word)
    return None if reading is None else compile_alternatives(pattern, reading)


def rest_search(alternatives: Alternatives) -> Callable[[str, int], re.Match[str] | None] | None:
    """The search for where the other alternatives match, through their skipper (for a long
    text: see deid_first_characters.skipper_of); None where they have none, and the plain
    path is then taken."""
    if alternatives.rest is None:
        return _nowhere
    skipper = skipper_of(alternatives.rest)
    return None if skipper is None else skipper.search


def _nowhere(text: str, pos: int) -> re.Match[str] | None:
    return None


def alternative_matches(
    pattern: re.Pattern[str],
    text: str,
    places: list[int],
    keyed: re.Pattern[str],
    search: Callable[[str, int], re.Match[str] | None],
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, where each match opens at one of ``places`` (in
    order: the word starts where the ``keyed`` alternatives may match) or where ``search`` finds
    the other alternatives matching (its match's start is the place). Every match consumes a
    character (split_alternatives splits no pattern that may match nothing)."""
    match = pattern.match
    test = keyed.match
    count = len(places)
    i = 0
    pos = 0
    # Where the other alternatives next match, from where the last search stood (None: nowhere
    # from there on); searched again only once the matches have passed it.
    first = search(text, 0)
    other = None if first is None else first.start()
    while True:
        while i < count and places[i] < pos:
            i += 1
        if other is not None and other < pos:
            found_other = search(text, pos)
            other = None if found_other is None else found_other.start()
        if other is not None and (i == count or other <= places[i]):
            at = other  # one of the others matches here: the pattern does
        elif i < count:
            at = places[i]
            if test(text, at) is None:  # no alternative matches here
                pos = at + 1
                continue
        else:
            return
        found = match(text, at)
        if found is None:  # pragma: no cover - an alternative matched here
            pos = at + 1
            continue
        yield found
        pos = max(found.end(), at + 1)
