"""PDF: the text layer of each page, with page numbers and bookmark headings.

pypdf parses untrusted bytes and can fail in many ways on a damaged file; every such failure
becomes one clear per-file error. Pages that carry no text are scans: with OCR options they are
read by the offline OCR engine (extractors/pdf_scan.py); without, a PDF with no text at all is
refused rather than imported empty.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import logging
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
from pypdf import PageObject, PdfReader
from pypdf.errors import FileNotDecryptedError, WrongPasswordError

from medlocal.errors import GenerationCancelled
from medlocal.ingest.document import (
    BLOCK_SEPARATOR,
    BODY,
    PAGE_FOOTER,
    PAGE_HEADER,
    DocumentBuilder,
    ExtractedDocument,
    SectionHeading,
)
from medlocal.ingest.errors import (
    CorruptFileError,
    EncryptedDocumentError,
    IngestError,
    NoTextLayerError,
)
from medlocal.ingest.extractors.image import OcrNotAvailableError
from medlocal.ingest.extractors.pdf_columns import might_have_columns, read_by_columns
from medlocal.ingest.extractors.pdf_forms import (
    FilledField,
    form_block,
    page_fields,
    unplaced_fields,
)
from medlocal.ingest.extractors.pdf_pictures import PdfPictures
from medlocal.ingest.extractors.pdf_raised import RaisedNumbers
from medlocal.ingest.extractors.pdf_rtl import read_right_to_left
from medlocal.ingest.extractors.pdf_running import (
    MARGIN_SHARE,
    Band,
    TextPage,
    collapse,
    split_running_lines,
)
from medlocal.ingest.extractors.pdf_scan import ocr_pdf_pages
from medlocal.ingest.extractors.pdf_tables import rejoin_rows
from medlocal.ingest.extractors.pdf_text_damage import judge_text_layer
from medlocal.ingest.extractors.pictures import PictureReader
from medlocal.ingest.headings import clinical_headings
from medlocal.ingest.ocr.images import TooManyPagesError
from medlocal.ingest.ocr.pages import (
    OcrOptions,
    PageImage,
    RecognisedPage,
    add_recognised_page,
)

# The spec allows the header anywhere in the first 1024 bytes.
_HEADER_WINDOW = 1024
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")

log = logging.getLogger(__name__)


def extract_pdf(data: bytes, file_name: str, ocr: OcrOptions | None = None) -> ExtractedDocument:
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise CorruptFileError(file_name, "not a PDF file (no PDF header)")
    try:
        return _extract(data, file_name, ocr)
    except (IngestError, GenerationCancelled):
        raise
    except (FileNotDecryptedError, WrongPasswordError):
        raise EncryptedDocumentError(
            file_name, "the PDF is password-protected; remove the password and import it again"
        ) from None
    except Exception as err:  # pypdf raises many types on damaged input; all mean the same here
        log.debug("PDF could not be read: %s", type(err).__name__)
        raise CorruptFileError(file_name, "damaged PDF that cannot be read") from None


def _extract(data: bytes, file_name: str, ocr: OcrOptions | None) -> ExtractedDocument:
    # The empty password, as PDF readers try it: it opens files locked with an owner password
    # only (readable by anyone), including those without a document ID, whose key is then
    # derived from an empty ID. A real user password is a lock we cannot open.
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise EncryptedDocumentError(
            file_name, "the PDF is password-protected; remove the password and import it again"
        )
    read = [_read_page(page) for page in reader.pages]
    texts = [page.text for page in read]
    notes: list[str] = []
    scanned = _scanned_pages(data, file_name, texts, ocr, notes)
    _note_unread_image_pages(reader, texts, scanned, ocr, notes)
    # OCR text is not compared: its lines come with boxes tied to their offsets, and a misread
    # letter would make the same header two templates anyway.
    parts = split_running_lines(
        [None if number in scanned else page for number, page in enumerate(read, start=1)]
    )
    fields = _form_fields(reader, notes)
    filled = any(not field.checkbox for page in fields for field in page)
    builder = DocumentBuilder("pdf")
    running: list[_Running] = []
    pictures = PictureReader(file_name, ocr)
    # PDFium is opened only for the typed pages whose resources show a picture: a PDF of text
    # alone (most letters) no longer pays for opening it (200 pages: see the commit).
    pictured = {
        number
        for number, text in enumerate(texts, start=1)
        if text.strip() and number not in scanned and _may_show_picture(reader.pages[number - 1])
    }
    opened = _pictures_of(data, notes) if pictured else contextlib.nullcontext(None)
    unlisted: set[int] = set()  # pages whose pictures could not be looked at
    with opened as found:
        for number, text in enumerate(texts, start=1):
            builder.start_page(number)
            form = form_block(fields[number - 1], filled)
            if number in scanned:
                add_recognised_page(builder, scanned[number])
                builder.add_block(form)
                continue
            if parts is None:
                builder.add_block(text)
            else:
                _add_running(builder, PAGE_HEADER, parts[number - 1].header, running)
                builder.add_block(parts[number - 1].body)
            if number in pictured and found is None:
                unlisted.add(number)  # PDFium could not open the file: said in a note
            if number in pictured and found is not None:
                # After the page's text: where the picture stood is not known to the reading.
                renders = _page_pictures(found, number, notes)
                if renders is None:
                    unlisted.add(number)
                for render in renders or ():
                    builder.add_block(pictures.text_of(render, number) or "")
            builder.add_block(form)
            if parts is not None:
                _add_running(builder, PAGE_FOOTER, parts[number - 1].footer, running)
    notes += pictures.notes()
    if not builder.has_text:
        if reader.is_encrypted:
            # Opened with the empty password yet nothing readable: a scan, or a key we derived
            # wrongly from a malformed encryption dictionary. Say both rather than guess.
            raise EncryptedDocumentError(
                file_name,
                "encrypted PDF with no readable text (a scan, or a lock MedLocal cannot "
                "open); save an unlocked copy and import it again",
            )
        if ocr is None:
            raise NoTextLayerError(file_name, "scanned — no text layer (OCR not requested)")
        raise NoTextLayerError(
            file_name, "no text: no text layer, and OCR found no writing on its pages (blank?)"
        )
    document = builder.build()
    # Bookmarks when the PDF has them; else the capitalised labels of a printed clinical note.
    bookmarks = _bookmark_sections(reader, document)
    sections = bookmarks or clinical_headings(document.text)
    if running:
        sections = _with_running(sections, running, document, move_inside=bool(bookmarks))
    return dataclasses.replace(
        document,
        sections=sections,
        notes=(*document.notes, *notes),
        unread_picture_pages=tuple(sorted(pictures.unread_pages | unlisted)),
    )


@dataclass(frozen=True)
class _Running:
    """Where the one kept copy of a PDF's running header or footer lies in the text."""

    title: str
    start: int
    end: int


