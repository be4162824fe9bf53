"""Split a document into passages sized for the embedding model, at natural boundaries.

Sizes are measured with the embedding model's own tokenizer (a ``TokenCounter``), so no passage
is silently truncated by the embedder. The text is cut into sentences (and line-structured
items such as table rows or FHIR fields), sentences are packed greedily up to ``max_tokens``,
and when a chunk is full it ends at the last paragraph break if that keeps it at least half
full, otherwise at the last sentence. Consecutive chunks share about ``overlap_tokens`` of
whole sentences so a fact split across a boundary is still found. A sentence is only cut
(at word boundaries) when it alone exceeds ``max_tokens``. A new section always starts a new
chunk, so each chunk's section heading is the one in effect for all of it; a heading with no text
of its own before the next heading (``Summer activities`` then ``Travel``) joins the chunk after
it instead of becoming a passage of its own.

Each chunk gets a contextual header (:func:`passage_context`: the document's name, its date and
the section) that is embedded and indexed with it but is not part of its text. A passage of a
CSV/TSV table (or an Excel sheet's) after the one holding its header row adds the table's
columns to it.

Every chunk is an exact slice of the document text: ``text == full_text[start:end]``.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from medlocal.delimited_tables import TABLE_FILE_TYPES, columns_context, delimited_tables
from medlocal.document_dates import own_date
from medlocal.engine.api import TokenCounter
from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.headings import ends_open, section_gloss
from medlocal.measured_things import measure_named
from medlocal.progress import check_cancel
from medlocal.sentence_ends import abbreviation_point
from medlocal.vault.records import ChunkRecord


@dataclass(frozen=True)
class ChunkingParams:
    max_tokens: int = 200
    overlap_tokens: int = 40

    def __post_init__(self) -> None:
        if self.max_tokens < 8:
            raise ValueError("max_tokens must be at least 8")
        if not 0 <= self.overlap_tokens < self.max_tokens // 2:
            raise ValueError("overlap_tokens must be between 0 and half of max_tokens")


@dataclass(frozen=True)
class _Unit:
    """A sentence-sized span of the text, with what precedes it."""

    start: int
    end: int
    tokens: int
    paragraph_start: bool  # a blank line (or the document start) comes right before it
    section_start: bool  # a section heading begins here
    heading: bool = False  # the unit is the section's heading line and nothing else


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# End of a sentence: terminal punctuation (optionally closed by quotes/brackets) then whitespace.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
# A line break ends an item unless the next line plainly continues the sentence (wrapped PDF
# text): it starts in lower case, or the line before stops mid-phrase (headings.ends_open: a
# comma, a hyphen, "... for the admission of").
_LINE_BREAK = re.compile(r"\n(?=[ \t]*[^\sa-z])")
_VISIBLE = re.compile(r"\S")  # the first character after a full stop that is not whitespace
# Words whose trailing period is not a sentence end in a passage, besides those of
# medlocal/sentence_ends.py that every reader of sentences shares: units and clinical shorthand
# ("5 mg. Daily" stays one passage's sentence).
_ABBREVIATIONS = frozenset(
    {
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "approx",
        "appt", "dept", "no", "fig", "ca", "cf", "al", "inc", "ltd", "mg", "ml", "mcg", "kg",
        "iv", "im", "po", "pr", "sc", "bid", "tid", "qid", "prn", "qd", "hr", "min", "sec", "wk",
        "mo", "yr", "pt", "pts", "dx", "hx", "rx", "tx", "sx",
    }
)  # fmt: skip


def chunk_document(
    document: ExtractedDocument,
    counter: TokenCounter,
    params: ChunkingParams | None = None,
    *,
    file_name: str | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ChunkRecord]:
    """The document's passages. ``cancel`` (the import's) is checked between sentences and
    while a long one is cut: a set event raises :class:`~medlocal.errors.GenerationCancelled`.
    ``progress`` hears ``(characters done, characters in all)`` as a long text is split (every
    hundredth of it, and never for a text under ``PROGRESS_CHARS``)."""
    params = params or ChunkingParams()
    units = _units(document, counter, params, cancel, progress)
    spans = _pack(units, params)
    title = document_title(document, file_name)
    tables = delimited_tables(document.text) if document.file_type in TABLE_FILE_TYPES else []
    chunks = []
    for start, end in spans:
        # The section in effect at the end: the same as at the start, except where a heading
        # without text of its own leads the chunk (its text belongs to the section after it).
        section = document.section_at(end - 1)
        context = passage_context(title, section)
        # A later passage of a table is indexed with the columns its rows are under, so that
        # a search for "potassium" finds a row of bare numbers under "K".
        table = next((t for t in tables if t.header_start < start <= t.end), None)
        if table is not None:
            columns = columns_context(document.text, table, measure_named)
            context = f"{context} | {columns}" if context else columns
        chunks.append(
            ChunkRecord(
                text=document.text[start:end],
                page=document.page_at(start),
                start=start,
                end=end,
                section=section,
                context=context,
            )
        )
    return chunks


# ---- the contextual header --------------------------------------------------------------------

_HEADER_PART_CHARS = 80


def document_title(document: ExtractedDocument, file_name: str | None) -> str | None:
    """A short name for the document: its file name without extension or separators, with the
    document's own date (medlocal/document_dates.py, the rule the dose notes and the Summarise
    dialog read it by) where its text gives it; a date the rule takes from the file name is in
    the name already. FHIR bundles hold many dates, none of them the bundle's: they get the name
    only."""
    name = None
    if file_name:
        stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
        name = " ".join(re.sub(r"[_\-]+", " ", stem).split())[:_HEADER_PART_CHARS] or None
    found = own_date(document.text, document.file_type, file_name)
    date = found.written if found is not None and found.source != "file name" else None
    if name and date:
        return f"{name} ({date})"
    return name or date


def passage_context(title: str | None, section: str | None) -> str | None:
    """The header embedded and indexed with a passage: ``title | section``."""
    gloss = section_gloss(section) if section else None
    named = section and section[:_HEADER_PART_CHARS]
    parts = [part for part in (title, f"{named} ({gloss})" if gloss else named) if part]
    return " | ".join(parts) or None


# ---- cutting the text into sentence units ---------------------------------------------------


# Splitting a text this long (about 25 pages) reports its progress.
PROGRESS_CHARS = 100_000


def _units(
    document: ExtractedDocument,
    counter: TokenCounter,
    params: ChunkingParams,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[_Unit]:
    text = document.text
    section_starts = document.section_starts
    titles = {section.start: section.title for section in document.sections}
    units: list[_Unit] = []
    step = max(PROGRESS_CHARS, len(text) // 100)
    next_report = step if progress is not None and len(text) >= PROGRESS_CHARS else len(text) + 1
    for para_start, para_end in _paragraphs(text):
        first = True
        for start, end in _sentences(text, para_start, para_end, section_starts):
            check_cancel(cancel, "splitting the document into passages")
            if progress is not None and start >= next_report:
                progress(start, len(text))
                next_report = start - start % step + step
            tokens = counter.count_tokens(text[start:end])
            section_start = _crosses_section(section_starts, start, units)
            pieces = (
                [(start, end, tokens)]
                if tokens <= params.max_tokens
                else _split_long(text, start, end, counter, params.max_tokens, cancel)
            )
            for index, (piece_start, piece_end, piece_tokens) in enumerate(pieces):
                units.append(
                    _Unit(
                        piece_start,
                        piece_end,
                        piece_tokens,
                        paragraph_start=first and index == 0,
                        section_start=section_start and index == 0,
                        heading=_is_heading(text[piece_start:piece_end], titles.get(piece_start)),
                    )
                )
            first = False
    if progress is not None and next_report <= len(text):
        progress(len(text), len(text))
    return units


def _is_heading(unit_text: str, title: str | None) -> bool:
    """The unit is a heading line alone (the title itself, maybe with a colon)."""
    return title is not None and " ".join(unit_text.split()).rstrip(":").strip() == title


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [_strip(text, start, end) for start, end in spans if text[start:end].strip()]


def _sentences(
    text: str, start: int, end: int, section_starts: list[int]
) -> Iterator[tuple[int, int]]:
    """The paragraph's sentence units in order, found as they are needed: each cut is judged by
    what lies next to it (the word before a full stop and the next visible character after it,
    the line before a line break), never by a copy of the rest, so a paragraph of any length (a
    27 MB file without blank lines) is split in linear time and a cancel is honoured as it goes."""
    first = bisect.bisect_right(section_starts, start)
    last = bisect.bisect_left(section_starts, end)
    sentence_ends = (
        match.end()
        for match in _SENTENCE_END.finditer(text, start, end)
        if not _is_abbreviation(text, start, match.start(), match.end(), end)
    )
    line_ends = (
        match.start()
        for match in _LINE_BREAK.finditer(text, start, end)
        if not ends_open(
            text[max(start, text.rfind("\n", start, match.start()) + 1) : match.start()]
        )
    )
    # Each source ascends: merged, they are the sorted cuts, any repeats next to each other.
    cuts = heapq.merge([start], sentence_ends, line_ends, section_starts[first:last], [end])
    for a, b in itertools.pairwise(key for key, _ in itertools.groupby(cuts)):
        a, b = _strip(text, a, b)
        if b > a:
            yield a, b


def _is_abbreviation(text: str, floor: int, dot: int, after: int, ceiling: int) -> bool:
    word_start = dot
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lower().lstrip("(\"'[")
    if word in _ABBREVIATIONS:
        return True
    # "take 1 tab. daily": a lower-case continuation is not a new sentence. Only the first
    # visible character after the mark is looked at (never a copy of the rest of the paragraph).
    following = _VISIBLE.search(text, after, ceiling)
    if following is not None and following.group().islower():
        return True
    # The answer checks' rule besides (initials, "z.B. Ramipril", "Tabl. 5 mg").
    return abbreviation_point(word, following.group() if following is not None else "")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _crosses_section(section_starts: list[int], start: int, units: list[_Unit]) -> bool:
    """True when a section heading begins after the previous unit and at or before this one."""
    previous_end = units[-1].end if units else -1
    index = bisect.bisect_right(section_starts, start) - 1
    return index >= 0 and section_starts[index] > previous_end


def _split_long(
    text: str,
    start: int,
    end: int,
    counter: TokenCounter,
    max_tokens: int,
    cancel: threading.Event | None = None,
) -> list[tuple[int, int, int]]:
    """Cut one over-long sentence into pieces of at most ``max_tokens``, at spaces if possible.

    Linear in the sentence's length: each piece is searched for within a window a few times its
    own size, never over the whole rest of the sentence. ``cancel`` is checked between pieces."""
    pieces: list[tuple[int, int, int]] = []
    position = start
    while position < end:
        check_cancel(cancel, "splitting the document into passages")
        cut = _longest_fit(text, position, end, counter, max_tokens, cancel)
        piece_start, piece_end = _strip(text, position, cut)
        if piece_end > piece_start:
            pieces.append(
                (piece_start, piece_end, counter.count_tokens(text[piece_start:piece_end]))
            )
        position = cut
    return pieces


# The first window searched for a piece of ``max_tokens``: this many characters per token, more
# than prose or numbers take (about 4-5 with a wordpiece tokenizer). A window whose text still
# fits is doubled until it does not (or the sentence ends), so no bound is assumed.
_WINDOW_CHARS_PER_TOKEN = 8


def _longest_fit(
    text: str,
    start: int,
    end: int,
    counter: TokenCounter,
    max_tokens: int,
    cancel: threading.Event | None = None,
) -> int:
    """The furthest cut after ``start`` whose piece fits, preferring a cut at whitespace."""
    # Token count grows with length, so the longest fit lies below the first window that does
    # not fit: find one (doubling from a generous first guess), then binary search below it.
    low, width = start + 1, max(1, max_tokens * _WINDOW_CHARS_PER_TOKEN)
    high = min(end, start + width)
    while high < end and counter.count_tokens(text[start:high]) <= max_tokens:
        check_cancel(cancel, "splitting the document into passages")
        low, width = high, width * 2
        high = min(end, start + width)
    while low < high:  # binary search on character length
        middle = (low + high + 1) // 2
        if counter.count_tokens(text[start:middle]) <= max_tokens:
            low = middle
        else:
            high = middle - 1
    if low < end:
        space = text.rfind(" ", start + 1, low + 1)
        newline = text.rfind("\n", start + 1, low + 1)
        boundary = max(space, newline)
        if boundary > start:
            return boundary
    return low


# ---- packing units into chunks ----------------------------------------------------------------


def _pack(units: list[_Unit], params: ChunkingParams) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    current: list[_Unit] = []
    carried = 0  # leading units of ``current`` already sent in the previous chunk (overlap)
    for unit in units:
        has_new_text = len(current) > carried
        if unit.section_start:
            fresh = current[carried:]
            if fresh and all(u.heading for u in fresh):
                # A heading with no text of its own joins the next section's chunk.
                current, carried = [*fresh, unit], 0
                continue
            if has_new_text:
                chunks.append((current[0].start, current[-1].end))
            current, carried = [unit], 0
        elif has_new_text and _tokens(current) + unit.tokens > params.max_tokens:
            cut = _cut_index(current, carried, unit, params)
            emitted, rest = current[:cut], current[cut:]
            chunks.append((emitted[0].start, emitted[-1].end))
            overlap = _overlap_tail(emitted, params.overlap_tokens)
            while overlap and _tokens(overlap) + _tokens(rest) + unit.tokens > params.max_tokens:
                overlap = overlap[1:]
            current, carried = [*overlap, *rest, unit], len(overlap)
        else:
            current.append(unit)
    if len(current) > carried:
        chunks.append((current[0].start, current[-1].end))
    return chunks


def _cut_index(current: list[_Unit], carried: int, unit: _Unit, params: ChunkingParams) -> int:
    """Where the full chunk ends: the last paragraph break that keeps it at least half full and
    leaves a remainder that still fits with the next unit; otherwise after its last unit."""
    for cut in range(len(current) - 1, carried, -1):
        if not current[cut].paragraph_start:
            continue
        head, tail = _tokens(current[:cut]), _tokens(current[cut:])
        if head >= params.max_tokens // 2 and tail + unit.tokens <= params.max_tokens:
            return cut
    return len(current)


def _overlap_tail(emitted: list[_Unit], overlap_tokens: int) -> list[_Unit]:
    """The last whole sentences of a chunk, at most ``overlap_tokens`` in all (never all of it)."""
    tail: list[_Unit] = []
    total = 0
    for unit in reversed(emitted[1:]):
        if total + unit.tokens > overlap_tokens:
            break
        tail.insert(0, unit)
        total += unit.tokens
    return tail


def _tokens(units: list[_Unit]) -> int:
    return sum(unit.tokens for unit in units)
