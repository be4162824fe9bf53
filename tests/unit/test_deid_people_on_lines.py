"""The people-on-the-line test of the bare-eponym rules (session 39's round) reads each line once:
searching from the line's start at every candidate made a long one-line text quadratic (review
39: 10 KB of "; Foley removed" took 4.6 s, 20 KB 24 s; 0.24 s before the rules)."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_hyphen_eponyms
from medlocal.privacy.deid_hyphen_eponyms import _PEOPLE_ON_LINE, PeopleOnLines
from medlocal.privacy.redact import Redactor

AWKWARD = (
    "Dr Ames: Foley removed; Creutzfeldt-Jakob not suspected.\n"
    "Foley in situ; Mason-Likar placement",
    "Contacts: Smith-Jones negative; Foley not needed, next of kin Worker-Smith informed",
    "no people here " * 40 + "Sister Smith " + "Foley removed; " * 30,
    "\n\nFoley\n\nDr\nFoley removed\n",
    "",
)


def _plain(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return _PEOPLE_ON_LINE.search(text, line_start, start) is not None


@pytest.mark.parametrize("text", AWKWARD)
def test_it_answers_as_the_search_from_the_line_start_does_at_every_place(text: str) -> None:
    people = PeopleOnLines(text)
    assert [people.before(i) for i in range(len(text) + 1)] == [
        _plain(text, i) for i in range(len(text) + 1)
    ]


def test_it_answers_as_the_search_does_at_every_word_of_development_notes() -> None:
    for note in load("dev37")[:10] + load("dev26")[:10]:
        people = PeopleOnLines(note.text)
        for word in re.finditer(r"\w+", note.text):
            assert people.before(word.start()) == _plain(note.text, word.start())


class _Counting:
    def __init__(self) -> None:
        self.searches = 0

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        self.searches += 1
        return _PEOPLE_ON_LINE.search(text, pos, endpos)


def test_a_long_line_of_device_states_and_eponym_pairs_is_searched_once_per_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = _Counting()
    monkeypatch.setattr(deid_hyphen_eponyms, "_PEOPLE_ON_LINE", counting)
    text = "Ward round; " + "Foley removed; Creutzfeldt-Jakob negative; " * 200
    Redactor(shift_days=40, tagger=False).preview(text)
    # One search of the line per rule (the device states and the hyphened pairs), not one per
    # candidate (400 here).
    assert 1 <= counting.searches <= 4
