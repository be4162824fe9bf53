"""Session 40 (speed): the statistical line labels each distinct line once and skips a line where
no word's label is read; the residence, travel, role and employer cues are searched for only
where the window before a run ends with their last word; a device's model cue is searched for
through its skipper; patterns' plans and skippers are looked up by identity; the name cue before
a word is searched for from the window's last two words. Each gives what the full work gave."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import (
    deid_first_characters,
    deid_names,
    deid_pattern_context,
    deid_patterns,
    deid_places,
)
from medlocal.privacy.deid_first_characters import (
    SKIP_FROM,
    opening_skipper,
    skipped_search,
    skipper_of,
)
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_place_words import (
    EMPLOYER_CUE,
    EMPLOYER_CUE_ENDS,
    RESIDENCE_BEFORE,
    RESIDENCE_REACH,
    TRAVEL_BEFORE,
    last_word,
    may_end_with_preposition,
)
from medlocal.privacy.deid_tagger import OUTSIDE, Tagger, _spans_of, shipped_tagger
from medlocal.privacy.deid_tagger_features import line_features, lines_of
from medlocal.privacy.deid_tokens import Tok
from medlocal.privacy.deid_words import read_tokens

# Lines written twice (a template's fields, a heading, a footer), a word protected in one copy
# of a line and not the other, names spread from one line to another, lines of plain words.
_AWKWARD = (
    "Seen by Dr Okafor.\nSeen by Dr Okafor.\nPlan: review.\nPlan: review.\nSeen by Dr Okafor.",
    "Graves disease noted.\nGraves disease noted.\nGraves visited.\nMet Graves today.",
    "Lives alone in Settle.\nLives alone in Settle\nnormal gait.\nNormal Gait.\nNormal Gait.",
    "Kowalczyk Ewa\nKowalczyk Ewa\nEwa Kowalczyk and Marta Nowak; Nowak\nNOWAK\nnowak",
    "Signed: Ama Mensah\n\nSigned: Ama Mensah\n  Signed: Ama Mensah\nSigned: Ama Mensah  ",
    "BP 120/80. HR 72.\nBP 120/80. HR 72.\nSaw Theo at Brightwater Hospice.",
)


def _texts() -> list[str]:
    notes = load("dev")
    twice = notes[0].text + "\n" + notes[0].text  # a whole note written twice
    return [note.text for note in notes][:25] + list(_AWKWARD) + [twice]


def _every_line_labelled(tagger: Tagger, tokens: list[Tok], text: str) -> list[str]:
    """Session 39's labels: every line with a capital labelled by the model, each time."""
    lex = lexicon()
    labels: list[str] = []
    for line in lines_of(tokens, text):
        if any(tok.word[:1].isupper() for tok in line):
            labels += tagger._label(line_features(line, text, lex))
        else:
            labels += [OUTSIDE] * len(line)
    return labels


@pytest.mark.parametrize("index", range(len(_texts())))
def test_tagger_spans_as_when_every_line_is_labelled(index: int) -> None:
    text = _texts()[index]
    tagger = shipped_tagger()
    lex = lexicon()
    try:
        tokens = read_tokens(text, lex)
        reference = _spans_of(tokens, _every_line_labelled(tagger, tokens, text), text, lex)
        assert tagger.spans(text, lex, tokens) == reference
    finally:
        lex.forget()


def test_a_line_written_again_is_labelled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = shipped_tagger()
    labelled: list[int] = []
    label = tagger._label

    def counted(features: list[list[str]]) -> list[str]:
        labelled.append(len(features))
        return label(features)

    monkeypatch.setattr(tagger, "_label", counted)
    text = (
        "Seen by Dr Okafor.\nSeen by Dr Okafor.\nSeen by Dr Okafor.\nBP 120/80, HR 72 and normal.\n"
    )
    lex = lexicon()
    try:
        spans = tagger.spans(text, lex)
    finally:
        lex.forget()
    # One labelling for the three copies; none for the values' line (clinical abbreviations and
    # a known word in lower case: no word the line may take).
    assert labelled == [4]
    assert [text[s.start : s.end] for s in spans].count("Okafor") == 3


def _windows(text: str, reach: int) -> list[tuple[int, int]]:
    """The window before every word of ``text`` (where the cues are searched for), and before
    every blank run's end."""
    starts = {m.start() for m in re.finditer(r"\S+", text)}
    return [(max(0, at - reach), at) for at in sorted(starts)]


_CUED = (
    "lives alone in Settle; moved to a flat in Settle; returned to Settle; native of Bath",
    "lives İN Settle; lives ın Settle; moved\tto\t\tSettle; her home near Wells; from  Leeds",
    "in Settle\nin\tSettle\n in Settle\nIN Settle; Registrar in Cork; Consultant  in Old Age",
    "staying in  Recovery; resident of Settle for 40 years; originally from\nLagos",
    "inn Settle; tin Settle; to; of;  of  ; go to\u00a0Settle; went in\u2003Settle",
    "works at Tesco; employed by (Acme); volunteers with: Oxfam; pharmacy is Boots; job, Aldi",
    "wor\u212as at Tesco; reworks at Tesco; 2works at Tesco; member of  ( Rotary; boss:\tAcme",
)


def _preposition_test(text: str, pos: int, at: int) -> bool:
    return may_end_with_preposition(text, pos, at)


