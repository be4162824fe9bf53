"""An export written as a PDF with reportlab: the body's blocks in the fonts of
:mod:`medlocal.rag.export_pdf_text` (with a note under the title where characters were marked),
then notes, flags, drafts, references and the provenance, with a footer on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from medlocal.rag.export_blocks import inline_runs, markdown_blocks
from medlocal.rag.export_parts import (
    NOTES_HEADING,
    ExportDocument,
    body_has_title,
    drafts,
    flag_lines,
    marked_body,
    reference_lines,
)
from medlocal.rag.export_pdf_text import PdfText, pdf_fonts, pdf_undrawn_note
from medlocal.rag.passages import one_line
from medlocal.rag.provenance import provenance_lines

# Characters of the PDF's fixed-width font on an A4 line between its margins.
_PDF_TABLE_WIDTH = 95


def pdf_markup(text: str) -> str:
    """reportlab paragraph markup for one line: escaped text, emphasis as <b>/<i>."""
    out = []
    for piece, bold, italic in inline_runs(text):
        piece = escape(piece)
        out.append(f"<b>{piece}</b>" if bold else f"<i>{piece}</i>" if italic else piece)
    return "".join(out)


def write_pdf(doc: ExportDocument, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Preformatted, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()  # a new sheet each call: changing it here is local
    fonts = pdf_fonts()
    for style in styles.byName.values():
        for attribute in ("fontName", "bulletFontName"):  # list styles have neither
            if isinstance(name := getattr(style, attribute, None), str):
                setattr(style, attribute, fonts.font(name))
    story: list[Any] = []
    shown = PdfText(fonts)

    def para(text: str, style: str) -> None:
        story.append(Paragraph(escape(shown(text)), styles[style]))

    if not body_has_title(doc):
        para(doc.title, "Title")
    for kind, text in markdown_blocks(marked_body(doc)):
        if kind == "h1":
            para(text, "Title")
        elif kind.startswith("h"):
            para(text, "Heading2" if kind == "h2" else "Heading3")
        elif kind == "bullet":
            story.append(Paragraph(pdf_markup(shown(text)), styles["BodyText"], bulletText="•"))
        elif kind == "table":
            # A fixed-width font keeps the columns where the text put them; a long row is
            # carried onto the next line rather than cut at the page's edge.
            table = Preformatted(shown(text), styles["Code"], maxLineLength=_PDF_TABLE_WIDTH)
            story.append(table)
        else:
            lines = "<br/>".join(pdf_markup(shown(line)) for line in text.split("\n"))
            story.append(Paragraph(lines, styles["BodyText"]))
    if doc.notes:
        para(NOTES_HEADING, "Heading2")
        for note in doc.notes:
            note_text = escape(shown(one_line(note)))
            story.append(Paragraph(note_text, styles["BodyText"], bulletText="•"))
    if doc.flags:
        para("Flags", "Heading2")
        for line in flag_lines(doc):
            story.append(Paragraph(escape(shown(line)), styles["BodyText"], bulletText="•"))
    for label, draft in drafts(doc):
        para(label, "Heading3")
        para(draft, "BodyText")
    if doc.sources:
        para("References", "Heading2")
        for line in reference_lines(doc):
            para(line, "BodyText")
    story.append(Spacer(1, 6 * mm))
    para("Provenance", "Heading2")
    for line in provenance_lines(doc.provenance):
        para(line, "Italic")
    footer = shown(provenance_lines(doc.provenance)[1])
    if shown.runs:
        # Said under the title (the first paragraph: the document's, or its own first
        # heading), so that a reader meets it before any mark.
        note = Paragraph(escape(pdf_undrawn_note(shown.runs, fonts)), styles["Italic"])
        story.insert(min(1, len(story)), note)

    def draw_footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.font("Helvetica"), 6.5)
        canvas.drawString(15 * mm, 8 * mm, footer[:160])
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"page {canvas.getPageNumber()}")
        canvas.restoreState()

    pdf = SimpleDocTemplate(
        str(path), pagesize=A4, title=doc.title, author="MedLocal", bottomMargin=18 * mm
    )
    pdf.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
