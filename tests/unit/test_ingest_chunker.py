"""The chunker's promises: exact offsets, size limits in tokens, natural boundaries, overlap,
the page and section in effect."""

from __future__ import annotations

import itertools
import math
import random
import re
import threading
from typing import SupportsIndex

import pytest
from fixtures.ingest_files import FakeEmbedder, make_pdf
from fixtures.timing import assert_linear

from medlocal.engine.api import TokenCounter
from medlocal.errors import GenerationCancelled
from medlocal.ingest import chunker
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.document import DocumentBuilder, ExtractedDocument, SectionHeading
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.headings import ends_open
from medlocal.vault.records import ChunkRecord

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


# ---- long unbroken text: linear splitting, the same pieces, cancel ----------------------------


class _PieceCounter:
    """Like a wordpiece tokenizer on an unknown word: a word of n characters is ceil(n / 3)
    tokens, each punctuation mark one; records how many characters it was asked to count."""

    _token = re.compile(r"\w+|[^\w\s]")

    def __init__(self) -> None:
        self.chars = 0
        self.calls = 0

    def count_tokens(self, text: str) -> int:
        self.chars += len(text)
        self.calls += 1
        return sum(math.ceil(len(word) / 3) for word in self._token.findall(text))


class _MeteredCounter(FakeEmbedder):
    """The tests' counter, recording how many characters it was asked to count."""

    def __init__(self) -> None:
        super().__init__()
        self.chars = 0

    def count_tokens(self, text: str) -> int:
        self.chars += len(text)
        return super().count_tokens(text)