def _add_running(builder: DocumentBuilder, title: str, text: str, found: list[_Running]) -> None:
    start = builder.add_block(text)
    if start is not None:
        found.append(_Running(title, start, start + len(text.strip())))


def _with_running(
    sections: tuple[SectionHeading, ...],
    running: list[_Running],
    document: ExtractedDocument,
    *,
    move_inside: bool,
) -> tuple[SectionHeading, ...]:
    """The body's sections with the kept running header and footer as sections of their own
    (as a DOCX's), so no body passage carries them and theirs says what they are.

    A body heading found inside a running block is no heading of the body (a "CONFIDENTIAL"
    line read as a label) and goes; a bookmark placed there (its title not found on the page,
    or found in the header) moves to where the body resumes. After each block the section in
    effect before it resumes (the body's "Document text" at the start, as for a DOCX).
    """
    length = len(document.text)
    body: list[SectionHeading] = []
    for section in sections:
        block = next((r for r in running if r.start <= section.start < r.end), None)
        if block is None:
            body.append(section)
        elif move_inside and block.end + len(BLOCK_SEPARATOR) < length:
            body.append(SectionHeading(section.title, block.end + len(BLOCK_SEPARATOR)))
    merged = list(body)
    for block in running:
        merged.append(SectionHeading(block.title, block.start))
        resume = block.end + len(BLOCK_SEPARATOR)
        if resume >= length or any(section.start == resume for section in body):
            continue
        before = [section for section in body if section.start < block.start]
        merged.append(SectionHeading(before[-1].title if before else BODY, resume))
    # Sorted by offset (the chunker and section_at bisect them), one section per offset.
    unique: dict[int, SectionHeading] = {}
    for section in sorted(merged, key=lambda section: section.start):
        unique.setdefault(section.start, section)
    return tuple(unique.values())


