"""Which extractor reads which file, and the checks every file passes before it is parsed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medlocal.errors import GenerationCancelled
from medlocal.fsutil import readable_name
from medlocal.ingest.document import Attachment, ExtractedDocument, StoredForm
from medlocal.ingest.errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    IngestError,
    UnsupportedFormatError,
)
from medlocal.ingest.extractors.docx import extract_docx, extract_docx_with_ocr
from medlocal.ingest.extractors.fhir import extract_fhir
from medlocal.ingest.extractors.html import extract_html
from medlocal.ingest.extractors.image import extract_image
from medlocal.ingest.extractors.mail import email_carried, extract_email
from medlocal.ingest.extractors.ods import extract_ods
from medlocal.ingest.extractors.odt import extract_odt
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.extractors.plaintext import extract_markdown, extract_table, extract_text
from medlocal.ingest.extractors.rtf import extract_rtf
from medlocal.ingest.extractors.spreadsheet import extract_xlsx
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.sniff import markup_kind, sniffed, text_suffix

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

Extractor = Callable[[bytes, str], ExtractedDocument]
# Formats that may need OCR also take the import's OCR options (settings, progress, cancel).
ScanExtractor = Callable[[bytes, str, OcrOptions], ExtractedDocument]


@dataclass(frozen=True)
class Format:
    file_type: str  # what the vault records for the document
    reader: Extractor
    scan_reader: ScanExtractor | None = None
    # The files a file of this format carries, read without its text (an e-mail's attachments),
    # and how to write its stored form (``ExtractedDocument.stored_form``).
    carried: Callable[[bytes, str], tuple[tuple[Attachment, ...], StoredForm | None]] | None = None

    def extract(
        self, data: bytes, file_name: str, ocr: OcrOptions | None = None
    ) -> ExtractedDocument:
        """Run the reader; whatever a malformed file makes it (or a parsing library) raise
        becomes this file's IngestError, so one bad file never stops a batch.

        Only the exception's type is kept: its message may quote the document's content.
        """
        misnamed = _misnamed(data, self.file_type)
        if misnamed is not None:
            kind, rename = misnamed
            raise CorruptFileError(
                file_name,
                f"this is {kind} named {Path(file_name).suffix}: rename it to end in {rename} "
                "and import it again",
            )
        try:
            if self.scan_reader is not None and ocr is not None:
                return self.scan_reader(data, file_name, ocr)
            return self.reader(data, file_name)
        except (IngestError, GenerationCancelled):
            raise
        except Exception as err:
            raise CorruptFileError(file_name, f"cannot be read ({type(err).__name__})") from None

    def attachments(
        self, data: bytes, file_name: str
    ) -> tuple[tuple[Attachment, ...], StoredForm | None]:
        """The files ``data`` carries, for a file already in the vault imported again, and how
        to write its stored form: none where it cannot be read (it was read once; the import
        names no new failure for it)."""
        if self.carried is None:
            return (), None
        try:
            return self.carried(data, file_name)
        except Exception:
            return (), None


def _misnamed(data: bytes, file_type: str) -> tuple[str, str] | None:
    """(what the file is, the extension it needs) when its content is unmistakably another
    supported format than its extension names (an attachment saved under the wrong name), else
    None: the extension's reader then judges the file as before."""
    kind = sniffed(data)
    if kind is None or kind.file_type == file_type:
        return None
    return kind.words, kind.suffix


def _image_without_ocr_options(data: bytes, file_name: str) -> ExtractedDocument:
    return extract_image(data, file_name, OcrOptions())


_IMAGE = Format("image", _image_without_ocr_options, extract_image)
# A macro-enabled workbook (.xlsm) is read for its data as an .xlsx is; its macros never run.
_EXCEL = Format("xlsx", extract_xlsx)