def _words_without_punctuation(size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    words = ["renal", "function", "stable", "metoprolol", "reviewed", "x", "cardiology", "12"]
    text = " ".join(rng.choice(words) for _ in range(size // 5))
    return text[:size].rstrip()


def _assert_pieces_cover(
    text: str, chunks: list[ChunkRecord], counter: TokenCounter, max_tokens: int
) -> None:
    position = 0
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert counter.count_tokens(chunk.text) <= max_tokens
        assert text[position : chunk.start].strip() == ""  # nothing skipped, no overlap
        position = chunk.end
    assert position == len(text)


def test_a_long_line_of_words_is_cut_in_linear_time_within_the_limit() -> None:
    text = _words_without_punctuation(200_000)
    counter, params = _MeteredCounter(), ChunkingParams(200, 40)
    chunks = chunk_document(ExtractedDocument(text, "txt"), counter, params)
    assert len(chunks) > 100
    _assert_pieces_cover(text, chunks, COUNTER, params.max_tokens)
    for chunk in chunks:  # at word boundaries, and full: a cut is no earlier than it must be
        assert not text[chunk.start - 1 : chunk.start].isalnum()
        assert not text[chunk.end : chunk.end + 1].isalnum()
    for chunk in chunks[:-1]:
        assert COUNTER.count_tokens(text[chunk.start : chunk.end + 12]) > params.max_tokens
    # Linear: each piece is searched for in a window near its own size. The whole-rest search
    # counted about 80 times the line's length here, and more the longer the line; now about 13
    # times, whatever its length.
    assert counter.chars < 30 * len(text), counter.chars / len(text)
    shorter = _words_without_punctuation(50_000)
    counter_shorter = _MeteredCounter()
    chunk_document(ExtractedDocument(shorter, "txt"), counter_shorter, params)
    per_char, per_char_shorter = counter.chars / len(text), counter_shorter.chars / len(shorter)
    assert per_char < 1.25 * per_char_shorter, (per_char, per_char_shorter)


def test_a_long_word_without_spaces_is_cut_in_linear_time_within_the_limit() -> None:
    rng = random.Random(1)
    text = "".join(rng.choice("abcdefghij0123456789") for _ in range(200_000))
    counter, params = _PieceCounter(), ChunkingParams(200, 40)
    chunks = chunk_document(ExtractedDocument(text, "txt"), counter, params)
    _assert_pieces_cover(text, chunks, _PieceCounter(), params.max_tokens)
    assert [len(chunk.text) for chunk in chunks[:-1]] == [600] * (len(chunks) - 1)
    assert counter.chars < 30 * len(text), counter.chars / len(text)  # was about 180 times
    # The tests' usual counter calls such a word one token: it fits, uncut.
    (whole,) = chunk_document(ExtractedDocument(text, "txt"), COUNTER, params)
    assert whole.text == text


def _whole_search_longest_fit(
    text: str,
    start: int,
    end: int,
    counter: TokenCounter,
    max_tokens: int,
    cancel: threading.Event | None = None,
) -> int:
    """The cut as it was found before the search was windowed: over the whole rest."""
    low, high = start + 1, end
    while low < high:
        middle = (low + high + 1) // 2
        if counter.count_tokens(text[start:middle]) <= max_tokens:
            low = middle
        else:
            high = middle - 1
    if low < end:
        boundary = max(text.rfind(" ", start + 1, low + 1), text.rfind("\n", start + 1, low + 1))
        if boundary > start:
            return boundary
    return low


@pytest.mark.parametrize("seed", range(4))
def test_windowed_search_cuts_where_the_whole_search_did(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ordinary prose with over-long sentences of every shape among it: the same passages."""
    rng = random.Random(seed)
    blocks = []
    for _ in range(12):
        shape = rng.choice(["prose", "words", "word", "numbers"])
        if shape == "prose":
            blocks.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 8))))
        elif shape == "words":
            blocks.append(_words_without_punctuation(rng.randint(500, 6000), seed))
        elif shape == "word":
            blocks.append("q" * rng.randint(100, 3000))
        else:
            blocks.append(
                ", ".join(str(rng.randint(0, 10**6)) for _ in range(rng.randint(50, 900)))
            )
    document = ExtractedDocument("\n\n".join(blocks), "txt")
    cases: list[tuple[TokenCounter, ChunkingParams]] = [
        (COUNTER, ChunkingParams(60, 12)),
        (_PieceCounter(), ChunkingParams(50, 10)),
        (_CharCounter(), ChunkingParams(100, 0)),
    ]
    for counter, params in cases:
        windowed = chunk_document(document, counter, params)
        with monkeypatch.context() as patch:
            patch.setattr(chunker, "_longest_fit", _whole_search_longest_fit)
            whole = chunk_document(document, counter, params)
        assert [(c.start, c.end) for c in windowed] == [(c.start, c.end) for c in whole]


def test_cancel_stops_a_long_split_within_a_few_pieces() -> None:
    text = _words_without_punctuation(200_000)
    cancel = threading.Event()

    class CancellingCounter(_MeteredCounter):
        calls_after_cancel = 0

        def count_tokens(self, text: str) -> int:
            if self.chars > 100_000:
                cancel.set()  # the user presses Ctrl-C while the line is being cut
            if cancel.is_set():
                self.calls_after_cancel += 1
            return super().count_tokens(text)

    counter = CancellingCounter()
    with pytest.raises(GenerationCancelled):
        chunk_document(ExtractedDocument(text, "txt"), counter, ChunkingParams(), cancel=cancel)
    assert cancel.is_set() and counter.calls_after_cancel <= 20
    assert counter.chars < 2 * len(text)  # stopped early, long before the line was cut


def test_cancel_set_before_chunking_stops_it() -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(GenerationCancelled):
        chunk_document(ExtractedDocument("One. Two.", "txt"), COUNTER, cancel=cancel)


# ---- a long paragraph (a big file without blank lines): linear sentence splitting -------------


class _SlicedStr(str):
    """A text that counts the characters its slices copy."""

    copied = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        piece = super().__getitem__(key)
        _SlicedStr.copied += len(piece)
        return piece


def _lines_without_blank_lines(count: int) -> str:
    line = (
        "Repeat line about blood pressure 140/90 measured at clinic visit number {} for review.\n"
    )
    return "".join(line.format(number) for number in range(count))


def test_splitting_a_long_paragraph_into_sentences_copies_linear_text() -> None:
    """Each full stop looks at the next visible character, not at a copy of the rest of the
    paragraph (which made a 27 MB file without blank lines take hours)."""
    text = _lines_without_blank_lines(4000)
    _SlicedStr.copied = 0
    sentences = list(chunker._sentences(_SlicedStr(text), 0, len(text), []))
    assert len(sentences) == 4000
    assert _SlicedStr.copied < 3 * len(text), _SlicedStr.copied / len(text)  # was about 2,000x


def test_a_multi_megabyte_paragraph_is_chunked_in_linear_time() -> None:
    # 3.6 MB (40,000 lines): more than 40 s before, about 2 s now. Timed as a ratio (5,000
    # lines, then 10,000), not against a clock.
    def chunk(lines: int) -> None:
        text = _lines_without_blank_lines(lines)
        chunks = chunk_document(ExtractedDocument(text, "txt"), COUNTER, ChunkingParams())
        assert chunks[0].text.startswith("Repeat line") and chunks[-1].end == len(text) - 1

    assert_linear(chunk, 5_000)


def test_sentence_units_are_the_same_as_a_whole_paragraph_sort() -> None:
    """The cuts found lazily are the cuts of the sorted set the splitter used to build."""
    rng = random.Random(7)
    pieces = ["Dr. Smith", "take 1 tab. daily", "e.g. rest", "BP 120/80.", "Wow!", "why?", "x.)"]
    separators = [" ", "\n", ". ", ".\n", " \n  ", "! ", "?\n", ",\n"]
    text = "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(3000)).strip()
    sections = sorted(rng.sample(range(1, len(text)), 40))
    got = list(chunker._sentences(text, 0, len(text), sections))
    assert got == _sorted_set_sentences(text, 0, len(text), sections)


def _sorted_set_sentences(
    text: str, start: int, end: int, section_starts: list[int]
) -> list[tuple[int, int]]:
    """Sentence units as the splitter found them before it was made lazy."""
    cuts = {start, end}
    for match in chunker._SENTENCE_END.finditer(text, start, end):
        if not chunker._is_abbreviation(text, start, match.start(), match.end(), end):
            cuts.add(match.end())
    for match in chunker._LINE_BREAK.finditer(text, start, end):
        line_start = text.rfind("\n", start, match.start()) + 1
        if not ends_open(text[max(line_start, start) : match.start()]):
            cuts.add(match.start())
    cuts.update(s for s in section_starts if start < s < end)
    spans = [chunker._strip(text, a, b) for a, b in itertools.pairwise(sorted(cuts))]
    return [(a, b) for a, b in spans if b > a]
