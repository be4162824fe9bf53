"""Session 60 (speed): a long alternation of words written grouped by first character
(deid_word_alternation.by_first_character) finds what the plain alternation finds, with the same
groups, at the same places, in the same order of trial; the kinship words before a relative's
name (deid_kin_names) are written so, and find on long and short texts what the plain
alternation of the same words finds. The comparison fails where a word is dropped."""

from __future__ import annotations

import random
import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_kin_names
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer
from medlocal.privacy.deid_kin_names import KIN_WORDS
from medlocal.privacy.deid_word_alternation import by_first_character

_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in words)


def _found(pattern: re.Pattern[str], text: str) -> _Found:
    return [(match.span(), match.groups()) for match in pattern.finditer(text)]


def _both(words: list[str], around: str, flags: int, text: str) -> tuple[_Found, _Found]:
    """What the plain and the grouped alternation of ``words`` find, each written into
    ``around`` (its "{}") and compiled with ``flags``."""
    plain = re.compile(around.format(_plain(words)), flags)
    grouped = re.compile(around.format(by_first_character(words)), flags)
    return _found(plain, text), _found(grouped, text)


# Words that share openings, differ in case only at the start, need escaping, hold one
# character, or open with letters the engine takes for others ignoring case (Kelvin sign,
# long s, dotted and dotless i).
_WORDS = [
    "great-grandson", "great-aunt", "great", "grand", "gran", "Gran", "g", "a.b", "a+b", "ab",
    "abc", "Ab", "son", "sons", "ſon", "\u212aate", "kate", "Kate", "İlk", "ilk", "ılk", "(x)",
    "mum", "mummy", "ma", "m", "père", "Père", "жена", "Жена",
]  # fmt: skip
_TEXTS = [
    "her great-grandson and great-aunt came; Gran and gran, a.b a+b ab abc Ab abcd.",
    "SON sons ſon ſons \u212aATE kate KATE İlk ilk ılk ILK (x) (X) mum mummy MA m.",
    "père Père PÈRE жена ЖЕНА Жена, great grand grandson g-g, ab-c, a.bc",
    "",
]
# Where the pattern asks more after the word, the order in which the words are tried decides
# which one the match keeps ("ab" before "abc": "abcc" is "ab" then "cc" or "abc" then "c").
_AROUND = [
    r"(?<!\w)(?:{})(?!\w)",
    r"(?:{})",
    r"(?P<w>{})(?P<rest>c*)\b",
    r"(?<![\w'’-])(?:{})(?:[ \t]*:)?[ \t]+(?P<n>[^\W\d_a-z][^\W\d_]*)",
    r"(?P<w>{})(?=[ \t.,;:-])",
]


@pytest.mark.parametrize("around", _AROUND)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_grouped_alternation_finds_what_the_plain_one_finds(around: str, flags: int) -> None:
    rng = random.Random(60)
    for text in [*_TEXTS, "abcc abccc ABCC Abc", " ".join(_TEXTS) * 3]:
        for words in (_WORDS, sorted(_WORDS, key=len, reverse=True), rng.sample(_WORDS, 20)):
            plain, grouped = _both(words, around, flags, text)
            assert grouped == plain, (around, flags, words)


def test_the_order_of_trial_is_kept_within_a_group() -> None:
    # "ab" tried before "abc" reads "abcc" as "ab" and "cc"; "abc" first as "abc" and "c".
    for words, word in ((["ab", "abc"], "ab"), (["abc", "ab"], "abc")):
        pattern = re.compile(rf"(?P<w>{by_first_character(words)})(?P<rest>c*)$")
        found = pattern.match("abcc")
        assert found is not None and found.group("w") == word


def test_the_comparison_fails_where_a_word_is_dropped() -> None:
    words = list(_WORDS)
    plain = re.compile(rf"(?<!\w)(?:{_plain(words)})(?!\w)", re.IGNORECASE)
    dropped = re.compile(rf"(?<!\w)(?:{by_first_character(words[1:])})(?!\w)", re.IGNORECASE)
    text = " ".join(_TEXTS)
    assert _found(plain, text) != _found(dropped, text)


def test_words_are_grouped_and_an_empty_word_is_refused() -> None:
    assert by_first_character(["mum", "ma", "son"]) == "m(?:um|a)|son"
    # Different first characters that fold alike stay apart, in one run of the alternation.
    assert by_first_character(["Ab", "ab", "b"]) == "Ab|ab|b"
    with pytest.raises(ValueError, match="empty word"):
        by_first_character(["mum", ""])


def _kin_plain() -> re.Pattern[str]:
    """The kinship pattern as it was written before (a plain alternation, longest first)."""
    words = "|".join(sorted((re.escape(word) for word in KIN_WORDS), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’-])(?i:{words})(?![\w'’-])(?:[ \t]*:)?[ \t]+"
        r"(?P<n>[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*)"
    )


def test_the_kinship_pattern_is_the_grouped_one() -> None:
    pattern = deid_kin_names._KIN_THEN_NAME.pattern
    assert pattern != _kin_plain().pattern
    assert "g(?:reat\\-" in pattern  # the words opening with "g" in one group


@pytest.mark.parametrize("half", ["dev", "dev49", "dev59"])
def test_the_kinship_pattern_finds_what_the_plain_one_finds(half: str) -> None:
    plain = _kin_plain()
    grouped = deid_kin_names._KIN_THEN_NAME
    notes = load(half)
    for note in notes:  # each note as it is read (short: the plain search)
        assert _found(grouped, note.text) == _found(plain, note.text), note.note_id
    record = "\n".join(note.text for note in notes)
    # The record in capitals and in small letters: the words are matched ignoring case.
    for text in (record, record.upper(), record.lower(), record.replace(" ", "\t")):
        assert len(text) >= SKIP_FROM  # long: through the skipper, as the redactor reads it
        found = [(m.span(), m.groups()) for m in skipped_finditer(grouped, text)]
        assert found == _found(plain, text)
    assert _found(plain, record)  # the comparison has matches to compare
