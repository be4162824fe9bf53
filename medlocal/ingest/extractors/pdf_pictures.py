"""The pictures on a PDF page that has a text layer, found and decoded by PDFium for OCR
(extractors/pictures.py reads them).

A picture is left to the text layer when the layer already reads it: one covering most of the
page (a scan under its scanner's text layer, whose damage extractors/pdf_text_damage.py judges),
or one with words of the text layer lying over it. Pictures too few pixels to hold a line of
writing are not read. Each is decoded only when its turn comes, at its own resolution, with the
PDF's masks and colours applied, so one page's picture is held at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import TracebackType

import numpy as np
import pypdfium2 as pdfium

from medlocal.ingest.extractors.pictures import MIN_HEIGHT, MIN_WIDTH
from medlocal.ingest.ocr.pages import PageImage
from medlocal.ingest.pdfium_lock import PDFIUM_LOCK

# Words of the text layer over a picture that say the layer reads it (a scanner's hidden OCR,
# typed text over a letterhead's background). Size alone says nothing: a screenshot pasted over
# most of a typed page is not its scan, and was dropped unsaid (review 53c F2).
WORDS_OVER = 3
_IMAGE = (pdfium.raw.FPDF_PAGEOBJ_IMAGE,)
_DEPTH = 3  # images inside form XObjects, as pdf_scan looks for them


class PdfPictures:
    """One PDF opened by PDFium for its pictures; closed on leaving the ``with`` block."""

    def __init__(self, data: bytes) -> None:
        with PDFIUM_LOCK:
            self._pdf = pdfium.PdfDocument(data)

    def __enter__(self) -> PdfPictures:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with PDFIUM_LOCK:
            self._pdf.close()

    def on_page(self, number: int) -> list[Callable[[], PageImage]]:
        """The 1-based page's pictures to read, each as a function that decodes it."""
        with PDFIUM_LOCK:
            page = self._pdf[number - 1]
            try:
                wanted: list[tuple[int, tuple[float, float, float, float]]] = []
                for index, picture in enumerate(page.get_objects(filter=_IMAGE, max_depth=_DEPTH)):
                    left, bottom, right, top = picture.get_bounds()
                    pixels_wide, pixels_high = picture.get_px_size()
                    if pixels_wide >= MIN_WIDTH and pixels_high >= MIN_HEIGHT:
                        wanted.append((index, (left, bottom, right, top)))
                if wanted:  # the text layer read only where a picture may need it (cost)
                    text = page.get_textpage()
                    try:
                        wanted = [
                            (index, bounds)
                            for index, bounds in wanted
                            if len(text.get_text_bounded(*bounds).split()) < WORDS_OVER
                        ]
                    finally:
                        text.close()
            finally:
                page.close()
        return [functools.partial(self._decode, number - 1, index) for index, _ in wanted]

    def _decode(self, page_index: int, index: int) -> PageImage:
        with PDFIUM_LOCK:
            page = self._pdf[page_index]
            try:
                pictures = page.get_objects(filter=_IMAGE, max_depth=_DEPTH)
                picture = next(p for i, p in enumerate(pictures) if i == index)
                # The rendered bitmap is PDFium's own: freed with it, never closed here.
                bitmap = picture.get_bitmap(render=True)
                return np.asarray(bitmap.to_pil().convert("RGB"), dtype=np.uint8)
            finally:
                page.close()
