"""Ingest60 item 4 (review59a L7, L8): a Word or Writer comment holding square brackets is
written with round ones, so the comment's own brackets say where it ends and its "[1]" is no
footnote mark; a Word comment referred to from a page header is written once, in the header,
not again under "Comments" as one referred to from nowhere."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fixtures.office_files import add_docx_part, odt_bytes
from odf import office, text
from odf.dc import Creator
from odf.opendocument import OpenDocumentText

from medlocal.ingest.formats import extract_file

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SAID = "see [1] ok] then"
PLACED = "[comment by Dr (locum) B: see (1) ok) then]"


def _word(in_header: bool = False) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Potassium 5.6 mmol/L.")
    reference = f'<w:r {W}><w:commentReference w:id="1"/></w:r>'
    if in_header:
        header = document.sections[0].header.paragraphs[0]
        header.text = "Renal clinic, ward 4"
        header._p.append(parse_xml(reference))
    else:
        paragraph._p.append(parse_xml(reference))
    blob = (
        f'<w:comments {W}><w:comment w:id="1" w:author="Dr [locum] B"><w:p><w:r>'
        f"<w:t>{SAID}</w:t></w:r></w:p></w:comment></w:comments>"
    ).encode()
    add_docx_part(document, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, blob)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _writer() -> bytes:
    document = OpenDocumentText()
    paragraph = text.P(text="Potassium 5.6 mmol/L.")
    annotation = office.Annotation()
    annotation.addElement(Creator(text="Dr [locum] B"))
    annotation.addElement(text.P(text=SAID))
    paragraph.addElement(annotation)
    document.text.addElement(paragraph)
    return odt_bytes(document)


def test_brackets_inside_a_comment_are_written_round() -> None:
    for name, data in (("letter.docx", _word()), ("letter.odt", _writer())):
        read = extract_file(Path(name), data).text
        assert read == f"Potassium 5.6 mmol/L. {PLACED}", name
        assert read.count("[") == read.count("]") == 1, name


def test_a_comment_on_a_page_headers_line_is_written_once() -> None:
    read = extract_file(Path("letter.docx"), _word(in_header=True)).text
    assert read.count("see ") == 1, read  # once, whatever its brackets
    assert f"Renal clinic, ward 4 {PLACED}" in read
    assert "Comments" not in read
