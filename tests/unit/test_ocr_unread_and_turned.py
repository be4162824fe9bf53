"""Walk 30, without the engine: a detected line read as nothing is read again from the page and,
if still unreadable, named in the page's note (never dropped); a weak line keeps its mark; a page
the angle classifier finds upside down is turned, read again and noted, its line boxes mapped
back onto the page as stored; scanned PDF pages render at scan resolution within a pixel cap; the
engine is asked to keep every detected box."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pytest

from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.extractors.pdf_scan import MAX_DPI, MAX_PIXELS, render_scale
from medlocal.ingest.ocr.engine import KEEP_EVERY_BOX, Detection, OcrEngine
from medlocal.ingest.ocr.orientation import upright_box_on_page
from medlocal.ingest.ocr.pages import (
    OcrOptions,
    add_recognised_page,
    ocr_page_notes,
    recognise_pages,
)
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK

Image = npt.NDArray[np.uint8]
WIDTH, HEIGHT = 800, 1000
UPRIGHT_MARK = 7  # the fake page's top-left pixel when the page is the right way up


def _line(text: str, top: float, confidence: float = 0.99, height: float = 30.0) -> Detection:
    corners = (
        (50.0, top),
        (50.0 + 14 * max(len(text), 20), top),
        (50.0 + 14 * max(len(text), 20), top + height),
        (50.0, top + height),
    )
    return Detection(text, corners, confidence, ())


class FakeEngine:
    """Reads ``lines`` when the page is upright (its top-left pixel marked), the same lines
    bottom first when it is upside down; ``reread`` answers for lines read again."""

    def __init__(self, lines: list[Detection], reread: tuple[str, float] = ("", 0.0)) -> None:
        self.lines = lines
        self.reread = reread
        self.recognised = 0
        self.voted: list[int] = []

    def recognise(self, image: Image) -> list[Detection]:
        self.recognised += 1
        if image[0, 0, 0] == UPRIGHT_MARK:
            return list(self.lines)
        return [
            Detection(d.text, tuple((WIDTH - x, HEIGHT - y) for x, y in d.points), d.confidence, ())
            for d in reversed(self.lines)
        ]

    def upside_down_votes(self, crops: list[Image]) -> list[bool | None]:
        self.voted.append(len(crops))
        return [self._upside_down] * len(crops)

    def read_line(self, crop: Image) -> tuple[str, float]:
        return self.reread

    _upside_down = False


def _page(upright: bool = True) -> Image:
    image = np.full((HEIGHT, WIDTH, 3), 255, dtype=np.uint8)
    image[0, 0] = UPRIGHT_MARK
    return image if upright else np.ascontiguousarray(np.rot90(image, 2))


def _read(engine: FakeEngine, image: Image) -> tuple[str, list[str], Any]:
    (page,) = recognise_pages(
        [(1, lambda: image)], "scan.png", OcrOptions(), cast(OcrEngine, engine)
    )
    builder = DocumentBuilder("image")
    builder.start_page(1)
    scanned = add_recognised_page(builder, page)
    return builder.build().text, ocr_page_notes([scanned]), scanned


def test_a_line_read_as_nothing_is_read_again_from_the_page() -> None:
    engine = FakeEngine(
        [_line("CLINIC LETTER", 100), _line("", 150, 0.0), _line("Ramipril 5 mg daily", 200)],
        reread=("Patient: Jane Roe MRN-12345", 0.98),
    )
    text, notes, _ = _read(engine, _page())
    assert text.splitlines() == [
        "CLINIC LETTER",
        "Patient: Jane Roe MRN-12345",
        "Ramipril 5 mg daily",
    ]
    assert notes == []


def test_a_line_that_stays_unreadable_is_noted_never_dropped_silently() -> None:
    engine = FakeEngine(
        [_line("CLINIC LETTER", 100), _line("", 150, 0.0), _line("Ramipril 5 mg daily", 200)]
    )
    text, notes, scanned = _read(engine, _page())
    assert "Ramipril 5 mg daily" in text
    assert scanned.unread == 1
    assert notes == ["page 1: 1 line could not be read: check the original"]


def test_a_speck_read_as_nothing_is_no_line() -> None:
    engine = FakeEngine([_line("CLINIC LETTER", 100), _line("", 150, 0.0, height=6.0)])
    _, notes, _ = _read(engine, _page())
    assert notes == []


def test_a_weak_line_is_kept_and_marked_when_reading_again_does_no_better() -> None:
    clean = [_line(f"Seen in clinic today, line {i} of the letter", 200 + 50 * i) for i in range(6)]
    engine = FakeEngine([_line("Warfarn 3 mg", 150, 0.42), *clean], reread=("Warfam", 0.3))
    text, _, _ = _read(engine, _page())
    assert f"Warfarn 3 mg {LOW_CONFIDENCE_MARK}" in text


def test_an_upside_down_page_is_turned_read_in_order_and_noted() -> None:
    lines = [_line("CLINIC LETTER", 100), _line("Apixaban 5 mg twice daily", 200)]
    engine = FakeEngine(lines)
    engine._upside_down = True  # the classifier's verdict on the page as fed in
    original_recognise = engine.recognise

    def recognise(image: Image) -> list[Detection]:
        engine._upside_down = image[0, 0, 0] != UPRIGHT_MARK
        return original_recognise(image)

    engine.recognise = recognise  # type: ignore[method-assign]
    text, notes, scanned = _read(engine, _page(upright=False))
    assert [line for line in text.splitlines() if line] == [
        "CLINIC LETTER",
        "Apixaban 5 mg twice daily",
    ]
    assert notes == ["page 1 was upside down and was turned"]
    assert scanned.quarter_turns == 2
    # The first line is near the top of the page as read, so near the bottom as stored.
    first = scanned.lines[0].box
    assert first.top == pytest.approx(1 - 130 / HEIGHT) and first.bottom == pytest.approx(0.9)


def test_an_upright_page_is_read_once_and_only_its_longest_boxes_vote() -> None:
    engine = FakeEngine([_line(f"line {i} of the letter", 40 * i + 40) for i in range(20)])
    _, notes, scanned = _read(engine, _page())
    assert engine.recognised == 1 and engine.voted == [12]
    assert scanned.quarter_turns == 0 and notes == []


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_boxes_read_on_a_turned_page_map_back_onto_the_page_as_stored(turns: int) -> None:
    stored = np.zeros((100, 60), dtype=np.uint8)
    stored[10:20, 5:40] = 1  # left 5/60, top 10/100, right 40/60, bottom 20/100
    upright = np.rot90(stored, turns)
    rows, cols = np.nonzero(upright)
    h, w = upright.shape
    box = (cols.min() / w, rows.min() / h, (cols.max() + 1) / w, (rows.max() + 1) / h)
    assert upright_box_on_page(box, turns) == pytest.approx((5 / 60, 0.1, 40 / 60, 0.2))


def test_pdf_pages_render_at_scan_resolution_within_a_pixel_cap() -> None:
    assert render_scale(595, 842) == pytest.approx(MAX_DPI / 72)  # A4 at 300 dpi
    scale = render_scale(595, 28_346)  # a page 10 metres tall
    assert 595 * 28_346 * scale * scale == pytest.approx(MAX_PIXELS)


def test_the_engine_is_asked_to_keep_every_detected_box() -> None:
    calls: list[dict[str, Any]] = []

    def rapidocr(image: Image, **options: Any) -> tuple[list[Any], list[float]]:
        calls.append(options)
        return [[[[0, 0], [9, 0], [9, 9], [0, 9]], "", 0.0]], [0.0]

    engine = OcrEngine.__new__(OcrEngine)
    engine._ocr = rapidocr
    engine._lock = __import__("threading").Lock()
    (detection,) = engine.recognise(np.zeros((10, 10, 3), dtype=np.uint8))
    assert calls[0]["text_score"] == KEEP_EVERY_BOX == 0.0
    assert detection.text == "" and detection.confidence == 0.0
