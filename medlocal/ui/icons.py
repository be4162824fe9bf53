"""Icons drawn from qtawesome's bundled fonts: nothing fetched, no image files to ship."""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

# A text mark, not an icon: before a document whose import noted something about where it
# belongs (another patient named), in the document list and beside a passage cited from it.
NOTED_MARK = "\u26a0"

NAMES = {
    "send": "fa5s.paper-plane",
    "stop": "fa5s.stop",
    "regenerate": "fa5s.redo",
    "copy": "fa5s.copy",
    "export": "fa5s.file-export",
    "lock": "fa5s.lock",
    "import": "fa5s.file-import",
    "folder": "fa5s.folder-open",
    "delete": "fa5s.trash-alt",
    "add": "fa5s.user-plus",
    "app": "fa5s.notes-medical",
}


def icon(name: str) -> QIcon:
    """The named icon, or an empty one if the icon font cannot load (the label still says it)."""
    try:
        import qtawesome

        drawn: QIcon = qtawesome.icon(NAMES[name])
        return drawn
    except Exception as exc:  # a missing font must never stop the window from opening
        log.debug("icon %s unavailable (%s)", name, type(exc).__name__)
        return QIcon()
