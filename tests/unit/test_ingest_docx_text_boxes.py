"""A Word text box's paragraphs (an address block, a boxed warning, a medication panel) are read
as lines of their own: they sit inside a run of the paragraph they are anchored to, and were
glued to each other and to that paragraph ("Warfarin 5 mg dailyINR target 2.5Rest of ...")."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from medlocal.ingest.extractors.docx import extract_docx

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
BOX = (
    "<w:txbxContent><w:p><w:r><w:t>Warfarin 5 mg daily</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>INR target 2.5</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Last INR</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>3.1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:txbxContent>"
)
# As Word 2010+ saves a text box: the DrawingML shape, and a VML copy for older readers.
MODERN = (
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    f"<a:graphicData><wps:wsp><wps:txbx>{BOX}</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    f"{BOX}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
)
# As Word 2003 saved one: VML only.
OLD = f"<w:pict><v:shape><v:textbox>{BOX}</v:textbox></v:shape></w:pict>"


def _letter(box: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Dear colleague, ")
    paragraph._p.append(parse_xml(f"<w:r {_NS}>{box}</w:r>"))
    paragraph.add_run("I saw her in clinic today.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_a_text_box_is_read_once_with_its_own_lines() -> None:
    text = extract_docx(_letter(MODERN), "letter.docx").text
    lines = text.splitlines()
    assert "Warfarin 5 mg daily" in lines
    assert "INR target 2.5" in lines
    assert "Last INR | 3.1" in lines
    assert text.count("Warfarin") == 1  # the fallback copy is not read again
    assert "I saw her in clinic today." in lines


def test_an_old_vml_text_box_is_read_too() -> None:
    lines = extract_docx(_letter(OLD), "letter.doc.docx").text.splitlines()
    assert "Warfarin 5 mg daily" in lines and "INR target 2.5" in lines
