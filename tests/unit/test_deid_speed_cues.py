"""Session 28 (speed): the cue strings a fixed-form pattern cannot match without
(deid_pattern_cues) skip patterns and lines, and change no match."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_patterns
from medlocal.privacy.deid_first_characters import opening_skipper, skipped_matches
from medlocal.privacy.deid_pattern_cues import TextCues, folded, line_bound, required_cues

_PATTERNS = [pattern for _, pattern in deid_patterns._PATTERNS]


def _texts() -> list[str]:
    notes = [note.text for note in load("dev")]
    awkward = (
        "İSTANBUL Kadıköy Straße 12\r\nMRN: 4471822\nſeen by Dr K\u212aelvin on 3 März 2024",
        "Tel 0161 555 0742\n\n\nHighway 9 exit 12\nDOB 12/03/1931",
        "no line break at the end: Medicare 5512 88321 4",
        "\nstarts with a break, Apt 4B, 12 Rue de la Paix\n",
    )
    return [*notes, "\n".join(notes), *awkward]


def _found(matches: object) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def test_folding_is_the_engines_case() -> None:
    """Every character the engine matches ignoring case with a literal of the patterns folds as
    that literal does (the cue test may never miss a match)."""
    literals = {char for pattern in _PATTERNS for char in pattern.pattern if char.isalpha()}
    every = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    for char in literals:
        for other in re.findall(f"(?i){re.escape(char)}", every):
            assert folded(other) == folded(char), (char, other)
    assert len(folded(every)) == len(every)  # offsets kept: the lines are read in the folding


def test_every_match_holds_a_string_of_every_clause() -> None:
    checked = 0
    for text in _texts():
        for pattern in _PATTERNS:
            clauses = required_cues(pattern)
            for match in pattern.finditer(text):
                found = folded(match.group())
                for clause in clauses:
                    assert any(cue in found for cue in clause), (pattern.pattern[:80], clause)
                checked += bool(clauses)
    assert checked > 100


@pytest.mark.parametrize(
    ("written", "bound"),
    [
        (r"\bMRN[ \t]*\d+", True),
        (r"(?<=\n)MRN\d+", True),  # a look-behind reads what comes before: allowed
        (r"(?i)[^\W\d_]+ Street", True),
        (r"(?m)MRN\d+$", True),  # "$" with MULTILINE: the end of the line either way
        (r"MRN\s+\d+", False),
        (r"MRN[^x]\d+", False),
        (r"MRN\d+$", False),
        (r"MRN\d+\Z", False),
        (r"MRN\d+(?=\n)", False),
        (r"(?s)MRN.\d", False),
        (r"(a)MRN\1", False),
    ],
)
def test_line_bound(written: str, bound: bool) -> None:
    assert line_bound(re.compile(written)) is bound


def test_required_cues_of_alternatives() -> None:
    assert required_cues(re.compile(r"\b(?:Medicare|Policy)[ \t]*\d+")) == (
        frozenset({"medicare", "policy"}),
    )
    # The parser takes a shared first letter out of the alternatives: two clauses.
    assert required_cues(re.compile(r"\b(?:Medicare|MRN)[ \t]*\d+")) == (
        frozenset({"edicare", "rn"}),
        frozenset({"m"}),
    )
    assert required_cues(re.compile(r"(?:Medicare|[A-Z])\d+")) == ()
    assert required_cues(re.compile(r"(?:MRN)?\d+")) == ()


def test_cued_matches_are_the_patterns_own() -> None:
    """What the pattern finds with its cues (skipped, or run on the lines that hold them) is
    what it finds scanning the whole text."""
    for text in _texts():
        cues = TextCues(text)
        for pattern in _PATTERNS:
            if pattern in deid_patterns._OPENINGS:
                continue
            plain = deid_patterns._FIRST_CHARACTER.get(pattern, pattern)
            assert _found(deid_patterns._matches(pattern, text, cues)) == _found(
                plain.finditer(text)
            ), pattern.pattern[:80]


def test_regions_only_hold_lines_with_cues() -> None:
    text = "nothing here\nMRN 4471822\nnor here\nmrn 12\nlast"
    cues = TextCues(text)
    clauses = required_cues(re.compile(r"\bMRN[ \t]*\d+"))
    assert cues.regions(clauses) in (None, [(13, 24), (34, 40)])
    assert cues.regions((frozenset({"medicare"}),)) == []


def test_skipped_matches_within_bounds() -> None:
    """The round-19 skipper searched between bounds finds what finditer finds there."""
    text = "\n".join(note.text for note in load("dev"))
    middle = text.index("\n", len(text) // 3)
    end = text.index("\n", 2 * len(text) // 3)
    for pattern in _PATTERNS:
        skipper = opening_skipper(pattern)
        if skipper is None:
            continue
        assert _found(skipped_matches(pattern, skipper, text, middle, end)) == _found(
            pattern.finditer(text, middle, end)
        ), pattern.pattern[:80]