@contextlib.contextmanager
def _pictures_of(data: bytes, notes: list[str]) -> Iterator[PdfPictures | None]:
    """The PDF opened by PDFium for its pictures; None (and a note) where PDFium cannot open
    what pypdf could: the text is kept, the pictures named as not looked at."""
    try:
        found = PdfPictures(data)
    except pdfium.PdfiumError:
        notes.append(
            "the PDF's pictures could not be looked at: any text in them is not in the "
            "vault; check the original"
        )
        yield None
        return
    with found:
        yield found


def _page_pictures(
    found: PdfPictures, number: int, notes: list[str]
) -> list[Callable[[], PageImage]] | None:
    """The page's pictures, to render; None (and a note) where they could not be listed."""
    try:
        return found.on_page(number)
    except Exception as err:  # PDFium on a damaged page: the page's text is kept
        log.debug("PDF page pictures could not be listed: %s", type(err).__name__)
        notes.append(
            f"page {number}: its pictures could not be looked at: any text in them is not in "
            "the vault; check the original"
        )
        return None


def _form_fields(reader: PdfReader, notes: list[str]) -> list[list[FilledField]]:
    """Each page's filled form fields (the values a text layer lacks). Fields on no page go
    with the last only in a form whose fields are all in the catalog (no page shows one): where
    pages show fields, a filled field on no page is a page split off by a tool that kept the
    whole form, and its value belongs to another document, maybe another patient (review 53c
    F1) — it is left out and counted in a note. A damaged form never costs the page text: it
    is then left out, and a note says so."""
    seen: set[object] = set()
    try:
        fields = [page_fields(page, seen) for page in reader.pages]
        unplaced = unplaced_fields(reader, seen) if fields else []
        if unplaced and any(fields):
            count = len(unplaced)
            notes.append(
                f"{count} filled form field{'s' if count != 1 else ''} not shown on any page "
                "of this file (left by a tool that split it from a larger form?) "
                f"{'were' if count != 1 else 'was'} left out: check the original"
            )
        elif unplaced:
            fields[-1] += unplaced
    except Exception as err:  # pypdf raises many types on a damaged field tree
        log.debug("PDF form fields could not be read: %s", type(err).__name__)
        notes.append("the form's filled-in fields could not be read (damaged): check the original")
        return [[] for _ in reader.pages]
    return fields


def _scanned_pages(
    data: bytes, file_name: str, texts: list[str], ocr: OcrOptions | None, notes: list[str]
) -> dict[int, RecognisedPage]:
    """OCR for the pages without text, and for those whose text layer is a poor OCR's garbage
    (extractors/pdf_text_damage.py). A PDF that is all scan needs it (its error says why it
    could not be had); a mixed PDF without OCR keeps its text pages, as before OCR existed. A
    damaged text layer that could not be read again is kept, and named in ``notes``."""
    empty = [number for number, text in enumerate(texts, start=1) if not text.strip()]
    damage = {
        number: found
        for number, text in enumerate(texts, start=1)
        if text.strip() and (found := judge_text_layer(text)).damaged
    }
    numbers = sorted([*empty, *damage])
    read: dict[int, RecognisedPage] = {}
    if numbers and ocr is not None:
        try:
            read = _ocr_pages(data, file_name, empty, numbers, ocr)
        except OcrNotAvailableError:
            if len(empty) == len(texts):
                raise
    for number, found in damage.items():
        page = read.get(number)
        examples = ", ".join(f"'{word}'" for word in found.examples)
        if page is not None and any(line.text.strip() for line in page.lines):
            notes.append(
                f"page {number}: its text layer looked damaged (words such as {examples}); "
                "the page was read by OCR instead"
            )
            continue
        read.pop(number, None)  # nothing read from its image: the text layer is all there is
        notes.append(
            f"page {number}: the text layer looks damaged (words such as {examples}) and could "
            "not be read again by OCR: check the original"
        )
    return read


