"""A number the recogniser read as look-alike letters before a unit or time word ("in l week",
"O.5 mg") marks its line doubtful even at full confidence (walk 53b, M1): the 1 or 0 is lost
otherwise, with no mark and no report line."""

from __future__ import annotations

import pytest

from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.ocr.layout import Line, Rect
from medlocal.ingest.ocr.pages import RecognisedPage, add_recognised_page, ocr_page_notes
from medlocal.ingest.ocr.slips import number_read_as_letters
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK


@pytest.mark.parametrize(
    "text",
    ["Bloods: U&E and FBC in l week", "O.5 mg daily", "take l tablet at night", "l0 mg", "I mg"],
)
def test_a_number_read_as_letters_is_doubtful(text: str) -> None:
    assert number_read_as_letters(text)


@pytest.mark.parametrize(
    "text",
    [
        "in 1 week",
        "I m worried about her",  # "I'm" without its apostrophe
        "Type O blood",
        "I will review in 2 weeks",
        "HbA1c 48",
        "the I/O chart",
        "O2 sats 95%",
        "Ward l",
    ],
)
def test_words_and_right_numbers_are_not(text: str) -> None:
    assert not number_read_as_letters(text)


def test_the_line_is_marked_and_named_at_full_confidence() -> None:
    lines = (
        Line("Bloods: U&E and FBC in l week", 0.99, 0.98, Rect(10, 10, 400, 40), True),
        Line("Continue ramipril 5 mg", 0.99, 0.98, Rect(10, 60, 400, 90), True),
    )
    builder = DocumentBuilder("image")
    scanned = add_recognised_page(builder, RecognisedPage(2, 500, 200, lines))
    text = builder.build().text
    assert f"in l week {LOW_CONFIDENCE_MARK}" in text
    assert f"5 mg {LOW_CONFIDENCE_MARK}" not in text
    assert "page 2: low OCR confidence on 1 line" in " ".join(ocr_page_notes([scanned]))
