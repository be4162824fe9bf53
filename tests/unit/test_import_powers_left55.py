"""left55 (review54a F8): a power of ten's raised exponent is read as one whatever markup or
blanks stand around it. A saved web page's "10 <sup>9</sup>/L" (a space before the raised
number, or &nbsp;, or spans around it) was stored "10 9/L"; a Word superscript inside a
hyperlink or a tracked insertion (w:ins) was read without the "10" before it ("x 109/L")."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from medlocal.ingest.extractors.docx import extract_docx
from medlocal.ingest.extractors.html import html_to_document


@pytest.mark.parametrize(
    "raised",
    [
        "x 10 <sup>9</sup>/L",
        "x 10&nbsp;<sup>9</sup>/L",
        "x 10<sup> 9 </sup>/L",
        "x <span>10</span> <span><sup><span>9</span></sup></span>/L",
        "x 10\n  <sup>9</sup>/L",  # the page's source breaks the line: a browser shows a space
        "x 10&#8239;<b><sup>&nbsp;9</sup></b>/L",
    ],
)
def test_a_raised_power_after_blanks_or_markup_is_read_as_one(raised: str) -> None:
    text = html_to_document(f"<p>WBC 11.2 {raised}; Hb 135 g/L</p>", "labs.html").text
    assert text == "WBC 11.2 x 10^9/L; Hb 135 g/L"


@pytest.mark.parametrize(
    ("page", "read"),
    [
        # A bare 10, a space, then a raised number: a power with a unit after it...
        ("<p>WBC 11.2 10 <sup>9</sup>/L</p>", "WBC 11.2 10^9/L"),
        ("<p>WBC 11.2 10&nbsp;<sup>9</sup><span>/L</span></p>", "WBC 11.2 10^9/L"),
        # ... else it may be a footnote mark: left as read, never made a power.
        ("<p>See Table 10 <sup>2</sup> for doses.</p>", "See Table 10 2 for doses."),
        ("<p>Dose 10 <sup>3</sup><br>/day</p>", "Dose 10 3\n/day"),
        # A multiplied 10 is a power's base beyond doubt.
        ("<p>x 10 <sup>9</sup> cells per litre</p>", "x 10^9 cells per litre"),
    ],
)
def test_after_a_bare_ten_and_a_space_only_a_unit_makes_a_power(page: str, read: str) -> None:
    assert html_to_document(page, "labs.html").text == read


def test_a_raised_number_on_the_next_line_is_no_power() -> None:
    text = html_to_document("<p>Dose x 10<br><sup>2</sup> tablets</p>", "a.html").text
    assert "^" not in text and text.splitlines()[0] == "Dose x 10"


def _word_with_a_wrapped_exponent(wrapper: str | None, space: str = "") -> str:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run(f"WBC 11.2 x 10{space}")
    raised = paragraph.add_run("9")
    raised.font.superscript = True
    paragraph.add_run("/L")
    if wrapper is not None:
        wrapping = OxmlElement(wrapper)
        if wrapper == "w:ins":  # a tracked insertion
            wrapping.set(qn("w:id"), "1")
            wrapping.set(qn("w:author"), "Ward clerk")
        raised._r.addprevious(wrapping)
        wrapping.append(raised._r)
    buf = io.BytesIO()
    document.save(buf)
    return extract_docx(buf.getvalue(), "labs.docx").text


@pytest.mark.parametrize("wrapper", ["w:hyperlink", "w:ins"])
@pytest.mark.parametrize("space", ["", " ", "\u00a0"])
def test_a_word_superscript_in_a_link_or_an_insertion_reads_as_a_plain_one(
    wrapper: str, space: str
) -> None:
    plain = _word_with_a_wrapped_exponent(None, space)
    assert plain == "WBC 11.2 x 10^9/L"
    assert _word_with_a_wrapped_exponent(wrapper, space) == plain


@pytest.mark.parametrize(
    ("before", "after", "read"),
    [
        ("WBC 11.2 10 ", "/L", "WBC 11.2 10^9/L"),
        ("See Table 10 ", " for doses", "See Table 10 9 for doses"),
        ("x 10 ", " cells", "x 10^9 cells"),
    ],
)
def test_a_word_superscript_after_a_bare_ten_and_a_space_needs_a_unit(
    before: str, after: str, read: str
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph(before)
    paragraph.add_run("9").font.superscript = True
    paragraph.add_run(after)
    buf = io.BytesIO()
    document.save(buf)
    assert extract_docx(buf.getvalue(), "a.docx").text == read


def test_a_word_superscript_after_a_line_break_is_no_power() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Dose x 10")
    paragraph.add_run().add_break()
    paragraph.add_run("2").font.superscript = True
    buf = io.BytesIO()
    document.save(buf)
    assert extract_docx(buf.getvalue(), "a.docx").text == "Dose x 10\n2"


def test_a_paragraph_of_blanks_around_raised_numbers_reads_in_linear_time() -> None:
    """The spaces before a power's mark are taken away by splitting at the marks, not by a
    pattern with a run of spaces before each (quadratic over a paragraph of blanks)."""
    from fixtures.timing import assert_linear

    from medlocal.ingest.extractors.docx import _joined_powers

    assert_linear(
        lambda n: _joined_powers(" " * n + "x 10 \x00^9/L" + " " * n + "\x01^2 x"), 20_000
    )
    assert_linear(
        lambda n: html_to_document(f"<p>x 10{' ' * n}<sup>9</sup>/L{' ' * n}</p>", "a.html"),
        20_000,
    )
