"""A Word document's comments, tracked changes and hidden text (ingest59): a comment's text is
imported where Word refers to it, after the words it marks, as an OpenDocument text's is; deleted
and moved-away text is not imported as current text, nor a comment referred to only from it; a
comment referred to from nowhere is kept at the end; hidden text is left out and reported, as an
OpenDocument text's is."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fixtures.office_files import add_docx_part

from medlocal.ingest.errors import NoTextError
from medlocal.ingest.extractors.docx import extract_docx
from medlocal.rag.grounding import ground

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraph(inner: str) -> object:
    return parse_xml(f"<w:p {W}>{inner}</w:p>")


def _run(words: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{words}</{tag}></w:r>'


def _reference(comment_id: int) -> str:
    return f'<w:r><w:commentReference w:id="{comment_id}"/></w:r>'


def _comments(comments: dict[int, tuple[str, str]]) -> bytes:
    body = "".join(
        f'<w:comment w:id="{comment_id}" w:author="{author}" w:initials="X">'
        f"<w:p><w:r><w:annotationRef/></w:r>{_run(words)}</w:p></w:comment>"
        for comment_id, (author, words) in comments.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}>{body}</w:comments>'.encode()


def _reviewed_letter() -> bytes:
    """A letter as Word saves it after review: a comment on "5.6 mmol/L", a tracked deletion
    holding an old value and a comment on it, a tracked insertion, a moved sentence, a comment
    in a table cell, and a comment whose reference was lost."""
    document = docx.Document()
    body = document.element.body
    sections = body[-1]  # w:sectPr stays last
    ranged = (
        _run("Potassium ")
        + '<w:commentRangeStart w:id="1"/>'
        + _run("5.6 mmol/L")
        + '<w:commentRangeEnd w:id="1"/>'
        + _reference(1)
        + _run(" on 2 March")
        + '<w:del w:id="20" w:author="Dr B" w:date="2024-03-03T10:00:00Z">'
        + _run(" (was 6.2, see comment)", deleted=True)
        + _reference(2)
        + "</w:del>"
        + '<w:ins w:id="21" w:author="Dr B" w:date="2024-03-03T10:00:00Z">'
        + _run(", repeated")
        + "</w:ins>"
        + _run(".")
    )
    moved = (
        '<w:moveFrom w:id="22" w:author="Dr B">'
        + _run("Stop spironolactone.")
        + "</w:moveFrom>"
        + '<w:moveTo w:id="23" w:author="Dr B">'
        + _run("Continue ramipril.")
        + "</w:moveTo>"
    )
    for inner in (ranged, moved):
        sections.addprevious(_paragraph(inner))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Na"
    table.cell(0, 1).paragraphs[0]._p.append(parse_xml(f"<w:r {W}><w:t>139</w:t></w:r>"))
    table.cell(0, 1).paragraphs[0]._p.append(
        parse_xml(f'<w:r {W}><w:commentReference w:id="3"/></w:r>')
    )
    comments = {
        1: ("Dr Okafor", "haemolysed, repeat sent"),
        2: ("Dr B", "the 6.2 was a transcription error"),
        3: ("A. Nurse", "venous gas"),
        4: ("Dr B", "reference lost: keep me"),
    }
    add_docx_part(document, "comments.xml", CT.WML_COMMENTS, RT.COMMENTS, _comments(comments))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_comments_stand_at_their_paragraphs_end_and_deleted_text_is_no_text() -> None:
    read = extract_docx(_reviewed_letter(), "letter.docx")
    assert read.text == (
        "Potassium 5.6 mmol/L on 2 March, repeated. [comment by Dr Okafor: haemolysed, repeat "
        "sent]\n\n"
        "Continue ramipril.\n\n"
        "Na | 139 [comment by A. Nurse: venous gas]\n\n"
        "Comments\n\n"
        "[comment by Dr B: reference lost: keep me]"
    )
    passages = {1: read.text}
    assert ground("Her potassium was 5.6 mmol/L on 2 March [1].", passages).flags == []
    assert ground("Her potassium was 6.2 mmol/L on 2 March [1].", passages).flags != []


def _hidden_letter() -> docx.document.Document:
    """Hidden text as Word keeps it: a run formatted Hidden, a character style and a paragraph
    style (based on a hidden one) that hide their text, and a run that says not hidden."""
    document = docx.Document()
    hiding = document.styles.add_style("Template note", WD_STYLE_TYPE.CHARACTER)
    hiding.font.hidden = True
    spare = document.styles.add_style("Spare wording", WD_STYLE_TYPE.PARAGRAPH)
    spare.font.hidden = True
    based = document.styles.add_style("Old plan", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = spare
    first = document.add_paragraph("Potassium 4.1")
    first.add_run(" (was 6.2)").font.hidden = True
    first.add_run(" mmol/L.")
    second = document.add_paragraph("Plan: ")
    second.add_run("[insert plan here]", style=hiding)
    second.add_run("stop spironolactone.")
    document.add_paragraph("Continue spironolactone 25 mg.", style=based)
    shown = document.add_paragraph("", style=based)
    shown.add_run("Review in 2 weeks.").font.hidden = False  # shown, whatever its style says
    return document


def _saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_hidden_text_is_left_out_as_an_odt_s_is_and_the_report_says_so() -> None:
    read = extract_docx(_saved(_hidden_letter()), "letter.docx")
    assert read.text == (
        "Potassium 4.1 mmol/L.\n\nPlan: stop spironolactone.\n\nReview in 2 weeks."
    )
    assert read.notes == (
        "hidden text in 3 paragraphs not imported, as Word does not show or print it: to "
        "import it, show it in Word (select it, Home › Font, clear Hidden) and import the "
        "file again",
    )


def test_a_document_of_only_hidden_text_says_why_it_has_none() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Dear Dr ...").font.hidden = True
    with pytest.raises(NoTextError, match=r"no text in the Word document \(hidden text in 1 "):
        extract_docx(_saved(document), "template.docx")
