"""Pictures with a transparent background (user61): a screenshot or an exported result saved as
PNG with black text on a transparent background was read as black on black, since converting to
RGB drops the alpha channel and keeps the black under it, and the import failed with "no text
found in the image". Transparent pixels now stand on a white page, as a viewer shows them."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from medlocal.ingest.extractors.image import extract_image
from medlocal.ingest.ocr.engine import OcrEngine, OcrUnavailableError
from medlocal.ingest.ocr.images import open_image
from medlocal.ingest.ocr.pages import OcrOptions


def _png(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **params)
    return buffer.getvalue()


def _black_text_on_transparent(mode: str = "RGBA") -> Image.Image:
    image = Image.new("RGBA", (900, 260), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((40, 40), "Warfarin 3 mg daily", fill=(0, 0, 0, 255), font=font)
    draw.text((40, 140), "Review in two weeks", fill=(0, 0, 0, 255), font=font)
    return image.convert(mode)


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_transparent_pixels_are_white(mode: str) -> None:
    page = open_image(_png(_black_text_on_transparent(mode)), "shot.png", 1).page(0)
    assert page.shape == (260, 900, 3)
    assert tuple(page[5, 5]) == (255, 255, 255)  # the transparent corner
    assert (page < 100).any()  # the black writing stays black


def test_a_palette_picture_with_a_transparent_colour() -> None:
    image = Image.new("P", (40, 20), 0)
    image.putpalette([0, 0, 0, 0, 0, 0])
    image.putpixel((10, 10), 1)
    page = open_image(_png(image, transparency=0), "logo.png", 1).page(0)
    assert tuple(page[0, 0]) == (255, 255, 255)
    assert tuple(page[10, 10]) == (0, 0, 0)


def test_an_opaque_picture_is_unchanged() -> None:
    image = Image.new("RGB", (30, 10), (12, 34, 56))
    page = open_image(_png(image), "photo.png", 1).page(0)
    assert np.array_equal(page, np.asarray(image))


def test_black_text_on_a_transparent_background_is_read() -> None:
    try:
        OcrEngine.shared()
    except OcrUnavailableError:
        pytest.skip("OCR engine not installed")
    document = extract_image(_png(_black_text_on_transparent()), "shot.png", OcrOptions())
    assert "Warfarin" in document.text
    assert "weeks" in document.text
