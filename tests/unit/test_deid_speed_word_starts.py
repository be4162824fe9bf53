"""Session 35 (speed): a fixed-form pattern that opens a word with one of a list of strings is
asked only at the words that open with one of them (deid_word_starts), and finds what it finds
scanning the whole text."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_patterns
from medlocal.privacy.deid_pattern_cues import TextCues, folded
from medlocal.privacy.deid_word_starts import (
    WORD_START,
    Openings,
    WordStarts,
    matches_at,
    word_openings,
)


def _texts() -> list[str]:
    notes = [note.text for note in load("dev")]
    awkward = (
        "İSTANBUL Kadıköy Straße 12\r\nMRN: 4471822\nſeen by Dr K\u212aelvin on 3 März 2024",
        "Tel 0161 555 0742\n\n\nHighway 9 exit 12\nDOB 12/03/1931 Mo 3.4.26 mo, 5 mars",
        "no line break at the end: Medicare 5512 88321 4",
        "\nstarts with a break, Apt 4B, 12 Rue de la Paix\n",
        "ends in a short word: le",
        "١٢ مارس ٢٠٢٥ and ４ May 2026, Thursday 12/3, jeudi 5 mars",
    )
    return [*notes, "\n".join(notes), *awkward]


def _found(matches: object) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _compiled(written: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(WORD_START + written, flags)


def test_openings_of_words_and_digits() -> None:
    openings = word_openings(_compiled(r"(?:\bMRN|(?i:medicare|mr))[ \t]*\d+"))
    assert openings is not None
    # "mrn" starts with "mr", which goes on over the optional spaces to a digit's mark.
    assert openings.keys == {"med", "mr ", "mr\t", "mrn", "mr0"}
    # A small set written out, an optional dot and a day number of one to three digits each
    # read as its counts, a run of spaces cut where it stands; every digit the mark "0".
    openings = word_openings(_compiled(r"(?:[NS]\.?[ \t]+)?\d{1,3}(?:st|nd)"))
    assert openings is not None
    assert openings.keys == {
        "n.\t", "n. ", "n ", "n\t", "s.\t", "s. ", "s ", "s\t", "0st", "0nd", "00s", "00n", "000",
    }  # fmt: skip
    openings = word_openings(_compiled(r"(?i:l[eé])[ \t]+\d"))
    assert openings is not None
    assert openings.keys == {"le ", "le\t", "lé ", "lé\t"}


@pytest.mark.parametrize(
    "written",
    [
        r"[A-Z][a-z]+ Street",  # a capital of any word: not read
        r"(?:MRN)?[ \t]*\d*",  # may consume nothing
        r"(?:MRN|.)\d",  # any character
        r"(?:MRN|[^\W\d_])\d",  # a category
    ],
)
def test_openings_not_read(written: str) -> None:
    assert word_openings(_compiled(written)) is None


def test_only_patterns_that_open_a_word() -> None:
    assert word_openings(re.compile(r"\bMRN[ \t]*\d+")) is None
    # The test in front of the first alternative only: the second opens anywhere.
    assert word_openings(_compiled(r"\bTel[ \t]*\d+|\(\+\d+\)[ \t]*\d+")) is None
    assert word_openings(_compiled(r"\bMRN[ \t]*\d+", re.ASCII)) is None


def test_a_number_in_brackets_after_a_calling_word() -> None:
    """A phone pattern with the word-start test before its first alternative only: its later
    alternative, which opens with a bracket, is found as scanning finds it."""
    found = deid_patterns.pattern_candidates("Tel. (+353) 1 555 0123")
    assert [(red.kind, red.start, red.end) for red in found] == [("phone", 5, 22)]


def test_word_starts_by_key() -> None:
    text = "Mon 3 May; the month, MONTH 12 mo\nmon"
    starts = WordStarts(text, folded(text))
    assert starts.places(Openings(frozenset({"mon"}))) == [0, 15, 22, 34]
    assert starts.places(Openings(frozenset({"mo"}))) == [0, 15, 22, 31, 34]
    # Every digit reads as the mark "0": "0" opens every word that starts with a digit.
    assert starts.places(Openings(frozenset({"ma", "0"}))) == [4, 6, 28]
    assert starts.places(Openings(frozenset({"00"}))) == [28]
    assert starts.places(Openings(frozenset({"xyz"}))) == []


def test_matches_at_the_word_starts_are_the_patterns_own() -> None:
    """Every pattern with openings finds at its words what it finds scanning the whole text,
    and the patterns read cover most of the fixed-form ones."""
    patterns = list(deid_patterns._WORD_KEYS.items())
    assert len(patterns) > 150
    for text in _texts():
        starts = WordStarts(text, folded(text))
        for pattern, openings in patterns:
            assert _found(matches_at(pattern, text, starts.places(openings))) == _found(
                pattern.finditer(text)
            ), pattern.pattern[:80]


def test_pattern_candidates_ask_the_words() -> None:
    """_matches with the word starts finds what each pattern finds."""
    text = "\n".join(note.text for note in load("dev"))
    cues = TextCues(text)
    starts = WordStarts(text, cues.folded_text)
    for _, pattern in deid_patterns._PATTERNS:
        if pattern in deid_patterns._OPENINGS:
            continue
        assert _found(deid_patterns._matches(pattern, text, cues, starts)) == _found(
            pattern.finditer(text)
        ), pattern.pattern[:80]


def test_fewer_places_than_words() -> None:
    """The weekday dates are asked at a few of the words of an English text, not at most."""
    text = "\n".join(note.text for note in load("dev"))
    starts = WordStarts(text, folded(text))
    words = len(re.findall(WORD_START, text))
    weekday = next(
        openings
        for pattern, openings in deid_patterns._WORD_KEYS.items()
        if "wednesday" in pattern.pattern and "dimanche" in pattern.pattern
    )
    assert len(starts.places(weekday)) < words / 3
