"""Which rules read the whole text in one preview (tools/deid_text_reads.py, session 58), and the
shared token pass it measures: the words of a text are read once per preview, and the
statistical line, the word scan and the recall-first reading are handed that one reading."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest
from fixtures.tools import load_tool

from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_tokens import WordSpan
from medlocal.privacy.redact import PatientIdentity, Redactor

_NOTE = (
    "DISCHARGE SUMMARY\n"
    "Patient: Ada Okafor   MRN 4471-220   DOB 03/02/1950\n"
    "Seen by Dr Halvorsen at St Brigid's Hospital, Kilkenny, on 12/03/2024.\n"
    "Her daughter Grace Okafor (0412 345 678) will collect her. Glasgow Coma Scale 15.\n"
    "Plan: metformin 500 mg twice daily; review in the Lakeview Diabetes Clinic.\n"
)


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    yield load_tool("deid_text_reads")


@pytest.fixture(scope="module")
def reads(tool: ModuleType) -> dict[str, int]:
    text = _NOTE * 4
    redactor = Redactor(PatientIdentity("Ada Okafor", "4471-220", None), shift_days=40)
    redactor.preview(text)  # the word lists load outside the count, as the tool does
    # One preview under the hook, shared by the tests below (a preview takes seconds here).
    return dict(tool.whole_text_reads(redactor, text))


def test_the_words_of_a_text_are_read_once_per_preview(reads: dict[str, int]) -> None:
    # The tagger, the scan and the recall-first reading take the token list read_tokens made;
    # none reads the words again.
    assert reads["deid_words.read_tokens"] == 1
    assert reads["deid_tagger.Tagger.spans"] == 1
    assert reads["deid_words.scan"] == 1
    assert reads["deid_recall_first.recall_first_spans"] == 1


def test_a_generator_counts_where_it_starts_not_at_each_resumption(
    reads: dict[str, int],
) -> None:
    # pattern_candidates yields many redactions (resumed at each), and starts once.
    assert reads["deid_patterns.pattern_candidates"] == 1


def test_readers_at_a_place_are_not_counted(reads: dict[str, int]) -> None:
    # Given an offset or a word as well as the text, a helper reads a place, not the text.
    assert "deid_tokens.sentence_start" not in reads
    assert "deid_tokens.classify" not in reads


def test_what_places_a_call(tool: ModuleType) -> None:
    size = 1000
    place = tool._a_place
    assert place(12, size)
    assert place(WordSpan("name", 3, 9), size)
    assert place(Redaction("name", 3, 9, "Okafor", "[NAME]"), size)
    assert place([WordSpan("name", 3, 9), WordSpan("name", 20, 30)], size)  # a run
    assert place([(3, 9), (20, 30)], size)  # a line's cells
    assert place([], size)  # nothing to read
    assert not place([WordSpan("name", 0, 5), WordSpan("name", 900, 990)], size)  # the text's
    assert not place("x" * size, size)
    assert not place(None, size)
    assert not place(True, size)  # a flag, not an offset
