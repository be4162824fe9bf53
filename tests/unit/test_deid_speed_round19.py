"""Round 19's speed shortcut changes no redaction: the skipper (deid_first_characters), a pattern
that opens with a set of the characters a fixed-form pattern's matches open with, consumed, so
the engine skips to them, and asks the pattern itself there."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_first_characters, deid_patterns
from medlocal.privacy.deid_first_characters import (
    CASE_EXTRAS,
    _case_variants,
    opening_skipper,
    opens_apart,
    skipped_matches,
)


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    assert isinstance(matches, list)
    return [(m.span(), m.groupdict()) for m in matches]


def test_case_extras_are_every_other_character_an_ascii_one_matches_ignoring_case() -> None:
    """The skipper's set is matched with case, so it must list every character the engine takes
    as an ASCII character ignoring case: beyond the letter's other case, only these."""
    ascii_ignoring_case = re.compile(r"(?i)[\x00-\x7f]")
    found = {
        chr(code)
        for code in range(128, 0x110000)
        if ascii_ignoring_case.fullmatch(chr(code)) is not None
    }
    assert found == set("".join(CASE_EXTRAS.values()))
    for letter, extras in CASE_EXTRAS.items():
        for extra in extras:
            assert re.fullmatch(f"(?i){letter}", extra) is not None
    # Nor is any character beyond ASCII an ASCII one ignoring case but those.
    beyond_ascii = re.compile(r"(?i)[\x80-\U0010ffff]")
    matched = {chr(code) for code in range(128) if beyond_ascii.fullmatch(chr(code))}
    assert matched == {c for letter in CASE_EXTRAS for c in (letter, letter.upper())}
    # No character outside the digits is a digit ignoring case.
    assert all(
        re.fullmatch(r"(?i)\d", chr(code)) is None
        for code in range(0x110000)
        if re.fullmatch(r"\d", chr(code)) is None
    )


def test_case_variants_of_a_set_member() -> None:
    assert _case_variants("a") == ["a", "A"]
    assert _case_variants("k") == ["k", "K", "\u212a"]
    assert _case_variants("a-c") == ["a", "A", "b", "B", "c", "C"]
    assert _case_variants(r"\d") == [r"\d"]
    assert _case_variants(r"\-") == [r"\-", r"\-"]
    # Beyond ASCII: every such character, and the ASCII letter one of them is ignoring case.
    assert _case_variants("é") == [r"\x80-\U0010ffff"]
    assert _case_variants("\u017f") == [r"\x80-\U0010ffff", "s", "S"]
    assert _case_variants("\u0100-\u0131") == [r"\x80-\U0010ffff", "i", "I"]
    assert _case_variants("y-z") == ["y", "Y", "z", "Z"]
    assert _case_variants(r"\w") is None


@pytest.mark.parametrize(
    ("written", "text"),
    [
        (
            r"(?<!\w)(?=\w)\b(?:Hwy|Highway|Route)[ \t]+\d+",
            "Route 9 then Hwy 12, highway 3 Route 66",
        ),
        # The Kelvin sign is a "k", the long s an "s" ignoring case: the set lists them.
        (r"(?<!\w)(?=\w)(?i:\bkelvin|sun)", "\u212aelvin, Kelvin, \u017fun and SUN; xsun"),
        # Beyond ASCII: the Angstrom sign is an "å" ignoring case, and the long s an "s".
        (r"(?<!\w)(?=\w)(?i:åland|ſun|é\w)", "\u212bland, Åland, SUN, sun, É1 and éa; xåland"),
        (r"(?i)\b(?:sept|oct)\w*", "SEPT, Oct and october"),  # a global flag stays first
        (r"(?i)\b(?-i:x)?Y\d", "y1 xY2 Xy3 Y4"),
        (r"(?<![\w.])(?:\d{3}-)?[A-Z]{2}\d", "AB1 .CD2 555-EF3 gh4"),
        # Named groups, and matches at the very start and end of the text.
        (r"(?<!\w)(?=\w)(?:Ward|Unit)[ \t](?P<v>\d+)", "Ward 1 and Unit 22"),
        (r"(?<!\w)(?=\w)(?:Flat|Unit)\b", "x Unit"),
        # Matches next to each other: the search goes on where the last one ended.
        (r"\b(?:ab|b)", "ab ab b abab"),
        # The word-start test in front of the first way only: "bar" opens inside a word too.
        (r"(?<!\w)(?=\w)\bfoo|bar", "xbar foo bar xfoo"),
    ],
)
def test_the_skipper_finds_what_the_pattern_finds(written: str, text: str) -> None:
    pattern = re.compile(written)
    skipper = opening_skipper(pattern)
    assert skipper is not None
    assert skipper.pattern.startswith(("[", "(?-i:["))
    found = list(skipped_matches(pattern, skipper, text))
    assert _found(found) == _found(list(pattern.finditer(text)))
    assert all(m.re is pattern for m in found)  # the pattern's own matches


