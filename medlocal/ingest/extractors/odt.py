"""OpenDocument text (.odt, LibreOffice's and Google Docs' export format): paragraphs, headings
as sections, lists, tables (one line a row, cells joined with " | ", as the DOCX extractor
writes them), footnotes and endnotes (their mark in the text, their text under a heading after
the body, as for a Word document), comments, and the page headers and footers.

A comment is clinical content (what a colleague wrote on a result): its text is put at the end
of the paragraph where it sits ("Potassium 5.6 mmol/L on 2 March [comment by Dr Okafor:
haemolysed]"), so it is searched and cited with it; in a table, at the end of its row. Not
right after the words it marks: a date or a value in the comment would stand between a result
and its own date, and the grounding checks read the result as the comment's ("potassium on 4
March was 5.6" passed, "on 2 March" was flagged).

Hidden text is left out, as hidden sheets of a workbook are (sheet_text.py): a section hidden
(``text:display="none"``, or by its condition while Writer found it true), a paragraph a
Hidden Paragraph field hides, a Hidden Text field's text while its condition hides it, and
paragraphs or words whose formatting hides them (a style based on a hidden one hides too,
unless it says Hidden is cleared). Writer does not show them: they are often a template's
spare wording or text kept but no longer meant, and a clinician expects what they see to be
what is imported. The import report says how many were left out and how to have them read.

The file is opened by odf_package.py: its zip checked, a password-protected one told, its XML
checked before odfpy parses it (with defusedxml).
Text that is no text of the document is left out: tracked deletions (kept in a list of changes
apart from the text), a table's cells covered by a merged one. Pictures are not read by OCR: the
import report says how many there were.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from medlocal.ingest.document import (
    BODY,
    PAGE_FOOTER,
    PAGE_HEADER,
    DocumentBuilder,
    ExtractedDocument,
)
from medlocal.ingest.errors import CorruptFileError, IngestError, NoTextError
from medlocal.ingest.extractors.comment_marks import placed_comment
from medlocal.ingest.extractors.odf_package import children, open_odf, table_rows
from medlocal.ingest.extractors.zipped import ZipKind, ZipLimits

log = logging.getLogger(__name__)

_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OTHER_KIND = (
    "an OpenDocument file of another kind (a spreadsheet, a presentation), not text: save it as "
    ".odt, .docx or PDF, and import that"
)
ODT = ZipKind(
    main_part="content.xml",
    named="OpenDocument text",
    label="ODT",
    not_zip="not an OpenDocument text file (not a zip archive; save it as .odt or .docx)",
    unlock="open it in LibreOffice Writer, save it again without a password (File > Save As, "
    "clear Save with password) and import it again",
    legacy_stream="WordDocument",
    legacy="a Word 97-2003 document (.doc) renamed .odt; save it as .odt or .docx first",
)

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_DC = "http://purl.org/dc/elements/1.1/"

_PARAGRAPH, _HEADING, _LIST = (_TEXT, "p"), (_TEXT, "h"), (_TEXT, "list")
_LIST_ITEMS = {(_TEXT, "list-item"), (_TEXT, "list-header")}
_TABLE_ELEMENT = (_TABLE, "table")
_CELL = (_TABLE, "table-cell")
_NOTE, _ANNOTATION = (_TEXT, "note"), (_OFFICE, "annotation")
_ANNOTATION_END = (_OFFICE, "annotation-end")
_SECTION, _SPAN = (_TEXT, "section"), (_TEXT, "span")
_HIDDEN_PARAGRAPH = (_TEXT, "hidden-paragraph")
_HIDDEN_TEXT = (_TEXT, "hidden-text")
_STYLED = {(_STYLE, "style")}
_IMAGE = (_DRAW, "image")
# Not the document's text: the record of tracked changes (deleted text lives there), a merged
# table cell's covered neighbours, a comment's end mark, declarations and column definitions.
_SKIPPED = {
    (_TEXT, "tracked-changes"),
    (_TABLE, "covered-table-cell"),
    _ANNOTATION_END,
    (_TEXT, "sequence-decls"),
    (_TABLE, "table-columns"),
    (_TABLE, "table-column"),
}
_HEADERS = ("header", "header-left", "header-first")
_FOOTERS = ("footer", "footer-left", "footer-first")
_NOTE_HEADINGS = {"footnote": "Footnotes", "endnote": "Endnotes"}


def extract_odt(data: bytes, file_name: str, limits: ZipLimits | None = None) -> ExtractedDocument:
    document = open_odf(data, file_name, ODT, _MIMETYPE, _OTHER_KIND, limits)
    try:
        return _extract(document, file_name)
    except IngestError:
        raise
    except Exception as err:  # a part odfpy read that is not laid out as the standard says
        log.debug("OpenDocument text could not be read: %s", type(err).__name__)
        raise CorruptFileError(file_name, "damaged OpenDocument text that cannot be read") from None


@dataclass
class _Notes:
    """The notes met while reading the body, by kind, in order: "[1] text"."""

    by_heading: dict[str, list[str]] = field(default_factory=dict)
    pictures: int = 0
    # The styles whose formatting hides text; the hidden sections and paragraphs (or runs of
    # words) left out.
    hiding_styles: frozenset[str] = frozenset()
    hidden_sections: int = 0
    hidden_paragraphs: int = 0
    # The comments of each paragraph being read (the innermost last), put at its end; in a
    # table row, held for the row's end.
    placing: list[list[str]] = field(default_factory=list)
    held: list[str] | None = None


def _extract(document: Any, file_name: str) -> ExtractedDocument:
    builder = DocumentBuilder("odt")
    notes = _Notes(hiding_styles=_hiding_styles(document))
    headers = _page_parts(document, _HEADERS, notes)
    footers = _page_parts(document, _FOOTERS, notes)
    if headers:
        builder.add_section_marker(PAGE_HEADER)
        for block in headers:
            builder.add_block(block)
    in_header = bool(headers)
    for kind, block in _blocks(document.text, notes):
        if in_header and block.strip():
            in_header = False
            if kind != "heading":
                builder.add_section_marker(BODY)
        if kind == "heading":
            builder.add_heading(block)
        else:
            builder.add_block(block)
    for heading in ("Footnotes", "Endnotes"):
        lines = notes.by_heading.get(heading, [])
        if lines:
            builder.add_heading(heading)
            for line in lines:
                builder.add_block(line)
    if footers:
        builder.add_section_marker(PAGE_FOOTER)
        for block in footers:
            builder.add_block(block)
    hidden = hidden_text_note(notes.hidden_sections, notes.hidden_paragraphs)
    if not builder.has_text:
        said = f" ({hidden.split(':', 1)[0]})" if hidden else ""
        raise NoTextError(file_name, f"no text in the OpenDocument text{said}")
    built = builder.build()
    told = [hidden] if hidden else []
    if not notes.pictures:
        return dataclasses.replace(built, notes=tuple(told))
    many = notes.pictures != 1
    told.append(
        f"{notes.pictures} picture{'s' if many else ''} in the document {'were' if many else 'was'}"
        " not read (pictures in OpenDocument text are not read by OCR; save it as PDF or DOCX "
        "to have them read)"
    )
    return dataclasses.replace(built, notes=tuple(told), unread_picture_pages=(0,))


def hidden_text_note(sections: int, paragraphs: int) -> str:
    """The import report's words on hidden text left out ("" when none was)."""
    counted = [
        f"{count} hidden {one if count == 1 else many}"
        for count, one, many in (
            (sections, "section", "sections"),
            (paragraphs, "paragraph or passage", "paragraphs or passages"),
        )
        if count
    ]
    if not counted:
        return ""
    them = "them" if sections + paragraphs != 1 else "it"
    return (
        f"{' and '.join(counted)} not imported, as LibreOffice Writer does not show {them}: to "
        f"import {them}, show {them} in Writer (a section: Format › Sections, clear Hide; "
        "hidden formatting: Format › Character, clear Hidden) and import the file again"
    )


