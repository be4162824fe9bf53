"""OpenDocument text (ingest58): a LibreOffice letter's paragraphs, headings, lists, tables,
notes and page headers are read as a Word document's are (comments in their paragraph, ingest59);
deleted text is not; every bad file is refused with a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.office_files import (
    cut_in_half,
    make_ods,
    make_odt,
    make_zip_bomb,
    odt_bytes,
    with_parts,
)
from odf import office, style, table, text
from odf.dc import Creator
from odf.draw import Frame, Image
from odf.namespaces import TEXTNS, XMLNS
from odf.opendocument import OpenDocumentText

from medlocal.ingest import errors
from medlocal.ingest.document import BODY, PAGE_HEADER
from medlocal.ingest.extractors.odt import extract_odt
from medlocal.ingest.extractors.zipped import ZipLimits
from medlocal.ingest.formats import extract_file


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


def _table(rows: list[list[str]]) -> table.Table:
    found = table.Table(name="Results")
    found.addElement(table.TableColumn(numbercolumnsrepeated=len(rows[0])))
    for row in rows:
        table_row = table.TableRow()
        for value in row:
            cell = table.TableCell()
            cell.addElement(text.P(text=value))
            table_row.addElement(cell)
        found.addElement(table_row)
    return found


def _page_parts(document: OpenDocumentText, header: str, footer: str | None = None) -> None:
    """The page header (and footer) every page of ``document`` shows."""
    layout = style.PageLayout(name="pl")
    document.automaticstyles.addElement(layout)
    master = style.MasterPage(name="Standard", pagelayoutname=layout)
    for kind, line in ((style.Header, header), (style.Footer, footer)):
        if line is not None:
            part = kind()
            part.addElement(text.P(text=line))
            master.addElement(part)
    document.masterstyles.addElement(master)


def _letter() -> bytes:
    document = OpenDocumentText()
    _page_parts(document, header="St Elsewhere Renal Clinic")

    body = document.text
    body.addElement(text.H(outlinelevel=1, text="Discharge summary"))
    paragraph = text.P(text="Potassium was 5.6 mmol/L")
    note = text.Note(id="ftn1", noteclass="footnote")
    note.addElement(text.NoteCitation(text="1"))
    note_body = text.NoteBody()
    note_body.addElement(text.P(text="Sample not haemolysed."))
    note.addElement(note_body)
    paragraph.addElement(note)
    paragraph.addText(" on admission.")
    paragraph.addElement(text.Tab())
    paragraph.addText("Repeat")
    paragraph.addElement(text.S(c=2))
    paragraph.addText("tomorrow.")
    body.addElement(paragraph)

    body.addElement(text.H(outlinelevel=2, text="Medication"))
    items = text.List()
    for name in ("Ramipril 5 mg once daily", "Metformin 500 mg twice daily"):
        item = text.ListItem()
        item.addElement(text.P(text=name))
        items.addElement(item)
    nested_item = text.ListItem()
    nested_item.addElement(text.P(text="Stopped:"))
    nested = text.List()
    inner = text.ListItem()
    inner.addElement(text.P(text="Spironolactone"))
    nested.addElement(inner)
    nested_item.addElement(nested)
    items.addElement(nested_item)
    body.addElement(items)

    body.addElement(_table([["Test", "Result", "Unit"], ["K", "5.6", "mmol/L"]]))

    commented = text.P(text="Follow up in clinic")
    annotation = office.Annotation()
    annotation.addElement(Creator(text="Dr Okafor"))
    annotation.addElement(text.P(text="Book within two weeks."))
    commented.addElement(annotation)
    commented.addText(".")
    body.addElement(commented)
    return odt_bytes(document)


def test_a_letter_reads_as_a_word_document_would() -> None:
    document = extract("letter.odt", _letter())
    assert document.file_type == "odt"
    assert document.text == (
        "St Elsewhere Renal Clinic\n\n"
        "Discharge summary\n\n"
        "Potassium was 5.6 mmol/L[1] on admission.\tRepeat  tomorrow.\n\n"
        "Medication\n\n"
        "- Ramipril 5 mg once daily\n- Metformin 500 mg twice daily\n- Stopped:\n"
        "  - Spironolactone\n\n"
        "Test | Result | Unit\nK | 5.6 | mmol/L\n\n"
        "Follow up in clinic. [comment by Dr Okafor: Book within two weeks.]\n\n"
        "Footnotes\n\n[1] Sample not haemolysed."
    )
    assert [s.title for s in document.sections] == [
        PAGE_HEADER,
        "Discharge summary",
        "Medication",
        "Footnotes",
    ]


def test_the_body_after_a_page_header_is_the_document_s_text() -> None:
    document = OpenDocumentText()
    _page_parts(document, header="MRN 123456", footer="Page 1")
    document.text.addElement(text.P(text="Seen today."))
    read = extract("l.odt", odt_bytes(document))
    assert read.text == "MRN 123456\n\nSeen today.\n\nPage 1"
    assert [(s.title, read.text[s.start : s.start + 4]) for s in read.sections] == [
        (PAGE_HEADER, "MRN "),
        (BODY, "Seen"),
        ("Page footer", "Page"),
    ]


def test_tracked_deletions_and_merged_cells_are_no_text() -> None:
    document = OpenDocumentText()
    changes = text.TrackedChanges()
    region = text.ChangedRegion(qattributes={(TEXTNS, "id"): "ct1", (XMLNS, "id"): "ct1"})
    deletion = text.Deletion()
    deletion.addElement(office.ChangeInfo())
    deletion.addElement(text.P(text="Warfarin 5 mg"))
    region.addElement(deletion)
    changes.addElement(region)
    document.text.addElement(changes)
    document.text.addElement(text.P(text="Apixaban 5 mg twice daily."))
    merged = table.Table(name="T")
    row = table.TableRow()
    wide = table.TableCell(numbercolumnsspanned=2)
    wide.addElement(text.P(text="Renal"))
    row.addElement(wide)
    covered = table.CoveredTableCell()
    covered.addElement(text.P(text="hidden copy"))
    row.addElement(covered)
    merged.addElement(row)
    document.text.addElement(merged)
    read = extract("t.odt", odt_bytes(document))
    assert read.text == "Apixaban 5 mg twice daily.\n\nRenal"


def test_pictures_not_read_are_reported() -> None:
    document = OpenDocumentText()
    paragraph = text.P(text="Wound photo:")
    frame = Frame(width="2cm", height="2cm")
    frame.addElement(Image(href="Pictures/x.png"))
    paragraph.addElement(frame)
    document.text.addElement(paragraph)
    read = extract("p.odt", odt_bytes(document))
    assert read.text == "Wound photo:"
    assert read.notes == (
        "1 picture in the document was not read (pictures in OpenDocument text are not read by "
        "OCR; save it as PDF or DOCX to have them read)",
    )
    assert read.unread_picture_pages == (0,)


# ---- bad files ----------------------------------------------------------------------------------


def test_an_empty_odt_has_no_text() -> None:
    with pytest.raises(errors.NoTextError, match="no text in the OpenDocument text"):
        extract("empty.odt", make_odt([]))


def test_a_password_protected_odt_is_named_so() -> None:
    def encrypt(name: str, part: bytes) -> bytes:
        if name == "META-INF/manifest.xml":
            return part.replace(
                b"</manifest:manifest>",
                b'<manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml"><manifest:encryption-data '
                b'manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
                b"</manifest:file-entry></manifest:manifest>",
            )
        return bytes(range(256)) * 8 if name == "content.xml" else part  # encrypted bytes

    with pytest.raises(errors.EncryptedDocumentError) as caught:
        extract("locked.odt", with_parts(make_odt(["Secret."]), encrypt))
    assert caught.value.reason.startswith("password-protected OpenDocument text; open it in")


def test_a_spreadsheet_named_odt_is_named_so() -> None:
    sheet = make_ods([["Date", "K"], ["2024-03-02", 5.6]])
    with pytest.raises(errors.CorruptFileError, match=r"OpenDocument spreadsheet named \.odt"):
        extract("sheet.odt", sheet)
    with pytest.raises(errors.CorruptFileError, match=r"another kind .*, not text"):
        extract_odt(sheet, "sheet.odt")  # read as text all the same: its mimetype says no


def test_a_damaged_odt_is_refused_and_none_of_it_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """odfpy prints a part it cannot parse (the letter's text) and reads on: the parts are
    checked before it is handed the file."""
    data = make_odt(["Hello."], heading="Letter")
    with pytest.raises(errors.CorruptFileError, match="cut short"):
        extract("cut.odt", data[: len(data) // 2])
    broken = with_parts(data, cut_in_half("content.xml"))
    with pytest.raises(errors.CorruptFileError, match="damaged OpenDocument text"):
        extract("broken.odt", broken)
    with pytest.raises(errors.CorruptFileError, match="not a zip archive"):
        extract("words.odt", b"plain words, not a zip" * 20)
    assert capsys.readouterr() == ("", "")


def test_an_odt_with_entities_that_expand_is_refused_not_expanded() -> None:
    """A "billion laughs" content.xml: the XML parser (defusedxml) refuses its entities."""
    data = make_odt(["Hello."])
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        b"<office:text><text:p>&lol2;</text:p></office:text></office:body>"
        b"</office:document-content>"
    )
    out = with_parts(data, lambda name, part: bomb if name == "content.xml" else part)
    with pytest.raises(errors.CorruptFileError, match="damaged OpenDocument text"):
        extract("lol.odt", out)


def test_a_zip_bomb_odt_is_refused() -> None:
    bomb = make_zip_bomb("content.xml", mimetype=b"application/vnd.oasis.opendocument.text")
    with pytest.raises(errors.ArchiveBombError, match="zip bomb"):
        extract("bomb.odt", bomb)
    with pytest.raises(errors.ArchiveBombError, match="would expand"):
        extract_odt(make_odt(["Hello."]), "big.odt", ZipLimits(max_total_uncompressed=1000))
