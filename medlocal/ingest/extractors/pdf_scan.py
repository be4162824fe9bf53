"""The image-only pages of a PDF, rendered by PDFium (pypdfium2, Apache-2.0/BSD) and OCR'd.

Rendering happens in memory, one page at a time, at ``MAX_DPI`` (a scanner's own resolution):
PDFium scaling a 300-dpi scan down to ~170 dpi left thin type so ragged that a whole line (the
patient-ID line) was read as nothing (walk 30); the recogniser scales the page for detection
itself, and a weak line is read again from these full-resolution pixels
(``medlocal.ingest.ocr.reread``). A page over ``MAX_PIXELS`` at that resolution (a poster, a
10-metre-tall page) is rendered smaller, so memory stays bounded.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import pypdfium2 as pdfium

from medlocal.ingest.extractors.image import ocr_engine
from medlocal.ingest.ocr.images import TooManyPagesError
from medlocal.ingest.ocr.pages import OcrOptions, PageImage, RecognisedPage, recognise_pages
from medlocal.ingest.pdfium_lock import PDFIUM_LOCK  # held for PDFium calls, not for OCR

MAX_DPI = 300
# An A3 page at 300 dpi is 17.4 megapixels; 36 MP (~108 MB as RGB) bounds anything larger.
MAX_PIXELS = 36_000_000


def ocr_pdf_pages(
    data: bytes, file_name: str, numbers: Sequence[int], options: OcrOptions
) -> dict[int, RecognisedPage]:
    """OCR the 1-based pages ``numbers`` of the PDF in ``data``."""
    engine = ocr_engine(file_name, options, "a scanned PDF (no text layer)")
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
    try:
        # A page with no text and no image is blank (a separator sheet): nothing to read.
        numbers = [number for number in numbers if _has_image(pdf, number - 1)]
        if len(numbers) > options.max_pages:
            raise TooManyPagesError(
                file_name,
                f"{len(numbers)} scanned pages, over the limit of {options.max_pages} pages "
                "per file "
                "(setting ocr_max_pages); split the file or raise the limit",
            )
        renders = [(number, functools.partial(_render, pdf, number - 1)) for number in numbers]
        pages = recognise_pages(renders, file_name, options, engine)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    return {page.number: page for page in pages}


def _render(pdf: pdfium.PdfDocument, index: int) -> PageImage:
    with PDFIUM_LOCK:
        return _render_locked(pdf, index)


def _render_locked(pdf: pdfium.PdfDocument, index: int) -> PageImage:
    page = pdf[index]
    try:
        width, height = page.get_size()  # points (1/72 inch)
        scale = render_scale(width, height)
        bitmap = page.render(scale=scale)
        try:
            return np.asarray(bitmap.to_pil().convert("RGB"), dtype=np.uint8)
        finally:
            bitmap.close()
    finally:
        page.close()


def render_scale(width: float, height: float) -> float:
    """Pixels per point for a page of ``width`` x ``height`` points: ``MAX_DPI``, or less so
    that the page stays within ``MAX_PIXELS``."""
    scale = MAX_DPI / 72
    area = max(width, 1.0) * max(height, 1.0) * scale * scale
    if area > MAX_PIXELS:
        scale *= (MAX_PIXELS / area) ** 0.5
    return scale


def _has_image(pdf: pdfium.PdfDocument, index: int) -> bool:
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            kinds = (pdfium.raw.FPDF_PAGEOBJ_IMAGE,)
            return next(iter(page.get_objects(filter=kinds, max_depth=3)), None) is not None
        finally:
            page.close()
