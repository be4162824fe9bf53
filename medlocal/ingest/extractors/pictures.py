"""Pictures inside a typed document (a DOCX, a PDF page with a text layer): read by the same
offline OCR as scans, or named as not read.

A scanned allergy card pasted into a Word letter, or a lab portal's screenshot pasted onto a
typed PDF page, is text the document holds; it was dropped without a word (walk 53b, H2). Each
picture big enough to hold a line of writing (``MIN_WIDTH`` x ``MIN_HEIGHT`` pixels) is read by
OCR; its text goes in blocks of its own, each starting with ``PICTURE_MARK``, so a passage citing
it says it was read from a picture (OCR can misread a value with full confidence), with the
low-confidence marks and look-alike mending of a scanned page. A picture in which OCR finds no
writing (a logo, a photo) adds nothing, and a picture shown again (a logo on every page) is read
once. Pictures that could not be read (OCR turned off or
unavailable, a format the decoder does not know, over the per-file limit) are counted for the
import report, never passed over in silence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from medlocal.ingest.document import BLOCK_SEPARATOR, DocumentBuilder
from medlocal.ingest.errors import IngestError
from medlocal.ingest.extractors.image import OcrNotAvailableError, ocr_engine
from medlocal.ingest.ocr.engine import OcrEngine
from medlocal.ingest.ocr.images import MAX_PIXELS, ImageTooLargeError
from medlocal.ingest.ocr.pages import OcrOptions, PageImage, add_recognised_page, recognise_pages

PICTURE_MARK = "(read from a picture)"
# Smaller than this holds no line of writing worth reading (an icon, a bullet, a rule).
MIN_WIDTH = 120
MIN_HEIGHT = 24
TOO_LARGE = f"too large: over the limit of {MAX_PIXELS // 1_000_000} megapixels a picture"


@dataclass
class PictureReader:
    """Reads one file's pictures in turn, counting those it could not read and why."""

    file_name: str
    ocr: OcrOptions | None
    read: int = 0
    low_lines: int = 0
    unread_lines: int = 0  # detected in a picture, read as nothing
    not_read: dict[str, int] = field(default_factory=dict)  # reason -> count
    # The pages (as given to text_of) of the pictures text_of could not read, for the passages
    # of those pages to say so. Not those leave_unread counts (a page header's or footer's, a
    # letterhead's logo on every page as a rule): the report names them, and a mark on every
    # passage of every letter with a logo would drown the marks that matter.
    unread_pages: set[int] = field(default_factory=set)
    _engine: OcrEngine | None = None
    _unavailable: str | None = None
    _seen: set[bytes] = field(default_factory=set)

    def text_of(self, render: Callable[[], PageImage], page: int = 1) -> str | None:
        """The picture's text with its mark, "" when it holds no writing (or is too small to),
        None when it could not be read (counted). ``page``: where it is, for progress."""
        if self.ocr is None:
            self._skip("OCR was not requested", page)
            return None
        if self.read + sum(self.not_read.values()) >= self.ocr.max_pages:
            self._skip(f"over the limit of {self.ocr.max_pages} pictures per file", page)
            return None
        engine = self._engine_or_reason()
        if engine is None:
            self._skip(self._unavailable or "OCR is unavailable", page)
            return None
        try:
            pixels = render()
        except ImageTooLargeError:  # said as too large, not as undecodable (review 53c F11)
            self._skip(TOO_LARGE, page)
            return None
        except (IngestError, OSError, ValueError, RuntimeError):
            self._skip("a picture format that could not be decoded", page)
            return None
        height, width = pixels.shape[:2]
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            return ""
        digest = hashlib.sha256(pixels.tobytes()).digest()
        if digest in self._seen:
            return ""  # the same picture again (a logo on every page): read once
        self._seen.add(digest)
        pixels = np.ascontiguousarray(pixels[:, :, :3], dtype=np.uint8)
        pages = recognise_pages([(page, lambda: pixels)], self.file_name, self.ocr, engine)
        scratch = DocumentBuilder("picture")
        scanned = add_recognised_page(scratch, pages[0])
        text = scratch.build().text
        if not text.strip():
            if scanned.unread:  # writing found, none of it readable: named, not dropped
                self._skip("writing found that OCR could not read", page)
                return None
            return ""
        self.read += 1
        self.low_lines += (
            len(scanned.lines) if scanned.low else sum(line.low for line in scanned.lines)
        )
        self.unread_lines += scanned.unread
        # Every paragraph marked: a passage may hold one of them only.
        return BLOCK_SEPARATOR.join(
            f"{PICTURE_MARK} {paragraph}" for paragraph in text.split(BLOCK_SEPARATOR)
        )

    def leave_unread(self, reason: str, count: int = 1) -> None:
        """Count ``count`` pictures the extractor itself leaves unread, for ``reason``."""
        if count > 0:
            self.not_read[reason] = self.not_read.get(reason, 0) + count

    def _engine_or_reason(self) -> OcrEngine | None:
        if self._engine is None and self._unavailable is None and self.ocr is not None:
            try:
                self._engine = ocr_engine(self.file_name, self.ocr, "a picture")
            except OcrNotAvailableError as err:
                self._unavailable = (
                    "OCR is turned off" if not self.ocr.enabled else f"OCR is unavailable ({err})"
                )
        return self._engine

    def _skip(self, reason: str, page: int) -> None:
        self.not_read[reason] = self.not_read.get(reason, 0) + 1
        self.unread_pages.add(page)

    def notes(self, where: str = "") -> list[str]:
        """The import report's lines: how many pictures were read, and which were not."""
        notes: list[str] = []
        place = f"{where}: " if where else ""
        if self.read:
            pictures = "1 picture" if self.read == 1 else f"{self.read} pictures"
            note = f"{place}{pictures} read by OCR (marked {PICTURE_MARK})"
            if self.low_lines:
                lines = "1 line" if self.low_lines == 1 else f"{self.low_lines} lines"
                note += f", low OCR confidence on {lines}"
            if self.unread_lines:
                lines = "1 line" if self.unread_lines == 1 else f"{self.unread_lines} lines"
                note += f", {lines} could not be read"
            notes.append(note + ": check against the original")
        for reason, count in self.not_read.items():
            pictures, them = (
                ("1 picture was", "it") if count == 1 else (f"{count} pictures were", "them")
            )
            notes.append(
                f"{place}{pictures} not read ({reason}): any text in {them} is not in the "
                "vault; check the original"
            )
        return notes


def picture_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` (a document's) holds text read from pictures: each block marked with
    ``PICTURE_MARK``, from its start to its end, neighbours joined. A passage cut from the
    middle of a long picture's text holds no mark of its own (review 53c F5): its citation is
    told from these spans."""
    spans: list[tuple[int, int]] = []
    at = 0
    for block in text.split(BLOCK_SEPARATOR):
        end = at + len(block)
        if block.startswith(PICTURE_MARK):
            if spans and spans[-1][1] + len(BLOCK_SEPARATOR) == at:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((at, end))
        at = end + len(BLOCK_SEPARATOR)
    return tuple(spans)
