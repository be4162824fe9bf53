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

Round 19: the skipper (opening_skipper, skipped_matches) goes further for long texts: a pattern
that opens with those characters consumed, so the engine skips to them itself, and asks the
pattern there (a look-ahead inside a one-character look-behind); the match is then the pattern's
own, read at that place.
"""

from __future__ import annotations

import functools
import importlib
import re
import string
from collections.abc import Iterable, Iterator
from typing import Any

from medlocal.privacy.deid_regex_build import compile_in_front, parse

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


@functools.lru_cache(maxsize=1024)
def _opening(written: str, flags: int) -> tuple[frozenset[str], frozenset[str], bool, str] | None:
    """(the set members matched as written, those matched ignoring case) that the matches of
    the pattern ``written`` open with, whether no match opens inside a word (see opens_apart),
    and the test of the first two characters (see _pairs); None where the engine skips to its
    opening itself, where it may match nothing, or where the opening is not read. Kept per
    pattern: the round-19 skipper reads the same opening as the test, and parsing a pattern is
    most of the cost."""
    cased: set[str] = set()
    folded: set[str] = set()
    try:
        items = list(parse(written, flags))
        if not _opens_with_a_look_around(items):
            return None
        ignore_case = bool(flags & re.IGNORECASE)
        if _openers(items, ignore_case=ignore_case, cased=cased, folded=folded):
            return None  # may match nothing: no first character to test
        ok, empty, _, _ = _apart(items, apart=False, boundary=False)
    except (_NotRead, re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected, or an opening not read
    return frozenset(cased), frozenset(folded), ok and not empty, _pairs(items, flags)


def first_character_head(pattern: re.Pattern[str]) -> str | None:
    """The look-ahead that first_character_test writes in front of ``pattern``, or None where
    there is none or it would not pay (read without compiling the pattern again)."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None  # another alphabet's \\w and case: not read here
    opening = _opening(pattern.pattern, pattern.flags)
    if opening is None:
        return None
    cased, folded, _, _ = opening
    ways = [f"[{''.join(sorted(cased))}]"] if cased else []
    if folded:
        ways.append(f"(?i:[{''.join(sorted(folded))}])")
    if not ways:
        return None
    test = re.compile(f"(?={'|'.join(ways)})")
    if sum(test.match(c) is not None for c in _ALPHANUMERICS) > _WIDE:
        return None
    return test.pattern


def with_head(pattern: re.Pattern[str], head: str) -> re.Pattern[str]:
    """``pattern`` with its first_character_head ``head`` in front (same matches and groups)."""
    flags = _GLOBAL_FLAGS.match(pattern.pattern)  # in pattern.flags as well
    body = pattern.pattern[flags.end() :] if flags else pattern.pattern
    # Compiled from the pattern's parse where deid_regex_build keeps it (the build).
    return compile_in_front(head, body, pattern.flags)