def _note_unread_image_pages(
    reader: PdfReader,
    texts: list[str],
    scanned: dict[int, RecognisedPage],
    ocr: OcrOptions | None,
    notes: list[str],
) -> None:
    """Name the pages of a mixed PDF that show a picture but have no text layer and were not
    read by OCR (it was off or unavailable): they were dropped without a word. A page with no
    picture at all (a blank separator page) is no loss and is not named. A PDF that is all
    such pages is refused as a scan instead (see ``_extract``)."""
    missing = [
        number
        for number, text in enumerate(texts, start=1)
        if not text.strip()
        and number not in scanned
        # An inline image ('BI' in the content: a fax or a small scan) is a picture too
        # (review54a: a page that was only one was dropped unsaid).
        and _may_show_picture(reader.pages[number - 1])
    ]
    if not missing or all(not text.strip() for text in texts):
        return
    why = (
        "OCR was not requested"
        if ocr is None
        else "OCR is off"
        if not ocr.enabled
        else "OCR is unavailable"
    )
    where = (
        f"page {missing[0]} has"
        if len(missing) == 1
        else f"pages {', '.join(map(str, missing))} have"
    )
    notes.append(
        f"{where} no text layer and {why}: any text in their pictures is not in the vault; "
        "import again with OCR on, or check the original"
    )


def _shows_picture(page: PageObject) -> bool:
    """Whether the page's resources hold an image or a form that may draw one (read from the
    page's dictionary only: no content stream is parsed, nothing rendered)."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") in ("/Image", "/Form"):
                return True
    except Exception:  # a damaged resource dictionary: said rather than passed over
        return True
    return False


def _may_show_picture(page: PageObject) -> bool:
    """Whether a page may draw a picture: an image or form in its resources, or an inline
    image in its content. Wrong only towards True (PDFium then looks, as before)."""
    if _shows_picture(page):
        return True
    try:
        contents = page.get_contents()
        content = contents.get_data() if contents is not None else b""
    except Exception:  # a damaged content stream: PDFium looks, as before
        return True
    return _INLINE_IMAGE.search(content) is not None


# 'BI' as an operator: after whitespace or a delimiter, before whitespace or its first key's '/'
# ('BI/W 8' is as valid as 'BI /W 8'; review54a). A 'BI' inside a text string only makes PDFium
# look.
_INLINE_IMAGE = re.compile(rb"(?:^|[\s)\]>}])BI(?=[\s/])")


def _ocr_pages(
    data: bytes, file_name: str, empty: list[int], numbers: list[int], ocr: OcrOptions
) -> dict[int, RecognisedPage]:
    """OCR ``numbers``; where the damaged pages take them over the page limit, the pages
    without text only (a file that imported before its damage was judged still does)."""
    try:
        return ocr_pdf_pages(data, file_name, numbers, ocr)
    except TooManyPagesError:
        if len(empty) == len(numbers):
            raise
    return ocr_pdf_pages(data, file_name, empty, ocr) if empty else {}


def _page_text(page: PageObject) -> str:
    """A page's plain text (see :func:`_read_page`)."""
    return _read_page(page).text


