"""Session 33: the skipper's test of the first two characters (deid_first_characters._pairs)
changes no match, and turns away the places whose first two characters no match opens with."""

from __future__ import annotations

import re

import pytest

from medlocal.privacy import deid_first_characters, deid_patterns
from medlocal.privacy.deid_first_characters import opening_skipper, skipped_matches


def _found(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


_WEEKDAYS = r"(?i:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"


@pytest.mark.parametrize(
    ("written", "text"),
    [
        (_WEEKDAYS, "Mars Monday, TUESDAY and sunday; Sunny Sat. Friday"),
        # Case folded as the engine folds it: the Kelvin sign is a "k", the long s an "s".
        (r"(?i:\b(?:kelvin|sept|stone))", "\u212aelvin kelvin \u017fept SEPT \u017ftone Kw"),
        (r"(?i:\b(?:\u212aelvin|ab))", "Kelvin kelvin \u212aelvin AB ax"),
        # An optional cue before the word: the pair may be the cue's or the word's.
        (r"\b(?:(?i:le|am)[ \t]+)?(?i:monday|mardi)\b", "le Monday am mardi LE lundi mardi"),
        # A match of one character: any second character, and the end of the text.
        (r"\b(?:X|Yz)\b", "X Yz Ya X"),
        # A repeat: the second character may come from the same repeated set.
        (r"\b(?:Q\d{1,3}|Zz)\b", "Q1 Q12 Qa Zz Zy"),
        # Beyond ASCII always admitted.
        (r"(?i:\b(?:éte|ét|über))", "été Über über ÉTÉ et"),
    ],
)
def test_the_skipper_with_pairs_finds_what_the_pattern_finds(written: str, text: str) -> None:
    pattern = re.compile(written)
    skipper = opening_skipper(pattern)
    assert skipper is not None
    assert _found(skipped_matches(pattern, skipper, text)) == _found(pattern.finditer(text))


def test_the_pair_test_turns_away_other_openings() -> None:
    pairs = re.compile(deid_first_characters._pair_test(re.compile(_WEEKDAYS)))
    for opening in ("Mo", "mO", "TU", "we", "Th", "Fr", "sa", "SU", "\u017fu", "\u00e9x"):
        assert pairs.match(opening), opening
    for opening in ("Ma", "Ta", "Sy", "wa", "F.", "12"):
        assert not pairs.match(opening), opening


@pytest.mark.parametrize(
    "written",
    [
        r"\b\w\w",  # every pair: a test that turns nothing away
        r"\b(?:x)?",  # may match nothing
        r"(\w)\b\1",  # a back reference
    ],
)
def test_no_pair_test_where_it_would_not_hold_or_pay(written: str) -> None:
    assert deid_first_characters._pair_test(re.compile(written)) == ""


def test_fixed_form_patterns_with_pairs_find_what_they_found_before() -> None:
    """Every fixed-form pattern with a skipper finds, with its pair test, what it finds as
    written, on text that opens many of their words."""
    text = (
        "Seen Monday 3 March 2024 at 12 Rue de la Paix, Hwy 12 km 4, Route 9; NHS 401 023 2137. "
        "le lundi 4 mars; am Montag; sábado 5 de mayo; Ave. Maria St; I-95 exit 4; MRN 1234567\n"
        "Patient: John SMITH, 92-year-old; Sun 4/5; Address: 12 Long Lane, Leeds LS1 4AB."
    )
    with_pairs = 0
    for _, pattern in deid_patterns._PATTERNS:
        skipper = opening_skipper(pattern)
        if skipper is None:
            continue
        with_pairs += deid_first_characters._pair_test(pattern) != ""
        assert _found(skipped_matches(pattern, skipper, text)) == _found(pattern.finditer(text)), (
            pattern.pattern[:60]
        )
    assert with_pairs > 100


def test_the_pair_test_admits_beyond_ascii_without_a_range_the_engine_walks() -> None:
    """Session 34: beyond ASCII is written as the other ASCII characters negated, not as a range
    to U+10FFFF (which the engine's compiler walks over the 65,536 characters of the first
    plane: seconds of set-up over the patterns), and admits the same characters."""
    written = deid_first_characters._pair_test(re.compile(_WEEKDAYS))
    assert written
    assert "\\U" not in written and "\\u" not in written
    pairs = re.compile(written)
    for opening in ("\u00e9x", "M\u00e9", "\u212ao", "\U0001f600a", "Mo", "mo"):
        assert pairs.match(opening), opening
    for opening in ("Ma", "M.", "1x"):
        assert not pairs.match(opening), opening
    beyond = re.compile(deid_first_characters._with_beyond_ascii(frozenset("ab")))
    admitted = {chr(c) for c in range(0x3000) if beyond.fullmatch(chr(c))}
    assert admitted == {"a", "b"} | {chr(c) for c in range(0x80, 0x3000)}
    assert beyond.fullmatch("\U0010ffff")
