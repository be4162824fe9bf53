"""Scanned pages -> document text: OCR page by page, with progress, ETA, cancel and marks.

Pages are rendered (or decoded) one at a time and dropped after recognition, so a 100-page scan
never holds more than one page image; nothing is written to disk. Progress is per page, with an
estimate of the time left once the first page is done; cancel is checked between pages.

Confidence is kept, not hidden: a line under ``LINE_LOW`` ends with the low-confidence mark, and
on a page whose mean is under ``PAGE_LOW`` every paragraph starts with it. The mark is part of
the passage text, so any answer citing such a passage shows it; the import report names the page.

Lab names and codes the recogniser misread by a look-alike character ("HbAlc") are mended
(``medlocal.ingest.ocr.slips``) before the page's text is built; the page keeps what was mended
and the import report names it.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.ocr.engine import OcrEngine
from medlocal.ingest.ocr.layout import Line, read_page
from medlocal.ingest.ocr.slips import mend_slips
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK, Box, ScannedLine, ScannedPage
from medlocal.progress import (
    Progress,
    ProgressCallback,
    check_cancel,
    duration_text,
    report,
    time_left,
)
from medlocal.vault.records import ChunkRecord, Region

DEFAULT_MAX_PAGES = 200
# A line is marked when its mean is under LINE_LOW or one character is under CHAR_LOW; a page
# when its mean is under PAGE_LOW.
LINE_LOW = 0.80
CHAR_LOW = 0.50
PAGE_LOW = 0.88

PageImage = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class OcrOptions:
    """How an import treats scans: the settings, plus this import's progress and cancel."""

    enabled: bool = True
    max_pages: int = DEFAULT_MAX_PAGES
    progress: ProgressCallback | None = None
    cancel: threading.Event | None = None


@dataclass(frozen=True)
class RecognisedPage:
    number: int
    width: int
    height: int
    lines: tuple[Line, ...]


def recognise_pages(
    pages: Sequence[tuple[int, Callable[[], PageImage]]],
    file_name: str,
    options: OcrOptions,
    engine: OcrEngine | None = None,
) -> list[RecognisedPage]:
    """OCR each ``(page number, render)`` in order; ``render`` runs only when its turn comes."""
    engine = engine or OcrEngine.shared()
    done: list[RecognisedPage] = []
    started = time.monotonic()
    for position, (number, render) in enumerate(pages):
        check_cancel(options.cancel, f"reading {file_name}")
        report(options.progress, _progress(file_name, position, len(pages), number, started))
        image = render()
        height, width = image.shape[:2]
        gray = np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
        lines = tuple(read_page(engine.recognise(image), gray))
        del gray
        del image  # one page image at a time
        done.append(RecognisedPage(number, width, height, lines))
    report(options.progress, _progress(file_name, len(pages), len(pages), None, started))
    return done


def _progress(
    file_name: str, done: int, total: int, number: int | None, started: float
) -> Progress:
    detail = file_name if number is None else f"{file_name}, page {number}"
    left = time_left(time.monotonic() - started, done, total)
    if left is not None:
        detail += f", about {duration_text(left)} left"
    return Progress("ocr", done, total, detail, "pages")


def add_recognised_page(builder: DocumentBuilder, page: RecognisedPage) -> ScannedPage:
    """Append a recognised page's paragraphs to ``builder`` and say where each line went."""
    page, mended = _mended(page)
    chars = sum(len(line.text) for line in page.lines)
    confidence = (
        sum(line.confidence * len(line.text) for line in page.lines) / chars if chars else 0.0
    )
    low_page = bool(page.lines) and confidence < PAGE_LOW
    placed: list[ScannedLine] = []
    for paragraph in _paragraphs(page.lines):
        parts: list[str] = []
        spans: list[tuple[int, int, Line]] = []
        length = 0
        if low_page:
            parts.append(LOW_CONFIDENCE_MARK + " ")
            length += len(parts[-1])
        for index, line in enumerate(paragraph):
            if index:
                parts.append("\n")
                length += 1
            spans.append((length, length + len(line.text), line))
            parts.append(line.text)
            length += len(line.text)
            if _is_low(line) and not low_page:
                parts.append(" " + LOW_CONFIDENCE_MARK)
                length += len(parts[-1])
        start = builder.add_block("".join(parts))
        if start is None:
            continue
        placed.extend(
            ScannedLine(
                start + begin,
                start + end,
                _box(line, page),
                round(line.confidence, 4),
                _is_low(line),
            )
            for begin, end, line in spans
        )
    scanned = ScannedPage(page.number, round(confidence, 4), low_page, tuple(placed), mended)
    builder.add_scanned_page(scanned)
    return scanned


def _mended(page: RecognisedPage) -> tuple[RecognisedPage, tuple[tuple[str, str], ...]]:
    """The page with its lines' slips mended, and each distinct ``(as read, as mended)``."""
    lines: list[Line] = []
    mended: dict[tuple[str, str], None] = {}
    for line in page.lines:
        text, slips = mend_slips(line.text)
        lines.append(dataclasses.replace(line, text=text) if slips else line)
        mended.update(((slip.read, slip.mended), None) for slip in slips)
    return dataclasses.replace(page, lines=tuple(lines)), tuple(mended)


def _is_low(line: Line) -> bool:
    return line.confidence < LINE_LOW or line.weakest < CHAR_LOW


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = []
    for line in lines:
        if not line.text.strip():
            continue
        if line.paragraph or not paragraphs:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _box(line: Line, page: RecognisedPage) -> Box:
    rect = line.rect
    return Box(
        round(max(rect.left / page.width, 0.0), 5),
        round(max(rect.top / page.height, 0.0), 5),
        round(min(rect.right / page.width, 1.0), 5),
        round(min(rect.bottom / page.height, 1.0), 5),
    )


def place_chunks(chunks: Sequence[ChunkRecord], pages: Sequence[ScannedPage]) -> list[ChunkRecord]:
    """Each passage with the boxes of the OCR lines it covers (for highlighting a citation)."""
    placed = []
    for chunk in chunks:
        regions = tuple(
            Region(page.number, line.box.left, line.box.top, line.box.right, line.box.bottom)
            for page in pages
            for line in page.lines_between(chunk.start, chunk.end)
        )
        placed.append(dataclasses.replace(chunk, regions=regions) if regions else chunk)
    return placed


def ocr_page_notes(pages: Sequence[ScannedPage]) -> list[str]:
    """The import report's lines, e.g. ``page 3: low OCR confidence (71%)`` and
    ``page 1: OCR reading corrected: 'HbAlc' to 'HbA1c'``."""
    notes: list[str] = []
    for page in pages:
        if page.low:
            notes.append(f"page {page.number}: low OCR confidence ({page.confidence:.0%})")
        if page.mended:
            readings = ", ".join(f"'{read}' to '{mended}'" for read, mended in page.mended)
            plural = "s" if len(page.mended) > 1 else ""
            notes.append(f"page {page.number}: OCR reading{plural} corrected: {readings}")
    return notes