def _employer_test(text: str, pos: int, at: int) -> bool:
    word = last_word(text, pos, at, "(,:")
    return word is None or word in EMPLOYER_CUE_ENDS


@pytest.mark.parametrize(
    ("pattern", "may_match", "reach"),
    [
        (RESIDENCE_BEFORE, _preposition_test, RESIDENCE_REACH),
        (TRAVEL_BEFORE, _preposition_test, RESIDENCE_REACH),
        (deid_places._ROLE_IN, _preposition_test, 24),
        (EMPLOYER_CUE, _employer_test, 40),
    ],
)
def test_windows_turned_away_hold_no_cue(
    pattern: re.Pattern[str], may_match: Callable[[str, int, int], bool], reach: int
) -> None:
    checked = cued = 0
    for text in [note.text for note in load("dev")] + list(_CUED):
        for pos, at in _windows(text, reach):
            found = pattern.search(text[pos:at]) is not None
            cued += found
            if not may_match(text, pos, at):
                assert not found, text[pos:at]
                checked += 1
    assert checked > 1000 and cued > 1  # the test read both kinds of window


def test_last_word_reads_the_end_only() -> None:
    assert last_word("lives in ", 0, 9) == "in"
    assert last_word("lives\tIN\t", 0, 9) == "in"
    assert last_word("works at (", 0, 10, "(,:") == "at"
    assert last_word("works at ( ", 0, 11) == ""  # a mark not allowed here
    assert last_word("tel 0123 ", 0, 9) == ""
    assert last_word("x in ", 2, 5) == "in"
    assert last_word("lives \u0130n ", 0, 9) is None  # beyond ASCII: the pattern decides
    assert last_word("wor\u212as ", 0, 6) is None  # the Kelvin sign is a "k" ignoring case
    assert may_end_with_preposition("lives in ", 0, 9)
    assert not may_end_with_preposition("lives in", 0, 8)  # no blank after it
    assert not may_end_with_preposition("lives tin ", 0, 10)
    assert not may_end_with_preposition(" in ", 4, 4)  # an empty window


_MODELS = (
    "Medtronic Azure XT DR RNB612345S; model: MRI-99; Olympus CF-HQ190L / GIF-H190 AB1234;"
    " lead 5076-52; Abbott FreeStyle Libre 2 ZZ99; MEDTRONIC  azure  DR; modelled A-1; model\n"
)


@pytest.mark.parametrize(
    "pattern", [deid_pattern_context._MODEL_BEFORE, RESIDENCE_BEFORE, TRAVEL_BEFORE]
)
def test_skipped_search_finds_in_a_window_what_search_finds(pattern: re.Pattern[str]) -> None:
    long_text = "\n".join(note.text for note in load("dev")) + _MODELS * 50 + "\n".join(_CUED)
    assert len(long_text) >= SKIP_FROM  # the skipper is asked
    for text in (long_text, _MODELS):
        for pos, at in _windows(text, 60):
            found = skipped_search(pattern, text, pos, at)
            expected = pattern.search(text, pos, at)
            assert (found and (found.span(), found.groups())) == (
                expected and (expected.span(), expected.groups())
            )


def test_each_pattern_plan_is_what_the_lookups_by_pattern_give() -> None:
    # _matches reads a pattern's plan by its identity (hashing a compiled pattern reads its
    # whole code); the plan must say what the tables keyed by the pattern say.
    for _kind, pattern in deid_patterns._PATTERNS:
        assert deid_patterns._PLANS[id(pattern)] == deid_patterns._plan(pattern)
    assert len(deid_patterns._PLANS) == len({id(p) for _k, p in deid_patterns._PATTERNS})


def test_a_skipper_is_made_once_and_kept_with_its_pattern() -> None:
    pattern = deid_pattern_context._MODEL_BEFORE
    skipper = skipper_of(pattern)
    assert skipper is not None and skipper is skipper_of(pattern)
    assert skipper.pattern == opening_skipper(pattern).pattern  # type: ignore[union-attr]
    assert deid_first_characters._SKIPPERS[id(pattern)][0] is pattern  # kept alive with it
    assert deid_patterns._skipper(pattern) is skipper


_CUE_WINDOWS = (
    "his daughter ",
    "Dr. ",
    "Chaperone: ",
    "family (",
    "her son is ",
    "her son was\t",
    "sonis ",
    "the father's friend, ",
    "ex-partner ",
    "O’Neill- ",
    "(((( ",
    "",
    " ",
    "Dr.. ",
    "her GP is Dr ",
    "Ward 4, bed 2 ",
    "wife\u00a0",
    "Mr. Ó Súilleabháin, ",
    "42 is ",
)


def test_word_cue_searches_from_the_last_two_words_as_from_the_start() -> None:
    texts = [note.text for note in load("dev")[:20]] + [w + "Grace" for w in _CUE_WINDOWS]
    checked = 0
    for text in texts:
        for at in range(len(text) + 1):
            before = text[max(0, at - 30) : at]
            found = deid_names._CUE_WORD.search(before, deid_names._last_two_words(before))
            expected = deid_names._CUE_WORD.search(before)
            assert (found and (found.span(), found.groups())) == (
                expected and (expected.span(), expected.groups())
            ), before
            checked += expected is not None
    assert checked > 1000
