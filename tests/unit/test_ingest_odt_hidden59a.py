"""Review 59a of ingest59's hidden text and comments in an OpenDocument text: a style based on a
hidden one that clears Hidden shows its text; a Hidden Text field's text is left out while its
condition hides it; a comment whose name a file reuses is placed, not lost."""

from __future__ import annotations

from pathlib import Path

from fixtures.office_files import odt_bytes
from odf import office, style, text
from odf.dc import Creator
from odf.namespaces import OFFICENS
from odf.opendocument import OpenDocumentText

from medlocal.ingest.formats import extract_file


def extract(data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder/letter.odt"), data)


def test_a_style_that_clears_hidden_shows_its_text_though_its_parent_hides() -> None:
    document = OpenDocumentText()
    hiding = style.Style(name="TemplateWording", family="paragraph")
    hiding.addElement(style.TextProperties(display="none"))
    document.styles.addElement(hiding)
    shown = style.Style(name="Plan", family="paragraph", parentstylename="TemplateWording")
    shown.addElement(style.TextProperties(display="true"))  # Hidden cleared in Writer
    document.styles.addElement(shown)
    below = style.Style(name="P1", family="paragraph", parentstylename="Plan")
    document.automaticstyles.addElement(below)
    still = style.Style(name="P2", family="paragraph", parentstylename="TemplateWording")
    document.automaticstyles.addElement(still)
    document.text.addElement(text.P(stylename=shown, text="Warfarin 3 mg daily."))
    document.text.addElement(text.P(stylename=below, text="INR in 1 week."))
    document.text.addElement(text.P(stylename=still, text="[add plan here]"))
    read = extract(odt_bytes(document))
    assert read.text == "Warfarin 3 mg daily.\n\nINR in 1 week."
    assert read.notes[0].startswith("1 hidden paragraph or passage not imported")


def test_a_hidden_text_fields_text_is_left_out_while_its_condition_hides_it() -> None:
    document = OpenDocumentText()
    paragraph = text.P(text="Allergies:")
    hidden = text.HiddenText(condition="ooow:1", stringvalue=" penicillin", ishidden="true")
    hidden.addText(" penicillin")
    paragraph.addElement(hidden)
    shown = text.HiddenText(condition="ooow:0", stringvalue=" none known", ishidden="false")
    shown.addText(" none known")
    paragraph.addElement(shown)
    document.text.addElement(paragraph)
    read = extract(odt_bytes(document))
    assert read.text == "Allergies: none known"
    assert read.notes[0].startswith("1 hidden paragraph or passage not imported")


def test_a_comment_whose_name_is_reused_is_placed_not_lost() -> None:
    def comment(words: str, author: str) -> office.Annotation:
        annotation = office.Annotation()
        annotation.setAttrNS(OFFICENS, "name", "__Annotation__1")
        annotation.addElement(Creator(text=author))
        annotation.addElement(text.P(text=words))
        return annotation

    document = OpenDocumentText()
    paragraph = text.P(text="Potassium ")
    paragraph.addElement(comment("haemolysed", "Dr A"))
    paragraph.addText("5.6")
    paragraph.addElement(comment("repeat sent", "Dr B"))
    paragraph.addText(" mmol/L")
    paragraph.addElement(office.AnnotationEnd(name="__Annotation__1"))
    paragraph.addText(" on 2 March.")
    document.text.addElement(paragraph)
    assert extract(odt_bytes(document)).text == (
        "Potassium 5.6 mmol/L on 2 March. [comment by Dr A: haemolysed] [comment by Dr B: "
        "repeat sent]"
    )
