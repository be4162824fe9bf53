"""A bounded in-memory tail of MedLocal's own log for the About dialog (Picard's TailLogger).

Only ``medlocal.*`` records are kept — third-party libraries' messages can quote document text —
and nothing leaves the process: support reads it on screen or copies it on purpose.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

ROOT_LOGGER = "medlocal"
DEFAULT_CAPACITY = 500
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class LogTail(logging.Handler):
    """Keeps the last ``capacity`` formatted records; ``serial`` grows with each one so a view
    can poll cheaply for news."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter(FORMAT))
        self._lines: deque[str] = deque(maxlen=capacity)
        self._lines_lock = threading.Lock()
        self.serial = 0
        self.addFilter(_medlocal_only)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a bad record must never break the caller
            self.handleError(record)
            return
        with self._lines_lock:
            self._lines.append(line)
            self.serial += 1

    def lines(self) -> list[str]:
        with self._lines_lock:
            return list(self._lines)

    def clear(self) -> None:
        with self._lines_lock:
            self._lines.clear()
            self.serial += 1


def _medlocal_only(record: logging.LogRecord) -> bool:
    return record.name == ROOT_LOGGER or record.name.startswith(ROOT_LOGGER + ".")


_installed: LogTail | None = None
_install_lock = threading.Lock()


def install_log_tail(capacity: int = DEFAULT_CAPACITY) -> LogTail:
    """Attach the tail to the ``medlocal`` logger once and return it (later calls return the
    same one). It sees what the logger's level lets through: INFO when the app configured
    logging, WARNING and above under Python's default."""
    global _installed
    with _install_lock:
        if _installed is None:
            _installed = LogTail(capacity)
            logging.getLogger(ROOT_LOGGER).addHandler(_installed)
        return _installed


def log_tail() -> LogTail | None:
    """The installed tail, if any."""
    return _installed
