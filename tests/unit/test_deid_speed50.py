"""Session 50 (speed50, issue 16): the collector paused while a text is read, and the cue
test's folding without a table lookup per character."""

from __future__ import annotations

import gc
import re
import threading

import pytest

from medlocal.collector import PAUSED_THRESHOLD, collector_paused
from medlocal.privacy import deid_pattern_cues
from medlocal.privacy.deid_pattern_cues import _FOLD_EXTRAS, _FOLD_FIRST, folded
from medlocal.privacy.deid_word_starts import (
    WORD_START,
    Openings,
    WordStarts,
    matches_at,
    shortest_prefixes,
    word_openings,
)
from medlocal.privacy.redact import PatientIdentity, Redactor


@pytest.fixture(autouse=True)
def _collector_on() -> object:
    """Each test starts and ends with the collector on at its usual thresholds, as a process
    runs."""
    gc.enable()
    thresholds = gc.get_threshold()
    yield
    gc.enable()
    gc.set_threshold(*thresholds)


def _paused() -> bool:
    return gc.get_threshold()[0] == PAUSED_THRESHOLD


def test_a_pause_makes_young_sweeps_rare_and_gives_the_thresholds_back() -> None:
    before = gc.get_threshold()
    with collector_paused():
        assert _paused()
        assert gc.isenabled()  # still sweeping, now and then (review 50b R6)
    assert gc.get_threshold() == before


def test_a_pause_ends_on_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("the reading failed")
    assert gc.get_threshold() == before


def test_a_persons_own_disable_is_kept() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_disable_during_a_pause_is_kept() -> None:
    """Review 50b R6: the pause turned the collector back on at its end, whoever had turned it
    off meanwhile."""
    with collector_paused():
        gc.disable()
    assert not gc.isenabled()


def test_thresholds_set_during_a_pause_are_kept() -> None:
    with collector_paused():
        gc.set_threshold(1000, 20, 20)
    assert gc.get_threshold() == (1000, 20, 20)


def test_the_pause_lasts_until_the_last_of_overlapping_pauses_ends() -> None:
    """A preview on one thread and the window's warm-up on another: the first to end must not
    end the pause under the other (each saving and restoring gc.isenabled() did: the second
    saw it off and the first turned it on)."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen.append(_paused())  # the first pause has ended, this one has not

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [True]
    assert not _paused()


def test_cycles_made_during_a_long_pause_are_swept() -> None:
    """Review 50b R6: another thread's cycles piled up for a whole preview's length."""

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.collect()
    with collector_paused():
        for _ in range(PAUSED_THRESHOLD * 3):
            Cycle()
        alive = sum(isinstance(o, Cycle) for o in gc.get_objects())
    assert alive < PAUSED_THRESHOLD * 2


def test_a_preview_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    redactor = Redactor(PatientIdentity("Eleanor Hathersage"), shift_days=40)
    states: list[bool] = []
    settled = Redactor._settled

    def spy(self: Redactor, text: str, resolved: list) -> list:  # type: ignore[type-arg]
        states.append(_paused())
        return settled(self, text, resolved)

    monkeypatch.setattr(Redactor, "_settled", spy)
    found = redactor.preview("Seen by Dr Okafor with Eleanor Hathersage on 12/03/2024.")
    assert states == [True]
    assert not _paused()
    assert {r.original for r in found} >= {"Okafor", "Eleanor Hathersage"}


def _folded_per_character(text: str) -> str:
    """Session 35's folding: both tables read for every character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_FIRST).lower().translate(_FOLD_EXTRAS)


def _code_points() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_folding_is_the_per_character_folding_on_every_code_point() -> None:
    every = _code_points()
    assert folded(every) == _folded_per_character(every)
    for code in [*_FOLD_EXTRAS, 0x130, 0x3A3, 0x212A, 0xDF, 0x1E9E]:
        char = chr(code)
        for text in (char, f"a{char}", f"{char}b", f"ΑΣ{char}", f"Σ{char} x", f"İ{char}é"):
            assert folded(text) == _folded_per_character(text), hex(code)


def test_folding_keeps_the_length_and_moves_the_extras() -> None:
    text = "Dr İnce saw ſ and ı and the Kelvin sign K in Ελληνικός ΣΟΦΙΑ, ς σ ϐ µ."
    assert len(folded(text)) == len(text)
    assert folded(text) == _folded_per_character(text)
    assert "ſ" not in folded(text) and "ı" not in folded(text)


def test_the_moved_characters_are_none_ascii() -> None:
    """The fast path reads ASCII text as lower() alone: no extra may move an ASCII letter."""
    assert deid_pattern_cues._FOLD_MOVED
    assert all(code >= 0x80 for code in deid_pattern_cues._FOLD_MOVED)


def _compiled(written: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(WORD_START + written, flags)


def test_openings_keep_their_whole_prefixes() -> None:
    openings = word_openings(_compiled(r"(?:\bMRN|(?i:medicare|mr))[ \t]*\d+"))
    assert openings is not None
    # Each goes on to a space or a digit's mark (session 52: digits read as "0").
    assert openings.prefixes == {
        f"{word}{after}" for word in ("medicare", "mr", "mrn") for after in (" ", "\t", "0")
    }
    openings = word_openings(_compiled(r"(?i:monday|mon|tuesday|tue)\b"))
    assert openings is not None
    assert openings.prefixes == {"mon", "tue"}
    assert shortest_prefixes(["herbst", "her", "hermes", "dis", "disc", "a"]) == {"her", "dis", "a"}


def test_places_are_narrowed_by_the_whole_prefixes() -> None:
    text = "Monday the 3rd; thumb then Thursday 4 and thus. mon"
    starts = WordStarts(text, folded(text))
    openings = word_openings(_compiled(r"(?i:thursday|monday)\b"))
    assert openings is not None and openings.keys == {"thu", "mon"}
    assert starts.places(openings) == [0, 27]  # not "thumb", "thus", "mon"
    # Without the prefixes (the keys alone) every word the keys open is a place.
    assert starts.places(Openings(openings.keys)) == [0, 16, 27, 42, 48]


def test_a_key_that_is_a_whole_opening_is_not_narrowed() -> None:
    text = "mon monday monk"
    starts = WordStarts(text, folded(text))
    openings = word_openings(_compiled(r"(?i:mon(?:day)?)\b"))
    assert openings is not None
    assert starts.places(openings) == [0, 4, 11]


@pytest.mark.parametrize(
    "written",
    [
        r"(?i:thursday|thu\.?|monday|mon)[ \t]+\d{1,2}",
        r"(?:(?i:le|el)[ \t]+)?(?i:lundi|martes|mardi)[ \t]*\d",
        r"(?i:saint|st\.?)[ \t]+[A-Z]\w+",
        r"(?:\d{1,2}[ \t]+(?i:march|mar|may)\b|(?i:h[eé]r)\w*)",
    ],
)
def test_narrowed_places_find_what_finditer_finds(written: str) -> None:
    pattern = _compiled(written)
    openings = word_openings(pattern)
    assert openings is not None
    text = (
        "Thu 4 then THURSDAY 12, thermal 3; Monday 1 monk 2 mon 7. Le mardi 3, el martes 4, "
        "lundi5 Saint Albans St. Kilda st Ives, 12 March mar 3 may Héron hermit HÉRISSON "
    ) * 3
    starts = WordStarts(text, folded(text))
    found = [m.span() for m in matches_at(pattern, text, starts.places(openings))]
    assert found == [m.span() for m in pattern.finditer(text)]
    assert found
