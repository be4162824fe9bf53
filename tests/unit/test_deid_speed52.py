"""Session 52 (speed): every decimal digit reads as one mark in a pattern's openings and in a
text's word starts (deid_word_starts.DIGIT_MARK), and a short repeat is read as each of its
counts, so a pattern that opens with digits is asked at the words whose digits and punctuation
can open it ("0/", "00:") rather than at every word that starts with a digit. Each pattern still
finds what its own scan finds."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_letter_words, deid_patterns
from medlocal.privacy.deid_pattern_cues import TextCues, folded
from medlocal.privacy.deid_word_starts import (
    DIGIT_MARK,
    WORD_START,
    WordStarts,
    digits_marked,
    matches_at,
    word_openings,
)

# Digits of other scripts (Arabic-Indic, Devanagari, full width, a mathematical digit beyond
# the first plane), a character reference written in the text, a lone surrogate, a text with
# no digit and one beyond ASCII with ASCII digits only.
_AWKWARD = (
    "١٢/٠٣/٢٠٢٥ and ४/५/२०२४, ４ May 2026 at １２:３０, 𝟗 of 𝟏𝟎",
    "DOB 12/03/1931 &#1633; is written as a reference, &#x661; too",
    "a lone surrogate \ud800 then 12:30 and 4/5",
    "no digit here at all",
    "Straße 12, café 3/4, naïve 1,200 mg — 07:45",
    "",
    "9",
    "1٢3 mixed ٤5/6٧ 12.3.2024 3-4-25 0800h 1st 22nd 103rd",
)


def _found(matches: object) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", _AWKWARD)
def test_digits_marked_is_the_engine_s_own_reading(text: str) -> None:
    marked = digits_marked(text)
    assert marked == re.sub(r"\d", DIGIT_MARK, text)
    assert len(marked) == len(text)


def test_digits_marked_on_every_digit_of_every_script() -> None:
    digits = "".join(chr(code) for code in range(0x110000) if chr(code).isdecimal())
    assert len(digits) > 600
    text = " x".join(digits)
    assert digits_marked(text) == re.sub(r"\d", DIGIT_MARK, text)
    assert set(digits_marked(digits)) == {DIGIT_MARK}


def _compiled(written: str) -> re.Pattern[str]:
    return re.compile(WORD_START + written)


def test_a_date_opens_with_its_digits_and_separator() -> None:
    openings = word_openings(_compiled(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/\d{4}"))
    assert openings is not None
    assert openings.keys == {"0/0", "00/"}
    text = "On 12/03/2024 and 3/4/2025, 12 mg, 120/80, 1.5 L, 2024"
    starts = WordStarts(text, folded(text))
    # "12/03/2024" and "3/4/2025" only; "120/80" opens "000" (no date's key), "1.5" is no date.
    assert starts.places(openings) == [3, 18]


def test_a_repeat_is_read_as_each_of_its_counts() -> None:
    openings = word_openings(_compiled(r"(?i:ward)?[ \t]?\d{1,2}[:h]\d\d"))
    assert openings is not None
    assert {"0:0", "0h0", "00:", "00h"} <= openings.keys
    assert {"war"} <= openings.keys
    # A longer repeat is cut after its first time round (any word of digits).
    openings = word_openings(_compiled(r"\d{6,8}"))
    assert openings is not None and openings.keys == {"0"}


@pytest.mark.parametrize(
    "written",
    [
        r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})",
        r"(?:19|20)\d{2}-\d{2}-\d{2}",
        r"[12]\d{3}",
        r"\d{3}[ -]?\d{3}[ -]?\d{4}",
        r"(?:Mon|Tue)?\d?\d(?:st|nd|rd|th)",
        r"\d+(?:\.\d+)?[ \t]*(?:mg|ml)",
        r"0?\d:\d\d",
        r"[٠١٢]\d/\d",
    ],
)
def test_digit_openings_find_what_finditer_finds(written: str) -> None:
    pattern = _compiled(written)
    openings = word_openings(pattern)
    assert openings is not None
    for text in (*_AWKWARD, "\n".join(_AWKWARD) * 3):
        starts = WordStarts(text, folded(text))
        got = _found(matches_at(pattern, text, starts.places(openings)))
        assert got == _found(pattern.finditer(text)), (written, text[:40])


def _texts() -> list[str]:
    notes = [note.text for half in ("dev", "dev49", "dev51") for note in load(half)]
    return [*notes, "\n".join([*notes, *_AWKWARD])]


def test_every_keyed_pattern_finds_what_finditer_finds() -> None:
    """Every pattern read by its word openings, asked at its (now narrower) places, finds what
    its scan finds on the development notes, their join and the awkward digits."""
    for text in _texts():
        starts = WordStarts(text, folded(text))
        for pattern, openings in deid_patterns._WORD_KEYS.items():
            got = _found(matches_at(pattern, text, starts.places(openings)))
            assert got == _found(pattern.finditer(text)), pattern.pattern[:80]


def test_every_pattern_s_matches_are_its_own_on_a_long_text() -> None:
    text = _texts()[-1]
    cues = TextCues(text)
    starts = WordStarts(text, cues.folded_text)
    for _, pattern in deid_patterns._PATTERNS:
        assert _found(deid_patterns._matches(pattern, text, cues, starts)) == _found(
            pattern.finditer(text)
        ), pattern.pattern[:80]


def test_digit_patterns_are_asked_at_fewer_words() -> None:
    """The patterns that open with digits are asked at a part of the words that start with a
    digit (before: every one of them, 1,536 words of the 20-page record for each of 58)."""
    text = "\n".join(note.text for note in load("dev"))
    starts = WordStarts(text, folded(text))
    digit_words = len(re.findall(WORD_START + r"\d", text))
    digit_keyed = [
        openings
        for openings in deid_patterns._WORD_KEYS.values()
        if any(key.startswith(DIGIT_MARK) for key in openings.keys)
    ]
    assert len(digit_keyed) >= 40
    asked = sum(len(starts.places(openings)) for openings in digit_keyed)
    assert asked < len(digit_keyed) * digit_words / 2


def _common_noun_ending_as_before(lower: str) -> bool:
    """common_noun_ending as session 51 wrote it (each ending asked in turn)."""
    if not lower.isalpha() or lower in deid_letter_words._DEVOTIONAL_NAMES:
        return False
    if lower.endswith(deid_letter_words._NOT_NOUN_ENDINGS):
        return False
    return any(
        lower.endswith(ending) and len(lower) >= least
        for ending, least in deid_letter_words._ENDINGS
    )


def test_common_noun_endings_answer_as_before() -> None:
    """The endings asked at once first: the same answer on every word of the development
    notes, on each ending alone and lengthened to its least length and beyond, and on the
    names and not-noun endings that are refused."""
    words = {word.lower() for note in load("dev") for word in re.findall(r"\w+", note.text)}
    for ending, least in deid_letter_words._ENDINGS:
        words |= {ending, "x" * (least - len(ending)) + ending, "ab" * least + ending}
        words |= {"x" * (least - len(ending) - 1) + ending, ending + "s", "1" + ending}
    words |= set(deid_letter_words._DEVOTIONAL_NAMES)
    words |= {"ka" + ending for ending in deid_letter_words._NOT_NOUN_ENDINGS}
    found = 0
    for word in words:
        expected = _common_noun_ending_as_before(word)
        assert deid_letter_words.common_noun_ending(word) == expected, word
        found += expected
    assert found > 100
