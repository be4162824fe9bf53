"""DOCX: paragraphs and tables in reading order, Word headings as sections.

Page headers and footers (letterhead, the patient's name and MRN line, reference and page
lines) are kept too: the header text before the body under a "Page header" section, the footer
text after it under "Page footer", each header or footer once however many sections show it.

A DOCX is a zip archive, and python-docx reads every part fully into memory. So before handing
the bytes over the archive is checked (medlocal/ingest/extractors/zipped.py): that it is a zip
at all, that it holds a Word document, and that it does not expand to an unsafe size.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

import docx
from docx.image.image import Image as DocxImage
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from medlocal.errors import GenerationCancelled
from medlocal.ingest.document import (
    BODY,
    PAGE_FOOTER,
    PAGE_HEADER,
    DocumentBuilder,
    ExtractedDocument,
)
from medlocal.ingest.errors import CorruptFileError, IngestError, NoTextError
from medlocal.ingest.extractors.docx_hidden import HiddenText
from medlocal.ingest.extractors.docx_notes import KINDS, DocumentNotes, read_notes
from medlocal.ingest.extractors.pictures import MIN_HEIGHT, MIN_WIDTH, PictureReader
from medlocal.ingest.extractors.powers import EXPONENT, ends_with_power_of_ten, times_ten
from medlocal.ingest.extractors.zipped import ZipKind, ZipLimits, check_zip_container
from medlocal.ingest.ocr.images import open_image
from medlocal.ingest.ocr.pages import OcrOptions, PageImage

_MAIN_PART = "word/document.xml"

log = logging.getLogger(__name__)


WORD = ZipKind(
    main_part=_MAIN_PART,
    named="Word document",
    label="DOCX",
    not_zip="not a DOCX file (not a zip archive; save old .doc files as .docx)",
    unlock="open it in Word, remove the password (File > Info > Protect Document) and import "
    "it again",
    legacy_stream="WordDocument",
    legacy="old Word 97-2003 document (.doc) renamed .docx; save it as .docx first",
)


def extract_docx(
    data: bytes, file_name: str, limits: ZipLimits | None = None, ocr: OcrOptions | None = None
) -> ExtractedDocument:
    """The document's text; its pictures read by OCR with ``ocr`` (else named as not read)."""
    check_zip_container(data, file_name, WORD, limits).close()
    try:
        return _extract(data, file_name, PictureReader(file_name, ocr))
    except (IngestError, GenerationCancelled):  # a cancel while pictures are read stays one
        raise
    except Exception as err:  # python-docx/lxml raise many types on damaged parts
        log.debug("Word document could not be read: %s", type(err).__name__)
        raise CorruptFileError(file_name, "damaged Word document that cannot be read") from None


def extract_docx_with_ocr(data: bytes, file_name: str, ocr: OcrOptions) -> ExtractedDocument:
    return extract_docx(data, file_name, ocr=ocr)


def _extract(data: bytes, file_name: str, pictures: PictureReader) -> ExtractedDocument:
    document = docx.Document(io.BytesIO(data))
    hidden = HiddenText.of(document)
    hiding = _HIDDEN.set(hidden)
    try:
        page_parts = (part._element for _kind, part in _shown_page_parts(document))
        notes = read_notes(document, _note_text, page_parts)
        token = _NOTE_MARKS.set(notes.marks)
        try:
            extracted = _extract_with_marks(document, notes, file_name, pictures)
        finally:
            _NOTE_MARKS.reset(token)
    except NoTextError:
        if not hidden.paragraphs:
            raise
        raise NoTextError(file_name, f"no text in the Word document ({hidden.note()})") from None
    finally:
        _HIDDEN.reset(hiding)
    # A Word document has no pages to place a picture on: one not read is the document's.
    unread = (0,) if pictures.unread_pages else ()
    told = (hidden.note(),) if hidden.paragraphs else ()
    return dataclasses.replace(
        extracted,
        notes=(*extracted.notes, *told, *pictures.notes()),
        unread_picture_pages=unread,
    )


