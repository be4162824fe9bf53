"""A PDF page rendered with pdfium, and the boxes of a passage's characters on it.

The vault's passage text comes from pypdf; pdfium has its own text for the page. The two differ
in white space (line breaks, hyphenation spaces, generated CR/LF), so we align them on the
characters that are not white space: the passage is found in pdfium's page text with spaces
removed, and each matched character keeps its pdfium index, whose box pdfium gives us. Everything
stays in memory: the document bytes come from the vault, the page image is never written.

The vault remembers where each page starts in the document's text (``PageSpan``), so a passage
is cut at page breaks and each piece is looked for on its own page only, near the place its
offsets give (a sentence repeated on a page is highlighted where the passage is, not at its
first occurrence). Documents imported before page spans were kept fall back to the passage's
page number and the whole passage.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.ingest.pdfium_lock import PDFIUM_LOCK
from medlocal.vault.records import PageSpan, Region

RENDER_SCALE = 1.5  # 108 dpi: readable on screen, quick to render
IMAGE_MAX_SIDE = 1600  # a scanned image is shown at most this many pixels high or wide
_PROBE_CHARS = 160  # enough of a passage to find it again, short enough to survive edits
PAGE_GAP = 12  # pixels between two pages of one passage


@dataclass(frozen=True)
class PageImage:
    pixels: npt.NDArray[np.uint8]  # height x width x 3, RGB
    width_pt: float
    height_pt: float
    scale: float
    boxes: list[tuple[float, float, float, float]]  # highlighted: x0, y0, x1, y1 in pixels


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without white space, and for each kept character its index in ``text``."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if not char.isspace():
            kept.append(char.lower())
            where.append(index)
    return "".join(kept), where


@dataclass(frozen=True)
class PagePiece:
    """The part of a passage on one page: its text and where on the page it begins, as a
    fraction (0-1) of the page's text, to choose between repeated occurrences."""

    page: int
    text: str
    near: float | None


def passage_pieces(text: str, pages: Sequence[PageSpan], start: int, end: int) -> list[PagePiece]:
    """``text[start:end]`` cut at the page breaks ``pages`` records (empty when it lies on no
    recorded page, e.g. the spans are unknown)."""
    pieces = []
    for span in pages:
        lo, hi = max(start, span.start), min(end, span.end)
        piece = text[lo:hi]
        if hi <= lo or not piece.strip():
            continue
        near = (lo - span.start) / max(1, span.end - span.start)
        pieces.append(PagePiece(span.number, piece, near))
    return pieces


def _find_near(page: str, wanted: str, near: float | None, begin: int = 0) -> int:
    """Index in ``page`` of the occurrence of ``wanted`` closest to fraction ``near`` of it
    (the first occurrence when ``near`` is None); -1 when absent."""
    found = page.find(wanted, begin)
    if found < 0 or near is None:
        return found
    target = near * len(page)
    best = found
    while found >= 0:
        if abs(found - target) < abs(best - target):
            best = found
        found = page.find(wanted, found + 1)
    return best


def locate(page_text: str, passage: str, near: float | None = None) -> tuple[int, int] | None:
    """Start and end (exclusive) indices in ``page_text`` of ``passage``, white space aside.

    The whole passage is tried first, then its opening and closing stretches (a passage that
    runs onto the next page, or text pdfium orders differently), and the widest match wins.
    ``near`` (a fraction of the page's text) picks among repeated occurrences."""
    page, page_where = _squeeze(page_text)
    wanted, _ = _squeeze(passage)
    if not wanted or not page:
        return None
    found = _find_near(page, wanted, near)
    if found >= 0:
        return page_where[found], page_where[found + len(wanted) - 1] + 1
    head, tail = wanted[:_PROBE_CHARS], wanted[-_PROBE_CHARS:]
    start = _find_near(page, head, near)
    end = page.find(tail, max(start, 0))
    if start >= 0 and end >= start:
        return page_where[start], page_where[end + len(tail) - 1] + 1
    if start >= 0:
        return page_where[start], page_where[min(start + len(wanted), len(page)) - 1] + 1
    if end >= 0:
        return page_where[max(0, end + len(tail) - len(wanted))], page_where[
            end + len(tail) - 1
        ] + 1
    return None


def _merge_lines(
    boxes: list[tuple[float, float, float, float]],
) -> list[tuple[float, float, float, float]]:
    """Character boxes joined into one box per line, so the highlight reads as a marker."""
    lines: list[list[float]] = []
    for x0, y0, x1, y1 in sorted(boxes, key=lambda b: (round(b[1]), b[0])):
        # Same line when the character's middle is within the line's height: a full stop or a
        # comma (a small box low on the line) joins its line instead of starting one.
        middle = (y0 + y1) / 2
        if lines and lines[-1][1] - 1 <= middle <= lines[-1][3] + 1 and x0 >= lines[-1][0] - 2:
            last = lines[-1]
            last[2] = max(last[2], x1)
            last[3] = max(last[3], y1)
            last[1] = min(last[1], y0)
        else:
            lines.append([x0, y0, x1, y1])
    return [(a, b, c, d) for a, b, c, d in lines]


