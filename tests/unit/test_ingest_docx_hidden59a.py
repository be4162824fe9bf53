"""Review 59a of ingest59's hidden text in a Word document: a comment on hidden words is still
imported (Word lists it), and a paragraph with hidden text is counted once in the import report,
though the body's first block is read twice (to end the page header)."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fixtures.office_files import add_docx_part

from medlocal.ingest.extractors.docx import extract_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_comment_on_hidden_words_is_imported() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Potassium 5.6 mmol/L")
    hidden = paragraph.add_run(" (template: add range)")
    hidden.font.hidden = True
    hidden._r.append(parse_xml(f'<w:commentReference {W} w:id="7"/>'))
    comments = (
        f'<w:comments {W}><w:comment w:id="7" w:author="Dr Okafor"><w:p><w:r>'
        "<w:t>haemolysed, repeat sent</w:t></w:r></w:p></w:comment></w:comments>"
    )
    add_docx_part(document, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, comments.encode())
    read = extract_docx(_saved(document), "letter.docx")
    assert read.text == "Potassium 5.6 mmol/L [comment by Dr Okafor: haemolysed, repeat sent]"
    assert read.notes[0].startswith("hidden text in 1 paragraph not imported")


def test_a_paragraph_with_hidden_text_after_a_page_header_is_counted_once() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "St Elsewhere Renal Clinic"
    first = document.add_paragraph("Potassium 4.1")
    first.add_run(" (was 6.2)").font.hidden = True
    document.add_paragraph("Plan: repeat in 1 week.")
    read = extract_docx(_saved(document), "letter.docx")
    assert "6.2" not in read.text
    assert read.notes[0].startswith("hidden text in 1 paragraph not imported")
