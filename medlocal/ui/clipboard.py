"""Copying patient text and secrets without leaving them in clipboard history.

Text the app copies is marked with the formats clipboard managers honour to skip an entry:
Windows' cloud clipboard and history (``ExcludeClipboardContentFromMonitorProcessing``,
``CanIncludeInClipboardHistory`` = 0, ``CanUploadToCloudClipboard`` = 0), macOS pasteboard
managers (``org.nspasteboard.ConcealedType``) and KDE's Klipper (``x-kde-passwordManagerHint``).
What we copied is remembered (as a hash) so that locking can clear it if it is still there.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication

_EXCLUDE_FORMATS = {
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
    "x-kde-passwordManagerHint": b"secret",
}

_last_copied: str | None = None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def copy_sensitive(text: str) -> QMimeData:
    """Put ``text`` on the clipboard marked 'do not keep in history'."""
    global _last_copied
    data = QMimeData()
    data.setText(text)
    for fmt, value in _EXCLUDE_FORMATS.items():
        data.setData(fmt, QByteArray(value))
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setMimeData(data)
    _last_copied = _digest(text)
    return data


def clear_if_ours() -> bool:
    """On lock: empty the clipboard if it still holds what MedLocal put there."""
    global _last_copied
    clipboard = QGuiApplication.clipboard()
    if clipboard is None or _last_copied is None:
        return False
    if _digest(clipboard.text()) == _last_copied:
        clipboard.clear()
        _last_copied = None
        return True
    _last_copied = None
    return False
