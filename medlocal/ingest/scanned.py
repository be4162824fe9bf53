"""What OCR adds to an extracted document: per page, its confidence and where each line sits.

Kept apart from the text so that formats without scans carry nothing. Boxes are fractions of the
page's width and height (0-1, origin top left): the page can be drawn at any zoom and a cited
passage highlighted on it exactly as for a text PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

LOW_CONFIDENCE_MARK = "[low OCR confidence]"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class ScannedLine:
    """One recognised line: ``text[start:end]`` of the document, its box and its confidence."""

    start: int
    end: int
    box: Box
    confidence: float
    low: bool


@dataclass(frozen=True)
class ScannedPage:
    number: int  # 1-based, as in PageSpan
    confidence: float  # mean over the page's characters, 0-1
    low: bool
    lines: tuple[ScannedLine, ...] = ()
    # Tokens the recogniser misread by a look-alike character, (as read, as mended): "HbAlc" ->
    # "HbA1c" (medlocal.ingest.ocr.slips); the text holds the mended form.
    mended: tuple[tuple[str, str], ...] = ()
    # How the page was turned before it was read (90-degree turns counter-clockwise; a page fed
    # in upside down: 2) and how many detected lines came back unreadable.
    quarter_turns: int = 0
    unread: int = 0
    # Characters of a script the page does not use, left out as specks, and table rows with no
    # result read (marked): medlocal.ingest.ocr.scripts and table_cells.
    other_script: int = 0
    no_result: int = 0

    def lines_between(self, start: int, end: int) -> tuple[ScannedLine, ...]:
        """The lines a passage ``text[start:end]`` touches (for highlighting a citation)."""
        return tuple(line for line in self.lines if line.start < end and line.end > start)
