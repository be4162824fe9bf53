"""What a file's bytes say it is, where its name does not say (an e-mail attachment named "scan",
sent as application/octet-stream) or says another format (a PDF saved as .txt): the few formats
MedLocal reads whose first bytes are unmistakable (a zip by the parts it holds), and whether bytes
read as plain text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from medlocal.ingest.extractors.textcodec import wide_encoding


@dataclass(frozen=True)
class Sniffed:
    file_type: str  # as the vault records it
    words: str  # how to name it: "a PDF"
    suffix: str  # the extension it needs: ".pdf"


_MAGIC: tuple[tuple[bytes, Sniffed], ...] = (
    (b"%PDF-", Sniffed("pdf", "a PDF", ".pdf")),
    (b"\x89PNG\r\n\x1a\n", Sniffed("image", "a PNG image", ".png")),
    (b"\xff\xd8\xff", Sniffed("image", "a JPEG image", ".jpg")),
    (b"II*\x00", Sniffed("image", "a TIFF image", ".tif")),
    (b"MM\x00*", Sniffed("image", "a TIFF image", ".tif")),
)
_ZIP_MAGIC = b"PK\x03\x04"
_WORD_PART = b"word/document.xml"
WORD = Sniffed("docx", "a Word document", ".docx")
_EXCEL_PART = b"xl/workbook.xml"
EXCEL = Sniffed("xlsx", "an Excel workbook", ".xlsx")
# An OpenDocument file's first zip entry is "mimetype", stored uncompressed (the standard says
# so, for this very use): its name at offset 30 of the file, its content right after it.
_ODF_MIMETYPE_AT = 30
ODT = Sniffed("odt", "an OpenDocument text document", ".odt")
ODS = Sniffed("ods", "an OpenDocument spreadsheet", ".ods")
_ODF_OPENINGS = (
    (b"mimetypeapplication/vnd.oasis.opendocument.text", ODT),
    (b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", ODS),
)
_RTF_MAGIC = b"{\\rtf"
# How much of a file is looked at to call it text, and the share of control characters
# (other than tab, line and page breaks) that text may hold: a stray one, never a binary's.
_TEXT_SAMPLE = 64 * 1024
_CONTROLS = dict.fromkeys([*sorted(set(range(32)) - {9, 10, 12, 13}), 0x7F])
# Read as UTF-16 or UTF-32, C1 controls as well (a byte of 8-bit text, "\x93" a quote in
# Windows-1252, is never one there): an exe's "MZ\x90\x00" holds zeros as such text does.
_WIDE_CONTROLS = _CONTROLS | dict.fromkeys(range(0x80, 0xA0))


def sniffed(data: bytes) -> Sniffed | None:
    """The supported format ``data`` unmistakably is (PDF, PNG, JPEG, TIFF, Word, Excel,
    OpenDocument text or spreadsheet), else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if not data.startswith(_ZIP_MAGIC):
        return None
    for mimetype, kind in _ODF_OPENINGS:
        opening = data[_ODF_MIMETYPE_AT : _ODF_MIMETYPE_AT + len(mimetype) + 1]
        if opening.startswith(mimetype) and opening[len(mimetype) :] in (b"", b"P"):
            return kind  # not "...text-template" nor "...text-master": "PK" of the next entry
    if _WORD_PART in data:  # before Excel's: a Word document may carry a workbook inside
        return WORD
    if _EXCEL_PART in data:
        return EXCEL
    return None


def text_suffix(data: bytes) -> str | None:
    """ ".rtf" or ".txt" when ``data`` reads as an RTF letter or plain text (UTF-16 and UTF-32
    included, with a byte-order mark or without: review 49 R8), else None."""
    if data.startswith(_RTF_MAGIC):
        return ".rtf"
    sample = data[:_TEXT_SAMPLE]
    wide = wide_encoding(sample)
    if wide is None:
        text, counted = sample.decode("latin-1"), _CONTROLS  # one character a byte
    else:
        try:  # the sample may end inside a character: read up to it
            text, counted = codecs.getincrementaldecoder(wide)().decode(sample), _WIDE_CONTROLS
        except UnicodeDecodeError:
            return None
    if not text.strip() or "\x00" in text:
        return None
    controls = len(text) - len(text.translate(counted))
    return ".txt" if controls * 100 <= len(text) else None


# Text that is markup or data, not prose (review 50a, R7): what its first non-blank characters
# are, and how to name it. Read as plain text, a clinician would search tags, PostScript code or
# base64 bodies.
_MARKUP_OPENINGS: tuple[tuple[str, str], ...] = (
    ("<?xml", "XML data"),
    ("<svg", "an SVG drawing"),
    ("<!doctype", "a web page (HTML)"),
    ("<html", "a web page (HTML)"),
    ("%!ps", "PostScript"),
    ("mime-version", "a saved e-mail or web archive"),
    ("msh|", "an HL7 message"),
    ("<", "markup (XML or HTML)"),
    ("{", "JSON data"),
)


def markup_kind(data: bytes) -> str | None:
    """What markup or data format ``data``'s text opens as ("XML data", "PostScript"), else
    None (prose, or no text at all)."""
    sample = data[:1024].removeprefix(codecs.BOM_UTF8)
    wide = wide_encoding(sample)
    text = sample.decode(wide, errors="ignore") if wide else sample.decode("latin-1")
    opening = text.lstrip("\ufeff \t\r\n\f").lower()
    for start, words in _MARKUP_OPENINGS:
        if opening.startswith(start):
            return words
    return None
