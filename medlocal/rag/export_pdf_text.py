"""What a PDF export's fonts can draw: the shipped DejaVu faces registered with reportlab
(:func:`pdf_fonts`), text with each run of characters they lack marked (:class:`PdfText`), and
the note that says what was marked (:func:`pdf_undrawn_note`).
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

# Logged under the name it had before the export writers were split: the log reads the same.
log = logging.getLogger("medlocal.rag.export_files")

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
