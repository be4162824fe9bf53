"""Plain records that cross the vault boundary (ingest writes them, rag reads them)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpan:
    """Page ``number`` (1-based) covers ``text[start:end]`` of its document's extracted text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Region:
    """Where part of a passage sits on its page: a box in fractions of the page's width and
    height (0-1, origin top left), e.g. one OCR line of a scanned page."""

    page: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class PictureMarks:
    """What a document's import knew of its pictures, kept with the document so that each
    passage can say it: where its text was read from pictures by OCR (character spans), and
    which pages show a picture that was not read (0: one at no known page, a Word document's)."""

    read: tuple[tuple[int, int], ...] = ()
    unread_pages: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.read or self.unread_pages)

    def read_within(self, start: int, end: int) -> bool:
        """Whether text at ``start``-``end`` was read from a picture (any of it)."""
        return any(left < end and start < right for left, right in self.read)

    def unread_on(self, first: int | None, last: int | None) -> tuple[int, ...]:
        """The pages ``first``-``last`` (a passage's) that show a picture not read; (0,) when
        the document has one at no known page (every passage of it then says so)."""
        if 0 in self.unread_pages:
            return (0,)
        if first is None:
            return (0,) if self.unread_pages else ()
        return tuple(n for n in self.unread_pages if first <= n <= (last or first))


@dataclass(frozen=True)
class ChunkRecord:
    """One passage of a document, with where it came from so a citation can highlight it.

    ``start``/``end`` are character offsets into the document's extracted text (the text of all
    pages joined as the extractor produced it); ``page`` is 1-based, or None for formats without
    pages.
    """

    text: str
    page: int | None
    start: int
    end: int
    section: str | None = None
    # A short header placed before the passage for embedding and exact-word search only (the
    # document's title and date and the section): it gives a passage the context its words
    # lack ("Plan" of which note?) but is not part of the text shown or cited.
    context: str | None = None
    # The boxes of its lines on a scanned page (OCR), so a citation can be highlighted on the
    # page image; empty for text documents, whose character boxes come from the PDF itself.
    regions: tuple[Region, ...] = ()

    @property
    def indexed_text(self) -> str:
        return indexed_text(self.context, self.text)


def indexed_text(context: str | None, text: str) -> str:
    """What the embedder and the exact-word index see for a passage: header, newline, text.
    (The FTS insert trigger in ``schema.py`` builds the same string in SQL.)"""
    return f"{context}\n{text}" if context else text


@dataclass(frozen=True)
class SearchHit:
    """A retrieved passage. Scores are None when that retriever did not return the chunk."""

    chunk_id: int
    document_id: int
    patient_id: int
    file_name: str
    page: int | None
    start: int
    end: int
    section: str | None
    text: str
    score: float  # fused reciprocal-rank score, higher is better
    vector_score: float | None  # cosine similarity
    bm25_score: float | None  # FTS5 bm25, sign flipped so higher is better
    # The page the passage ends on, when it runs past ``page`` (from the document's page spans).
    last_page: int | None = None
    # It holds a code-like word of the query ("MRN-7781") verbatim: it ranks above every passage
    # that does not, in the fused ranking and after any reranking.
    holds_code: bool = False
    # What its document's import noted about where the file belongs (``DocumentInfo.notes``),
    # so an answer quoting it can repeat the warning.
    file_notes: tuple[str, ...] = ()
    # Its document's own date (medlocal/document_dates.py): YYYY-MM-DD, or as written with "day
    # and month order unclear"; None where the document gives none or the hit was not read from
    # the vault's search.
    document_date: str | None = None
    # The pages whose text in the passage was read by OCR from a scan (where its line boxes
    # are): a reader is told so beside the source, as OCR can misread with full confidence.
    scanned_pages: tuple[int, ...] = ()
    # Its text (some of it) was read by OCR from a picture in a typed document: a passage cut
    # from the middle of a long picture's text holds no "(read from a picture)" of its own.
    from_picture: bool = False
    # Its pages that show a picture not read (PictureMarks.unread_on): the page may say more
    # than the passage holds.
    unread_picture_pages: tuple[int, ...] = ()
    # The header row(s) of the CSV/TSV table the passage lies in, as the file writes them,
    # where the passage itself does not hold them (a later passage of a long table): shown to
    # the model above its rows and read by the grounding checks as their heading
    # (medlocal/delimited_tables.py). None for a first or only passage, and for other text.
    table_heading: str | None = None

    @property
    def headed_text(self) -> str:
        """The passage as the model reads it and the answer is judged by: its text, under its
        table's header row where it has one (``table_heading``). A citation still points at
        ``text`` alone (``start``/``end``)."""
        return f"{self.table_heading}\n{self.text}" if self.table_heading else self.text


def scanned_pages_of(regions: Sequence[Region]) -> tuple[int, ...]:
    """The pages a passage's OCR line boxes lie on, in order."""
    return tuple(sorted({region.page for region in regions}))


def page_at(
    pages: Sequence[PageSpan], offset: int, starts: Sequence[int] | None = None
) -> int | None:
    """The page holding character ``offset`` (or the page before a gap between pages); None
    without page spans. ``starts`` (each span's start, precomputed) saves rebuilding them."""
    if not pages:
        return None
    index = bisect.bisect_right(starts or [span.start for span in pages], offset) - 1
    return pages[max(index, 0)].number


def last_page_of(pages: Sequence[PageSpan], end: int) -> int | None:
    """The page holding the passage's last character (the one before offset ``end``)."""
    return page_at(pages, end - 1)


def pages_label(first: int | None, last: int | None, *, short: bool = True) -> str:
    """ "p. 3" / "pp. 3-5" (or "page 3" / "pages 3-5"); "" without a page."""
    if first is None:
        return ""
    if last is not None and last > first:
        return f"{'pp.' if short else 'pages'} {first}\u2013{last}"
    return f"{'p.' if short else 'page'} {first}"
