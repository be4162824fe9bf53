"""The speed round's shortcuts change no redaction: the first-character test
(deid_first_characters), a look-ahead in front of a pattern for the characters its matches open
with, and the tagger's neighbour features made once per word of a text."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import (
    deid_check_codes,
    deid_dates,
    deid_first_characters,
    deid_patterns,
)
from medlocal.privacy.deid_first_characters import first_character_test


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("written", "text"),
    [
        (r"\b(?:Hwy|Highway|Route)[ \t]+\d+", "Route 9 then Hwy 12 and highway 3 to Route 66"),
        # Case folded in the test as in the pattern: the Kelvin sign is a "k" ignoring case.
        (r"(?i:\bkelvin)", "\u212aelvin and Kelvin and kelvin"),
        (r"(?i)\b(?:sept|oct)\w*", "SEPT, Oct and october"),  # a global flag stays first
        # A group's flags end with it: after an optional case-sensitive "x" the "Y" is read
        # ignoring case, so "y" opens a match too.
        (r"(?i)\b(?-i:x)?Y\d", "y1 xY2 Xy3 Y4"),
        (r"(?<![\w.])(?:\d{3}-)?[A-Z]{2}\d", "AB1 .CD2 555-EF3 gh4"),
        (r"\b(?:on[ \t]+)?(?:\d{1,2}|first)\b", "on 12 first 3 on first"),
        # Matches at the very start and end of the text.
        (r"\b(?:Ward|Unit)[ \t]\d", "Ward 1"),
        (r"(?<!\w)(?=\w)(?:Flat|Unit)\b", "x Unit"),
    ],
)
def test_first_character_test_finds_what_the_pattern_finds(written: str, text: str) -> None:
    pattern = re.compile(written)
    fast = first_character_test(pattern)
    assert fast is not None
    assert fast.pattern.startswith("(?=")
    assert _spans(fast, text) == _spans(pattern, text)
    assert fast.groupindex == pattern.groupindex


@pytest.mark.parametrize(
    "written",
    [
        r"Hwy \d+",  # opens with a character: the engine skips to it already
        r"[A-Z]{2}\d",
        r"\b(?:x)?",  # may match nothing
        r"\b[^a]x",  # a negated set: no short list
        r"\b.x",  # any character
        r"\b\w+",  # every letter: a test that turns nothing away
        r"(?i:\b[a-z]{3})",
        r"(?a)\bx",  # another alphabet's \b and \w
        r"(\w)\b\1",  # a back reference first
    ],
)
def test_no_first_character_test_where_it_would_not_hold_or_pay(written: str) -> None:
    assert first_character_test(re.compile(written)) is None


def test_without_cpythons_parser_internals_no_test_is_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pattern = re.compile(r"\b(?:Ward|Unit) \d+")
    assert first_character_test(pattern) is not None
    monkeypatch.setattr(deid_first_characters, "_parser", None)
    assert first_character_test(pattern) is None


def test_patterns_with_a_first_character_test_find_what_they_found_before() -> None:
    """Every fixed-form pattern, date form and check-code form given the test finds, on the
    development notes and at the edges of a text, what it finds as written."""
    texts = [note.text for half in ("dev", "dev3", "heldout", "heldout2") for note in load(half)]
    texts += ["Route 9", "Seen 3 March 2024", "12 Rue de la Paix", "NHS 401 023 2137"]
    pairs = list(deid_patterns._FIRST_CHARACTER.items())
    assert len(pairs) > 100
    for written, fast in pairs:
        for text in texts:
            assert _spans(fast, text) == _spans(written, text), written.pattern[:60]
    # The date and check-code forms keep only the tested pattern: the one written is read back
    # from it.
    for forms in (deid_dates._DATE_FORMS, deid_check_codes._FORMS):
        tested = [p for form in forms for p in form if isinstance(p, re.Pattern)]
        assert any(p.pattern.startswith("(?=") for p in tested)
        for fast in tested:
            if not fast.pattern.startswith("(?="):
                continue
            written = re.compile(_written(fast.pattern), fast.flags)
            for text in texts:
                assert _spans(fast, text) == _spans(written, text), written.pattern[:60]


def _written(pattern: str) -> str:
    """The pattern a first-character test was put in front of: "(?=TEST)(?:WRITTEN)"."""
    test = re.match(r"\(\?=(?:\[(?:\\.|[^\]\\])*\]\|?|\(\?i:\[(?:\\.|[^\]\\])*\]\))+\)", pattern)
    assert test is not None and pattern[test.end() :].startswith("(?:")
    return pattern[test.end() + 3 : -1]


def test_tagger_features_are_the_same_with_the_neighbours_made_once() -> None:
    """The speed round keeps each word's features as its neighbours see them in the text's memo
    (deid_tagger_features._Word): a word met again, at another offset or on another line, gets
    what a fresh reading gives."""
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_tagger_features import Memo, line_features, lines_of
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    text = "Dr Alma Reyes saw Reyes.\nReyes, Alma Reyes and Dr Reyes met at Reyes Park.\nAlma"
    lines = lines_of(read_tokens(text, lex), text)
    assert len(lines) == 3
    memo: Memo = {}
    shared = [line_features(line, text, lex, memo) for line in lines]
    fresh = [line_features(line, text, lex) for line in lines]
    assert shared == fresh
    assert any(word.prev1 for word in memo.values())
