"""The log file keeps no text that could name a patient: an exception is written as its type and
frames (its message can quote a file name or a value), and a path in a Qt message is replaced."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.privacy.hardening import configure_logging

MARKER = "Jane_Doe_QUOKKA_4471"


@pytest.fixture
def log_file() -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers)
    path = configure_logging()
    try:
        yield path
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_an_exception_is_logged_without_its_message(log_file: Path) -> None:
    log = logging.getLogger("medlocal.test")
    try:
        raise FileNotFoundError(f"/home/clinic/{MARKER}/letter.pdf")
    except FileNotFoundError:
        log.exception("import failed")
    text = log_file.read_text(encoding="utf-8")
    assert "import failed" in text and "FileNotFoundError" in text
    assert "test_log_text_free.py" in text  # the frames are kept, for support
    assert MARKER not in text


def test_paths_in_qt_messages_are_replaced() -> None:
    pytest.importorskip("PySide6")
    from medlocal.ui.app import scrub_paths

    for message in (
        f"QFileSystemWatcher: failed to add paths: /home/x/{MARKER}/a.pdf",
        f'QFile::open: "C:/Users/x/{MARKER} notes.pdf" failed',
        f"load file:///tmp/{MARKER}.png failed",
        f"see ~/{MARKER}, ok",
    ):
        assert MARKER not in scrub_paths(message), message
    kept = "QFont::setPointSize: Point size <= 0 (-1), ratio 1/2"
    assert scrub_paths(kept) == kept