_BY_SUFFIX: dict[str, Format] = {
    ".pdf": Format("pdf", extract_pdf, extract_pdf),
    ".docx": Format("docx", extract_docx, extract_docx_with_ocr),
    ".txt": Format("txt", extract_text),
    ".text": Format("txt", extract_text),
    ".csv": Format("csv", extract_table),
    ".tsv": Format("csv", extract_table),
    ".md": Format("markdown", extract_markdown),
    ".markdown": Format("markdown", extract_markdown),
    ".html": Format("html", extract_html),
    ".htm": Format("html", extract_html),
    ".json": Format("fhir", extract_fhir),
    ".eml": Format("email", extract_email, carried=email_carried),
    ".rtf": Format("rtf", extract_rtf),
    ".odt": Format("odt", extract_odt),
    ".xlsx": _EXCEL,
    ".xlsm": _EXCEL,
    ".ods": Format("ods", extract_ods),
    **{suffix: _IMAGE for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff")},
}

SUPPORTED_SUFFIXES = tuple(sorted(_BY_SUFFIX))
# Picture formats that are not read (HEIC, the iPhone's default, needs a plugin; the others are
# rare for scans): refused with advice to save the picture as JPEG or PNG.
OTHER_IMAGE_SUFFIXES = frozenset(
    (".heic", ".heif", ".webp", ".bmp", ".gif", ".avif", ".jp2", ".jxl", ".dib", ".svg")
)
_SAVE_AS = "save it as PDF, DOCX or TXT (an e-mail as .eml) and import that"
# Markup and data formats that are no document to read as plain text (review 50a, R7), and the
# spreadsheet formats not read (an old .xls is often HTML or text a web system saved under that
# name): refused by their extension, never read by their content, with what to do instead.
_SAVE_SHEET = "save it as .xlsx (or as CSV), and import that"
_MARKUP_ADVICE: dict[str, str] = {
    ".xls": f"an old Excel 97-2003 workbook: open it in Excel or LibreOffice Calc, {_SAVE_SHEET}",
    ".xlsb": f"a binary Excel workbook: open it in Excel, {_SAVE_SHEET}",
    ".numbers": "an Apple Numbers spreadsheet: open it in Numbers, export it as Excel or CSV "
    "(File › Export To), and import that",
    ".ps": "a PostScript print file: open it and print or save it to PDF, and import that",
    ".eps": "a PostScript drawing: open it and save it as PDF or PNG, and import that",
    ".mht": "a saved web archive: open it in a web browser, print it to PDF, and import that",
    ".mhtml": "a saved web archive: open it in a web browser, print it to PDF, and import that",
    ".xml": "structured data (XML, such as a CDA record), not a document: open it in the "
    "program that made it or ask the sender for a PDF, and import that",
    ".hl7": "an HL7 message, not a document: ask the laboratory or the sender for the report "
    "as a PDF, and import that",
}
# An Outlook message (.msg, an OLE compound file) is not read. Classic Outlook for Windows cannot
# save a message as .eml (walk 53b, M2), and saving it as text drops the attachments, which are
# usually why it is imported: say how to keep both. Given only where the extension says .msg;
# a .msg whose text is an HL7 message is still told so by its content.
_OUTLOOK_ADVICE = (
    "an Outlook message is not read. In Outlook: File › Save As › Text Only (.txt) for its "
    "text, and File › Save Attachments for the files it carries (a discharge PDF), and import "
    "those; or print it with Microsoft Print to PDF. The new Outlook and Outlook on the web "
    "save a message as .eml (Save as, or Download), which MedLocal imports with its attachments"
)
# The formats in words, for help texts: every file type above is named here (a test checks).
SUPPORTED_KINDS = (
    "PDF, DOCX, ODT (OpenDocument text), RTF, TXT, CSV, Excel .xlsx and ODS (tables), Markdown, "
    "HTML and FHIR R4 JSON files, e-mails saved as .eml, and PNG, JPEG and TIFF images (scanned "
    "pages and images are read by OCR)"
)
FILE_TYPE_WORDS = {
    "pdf": "PDF",
    "docx": "DOCX",
    "txt": "TXT",
    "csv": "CSV",
    "markdown": "Markdown",
    "html": "HTML",
    "fhir": "FHIR",
    "email": "e-mails",
    "rtf": "RTF",
    "image": "images",
    "xlsx": "Excel",
    "odt": "ODT",
    "ods": "ODS",
}


def format_for(path: Path) -> Format:
    """The format a file's extension names, or UnsupportedFormatError."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        shown = readable_name(path.suffix) or "no extension"
        if path.suffix.lower() in OTHER_IMAGE_SUFFIXES:
            # A photo or picture: "save it as PDF, DOCX or TXT" was no help (walk 50b, D7).
            raise UnsupportedFormatError(
                path.name,
                f"unsupported image type ({shown}); MedLocal reads images saved as PNG, JPEG or "
                "TIFF: open it in a photo or image viewer, save or export it as JPEG or PNG "
                "and import that",
            )
        if path.suffix.lower() == ".msg":
            raise UnsupportedFormatError(
                path.name, f"unsupported file type ({shown}): {_OUTLOOK_ADVICE}"
            )
        advice = _MARKUP_ADVICE.get(path.suffix.lower())
        if advice is not None:
            raise UnsupportedFormatError(path.name, f"unsupported file type ({shown}), {advice}")
        raise UnsupportedFormatError(
            path.name,
            f"unsupported file type ({shown}); MedLocal imports {', '.join(SUPPORTED_SUFFIXES)}: "
            f"open it in the program that made it, {_SAVE_AS}",
        )
    return found


# The format each recorded file type is read with (the first extension naming it).
_BY_TYPE: dict[str, Format] = {}
for _format in _BY_SUFFIX.values():
    _BY_TYPE.setdefault(_format.file_type, _format)


def format_by_content(path: Path, data: bytes) -> tuple[Format, str] | None:
    """For a file whose extension names no format MedLocal reads ("report.v2", "scan"): the
    format its bytes unmistakably are (PDF, Word, Excel, OpenDocument, PNG, JPEG, TIFF),
    else plain text or RTF when they read as such, and the words saying so ("read as PDF by its
    content"); None when they are none of these (left 49: only an e-mail's attachments were read
    by their bytes), or when its extension names a markup format refused by name (SVG,
    PostScript, XML, HL7: review 50a, R7; old spreadsheet formats).
    Text that is markup or data (XML, PostScript, a MIME archive, an HL7 message) raises
    UnsupportedFormatError saying what to do."""
    if (named := path.suffix.lower()) == ".svg" or named in _MARKUP_ADVICE:
        return None
    kind = sniffed(data)
    if kind is not None:
        named = kind.words.split(" ", 1)[1]  # "a PDF", "an Excel workbook": without the article
        return format_for(Path(f"x{kind.suffix}")), f"read as {named} by its content"
    suffix = text_suffix(data)
    if suffix is None:
        return None
    markup = markup_kind(data) if suffix == ".txt" else None
    if markup is not None:
        raise UnsupportedFormatError(
            path.name,
            f"unsupported file type ({readable_name(path.suffix) or 'no extension'}); its text "
            f"is {markup}, not a document MedLocal reads as plain text: open it in the program "
            f"that made it, {_SAVE_AS}",
        )
    words = "RTF" if suffix == ".rtf" else "plain text"
    return format_for(Path(f"x{suffix}")), f"read as {words} by its content"


def format_of_document(file_name: str, file_type: str) -> Format:
    """The format a stored document is read again with (re-chunking, page spans): its name's,
    else, for a file read by its content ("report.v2" read as a PDF), its recorded type's."""
    try:
        return format_for(Path(file_name))
    except UnsupportedFormatError:
        if file_type in _BY_TYPE:
            return _BY_TYPE[file_type]
        raise


def check_size(path: Path, size: int, max_bytes: int) -> None:
    if size == 0:
        raise EmptyFileError(path.name, "empty file (0 bytes)")
    if size > max_bytes:
        shown, limit = format_size(size), format_size(max_bytes)
        if shown == limit:  # just over: rounding would show the same figure twice
            shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise FileTooLargeError(path.name, f"file is {shown}, over the import limit of {limit}")


def format_size(size: int) -> str:
    """A byte count for people, to three significant figures: "900 bytes", "1.05 KB",
    "12.3 MB", "250 MB" (KB and MB of 1024, as ``--max-size-mb`` counts), so a small limit
    never reads as 0.0 MB."""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    for unit, scale in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        value = size / scale
        if value < 999.5 or unit == "GB":
            digits = 2 if value < 9.995 else 1 if value < 99.95 else 0
            return f"{value:.{digits}f} {unit}"
    raise AssertionError("unreachable")


def extract_file(
    path: Path, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, ocr: OcrOptions | None = None
) -> ExtractedDocument:
    """Extract a file already read into memory (checks size and format first)."""
    check_size(path, len(data), max_bytes)
    return format_for(path).extract(data, path.name, ocr)
