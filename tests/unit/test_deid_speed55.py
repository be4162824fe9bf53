"""Session 55 (speed55): speed changes that must change no output.

The rule modules read a long text through their patterns' skippers
(``deid_first_characters.skipped_finditer``) instead of ``finditer``: every such site, found
in the sources, must give finditer's matches on long texts built to hit the skippers' edges.
``deid_result_series.result_series`` answers a window with no test's name at once: compared
with the reading it replaced at every word and number of the development notes."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from fixtures.deid_corpus import load

import medlocal.privacy
from medlocal.privacy import deid_pattern_cues, deid_result_series
from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer, skipper_of

_PRIVACY = Path(medlocal.privacy.__file__).parent
_SITE = re.compile(r"skipped_finditer\(\s*(_?[A-Z][A-Z0-9_]*),\s*text\)")


def _sites() -> list[tuple[str, str]]:
    """(module, pattern name) of every ``skipped_finditer(NAME, text)`` in the rule modules."""
    found: set[tuple[str, str]] = set()
    for path in sorted(_PRIVACY.glob("deid_*.py")):
        for name in _SITE.findall(path.read_text(encoding="utf-8")):
            found.add((path.stem, name))
    return sorted(found)


SITES = _sites()

# Awkward pieces: letters the engine folds to ASCII ones (Kelvin sign, long s, dotted I),
# another script's digits, capitals and lower case of the same words, line ends of every kind,
# and openings right at the text's edges.
_AWKWARD = (
    "\u212aent Road, \u017ft Mary's, \u0130stanbul; \u0661\u0662\u0663 \u0967\u0968 "
    "ambulance unit 12; AMBULANCE UNIT 4B; Truck #7; fleet no. 88; G-ABCD aircraft\r\n"
    "Dr. O'Neill (RVH) at St Mary's Emergency Dept; Notre-Dame-de-Grâce; sjúkrahús\n"
    "M11 junction 4; I-95 N; user: jdoe42; @handle_9; [login: x_y]\t\n"
    "Ph 0412 345 678; MRN A1234567; 1/2/3; WBC 12000 13000; EMERGENCY; Mc A. B.; \u00a0"
)


def _long_text() -> str:
    notes = load("dev") + load("dev49")
    text = _AWKWARD + "\n\n".join(note.text for note in notes) + "\n" + _AWKWARD * 2
    assert len(text) >= 3 * SKIP_FROM  # the skippers are used on it
    return text


def test_sites_are_found() -> None:
    # The sites session 55 moved onto their skippers, among older ones.
    assert len(SITES) >= 80
    assert ("deid_vehicle_numbers", "_UNIT") in SITES
    assert ("deid_digit_slots", "_TRADE_PLATE") in SITES


@pytest.fixture(scope="module")
def long_text() -> str:
    return _long_text()


@pytest.mark.parametrize(("module", "name"), SITES)
def test_skipped_site_matches_as_finditer(module: str, name: str, long_text: str) -> None:
    pattern = getattr(importlib.import_module(f"medlocal.privacy.{module}"), name)
    assert isinstance(pattern, re.Pattern)
    plain = [(m.span(), m.groups()) for m in pattern.finditer(long_text)]
    fast = [(m.span(), m.groups()) for m in skipped_finditer(pattern, long_text)]
    assert fast == plain


def test_moved_sites_have_skippers() -> None:
    # A site moved for speed must have a skipper (else skipped_finditer is finditer itself).
    for module, name in (
        ("deid_vehicle_numbers", "_UNIT"),
        ("deid_vehicle_numbers", "_AIRCRAFT"),
        ("deid_abroad_addresses", "_POSTCODE"),
        ("deid_road_locations", "_NATIONAL_ROAD"),
        ("deid_hospital_names", "_SAINT_EMERGENCY"),
    ):
        pattern = getattr(importlib.import_module(f"medlocal.privacy.{module}"), name)
        assert skipper_of(pattern) is not None


def _series_as_before(text: str, start: int, end: int) -> bool:
    """result_series as it was before session 55 (no first test of the window)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    for match in deid_result_series._SERIES.finditer(
        text, max(line_start, start - deid_result_series._REACH), line_end
    ):
        if match.start() > start:
            return False
        if match.end() >= end and match.group("test").lower().rstrip(".") in (
            deid_result_series._TESTS
        ):
            return True
    return False


_SERIES_TEXTS = [
    "WBC 12000 13000 15000",
    "wbc: 12000, 13000 -> 15000 and GMS 0911 4472",
    "Procalcitonin 12 14",  # a name longer than the test group's width
    "Lymphocytes 1200 1300; lymph 1200",
    "NT-proBNP 4500 3200; nt-probnp=4500; CA19-9 120 98",
    "\u212aent 12000; CRP 250, 180, 95, 60, 40, 30, 20 12345",
    "Plt 45000 -> 98000\nKFH 12345\nHb\n120 130",
    "x" * 60 + " CRP 250 180 95 60 40 30 20 10 9 8 7 6 5 4 3 2 1 12345",
]


def _places(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[\w-]+(?:[ \t]+\d+)*", text)]


@pytest.mark.parametrize("text", _SERIES_TEXTS)
def test_result_series_as_before_on_awkward_text(text: str) -> None:
    for start, end in _places(text):
        for a, b in ((start, end), (start, start + 1), (max(0, end - 1), end)):
            assert deid_result_series.result_series(text, a, b) == _series_as_before(text, a, b)


def test_result_series_as_before_on_development_notes() -> None:
    asked = answered = 0
    for note in load("dev") + load("dev49"):
        text = note.text
        for start, end in _places(text):
            found = deid_result_series.result_series(text, start, end)
            assert found == _series_as_before(text, start, end), text[start:end]
            asked += 1
            answered += found
    assert asked > 5_000 and answered > 0  # the readings were asked, and some series found


def _index_as_before(text: str) -> dict[str, int]:
    """TextCues' index as it was built before session 55: each line's pieces, line by line."""
    index: dict[str, int] = {}
    for number, line in enumerate(deid_pattern_cues.folded(text).split("\n")):
        for piece in {line[i : i + 3] for i in range(len(line) - 2)}:
            index[piece] = index.get(piece, 0) | (1 << number)
    return index


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "ab",
        "abc\nabc\n\nabc",
        "Ward 7\nWard 7\nWard 7B\r\nWARD 7\n\n\nWard 7\n",
        "\u212aent\n\u017ft Mary\n\u0130stanbul\nKent\n",
        _AWKWARD * 3,
    ],
)
def test_text_cues_index_as_before(text: str) -> None:
    cues = deid_pattern_cues.TextCues(text)
    assert cues._index == _index_as_before(text)
    lines = text.split("\n")
    assert cues._line_starts == [sum(len(x) + 1 for x in lines[:n]) for n in range(len(lines))]


def test_text_cues_index_as_before_on_development_notes(long_text: str) -> None:
    assert deid_pattern_cues.TextCues(long_text)._index == _index_as_before(long_text)
    for note in load("dev")[:20]:
        assert deid_pattern_cues.TextCues(note.text)._index == _index_as_before(note.text)