@pytest.mark.parametrize(
    "written",
    [
        r"Hwy \d+",  # opens with a character: the engine skips to it already
        r"[A-Z]{2}\d",
        r"\b(?:x)?",  # may match nothing
        r"\b[^a]x",  # a negated set: no short list
        # Every letter and digit, where a match may open inside a word: a set that turns
        # nothing away.
        r"(?<![.])\w+",
        r"(?<!-)(?i:[a-z0-9]{3})",
        r"(?a)\bx",  # another alphabet's \b and \w
        r"\b(a)\1",  # a group referred to: not allowed inside the skipper's look-behind
    ],
)
def test_no_skipper_where_it_would_not_hold_or_pay(written: str) -> None:
    assert opening_skipper(re.compile(written)) is None


def test_a_pattern_that_opens_a_word_takes_a_skipper_of_any_width() -> None:
    pattern = re.compile(r"(?<!\w)(?=\w)(?i:[a-z0-9]{3})")
    skipper = opening_skipper(pattern)
    assert skipper is not None
    assert r"(?<!\w\w)" in skipper.pattern
    text = "abc d1e2 f3 ghij"
    assert _found(list(skipped_matches(pattern, skipper, text))) == _found(
        list(pattern.finditer(text))
    )


@pytest.mark.parametrize(
    ("written", "apart"),
    [
        (r"(?<!\w)(?=\w)(?:foo|bar)", True),
        (r"\bfoo|#bar", True),  # a sign is no word character
        (r"(?:(?<=\bon )|(?<=\bvia ))SR\d", True),  # a look-behind that ends in a space
        (r"(?<![\w@.])@\w+|\b(?i:handle)", True),
        (r"\b(?:x|\.y)", True),
        (r"(?<!\w)(?=\w)\bfoo|bar", False),  # "bar" may open inside a word
        (r"foo", False),
        (r"\b[^a]x", False),  # a negated set: not read
        (r"\b(?:x)?", False),  # may match nothing
        (r"(?i:\b\u0345)", False),  # a combining mark: no word character, a Greek iota is one
    ],
)
def test_opens_apart(written: str, apart: bool) -> None:
    assert opens_apart(re.compile(written)) is apart


def test_without_cpythons_parser_internals_no_skipper_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pattern = re.compile(r"\b(?:Ward|Unit) \d+")
    assert opening_skipper(pattern) is not None
    monkeypatch.setattr(deid_first_characters, "_parser", None)
    assert opening_skipper(pattern) is None
    assert not opens_apart(pattern)


def _texts() -> list[str]:
    notes = [note.text for half in ("dev", "dev3", "heldout", "heldout2") for note in load(half)]
    # One long text, as the skippers are used in, and the edges of a text.
    return ["\n\n".join(notes), "Route 9", "Seen 3 March 2024", "12 Rue de la Paix", "#204"]


def test_fixed_form_patterns_with_a_skipper_find_what_they_found_before() -> None:
    texts = _texts()
    with_skipper = 0
    for _, pattern in deid_patterns._PATTERNS:
        if pattern in deid_patterns._OPENINGS:
            continue
        skipper = deid_patterns._skipper(pattern)
        if skipper is None:
            continue
        with_skipper += 1
        for text in texts:
            assert _found(list(skipped_matches(pattern, skipper, text))) == _found(
                list(pattern.finditer(text))
            ), pattern.pattern[:60]
    assert with_skipper > 150


def test_fixed_form_candidates_are_the_same_with_and_without_skippers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _texts()[0]
    assert len(text) >= deid_patterns._SKIP_FROM
    skipped = list(deid_patterns.pattern_candidates(text))
    monkeypatch.setattr(deid_patterns, "_SKIP_FROM", len(text) + 1)
    assert list(deid_patterns.pattern_candidates(text)) == skipped


def test_clinical_reads_each_word_once_per_text_and_forgets_it() -> None:
    from medlocal.privacy.deid_lexicon import lexicon

    lex = lexicon()
    lex.forget()
    words = ["metformin", "amoxicillin", "magnesium sulfate", "butylbromide", "mitoses", "ralph"]
    first = [lex.clinical(w) for w in words]
    assert first == [lex.clinical(w) for w in words]  # read again from the memo
    assert lex._clinical  # remembered while the text is read
    lex.forget()
    assert not lex._clinical  # a patient's words are not kept once it is done
    assert first == [lex.clinical(w) for w in words]


def test_known_words_with_and_without_a_prefix() -> None:
    from medlocal.privacy.deid_lexicon import lexicon

    lex = lexicon()
    lex.forget()
    # A prefix before a known word ("pre" + "operative"), none before an unknown one.
    assert lex.known("preoperative")
    assert lex.known("hyperkalaemia")
    assert not lex.known("prezxqvyt")
    assert not lex.known("zxqvytrob")


def test_word_end_leaves_a_possessive_out() -> None:
    from medlocal.privacy.deid_tokens import Tok, word_end

    def end(word: str) -> int:
        return word_end(Tok(10, 10 + len(word), word, "title", word.lower()))

    assert end("Smith") == 15
    assert end("Smith's") == 15
    assert end("Smith’s") == 15
    assert end("Jones'") == 15
    assert end("Jones’") == 15
    assert end("Jones") == 15
    assert end("Williams") == 18  # an "s" alone is the word's own


def test_tagger_gap_of_blanks_is_a_space() -> None:
    from medlocal.privacy.deid_tagger_features import _gap

    assert _gap(" ") == " "
    assert _gap("") == " "
    assert _gap(" \t ") == " "
    assert _gap(". ") == "."
    assert _gap(", 22 ") == ",_0"
    assert _gap(" 1234567 ") == "0"
