"""Session 61 (speed): two exact cuts of a 20-page record's whole-text searches.

* A split pattern (deid_alternatives) whose other alternatives need a cue the text lacks is
  asked at its keyed words alone (deid_patterns._rest_search): the highway, Thai-year and
  Japanese-era patterns ran whole over a record that holds none of their others' cues.
* The relation-then-eponym search (deid_kin_eponyms) is one alternation grouped by first
  character (deid_word_alternation), and is made once for the rules' and the statistical
  line's spans instead of once for each.

Each must find exactly what the plain search finds; the comparison must catch a dropped match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_keyed_finders, deid_patterns
from medlocal.privacy.deid_alternatives import Alternatives
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer
from medlocal.privacy.deid_keyed_finders import finder_openings
from medlocal.privacy.deid_kin_eponyms import (
    _KIN_THEN_WORD,
    kin_eponym_words,
    without_kin_eponyms,
)
from medlocal.privacy.deid_kin_names import KIN_WORDS
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_pattern_cues import TextCues
from medlocal.privacy.deid_shared_cues import forget_text_cues, keep_text_cues, text_word_starts
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_word_starts import Openings, WordStarts
from medlocal.privacy.redact import PatientIdentity, Redactor

_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]

# Lines that the other alternatives of split patterns match (the highway pattern's Polish
# address, a Thai year, a Japanese era, a country code with "(0)", a Swedish postcode, an age
# after "At", "die 14de"), and the keyed ones beside them.
_OTHERS = (
    "Address: os. Kwiatowe bl. 5 m. 12\n"
    "ADRES: os. Zielone Wzgórze, bl. 7A, m. 3\n"
    "Seen on 21 March B.E. 2568 at the clinic; follow-up 3 April BE 2569.\n"
    "生年月日 令和8年10月2日, 昭和33年7月7日\n"
    "Call +353 (0)86 771 0042 or (+44) 20 7946 0958.\n"
    "Fleminggatan 18, 3 tr, 112 26 Stockholm\n"
    "Lives at rue de la Paix 4; off Highway 17 and US Hwy 101, Rte. 9.\n"
    "At 96, she lives alone. Seen 14 Tishrei 5785 and on die 14de terug.\n"
    "Unit 4, 77 Canal Street; Flat 7 of 5 Birchwood Terrace; 3rd Ave N.\n"
)


def _record() -> str:
    """About 30,000 characters of development notes, as a long record is read."""
    text = ""
    for note in load("dev") + load("dev49"):
        if len(text) >= 30_000:
            break
        text += note.text + "\n"
    return text


def _found(matches: Iterator[re.Match[str]]) -> _Found:
    return [(match.span(), match.groups()) for match in matches]


def _split_patterns() -> list[re.Pattern[str]]:
    return [
        pattern
        for _, pattern in deid_patterns._PATTERNS
        if deid_patterns._PLANS[id(pattern)][5] is not None
    ]


def _as_read(pattern: re.Pattern[str], text: str) -> _Found:
    """What the fixed-form loop finds of ``pattern`` in ``text`` (its own cue and word-start
    indexes, as pattern_candidates reads it)."""
    cues = TextCues(text)
    return _found(deid_patterns._matches(pattern, text, cues, WordStarts(text, cues.folded_text)))


def _texts() -> list[str]:
    record = _record()
    assert len(record) >= SKIP_FROM
    with_others = record + _OTHERS
    return [
        record,
        with_others,
        _OTHERS * 40,
        with_others.upper(),
        with_others.lower(),
        with_others.replace(" ", "\t"),
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_the_rest_gate_is_taken_on_a_long_record() -> None:
    record = _record()
    cues = TextCues(record)
    gated = []
    for pattern in _split_patterns():
        alternatives = deid_patterns._alternatives_of(pattern, deid_patterns._PLANS[id(pattern)][5])
        assert alternatives is not None
        if deid_patterns._rest_search(alternatives, record, cues) is deid_patterns._nowhere:
            gated.append(pattern)
    assert len(gated) >= 2
    assert any("Highway" in pattern.pattern for pattern in gated)
    # Where the text holds the others' cues, they are searched for.
    with_others = record + _OTHERS
    cues = TextCues(with_others)
    for pattern in gated:
        split = deid_patterns._PLANS[id(pattern)][5]
        alternatives = deid_patterns._alternatives_of(pattern, split)
        assert alternatives is not None
        if "Highway" in pattern.pattern:
            assert deid_patterns._rest_search(alternatives, with_others, cues) is not (
                deid_patterns._nowhere
            )


def test_split_patterns_find_what_finditer_finds(texts: list[str]) -> None:
    compared = matched = 0
    for pattern in _split_patterns():
        for text in texts:
            expected = _found(pattern.finditer(text))
            assert _as_read(pattern, text) == expected, pattern.pattern[:80]
            compared += 1
            matched += bool(expected)
    assert compared >= 16 * len(texts)
    assert matched >= 30


def test_the_comparison_catches_a_gate_that_drops_matches(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never_elsewhere(alternatives: Alternatives, text: str, cues: TextCues | None) -> object:
        return deid_patterns._nowhere  # wrong: the others may match

    monkeypatch.setattr(deid_patterns, "_rest_search", never_elsewhere)
    differ = [
        pattern
        for pattern in _split_patterns()
        if _as_read(pattern, texts[1]) != _found(pattern.finditer(texts[1]))
    ]
    assert any("Highway" in pattern.pattern for pattern in differ)
    assert len(differ) >= 5


def test_pattern_candidates_unchanged_by_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _record() + _OTHERS
    gated = list(deid_patterns.pattern_candidates(text))
    monkeypatch.setattr(
        deid_patterns,
        "_rest_search",
        lambda alternatives, text, cues: deid_patterns.rest_search(alternatives),
    )
    assert list(deid_patterns.pattern_candidates(text)) == gated
    assert any(red.original.startswith("os. Kwiatowe") for red in gated)


# The relation-then-eponym pattern as it was written before (a plain alternation).
_PLAIN_KIN = "|".join(sorted((re.escape(word) for word in KIN_WORDS), key=len, reverse=True))
_PLAIN = re.compile(
    rf"(?<![\w'’-])(?i:{_PLAIN_KIN})(?![\w'’-])(?:[ \t]*:)?[ \t]+"
    r"(?P<w>[^\W\d_a-z][^\W\d_]*(?:-[^\W\d_]+)*)(?P<s>['’]s)?"
)
_KIN_LINES = (
    "Family history: Aunt Lynch syndrome; Mother Addison's, on hydrocortisone. Father "
    "Child-Pugh B. Madre Sjögren, padre sano. Tante Lynch-Syndrom. Son Wilson visited.\n"
    "GREAT-GRANDMOTHER Huntington chorea; half-brother: Down-Syndrom; Grandad Paget's.\n"
    "Staying at Uncle Wilson's; córka Halina; дочь Ирина; Σύζυγος Νίκος; wnuczka Ola.\n"
)


def test_the_grouped_kin_pattern_finds_what_the_plain_one_finds() -> None:
    assert _KIN_THEN_WORD.pattern != _PLAIN.pattern
    halves = ["dev", "dev49", "dev59", "dev60"]
    joined = "\n".join(note.text for half in halves for note in load(half)) + _KIN_LINES
    assert len(joined) >= SKIP_FROM
    for text in (joined, joined.upper(), joined.lower(), joined.replace(" ", "\t"), _KIN_LINES):
        expected = _found(_PLAIN.finditer(text))
        assert _found(_KIN_THEN_WORD.finditer(text)) == expected
        assert _found(skipped_finditer(_KIN_THEN_WORD, text)) == expected
    assert len(_found(_PLAIN.finditer(joined))) >= 50


def test_the_grouped_kin_comparison_catches_a_dropped_word() -> None:
    dropped = re.compile(_PLAIN.pattern.replace("|aunt|", "|", 1))
    assert dropped.pattern != _PLAIN.pattern
    assert _found(dropped.finditer(_KIN_LINES)) != _found(_KIN_THEN_WORD.finditer(_KIN_LINES))


def _one_list(text: str, found: list[Redaction]) -> list[Redaction]:
    """The filter as it was before session 61: the text searched again for each list."""
    words = kin_eponym_words(text, lexicon())
    return [
        red
        for red in found
        if not any(
            (red.kind == "name" and w <= red.start and red.end <= b)
            or (red.start == k and red.end == b)
            for k, w, b in words
        )
    ]


def test_kin_eponyms_filter_each_list_as_alone() -> None:
    text = _KIN_LINES
    names = [
        Redaction("name", m.start(), m.end(), m.group(), "[NAME]")
        for m in re.finditer(r"\b[A-ZÀ-Þ][\w'-]+", text)
    ]
    joined = [
        Redaction("name", m.start(), m.end("w"), text[m.start() : m.end("w")], "[NAME]")
        for m in _PLAIN.finditer(text)
    ]
    found, tagged = without_kin_eponyms(text, lexicon(), names, joined)
    assert found == _one_list(text, names)
    assert tagged == _one_list(text, joined)
    kept = {red.original for red in names} - {red.original for red in found}
    assert {"Lynch", "Child-Pugh", "Sjögren"} <= kept
    assert "Wilson" in {red.original for red in found}  # "Son Wilson visited": a name
    assert len(tagged) < len(joined)  # "[Tante Lynch-Syndrom]" goes
    assert without_kin_eponyms("No relation named.", lexicon(), names, []) == (names, [])


# The finders that open a word, asked at the word starts of a long text that open with their
# strings (deid_keyed_finders).

_UNICODE_HEAD = "İstanbul ſtreet Straße KELVIN \u212aelvin ǅemal ﬁrst Ωmega ı i̇ 𝐀bc ١٢٣\n"


@pytest.fixture(scope="module")
def finders() -> list[re.Pattern[str]]:
    """Each pattern skipped_finditer searched a long record with during one preview."""
    record = _record()
    asked: dict[int, re.Pattern[str]] = {}
    real = deid_keyed_finders.keyed_matches

    def recording(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]] | None:
        asked[id(pattern)] = pattern
        return real(pattern, text)

    mp = pytest.MonkeyPatch()
    mp.setattr(deid_keyed_finders, "keyed_matches", recording)
    try:
        Redactor(PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1))).preview(record)
    finally:
        mp.undo()
    return list(asked.values())


def _keyed(pattern: re.Pattern[str], text: str) -> _Found | None:
    """What keyed_matches finds with the indexes of ``text`` kept (None: not keyed)."""
    keep_text_cues(text)
    try:
        found = deid_keyed_finders.keyed_matches(pattern, text)
        return None if found is None else _found(found)
    finally:
        forget_text_cues()


def test_the_finders_are_keyed_on_a_long_record(finders: list[re.Pattern[str]]) -> None:
    keyed = [pattern for pattern in finders if finder_openings(pattern) is not None]
    assert len(finders) >= 150
    assert len(keyed) >= 100
    assert _KIN_THEN_WORD in keyed
    # A pattern that may open with a sign or inside a word is not keyed.
    assert finder_openings(re.compile(r"(?<![\w@.])@\w+")) is None
    assert finder_openings(re.compile(r"[A-Z]\w+")) is None
    assert finder_openings(re.compile(r"\b(?:ab|cd)\w*")) is not None


def test_keyed_finders_find_what_finditer_finds(finders: list[re.Pattern[str]]) -> None:
    record = _record() + _KIN_LINES + _OTHERS
    texts = [
        record,
        record.upper(),
        record.lower(),
        record.replace(" ", "\t"),
        _UNICODE_HEAD + record + "\nLast line without a break: Mrs Ann Bell, signed",
    ]
    compared = matched = 0
    for pattern in finders:
        if finder_openings(pattern) is None:
            continue
        for text in texts:
            expected = _found(pattern.finditer(text))
            assert _keyed(pattern, text) == expected, pattern.pattern[:80]
            compared += 1
            matched += bool(expected)
    assert compared >= 500
    assert matched >= 150


def test_the_keyed_comparison_catches_a_dropped_place(
    finders: list[re.Pattern[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _record() + _KIN_LINES
    expected = _found(_KIN_THEN_WORD.finditer(record))
    first = expected[0][0][0]
    real = WordStarts.places

    def one_less(self: WordStarts, openings: Openings) -> list[int]:
        return [at for at in real(self, openings) if at != first]  # wrong: a match's place

    monkeypatch.setattr(WordStarts, "places", one_less)
    assert _keyed(_KIN_THEN_WORD, record) != expected


def test_no_index_is_kept_after_a_preview_or_for_a_short_text() -> None:
    record = _record()
    Redactor(PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1))).preview(record)
    assert text_word_starts(record) is None
    short = "Son Wilson visited."
    keep_text_cues(short)
    assert text_word_starts(short) is None
    assert deid_keyed_finders.keyed_matches(_KIN_THEN_WORD, short) is None
    keep_text_cues(record)
    try:
        assert text_word_starts(record) is not None
        assert text_word_starts(str(record + " ")[:-1]) is None  # equal, not the same text
    finally:
        forget_text_cues()


def test_redactor_output_unchanged_by_the_keyed_finders(monkeypatch: pytest.MonkeyPatch) -> None:
    record = _record() + _KIN_LINES + _OTHERS
    redactor = Redactor(PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1)))
    keyed = redactor.preview(record)
    monkeypatch.setattr(deid_keyed_finders, "keyed_matches", lambda pattern, text: None)
    assert redactor.preview(record) == keyed
