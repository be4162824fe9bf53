"""The speed round: text shapes that once made a rule quadratic, each read now in linear time and
finding what the slow reading found.

Each time check is a ratio measured in the same process (twice the text over the text, best of
three CPU times: about 2 for a linear reading, about 4 for a quadratic one), never a number of
seconds, which a loaded machine overran. The equivalence checks compare the fast readers with
the plain regular expressions on random text small enough for those to be quick.
"""

from __future__ import annotations

import random
import re

import pytest
from fixtures.timing import assert_linear, cpu

from medlocal.privacy import deid_case, deid_patterns, deid_runs
from medlocal.privacy.deid_case import recase
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_name_initials import name_initials_spans
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import Redactor


@pytest.mark.parametrize("unit", ["A.", "O'", "J.K.L.M.", "A-"])
def test_recase_reads_a_long_run_of_capitals_in_linear_time(unit: str) -> None:
    # 120 KB: the organisation-in-capitals pattern took about 2 minutes on it before. Measured
    # as a ratio (60 KB, then 120 KB), not against a clock that a loaded machine overran.
    lexicon()  # loaded once, outside the timing
    assert_linear(lambda n: recase(unit * (n // len(unit)), lexicon()), 60_000)


@pytest.mark.parametrize("unit", ["Aa-", "-", "A.", "a.b-c%d"])
def test_email_patterns_read_a_long_local_part_run_in_linear_time(unit: str) -> None:
    # 120 KB with an "@" at the end, so that the run is read: about 3 s a pattern before.
    def run(pattern: re.Pattern[str], n: int) -> None:
        list(deid_patterns._matches(pattern, unit * (n // len(unit)) + "@example.com"))

    for pattern in deid_patterns._OPENINGS:
        assert_linear(lambda n, p=pattern: run(p, n), 60_000)


def test_both_email_patterns_take_the_fast_reading() -> None:
    kinds = [kind for kind, p in deid_patterns._PATTERNS if p in deid_patterns._OPENINGS]
    assert kinds == ["email", "email"]


def _random_text(rng: random.Random, alphabet: str, size: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(size))


def test_email_fast_reading_finds_what_the_pattern_finds() -> None:
    rng = random.Random(5)
    alphabet = "aZ9._%+-@ \n_é" + "@x.co" * 2
    for _ in range(400):
        text = _random_text(rng, alphabet, rng.randint(1, 80))
        for pattern in deid_patterns._OPENINGS:
            fast = [m.span() for m in deid_patterns._matches(pattern, text)]
            assert fast == [m.span() for m in pattern.finditer(text)], text


def test_caps_facility_fast_reading_finds_what_the_pattern_finds() -> None:
    rng = random.Random(7)
    words = ["ST.", "MARY'S", "A.B.", "HOSPITAL", "PRACTICE", "x", "Y", "&", "-", "O'", "Dr"]
    long_run = "A." * 40  # over the length that takes the start-by-start reading
    for _ in range(300):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 14))]
        if rng.random() < 0.7:
            parts.insert(rng.randrange(len(parts) + 1), long_run + rng.choice(["", "X", "'"]))
        text = "".join(p + rng.choice([" ", "  ", "\t", "", ".", "\n"]) for p in parts)
        fast = [m.span() for m in deid_case._caps_facilities(text)]
        assert fast == [m.span() for m in deid_case._CAPS_FACILITY.finditer(text)], text


def test_a_long_run_with_a_facility_after_it_is_still_recased() -> None:
    text = "A." * 100 + " MALANDAY GENERAL HOSPITAL\n"
    assert recase(text, lexicon()).endswith(" Malanday General Hospital\n")


@pytest.mark.parametrize(
    "unit", ["Dr Smith saw Alpha Bravo at Kilo. ", "Mary Okafor Bravo. ", "A.", "Aa-"]
)
def test_redaction_time_grows_linearly(unit: str) -> None:
    """Twice the text takes well under four times as long (a quadratic rule takes four)."""
    redactor = Redactor(shift_days=40)
    small = unit * (12_000 // len(unit))
    redactor.redact(small)  # word lists and patterns load once
    # The best of three: a busy machine only slows a run down.
    one = min(cpu(lambda: redactor.redact(small)) for _ in range(3))
    two = min(cpu(lambda: redactor.redact(small * 2)) for _ in range(3))
    assert two < 3.0 * one + 0.2


@pytest.mark.parametrize(
    ("written", "opens_words"),
    [
        (r"\bfoo|\bbar", True),
        (r"(?i:\bmonday|\btuesday)(?:,[ \t]+\d)?", True),
        (r"(?:\b(?:le|el)[ \t]+)?\b(?:mai|juin)", True),
        (r"(?<=\bon )SR-?\d", True),
        (r"(?<![\w.])abc", True),
        (r"\b\d{1,2}/\d{1,2}", True),
        (r"\bfoo|bar", False),  # the second alternative may open inside a word
        (r"\b[ \t]x", False),  # a boundary, then no word character
        (r"(?<!\.)abc", False),
        (r"\b(?:x)?", False),  # may match nothing
        (r"\b.x", False),
        (r"\b[À-Þ]x", False),  # "×" is in the range and is no word character
        (r"(?a)\bx", False),  # another alphabet's \b
        (r"(?:\bx)?\.", False),
    ],
)
def test_word_start_test_goes_in_front_only_where_every_match_opens_a_word(
    written: str, opens_words: bool
) -> None:
    assert deid_patterns._opens_words(re.compile(written)) is opens_words


def test_the_word_start_test_guards_every_alternative() -> None:
    """Most fixed-form patterns take the test in front of all their alternatives, and each of
    those finds what it finds as written (the development notes check it at length in
    test_deid)."""
    whole = [
        (fast, written)
        for (_, fast), (_, written) in zip(
            deid_patterns._PATTERNS, deid_patterns.UNANCHORED_PATTERNS, strict=True
        )
        if fast.pattern.startswith(deid_patterns._WORD_START + "(?:")
    ]
    assert len(whole) > 60
    text = "Seen Monday, 3 March 2024 at 12 Rue de la Paix; on SR-12 near 4th St. Dr. Ng, MD."
    for fast, written in whole:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in written.finditer(text)]


def test_patterns_told_apart_by_identity_keep_it() -> None:
    """A context check that asks ``pattern is LABELLED_NUMBER`` needs the very object: every
    pattern so named is in BY_IDENTITY, which the word-start test leaves as written."""
    from pathlib import Path

    from medlocal.privacy import deid_pattern_context

    names = set()
    for module in (deid_pattern_context, deid_patterns):
        assert module.__file__ is not None
        names |= set(re.findall(r"pattern is ([A-Z_]+)", Path(module.__file__).read_text()))
    assert names
    for name in names:
        pattern = getattr(deid_pattern_context, name, None) or getattr(deid_patterns, name)
        assert pattern in deid_pattern_context.BY_IDENTITY, name
        assert any(fast is pattern for _, fast in deid_patterns._PATTERNS), name


def test_without_cpythons_parser_internals_no_pattern_is_claimed_to_open_a_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """re._parser is private: on a Python without it every pattern keeps its own test."""
    pattern = re.compile(r"\b(?:Ward|Unit) \d+")
    assert deid_patterns._opens_words(pattern)
    monkeypatch.setattr(deid_patterns, "_parser", None)
    assert not deid_patterns._opens_words(pattern)


def test_name_initials_read_one_long_line_of_capital_pairs_in_linear_time() -> None:
    # Review 14, item 11: 1.6 MB on one line, every pair a named person's initials. Each pair
    # once searched its line's two ends and matched the whole line: about 9 s; now one
    # bisection of the newline offsets a pair and one reading a line.
    # Round 21: measured as a ratio (a quarter of the line, then the whole), not against a
    # clock: on a machine half as fast the linear reading took 1.2 s of the old 1.0 s limit.
    # Linear is 4x; the quadratic reading was 16x.
    head = "Kieran Byrne saw her. "
    spans = [Redaction("name", 0, 12, "Kieran Byrne", "[NAME]")]
    lex = lexicon()

    def seconds(size: int) -> float:
        text = head + "KB " * ((size - len(head)) // 3)
        return cpu(lambda: list(name_initials_spans(text, spans, lex)))

    quarter = min(seconds(400_000) for _ in range(2))
    whole = seconds(1_600_000)
    assert whole < 8 * max(quarter, 0.01), (quarter, whole)


def test_a_list_gap_after_a_long_run_of_blanks_is_read_in_linear_time() -> None:
    # Session 35: "Reported" and 40,000 blanks took 2 s, since the list-gap pattern read the run
    # again from every blank before failing to find "and" (10,000 -> 20,000 blanks: ~4x).
    assert_linear(lambda n: deid_runs._AND_GAP.match(" " * n + "x"), 20_000)
    assert_linear(lambda n: Redactor(shift_days=40).redact("Reported" + " " * n + "x"), 20_000)


@pytest.mark.parametrize(
    "gap", [" and ", ", and ", "\tand", " & ", "/", "  /  ", " , and", ",and", " and"]
)
def test_the_list_gap_still_reads_every_joiner(gap: str) -> None:
    match = deid_runs._AND_GAP.match(gap)
    expected = re.compile(r"[ \t]*(?:,?[ \t]+and|&|/)[ \t]*").match(gap)  # the pattern before
    assert (match and match.span()) == (expected and expected.span())
