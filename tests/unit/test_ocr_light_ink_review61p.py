"""Light writing on a transparent background (review61p): user61 put every transparent picture
on white, so white text meant for a dark background (a dark-mode export) became white on white
and OCR found nothing, where converting to RGB had kept it white on black. Such a picture now
stands on black; dark writing still stands on white."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from medlocal.ingest.extractors.image import extract_image
from medlocal.ingest.ocr.engine import OcrEngine, OcrUnavailableError
from medlocal.ingest.ocr.images import open_image
from medlocal.ingest.ocr.pages import OcrOptions


def _writing_on_transparent(ink: tuple[int, int, int, int]) -> bytes:
    image = Image.new("RGBA", (900, 260), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((40, 40), "Warfarin 3 mg daily", fill=ink, font=font)
    draw.text((40, 140), "Review in two weeks", fill=ink, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("ink", [(255, 255, 255, 255), (0, 0, 0, 255)], ids=["white", "black"])
def test_the_writing_stands_out_from_the_page(ink: tuple[int, int, int, int]) -> None:
    page = open_image(_writing_on_transparent(ink), "shot.png", 1).page(0)
    corner = int(page[5, 5].mean())
    assert abs(corner - ink[0]) == 255  # the transparent background is the ink's opposite
    assert (abs(page.astype(int).mean(axis=2) - corner) > 200).any()  # the writing is seen


def test_white_text_on_a_transparent_background_is_read() -> None:
    try:
        OcrEngine.shared()
    except OcrUnavailableError:
        pytest.skip("OCR engine not installed")
    document = extract_image(
        _writing_on_transparent((255, 255, 255, 255)), "shot.png", OcrOptions()
    )
    assert "Warfarin" in document.text