def _hiding_styles(document: Any) -> frozenset[str]:
    """The names of the paragraph and text styles that hide their text
    (``text:display="none"``), also those that take it from a parent style; a style nearer
    that says another display ("true", a style based on a hidden one with Hidden cleared)
    shows its text."""
    parents: dict[str, str] = {}
    display: dict[str, str] = {}  # what a style itself says, where it says anything
    for styles in (document.styles, document.automaticstyles):
        for style in children(styles, _STYLED):
            name = str(style.getAttrNS(_STYLE, "name") or "")
            parents[name] = str(style.getAttrNS(_STYLE, "parent-style-name") or "")
            for properties in children(style, {(_STYLE, "text-properties")}):
                said = properties.getAttrNS(_TEXT, "display")
                if said:
                    display[name] = str(said)
    hiding: set[str] = set()
    for name in parents:
        seen: set[str] = set()
        found = name
        while found and found not in seen and found not in display:
            seen.add(found)
            found = parents.get(found, "")
        if display.get(found) == "none":
            hiding.add(name)
    return frozenset(hiding)


def _page_parts(document: Any, kinds: tuple[str, ...], notes: _Notes) -> list[str]:
    """The blocks of the page headers (or footers) the master pages show, each text once."""
    seen: dict[str, None] = {}
    for master in children(document.masterstyles, {(_STYLE, "master-page")}):
        for kind in kinds:
            for part in children(master, {(_STYLE, kind)}):
                for _kind, block in _blocks(part, notes):
                    if block.strip():
                        seen.setdefault(block.strip(), None)
    return list(seen)


