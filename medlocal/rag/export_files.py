"""The file formats of an export: an answer, summary or document copy as Markdown, DOCX or PDF,
with its flags, references and provenance footer. Writing only: what goes into the document
(and what redaction removed from it) is decided in :mod:`medlocal.rag.export`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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
from medlocal.rag.provenance import provenance_lines

log = logging.getLogger(__name__)


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


def _body_has_title(doc: ExportDocument) -> bool:
    return doc.body.lstrip().startswith("# ")


def _flag_lines(doc: ExportDocument) -> list[str]:
    """One line per sentence with all its problems, as the terminal and the window list them
    (a sentence several sections repeat is listed once, naming them)."""
    return [
        f"{where}: {flag.message}"
        for where, flag in listed_flags(doc.flags, doc.body, "whole text")
    ]


def _drafts(doc: ExportDocument) -> list[tuple[str, str]]:
    """The model's drafts unsupported-draft flags keep ("its draft is kept below"), each with
    its label: written after the flags, as the window shows them (walk 29: the export said
    "kept below" and had no draft). A summary has one per section that read "No supported
    text"."""
    return unsupported_drafts(doc.flags)


def _body(doc: ExportDocument) -> str:
    """The text as written out: a citation MedLocal attached marked "[2†]", as the window
    marks its chip (the flags' offsets stay on ``doc.body``)."""
    return mark_attached(doc.body, doc.flags)


ATTACHED_NOTE = (
    f"{ATTACHED_MARK} MedLocal attached this citation: the model did not cite the sentence, and"
    " the passage shares most of its words. It shows where the words come from, not that the"
    " passage supports the sentence."
)


def _reference_lines(doc: ExportDocument) -> list[str]:
    # File and pages, as the window shows them: character offsets mean nothing on paper.
    lines = [f"[{s.number}] {shown_name(s.place)} — “{one_line(s.snippet)}”" for s in doc.sources]
    return lines + ([ATTACHED_NOTE] if attached_marks(doc.body, doc.flags) else [])


def render_markdown(doc: ExportDocument) -> str:
    parts = [] if _body_has_title(doc) else [f"# {doc.title}", ""]
    parts.append(_body(doc).strip())
    if doc.notes:
        parts += ["", f"## {NOTES_HEADING}", ""] + [f"- {one_line(note)}" for note in doc.notes]
    if doc.flags:
        parts += ["", "## Flags", ""] + [f"- {line}" for line in _flag_lines(doc)]
    for label, draft in _drafts(doc):
        parts += ["", f"**{label}**", "", *(f"> {line}" for line in draft.splitlines())]
    if doc.sources:
        parts += ["", "## References", ""] + [f"{line}  " for line in _reference_lines(doc)]
    parts += ["", "---", ""] + [f"*{line}*  " for line in provenance_lines(doc.provenance)]
    return "\n".join(parts).rstrip() + "\n"


# A table's row as a document writes it: between pipes ("| Hb | 118 g/L |"), a ruled border
# ("+------+-----+", "|---|---|"), or, on two lines running at least, cells set apart by runs of
# blanks or tabs ("Hb      118    g/L").
_PIPE_ROW = re.compile(r"[ \t]*[|+¦].*[|+¦][ \t]*")
_RULE_ROW = re.compile(r"[ \t|+:=-]+")
_SPACED_ROW = re.compile(r"[ \t]*\S.*?(?: {2,}|\t)\S")


