"""OpenDocument text leftovers (ingest59): a comment is imported in its paragraph after the words
it marks; hidden text (a hidden section, a paragraph a Hidden Paragraph field hides, words or
paragraphs hidden by their formatting) is left out as a workbook's hidden sheets are, and the
import report says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.office_files import odt_bytes
from odf import draw, office, style, text
from odf.dc import Creator
from odf.namespaces import OFFICENS
from odf.opendocument import OpenDocumentText

from medlocal.ingest import errors
from medlocal.ingest.formats import extract_file
from medlocal.rag.grounding import ground


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


def _comment(words: str, author: str = "", name: str = "") -> office.Annotation:
    annotation = office.Annotation()
    if name:
        annotation.setAttrNS(OFFICENS, "name", name)  # as Writer names a comment on a range
    if author:
        annotation.addElement(Creator(text=author))
    annotation.addElement(text.P(text=words))
    return annotation


def test_comments_are_read_at_the_end_of_their_paragraph() -> None:
    document = OpenDocumentText()
    ranged = text.P(text="Potassium ")
    ranged.addElement(_comment("haemolysed, repeat sent", "Dr Okafor", name="__Annotation__1"))
    ranged.addText("5.6 mmol/L")
    ranged.addElement(office.AnnotationEnd(name="__Annotation__1"))
    ranged.addText(" on 2 March.")
    document.text.addElement(ranged)
    pointed = text.P(text="Review in clinic.")
    pointed.addElement(_comment("Book within two weeks."))
    document.text.addElement(pointed)
    # A comment over two paragraphs: at the end of the first, where its words start.
    spanning = text.P(text="Sodium 139.")
    spanning.addElement(_comment("from the venous gas", "A. Nurse", name="__Annotation__2"))
    document.text.addElement(spanning)
    after = text.P(text="Chloride 101.")
    after.addElement(office.AnnotationEnd(name="__Annotation__2"))
    document.text.addElement(after)

    read = extract("letter.odt", odt_bytes(document))
    assert read.text == (
        "Potassium 5.6 mmol/L on 2 March. [comment by Dr Okafor: haemolysed, repeat sent]\n\n"
        "Review in clinic. [comment: Book within two weeks.]\n\n"
        "Sodium 139. [comment by A. Nurse: from the venous gas]\n\n"
        "Chloride 101."
    )
    assert [section.title for section in read.sections] == []
    passages = {1: read.text}
    assert ground("Potassium was 5.6 mmol/L on 2 March (haemolysed) [1].", passages).flags == []


def _hidden_letter() -> OpenDocumentText:
    """A letter whose template kept hidden wording: a hidden section, a paragraph a Hidden
    Paragraph field hides, a hidden paragraph style and hidden words in a shown paragraph."""
    document = OpenDocumentText()
    hiding = style.Style(name="Hidden", family="paragraph")
    hiding.addElement(style.TextProperties(display="none"))
    document.styles.addElement(hiding)
    child = style.Style(name="P1", family="paragraph", parentstylename="Hidden")
    document.automaticstyles.addElement(child)
    hidden_words = style.Style(name="T1", family="text")
    hidden_words.addElement(style.TextProperties(display="none"))
    document.automaticstyles.addElement(hidden_words)

    document.text.addElement(text.P(text="Dear Dr Smith,"))
    section = text.Section(name="OldPlan", display="none")
    section.addElement(text.P(text="Continue spironolactone 25 mg."))
    document.text.addElement(section)
    shown = text.Section(name="Plan", display="true")
    shown.addElement(text.P(text="Stop spironolactone."))
    document.text.addElement(shown)
    fielded = text.P(text="Insert allergy here.")
    fielded.addElement(text.HiddenParagraph(condition="ooow:1", ishidden="true"))
    document.text.addElement(fielded)
    showing = text.P(text="Allergies: none known.")
    showing.addElement(text.HiddenParagraph(condition="ooow:0", ishidden="false"))
    document.text.addElement(showing)
    document.text.addElement(text.P(stylename=child, text="Template: add results."))
    document.text.addElement(text.P(stylename=child, text=""))  # empty: nothing left out
    words = text.P(text="Potassium 4.1")
    words.addElement(text.Span(stylename=hidden_words, text=" (was 6.2)"))
    words.addText(" mmol/L.")
    document.text.addElement(words)
    items = text.List()
    for line, hidden in (("Ramipril 5 mg", False), ("Metformin (template line)", True)):
        item = text.ListItem()
        item.addElement(text.P(stylename=child if hidden else None, text=line))
        items.addElement(item)
    document.text.addElement(items)
    empty = text.Section(name="Spare", display="none")
    empty.addElement(text.P())
    document.text.addElement(empty)
    # A Hidden Paragraph field in a text box hides the box's paragraph, not the one it is in.
    anchor = text.P(text="Seen with her daughter.")
    frame = draw.Frame(name="Box", anchortype="paragraph", width="5cm", height="2cm")
    box = draw.TextBox()
    boxed = text.P(text="Boxed template wording.")
    boxed.addElement(text.HiddenParagraph(condition="ooow:1", ishidden="true"))
    box.addElement(boxed)
    box.addElement(text.P(text="Next review: June."))
    frame.addElement(box)
    anchor.addElement(frame)
    document.text.addElement(anchor)
    return document


def test_hidden_text_is_left_out_as_hidden_sheets_are_and_the_report_says_so() -> None:
    read = extract("letter.odt", odt_bytes(_hidden_letter()))
    assert read.text == (
        "Dear Dr Smith,\n\nStop spironolactone.\n\nAllergies: none known.\n\n"
        "Potassium 4.1 mmol/L.\n\n- Ramipril 5 mg\n\nSeen with her daughter.\nNext review: June."
    )
    assert read.notes == (
        "1 hidden section and 5 hidden paragraphs or passages not imported, as LibreOffice "
        "Writer does not show them: to import them, show them in Writer (a section: Format › "
        "Sections, clear Hide; hidden formatting: Format › Character, clear Hidden) and import "
        "the file again",
    )


def test_a_text_of_only_hidden_wording_says_why_it_has_none() -> None:
    document = OpenDocumentText()
    section = text.Section(name="Template", display="none")
    section.addElement(text.P(text="Dear Dr ..."))
    document.text.addElement(section)
    with pytest.raises(errors.NoTextError, match=r"no text .*\(1 hidden section not imported"):
        extract("template.odt", odt_bytes(document))
