"""Numbers raised after numbers are exponents, in a saved web page and in a Word document: a lab
report's "10<sup>9</sup>/L" was read as "109/L" (a white-cell count's unit a hundred million
times off, as a clinician reads the passage). A raised mark after a number ("120*"), after a
word, or a raised reference ("[1]") is left as it was.

A saved web page's form boxes are read as a browser shows them: a list box's chosen option only
(every option it offered was read, glued: "WarfarinApixaban"), a filled text box's value, and a
text area apart from its label ("INRNote...")."""

from __future__ import annotations

import io

import docx

from medlocal.ingest.extractors.docx import extract_docx
from medlocal.ingest.extractors.html import extract_html


def _page(body: str) -> str:
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return extract_html(html.encode(), "labs.html").text


def test_a_raised_number_after_a_number_is_an_exponent_in_html() -> None:
    text = _page("<p>WBC 11.2 x 10<sup>9</sup>/L; CD4 0.5 x 10<sup>-3</sup></p>")
    assert "WBC 11.2 x 10^9/L" in text
    assert "10^-3" in text
    assert "109" not in text


def test_other_raised_text_in_html_is_left_as_it_was() -> None:
    text = _page(
        "<p>eGFR 54 mL/min/1.73 m<sup>2</sup>; Hb 120<sup>*</sup> g/L; seen<sup>[1]</sup></p>"
    )
    assert "1.73 m2" in text and "Hb 120* g/L" in text and "seen[1]" in text
    assert "^" not in text


def test_a_saved_forms_boxes_read_as_a_browser_shows_them() -> None:
    text = _page(
        "<form><label>INR</label><input value='3.1'><input type='hidden' value='token-77'>"
        "<label>Drug</label><select><option>Apixaban</option><option selected>Warfarin"
        "</option></select><label>Plan</label><textarea>Recheck in 1 week</textarea>"
        "<input type='checkbox' value='on'></form>"
    )
    assert " ".join(text.split()) == "INR 3.1 Drug Warfarin Plan Recheck in 1 week"


def _word(*runs: tuple[str, bool]) -> str:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for words, raised in runs:
        paragraph.add_run(words).font.superscript = raised
    buf = io.BytesIO()
    document.save(buf)
    return extract_docx(buf.getvalue(), "labs.docx").text


def test_a_raised_number_after_a_number_is_an_exponent_in_word() -> None:
    text = _word(("Neutrophils 0.4 x 10", False), ("9", True), ("/L", False))
    assert text == "Neutrophils 0.4 x 10^9/L"


def test_other_raised_text_in_word_is_left_as_it_was() -> None:
    text = _word(("BSA 1.73 m", False), ("2", True), ("; Hb 120", False), ("*", True))
    assert text == "BSA 1.73 m2; Hb 120*"


def test_a_raised_number_after_a_number_is_an_exponent_in_rtf() -> None:
    from medlocal.ingest.extractors.rtf import extract_rtf

    source = (
        rb"{\rtf1\ansi{\fonttbl\f0 Arial;}\f0 WBC 11.2 x 10{\super 9}/L, plt 150 x 10"
        rb"{\super\fs16 9}/L, BSA 1.73 m{\super 2}\par Hb 120\super *\nosupersub  g/L, "
        rb"K 10\super -3\nosupersub /L\par seen\fs20{\super 1}\fs24  today\par}"
    )
    lines = extract_rtf(source, "labs.rtf").text.splitlines()
    assert lines == [
        "WBC 11.2 x 10^9/L, plt 150 x 10^9/L, BSA 1.73 m2",
        "Hb 120* g/L, K 10^-3/L",
        "seen1 today",  # a raised mark after a font size's number is no exponent
    ]


def test_a_number_raised_after_a_number_other_than_ten_is_no_power() -> None:
    """review 54a F7: a raised footnote or citation after a year or a value is a mark, never
    an exponent ("2019^3" is a number the document never had); only 10 takes a power."""
    from medlocal.ingest.extractors.rtf import extract_rtf

    html = _page("<p>Seen in 2019<sup>3</sup>, Hb 110<sup>2</sup>; WBC x 10<sup>9</sup>/L</p>")
    assert "2019^" not in html and "110^" not in html and "10^9/L" in html
    word = _word(("Seen in 2019", False), ("3", True), (", x10", False), ("9", True))
    assert word == "Seen in 20193, x10^9"
    rtf = extract_rtf(rb"{\rtf1\ansi Seen in 2019{\super 3}, 10{\super 9}/L\par}", "a.rtf").text
    assert rtf == "Seen in 20193, 10^9/L"
