"""A Word document's footnotes, endnotes and comments reach its text (walk 53b, H4): the body
keeps a numbered mark where each note is referred to, and the notes follow the body under a
heading of their own; a comment's text stands where it is referred to (ingest59). Documents
are built here with python-docx, the note parts added through its package API as Word writes
them."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fixtures.office_files import add_docx_part

from medlocal.ingest.extractors.docx import extract_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(tag: str, note_id: int) -> str:
    superscript = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    return f'<w:r {W}>{superscript}<w:{tag} w:id="{note_id}"/></w:r>'


def _notes(root: str, tag: str, notes: dict[int, str]) -> bytes:
    separators = (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{tag}>"
    )
    body = "".join(
        f'<w:{tag} w:id="{note_id}"><w:p><w:r><w:{tag}Ref/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{tag}>'
        for note_id, text in notes.items()
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f"{head}<w:{root} {W}>{separators}{body}</w:{root}>".encode()


def _letter() -> bytes:
    document = docx.Document()
    document.add_paragraph("Diabetes clinic letter")
    first = document.add_paragraph("Hypoglycaemia reported once")
    first._p.append(parse_xml(_run("footnoteReference", 1)))
    first.add_run(".")
    second = document.add_paragraph("Insulin plan unchanged")
    second._p.append(parse_xml(_run("footnoteReference", 2)))
    second._p.append(parse_xml(_run("endnoteReference", 1)))
    document.add_paragraph("Retinal screening due in January.")._p.append(
        parse_xml(f'<w:r {W}><w:commentReference w:id="0"/></w:r>')
    )
    document.sections[0].footer.paragraphs[0].text = "Clinic room 7B"
    add_docx_part(
        document,
        "footnotes.xml",
        CT.WML_FOOTNOTES,
        RT.FOOTNOTES,
        _notes(
            "footnotes",
            "footnote",
            {
                2: "HbA1c 58 mmol/mol on 01/11/2026.",
                1: "glucose 2.8 mmol/L at 03:00, treated with glucose gel.",
            },
        ),
    )
    add_docx_part(
        document,
        "endnotes.xml",
        CT.WML_ENDNOTES,
        RT.ENDNOTES,
        _notes("endnotes", "endnote", {1: "Seen with her daughter."}),
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}><w:comment w:id="0" '
        'w:author="Dr B"><w:p><w:r><w:t>patient declined podiatry referral</w:t></w:r></w:p>'
        "</w:comment></w:comments>"
    ).encode()
    add_docx_part(document, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, comments)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_footnotes_are_numbered_as_referred_to_and_kept_at_the_end() -> None:
    document = extract_docx(_letter(), "letter.docx")
    text = document.text
    # The mark stands where the reference does; numbers follow the body's order, not the ids.
    assert "Hypoglycaemia reported once[1]." in text
    assert "Insulin plan unchanged[2][i]" in text
    notes = text.index("Footnotes")
    assert "[1] glucose 2.8 mmol/L at 03:00, treated with glucose gel." in text[notes:]
    assert "[2] HbA1c 58 mmol/mol on 01/11/2026." in text[notes:]
    assert text.index("[1] glucose") < text.index("[2] HbA1c")
    assert text.index("Retinal screening") < notes
    assert document.section_at(text.index("[1] glucose")) == "Footnotes"


def test_endnotes_and_comments_are_kept_and_the_footer_stays_last() -> None:
    document = extract_docx(_letter(), "letter.docx")
    text = document.text
    assert "[i] Seen with her daughter." in text
    assert document.section_at(text.index("[i] Seen")) == "Endnotes"
    # A comment in the text where it is referred to, after the words it marks (ingest59).
    assert "Retinal screening due in January. [comment by Dr B: patient declined podiatry " in text
    assert "Comments" not in text and "[comment 1]" not in text
    assert text.rstrip().endswith("Clinic room 7B")
    assert "separator" not in text.lower()


def test_a_document_without_notes_is_read_as_before() -> None:
    document = docx.Document()
    document.add_paragraph("Plain letter.")
    out = io.BytesIO()
    document.save(out)
    assert extract_docx(out.getvalue(), "plain.docx").text == "Plain letter."
