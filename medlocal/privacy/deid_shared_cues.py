"""Speed (session 59): one long text's cue index, shared by every whole-text search of it.

The fixed-form patterns read a text's cue index (deid_pattern_cues.TextCues: on which lines
each cue string may stand) once per text, and skip a pattern whose cues the text lacks or run it
on the lines that hold them. The finders outside their list (the date forms, the logins, the
vehicles' and the people's cues: some 150 patterns) searched the whole of a long text with
their skippers (deid_first_characters.skipped_finditer) whatever it held: about 100 ms of a
20-page record, a third of it on lines where the pattern's cue strings are not.

Here the index built for the fixed-form patterns is kept for that one text (never built for
another: it costs about 12 ms, more than the finders save on a text the patterns did not read),
and skipped_finditer asks it, by the same rules as deid_patterns._matches:

* a pattern whose cues (deid_pattern_cues.required_cues) the text cannot hold finds nothing;
* a line_bound pattern is run on the runs of lines that may hold them (TextCues.regions),
  where it finds what it finds there in the whole text (see deid_pattern_cues' notes);
* otherwise the whole text is searched as before.

Each pattern is read (parsed) on its first long text, once per process, by its identity; the
index is let go when the preview is done (forget_text_cues), so no patient's text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import SKIP_FROM, _parser, skipped_matches
from medlocal.privacy.deid_pattern_cues import (
    Clause,
    TextCues,
    folded,
    line_bound,
    required_cues,
)
from medlocal.privacy.deid_word_starts import WordStarts

# The text whose index is kept, the index, and the text's word-start index (one text at a time).
_KEPT: tuple[str, TextCues, WordStarts] | None = None
# Speed (speed63): the text as written where the rules read it re-cased (deid_case.recase), with
# the re-cased text's cue index and a word-start index of its own: the readings after the rules
# search the text as written, and searched it without an index.
_WRITTEN: tuple[str, TextCues, WordStarts] | None = None
# Each pattern's cue clauses and whether it is line_bound, by its identity, with the pattern
# (see deid_patterns._PLANS: hashing a compiled pattern hashes its whole code).
_READINGS: dict[int, tuple[re.Pattern[str], tuple[Clause, ...], bool]] = {}
# Whether a skipper reads no line break, by its identity, with the skipper.
_LINE_BOUND_SKIPPERS: dict[int, tuple[re.Pattern[str], bool]] = {}


def text_cues(text: str) -> TextCues:
    """The cue index of ``text``; kept for the finders where ``text`` is long (the one kept
    before is let go)."""
    global _KEPT, _WRITTEN
    kept = _kept_for(text)
    if kept is not None:
        return kept[1]
    cues = TextCues(text)
    if len(text) >= SKIP_FROM:
        _KEPT = (text, cues, WordStarts(text, cues.folded_text))
        _WRITTEN = None
    return cues


def keep_written_cues(written: str, read: str) -> None:
    """Keep the cue index kept for ``read`` for ``written`` too, where ``read`` is ``written``
    re-cased: where both fold to the same text, the index (built from the folded text alone,
    deid_pattern_cues.TextCues) is the one ``written`` would build. ``written`` gets its own
    word-start index (built on first use), as text_cues would give it."""
    global _WRITTEN
    kept = _KEPT
    if kept is None or kept[0] is not read or written is read or len(written) != len(read):
        return
    cues = kept[1]
    if folded(written) == cues.folded_text:
        _WRITTEN = (written, cues, WordStarts(written, cues.folded_text))


def _kept_for(text: str) -> tuple[str, TextCues, WordStarts] | None:
    """The index kept for this very ``text`` (``is``, never an equal string), or None."""
    # Each read once: another thread's preview may replace them meanwhile.
    kept, written = _KEPT, _WRITTEN
    if kept is not None and kept[0] is text:
        return kept
    if written is not None and written[0] is text:
        return written
    return None


def text_word_starts(text: str) -> WordStarts | None:
    """The word-start index of ``text`` (deid_word_starts), kept with its cue index for the
    fixed-form patterns and the finders that open a word (session 61: deid_keyed_finders);
    None where no index is kept for this very text. Built on its first use."""
    kept = _kept_for(text)
    return None if kept is None else kept[2]


def keep_text_cues(text: str) -> None:
    """Build and keep the index of ``text`` now where it is long, for the finders that search
    it before the fixed-form patterns do (which then read the same index)."""
    if len(text) >= SKIP_FROM:
        text_cues(text)


def forget_text_cues() -> None:
    """Let go of the index kept (every preview calls this when done)."""
    global _KEPT, _WRITTEN
    _KEPT = _WRITTEN = None


def _reading(pattern: re.Pattern[str]) -> tuple[tuple[Clause, ...], bool]:
    known = _READINGS.get(id(pattern))
    if known is None:
        clauses: tuple[Clause, ...] = ()
        bound = False
        if _parser is not None:
            try:
                items = list(_parser.parse(pattern.pattern, pattern.flags))
            except (re.error, AttributeError, TypeError, ValueError, IndexError):
                items = None  # internals not as expected: no cue is read
            if items is not None:
                clauses = required_cues(pattern, items)
                bound = bool(clauses) and line_bound(pattern, items)
        known = _READINGS[id(pattern)] = (pattern, clauses, bound)
    return known[1], known[2]


def cue_clauses(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """The cue clauses of ``pattern`` (required_cues), read on first use, kept by its identity."""
    return _reading(pattern)[0]


def line_bound_skipper(skipper: re.Pattern[str]) -> bool:
    """Whether ``skipper`` reads no line break (line_bound), kept by its identity."""
    known = _LINE_BOUND_SKIPPERS.get(id(skipper))
    if known is None:
        known = _LINE_BOUND_SKIPPERS[id(skipper)] = (skipper, line_bound(skipper))
    return known[1]


def cue_regions(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]] | None:
    """Where in ``text`` every match of ``pattern`` lies, by the index kept for ``text``: []
    where it can hold none, runs of whole lines where the pattern is line_bound, None where
    anywhere (no index kept for this text, no cue read, or cues on most of its lines)."""
    kept = _kept_for(text)
    if kept is None:
        return None
    clauses, bound = _reading(pattern)
    if not clauses:
        return None
    cues = kept[1]
    if bound:
        return cues.regions(clauses)
    return None if cues.may_match(clauses) else []


def matches_in(
    pattern: re.Pattern[str],
    skipper: re.Pattern[str] | None,
    text: str,
    regions: list[tuple[int, int]],
    plain: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, where every match lies in one of ``regions`` (runs
    of whole lines; the pattern is line_bound). Each span is searched with ``skipper`` (the
    pattern's, for a long text) where that reads no line break either, else with ``plain`` (the
    pattern, or a copy with a first-character test)."""
    if skipper is not None and line_bound_skipper(skipper):
        for start, end in regions:
            yield from skipped_matches(pattern, skipper, text, start, end)
        return
    search = pattern if plain is None else plain
    for start, end in regions:
        yield from search.finditer(text, start, end)
