"""Session 59 (speed): the finders outside the fixed-form list that search a long text with
their skippers (deid_first_characters.skipped_finditer) read the fixed-form patterns' cue index
of that very text (deid_shared_cues): a pattern whose cues the text lacks is not run, a
line_bound one only on the lines that may hold them. Each must find what the whole-text search
finds; the index is let go once the preview is done. And the word-start index
(deid_word_starts) finds its places with the first character consumed: the same places."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_shared_cues
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer
from medlocal.privacy.deid_keyed_finders import finder_openings
from medlocal.privacy.deid_pattern_cues import folded
from medlocal.privacy.deid_shared_cues import (
    cue_regions,
    forget_text_cues,
    keep_text_cues,
    text_cues,
)
from medlocal.privacy.deid_word_starts import WORD_START, WordStarts
from medlocal.privacy.redact import PatientIdentity, Redactor

_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]
_Regions = Callable[[re.Pattern[str], str], list[tuple[int, int]] | None]


def _record() -> str:
    """About 40,000 characters of development notes, as a long record is read."""
    text = ""
    for note in load("dev") + load("dev49"):
        if len(text) >= 40_000:
            break
        text += note.text + "\n"
    return text


def _found(matches: Iterator[re.Match[str]]) -> _Found:
    return [(match.span(), match.groups()) for match in matches]


def _gated(pattern: re.Pattern[str], text: str) -> _Found:
    """What skipped_finditer finds with the index of ``text`` kept."""
    keep_text_cues(text)
    try:
        return _found(skipped_finditer(pattern, text))
    finally:
        forget_text_cues()


@pytest.fixture(scope="module")
def asked() -> list[tuple[re.Pattern[str], list[tuple[int, int]] | None]]:
    """Each pattern the finders searched a long record with during one preview, and where the
    index let it run (None: the whole text)."""
    record = _record()
    calls: list[tuple[re.Pattern[str], list[tuple[int, int]] | None]] = []
    real = deid_shared_cues.cue_regions

    def recording(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]] | None:
        regions = real(pattern, text)
        kept = deid_shared_cues._KEPT
        if kept is not None and kept[0] is text:
            calls.append((pattern, regions))
        return regions

    mp = pytest.MonkeyPatch()
    mp.setattr(deid_shared_cues, "cue_regions", recording)
    try:
        Redactor(PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1))).preview(record)
    finally:
        mp.undo()
    return calls


def test_the_gate_is_taken_on_a_long_record(asked: list[tuple[re.Pattern[str], object]]) -> None:
    # Without it the finders search the whole text as before: the same spans, the time back.
    assert len(asked) > 100
    assert sum(regions == [] for _, regions in asked) >= 3  # cues the record lacks
    assert sum(bool(regions) for _, regions in asked) >= 20  # run on some lines only


def test_each_finder_finds_what_the_whole_text_search_finds(
    asked: list[tuple[re.Pattern[str], object]],
) -> None:
    record = _record()
    shapes = [
        record,
        record.upper(),  # the cues folded as the engine folds case
        record.replace(" ", "\t"),
        # cue words at a line's very start and end, and a text that ends without a line break
        "\n".join(
            f"{line} DOB" if i % 3 else f"MRN {line}" for i, line in enumerate(record.split("\n"))
        ),
        "İstanbul ſt. ß Straße\n" * 20 + record[: SKIP_FROM * 2].rstrip("\n"),
    ]
    gated = 0
    for pattern, _ in asked:
        for text in shapes:
            found = _gated(pattern, text)
            assert found == _found(pattern.finditer(text)), pattern.pattern[:120]
            gated += bool(found)
    assert gated > 50  # matches were there to lose


def test_a_dropped_line_would_be_caught(
    asked: list[tuple[re.Pattern[str], list[tuple[int, int]] | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The comparison above sees a gate that leaves out a line holding a match.
    record = _record()
    pattern, regions = next(
        (pattern, regions)
        for pattern, regions in asked
        # Not a finder that opens a word: those are asked at its word starts first (session
        # 61: deid_keyed_finders), where no cue region is read.
        if regions
        and finder_openings(pattern) is None
        and any(True for _ in pattern.finditer(record))
    )
    assert regions is not None
    first = next(pattern.finditer(record)).start()
    fewer = [(start, end) for start, end in regions if not start <= first <= end]
    real: _Regions = cue_regions
    monkeypatch.setattr(
        deid_shared_cues,
        "cue_regions",
        lambda p, t: fewer if p is pattern else real(p, t),
    )
    assert _gated(pattern, record) != _found(pattern.finditer(record))


def test_the_index_is_let_go_after_a_preview() -> None:
    # No patient's text is kept once it is redacted.
    record = _record()
    Redactor(PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1))).preview(record)
    assert deid_shared_cues._KEPT is None


def test_only_a_long_text_s_index_is_kept_and_only_for_that_text() -> None:
    short = "MRN 123456 seen by Dr Bell"
    text_cues(short)
    assert deid_shared_cues._KEPT is None
    record = _record()
    keep_text_cues(record)
    try:
        pattern = re.compile(r"(?i)\bdob\b[ \t]*\d+")
        assert cue_regions(pattern, record) is not None
        # The same words in another string: not the index's text, searched whole.
        assert cue_regions(pattern, "".join(list(record))) is None
    finally:
        forget_text_cues()
    assert cue_regions(pattern, record) is None


def test_redactions_are_the_same_with_the_gate_off(monkeypatch: pytest.MonkeyPatch) -> None:
    record = _record()
    identity = PatientIdentity("Ann Bell", "MRN 100", date(1960, 2, 1))
    gated = Redactor(identity, shift_days=40).preview(record)
    monkeypatch.setattr(deid_shared_cues, "cue_regions", lambda pattern, text: None)
    assert Redactor(identity, shift_days=40).preview(record) == gated


@pytest.mark.parametrize(
    "text",
    [
        "a_b c'd 12 x-y _z ",
        "İstanbul ſt Straße ÉCOLE",
        "e\u0301t\u00e9 \u0663\u0664 ٣ 名前 テスト",
        "   ",
        "",
        "x",
        "aa bb\n\ncc\t1.2.3",
    ],
)
def test_the_word_start_index_holds_the_word_start_test_s_places(text: str) -> None:
    starts = WordStarts(text, folded(text))
    assert starts.usable
    places = sorted(at for found in starts._index().values() for at in found)
    assert places == [found.start() for found in re.finditer(WORD_START, text)]
