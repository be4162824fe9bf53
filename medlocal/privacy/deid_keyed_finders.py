"""Speed (session 61): a finder that opens a word is asked only at the words of a long text
that open with its strings.

The fixed-form patterns that open a word have been asked only at the word starts whose first
characters open one of their matches since session 35 (deid_word_starts). The finders outside
their list that open a word (a relation's word, a signing word, a weekday or a date's cue word of
another language, a vehicle's word: some 140 patterns) searched the whole of a long text with
their skippers (deid_first_characters.skipped_finditer): about 100 ms of a 20-page record, half
of it at words none of their matches opens with.

Here each finder is read once, by its identity: whether every match of it opens a word (the
reading deid_patterns puts its word-start test in front by, _items_open_words) and what its
matches open with (deid_word_starts.read_openings). skipped_finditer then asks it
(``pattern.match``) at the places the word-start index of the text gives, in order, from where
its last match ended (matches_at). The index is the one kept with the text's cue index
(deid_shared_cues), which the fixed-form patterns read as well: it is built once per text.

Exact by the fixed-form patterns' argument (see deid_word_starts): every match opens at a word
start whose folded first characters open with one of the pattern's keys, so the places are a
superset of where matches open; a match read at a place is the pattern's own, the text before it
read as before; and every match consumes a character (_items_open_words: a word character), so
going on from where the last one ended is what finditer does. A pattern not read so (a way
opening with a wide set or a sign) is searched as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import _parser
from medlocal.privacy.deid_patterns import _items_open_words
from medlocal.privacy.deid_shared_cues import text_word_starts
from medlocal.privacy.deid_word_starts import Openings, matches_at, read_openings

# Each finder's openings (None: not read), by its identity, with the pattern: hashing a compiled
# pattern hashes its whole code (see deid_patterns._PLANS), and the pattern kept here keeps its
# identity from being another's.
_OPENINGS: dict[int, tuple[re.Pattern[str], Openings | None]] = {}


def _read(pattern: re.Pattern[str]) -> Openings | None:
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return None  # another alphabet's word starts than the index's
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not _items_open_words(items):
            return None
    except (re.error, AttributeError, TypeError, ValueError, IndexError):
        return None  # internals not as expected
    return read_openings(items)


def finder_openings(pattern: re.Pattern[str]) -> Openings | None:
    """What every match of ``pattern`` opens a word with (deid_word_starts.Openings), read on
    first use; None where a match may open otherwise or the opening is not read."""
    known = _OPENINGS.get(id(pattern))
    if known is None:
        known = _OPENINGS[id(pattern)] = (pattern, _read(pattern))
    return known[1]


def keyed_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]] | None:
    """What ``pattern.finditer(text)`` finds, asked at the word starts of ``text`` that open
    with its strings; None where ``text`` has no word-start index kept (deid_shared_cues), its
    folding moves offsets, or ``pattern`` is not read as opening a word."""
    starts = text_word_starts(text)
    if starts is None or not starts.usable:
        return None
    openings = finder_openings(pattern)
    if openings is None:
        return None
    return matches_at(pattern, text, starts.places(openings))
