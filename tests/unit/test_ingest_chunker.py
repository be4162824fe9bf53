"""The chunker's promises: exact offsets, size limits in tokens, natural boundaries, overlap,
the page and section in effect."""

from __future__ import annotations

import itertools
import random

import pytest
from fixtures.ingest_files import FakeEmbedder, make_pdf

from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import DocumentBuilder, ExtractedDocument, SectionHeading
from medlocal.ingest.extractors.pdf import extract_pdf

COUNTER = FakeEmbedder()


def _sentence(rng: random.Random) -> str:
    words = ["renal", "function", "stable", "12.5", "mg/dL", "Dr. Smith", "reviewed", "e.g. rest"]
    body = " ".join(rng.choice(words) for _ in range(rng.randint(4, 18)))
    return body[0].upper() + body[1:] + rng.choice([".", "!", "?", "."])


def _document(seed: int, paragraphs: int = 30) -> ExtractedDocument:
    rng = random.Random(seed)
    builder = DocumentBuilder("txt")
    for index in range(paragraphs):
        if index % 10 == 0:
            builder.add_heading(f"Section {index // 10}")
        builder.add_block(" ".join(_sentence(rng) for _ in range(rng.randint(1, 7))))
    return builder.build()


@pytest.mark.parametrize("seed", range(5))
def test_offsets_round_trip_and_limits(seed: int) -> None:
    document = _document(seed)
    params = ChunkingParams(max_tokens=60, overlap_tokens=12)
    chunks = chunk_document(document, COUNTER, params)
    assert chunks
    for chunk in chunks:
        assert chunk.text == document.text[chunk.start : chunk.end]
        assert chunk.text == chunk.text.strip()
        assert COUNTER.count_tokens(chunk.text) <= params.max_tokens
        assert chunk.section == document.section_at(chunk.start)
    # Coverage: every non-space character of the document is in some chunk.
    covered = [False] * len(document.text)
    for chunk in chunks:
        covered[chunk.start : chunk.end] = [True] * (chunk.end - chunk.start)
    assert all(covered[i] for i, char in enumerate(document.text) if not char.isspace())
    starts = [chunk.start for chunk in chunks]
    assert starts == sorted(starts)


def test_chunks_end_at_sentence_boundaries_and_overlap() -> None:
    sentences = [f"Sentence number {i} reports a finding of {i} units." for i in range(40)]
    text = " ".join(sentences)
    chunks = chunk_document(ExtractedDocument(text, "txt"), COUNTER, ChunkingParams(60, 20))
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.text.startswith("Sentence number")
        assert chunk.text.endswith("units.")
    for previous, following in itertools.pairwise(chunks):
        assert following.start < previous.end  # overlap of whole sentences
        assert previous.end - following.start < len(previous.text)


def test_no_overlap_when_disabled() -> None:
    text = " ".join(f"Finding {i} is normal." for i in range(60))
    chunks = chunk_document(ExtractedDocument(text, "txt"), COUNTER, ChunkingParams(40, 0))
    for previous, following in itertools.pairwise(chunks):
        assert following.start > previous.end


def test_prefers_paragraph_breaks() -> None:
    paragraph = " ".join(f"Line {i} is here." for i in range(6))  # 30 tokens
    text = "\n\n".join([paragraph] * 4)
    chunks = chunk_document(ExtractedDocument(text, "txt"), COUNTER, ChunkingParams(80, 0))
    assert [chunk.text for chunk in chunks] == ["\n\n".join([paragraph] * 2)] * 2


def test_overlong_sentence_is_cut_at_word_boundaries() -> None:
    text = "Intro sentence. " + " ".join(f"word{i}" for i in range(300)) + ". Tail sentence."
    chunks = chunk_document(ExtractedDocument(text, "txt"), COUNTER, ChunkingParams(50, 10))
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert COUNTER.count_tokens(chunk.text) <= 50
        assert not text[chunk.start - 1 : chunk.start].isalnum()  # never inside a word
        assert not text[chunk.end : chunk.end + 1].isalnum()
    assert "".join(c.text for c in chunks).count("word299") >= 1


def test_overlong_word_is_cut_by_characters() -> None:
    text = "A" * 5000
    chunks = chunk_document(ExtractedDocument(text, "txt"), _CharCounter(), ChunkingParams(100, 0))
    assert [len(chunk.text) for chunk in chunks] == [100] * 50


class _CharCounter:
    def count_tokens(self, text: str) -> int:
        return len(text)


def test_abbreviations_and_decimals_do_not_end_sentences() -> None:
    text = "Seen by Dr. Smith today. Creatinine 1.2 mg/dL, e.g. stable. Take 1 tab. daily now."
    document = ExtractedDocument(text, "txt")
    chunks = chunk_document(document, COUNTER, ChunkingParams(16, 0))
    assert [c.text for c in chunks] == [
        "Seen by Dr. Smith today.",
        "Creatinine 1.2 mg/dL, e.g. stable.",
        "Take 1 tab. daily now.",
    ]


def test_new_section_starts_a_new_chunk() -> None:
    text = "Alpha one.\n\nBeta two.\n\nGamma three."
    sections = (SectionHeading("A", 0), SectionHeading("B", text.index("Beta")))
    document = ExtractedDocument(text, "md", sections=sections)
    chunks = chunk_document(document, COUNTER, ChunkingParams(200, 40))
    assert [(c.text, c.section) for c in chunks] == [
        ("Alpha one.", "A"),
        ("Beta two.\n\nGamma three.", "B"),
    ]


def test_pdf_chunks_carry_their_start_page() -> None:
    pages = ["\n".join(f"Page {p} line {i} has a finding." for i in range(12)) for p in range(1, 4)]
    document = extract_pdf(make_pdf(pages), "three.pdf")
    chunks = chunk_document(document, COUNTER, ChunkingParams(40, 8))
    for chunk in chunks:
        first_line = chunk.text.split("\n")[0]
        assert first_line.startswith(f"Page {chunk.page} ")
    assert {chunk.page for chunk in chunks} == {1, 2, 3}


def test_wrapped_lines_are_not_sentence_boundaries() -> None:
    text = "The patient was admitted\nwith chest pain and\nshortness of breath.\nBP 120/80."
    chunks = chunk_document(ExtractedDocument(text, "pdf"), COUNTER, ChunkingParams(14, 0))
    assert chunks[0].text == "The patient was admitted\nwith chest pain and\nshortness of breath."


def test_parameters_are_validated() -> None:
    with pytest.raises(ValueError):
        ChunkingParams(max_tokens=100, overlap_tokens=60)
    with pytest.raises(ValueError):
        ChunkingParams(max_tokens=4)


def test_empty_document_has_no_chunks() -> None:
    assert chunk_document(ExtractedDocument("", "txt"), COUNTER) == []


def test_a_line_that_stops_mid_phrase_runs_on_into_the_next() -> None:
    """A title wrapped after "of" is one item even though its second line starts with a capital:
    no passage starts halfway through it (the overlap would repeat whole items only)."""
    title = "Discharge summary for the admission of\nMr X to the cardiology ward"
    text = f"{title}\nBP 120 and pulse 72 today."
    chunks = chunk_document(ExtractedDocument(text, "pdf"), COUNTER, ChunkingParams(16, 6))
    assert [c.text for c in chunks] == [title, "BP 120 and pulse 72 today."]
