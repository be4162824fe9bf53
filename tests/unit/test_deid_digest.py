"""The digest of what the redactor removes (tools/deid_digest.py), used to prove that a speed
change changes no output: it moves with any span, and only with the spans."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from types import ModuleType

import pytest
from fixtures.tools import load_tool

from medlocal.privacy.deid_spans import Redaction


@pytest.fixture
def tool() -> Iterator[ModuleType]:
    module = load_tool("deid_digest")
    yield module


def _digest(tool: ModuleType, *texts: list[Redaction]) -> str:
    digest = hashlib.sha256()
    for redactions in texts:
        tool.add_spans(digest, redactions)
    return digest.hexdigest()


def test_the_digest_moves_with_every_part_of_a_span(tool: ModuleType) -> None:
    base = Redaction("name", 4, 9, "Smith", "[NAME]")
    same = Redaction("name", 4, 9, "Smith", "[NAME]")
    assert _digest(tool, [base]) == _digest(tool, [same])
    for other in (
        Redaction("name", 3, 9, "Smith", "[NAME]"),
        Redaction("name", 4, 10, "Smith", "[NAME]"),
        Redaction("location", 4, 9, "Smith", "[NAME]"),
        Redaction("name", 4, 9, "Smith", "[PERSON]"),
    ):
        assert _digest(tool, [base]) != _digest(tool, [other])


def test_two_texts_spans_are_not_read_as_one(tool: ModuleType) -> None:
    a = Redaction("name", 0, 5, "Smith", "[NAME]")
    b = Redaction("date", 9, 19, "2020-01-01", "[DATE]")
    assert _digest(tool, [a, b]) != _digest(tool, [a], [b])
    assert _digest(tool, [a], []) != _digest(tool, [a])


def test_a_half_digest_counts_notes_and_redactions(tool: ModuleType) -> None:
    from fixtures.deid_corpus import Note

    note = Note(
        note_id="n1",
        kind="letter",
        patient_name="Ada Okafor",
        mrn="MRN 4471",
        dob=date(1950, 2, 3),
        text="Seen by Dr Okafor at St Brigid's Hospital on 2024-03-05.",
    )
    count, spans, digest = tool.half_digest([note])
    assert count == 1 and spans >= 2
    assert tool.half_digest([note]) == (count, spans, digest)  # the same output, the same digest
