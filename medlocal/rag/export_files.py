"""The file formats of an export: an answer, summary or document copy as Markdown, plain text,
DOCX or PDF, with its flags, references and provenance footer. Writing only: what goes into the
document (and what redaction removed from it) is decided in :mod:`medlocal.rag.export`.

Markdown and plain text are written here; Word by :mod:`medlocal.rag.export_docx`, PDF by
:mod:`medlocal.rag.export_pdf` (its fonts: :mod:`medlocal.rag.export_pdf_text`). The document and
the parts every format writes are :mod:`medlocal.rag.export_parts`'; the body's Markdown is read
into blocks by :mod:`medlocal.rag.export_blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from medlocal.rag.export_blocks import inline_runs
from medlocal.rag.export_docx import write_docx as write_docx
from medlocal.rag.export_parts import ATTACHED_NOTE as ATTACHED_NOTE
from medlocal.rag.export_parts import NOTES_HEADING as NOTES_HEADING
from medlocal.rag.export_parts import ExportDocument as ExportDocument
from medlocal.rag.export_parts import (
    body_has_title,
    drafts,
    flag_lines,
    marked_body,
    reference_lines,
)
from medlocal.rag.export_pdf import write_pdf as write_pdf
from medlocal.rag.export_pdf_text import PDF_UNDRAWN_MARK as PDF_UNDRAWN_MARK
from medlocal.rag.export_pdf_text import PdfFonts as PdfFonts
from medlocal.rag.export_pdf_text import PdfText as PdfText
from medlocal.rag.export_pdf_text import pdf_fonts as pdf_fonts
from medlocal.rag.export_pdf_text import pdf_undrawn_note as pdf_undrawn_note
from medlocal.rag.passages import one_line
from medlocal.rag.provenance import provenance_lines


def render_markdown(doc: ExportDocument) -> str:
    parts = [] if body_has_title(doc) else [f"# {doc.title}", ""]
    parts.append(marked_body(doc).strip())
    if doc.notes:
        parts += ["", f"## {NOTES_HEADING}", ""] + [f"- {one_line(note)}" for note in doc.notes]
    if doc.flags:
        parts += ["", "## Flags", ""] + [f"- {line}" for line in flag_lines(doc)]
    for label, draft in drafts(doc):
        parts += ["", f"**{label}**", "", *(f"> {line}" for line in draft.splitlines())]
    if doc.sources:
        parts += ["", "## References", ""] + [f"{line}  " for line in reference_lines(doc)]
    parts += ["", "---", ""] + [f"*{line}*  " for line in provenance_lines(doc.provenance)]
    return "\n".join(parts).rstrip() + "\n"


def _write_markdown(doc: ExportDocument, path: Path) -> None:
    path.write_text(render_markdown(doc), encoding="utf-8")


def _heading(text: str, rule: str) -> list[str]:
    return [text, rule * len(text)]


def render_text(doc: ExportDocument) -> str:
    """``doc`` as plain text (walk 40: a .txt document could not be exported as text): the
    parts the Markdown export has, in its order, with underlined headings instead of Markdown
    markup. An imported document's own text is written as it is (it is not Markdown: a "*" in
    it is the document's); an answer's or a summary's Markdown is read as the DOCX and PDF
    exports read it: headings underlined, emphasis markers dropped."""
    parts = [] if body_has_title(doc) else [*_heading(doc.title, "="), ""]
    body = marked_body(doc).strip()
    parts.append(body if doc.kind == "document" else _plain(body))
    if doc.notes:
        parts += ["", *_heading(NOTES_HEADING, "-"), ""] + [f"- {one_line(n)}" for n in doc.notes]
    if doc.flags:
        parts += ["", *_heading("Flags", "-"), ""] + [f"- {line}" for line in flag_lines(doc)]
    for label, draft in drafts(doc):
        parts += ["", label, "", *(f"    {line}" for line in draft.splitlines())]
    if doc.sources:
        parts += ["", *_heading("References", "-"), "", *reference_lines(doc)]
    parts += ["", "---", "", *provenance_lines(doc.provenance)]
    return "\n".join(parts).rstrip() + "\n"


_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*\S)[ \t]*#*[ \t]*")


def _plain(markdown: str) -> str:
    """Model-written Markdown as plain text: "# T" / "## T" underlined with = / -, and
    **bold** / *italic* markers dropped (the words kept)."""
    out: list[str] = []
    for line in markdown.splitlines():
        heading = _MD_HEADING.fullmatch(line)
        if heading:
            out += _heading(heading.group(2), "=" if len(heading.group(1)) == 1 else "-")
        else:
            out.append("".join(piece for piece, _bold, _italic in inline_runs(line)))
    return "\n".join(out)


def _write_text(doc: ExportDocument, path: Path) -> None:
    path.write_text(render_text(doc), encoding="utf-8")


WRITERS: dict[str, Callable[[ExportDocument, Path], None]] = {
    "markdown": _write_markdown,
    "text": _write_text,
    "docx": write_docx,
    "pdf": write_pdf,
}