def _table_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is a table's row (walk 23: a lab report's table came out of a
    PDF as one run of text, its spacing collapsed, and out of a DOCX as plain paragraphs)."""
    piped = [_PIPE_ROW.fullmatch(line) is not None for line in lines]
    spaced = [_SPACED_ROW.match(line) is not None for line in lines]
    return [
        piped[i]
        or (spaced[i] and ((i > 0 and spaced[i - 1]) or (i + 1 < len(lines) and spaced[i + 1])))
        for i in range(len(lines))
    ]


def _blocks(body: str) -> list[tuple[str, str]]:
    """Markdown body as (kind, text) blocks: h1, h2, h3, bullet, para, table. A paragraph keeps
    its line breaks ("\n"): models write medication lists and numbered steps one per line, and
    "Metformin 500 mg [1] Apixaban 2.5 mg [2]" run together is not what was written. A table
    keeps its lines as written, blanks and all."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", "\n".join(para)))
            para.clear()
        if table:
            blocks.append(("table", "\n".join(table)))
            table.clear()

    lines = body.splitlines()
    for line, in_table in zip(lines, _table_lines(lines), strict=True):
        stripped = line.strip()
        if in_table:
            if para:
                blocks.append(("para", "\n".join(para)))
                para.clear()
            table.append(line.rstrip().expandtabs(8))
            continue
        if table:
            flush()
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            level = min(len(stripped) - len(stripped.lstrip("#")), 3)
            blocks.append((f"h{level}", stripped.lstrip("#").strip()))
        elif stripped[:2] in ("- ", "* ", "• "):
            flush()
            blocks.append(("bullet", stripped[2:].strip()))
        else:
            para.append(stripped)
    flush()
    return blocks


# Markdown emphasis the model writes: **bold** (or __bold__) and *italic*. A lone asterisk or
# one inside a word (5*2, "file_name") stays as it is.
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<bold>.+?)(?<=\S)\1|(?<![*\w])\*(?=\S)(?P<italic>[^*]+?)(?<=\S)\*(?![*\w])"
)


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """``text`` as (piece, bold, italic) runs, its Markdown emphasis markers removed."""
    runs: list[tuple[str, bool, bool]] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            runs.append((text[at : match.start()], False, False))
        if match.group("bold") is not None:
            runs.append((match.group("bold"), True, False))
        else:
            runs.append((match.group("italic"), False, True))
        at = match.end()
    if at < len(text) or not runs:
        runs.append((text[at:], False, False))
    return runs


def _pdf_markup(text: str) -> str:
    """reportlab paragraph markup for one line: escaped text, emphasis as <b>/<i>."""
    out = []
    for piece, bold, italic in inline_runs(text):
        piece = escape(piece)
        out.append(f"<b>{piece}</b>" if bold else f"<i>{piece}</i>" if italic else piece)
    return "".join(out)


def _docx_runs(paragraph: Any, text: str) -> None:
    for piece, bold, italic in inline_runs(text):
        run = paragraph.add_run(piece)
        run.bold, run.italic = bold or None, italic or None


def _pipe_cells(text: str) -> list[list[str]] | None:
    """A pipe table's rows as their cells, rules left out; None where a line is no pipe row."""
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if _RULE_ROW.fullmatch(line):
            continue
        if not line.strip().startswith(("|", "¦")):
            return None
        rows.append([cell.strip() for cell in re.split(r"[|¦]", line.strip())[1:-1]])
    return rows or None


def _docx_table(document: Any, text: str) -> None:
    """A pipe table as a Word table; other tables in a fixed-width font, blanks kept."""
    from docx.shared import Pt

    rows = _pipe_cells(text)
    if rows is not None:
        table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
        return
    paragraph = document.add_paragraph()
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.font.name = "Courier New"
        run.font.size = Pt(8)


