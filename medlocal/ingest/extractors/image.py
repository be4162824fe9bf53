"""Images (PNG, JPEG, multi-page TIFF): every page read by the offline OCR engine."""

from __future__ import annotations

import functools

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import IngestError, NoTextError
from medlocal.ingest.ocr.engine import OcrEngine, OcrUnavailableError
from medlocal.ingest.ocr.images import open_image
from medlocal.ingest.ocr.pages import OcrOptions, add_recognised_page, recognise_pages


class OcrNotAvailableError(IngestError):
    """A file that needs OCR while OCR is turned off or not installed."""


def ocr_engine(file_name: str, options: OcrOptions, what: str) -> OcrEngine:
    """The engine, or this file's clear error saying why ``what`` cannot be read."""
    if not options.enabled:
        raise OcrNotAvailableError(
            file_name, f"{what} needs OCR, which is turned off (setting ocr = off)"
        )
    try:
        return OcrEngine.shared()
    except OcrUnavailableError as err:
        raise OcrNotAvailableError(
            file_name, f"{what} needs OCR, which is unavailable: {err}"
        ) from None


def extract_image(data: bytes, file_name: str, options: OcrOptions) -> ExtractedDocument:
    engine = ocr_engine(file_name, options, "an image")
    image = open_image(data, file_name, options.max_pages)
    pages = [(index + 1, functools.partial(image.page, index)) for index in range(image.page_count)]
    builder = DocumentBuilder("image")
    for page in recognise_pages(pages, file_name, options, engine):
        builder.start_page(page.number)
        add_recognised_page(builder, page)
    if not builder.has_text:
        raise NoTextError(file_name, "no text found in the image")
    return builder.build()