def _read_page(page: PageObject) -> TextPage:
    """A page's plain text, with the table rows plain extraction broke into one cell per line
    joined again from its layout reading (extractors/pdf_tables.py), and which of its lines are
    printed in its top or bottom margin band (for running headers and footers): read in the
    same pass, from where pypdf says each text run starts."""
    # pypdf gives each run's position in the page's own space; a page with /Rotate is shown
    # turned (a landscape report, a page turned in a viewer), and its top as read is one of
    # that space's sides. Positions and the box are read in the frame the page is shown in.
    turn = page.rotation % 360
    box = page.cropbox
    corners = [_as_shown(turn, float(x), float(y)) for x, y in (box.lower_left, box.upper_right)]
    bottom, top = sorted(y for _, y in corners)
    left, right = sorted(x for x, _ in corners)
    margin = MARGIN_SHARE * (top - bottom)
    runs: list[tuple[str, Band | None]] = []
    starts: list[tuple[float, float]] = []  # where level runs start: a second column?
    raised = RaisedNumbers()
    rises = _TextRises()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        # The run's direction and its start, in the page's space, then as shown.
        along, across = _as_shown(
            turn, tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        )
        x, y = _as_shown(
            turn, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        )
        band: Band | None = None
        if along > 0 and abs(across) <= 1e-6 * along:  # text level as the page is shown
            if text.strip():
                starts.append((x, y))
            if top - y <= margin:
                band = "top"
            elif y - bottom <= margin:
                band = "bottom"
        runs.append((text, band))
        run = _run_in_its_line(size, tm, cm, rises.of_run() if text else 0.0)
        raised.visit(text, run.size, run.along, run.baseline, run.direction)

    text = page.extract_text(visitor_text=visit, visitor_operand_before=rises.see)
    plain = _clean(raised.apply(text or ""))

    @functools.cache
    def layout() -> str:  # read once, if at all: each reading below may ask for it
        return _clean(page.extract_text(extraction_mode="layout") or "")

    if might_have_columns(starts, left, right):
        plain = read_by_columns(plain, layout)
    margins = _margin_lines(runs)
    before, plain = plain, read_right_to_left(plain, layout)
    if plain != before:
        margins = _bands_kept(before, plain, margins)
    text = rejoin_rows(plain, layout)
    return TextPage(text, margins)


def _bands_kept(before: str, after: str, margins: dict[str, Band]) -> dict[str, Band]:
    """``margins`` with the band of each line read again (line for line: a right-to-left line
    in its written order) under its new text too: the bands are keyed by the runs' text as pypdf
    told it, and a running header in Hebrew is still one."""
    kept = dict(margins)
    for old, new in zip(before.split("\n"), after.split("\n"), strict=True):
        band = margins.get(collapse(old))
        if old == new or band is None:
            continue
        if kept.setdefault(collapse(new), band) != band:  # the same words in both bands
            del kept[collapse(new)]
    return kept


