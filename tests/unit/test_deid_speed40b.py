"""Session 40, second round (speed): the specialty-and-comma organisations are matched only
before their endings (:func:`~medlocal.privacy.deid_org_affiliations.specialty_commas`). Each
gives what the pattern's own scan gave."""

from __future__ import annotations

import re
import sys

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_org_affiliations
from medlocal.privacy.deid_org_affiliations import (
    _SPECIALTY_COMMA,
    _SPECIALTY_ENDING,
    _SPECIALTY_LETTERS,
    specialty_commas,
)

# Every development half (the held-out ones and the validation halves dev8 and dev16 are never
# read one by one).
_HALVES = (
    *("dev", "dev3", "dev4", "dev5a", "dev5b", "dev6", "dev7"),
    *(f"dev{n}" for n in range(9, 38) if n != 16),
)

_AWKWARD = (
    "Cardiology, Valley Heart Care\n",
    "xCardiology, Foo\n",  # inside a word: no match
    "\u212aardiology, Foo Bar)",  # the Kelvin sign folds to "k" in the word, not before it
    "\u017furgery, Main St.",  # the long s
    "\u0130ology, A\n",
    "caf\u00e9Cardiology, Foo\n",  # a letter beyond ASCII before the word: a start
    "ologyology, Zed\n",
    "neurology clinic , Lakes Health North\n",
    "Surgery,Surgery, Main Hospital\n",
    "a" * 500 + "ology, B\n",
    "ology,ology,ology, X\n",
    "ology, " * 50 + "Q\n",
    "3ology, X\n",
    "Oncology team, Ridge Cancer Care - Riverton\n",
    "(medical oncology, Valley Cancer Care - Riverton)",
    "Psychiatry, A B C D E F G\n",
    "dermatology,\nFoo\n",
    "ONCOLOGY\tDEPT,\tNorth Star Health.",
    "",
)


def _found(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("org")) for m in matches]  # type: ignore[attr-defined]


def _texts() -> list[str]:
    notes = [note for half in _HALVES for note in load(half)]
    record = "\n".join(note.text for note in notes)
    return [note.text for note in notes] + [record, *_AWKWARD]


def test_specialty_commas_find_what_the_pattern_finds() -> None:
    found = 0
    for text in _texts():
        expected = _found(_SPECIALTY_COMMA.finditer(text))
        assert _found(specialty_commas(text)) == expected, text[:80]
        found += len(expected)
    assert found > 20  # the texts hold matches, not only misses


@pytest.mark.parametrize("text", _AWKWARD)
def test_specialty_commas_on_awkward_text(text: str) -> None:
    assert _found(specialty_commas(text)) == _found(_SPECIALTY_COMMA.finditer(text))


def test_specialty_letters_are_what_the_pattern_reads_as_letters() -> None:
    # The walk back reads the same letters as the pattern's "(?i:[a-z])", and the ending's
    # look-ahead admits every character the endings may open with.
    letter = re.compile(r"(?i:[a-z])")
    openings = re.compile(r"(?i:o|i|p|s|m|n)")
    lookahead = re.compile(r"(?=(?i:[oipsmn]))")
    letters = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.match(char):
            letters.add(char)
        if openings.match(char):
            assert lookahead.match(char), hex(code)
    assert letters == set(_SPECIALTY_LETTERS)
    assert _SPECIALTY_ENDING.pattern.startswith(lookahead.pattern)


def test_affiliated_organisations_use_the_ending_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def spy(text: str) -> object:
        calls.append(text)
        return specialty_commas(text)

    monkeypatch.setattr(deid_org_affiliations, "specialty_commas", spy)
    from medlocal.privacy.deid_lexicon import lexicon

    spans = deid_org_affiliations.affiliated_organisations(
        "Dr Lee (medical oncology, Valley Cancer Care - Riverton)", lexicon()
    )
    assert calls and [s.kind for s in spans] == ["facility"]


# The statistical line's features: _Word reads a word's own list by place (shape, length,
# spelling, then the rest), and line_features reads each word's shape once per line.


def test_line_features_equal_the_reference_on_every_development_note() -> None:
    """And _own's lists open with the shape, the length and the spelling, as _Word reads them."""
    from test_deid_speed36_words import _reference_features

    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_tagger_features import Memo, _own, line_features, lines_of
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    try:
        for text in _texts()[: -len(_AWKWARD) - 1] + list(_AWKWARD):  # the notes, not the record
            memo: Memo = {}
            for line in lines_of(read_tokens(text, lex), text):
                assert line_features(line, text, lex, memo) == _reference_features(line, text)
                for tok in line:
                    own = _own(tok, lex)
                    assert own[0].startswith("sh=") and own[1].startswith("len="), own
                    assert own[2].startswith("w="), own
                    assert not any(f[:2] in ("w=", "sh", "le") for f in own[3:]), own
    finally:
        lex.forget()
