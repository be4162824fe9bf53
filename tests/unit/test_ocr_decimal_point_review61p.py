"""A decimal point read with a blank before it (review61p, repro from user61's report): "INR 2.4"
in DejaVu Sans at 40 px came out of OCR as "INR 2 .4", and the value checks saw "2" and ".4".
The blank before a point or comma between two digits is the point's own side room, as the
blank after it already was; a comma that ends a value keeps its space."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from medlocal.ingest.extractors.image import extract_image
from medlocal.ingest.ocr.engine import OcrEngine, OcrUnavailableError
from medlocal.ingest.ocr.pages import OcrOptions


def _line(text: str) -> bytes:
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 40)
    except OSError:
        pytest.skip("DejaVu Sans not installed")
    image = Image.new("RGB", (1100, 120), "white")
    ImageDraw.Draw(image).text((30, 30), text, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "text", ["INR 2.4 on 3 March 2026", "Sodium 134, potassium 5.6 mmol/L"], ids=["point", "comma"]
)
def test_a_number_is_read_whole(text: str) -> None:
    try:
        OcrEngine.shared()
    except OcrUnavailableError:
        pytest.skip("OCR engine not installed")
    assert extract_image(_line(text), "result.png", OcrOptions()).text.strip() == text