class _TextRises:
    """The text rise (Ts) each text-showing operator of a page was drawn with: pypdf tells its
    visitor a run only at a later operator (the next font change), after a rise set back to 0
    ("10", rise 4 and a smaller "9", rise 0), so the rise is taken as each run is shown."""

    def __init__(self) -> None:
        self._rise = 0.0
        self._saved: list[float] = []  # q/Q keep the text rise with the graphics state
        self._shown: list[float] = []  # the rises of the runs shown since the last told

    def see(self, operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if operator in _SHOWS_TEXT:
            self._shown.append(self._rise)
        elif operator == b"Ts" and operands:
            try:
                self._rise = float(operands[0])
            except (TypeError, ValueError):
                self._rise = 0.0
        elif operator == b"q":
            self._saved.append(self._rise)
        elif operator == b"Q" and self._saved:
            self._rise = self._saved.pop()

    def of_run(self) -> float:
        """The rise of the run pypdf tells now: that of the runs shown since the last, when
        they share one (pieces drawn at different rises but told as one are left at 0)."""
        shown, self._shown = self._shown, []
        return shown[0] if shown and all(rise == shown[0] for rise in shown) else 0.0


_SHOWS_TEXT = frozenset({b"Tj", b"TJ", b"'", b'"'})


@dataclass(frozen=True)
class _RunPlace:
    """A run as its own line runs: its font size as drawn, how far along the line it starts,
    its baseline (text rise included) across it, and the line's direction in whole degrees."""

    size: float
    along: float
    baseline: float
    direction: int


def _run_in_its_line(size: Any, tm: list[float], cm: list[float], rise: float) -> _RunPlace:
    """Where a run stands in the frame its text is drawn in, not the page's: a page shown
    turned (/Rotate) or text drawn with a turned matrix (a landscape table) has its lines
    running up or down the page, and a raised exponent is raised across its line (review54a
    F8: on such pages none was found). The text matrix times the drawing matrix gives the
    line's direction (its first row) and the glyphs' up (its second)."""
    try:
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        e = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] + rise * c
        f = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] + rise * d
        length = math.hypot(a, b)
        if length == 0:
            return _RunPlace(0.0, 0.0, 0.0, 0)
        ux, uy = a / length, b / length
        scale = math.hypot(c, d) or length
        direction = round(math.degrees(math.atan2(uy, ux))) % 360
        return _RunPlace(float(size) * scale, e * ux + f * uy, f * ux - e * uy, direction)
    except (TypeError, ValueError, IndexError):
        return _RunPlace(0.0, 0.0, 0.0, 0)


def _as_shown(turn: int, x: float, y: float) -> tuple[float, float]:
    """A point or direction of a page's own space as the page is shown when its /Rotate is
    ``turn`` (0, 90, 180 or 270 degrees clockwise): x along the shown page, y up it."""
    if turn == 90:
        return y, -x
    if turn == 180:
        return -x, -y
    if turn == 270:
        return -y, x
    return x, y


def _margin_lines(runs: list[tuple[str, Band | None]]) -> dict[str, Band]:
    """The lines (whitespace collapsed) all of whose text runs, in all their copies on the page,
    lie in the same margin band."""
    bands: dict[str, set[Band | None]] = {}
    line: list[str] = []
    line_bands: set[Band | None] = set()
    for text, band in [*runs, ("\n", None)]:
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:  # a line ends
                key = collapse(_CONTROL.sub("", "".join(line)))
                if key:
                    bands.setdefault(key, set()).update(line_bands)
                line, line_bands = [], set()
            if piece.strip():
                line_bands.add(band)
            line.append(piece)
    margins: dict[str, Band] = {}
    for key, found in bands.items():
        only = found.pop() if len(found) == 1 else None
        if only is not None:
            margins[key] = only
    return margins


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACE.sub("\n", _CONTROL.sub("", text))


def _bookmark_sections(
    reader: PdfReader, document: ExtractedDocument
) -> tuple[SectionHeading, ...]:
    """Bookmarks as sections, placed where their title appears on their page (else page start).

    Bookmarks are optional decoration: a malformed outline yields no sections, never an error.
    """
    try:
        marks = [
            (reader.get_destination_page_number(item), str(item.title or ""))
            for item in _walk_outline(reader.outline)
        ]
    except Exception:  # a damaged outline must not block the text we already have
        return ()
    spans = {page.number: page for page in document.pages}
    sections: list[SectionHeading] = []
    cursor: dict[int, int] = {}
    for page_index, raw_title in sorted(marks, key=lambda mark: mark[0]):
        title = " ".join(raw_title.split())
        span = spans.get(page_index + 1)
        if not title or span is None:
            continue
        found = document.text.find(title, cursor.get(span.number, span.start), span.end)
        start = found if found >= 0 else span.start
        cursor[span.number] = start
        sections.append(SectionHeading(title, start))
    sections.sort(key=lambda section: section.start)
    return tuple(sections)


def _walk_outline(outline: Any) -> Iterator[Any]:
    for item in outline:
        if isinstance(item, list):
            yield from _walk_outline(item)
        else:
            yield item
