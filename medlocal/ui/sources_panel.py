"""Right side of the window: a cited passage shown inside its document, scrolled to and
highlighted by its character offsets; for PDFs also the rendered page with the passage's
characters marked.

The document and the page are read on workers owned by the panel (:func:`run_owned`): a long
document's text, or a read waiting behind an import's commit, must not hold the window. Each
click or clear starts a new request; a result that arrives after a later one (or after the lock,
or after the panel was deleted) is dropped."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from medlocal.app import Workspace
from medlocal.delimited_tables import HEADER_WINDOW, TABLE_FILE_TYPES, heading_for
from medlocal.fsutil import shown_name
from medlocal.rag.cited_place import cited_place
from medlocal.rag.passages import SourceRef
from medlocal.ui.dialogs.common import error_text, run_owned
from medlocal.ui.fitting_label import FittingLabel
from medlocal.ui.icons import NOTED_MARK
from medlocal.ui.pdf_page import (
    PageImage,
    PagePiece,
    passage_pieces,
    render_image_page,
    render_passage,
)
from medlocal.vault.errors import NotFoundError
from medlocal.vault.rows import DocumentInfo

HIGHLIGHT = QColor(255, 213, 79)


# A cited passage its document no longer holds: read again by a newer extractor since.
_PASSAGE_GONE = (
    f"{NOTED_MARK} The passage cited is no longer in this document's text: the document was read "
    "again by a newer MedLocal after this was written. The reference list quotes it as it was."
)


def _cannot_show(source: SourceRef, exc: BaseException) -> str:
    """Why a citation's passage cannot be opened, in the reader's words: a document deleted
    after the answer was written is the usual reason, and the vault's "No document with id N"
    names an internal id the reader never sees."""
    if isinstance(exc, NotFoundError):
        return (
            f"[{source.number}] cannot be shown: the document it came from "
            f"({shown_name(source.file_name)}) was deleted from the vault after this answer was "
            "written."
        )
    return f"[{source.number}] cannot be shown: {error_text(exc, 'Opening it')}"


# An instruction the keyboard can follow too (walk 48a D12: it said "Click" only).
SOURCES_HINT = (
    "Open a citation [n] in an answer (click it, or Ctrl+Tab to it and Enter) to see its "
    "passage here."
)


def _columns_line(document: DocumentInfo, text: str, start: int) -> str:
    """The header row of the CSV/TSV table (or Excel sheet) a passage starting at ``start``
    lies in, as a line of the panel's heading ("\nColumns: Date,Hb,WCC,Plt"), where the passage
    lies past it: the document is shown scrolled to a later passage's rows, and its header row
    is out of view above them (the model and the checks read the rows under it). "" elsewhere."""
    if document.file_type.lower() not in TABLE_FILE_TYPES:
        return ""
    heading = heading_for(text[:HEADER_WINDOW], start)
    if heading is None:
        return ""
    return "\nColumns: " + heading.replace("\t", ", ").replace("\n", " / ")


class SourcesPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # Keeps its lines whole when the window is short for the font (walk 48a D5).
        self.header = FittingLabel(SOURCES_HINT)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        self.header.setAccessibleName("Source")
        # A long file name is one word, which word wrap cannot break: the header takes the
        # pane's width rather than widening the pane (and the window) to fit it.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Document text with the cited passage highlighted")
        self.page = QLabel()
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page.setAccessibleName("PDF page with the cited passage highlighted")
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.page)
        self.page_scroll.setWidgetResizable(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Cited document: text or page")
        # The tab bar takes the keyboard, and a screen reader names it (walk 53a L3).
        self.tabs.tabBar().setAccessibleName("Cited document views: Text or Page")
        self.tabs.addTab(self.text, "Text")
        self.tabs.addTab(self.page_scroll, "Page")
        self.tabs.setTabEnabled(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Sources</b>"))
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.current: SourceRef | None = None
        self.page_boxes: list[tuple[float, float, float, float]] = []
        self._request = 0

    def clear(self) -> None:
        self.current = None
        self._request += 1
        self.header.setText(SOURCES_HINT)
        self.header.setToolTip("")
        self.text.clear()
        self.text.setExtraSelections([])
        self.page.clear()
        self.page_boxes = []
        self.tabs.setTabText(1, "Page")
        self.tabs.setTabEnabled(1, False)
        self.tabs.setCurrentIndex(0)

    def show_source(self, source: SourceRef) -> None:
        vault = self.workspace.vault
        if vault is None or vault.is_locked:
            return
        self.clear()
        request = self._request
        self.header.setText(f"[{source.number}] {shown_name(source.place)}: opening…")

        def read(_cancel: Any) -> tuple[DocumentInfo, str]:
            return vault.get_document(source.document_id), vault.document_text(source.document_id)

        def done(result: tuple[DocumentInfo, str]) -> None:
            if request == self._request:
                self._show(source, *result)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self.clear()
                self.header.setText(_cannot_show(source, exc))

        # Owned by the panel: a document read for a window deleted meanwhile is dropped.
        run_owned(self, "open source", read, done, failed)

    def _show(self, source: SourceRef, document: DocumentInfo, text: str) -> None:
        self.current = source
        # A file whose import noted that it names another patient keeps saying so beside the
        # passage it is cited for: the document list marks it, but the answer is read here.
        checks = "".join(f"\n{NOTED_MARK} Check: {note}" for note in document.notes)
        # The document may have been read again since (cited_place.py): its passage then lies
        # elsewhere, or is no longer in its text, and is not shown on other words.
        place = cited_place(text, source)
        columns = _columns_line(document, text, place[0]) if place else f"\n{_PASSAGE_GONE}"
        self.header.setText(f"[{source.number}] {shown_name(source.place)}{columns}{checks}")
        self.header.setToolTip(self.header.text())  # all of it, should a file name be cut off
        self.text.setPlainText(text)
        self._highlight(*(place or (0, 0)))
        self.page.clear()
        self.page_boxes = []
        kind = document.file_type.lower()
        has_page = kind in ("pdf", "image") and source.page is not None
        self.tabs.setTabEnabled(1, has_page)
        self.tabs.setCurrentIndex(0)
        if has_page:
            self._render_pdf_page(source, text, kind)

    def _highlight(self, start: int, end: int) -> None:
        length = len(self.text.toPlainText())
        start, end = max(0, min(start, length)), max(0, min(end, length))
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setForeground(QColor("black"))
        selection.format = fmt
        selection.cursor = cursor
        self.text.setExtraSelections([selection])
        # Scroll so the passage starts near the top, not at the bottom edge.
        shown = QTextCursor(self.text.document())
        shown.setPosition(min(end, length))
        self.text.setTextCursor(shown)
        shown.setPosition(start)
        self.text.setTextCursor(shown)
        self.text.centerCursor()

    def highlighted_text(self) -> str:
        selections = self.text.extraSelections()
        if not selections:
            return ""
        return str(selections[0].cursor.selectedText()).replace("\u2029", "\n")

    def _render_pdf_page(self, source: SourceRef, text: str, kind: str = "pdf") -> None:
        vault = self.workspace.require_vault()
        self._request += 1
        request = self._request
        page_number = source.page or 1

        def work(_cancel: Any) -> tuple[PageImage, list[int]]:
            data = vault.document_bytes(source.document_id)
            # Passages read by OCR carry their line boxes: the only way to place a scan's text.
            regions = vault.get_chunk(source.chunk_id).regions
            if kind == "image":
                return render_image_page(data, page_number, regions), [page_number]
            # The page spans kept at import cut the passage at page breaks; a document from
            # before they were kept (and not yet updated) has its passage's page number only.
            spans = vault.document_pages(source.document_id) or ()
            pieces = passage_pieces(text, spans, source.start, source.end) or [
                PagePiece(page_number, text[source.start : source.end], None)
            ]
            return render_passage(data, pieces, regions), [piece.page for piece in pieces]

        def done(result: tuple[PageImage, list[int]]) -> None:
            if request == self._request:  # a later click or a lock superseded this one
                image, numbers = result
                label = f"Page {numbers[0]}"
                if len(numbers) > 1:
                    label = f"Pages {numbers[0]}\u2013{numbers[-1]}"
                self.tabs.setTabText(1, label)
                self._show_page(image)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self.page.setText(f"The page could not be rendered ({type(exc).__name__}).")

        # Owned by the panel, as the document's read is: a page rendered for a panel deleted
        # meanwhile (its window closed and deleted) wrote to a deleted label (fix 52b).
        run_owned(self, "render page", work, done, failed)

    def _show_page(self, image: PageImage) -> None:
        height, width, _ = image.pixels.shape
        qimage = QImage(
            image.pixels.tobytes(), width, height, width * 3, QImage.Format.Format_RGB888
        ).copy()
        painter = QPainter(qimage)
        color = QColor(HIGHLIGHT)
        color.setAlpha(110)
        for x0, y0, x1, y1 in image.boxes:
            painter.fillRect(QRectF(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2), color)
        painter.end()
        self.page.setPixmap(QPixmap.fromImage(qimage))
        self.page_boxes = image.boxes
        if image.boxes:
            self.page_scroll.ensureVisible(int(image.boxes[0][0]), int(image.boxes[0][1]), 50, 120)

    def visible_text(self) -> str:
        return "\n".join(t for t in (self.header.text(), self.text.toPlainText()) if t)
