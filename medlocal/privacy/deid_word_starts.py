"""Speed (session 35): a pattern that opens a word is asked only at the words it can open.

Most fixed-form patterns match only at the start of a word (deid_patterns puts the word-start
test "(?<!\\w)(?=\\w)" in front of them) and open with one of a list of words: "MRN", "Medicare",
a weekday or a month of a dozen languages, a street word. The engine still enters each such
pattern at every word of the text (the round-19 skipper and the session-33 pair test turn most
away, but a weekday's "th", "ma", "sa" and "we" open a good share of English words), and there
tries its alternatives one by one. ``word_openings`` reads from CPython's own parse of a pattern
the first (up to three) characters its matches can open with, folded as deid_pattern_cues folds
them; ``WordStarts`` indexes one text's word starts by their first three folded characters once,
so each pattern is asked (``pattern.match``) only at the words that open with one of its keys.

Exact by construction, so no match changes:

* the word starts are the places where the word-start test itself holds, found with it;
* every match opens with one of the pattern's strings (a run of literals, a small set of
  characters written out, alternatives each opening with one of their own), folded; a way that
  opens with anything else (a wide set, a letter class) leaves the pattern unread, as does one
  that may consume nothing;
* every decimal digit, of the pattern (a literal, "\\d", "[0-9]") and of the text (any script's,
  as "\\d" reads them), reads as one mark, DIGIT_MARK (session 52): a match that opens with
  digits opens with the mark in the marked text, so a date's "\\d{1,2}/" is asked at the words
  "0/" and "00/" open, not at every word that starts with a digit; a short repeat (at most
  _UNROLLED times) is read as each of its counts;
* text and strings are folded alike (deid_pattern_cues.folded: two characters the engine
  matches ignoring case fold to one), and a match's first characters fold to a key's;
* the places are searched in order, each from where the last match ended (``matches_at``), as
  finditer does: ``pattern.match`` at a place finds what a search reaching that place finds (the
  text before it is read as before), and a place with no match is one a search skips.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

# CPython's regex internals (None on another Python, where no pattern is read).
from medlocal.privacy.deid_first_characters import _C, _parser
from medlocal.privacy.deid_pattern_cues import folded

# The word-start test deid_patterns puts in front of a pattern that opens a word.
WORD_START = r"(?<!\w)(?=\w)"
# Speed (session 59): the word starts found by the test with the word's first character
# consumed (the same places: the place after a word character is never a word start), which
# the engine steps through faster than a test that consumes nothing.
_WORD_STARTS = re.compile(r"(?<!\w)\w")
# How many characters of a match's opening are read (and of a word start indexed).
_KEY = 3
# A set of at most this many characters is written out as so many openings.
_SMALL_SET = 8
# At most this many openings are followed at once; beyond, each is cut where it stands (a
# shorter opening admits more words, never fewer).
_MOST_OPENINGS = 256
# A repeat of at most this many times is read as each of its counts ("\d{1,2}": one digit or
# two); a longer one is cut after its first time round.
_UNROLLED = 4
_ASCII_DIGITS = frozenset("0123456789")
# Every decimal digit reads as this one (see the module's notes).
DIGIT_MARK = "0"
_DIGIT = re.compile(r"\d")
_DIGITS_TO_MARK = bytes.maketrans(b"123456789", DIGIT_MARK.encode() * 9)
_CHARACTER_REFERENCE = re.compile(rb"&#(\d+);")


def digits_marked(text: str) -> str:
    """``text`` with every decimal digit (any script's, as "\\d" reads them) written as
    DIGIT_MARK: the same length, the same offsets."""
    if not text.isascii():
        # Another script's digits (rare): marked by the engine itself, as "\d" reads them.
        # A text's characters beyond ASCII are read cheaply as character references (0.3 ms of
        # a 20-page record; a search for them character by character costs 2-20 ms).
        beyond = _CHARACTER_REFERENCE.findall(text.encode("ascii", "xmlcharrefreplace"))
        if any(chr(int(code)).isdecimal() for code in set(beyond)):
            return _DIGIT.sub(DIGIT_MARK, text)
    # UTF-8 writes every character beyond ASCII with bytes beyond ASCII: a digit's byte is a
    # digit (0.3 ms; str.translate reads a text beyond ASCII character by character, 14 ms).
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(_DIGITS_TO_MARK).decode("utf-8", "surrogatepass")


@functools.cache
def _mark(char: str) -> str:
    """One character of a pattern as the marked, folded text reads it (kept: the build asks it
    for each of some 200,000 literals, session 53)."""
    read = folded(char)
    return DIGIT_MARK if read.isdecimal() else read


_Items = list[tuple[Any, Any]]


class Openings(NamedTuple):
    """What the matches of a pattern open with: ``keys``, folded strings of one to three
    characters, each digit read as DIGIT_MARK (none the start of another).
    ``prefixes``: the openings as read, whole (none the start of another; each starts with a
    key), where they are known: a word start whose folded text opens with none of them (and no
    digit) holds no match either (session 50: the weekday dates' keys "her", "dis", "mar"
    admitted 2,300 words of the 20-page record, where the engine tried some two hundred
    alternatives each, 5 microseconds a word, and found none)."""

    keys: frozenset[str]
    prefixes: frozenset[str] = frozenset()


class _NotRead(Exception):
    """A way through the pattern opens with something not read here."""


def _small_set(members: Any) -> set[str] | None:
    """The characters of a set of a few literals and short ranges; None otherwise."""
    chars: set[str] = set()
    for op, av in members:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < _SMALL_SET:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a negated set, a category, a wide range
        if len(chars) > _SMALL_SET:
            return None
    return chars


def _digit_only(op: Any, av: Any) -> bool:
    """An IN that takes decimal digits only ("\\d", "[0-9]", "[12]")."""
    if op is not _C.IN:
        return False
    for member_op, member in av:
        if member_op is _C.LITERAL and chr(member) in _ASCII_DIGITS:
            continue
        if member_op is _C.RANGE and {chr(member[0]), chr(member[1])} <= _ASCII_DIGITS:
            continue
        if member_op is _C.CATEGORY and member is _C.CATEGORY_DIGIT:
            continue
        return False
    return True


class _Reading:
    """The openings of a parse, read way by way."""

    def sequence(self, items: _Items, ways: set[str]) -> tuple[set[str], set[str]]:
        """(the openings that end inside ``items``, those still open at their end), each way
        through ``items`` read from each of ``ways`` (folded strings read so far; "" where
        nothing is consumed yet)."""
        done: set[str] = set()
        at, count = 0, len(items)
        while at < count:
            op, av = items[at]
            at += 1
            if not ways:
                break
            if op is _C.AT or op is _C.ASSERT or op is _C.ASSERT_NOT:
                continue  # zero width: the characters on either side are consumed in a row
            if op is _C.LITERAL:
                # A run of literals is read at once (speed, session 53: a set of ways made anew
                # for each letter of each listed word was most of the build's reading of
                # openings); appending the same letters keeps the ways as many as they were.
                run = [_mark(chr(av))]
                while at < count and items[at][0] is _C.LITERAL:
                    run.append(_mark(chr(items[at][1])))
                    at += 1
                tail = "".join(run)
                ways = {way + tail for way in ways}
            elif op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
                sub = av[-1] if op is _C.SUBPATTERN else av
                ended, ways = self.sequence(list(sub), ways)
                done |= ended
            elif op is _C.BRANCH:
                after: set[str] = set()
                for alternative in av[1]:
                    ended, still = self.sequence(list(alternative), ways)
                    done |= ended
                    after |= still
                ways = after
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and (
                av[1] <= _UNROLLED
            ):
                # Each count in turn, as alternatives ("\d{1,2}": "0" or "00"; "0?": "" or
                # "0"); a possessive or lazy repeat matches no count the others do not.
                least, most, sub = av
                after = set()
                for times in range(least, most + 1):
                    ended, still = self.sequence(list(sub) * times, ways)
                    done |= ended
                    after |= still
                ways = after
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
                least, _, sub = av
                ended, still = self.sequence(list(sub), ways)
                # Taken: the opening is cut after the first time round (a prefix of every
                # longer one); left out (least 0): the ways go on as they were.
                done |= ended | (still - {""})
                if least > 0:
                    ways = {""} if "" in still else set()
            else:
                chars = _small_set(av) if op is _C.IN else None
                if chars is not None:
                    marks = {_mark(char) for char in chars}
                    ways = {way + mark for way in ways for mark in marks}
                elif _digit_only(op, av):
                    ways = {way + DIGIT_MARK for way in ways}
                else:
                    if "" in ways:
                        raise _NotRead  # a wide set, a category, any character, ...
                    done |= ways - {""}
                    ways = set()
            if len(ways) > _MOST_OPENINGS:
                done |= ways - {""}
                ways &= {""}
        return done, ways


def _word_start_first(items: _Items) -> bool:
    """Whether ``items`` open with the word-start test itself, before every way through."""
    if len(items) < 2:
        return False
    (behind_op, behind), (ahead_op, ahead) = items[0], items[1]
    word = [(_C.IN, [(_C.CATEGORY, _C.CATEGORY_WORD)])]
    return bool(
        behind_op is _C.ASSERT_NOT
        and behind[0] == -1
        and list(behind[1]) == word
        and ahead_op is _C.ASSERT
        and ahead[0] == 1
        and list(ahead[1]) == word
    )


def word_openings(pattern: re.Pattern[str], items: _Items | None = None) -> Openings | None:
    """What the matches of ``pattern`` open with, where it opens with the word-start test and
    every way through it is read (see the module's notes); None otherwise. ``items``: the
    pattern's parse, where the caller has it."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None  # another alphabet's word starts than the index's
    if not pattern.pattern.startswith(WORD_START):
        return None
    try:
        if items is None:
            items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not _word_start_first(list(items)):
            return None  # the test in front of the first alternative only ("(?<!\w)(?=\w)A|B")
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected
    return read_openings(items)


def read_openings(items: _Items) -> Openings | None:
    """What the matches of the parse ``items`` open with (see word_openings, which reads the
    word-start test in front first; the reader passes over look-arounds), or None where a way
    through them is not read or consumes nothing. The caller knows that every match opens a
    word."""
    reading = _Reading()
    try:
        ended, still = reading.sequence(list(items), {""})
    except (_NotRead, re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # an opening not read, or internals not as expected
    if "" in still:
        return None  # a way that consumes nothing
    keys: set[str] = set()
    for key in sorted({opening[:_KEY] for opening in ended | still}, key=len):
        # Whether a shorter key opens it, by its own few openings (speed, session 53: not by
        # each key kept, hundreds for a list of words).
        if not any(key[:length] in keys for length in range(len(key))):
            keys.add(key)
    return Openings(frozenset(keys), shortest_prefixes(ended | still))


def shortest_prefixes(openings: Iterable[str]) -> frozenset[str]:
    """``openings`` less those that start with another of them (which admit no place the other
    does not): in sorted order a string's extensions follow it, before any other string."""
    kept: list[str] = []
    for opening in sorted(openings):
        if not kept or not opening.startswith(kept[-1]):
            kept.append(opening)
    return frozenset(kept)


# Per Openings with prefixes: for each key that none of them ends at, the prefixes it opens.
_TESTS: dict[Openings, dict[str, tuple[str, ...]]] = {}


def _prefix_tests(openings: Openings) -> dict[str, tuple[str, ...]]:
    """For each key of ``openings`` whose places a prefix test narrows (every prefix that opens
    with the key is longer than it), those prefixes; made once per Openings."""
    tests = _TESTS.get(openings)
    if tests is None:
        under: dict[str, list[str]] = {}
        for prefix in openings.prefixes:
            key = next(
                (prefix[:n] for n in range(1, _KEY + 1) if prefix[:n] in openings.keys), None
            )
            if key is not None:
                under.setdefault(key, []).append(prefix)
        tests = {
            key: tuple(prefixes)
            for key, prefixes in under.items()
            if all(len(prefix) > len(key) for prefix in prefixes)
        }
        # A key no prefix opens with (prefixes not read as the keys were) is left as it is.
        _TESTS[openings] = tests
    return tests


class WordStarts:
    """One text's word starts (where the word-start test holds), by the first three characters
    of the folded text there, its digits marked (digits_marked); built on first use. Kept for
    one text only (a preview's words never outlive it)."""

    def __init__(self, text: str, folded_text: str) -> None:
        self._text = text
        self._folded = folded_text
        self._marked = ""
        self._by_key: dict[str, list[int]] | None = None
        self._by_prefix: dict[str, list[str]] = {}
        self._places: dict[Openings, list[int]] = {}

    @property
    def usable(self) -> bool:
        """Whether the folded text keeps every offset (see deid_pattern_cues.folded)."""
        return len(self._folded) == len(self._text)

    def _index(self) -> dict[str, list[int]]:
        if self._by_key is None:
            by_key: dict[str, list[int]] = {}
            folded_text = self._marked = digits_marked(self._folded)
            for at in [found.start() for found in _WORD_STARTS.finditer(self._text)]:
                key = folded_text[at : at + _KEY]
                places = by_key.get(key)
                if places is None:
                    by_key[key] = [at]
                else:
                    places.append(at)
            for key in by_key:
                for length in range(1, min(len(key), _KEY - 1) + 1):
                    self._by_prefix.setdefault(key[:length], []).append(key)
            self._by_key = by_key
        return self._by_key

    def places(self, openings: Openings) -> list[int]:
        """The word starts, in order, where a match with these openings may stand (kept for
        the patterns that share them)."""
        known = self._places.get(openings)
        if known is not None:
            return known
        by_key = self._index()
        tests = _prefix_tests(openings) if openings.prefixes else {}
        startswith = self._marked.startswith
        lists: list[Iterable[int]] = []
        for key in openings.keys:
            if len(key) == _KEY:
                places = by_key.get(key)
                keyed = [places] if places else []
            else:
                keyed = [by_key[longer] for longer in self._by_prefix.get(key, ())]
            prefixes = tests.get(key)
            if prefixes is not None:
                # Only the words that open with one of the key's whole openings.
                keyed = [[at for at in places if startswith(prefixes, at)] for places in keyed]
            lists.extend(keyed)
        # The lists are apart (no key is the start of another): sorting their runs is all.
        found = sorted(itertools.chain.from_iterable(lists))
        self._places[openings] = found
        return found


def matches_at(pattern: re.Pattern[str], text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, where every match opens at one of ``places``
    (in order) and consumes a character."""
    match = pattern.match
    pos = 0
    for at in places:
        if at < pos:
            continue
        found = match(text, at)
        if found is not None:
            yield found
            pos = max(found.end(), at + 1)
