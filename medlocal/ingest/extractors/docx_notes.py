"""A Word document's footnotes, endnotes and comments: their text, and the mark each leaves in
the body.

Word keeps them in parts of their own (footnotes.xml, endnotes.xml, comments.xml), which the
body's text never reaches: "Hypoglycaemia reported once¹." was stored without the footnote that
gave the glucose value (walk 53b, H4). Each note is numbered as Word shows it, in the order the
body refers to it (footnotes 1, 2, 3; endnotes i, ii, iii), the mark is put
in the body where the reference stands ("[1]"), and the notes' text goes at the end under a
heading of their own ("Footnotes"), so a passage quoting either carries the number that joins
them. A comment is put at the end of the paragraph its reference stands in (of its table row
in a table: docx.py), "Potassium 5.6 mmol/L on 2 March. [comment by Dr B: haemolysed]", as an
OpenDocument text's are (odt.py): what a colleague wrote on a result is searched and cited with
it. One referred to from nowhere goes
under "Comments" at the end. The parts are read through python-docx's package (the document
part's relationships), parsed with its safe XML parser.

A note referred to only from deleted text (a tracked deletion) is left out with it; one never
referred to at all is kept after the others, as no text may be lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from medlocal.ingest.extractors.comment_marks import placed_comment

# Text that is no text of the document: a deleted run, a text box's fallback copy.
_GONE = frozenset(
    {
        qn("w:del"),
        qn("w:moveFrom"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_ID, _AUTHOR, _TYPE = qn("w:id"), qn("w:author"), qn("w:type")


@dataclass(frozen=True)
class NoteKind:
    heading: str
    relationship: str
    note_tag: str
    reference_tag: str
    mark: Callable[[int], str]  # the note's number as shown in the text
    inline: bool = False  # its text put where it is referred to, not after the body


def _roman(number: int) -> str:
    numerals = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


KINDS = (
    NoteKind("Footnotes", RT.FOOTNOTES, qn("w:footnote"), qn("w:footnoteReference"), str),
    NoteKind("Endnotes", RT.ENDNOTES, qn("w:endnote"), qn("w:endnoteReference"), _roman),
    NoteKind(
        "Comments",
        RT.COMMENTS,
        qn("w:comment"),
        qn("w:commentReference"),
        lambda number: f"comment {number}",
        inline=True,
    ),
)


@dataclass(frozen=True)
class NoteSection:
    heading: str
    notes: tuple[str, ...]  # "[1] glucose 2.8 mmol/L at 03:00 ..."


@dataclass(frozen=True)
class DocumentNotes:
    # (reference tag, note id) -> the mark put in the body where the reference stands
    marks: dict[tuple[str, str], str]
    sections: tuple[NoteSection, ...]


def read_notes(
    document: Any, note_text: Callable[[Any, Any], str], page_parts: Iterable[Any] = ()
) -> DocumentNotes:
    """The notes of every kind the document has; ``note_text(element, part)`` reads one note's
    paragraphs as the body's are read. ``page_parts``: the page headers' and footers' elements
    the document shows, whose references count as the body's (a comment on a header's line was
    put there and again under "Comments", as referred to from nowhere)."""
    roots = [document.element.body, *page_parts]
    marks: dict[tuple[str, str], str] = {}
    sections: list[NoteSection] = []
    for kind in KINDS:
        part = _part(document.part, kind.relationship)
        if part is None:
            continue
        root = getattr(part, "element", None)
        if root is None:
            root = parse_xml(part.blob)
        notes = {
            str(note.get(_ID)): note
            for note in root.iter(kind.note_tag)
            if note.get(_TYPE) in (None, "normal")  # not a separator line
        }
        kept, deleted = _references(roots, kind.reference_tag)
        order = [note_id for note_id in kept if note_id in notes]
        order += [n for n in notes if n not in kept and n not in deleted]
        lines: list[str] = []
        for number, note_id in enumerate(order, start=1):
            text = " ".join(note_text(notes[note_id], part).split())
            if kind.inline:
                placed = placed_comment(text, notes[note_id].get(_AUTHOR))
                marks[(kind.reference_tag, note_id)] = f" {placed}" if placed else ""
                if placed and note_id not in kept:
                    lines.append(placed)
                continue
            mark = f"[{kind.mark(number)}]"
            marks[(kind.reference_tag, note_id)] = mark
            if text:
                lines.append(f"{mark} {text}")
        if lines:
            sections.append(NoteSection(kind.heading, tuple(lines)))
    return DocumentNotes(marks, tuple(sections))


def _part(document_part: Any, relationship: str) -> Any:
    for rel in document_part.rels.values():
        if not rel.is_external and rel.reltype == relationship:
            return rel.target_part
    return None


def _references(roots: Iterable[Any], tag: str) -> tuple[list[str], set[str]]:
    """The note ids referred to from kept text under ``roots``, in order, once each; and those
    referred to only from deleted text."""
    kept: dict[str, None] = {}
    deleted: set[str] = set()
    for reference in (found for root in roots for found in root.iter(tag)):
        note_id = str(reference.get(_ID))
        if any(ancestor.tag in _GONE for ancestor in _ancestors(reference)):
            deleted.add(note_id)
        else:
            kept.setdefault(note_id, None)
    return list(kept), deleted - set(kept)


def _ancestors(element: Any) -> Iterator[Any]:
    parent = element.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()
