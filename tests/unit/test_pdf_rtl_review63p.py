"""Which way a PDF line with Hebrew or Arabic in it runs (review63p of user63's pdf_rtl.py).

A line shown "Name: ןהכ השמ" reads "Name: משה כהן" in an English letter and "משה כהן :Name" in a
Hebrew one: its ends do not tell. user63 read such a line the way most of its own letters ran,
so in an English letter a Hebrew name or instruction longer than its English label moved the
label to the end ("משה כהן :Name", "אחת ביום ,Dose: 5 mg"), where pypdf's plain reading had it
right; and in a Hebrew letter a line with more Latin letters than Hebrew ones ("רמת HbA1c
7.5%") was read left to right. Such a line now runs the way the page's other lines run. And
the Arabic decimal separator was taken for a letter, so "٢٫٥" (2.5) was read "٥٫٢" (5.2). A
Latin name in brackets beside a dose ("מטפורמין (Metformin) 850 מג") was read with the dose in
its brackets ("מטפורמין (850 (Metformin מג"): the brackets' run is now cut from the number's."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.pdf_rtl import logical_order, read_right_to_left

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Hebrew and Arabic letters
ENGLISH_BODY = [
    "Thank you for seeing this man with type 2 diabetes.",
    "His HbA1c has risen to 78 mmol/mol on metformin.",
]
HEBREW_BODY = ["המטופל מקבל אספירין 75 מג ביום", "לחץ הדם תקין"]  # shown reversed below


def _pdf(lines: list[tuple[str, bool]]) -> bytes:
    """One page of lines as shown, each (text, right-aligned)."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", _FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("DejaVu", 11)
    for row, (line, right) in enumerate(lines):
        if right:
            page.drawRightString(550, 780 - 16 * row, line)
        else:
            page.drawString(50, 780 - 16 * row, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _lines(data: bytes) -> list[str]:
    return [line.strip() for line in extract_pdf(data, "letter.pdf").text.split("\n")]


@pytest.mark.parametrize(
    ("label", "hebrew"),
    [("Name: ", "משה כהן"), ("GP: ", "ד״ר יוסי לוי"), ("Dose: 5 mg, ", "אחת ביום")],
    ids=["name", "doctor", "instruction"],
)
def test_a_hebrew_value_in_an_english_letter_stays_after_its_label(label: str, hebrew: str) -> None:
    data = _pdf([(ENGLISH_BODY[0], False), (label + hebrew[::-1], False), (ENGLISH_BODY[1], False)])
    assert _lines(data)[1] == label + hebrew


def test_a_hebrew_line_with_more_latin_letters_reads_from_the_right_in_a_hebrew_letter() -> None:
    shown = [
        (" ".join(word[::-1] for word in reversed(line.split())), True) for line in HEBREW_BODY
    ]
    # "רמת HbA1c 7.5%" (HbA1c level 7.5%): drawn with the Latin run on the left
    data = _pdf([*shown, ("HbA1c 7.5% " + "רמת"[::-1], True)])
    assert _lines(data)[2] == "רמת HbA1c 7.5%"


def test_an_arabic_decimal_separator_keeps_the_number_whole() -> None:
    # "الجرعة ٢٫٥ ملغ" (the dose 2.5 mg), shown right to left with the number as it reads
    data = _pdf([("ملغ"[::-1] + " ٢٫٥ " + "الجرعة"[::-1], True)])
    assert _lines(data)[0] == "الجرعة ٢٫٥ ملغ"


def test_a_line_whose_ends_tell_keeps_its_way_on_a_page_of_the_other() -> None:
    """Only lines whose ends do not tell follow the page: a right-to-left line (both ends
    Hebrew) on an English page still reads from the right."""
    layout = "Hb 98 g/L\nK 4.1 mmol/L\nםויב גמ 75 ןיריפסא"
    plain = "Hb 98 g/L\nK 4.1 mmol/L\nמג ביום75 אספירין"
    assert read_right_to_left(plain, lambda: layout).split("\n")[2] == "אספירין 75 מג ביום"


def test_a_latin_name_in_brackets_keeps_the_dose_after_it() -> None:
    # "מטפורמין (Metformin) 850 מג פעמיים ביום": metformin 850 mg twice a day, as shown
    shown = "םויב םיימעפ גמ 850 (Metformin) ןימרופטמ"
    data = _pdf([(shown, True), ("ןיקת םדה ץחל", True)])
    assert _lines(data)[0] == "מטפורמין (Metformin) 850 מג פעמיים ביום"


@pytest.mark.parametrize(
    ("shown", "read"),
    [
        ("םויה HbA1c (DCCT) 7.5% תמר", "רמת HbA1c (DCCT) 7.5% היום"),  # a pair inside the run
        ("םויב (גמ 75) ןיריפסא", "אספירין (75 מג) ביום"),  # a pair around right-to-left text
        ("Hb (g/L תודיחי", "יחידות Hb (g/L"),  # a bracket without a partner is a sign
    ],
    ids=["inside", "around", "unpaired"],
)
def test_brackets_cut_a_run_only_where_their_partner_is_outside_it(shown: str, read: str) -> None:
    assert logical_order(shown) == read
