"""Review 59a: a Word or Writer comment is put at the end of its paragraph (of its table row in a
table), not right after the words it marks. There, a date in the comment stood between a result
and the result's own date, and the grounding checks read the result as the comment date's: "the
potassium on 4 March was 5.6" passed unflagged, and "on 2 March" (the truth) was flagged."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fixtures.office_files import add_docx_part, odt_bytes
from odf import office, table, text
from odf.dc import Creator
from odf.namespaces import OFFICENS
from odf.opendocument import OpenDocumentText

from medlocal.ingest.formats import extract_file
from medlocal.rag.grounding import ground

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SAID = "repeat sent 2024-03-04"
PLACED = f"[comment by Dr Okafor: {SAID}]"
RIGHT = "The potassium on 2 March 2024 was 5.6 mmol/L [1]."
WRONG = "The potassium on 4 March 2024 was 5.6 mmol/L [1]."


def _word_letter() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">Potassium </w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:commentRangeStart {W} w:id="1"/>'))
    paragraph._p.append(parse_xml(f"<w:r {W}><w:t>5.6 mmol/L</w:t></w:r>"))
    paragraph._p.append(parse_xml(f'<w:commentRangeEnd {W} w:id="1"/>'))
    paragraph._p.append(parse_xml(f'<w:r {W}><w:commentReference w:id="1"/></w:r>'))
    paragraph._p.append(
        parse_xml(f'<w:r {W}><w:t xml:space="preserve"> on 2 March 2024.</w:t></w:r>')
    )
    row = document.add_table(rows=1, cols=3).rows[0]
    row.cells[0].text = "Potassium"
    row.cells[1].text = "5.6 mmol/L"
    row.cells[1].paragraphs[0]._p.append(
        parse_xml(f'<w:r {W}><w:commentReference w:id="2"/></w:r>')
    )
    row.cells[2].text = "2024-03-02"
    comments = "".join(
        f'<w:comment w:id="{number}" w:author="Dr Okafor"><w:p><w:r><w:t>{SAID}</w:t></w:r>'
        "</w:p></w:comment>"
        for number in (1, 2)
    )
    blob = f"<w:comments {W}>{comments}</w:comments>".encode()
    add_docx_part(document, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, blob)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _comment(name: str = "") -> office.Annotation:
    annotation = office.Annotation()
    if name:
        annotation.setAttrNS(OFFICENS, "name", name)
    annotation.addElement(Creator(text="Dr Okafor"))
    annotation.addElement(text.P(text=SAID))
    return annotation


def _writer_letter() -> bytes:
    document = OpenDocumentText()
    paragraph = text.P(text="Potassium ")
    paragraph.addElement(_comment("__Annotation__1"))
    paragraph.addText("5.6 mmol/L")
    paragraph.addElement(office.AnnotationEnd(name="__Annotation__1"))
    paragraph.addText(" on 2 March 2024.")
    document.text.addElement(paragraph)
    results = table.Table(name="Results")
    row = table.TableRow()
    for words in ("Potassium", "5.6 mmol/L", "2024-03-02"):
        cell = table.TableCell()
        shown = text.P(text=words)
        if words.startswith("5.6"):
            shown.addElement(_comment())
        cell.addElement(shown)
        row.addElement(cell)
    results.addElement(row)
    document.text.addElement(results)
    return odt_bytes(document)


def test_a_comment_stands_at_its_paragraphs_or_rows_end_and_its_date_is_not_the_results() -> None:
    for name, data in (("letter.docx", _word_letter()), ("letter.odt", _writer_letter())):
        read = extract_file(Path("/some/private/folder") / name, data).text
        paragraph, row = read.split("\n\n")
        assert paragraph == f"Potassium 5.6 mmol/L on 2 March 2024. {PLACED}", name
        assert row == f"Potassium | 5.6 mmol/L | 2024-03-02 {PLACED}", name
        for passage in (paragraph, row):
            assert ground(RIGHT, {1: passage}).flags == [], (name, passage)
            assert ground(WRONG, {1: passage}).flags != [], (name, passage)


def test_a_headings_comment_follows_it_and_stays_out_of_its_sections_title() -> None:
    said = "hold ramipril, allergy?"
    word = docx.Document()
    heading = word.add_heading("Plan", level=1)
    heading._p.append(parse_xml(f'<w:r {W}><w:commentReference w:id="1"/></w:r>'))
    word.add_paragraph("Stop ramipril.")
    blob = (
        f'<w:comments {W}><w:comment w:id="1" w:author="Dr B"><w:p><w:r><w:t>{said}</w:t>'
        "</w:r></w:p></w:comment></w:comments>"
    ).encode()
    add_docx_part(word, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, blob)
    out = io.BytesIO()
    word.save(out)
    writer = OpenDocumentText()
    titled = text.H(outlinelevel=1, text="Plan")
    annotation = office.Annotation()
    annotation.addElement(Creator(text="Dr B"))
    annotation.addElement(text.P(text=said))
    titled.addElement(annotation)
    writer.text.addElement(titled)
    writer.text.addElement(text.P(text="Stop ramipril."))
    for name, data in (("plan.docx", out.getvalue()), ("plan.odt", odt_bytes(writer))):
        read = extract_file(Path("/some/private/folder") / name, data)
        # In the title, "allergy" made "Plan" an allergy heading for the grounding checks.
        assert [section.title for section in read.sections] == ["Plan"], name
        assert read.text == f"Plan\n\n[comment by Dr B: {said}]\n\nStop ramipril.", name
