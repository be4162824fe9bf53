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
from medlocal.ingest.ocr.engine import Detection, OcrEngine
from medlocal.ingest.ocr.layout import DOUBTFUL_LETTER, Line, read_page
from medlocal.ingest.ocr.orientation import read_upright, upright_box_on_page
from medlocal.ingest.ocr.reread import reread_weak_lines
from medlocal.ingest.ocr.scripts import leave_out_other_scripts
from medlocal.ingest.ocr.slips import mend_slips, number_read_as_letters
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
CHAR_LOW = DOUBTFUL_LETTER
PAGE_LOW = 0.88

PageImage = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class OcrOptions:
    """How an import treats scans: the settings, plus this import's progress and cancel."""

    enabled: bool = True
    max_pages: int = DEFAULT_MAX_PAGES
    progress: ProgressCallback | None = None
    cancel: threading.Event | None = None


# A detected box read as nothing counts as an unreadable line when it is at least this share of
# the page's typical line height (a speck or a rule line is no line of text).
UNREAD_MIN_HEIGHT = 0.5


@dataclass(frozen=True)
class RecognisedPage:
    number: int
    width: int  # of the page as read (upright)
    height: int
    lines: tuple[Line, ...]
    quarter_turns: int = 0  # 90-degree turns counter-clockwise that made the page upright
    unread: int = 0  # detected lines whose text could not be read at all
    other_script: int = 0  # speck-like characters of a script the page does not use, left out


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
        reading = read_upright(engine, render())
        turns = reading.quarter_turns
        height, width = reading.image.shape[:2]
        gray = np.asarray(cv2.cvtColor(reading.image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
        detections = reread_weak_lines(engine, reading.image, reading.detections)
        cleaned = leave_out_other_scripts(detections)
        lines = tuple(read_page(cleaned.detections, gray))
        unread = count_unread(cleaned.detections)
        del gray
        del reading  # one page image at a time
        done.append(RecognisedPage(number, width, height, lines, turns, unread, cleaned.left_out))
    report(options.progress, _progress(file_name, len(pages), len(pages), None, started))
    return done


def count_unread(detections: Sequence[Detection]) -> int:
    """Detected boxes of a text line's size whose text came back empty: lines the recogniser
    could not read, which must be reported, never dropped."""
    heights = [_height(det) for det in detections if det.text.strip()]
    typical = sorted(heights)[len(heights) // 2] if heights else 0.0
    return sum(
        1
        for det in detections
        if not det.text.strip() and _height(det) >= UNREAD_MIN_HEIGHT * typical
    )


def _height(detection: Detection) -> float:
    ys = [y for _, y in detection.points]
    return max(ys) - min(ys)


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
    scanned = ScannedPage(
        page.number,
        round(confidence, 4),
        low_page,
        tuple(placed),
        mended,
        quarter_turns=page.quarter_turns,
        unread=page.unread,
        other_script=page.other_script,
        no_result=sum(line.no_result for line in page.lines if line.text.strip()),
    )
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
    return (
        line.confidence < LINE_LOW
        or line.weakest < CHAR_LOW
        or line.no_result
        or number_read_as_letters(line.text)
    )


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
    """The line's box in fractions of the page as stored (turned back if it was read turned)."""
    rect = line.rect
    upright = (
        max(rect.left / page.width, 0.0),
        max(rect.top / page.height, 0.0),
        min(rect.right / page.width, 1.0),
        min(rect.bottom / page.height, 1.0),
    )
    left, top, right, bottom = upright_box_on_page(upright, page.quarter_turns)
    return Box(round(left, 5), round(top, 5), round(right, 5), round(bottom, 5))


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
    """The import report's lines, e.g. ``page 3: low OCR confidence (71%)``, ``page 2: low OCR
    confidence on 2 lines (marked [low OCR confidence]): check them against the original``,
    ``page 1: OCR reading corrected: 'HbAlc' to 'HbA1c'``, ``page 2: 1 line could not be read:
    check the original``, ``page 3: no text found`` and ``page 1 was upside down and was
    turned``."""
    notes: list[str] = []
    for page in pages:
        if page.quarter_turns % 4:
            way = "upside down" if page.quarter_turns % 4 == 2 else "sideways"
            notes.append(f"page {page.number} was {way} and was turned")
        if page.unread:
            lines = "1 line" if page.unread == 1 else f"{page.unread} lines"
            notes.append(f"page {page.number}: {lines} could not be read: check the original")
        elif not page.lines:
            # A blank page of a multi-page scan (or a page that scanned as nothing) must be
            # named, not pass as read (walk 50b, D6).
            notes.append(f"page {page.number}: no text found")
        if page.low:
            notes.append(f"page {page.number}: low OCR confidence ({page.confidence:.0%})")
        # Rows with no result read are marked too, and named in a note of their own.
        elif weak := sum(line.low for line in page.lines) - page.no_result:
            # A good page with doubtful lines: its passages carry the mark, and the report must
            # say so too (walk 36: a phone photo read "Elliss0n" and "75o mg" on marked lines of
            # a page at 90%, and the import said nothing about it).
            lines, them = ("1 line", "it") if weak == 1 else (f"{weak} lines", "them")
            notes.append(
                f"page {page.number}: low OCR confidence on {lines} (marked "
                f"{LOW_CONFIDENCE_MARK}): check {them} against the original"
            )
        if page.no_result:
            rows = "1 table row" if page.no_result == 1 else f"{page.no_result} table rows"
            notes.append(
                f"page {page.number}: {rows} with no result read (marked "
                f"{LOW_CONFIDENCE_MARK}): check the original"
            )
        if page.other_script:
            chars = "1 character" if page.other_script == 1 else f"{page.other_script} characters"
            notes.append(
                f"page {page.number}: {chars} of another script left out as likely specks "
                "(stray marks read as letters: low confidence or alone): check the original"
            )
        if page.mended:
            readings = ", ".join(f"'{read}' to '{mended}'" for read, mended in page.mended)
            plural = "s" if len(page.mended) > 1 else ""
            notes.append(f"page {page.number}: OCR reading{plural} corrected: {readings}")
    return notes
