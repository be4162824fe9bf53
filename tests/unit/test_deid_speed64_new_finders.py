"""Session 64 (second read): the finders this session's privacy helpers wrote search through
skipped_finditer as speed64 made the older ones do (they were merged after it and searched a
20-page record plain: ~43 ms of its ~1 s, ~17 ms routed).

skipped_finditer's contract is ``pattern.finditer(text)``: each routed search must find exactly
what the plain search finds on development notes dense in these shapes (dev89-dev91, written for
them, and every third other half; never a held-out half), and the comparison must catch a
dropped match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.deid_corpus import load
from test_deid_speed63 import _DEVELOPMENT, _Found, _found, _module

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_shared_cues import forget_text_cues, keep_text_cues

# (module, pattern's name) of the searches routed in the second read.
_ROUTED = (
    ("deid_employer_units", "_SLOT"),
    ("deid_employer_units", "_UNIT"),
    ("deid_employer_units", "_CORPS"),
    ("deid_vehicle_labels_more", "_CODE_WORD"),
    ("deid_vehicle_labels_more", "_SERVICE_UNIT"),
    ("deid_vehicle_labels_more", "_AMBULANCE_PLATE"),
    ("deid_vehicle_labels_more", "_AIR"),
    ("deid_age_words_more", "_WORD"),
    ("deid_age_words_more", "_GERMAN"),
    ("deid_age_words_more", "_KIN_AGE"),
    ("deid_checked_numbers", "_BELGIAN"),
    ("deid_checked_numbers", "_EMIRATES"),
    ("deid_checked_numbers", "_SIN"),
    ("deid_checked_numbers", "_PENSION"),
)


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(f"{module}.{name}", getattr(_module(module), name)) for module, name in _ROUTED]


@pytest.fixture(scope="module")
def development() -> str:
    halves = ["dev89", "dev90", "dev91", *_DEVELOPMENT[::3]]
    return "\n".join(note.text for half in dict.fromkeys(halves) for note in load(half))


def _routed(text: str, drop_last: bool = False) -> dict[str, _Found]:
    def search(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        found = list(skipped_finditer(pattern, text))
        return iter(found[:-1] if drop_last else found)

    keep_text_cues(text)  # as the redactor keeps it for the text it reads
    try:
        return {name: _found(search(pattern)) for name, pattern in _patterns()}
    finally:
        forget_text_cues()


def test_routed_searches_find_what_finditer_finds(development: str) -> None:
    plain = {name: _found(pattern.finditer(development)) for name, pattern in _patterns()}
    assert _routed(development) == plain
    missing = [name for name, found in plain.items() if not found]
    assert len(missing) <= 2, missing  # the comparison has matches to lose


def test_the_comparison_catches_a_dropped_match(development: str) -> None:
    plain = {name: _found(pattern.finditer(development)) for name, pattern in _patterns()}
    dropped = _routed(development, drop_last=True)
    assert sum(1 for name in plain if dropped[name] != plain[name]) >= len(_ROUTED) - 2


def test_the_new_finders_search_through_skipped_finditer() -> None:
    for module, name in _ROUTED:
        assert _module(module).skipped_finditer is skipped_finditer
        source = Path(_module(module).__file__ or "").read_text(encoding="utf-8")
        assert f"{name}.finditer(text)" not in source, (module, name)
    checked = Path(_module("deid_checked_numbers").__file__ or "").read_text(encoding="utf-8")
    assert "pattern.finditer(text)" not in checked