def _blocks(container: Any, notes: _Notes) -> Iterator[tuple[str, str]]:
    """("heading" or "block", text) for each heading, paragraph, list and table of a body, a
    section or a table cell, in order."""
    for child in container.childNodes:
        if child.nodeType != child.ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        if _hidden(child, notes):
            continue
        if child.qname == _HEADING:
            # Its comments follow it as a block: in the heading they would be in its section's
            # title ("Plan [comment by Dr B: hold, allergy?]" read as an allergy heading).
            held, notes.held = notes.held, []
            heading = _inline(child, notes)
            comments, notes.held = notes.held, held
            yield "heading", heading
            if comments:
                yield "block", "".join(comments).strip()
        elif child.qname == _PARAGRAPH:
            yield "block", _inline(child, notes)
        elif child.qname == _LIST:
            yield "block", "\n".join(_list_lines(child, notes, 0))
        elif child.qname == _TABLE_ELEMENT:
            yield "block", _table_text(child, notes)
        else:  # a section, an index's body, a table's header rows: their blocks in order
            yield from _blocks(child, notes)


def _hidden(element: Any, notes: _Notes) -> bool:
    """Whether ``element`` is a hidden section or paragraph holding text (counted as one)."""
    if element.qname == _SECTION:
        if not _section_hidden(element):
            return False
        notes.hidden_sections += bool(_has_text(element))
        return True
    if element.qname == _HIDDEN_TEXT:  # a Hidden Text field: hidden as its condition was
        hides = str(element.getAttrNS(_TEXT, "is-hidden")) == "true"
    elif element.qname not in (_HEADING, _PARAGRAPH, _SPAN):
        return False
    else:
        hides = element.getAttrNS(_TEXT, "style-name") in notes.hiding_styles or (
            element.qname != _SPAN and _hidden_by_field(element)
        )
    if hides:
        notes.hidden_paragraphs += bool(_has_text(element))
    return hides


def _section_hidden(section: Any) -> bool:
    """Whether Writer hides ``section``: Hide ticked (``display="none"``), or hidden by its
    condition (``display="condition"``). Writer keeps a condition's last result with the
    section (``text:is-hidden="true"`` while it hides it, nothing while it shows it); a file
    from another program may keep none, and then only a condition that is a constant ("1",
    "true") is worked out here: one naming fields is read, as Writer shows it until its fields
    are known."""
    display = section.getAttrNS(_TEXT, "display")
    if display == "none":
        return True
    if display != "condition":
        return False
    kept = section.getAttrNS(_TEXT, "is-hidden")
    if kept is not None:
        return str(kept).strip().lower() in ("true", "1")
    condition = str(section.getAttrNS(_TEXT, "condition") or "").rpartition(":")[2]
    return condition.strip().lower() in ("1", "true")


def _hidden_by_field(paragraph: Any) -> bool:
    """Whether a Hidden Paragraph field in ``paragraph`` (in its spans too) hides it now (the
    field keeps the result of its condition as Writer last worked it out). Not one in a text
    box's paragraphs, a note or a comment: those are paragraphs of their own."""
    for child in paragraph.childNodes:
        if child.nodeType != child.ELEMENT_NODE or child.qname in (_NOTE, _ANNOTATION):
            continue
        if child.qname[0] == _DRAW:
            continue
        if child.qname == _HIDDEN_PARAGRAPH:
            if child.getAttrNS(_TEXT, "is-hidden") == "true":
                return True
        elif _hidden_by_field(child):
            return True
    return False


def _has_text(element: Any) -> bool:
    """Whether ``element`` holds any words (a hidden empty paragraph is no text left out)."""
    return any(
        (child.nodeType == child.TEXT_NODE and child.data.strip())
        or (child.nodeType == child.ELEMENT_NODE and _has_text(child))
        for child in element.childNodes
    )


def _list_lines(element: Any, notes: _Notes, depth: int) -> Iterator[str]:
    """A list's items, one line each ("- Metformin 500 mg"), a nested list's indented."""
    for item in element.childNodes:
        if item.nodeType != item.ELEMENT_NODE or item.qname not in _LIST_ITEMS:
            continue
        own: list[str] = []
        for child in item.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname == _LIST:
                if own:
                    yield f"{'  ' * depth}- {' '.join(own)}"
                    own = []
                yield from _list_lines(child, notes, depth + 1)
            elif child.qname not in _SKIPPED and not _hidden(child, notes):
                text = " ".join(_block_text(child, notes).split())
                if text:
                    own.append(text)
        if own:
            yield f"{'  ' * depth}- {' '.join(own)}"


