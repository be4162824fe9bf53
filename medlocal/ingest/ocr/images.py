"""Image files (PNG, JPEG, TIFF) decoded in memory, one page at a time, with hard limits.

An image file is untrusted input: a tiny PNG can claim 20,000 x 20,000 pixels (1.2 GB decoded),
a TIFF can hold thousands of pages. Sizes are checked from the header, before any pixel is
decoded, and a file over a limit is refused whole with a clear reason (no partial import).
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from medlocal.ingest.errors import CorruptFileError, IngestError

log = logging.getLogger(__name__)

# 100 megapixels: a letter/A4 page photographed at 48 MP or scanned at 1200 dpi still fits;
# a decompression bomb does not. Pillow's own guard (89 MP warning, 179 MP error) is a backstop.
MAX_PIXELS = 100_000_000
FORMATS = ("PNG", "JPEG", "TIFF", "MPO")  # MPO: JPEGs from phones with a depth frame


class ImageTooLargeError(IngestError):
    """An image whose pixel count is over the decoding limit (a decompression bomb guard)."""


class TooManyPagesError(IngestError):
    """A multi-page file with more pages than the per-file page limit."""


@dataclass(frozen=True)
class ImageFile:
    """An opened image file; ``pages`` decodes its frames one by one."""

    image: Image.Image
    page_count: int
    file_name: str

    def pages(self) -> Iterator[npt.NDArray[np.uint8]]:
        for index in range(self.page_count):
            yield self.page(index)

    def page(self, index: int) -> npt.NDArray[np.uint8]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.image.seek(index)
                _check_pixels(self.image, self.file_name)
                # A phone photo is stored sideways with an EXIF note: turn it upright first.
                upright = ImageOps.exif_transpose(self.image) or self.image
                return np.asarray(_on_white(upright), dtype=np.uint8)
        except IngestError:
            raise
        except Exception as err:  # truncated or damaged pixel data
            log.debug("image pixel data could not be decoded: %s", type(err).__name__)
            raise CorruptFileError(self.file_name, _decode_reason(err)) from None


def _on_white(image: Image.Image) -> Image.Image:
    """The picture in RGB as a viewer shows it: transparent pixels over a white page, or over a
    black one where the visible ink is light (white writing meant for a dark background).

    Converting to RGB drops the alpha channel and keeps the colour hidden under it, which is
    black in most screenshots and exported results (black text on a transparent background):
    the page became black on black and OCR found no text at all. White on white would be the
    same loss for light writing, so the page takes the colour the ink stands out from."""
    if image.mode not in ("RGBA", "LA", "PA", "La", "RGBa") and "transparency" not in image.info:
        return image.convert("RGB")
    shown = image.convert("RGBA")
    page = Image.new("RGBA", shown.size, _contrasting_page(shown))
    return Image.alpha_composite(page, shown).convert("RGB")


def _contrasting_page(shown: Image.Image) -> tuple[int, int, int, int]:
    """White, or black where the visible pixels (weighted by how opaque they are) are light.
    Judged on a small copy: a 100-megapixel picture would need gigabytes as floats."""
    small = shown.copy()
    small.thumbnail((_JUDGED_SIDE, _JUDGED_SIDE))
    alpha = np.asarray(small.getchannel("A"), dtype=np.float64)
    grey = np.asarray(small.convert("L"), dtype=np.float64)
    weight = alpha.sum()
    light = weight > 0 and float((grey * alpha).sum() / weight) > _LIGHT_INK
    return (0, 0, 0, 255) if light else (255, 255, 255, 255)


# Mean grey (0-255) of the visible pixels above which a picture's ink is light.
_LIGHT_INK = 160
_JUDGED_SIDE = 512


def open_image(data: bytes, file_name: str, max_pages: int) -> ImageFile:
    """Open an image from memory, checking format, size and page count before decoding."""
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP (our own limit, checked next from the header, decides)
            # and about damaged metadata (the file fails or reads anyway): no noise in logs.
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            page_count = int(getattr(image, "n_frames", 1))
    except Image.DecompressionBombError:  # over twice Pillow's limit: it will not even open
        raise ImageTooLargeError(file_name, _too_large_reason(None)) from None
    except Exception as err:  # Pillow parses untrusted bytes: any failure means a damaged file
        # The reason is for a clinician: which Pillow exception it was goes to the debug log.
        log.debug("image could not be opened: %s", type(err).__name__)
        raise CorruptFileError(
            file_name,
            "not a readable PNG, JPEG or TIFF image: the file is damaged or is not an image",
        ) from None
    _check_pixels(image, file_name)
    if page_count > max_pages:
        raise TooManyPagesError(
            file_name,
            f"{page_count} pages, over the limit of {max_pages} pages per file "
            "(setting ocr_max_pages); split the file or raise the limit",
        )
    return ImageFile(image, page_count, file_name)


def _decode_reason(err: Exception) -> str:
    if "truncated" in str(err).lower():
        return "damaged image: the file is cut short, an incomplete copy or download"
    return "damaged image: its picture data cannot be decoded"


def _check_pixels(image: Image.Image, file_name: str) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageTooLargeError(file_name, _too_large_reason((width, height)))
    if width < 1 or height < 1:
        raise CorruptFileError(file_name, "image has no pixels")


def _too_large_reason(size: tuple[int, int] | None) -> str:
    shown = f"is {size[0]:,} x {size[1]:,} pixels" if size else "has far too many pixels"
    return (
        f"image {shown}, over the limit of {MAX_PIXELS // 1_000_000} megapixels "
        "(a guard against decompression bombs); scan at a lower resolution"
    )
