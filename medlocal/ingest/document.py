"""The extractors' output: one document's text, with where each page and section begins.

Every offset is a character index into ``ExtractedDocument.text``; chunks and citations use the
same offsets, so a passage can be highlighted exactly where it came from.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medlocal.ingest.scanned import ScannedPage
from medlocal.vault.records import PageSpan, page_at

# A file's stored form given each attachment's bytes to keep in it, or None to leave out
# (``ExtractedDocument.stored_form``).
StoredForm = Callable[[Sequence[bytes | None]], bytes]

__all__ = [
    "BLOCK_SEPARATOR",
    "BODY",
    "PAGE_FOOTER",
    "PAGE_HEADER",
    "Attachment",
    "DocumentBuilder",
    "ExtractedDocument",
    "PageSpan",
    "SectionHeading",
]

BLOCK_SEPARATOR = "\n\n"

# Section titles of the text that is not the body's own: a DOCX's page header and footer, a
# PDF's running lines (set apart so a passage quoting the letterhead or a reference line says
# where it came from, and the body's passages do not carry it).
PAGE_HEADER = "Page header"
PAGE_FOOTER = "Page footer"
BODY = "Document text"


@dataclass(frozen=True)
class SectionHeading:
    """A heading whose section starts at ``start`` (the heading's own first character)."""

    title: str
    start: int


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the one read (an e-mail's attachment): imported after it as a
    document of its own, through the same checks and stages as a file on disk."""

    name: str  # its own file name (or one made from its type): how it is read and named
    data: bytes
    # A text file that says what the e-mail's own text says (a copy of the body sent along):
    # not a second document.
    repeats_text: bool = False


@dataclass(frozen=True)
class ExtractedDocument:
    text: str
    file_type: str
    pages: tuple[PageSpan, ...] = ()
    sections: tuple[SectionHeading, ...] = ()
    # Pages read by OCR: their confidence and line boxes (empty for text-only documents).
    scanned: tuple[ScannedPage, ...] = ()
    # For the import report: how the text was read where that was a guess ("encoding mixed…").
    notes: tuple[str, ...] = ()
    # Files it carries (an e-mail's attachments), in order, decoded once; never written to disk.
    attachments: tuple[Attachment, ...] = ()
    # What the vault stores of a file that carries others, given for each attachment (in order)
    # its bytes to keep inside it, or None where it is stored as a document of its own: an
    # e-mail whose attachments are left out of it (their headers kept, marked), so their bytes
    # are not stored twice. None: the file's own bytes are stored.
    stored_form: StoredForm | None = None
    # The pages showing a picture that was not read (OCR off or unavailable, a format not
    # decoded, over a limit): a passage of such a page says so. 0: a picture not read at no
    # known page (a Word document), which every passage of the document says.
    unread_picture_pages: tuple[int, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @functools.cached_property
    def _page_starts(self) -> list[int]:
        return [page.start for page in self.pages]

    @functools.cached_property
    def section_starts(self) -> list[int]:
        """Where each section begins, in order (extractors emit sections sorted by offset)."""
        return [section.start for section in self.sections]

    def page_at(self, offset: int) -> int | None:
        """The page holding character ``offset`` (or the page before a gap between pages)."""
        return page_at(self.pages, offset, self._page_starts)

    def section_at(self, offset: int) -> str | None:
        """The heading in effect at character ``offset``: the last one starting at or before it."""
        index = bisect.bisect_right(self.section_starts, offset) - 1
        return self.sections[index].title if index >= 0 else None


class DocumentBuilder:
    """Assembles a document block by block, recording page and heading offsets as it goes.

    Blocks (paragraphs, table rows, resources) are joined with a blank line, which is also the
    paragraph boundary the chunker looks for. Empty blocks are dropped so offsets stay tight.
    """

    def __init__(self, file_type: str) -> None:
        self._file_type = file_type
        self._parts: list[str] = []
        self._length = 0
        self._pages: list[PageSpan] = []
        self._page_number: int | None = None
        self._page_start = 0
        self._sections: list[SectionHeading] = []
        self._scanned: list[ScannedPage] = []

    def _append(self, block: str) -> int:
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(block)
        self._length += len(block)
        return start

    def add_block(self, text: str) -> int | None:
        """Append a paragraph; returns where it starts in the text (None when it was empty)."""
        block = text.strip()
        return self._append(block) if block else None

    def add_scanned_page(self, page: ScannedPage) -> None:
        self._scanned.append(page)

    def add_heading(self, title: str) -> None:
        heading = " ".join(title.split())
        if heading:
            self._sections.append(SectionHeading(heading, self._append(heading)))

    def add_section_marker(self, title: str) -> None:
        """A heading not in the text itself (e.g. a PDF bookmark): starts at the next block."""
        heading = " ".join(title.split())
        if heading:
            start = self._length + (len(BLOCK_SEPARATOR) if self._parts else 0)
            self._sections.append(SectionHeading(heading, start))

    def start_page(self, number: int) -> None:
        self._close_page()
        self._page_number = number
        self._page_start = self._length + (len(BLOCK_SEPARATOR) if self._parts else 0)

    def _close_page(self) -> None:
        if self._page_number is not None:
            start = min(self._page_start, self._length)
            self._pages.append(PageSpan(self._page_number, start, self._length))
            self._page_number = None

    @property
    def has_text(self) -> bool:
        return bool(self._parts)

    def build(self) -> ExtractedDocument:
        self._close_page()
        return ExtractedDocument(
            text="".join(self._parts),
            file_type=self._file_type,
            pages=tuple(self._pages),
            sections=tuple(self._sections),
            scanned=tuple(self._scanned),
        )
