"""Files the operating system hands to the running app: on macOS a double-clicked ``.gguf``
reaches MedLocal as a file-open event, not as a command-line argument (Linux and Windows start
``medlocal import-model PATH`` instead). The model manager opens and imports the file, as there.

Events that arrive before the main window exists (at launch, or while the first-run wizard is
open) wait for it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

log = logging.getLogger(__name__)


class ModelImporter(Protocol):
    def open_models(self, importing: Path | None = None) -> None: ...


class FileOpenHandler(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Path] = []
        self._window: ModelImporter | None = None

    def attach(self, window: ModelImporter) -> None:
        self._window = window
        if self._pending:
            QTimer.singleShot(0, self._deliver)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return super().eventFilter(watched, event)
        path = Path(event.file())
        if path.suffix.lower() != ".gguf":
            log.info("ignored a file handed over by the system (not a .gguf model)")
            return True
        self._pending.append(path)
        if self._window is not None:
            # Not from inside the filter: the model manager runs its own (modal) event loop.
            QTimer.singleShot(0, self._deliver)
        return True

    def _deliver(self) -> None:
        while self._pending and self._window is not None:
            self._window.open_models(importing=self._pending.pop(0))
