"""An export's document and the parts every file format writes of it besides the body's layout:
the body with MedLocal's attached citations marked, the flags one line per sentence, the drafts
set aside, and the references (:mod:`medlocal.rag.export_files` and the DOCX and PDF writers,
:mod:`medlocal.rag.export_docx` and :mod:`medlocal.rag.export_pdf`, lay them out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medlocal.fsutil import shown_name
from medlocal.rag.flags import (
    ATTACHED_MARK,
    Flag,
    attached_marks,
    listed_flags,
    mark_attached,
    unsupported_drafts,
)
from medlocal.rag.passages import SourceRef, one_line


@dataclass
class ExportDocument:
    title: str
    kind: str  # "answer", "summary" or "document" (an imported document's copy)
    body: str  # Markdown
    sources: list[SourceRef] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    # What the answer said about itself besides its flags ("the question names Osric
    # Penhaligon (patient 2), another patient of this vault; ..."): the window shows them under
    # the answer, and an export that dropped them read as an answer about that patient (walk 39).
    notes: list[str] = field(default_factory=list)


NOTES_HEADING = "Notes"


def body_has_title(doc: ExportDocument) -> bool:
    return doc.body.lstrip().startswith("# ")


def flag_lines(doc: ExportDocument) -> list[str]:
    """One line per sentence with all its problems, as the terminal and the window list them
    (a sentence several sections repeat is listed once, naming them)."""
    return [
        f"{where}: {flag.message}"
        for where, flag in listed_flags(doc.flags, doc.body, "whole text")
    ]


def drafts(doc: ExportDocument) -> list[tuple[str, str]]:
    """The model's drafts unsupported-draft flags keep ("its draft is kept below"), each with
    its label: written after the flags, as the window shows them (walk 29: the export said
    "kept below" and had no draft). A summary has one per section that read "No supported
    text"."""
    return unsupported_drafts(doc.flags)


def marked_body(doc: ExportDocument) -> str:
    """The text as written out: a citation MedLocal attached marked "[2†]", as the window
    marks its chip (the flags' offsets stay on ``doc.body``)."""
    return mark_attached(doc.body, doc.flags)


ATTACHED_NOTE = (
    f"{ATTACHED_MARK} MedLocal attached this citation: the model did not cite the sentence, and"
    " the passage shares most of its words. It shows where the words come from, not that the"
    " passage supports the sentence."
)


def reference_lines(doc: ExportDocument) -> list[str]:
    # File and pages, as the window shows them: character offsets mean nothing on paper.
    lines = [f"[{s.number}] {shown_name(s.place)} — “{one_line(s.snippet)}”" for s in doc.sources]
    return lines + ([ATTACHED_NOTE] if attached_marks(doc.body, doc.flags) else [])