def _extract_with_marks(
    document: Any, notes: DocumentNotes, file_name: str, pictures: PictureReader
) -> ExtractedDocument:
    builder = DocumentBuilder("docx")
    seen_pictures: set[str] = set()
    headers, footers = _page_parts(document)
    in_header = _add_page_part(builder, PAGE_HEADER, headers)
    for item in _blocks(document.element.body, document):
        if in_header and _block_text(item).strip():
            # The body's own section: its text is no part of the page header. A heading
            # opens one itself.
            in_header = False
            if not _is_heading(item):
                builder.add_section_marker(BODY)
        if isinstance(item, Paragraph):
            _add_paragraph(builder, item)
        else:
            builder.add_block(_table_text(item))
        _add_pictures(builder, item, document.part, pictures, seen_pictures)
    # After the body, before the page footer: a passage of notes says what they are.
    for section in notes.sections:
        builder.add_heading(section.heading)
        for note in section.notes:
            builder.add_block(note)
    _add_page_part(builder, PAGE_FOOTER, footers)
    pictures.leave_unread(
        "in a page header or footer, where pictures are not read",
        _page_part_pictures(document, seen_pictures),
    )
    if not builder.has_text:
        raise NoTextError(file_name, "no text in the Word document")
    return builder.build()


# python-docx's iter_inner_content, Paragraph.text and _Cell.text see only direct w:p, w:tbl,
# w:r and w:hyperlink children: the text of content controls (w:sdt, which Word forms and
# referral templates are made of), tracked insertions (w:ins), nested tables and fields was
# silently left out. The walks below read it in document order.
_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_T, _TAB, _PTAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_TYPE, _NO_BREAK_HYPHEN = qn("w:type"), qn("w:noBreakHyphen")
_ID = qn("w:id")
# A text box's own paragraphs (an address block, a boxed warning) sit inside a run of the
# paragraph it is anchored to: read as that paragraph's text, its lines were glued to each other
# and to the paragraph ("5 mg dailyINR target 2.5").
_TEXT_BOX = qn("w:txbxContent")
# A raised run: a number raised after a number is an exponent ("10" + raised "9" + "/L" was read
# as "109/L", a count a thousand times too high at a glance).
_RUN, _RUN_PROPERTIES, _VERT_ALIGN, _VAL = qn("w:r"), qn("w:rPr"), qn("w:vertAlign"), qn("w:val")
# A picture: DrawingML's image (a:blip r:embed) or an old VML one (v:imagedata r:id).
_BLIP = qn("a:blip")
_EMBED = qn("r:embed")
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_VML_ID = qn("r:id")
_NOTE_REFERENCES = frozenset(kind.reference_tag for kind in KINDS)
_COMMENT_REFERENCE = qn("w:commentReference")
# The marks ("[1]") of the document being read, for its note references: set around one
# document's reading (a context variable, so documents read on other threads keep theirs).
_NOTE_MARKS: ContextVar[Mapping[tuple[str, str], str]] = ContextVar(
    "_NOTE_MARKS", default=MappingProxyType({})
)
# The hidden text of the document being read (docx_hidden.py): set as _NOTE_MARKS is.
_HIDDEN: ContextVar[HiddenText | None] = ContextVar("_HIDDEN", default=None)
# The comments of the paragraph being read, put at its end; in a table row, held for the row's
# end (_HELD). Not right after the words they mark: a date or a value in a comment would stand
# between a result and its own date, and the grounding checks would read the result as the
# comment's ("potassium on 4 March was 5.6" passed, "on 2 March" was flagged; review 59a).
_COMMENTS: ContextVar[list[str] | None] = ContextVar("_COMMENTS", default=None)
_HELD: ContextVar[list[str] | None] = ContextVar("_HELD", default=None)
# Not the text: deleted or moved-away runs, a paragraph's properties (w:pPr holds a tab *stop*
# list, w:tab elements that are no tab), and the fallback copy of a text box (mc:Fallback
# repeats mc:Choice for older readers).
_SKIPPED = frozenset(
    {
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:pPr"),
        qn("w:rPr"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)


def _blocks(container: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables of a body or a table cell in order, also inside content
    controls."""
    for child in container.iterchildren():
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            yield Table(child, parent)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, parent)


# Where a raised number was read as a power, and the spaces before it ("x 10 " then a raised
# "9"): the mark (a control character, which XML text cannot hold) is made "^" once the whole
# paragraph is read. After a bare "10 " (a space between) it is a power only with a unit after
# it ("10 " + "9" + "/L"), else a footnote mark may be ("Table 10 " + raised "2"): left as read.
_POWER_MARK, _SPACED_MARK = "\x00^", "\x01^"
_SPACES = " \u00a0\u2009\u202f"
_MARKS = re.compile("(\x00\\^|\x01\\^)")
# A unit after the raised number ("9" then "/L"); a digit after the "/" is a fraction's
# denominator ("10 " + raised "1" + "/2": ten and a half, review55a), never a unit.
_UNIT_AFTER = re.compile(r"[-−–]?\d{1,2}/(?![ \u00a0\u2009\u202f]*\d)")


def _paragraph_text(element: Any) -> str:
    """A paragraph's text, its comments at its end (or held for its table row's)."""
    comments: list[str] = []
    token = _COMMENTS.set(comments)
    try:
        text = _shown_text(element)
    finally:
        _COMMENTS.reset(token)
    held = _HELD.get()
    if held is not None:
        held += comments
        return text
    return text + "".join(comments)


def _shown_text(element: Any) -> str:
    hidden = _HIDDEN.get()
    if hidden is None:
        return _joined_powers(_inner_text(element, ""))
    hidden.start_paragraph(element)
    try:
        return _joined_powers(_inner_text(element, "", hidden.paragraph_style(element)))
    finally:
        hidden.end_paragraph()


def _note_reference(reference: Any) -> str:
    """The mark a note's reference stands for ("[1]"); a comment's is kept for its paragraph's
    end (_COMMENTS) and stands for nothing here."""
    mark = _NOTE_MARKS.get().get((reference.tag, str(reference.get(_ID))), "")
    comments = _COMMENTS.get()
    if reference.tag != _COMMENT_REFERENCE or comments is None:
        return mark
    comments.append(mark)
    return ""


def _joined_powers(text: str) -> str:
    """``text`` with each power's mark made "^" and the spaces before it taken away, a spaced
    one only before a unit (else the mark goes and the text stays as it was read). Split at
    the marks rather than matched with a run of spaces before each: linear in a paragraph of
    many blanks."""
    if "\x00" not in text and "\x01" not in text:
        return text
    pieces = _MARKS.split(text)
    out: list[str] = [pieces[0]]
    for mark, after in zip(pieces[1::2], pieces[2::2], strict=True):
        if mark == _POWER_MARK or _UNIT_AFTER.match(after):
            out[-1] = out[-1].rstrip(_SPACES)
            out.append("^")
        out.append(after)
    return "".join(out)


def _inner_text(element: Any, before: str, paragraph_style: str = "") -> str:
    """The text of ``element``; ``before``: the end of the paragraph's text before it (a raised
    number in a hyperlink or a tracked insertion follows a "10" outside it); hidden runs left
    out (``paragraph_style``: the paragraph's, which may hide them)."""
    hidden = _HIDDEN.get()
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # comments and processing instructions have no string tag
        if tag == _RUN and hidden is not None and hidden.hides(child, paragraph_style):
            if any((text.text or "").strip() for text in child.iter(_T)):
                hidden.left_out()
            # A comment on hidden words is no hidden text: Word still lists it.
            parts += (_note_reference(reference) for reference in child.iter(_COMMENT_REFERENCE))
            continue
        if tag == _T:
            piece = child.text or ""
        elif tag in (_TAB, _PTAB):
            piece = "\t"
        elif tag == _CR or (tag == _BR and child.get(_TYPE) in (None, "textWrapping")):
            piece = "\n"  # a page or column break is no text (as python-docx reads it)
        elif tag == _BR:
            continue
        elif tag == _NO_BREAK_HYPHEN:
            piece = "-"
        elif tag in _NOTE_REFERENCES:
            piece = _note_reference(child)
        elif tag == _RUN and _raised(child):
            text = _inner_text(child, "", paragraph_style)
            # "10" then a raised "9", also with a space between ("10 " + "9": "10^9").
            so_far = before.rstrip(_SPACES)
            exponent = ends_with_power_of_ten(so_far) and EXPONENT.fullmatch(text.strip())
            glued = so_far == before or times_ten(so_far)
            mark = _POWER_MARK if glued else _SPACED_MARK
            piece = f"{mark}{text.strip()}" if exponent else text
        elif tag == _TEXT_BOX:
            lines = (_block_text(item) for item in _blocks(child, None))
            piece = "\n" + "\n".join(line for line in lines if line.strip()) + "\n"
        else:
            piece = _inner_text(child, before, paragraph_style)
        parts.append(piece)
        before = (before + piece)[-16:]
    return "".join(parts)


def _raised(run: Any) -> bool:
    properties = run.find(_RUN_PROPERTIES)
    align = properties.find(_VERT_ALIGN) if properties is not None else None
    return align is not None and align.get(_VAL) == "superscript"


def _add_pictures(
    builder: DocumentBuilder,
    item: Paragraph | Table,
    part: Any,
    pictures: PictureReader,
    seen: set[str],
) -> None:
    """The text of the pictures in a paragraph or table, after it, each picture once (a
    picture shown twice is one image part). Deleted and fallback copies are no pictures."""
    element = item._p if isinstance(item, Paragraph) else item._tbl
    for picture in element.iter(_BLIP, _VML_IMAGE):
        if any(ancestor.tag in _SKIPPED for ancestor in picture.iterancestors()):
            continue
        rel_id = picture.get(_EMBED) if picture.tag == _BLIP else picture.get(_VML_ID)
        image = part.related_parts.get(rel_id) if rel_id else None
        if image is None or image.partname in seen:
            continue
        seen.add(image.partname)
        if not _may_hold_writing(image.blob):
            # An icon or a bullet (told from its header, not decoded): no writing to miss, so
            # not counted as not read with OCR off either (its passages would say so).
            continue
        name = f"{item.__class__.__name__.lower()} picture {image.partname}"
        text = pictures.text_of(functools.partial(_picture_pixels, image.blob, name))
        if text:
            builder.add_block(text)


def _picture_pixels(blob: bytes, name: str) -> PageImage:
    return open_image(blob, name, 1).page(0)


def _note_text(note: Any, part: Any) -> str:
    """A footnote's, endnote's or comment's paragraphs and tables, one per line."""
    return "\n".join(_block_text(item) for item in _blocks(note, part))


def _is_heading(item: Paragraph | Table) -> bool:
    if not isinstance(item, Paragraph):
        return False
    style_name = item.style.name if item.style is not None else ""
    return style_name == "Title" or style_name.startswith("Heading")


def _block_text(item: Paragraph | Table) -> str:
    return _paragraph_text(item._p) if isinstance(item, Paragraph) else _table_text(item)


def _add_paragraph(builder: DocumentBuilder, paragraph: Paragraph) -> None:
    if not _is_heading(paragraph):
        builder.add_block(_paragraph_text(paragraph._p))
        return
    # A heading's comments follow it as a block: in the heading they would be in its section's
    # title ("Plan [comment by Dr B: hold, allergy?]" read as an allergy heading by the checks).
    comments: list[str] = []
    token = _HELD.set(comments)
    try:
        builder.add_heading(_paragraph_text(paragraph._p))
    finally:
        _HELD.reset(token)
    if comments:
        builder.add_block("".join(comments).strip())


def _shown_page_parts(document: Any) -> list[tuple[int, Any]]:
    """Each page header (0) and footer (1) the document shows, in section order.

    A header or footer linked to the previous section has no content of its own (it repeats
    the one before; in the first section it means there is none) and is skipped without
    touching it: python-docx would add an empty definition to read it. The first-page and
    even-page ones count only where the section or the document turns them on.
    """
    even_pages = bool(document.settings.odd_and_even_pages_header_footer)
    shown: list[tuple[int, Any]] = []
    for section in document.sections:
        header_kinds = [section.header]
        footer_kinds = [section.footer]
        if section.different_first_page_header_footer:
            header_kinds.insert(0, section.first_page_header)
            footer_kinds.insert(0, section.first_page_footer)
        if even_pages:
            header_kinds.append(section.even_page_header)
            footer_kinds.append(section.even_page_footer)
        for kind, kinds in enumerate((header_kinds, footer_kinds)):
            shown.extend((kind, part) for part in kinds if not part.is_linked_to_previous)
    return shown


def _page_parts(document: Any) -> tuple[list[list[str]], list[list[str]]]:
    """The text blocks of each page header and footer the document shows, in section order;
    identical text is kept once."""
    headers: list[list[str]] = []
    footers: list[list[str]] = []
    seen: set[tuple[int, tuple[str, ...]]] = set()  # (0 header / 1 footer, its blocks)
    for kind, part in _shown_page_parts(document):
        blocks = [
            text for item in _blocks(part._element, part) if (text := _block_text(item).strip())
        ]
        key = (kind, tuple(blocks))
        if blocks and key not in seen:
            seen.add(key)
            (headers, footers)[kind].append(blocks)
    return headers, footers


def _page_part_pictures(document: Any, read_in_body: set[str]) -> int:
    """How many pictures big enough to hold writing the page headers and footers show (a
    letterhead's logo, a stamp, a signature) that the body did not show too: they are not
    read by OCR, so the import report names them (review 53c F11). Sizes come from the
    pictures' headers; nothing is decoded."""
    found: set[str] = set()
    for _kind, part in _shown_page_parts(document):
        for picture in part._element.iter(_BLIP, _VML_IMAGE):
            if any(ancestor.tag in _SKIPPED for ancestor in picture.iterancestors()):
                continue
            rel_id = picture.get(_EMBED) if picture.tag == _BLIP else picture.get(_VML_ID)
            image = part.part.related_parts.get(rel_id) if rel_id else None
            if image is None or image.partname in found or image.partname in read_in_body:
                continue
            if _may_hold_writing(image.blob):
                found.add(image.partname)
    return len(found)


def _may_hold_writing(blob: bytes) -> bool:
    try:
        size = DocxImage.from_blob(blob)
    except Exception:  # a format python-docx does not parse: counted, never passed over
        return True
    return bool(size.px_width >= MIN_WIDTH and size.px_height >= MIN_HEIGHT)


def _add_page_part(builder: DocumentBuilder, title: str, parts: list[list[str]]) -> bool:
    """Add headers' or footers' blocks under the section ``title``; True when there were any."""
    if not parts:
        return False
    builder.add_section_marker(title)
    for blocks in parts:
        for block in blocks:
            builder.add_block(block)
    return True


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, and a nested table's rows joined with "; "."""
    parts = []
    for item in _blocks(cell._tc, cell):
        if isinstance(item, Paragraph):
            parts.append(_paragraph_text(item._p))
        else:
            parts.append("; ".join(_table_text(item).splitlines()))
    return " ".join(" ".join(parts).split())


def _table_text(table: Table) -> str:
    """One line per row, cells joined with `` | ``; merged cells (repeated by python-docx) once."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        comments: list[str] = []  # the row's comments, at its end (_HELD)
        token = _HELD.set(comments)
        try:
            for cell in row.cells:
                if previous is not None and cell._tc is previous:
                    continue
                previous = cell._tc
                cells.append(_cell_text(cell))
        finally:
            _HELD.reset(token)
        line = " | ".join(cells).strip(" |") + "".join(comments)
        if line:
            lines.append(line)
    return "\n".join(lines)