def write_docx(doc: ExportDocument, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    # python-docx's template says "python-docx" as author and "generated by python-docx" as a
    # comment; say what the PDF says instead, and nothing more (no user name or path).
    properties = document.core_properties
    properties.author = properties.last_modified_by = "MedLocal"
    properties.comments = ""
    properties.title = doc.title
    # The template's own dates (2013) otherwise: the file says when it was written, as the PDF
    # does (walk 19).
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0)
    if not _body_has_title(doc):
        document.add_heading(doc.title, level=1)
    for kind, text in _blocks(_body(doc)):
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1]))
        elif kind == "bullet":
            _docx_runs(document.add_paragraph(style="List Bullet"), text)
        elif kind == "table":
            _docx_table(document, text)
        else:
            paragraph = document.add_paragraph()
            for number, line in enumerate(text.split("\n")):
                if number:
                    paragraph.add_run().add_break()  # a line break inside the paragraph
                _docx_runs(paragraph, line)
    if doc.notes:
        document.add_heading(NOTES_HEADING, level=2)
        for note in doc.notes:
            document.add_paragraph(one_line(note), style="List Bullet")
    if doc.flags:
        document.add_heading("Flags", level=2)
        for line in _flag_lines(doc):
            document.add_paragraph(line, style="List Bullet")
    for label, draft in _drafts(doc):
        document.add_paragraph().add_run(label).bold = True
        document.add_paragraph(draft)
    if doc.sources:
        document.add_heading("References", level=2)
        for line in _reference_lines(doc):
            document.add_paragraph(line)
    document.add_heading("Provenance", level=2)
    for line in provenance_lines(doc.provenance):
        run = document.add_paragraph().add_run(line)
        run.font.size = Pt(8)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = provenance_lines(doc.provenance)[1]
    for run in footer.runs:
        run.font.size = Pt(7)
    document.save(str(path))


# Characters of the PDF's fixed-width font on an A4 line between its margins.
_PDF_TABLE_WIDTH = 95

# What stands in a PDF for characters its fonts cannot draw, one mark per run of them.
PDF_UNDRAWN_MARK = "[?]"


def pdf_undrawn_note(runs: int, fonts: PdfFonts | None = None) -> str:
    """The line a PDF export carries when it marked ``runs`` places :class:`PdfText` could
    not draw with ``fonts`` (:func:`pdf_fonts` when None). Without the shipped DejaVu faces
    (a damaged install) the standard fonts draw Western European letters, Greek (from their
    Symbol font) and common symbols only: the note then names what else is lost (review 44b
    B8: it named only other scripts while "Łukasz" and Cyrillic were marked too)."""
    places = "1 place" if runs == 1 else f"{runs} places"
    lost = "emoji; Arabic, Hebrew and other right-to-left scripts; scripts such as Chinese, "
    lost += "Japanese, Korean or Devanagari"
    repair = ""
    if (fonts or pdf_fonts()).characters is None:
        # Said without the letters themselves: this note is drawn with the same fonts.
        lost = (
            "letters of Polish, Czech, Hungarian, Turkish and other languages beyond the Western "
            f"European ones; Cyrillic; {lost}"
        )
        repair = " The fonts MedLocal ships for PDFs could not be read: reinstalling it mends that."
    return (
        f"Characters this PDF's font cannot draw ({lost}) are shown as {PDF_UNDRAWN_MARK} "
        f"({places}); the Markdown, text and Word exports keep them.{repair}"
    )


# DejaVu Sans (resources/fonts, licence in LICENSE-DejaVu.txt there) stands in for the standard
# PDF fonts, whose encodings hold Western European letters only (review 44 D8: "Łukasz" was
# "[?]ukasz", "SpO₂" "SpO[?]"); it draws Latin, Greek and Cyrillic letters in full, sub- and
# superscripts, fractions and the common symbols, and is embedded (subset) in each PDF.
_PDF_FONT_FILES = {
    "Helvetica": "DejaVuSans.ttf",
    "Helvetica-Bold": "DejaVuSans-Bold.ttf",
    "Helvetica-Oblique": "DejaVuSans-Oblique.ttf",
    "Helvetica-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    "Courier": "DejaVuSansMono.ttf",
}
_PDF_FAMILY = "MedLocalSans"
_PDF_MONO = "MedLocalMono"


@dataclass(frozen=True)
class PdfFonts:
    """The fonts a PDF export draws with: the standard fonts' names mapped to the registered
    DejaVu faces, and the characters every one of them has (None: the standard fonts only,
    where the files are missing)."""

    names: dict[str, str]
    characters: frozenset[int] | None

    def font(self, standard: str) -> str:
        return self.names.get(standard, standard)


