"""A text view for model output that can never reach the network or the file system.

QTextBrowser resolves ``<img src>``, style sheets and links through ``loadResource``; we refuse
every external resource there (http, https, ftp, file, Windows UNC ``\\\\host\\share`` paths that
would open an SMB connection the Python socket guard cannot see), and never let Qt follow a
link by itself. Citation chips (``cite:N``) are ours; any other link opens in the system browser
only after the user confirms. Qt's web engine is never used.

Keyboard: ``Tab`` / ``Shift+Tab`` leave the view like any other field; ``Ctrl+Tab`` /
``Ctrl+Shift+Tab`` select the next / previous link inside it and ``Enter`` opens the selected one
(on macOS the Control key, not Cmd).
QTextBrowser's own Tab went from link to link first (walk 39: 18 presses to cross a 10-turn
chat, and the question box and Send were out of Tab's reach).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from medlocal.fsutil import shown_path
from medlocal.ui.confirm import confirm
from medlocal.ui.message_dialog import tell

log = logging.getLogger(__name__)


class SafeBrowser(QTextBrowser):
    """Read-only rich text. ``citationClicked(ref)`` for ``cite:ref`` anchors (``ref`` is
    ``"N"`` or ``"TURN.N"``: which answer's passage N)."""

    citationClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.refused_resources = 0
        self.anchorClicked.connect(self._on_anchor)
        # Relative names must not resolve against a folder either.
        self.setSearchPaths([])
        self.setTabChangesFocus(True)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab moves on to the next field, not to the next link (QTextBrowser's own).
        return QTextEdit.focusNextPrevChild(self, next)

    def event(self, event: QEvent) -> bool:
        # Here rather than in keyPressEvent: QWidget.event turns a Tab without Control or Alt
        # (Meta+Tab included) into a focus change before keyPressEvent would see it.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            # Meta as well as Control: on macOS Qt reads Cmd as Control (Cmd+Tab belongs to
            # the system) and the physical Control key as Meta, so Control+Tab works there too.
            control = event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
            )
            if control and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.select_link(forward=key == Qt.Key.Key_Tab)
                event.accept()
                return True
        return super().event(event)

    def select_link(self, *, forward: bool = True) -> bool:
        """Select the next (or previous) link after the cursor, wrapping round, and keep the
        focus here; ``Enter`` then opens it. False when the view holds no link."""
        links = self.links()
        if not links:
            return False
        cursor = self.textCursor()
        if forward:
            after = [link for link in links if link[0] >= cursor.selectionEnd()]
            start, end = (after or links)[0]
        else:
            before = [link for link in links if link[1] <= cursor.selectionStart()]
            start, end = (before or links)[-1]
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def links(self) -> list[tuple[int, int]]:
        """Each link's (start, end) in the document, in order."""
        spans: list[tuple[int, int]] = []
        href_before = ""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref() if fragment.isValid() else ""
                start, end = fragment.position(), fragment.position() + fragment.length()
                if href and href == href_before and spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)  # one link in several fragments
                elif href:
                    spans.append((start, end))
                href_before = href
                it += 1
            href_before = ""
            block = block.next()
        return spans

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Every resource the document asks for is external by construction (we embed none):
        # refuse them all, count them for the tests and the log (no URL logged: it may hold text).
        self.refused_resources += 1
        log.debug("refused a %s resource for model output", _kind_name(kind))
        return None

    def setSource(self, name: QUrl | str, type: Any = None) -> None:
        # Navigating would load the target through loadResource; anchors are handled instead.
        return

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "cite":
            self.citationClicked.emit(url.path())
            return
        if scheme == "ext":
            self.confirm_and_open(unquote(url.path()))

    def confirm_and_open(self, target: str) -> bool:
        """Open a link from model output only with the user's consent, and only web links."""
        url = QUrl(target)
        if url.scheme() not in ("http", "https"):
            tell(self, "Link not opened", "MedLocal only opens web links, and only when you ask.")
            return False
        if not confirm(
            self,
            "Open a link from the model's answer?",
            f"The model's answer links to:\n\n{shown_path(target)}\n\nOpening it leaves MedLocal "
            "and uses "
            "the network in your web browser. Open it?",
            "Open in the browser",
        ):
            return False
        return bool(QDesktopServices.openUrl(url))


def _kind_name(kind: int) -> str:
    names = {
        int(QTextDocument.ResourceType.ImageResource.value): "image",
        int(QTextDocument.ResourceType.StyleSheetResource.value): "style sheet",
        int(QTextDocument.ResourceType.HtmlResource.value): "html",
    }
    return names.get(int(kind), "other")