def first_character_test(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` with a look-ahead in front for the characters its matches open with (it
    finds what ``pattern`` finds, with the same groups), or None where there is none or it
    would not pay."""
    head = first_character_head(pattern)
    return None if head is None else with_head(pattern, head)


# Round 19: a pattern whose opening character is consumed by a character set is one the engine
# skips to itself, testing only the positions that hold one of its characters (a tight loop in
# C); one that opens with a look-around or a look-ahead test is entered at every position of the
# text (most of the time of the fixed-form patterns on a 20-page record is that entry, not the
# pattern). opening_skipper writes a pattern that finds where ``pattern`` matches and opens with
# the characters its matches open with, consumed; the match itself is then read by ``pattern``
# at that place (skipped_matches).
#
# The characters that CPython's engine takes as one another ignoring case, beyond an ASCII
# letter's capital and small forms: the skipper's set is matched with case (a set matched
# ignoring case gives the engine nothing to skip to), so it lists every such character itself.
CASE_EXTRAS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
# Of the 62 ASCII letters and digits, how many a skipper's set may admit and still pay
# (measured on the 20-page record: one that admits every letter and digit is slower). A pattern
# that opens a word pays with any set: the look-behind right after the set turns away the
# characters inside words, and the words its set leaves out are never tried.
_SKIP_WIDE = 50


def _case_variants(member: str) -> list[str] | None:
    """The characters a set member (set syntax, as _set_members writes it) matches ignoring
    case, as set members matched with case (more of them, never fewer); None where they are
    not read here (a word or space category)."""
    out: list[str] = []
    head_op, head = _parser.parse(f"[{member}]")[0]  # one character: not a set
    for op, av in head if head_op is _C.IN else [(head_op, head)]:
        if op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            out.append(r"\d")  # no digit has a case
            continue
        if op is _C.LITERAL:
            low, high = av, av
        elif op is _C.RANGE:
            low, high = av
        else:
            return None
        for code in range(low, min(high, 127) + 1):
            char = chr(code)
            out += [re.escape(char.lower()), re.escape(char.upper())]
            out += CASE_EXTRAS.get(char.lower(), "")
        if high > 127:
            # Beyond ASCII the cases are not worked out here: every character beyond ASCII is
            # admitted (few in a note), and the ASCII letters that one of them is ignoring case.
            out.append(_BEYOND_ASCII)
            for letter, extras in CASE_EXTRAS.items():
                if any(low <= ord(extra) <= high for extra in extras):
                    out += [letter, letter.upper()]
    return out


_BEYOND_ASCII = r"\x80-\U0010ffff"


def _sure_word(code: int) -> bool:
    """A word character in any case (the Greek iota matches the combining U+0345, which is
    none, ignoring case)."""
    char = chr(code)
    return (char.isalnum() or char == "_") and char.lower() not in ("\u03b9", "\u1fbe")


def _sure_non_word(code: int) -> bool:
    """An ASCII character that is no word character (none has another case)."""
    return code < 128 and not (chr(code).isalnum() or chr(code) == "_")


def _takes(op: Any, av: Any, test: Any) -> bool:
    """A LITERAL or IN whose every character passes ``test``."""
    if op is _C.LITERAL:
        return bool(test(av))
    if op is not _C.IN:
        return False
    for member_op, member in av:
        if member_op is _C.LITERAL and test(member):
            continue
        if member_op is _C.RANGE and all(map(test, range(member[0], member[1] + 1))):
            continue
        if member_op is _C.CATEGORY and test is _sure_word and member is _C.CATEGORY_DIGIT:
            continue
        if member_op is _C.CATEGORY and test is _sure_word and member is _C.CATEGORY_WORD:
            continue
        return False
    return True


def _after_no_word(op: Any, av: Any) -> bool:
    """A look-behind that holds only where no word character comes before: one that refuses
    every word character ("(?<!\\w)", "(?<![\\w@.])"), or that ends with a character that is
    none ("(?<=\\bon )")."""
    direction, items = av
    if direction != -1 or not items:
        return False
    last_op, last = list(items)[-1]
    if op is _C.ASSERT:
        return _takes(last_op, last, _sure_non_word)
    return (
        len(items) == 1
        and last_op is _C.IN
        and (_C.CATEGORY, _C.CATEGORY_WORD) in last
        and all(member_op is not _C.NEGATE for member_op, _ in last)
    )


def _apart(items: _Items, *, apart: bool, boundary: bool) -> tuple[bool, bool, bool, bool]:
    """(every way through ``items`` that consumes opens where no word character stands right
    before a word character: after a look-behind that no word character ends, at a boundary
    before a word character, or with a character that is none; some way consumes nothing; and
    ``apart`` and ``boundary`` where the empty way leaves off). ``apart``: no word character
    stands before; ``boundary``: a word boundary is asserted here."""
    for op, av in items:
        if op is _C.AT:
            boundary = boundary or av is _C.AT_BOUNDARY
            apart = apart or av in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING)
        elif op is _C.ASSERT or op is _C.ASSERT_NOT:
            apart = apart or _after_no_word(op, av)
        elif op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
            sub = av[-1] if op is _C.SUBPATTERN else av
            ok, empty, apart, boundary = _apart(list(sub), apart=apart, boundary=boundary)
            if not ok or not empty:
                return ok, False, apart, boundary
        elif op is _C.BRANCH:
            ways = [_apart(list(alt), apart=apart, boundary=boundary) for alt in av[1]]
            if not all(ok for ok, _, _, _ in ways):
                return False, False, apart, boundary
            empties = [way for way in ways if way[1]]
            if not empties:
                return True, False, apart, boundary
            apart = all(way[2] for way in empties)
            boundary = all(way[3] for way in empties)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            least, _, sub = av
            ok, empty, _, _ = _apart(list(sub), apart=apart, boundary=boundary)
            if not ok:
                return False, False, apart, boundary
            if least > 0 and not empty:
                return True, False, apart, boundary
        else:  # a character consumed (or something not read here)
            ok = (
                apart or (boundary and _takes(op, av, _sure_word)) or _takes(op, av, _sure_non_word)
            )
            return ok, False, apart, boundary
    return True, True, apart, boundary


def opens_apart(pattern: re.Pattern[str]) -> bool:
    """Whether no match of ``pattern`` opens with a word character right after another (read
    from its parse; False where it is not read). Where it holds, the skipper turns away the
    characters inside words before it asks the pattern."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return False  # another alphabet's \\w
    try:
        ok, empty, _, _ = _apart(
            list(_parser.parse(pattern.pattern, pattern.flags)), apart=False, boundary=False
        )
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return False  # internals not as expected
    return ok and not empty


def opening_skipper(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that matches, one character long, exactly where ``pattern`` matches (at each
    place the engine would try it), opening with a set of the characters ``pattern``'s matches
    open with, so the engine skips to them; None where the opening is not read, where the set
    would admit most letters (unless no match opens inside a word, see opens_apart), or where
    ``pattern`` opens with a character or a set already."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None
    read = _opening(pattern.pattern, pattern.flags)
    if read is None:
        return None
    cased, folded, word_start, pairs = read
    members = set(cased)
    try:
        for member in folded:
            variants = _case_variants(member)
            if variants is None:
                return None
            members.update(variants)
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected
    if not members:
        return None
    opening = f"[{''.join(sorted(members))}]"
    wide = sum(re.fullmatch(opening, c) is not None for c in _ALPHANUMERICS) > _SKIP_WIDE
    if wide and not word_start:
        return None
    if pattern.flags & re.IGNORECASE:
        opening = f"(?-i:{opening})"  # matched with case: the engine skips only to such a set
    # Inside a word: a word character and another before it; no match opens so (opens_apart).
    inside = r"(?<!\w\w)" if word_start else ""
    flags = _GLOBAL_FLAGS.match(pattern.pattern)  # in pattern.flags as well
    body = pattern.pattern[flags.end() :] if flags else pattern.pattern
    try:
        # The pattern itself, asked from the opening character (a look-ahead inside a
        # look-behind of that one character), after the test of its first two characters.
        return re.compile(f"{opening}{inside}(?<={pairs}(?=(?:{body}))[\\s\\S])", pattern.flags)
    except re.error:
        return None  # a group referred to inside the look-behind: not allowed there


def skipped_matches(
    pattern: re.Pattern[str],
    skipper: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, pos, endpos)`` finds, with ``skipper`` (opening_skipper of
    ``pattern``) finding where each match starts. Every match of ``pattern`` consumes a
    character (the skipper is made only then), so each search goes on from where the last match
    ended, as finditer does."""
    end = len(text) if endpos is None else endpos
    search = skipper.search
    while (found := search(text, pos, end)) is not None:
        start = found.start()
        match = pattern.match(text, start, end)
        if match is None:  # pragma: no cover - the skipper asked the pattern itself
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)


# Speed (session 36): the finders outside deid_patterns' list (the date redactor's forms and
# day-order tallies, the check-digit codes) search a long text with their pattern's skipper
# too, made on first use; compiled patterns only, never a text.
SKIP_FROM = 10_000  # characters: below, the plain search is as quick
# Each pattern and its skipper, by the pattern's identity. Speed (session 40): hashing a
# compiled pattern hashes its whole compiled code (microseconds for a long one), which a window
# search made before each of hundreds of places paid twice; the pattern is kept with its
# skipper, so its identity is never another's.
_SKIPPERS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def skipper_of(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The skipper of ``pattern`` (see opening_skipper), made on first use."""
    known = _SKIPPERS.get(id(pattern))
    if known is None:
        known = _SKIPPERS[id(pattern)] = (pattern, opening_skipper(pattern))
    return known[1]


def skipped_finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, through its skipper where ``text`` is long."""
    if len(text) < SKIP_FROM:
        return pattern.finditer(text)
    # Speed (session 59): where the fixed-form patterns' cue index of this very text is kept,
    # a pattern whose cues the text lacks finds nothing, and a line_bound one is run on the
    # lines that may hold them (deid_shared_cues; imported here: it reads this module).
    from medlocal.privacy.deid_keyed_finders import keyed_matches
    from medlocal.privacy.deid_shared_cues import cue_regions, matches_in

    skipper = skipper_of(pattern)
    regions = cue_regions(pattern, text)
    if regions == []:
        return iter(())
    # Speed (session 61): a pattern that opens a word is asked at the words that open with its
    # strings only (deid_keyed_finders).
    keyed = keyed_matches(pattern, text)
    if keyed is not None:
        return keyed
    if regions is not None:
        return matches_in(pattern, skipper, text, regions)
    return pattern.finditer(text) if skipper is None else skipped_matches(pattern, skipper, text)


def skipped_search(
    pattern: re.Pattern[str], text: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """What ``pattern.search(text, pos, endpos)`` finds, through its skipper where ``text`` is
    long. Speed (session 40): a cue searched for in a short window before each of many places
    of a long text (a device's maker or "model" before each code) is tried at every place of
    the window; the skipper turns most of them away with one set test."""
    if len(text) < SKIP_FROM:
        return pattern.search(text, pos, endpos)
    skipper = skipper_of(pattern)
    if skipper is None:
        return pattern.search(text, pos, endpos)
    return next(skipped_matches(pattern, skipper, text, pos, endpos), None)


def first_characters_lead(strings: Iterable[str]) -> str:
    """A look-ahead for the first characters of ``strings``, to stand before an alternation of
    them matched with case ("(?=[ABD])" before "(?<!\\w)(?:Ann Bell|Dale|Bo)"): the engine then
    turns most places away with one set test instead of trying each string (a runtime list of
    found names: hundreds in a long record). It changes no match; "" where a string is empty
    (the alternation may then match nothing, anywhere). Speed (session 56)."""
    listed = list(strings)
    if not listed or not all(listed):
        return ""
    return f"(?=[{''.join(sorted({re.escape(s[0]) for s in listed}))}])"


# Session 33: the first two characters. A pattern of many alternatives that opens with most
# letters (the weekdays and months of a dozen languages, the street words) passes the skipper's
# set at most words, and the engine then tries each of its alternatives there (those matched
# ignoring case one by one, with no quick test of their first character): 45-70 ms of a 20-page
# record for the weekday dates, asked at 9,400 places and matching at none. The pairs of
# characters its matches can open with, read from its parse, are tested first, matched with
# case (each character set lists every character that matches ignoring case, found by asking
# the engine itself), so the engine turns most of those places away at once. Characters beyond
# ASCII are always admitted (few in a note). None where the pairs are not read or would not pay.
_ASCII = tuple(chr(code) for code in range(128))
# Of the pairs of ASCII letters and digits whose first character the pattern may open with, the
# share the pair test may admit and still pay: above it the test turns few places away.
_PAIR_SHARE = 0.5
_Class = frozenset[str]  # the ASCII characters one place of a match may hold
_ANY: _Class = frozenset(_ASCII)


@functools.lru_cache(maxsize=4096)
def _ascii_class(op: Any, av: Any, ignore_case: bool) -> _Class:
    """The ASCII characters a LITERAL or IN matches, asked of the engine itself; every ASCII
    character where the item is not read here."""
    try:
        if op is _C.LITERAL:
            written = re.escape(chr(av))
        elif op is _C.IN:
            written = f"[{''.join(_set_members(av))}]"
        else:
            return _ANY
        test = re.compile(written, re.IGNORECASE if ignore_case else 0)
    except (_NotRead, re.error, TypeError, ValueError):
        return _ANY
    return frozenset(c for c in _ASCII if test.fullmatch(c))


_Path = tuple[_Class, ...]  # the classes of the characters read so far (fewer than two)


def _pairs_of(
    items: _Items, *, ignore_case: bool, paths: set[_Path]
) -> tuple[set[tuple[_Class, _Class]], set[_Path]]:
    """(the pairs of classes completed inside ``items``, the paths of fewer than two characters
    that reach their end), each way through ``items`` read from each of ``paths``."""
    done: set[tuple[_Class, _Class]] = set()
    for op, av in items:
        if not paths:
            break
        if op is _C.AT or op is _C.ASSERT or op is _C.ASSERT_NOT:
            continue  # zero width
        if op in (_C.LITERAL, _C.IN, _C.NOT_LITERAL, _C.ANY, _C.CATEGORY):
            cls = _ascii_class(op, tuple(av) if op is _C.IN else av, ignore_case)
            grown = {(*path, cls) for path in paths}
            done.update((a, b) for a, b in (p for p in grown if len(p) == 2))
            paths = {p for p in grown if len(p) < 2}
        elif op is _C.SUBPATTERN or op is _C.ATOMIC_GROUP:
            sub, inner_case = av, ignore_case
            if op is _C.SUBPATTERN:
                _, add, remove, sub = av
                inner_case = (ignore_case or bool(add & re.IGNORECASE)) and not (
                    remove & re.IGNORECASE
                )
            found, paths = _pairs_of(list(sub), ignore_case=inner_case, paths=paths)
            done |= found
        elif op is _C.BRANCH:
            ends: set[_Path] = set()
            for alt in av[1]:
                found, end = _pairs_of(list(alt), ignore_case=ignore_case, paths=paths)
                done |= found
                ends |= end
            paths = ends
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            least, most, sub = av
            ends = set(paths) if least == 0 else set()
            current, count = paths, 0
            while current and count < most:
                found, after = _pairs_of(list(sub), ignore_case=ignore_case, paths=current)
                done |= found
                count += 1
                if count >= least:
                    if after <= ends:
                        break  # nothing new: more rounds read the same
                    ends |= after
                current = after
            paths = ends
        else:
            raise _NotRead  # a back reference, a conditional group, ...
    return done, paths


def _members(cls: _Class) -> str:
    """Set syntax for ``cls``, runs of three or more characters written as ranges (short to
    parse)."""
    codes = sorted(map(ord, cls))
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"\\x{codes[i]:02x}-\\x{codes[j]:02x}")
        else:
            parts.extend(f"\\x{code:02x}" for code in codes[i : j + 1])
        i = j + 1
    return "".join(parts)


def _with_beyond_ascii(cls: _Class) -> str:
    """A set of the ASCII characters ``cls`` and every character beyond ASCII, written as the
    other ASCII characters negated: the same characters as "[...\\x80-\\U0010ffff]", but the
    engine compiles it in microseconds (a range beyond 255 has it walk all 65,536 characters of
    the first plane, a millisecond a set, seconds over the patterns: session 34)."""
    return f"[^{_members(_ANY - cls)}]"


def _pairs(items: _Items, flags: int) -> str:
    """The pair test of the pattern parsed as ``items`` (a look-ahead, matched with case), or ""
    where there is none. Read from _opening's parse: a second parse of each pattern would cost
    half a second of set-up."""
    try:
        found, open_paths = _pairs_of(items, ignore_case=bool(flags & re.IGNORECASE), paths={()})
    except (_NotRead, re.error, AttributeError, TypeError, ValueError, IndexError):
        return ""
    if () in open_paths:
        return ""  # may match nothing
    seconds: dict[str, set[str]] = {}
    for first, second in found:
        for c in first:
            seconds.setdefault(c, set()).update(second)
    for (first,) in open_paths:  # a match of one character: any second
        for c in first:
            seconds.setdefault(c, set()).update(_ANY)
    alnum = [c for c in _ALPHANUMERICS if c in seconds]
    admitted = sum(len(seconds[c] & set(_ALPHANUMERICS)) for c in alnum)
    if not alnum or admitted > _PAIR_SHARE * len(alnum) * len(_ALPHANUMERICS):
        return ""
    by_second: dict[frozenset[str], set[str]] = {}
    for c, after in seconds.items():
        by_second.setdefault(frozenset(after), set()).add(c)
    ways = [
        f"[{_members(frozenset(firsts))}]"
        + ("" if second == _ANY else f"(?:{_with_beyond_ascii(second)}|\\Z)")
        for second, firsts in sorted(by_second.items(), key=lambda kv: sorted(kv[1]))
    ]
    ways.append(_with_beyond_ascii(frozenset()))  # beyond ASCII: not read here
    return f"(?=(?-i:{'|'.join(ways)}))"


def _pair_test(pattern: re.Pattern[str]) -> str:
    """A look-ahead for the pairs of characters ``pattern``'s matches open with (see _pairs)."""
    read = _opening(pattern.pattern, pattern.flags)
    return "" if read is None else read[3]