_pdf_fonts_cache: list[PdfFonts] = []


def pdf_fonts() -> PdfFonts:
    """Registers the shipped DejaVu faces with reportlab once. Without them (a damaged
    install) the export still works, with the standard fonts and more characters marked."""
    if _pdf_fonts_cache:
        return _pdf_fonts_cache[0]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from medlocal.paths import resources_dir

    folder = resources_dir() / "fonts"
    registered = {
        "Helvetica": _PDF_FAMILY,
        "Helvetica-Bold": f"{_PDF_FAMILY}-Bold",
        "Helvetica-Oblique": f"{_PDF_FAMILY}-Oblique",
        "Helvetica-BoldOblique": f"{_PDF_FAMILY}-BoldOblique",
        "Courier": _PDF_MONO,
    }
    characters: set[int] | None = None
    try:
        for standard, file_name in _PDF_FONT_FILES.items():
            font = TTFont(registered[standard], str(folder / file_name))
            pdfmetrics.registerFont(font)
            has = set(font.face.charToGlyph)
            characters = has if characters is None else characters & has
    except (OSError, TTFError) as err:
        log.warning("the PDF fonts could not be read (%s): standard fonts", type(err).__name__)
        fonts = PdfFonts({}, None)
    else:
        pdfmetrics.registerFontFamily(
            _PDF_FAMILY,
            normal=_PDF_FAMILY,
            bold=f"{_PDF_FAMILY}-Bold",
            italic=f"{_PDF_FAMILY}-Oblique",
            boldItalic=f"{_PDF_FAMILY}-BoldOblique",
        )
        # No bold or oblique monospaced face is shipped: a table's bold stays regular.
        pdfmetrics.registerFontFamily(
            _PDF_MONO, normal=_PDF_MONO, bold=_PDF_MONO, italic=_PDF_MONO, boldItalic=_PDF_MONO
        )
        registered |= {
            "Courier-Bold": _PDF_MONO,
            "Courier-Oblique": _PDF_MONO,
            "Courier-BoldOblique": _PDF_MONO,
            "Times-Roman": _PDF_FAMILY,
            "Times-Bold": f"{_PDF_FAMILY}-Bold",
            "Times-Italic": f"{_PDF_FAMILY}-Oblique",
            "Times-BoldItalic": f"{_PDF_FAMILY}-BoldOblique",
        }
        fonts = PdfFonts(registered, frozenset(characters or ()))
    _pdf_fonts_cache.append(fonts)
    return fonts