def render_page(
    pdf_bytes: bytes, page_number: int, passage: str | None, regions: Sequence[Region] = ()
) -> PageImage:
    """Page ``page_number`` (1-based) as RGB pixels with the passage's boxes (in pixels).

    A scanned page has no text for pdfium to match: its passage's ``regions`` (the OCR line
    boxes stored with it) are drawn instead."""
    return render_passage(pdf_bytes, [PagePiece(page_number, passage or "", None)], regions)


def render_passage(
    pdf_bytes: bytes, pieces: Sequence[PagePiece], regions: Sequence[Region] = ()
) -> PageImage:
    """The pages ``pieces`` lie on, one below the other, each with its piece highlighted."""
    with PDFIUM_LOCK:  # an import may be rendering scanned pages on another thread
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(pdf_bytes)
        try:
            return _stack([_render_piece(pdf, piece, regions) for piece in pieces])
        finally:
            pdf.close()


def _stack(images: Sequence[PageImage]) -> PageImage:
    """Pages one below the other (padded white to the widest), boxes moved with their page."""
    if len(images) == 1:
        return images[0]
    width = max(image.pixels.shape[1] for image in images)
    parts, boxes, top = [], [], 0
    for image in images:
        height, own_width, _ = image.pixels.shape
        padded = np.full((height + PAGE_GAP, width, 3), 255, dtype=np.uint8)
        padded[:height, :own_width] = image.pixels
        parts.append(padded)
        boxes += [(x0, y0 + top, x1, y1 + top) for x0, y0, x1, y1 in image.boxes]
        top += height + PAGE_GAP
    first = images[0]
    return PageImage(
        np.ascontiguousarray(np.concatenate(parts)[:-PAGE_GAP]),
        first.width_pt,
        first.height_pt,
        first.scale,
        boxes,
    )


def _render_piece(pdf: Any, piece: PagePiece, regions: Sequence[Region]) -> PageImage:
    page_number, passage = piece.page, piece.text
    index = max(0, min(page_number - 1, len(pdf) - 1))
    page = pdf[index]
    width, height = page.get_size()
    bitmap = page.render(scale=RENDER_SCALE, rev_byteorder=True)
    pixels = np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    boxes: list[tuple[float, float, float, float]] = []
    if passage.strip():
        text_page = page.get_textpage()
        count = text_page.count_chars()
        page_text = text_page.get_text_range(0, count)
        span = locate(page_text, passage, piece.near)
        if span is not None:
            for char in range(span[0], min(span[1], count)):
                if page_text[char].isspace():
                    continue
                left, bottom, right, top = text_page.get_charbox(char)
                boxes.append(
                    (
                        left * RENDER_SCALE,
                        (height - top) * RENDER_SCALE,
                        right * RENDER_SCALE,
                        (height - bottom) * RENDER_SCALE,
                    )
                )
    if not boxes and regions:
        boxes = region_boxes(regions, page_number, pixels.shape[1], pixels.shape[0])
    return PageImage(pixels, width, height, RENDER_SCALE, _merge_lines(boxes))


def render_image_page(image_bytes: bytes, page_number: int, regions: Sequence[Region]) -> PageImage:
    """Page ``page_number`` of an imported image (a TIFF frame, or the one page of a PNG or
    JPEG), upright and fitted to the screen, with the passage's OCR line boxes."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the file passed the import's size checks already
        with Image.open(io.BytesIO(image_bytes)) as image:
            image.seek(max(0, min(page_number - 1, getattr(image, "n_frames", 1) - 1)))
            upright = ImageOps.exif_transpose(image) or image
            shown = upright.convert("RGB")
    shown.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
    pixels = np.ascontiguousarray(np.asarray(shown, dtype=np.uint8))
    height, width = pixels.shape[:2]
    boxes = region_boxes(regions, page_number, width, height)
    return PageImage(pixels, float(width), float(height), 1.0, _merge_lines(boxes))


def region_boxes(
    regions: Sequence[Region], page_number: int, width: int, height: int
) -> list[tuple[float, float, float, float]]:
    """Stored boxes (page fractions) of page ``page_number`` in pixels of a ``width`` x
    ``height`` rendering."""
    return [
        (r.left * width, r.top * height, r.right * width, r.bottom * height)
        for r in regions
        if r.page == page_number
    ]