def _block_text(element: Any, notes: _Notes) -> str:
    return "\n".join(text for _kind, text in _blocks_or_self(element, notes) if text.strip())


def _blocks_or_self(element: Any, notes: _Notes) -> Iterator[tuple[str, str]]:
    if element.qname in (_HEADING, _PARAGRAPH):
        yield "block", _inline(element, notes)
    elif element.qname == _TABLE_ELEMENT:
        yield "block", _table_text(element, notes)
    elif element.qname == _LIST:
        yield "block", "\n".join(_list_lines(element, notes, 0))
    else:
        yield from _blocks(element, notes)


def _table_text(table: Any, notes: _Notes) -> str:
    """One line per row, cells joined with " | " (as extractors/docx.py writes a table); a
    merged cell once; a nested table's rows joined with "; "."""
    lines = []
    for row in table_rows(table):
        cells = []
        held, notes.held = notes.held, []
        for cell in row.childNodes:
            if cell.nodeType != cell.ELEMENT_NODE or cell.qname != _CELL:
                continue
            text = "; ".join(
                line
                for _kind, block in _blocks(cell, notes)
                for line in block.splitlines()
                if line.strip()
            )
            cells.append(" ".join(text.split()))
        comments, notes.held = notes.held, held
        line = " | ".join(cells).strip(" |") + "".join(comments)
        if line:
            lines.append(line)
    return "\n".join(lines)


def _inline(element: Any, notes: _Notes) -> str:
    """A paragraph's or heading's text: spaces, tabs and line breaks as written; a note's mark
    where it stands, its text kept for after the body; a comment at the paragraph's end (a
    table row's end in a table); a text box's paragraphs on lines of their own."""
    notes.placing.append([])
    text = _runs(element, notes)
    comments = notes.placing.pop()
    if notes.held is not None:
        notes.held += comments
        return text
    return text + "".join(comments)


def _runs(element: Any, notes: _Notes) -> str:
    """The text of ``element``'s children (see ``_inline``)."""
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        if child.nodeType != child.ELEMENT_NODE or child.qname in _SKIPPED:
            continue
        if _hidden(child, notes):
            continue
        namespace, name = child.qname
        if namespace == _TEXT and name == "s":
            parts.append(" " * int(child.getAttrNS(_TEXT, "c") or 1))
        elif namespace == _TEXT and name == "tab":
            parts.append("\t")
        elif namespace == _TEXT and name == "line-break":
            parts.append("\n")
        elif child.qname == _NOTE:
            parts.append(_note_mark(child, notes))
        elif child.qname == _ANNOTATION:
            parts.append(_comment(child, notes))
        elif child.qname == _IMAGE:
            notes.pictures += 1
        elif namespace == _DRAW and name == "text-box":
            lines = (text for _kind, text in _blocks(child, notes) if text.strip())
            parts.append("\n" + "\n".join(lines) + "\n")
        else:  # spans, links, frames, fields: their text
            parts.append(_runs(child, notes))
    return "".join(parts)


def _note_mark(note: Any, notes: _Notes) -> str:
    heading = _NOTE_HEADINGS.get(str(note.getAttrNS(_TEXT, "note-class") or "footnote"))
    heading = heading or "Footnotes"
    citation = ""
    body = None
    for child in note.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname == (_TEXT, "note-citation"):
            citation = " ".join(_inline(child, notes).split())
        elif child.qname == (_TEXT, "note-body"):
            body = child
    listed = notes.by_heading.setdefault(heading, [])
    mark = f"[{citation or len(listed) + 1}]"
    text = " ".join(_block_text(body, notes).split()) if body is not None else ""
    if text:
        listed.append(f"{mark} {text}")
    return mark


def _comment(annotation: Any, notes: _Notes) -> str:
    """A comment's text as it is put at its paragraph's end (" [comment by Dr Okafor: ...]"),
    kept in ``notes.placing`` until then."""
    author = ""
    paragraphs = []
    for child in annotation.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname == (_DC, "creator"):
            author = " ".join(_inline(child, notes).split())
        elif child.qname in (_PARAGRAPH, _LIST):
            paragraphs.append(_block_text(child, notes))
    placed = placed_comment(" ".join(paragraphs), author)
    if not placed:
        return ""
    placed = f" {placed}"
    if not notes.placing:
        return placed
    notes.placing[-1].append(placed)
    return ""