class PdfText:
    """Text as the PDF's font can draw it. The PDF embeds DejaVu Sans (:func:`pdf_fonts`);
    a character it lacks (emoji, Chinese) was drawn by reportlab as a black square, which
    reads as a character of the text (walk 43 D12: "emoji 🩺 note 💉.txt" exported with two
    ■). Each run of them becomes :data:`PDF_UNDRAWN_MARK`, counted in ``runs``, so that the
    export can say so (:func:`pdf_undrawn_note`). Right-to-left letters are marked too:
    reportlab lays text out left to right without joining letters, so Arabic or Hebrew would
    be drawn in reverse order, a wrong word rather than a missing one."""

    def __init__(self, fonts: PdfFonts | None = None) -> None:
        self._fonts = fonts or pdf_fonts()
        self._encodings: list[str] = []
        if self._fonts.characters is None:
            from reportlab.pdfbase import pdfmetrics  # registers the fonts' encodings as codecs

            font = pdfmetrics.getFont("Helvetica")
            # Courier and the bold and italic faces share these encodings.
            self._encodings = [font.encName, *(f.encName for f in font.substitutionFonts)]
        self._drawable: dict[str, bool] = {}
        self.runs = 0

    def drawable(self, char: str) -> bool:
        known = self._drawable.get(char)
        if known is None:
            known = self._draws(char)
            self._drawable[char] = known
        return known

    def _draws(self, char: str) -> bool:
        # Line breaks, tabs and other spaces are layout, which reportlab reads itself.
        if char.isspace():
            return True
        if unicodedata.bidirectional(char) in ("R", "AL"):
            return False
        characters = self._fonts.characters
        if characters is not None:
            return ord(char) in characters
        return any(_encodes(char, e) for e in self._encodings)

    def __call__(self, text: str) -> str:
        out: list[str] = []
        undrawn = joined = False
        # Composed first: "Ł" typed as L + a combining stroke is the font's one letter.
        for char in unicodedata.normalize("NFC", text):
            # An emoji sequence is one mark: what a zero-width joiner, a variation selector or
            # a skin tone ties to an undrawn emoji ("👨‍⚕️": the font has "⚕" alone).
            if undrawn and (
                joined or char in _EMOJI_TIES or _SKIN_TONES[0] <= char <= _SKIN_TONES[1]
            ):
                joined = char == _ZWJ
                continue
            joined = False
            if not self.drawable(char):
                # A compatibility form the font lacks drawn as its plain equivalent ("℻" as
                # "FAX"), rather than marked as lost.
                plain = unicodedata.normalize("NFKC", char)
                if plain != char and plain and all(self.drawable(c) for c in plain):
                    out.append(plain)
                    undrawn = False
                    continue
            if self.drawable(char):
                out.append(char)
                undrawn = False
            elif not undrawn:
                out.append(PDF_UNDRAWN_MARK)
                self.runs += 1
                undrawn = True
        return "".join(out)


_ZWJ = "\u200d"
_EMOJI_TIES = frozenset({_ZWJ, "\ufe0e", "\ufe0f", "\u20e3"})
_SKIN_TONES = ("\U0001f3fb", "\U0001f3ff")


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


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

    if not _body_has_title(doc):
        para(doc.title, "Title")
    for kind, text in _blocks(_body(doc)):
        if kind == "h1":
            para(text, "Title")
        elif kind.startswith("h"):
            para(text, "Heading2" if kind == "h2" else "Heading3")
        elif kind == "bullet":
            story.append(Paragraph(_pdf_markup(shown(text)), styles["BodyText"], bulletText="•"))
        elif kind == "table":
            # A fixed-width font keeps the columns where the text put them; a long row is
            # carried onto the next line rather than cut at the page's edge.
            table = Preformatted(shown(text), styles["Code"], maxLineLength=_PDF_TABLE_WIDTH)
            story.append(table)
        else:
            lines = "<br/>".join(_pdf_markup(shown(line)) for line in text.split("\n"))
            story.append(Paragraph(lines, styles["BodyText"]))
    if doc.notes:
        para(NOTES_HEADING, "Heading2")
        for note in doc.notes:
            note_text = escape(shown(one_line(note)))
            story.append(Paragraph(note_text, styles["BodyText"], bulletText="•"))
    if doc.flags:
        para("Flags", "Heading2")
        for line in _flag_lines(doc):
            story.append(Paragraph(escape(shown(line)), styles["BodyText"], bulletText="•"))
    for label, draft in _drafts(doc):
        para(label, "Heading3")
        para(draft, "BodyText")
    if doc.sources:
        para("References", "Heading2")
        for line in _reference_lines(doc):
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
    parts = [] if _body_has_title(doc) else [*_heading(doc.title, "="), ""]
    body = _body(doc).strip()
    parts.append(body if doc.kind == "document" else _plain(body))
    if doc.notes:
        parts += ["", *_heading(NOTES_HEADING, "-"), ""] + [f"- {one_line(n)}" for n in doc.notes]
    if doc.flags:
        parts += ["", *_heading("Flags", "-"), ""] + [f"- {line}" for line in _flag_lines(doc)]
    for label, draft in _drafts(doc):
        parts += ["", label, "", *(f"    {line}" for line in draft.splitlines())]
    if doc.sources:
        parts += ["", *_heading("References", "-"), "", *_reference_lines(doc)]
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
