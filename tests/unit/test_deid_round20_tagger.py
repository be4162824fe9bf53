"""Round 20, the tagger's training copies: an organisation or another person may be replaced
whole by a shape drawn from the word lists (tools/train_deid_tagger.py, ORG_SURROGATES and
PERSON_SURROGATES), the spans moved to the new text, the same name replaced the same way in one
note, and with the probabilities at nought the copies are the ones earlier models learnt from."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from types import ModuleType
from typing import Any

import pytest
from fixtures.tools import load_tool


@pytest.fixture
def training() -> Iterator[ModuleType]:
    module = load_tool("train_deid_tagger")
    yield module


def _note(training: ModuleType, again: str = "HARROWFIELD LODGE") -> Any:
    """An invented note: two mentions of one clinic, a person, a street, and a drug."""
    from fixtures.deid_corpus import Note, Span

    parts = [
        ("Seen at ", None),
        ("Harrowfield Lodge", "FACILITY"),
        (" with her friend ", None),
        ("Nessa Brayburn", "PERSON"),
        (" of ", None),
        ("14 Quillon Lane", "STREET"),
        (". Back to ", None),
        (again, "FACILITY"),
        (" on metformin 500 mg.\n", None),
    ]
    text, spans, pos = "", [], 0
    for piece, kind in parts:
        if kind:
            spans.append(Span(kind, pos, pos + len(piece), piece))
        text += piece
        pos += len(piece)
    return Note("n1", "letter", "Patient Name", "MRN1", date(1970, 1, 1), text, spans, [])


def test_whole_span_surrogates_keep_the_offsets_right(
    training: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training, "ORG_SURROGATES", 1.0)
    monkeypatch.setattr(training, "PERSON_SURROGATES", 1.0)
    monkeypatch.setattr(training, "LOWERED", 0.0)
    note = _note(training)
    for seed in range(20):
        copy = training._augmented(note, random.Random(seed))
        for span in copy.identifiers:
            assert copy.text[span.start : span.end] == span.text
        first, second = (s.text for s in copy.identifiers if s.kind == "FACILITY")
        assert first != "Harrowfield Lodge"
        assert second.isupper()  # a name in capitals stays in capitals
        assert copy.text.endswith(" on metformin 500 mg.\n")  # the rest of the text is kept


def test_the_same_organisation_is_replaced_the_same_way_in_one_note(
    training: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training, "ORG_SURROGATES", 1.0)
    monkeypatch.setattr(training, "LOWERED", 0.0)
    note = _note(training, again="Harrowfield Lodge")
    copy = training._augmented(note, random.Random(3))
    first, second = (s.text for s in copy.identifiers if s.kind == "FACILITY")
    assert first == second


def test_with_no_surrogates_each_word_is_respelled_in_place(
    training: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training, "ORG_SURROGATES", 0.0)
    monkeypatch.setattr(training, "PERSON_SURROGATES", 0.0)
    note = _note(training)
    copy = training._augmented(note, random.Random(5))
    # Respelled word by word: the head word, the house number and the shape stay.
    kept = [s.text.split()[-1].lower() for s in copy.identifiers if s.kind != "PERSON"]
    assert kept == ["lodge", "lane", "lodge"]
    assert copy.text[copy.identifiers[2].start :].startswith("14 ")
