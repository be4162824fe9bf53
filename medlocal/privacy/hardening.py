"""Process hardening applied at start-up: no core dumps, private files, text-free logs."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medlocal import paths
from medlocal.crash import describe_exception

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4


def disable_core_dumps() -> bool:
    """A core dump would hold decrypted documents and keys: switch them off. Returns success.

    On Linux the process is also marked not dumpable: a core handler behind a pipe
    (systemd-coredump, apport) is not bound by RLIMIT_CORE, and a non-dumpable process can be
    neither dumped nor read through ptrace or ``/proc/<pid>/mem`` by the user's other programs.
    """
    if sys.platform == "win32":
        return False
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    return _not_dumpable() if sys.platform == "linux" else True


def _not_dumpable() -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def private_umask() -> None:
    """Files we create are readable by the owner only (0600 files, 0700 folders)."""
    if sys.platform != "win32":
        os.umask(0o077)


class _PrivateFileHandler(logging.FileHandler):
    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        with contextlib.suppress(OSError):  # exotic file systems: best effort
            Path(self.baseFilename).chmod(0o600)
        return stream


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Log to ``<log dir>/medlocal.log`` (0600).

    The rule for every log call in MedLocal: ids, counts, hashes and timings only — never prompt,
    answer or document text, never a patient's name. Tests plant markers and grep the log for them.
    """
    root = logging.getLogger()
    root.setLevel(level)
    try:
        log_file = paths.log_dir() / "medlocal.log"
        if not any(
            isinstance(h, _PrivateFileHandler) and h.baseFilename == str(log_file)
            for h in root.handlers
        ):
            _add_file_handler(root, log_file)
    except OSError:
        # A read-only log folder (walk 37) must not stop start-up: no log file this run; the
        # command that needs a writable home says what is wrong in one line.
        return None
    return log_file


@contextlib.contextmanager
def logging_for_one_command(level: int = logging.INFO) -> Iterator[Path | None]:
    """:func:`configure_logging` for the length of one command: the log file it opened is
    closed when the block ends. A process that runs many commands (the tests call the CLI's
    ``main`` hundreds of times, each with its own home) otherwise kept every earlier command's
    log file open, which on Windows also blocks deleting its folder."""
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        yield configure_logging(level)
    finally:
        for handler in root.handlers[:]:
            if isinstance(handler, _PrivateFileHandler) and handler not in before:
                root.removeHandler(handler)
                handler.close()


def _add_file_handler(root: logging.Logger, log_file: Path) -> None:
    handler = _PrivateFileHandler(log_file, encoding="utf-8")
    handler.setFormatter(_TextFreeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # Only MedLocal's own records reach the file: third-party libraries (pypdf, chromadb…)
    # may quote names or text from inside a patient's document in their warnings.
    handler.addFilter(_only_medlocal)
    root.addHandler(handler)


class _TextFreeFormatter(logging.Formatter):
    """Exceptions as the crash reports write them: type and frames, never the message (an error
    text can quote a file name or a value from a patient's document)."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback, message included, on the record.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:
        exc = ei[1]
        if not isinstance(exc, BaseException):
            return ""
        return "\n".join(describe_exception(exc))


def _only_medlocal(record: logging.LogRecord) -> bool:
    return record.name == "medlocal" or record.name.startswith("medlocal.")


def harden_process() -> None:
    private_umask()
    disable_core_dumps()
