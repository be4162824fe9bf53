"""Right-to-left lines of a PDF (user63): producers draw a Hebrew or Arabic line in the order it
is shown, and pypdf's plain reading turned each right-to-left run back but kept the runs in
shown order, so "אספירין 75 מג ביום" (aspirin 75 mg a day) was read "מג ביום75 המטופל…": the
dose moved before the drug and lost its space; in an English line a Hebrew name took the comma
and space after it ("Patient:  ,משה כהןHb 98"). Such lines are now read in their logical
order. All five readings of a PDF fail on main."""

from __future__ import annotations

import io
import re

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.pdf_rtl import logical_order, read_right_to_left

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Hebrew and Arabic letters
_RTL_WORD = re.compile("[\u0590-\u065f\u066a-\u08ff]")

HEBREW = "המטופל קיבל אספירין 75 מג ביום"  # the patient received aspirin 75 mg a day
HEBREW_LATIN = "רמת HbA1c 7.5% נמדדה היום"  # HbA1c level 7.5% measured today
ARABIC = "المريض يتناول الأسبرين 75 ملغ يوميا"
BRACKETS = "אספירין (75 מג) ביום"
BRACKETS_SHOWN = "םויב (גמ 75) ןיריפסא"  # mirrored: its "(" drawn as ")" on the right
ENGLISH = "Patient: משה כהן, Hb 98 g/L"


def _shown(logical: str) -> str:
    """A right-to-left line as producers draw it, left to right: its words in reverse order,
    each right-to-left word's letters reversed; runs of left-to-right words ("HbA1c 7.5%")
    keep their order."""
    groups: list[list[str]] = []
    for word in logical.split(" "):
        rtl = bool(_RTL_WORD.search(word))
        if rtl or not groups or _RTL_WORD.search(groups[-1][-1]):
            groups.append([word[::-1] if rtl else word])
        else:
            groups[-1].append(word)
    return " ".join(" ".join(group) for group in reversed(groups))


def _pdf(lines: list[str]) -> bytes:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", _FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("DejaVu", 11)
    for row, line in enumerate(lines):
        page.drawRightString(550, 780 - 16 * row, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("logical", "shown"),
    [
        (HEBREW, _shown(HEBREW)),
        (HEBREW_LATIN, _shown(HEBREW_LATIN)),
        (ARABIC, _shown(ARABIC)),
        (BRACKETS, BRACKETS_SHOWN),
    ],
    ids=["hebrew-dose", "hebrew-latin", "arabic-dose", "brackets"],
)
def test_a_right_to_left_line_reads_in_its_order(logical: str, shown: str) -> None:
    text = extract_pdf(_pdf([shown, "Hb 98 g/L"]), "letter.pdf").text
    assert text.split("\n")[0] == logical
    assert "Hb 98 g/L" in text


def test_a_hebrew_name_in_an_english_line_keeps_the_comma_after_it() -> None:
    shown = ENGLISH.replace("משה כהן", "משה כהן"[::-1])
    assert extract_pdf(_pdf([shown]), "letter.pdf").text.strip() == ENGLISH


def test_readings_that_do_not_agree_keep_the_plain_text() -> None:
    plain = "מג ביום75 אספירין"
    # the layout holds two lines where the plain text has one: a page of columns
    assert read_right_to_left(plain, lambda: "םויב גמ\n75 ןיריפסא") == plain
    assert read_right_to_left(plain, lambda: "םויב גמ 76 ןיריפסא") == plain
    assert read_right_to_left("Hb 98", lambda: "never read") == "Hb 98"


def test_logical_order_keeps_numbers_with_their_signs() -> None:
    assert logical_order("םויב £20 םלוש") == "שולם £20 ביום"
    assert logical_order("ןיריפסא") == "אספירין"


def test_a_running_header_with_hebrew_is_still_stored_once() -> None:
    """Which lines stand in a page's margin is told by pypdf's runs, in its own reading: the
    header read again in its written order is still the running header, stored once."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", _FONT))
    header = "Hadassah Hospital בית חולים הדסה, Jerusalem"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, 4):
        page.setFont("DejaVu", 10)
        page.drawString(40, 820, header.replace("בית חולים הדסה", "בית חולים הדסה"[::-1]))
        page.drawString(40, 700, f"Potassium on page {number} was {4 + number / 10} mmol/L.")
        page.showPage()
    page.save()
    document = extract_pdf(buffer.getvalue(), "letter.pdf")
    assert document.text.count(header) == 1
    assert document.text.startswith(header)
    assert [section.title for section in document.sections][:1] == ["Page header"]
