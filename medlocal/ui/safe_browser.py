"""A text view for model output that can never reach the network or the file system.

QTextBrowser resolves ``<img src>``, style sheets and links through ``loadResource``; we refuse
every external resource there (http, https, ftp, file, Windows UNC ``\\\\host\\share`` paths that
would open an SMB connection the Python socket guard cannot see), and never let Qt follow a
link by itself. Citation chips (``cite:N``) are ours; any other link opens in the system browser
only after the user confirms. Qt's web engine is never used.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from medlocal.ui.confirm import confirm

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
            QMessageBox.information(
                self, "Link not opened", "MedLocal only opens web links, and only when you ask."
            )
            return False
        if not confirm(
            self,
            "Open a link from the model's answer?",
            f"The model's answer links to:\n\n{target}\n\nOpening it leaves MedLocal and uses "
            "the network in your web browser. Open it?",
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
