"""Session 53 (speed): the fixed-form patterns written with tests in front (the word-start test,
the first-character test) are compiled from the parse the build already made
(deid_regex_build), not parsed again by re.compile. Each must be the very pattern re.compile
makes of its text: a compiled pattern's equality compares its text, flags and whole code."""

from __future__ import annotations

import re
from typing import Any

import pytest

from medlocal.privacy import deid_patterns, deid_regex_build
from medlocal.privacy.deid_first_characters import first_character_test
from medlocal.privacy.deid_regex_build import compile_in_front, parse
from medlocal.privacy.deid_word_starts import WORD_START

_compiler: Any = pytest.importorskip("re._compiler")


def _fresh(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """re.compile's own pattern for the same text, made anew (not from re's cache)."""
    made: re.Pattern[str] = _compiler.compile(pattern.pattern, pattern.flags)
    return made


def _same(built: re.Pattern[str], made: re.Pattern[str]) -> bool:
    return (
        built == made
        and built.pattern == made.pattern
        and built.flags == made.flags
        and built.groups == made.groups
        and dict(built.groupindex) == dict(made.groupindex)
    )


def test_the_route_is_taken_on_this_python() -> None:
    # Without it every pattern is compiled as before: the same, but the build's seconds back.
    assert deid_regex_build._WORKS


def test_every_pattern_with_the_word_start_test_is_re_compile_s_own() -> None:
    checked = 0
    for (_, written), (_, pattern) in zip(
        deid_patterns.UNANCHORED_PATTERNS, deid_patterns._PATTERNS, strict=True
    ):
        if pattern is written:
            continue
        assert _same(pattern, _fresh(pattern)), pattern.pattern[:120]
        checked += 1
    assert checked > 200


def test_every_first_character_test_is_re_compile_s_own() -> None:
    tests = list(deid_patterns._FIRST_CHARACTER.values())
    assert len(tests) > 200
    for test in tests:
        assert _same(test, _fresh(test)), test.pattern[:120]


def test_equality_reads_the_code() -> None:
    # The check above would prove nothing if equal texts alone made patterns equal.
    text = f"{WORD_START}(?:ab|ac)"
    other = deid_regex_build._compiled(text, parse(f"{WORD_START}(?:ab|ad)", 0), 0)
    assert other.pattern == text
    assert other != re.compile(text)


_CASES = [
    (WORD_START, r"\b(?:mr|mrs)\.?[ \t]+(?P<v>[A-Z][a-z]+)", 0),
    (WORD_START, r"\b(?P<v>\d{3})-(?P<w>\d{4})|\b(?i:tel)[ \t]*(?P<g>\d+)", 0),
    (WORD_START, r"\b(?:aa|ab|ac)x|\bab?c{2,3}", re.IGNORECASE),
    (r"(?=[0-9]|(?i:[kls]))", r"(?:\d{3}|[kl]x)(?=\s)|s(?P<v>t)(?(v)u|w)", 0),
    (r"(?=[A-Z])", r"(?P<v>[A-Z]\w+)[ \t]+(?P=v)", re.MULTILINE),
    (r"(?<![\w@.])(?=[\w])", r"[\w.]+@(?:[a-z]+\.)+[a-z]{2,}", re.IGNORECASE),
    (WORD_START, r"\bİstanbul|\bſtraße|\bK\u212aelvin", re.IGNORECASE),
    (WORD_START, "(?s:.)(?x: a b )", 0),
    (WORD_START, "", 0),
]


@pytest.mark.parametrize(("head", "written", "flags"), _CASES)
def test_compile_in_front_is_re_compile(head: str, written: str, flags: int) -> None:
    built = compile_in_front(head, written, flags)
    made = _compiler.compile(f"{head}(?:{written})", flags)
    assert _same(built, made)


def test_a_head_with_a_group_is_compiled_by_re_compile() -> None:
    # A group in the head would number the pattern's groups anew: not joined, compiled as text.
    built = compile_in_front("(?=(a))", r"(?P<v>a)b", 0)
    assert _same(built, _compiler.compile("(?=(a))(?:(?P<v>a)b)", 0))
    assert built.groupindex["v"] == 2


def test_the_build_lets_its_parses_go() -> None:
    assert deid_regex_build._kept == {}
    assert not deid_regex_build._keeping
    parse("ab+c", 0)
    assert deid_regex_build._kept == {}


def test_kept_parses_are_shared_then_let_go() -> None:
    deid_regex_build.keep()
    try:
        first = parse(r"\bab+c", 0)
        assert parse(r"\bab+c", 0) is first
        built = compile_in_front(WORD_START, r"\bab+c", 0)
        assert parse(built.pattern, 0) is deid_regex_build._kept[built.pattern, 0]
    finally:
        deid_regex_build.forget()
    assert deid_regex_build._kept == {}


def test_first_character_test_on_a_pattern_outside_the_build() -> None:
    pattern = re.compile(f"{WORD_START}(?:(?i:monday|tuesday)|[0-9]{{2}}h)")
    test = first_character_test(pattern)
    assert test is not None
    assert _same(test, _fresh(test))
    text = "on Monday at 09h, not xmonday; TUESDAY"
    assert [m.span() for m in test.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_first_character_tests_are_compiled_where_first_needed() -> None:
    tests = deid_patterns._FIRST_CHARACTER
    keyed = [p for p in tests if p in deid_patterns._WORD_KEYS]
    assert len(keyed) > 100
    for pattern in tests:
        # The plan holds no test: it is asked of the mapping where the pattern is scanned.
        assert deid_patterns._PLANS[id(pattern)][4] is None
    for _, pattern in deid_patterns._PATTERNS:
        if pattern not in tests:
            assert deid_patterns._PLANS[id(pattern)][4] is pattern
            assert tests.get(pattern, pattern) is pattern
    pattern = keyed[0]
    made = tests[pattern]
    assert tests[pattern] is made  # once
    assert made.pattern.endswith(f"(?:{pattern.pattern})")
    assert _same(made, _fresh(made))
    copy = re.compile(pattern.pattern + "(?#another object)", pattern.flags)
    assert copy not in tests
    with pytest.raises(KeyError):
        tests[copy]


def test_a_text_whose_folding_moves_offsets_compiles_the_keyed_patterns_tests() -> None:
    # "ß" folds to "ss": the word-start index is not usable and keyed patterns scan the text.
    text = "Straße 12, seen Monday 12/03/2024 by Dr Weiß, tel 0161 555 0742. " * 3
    for _, pattern in deid_patterns._PATTERNS:
        found = [m.span() for m in deid_patterns._matches(pattern, text)]
        assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern[:80]
