"""Crash reports that a clinician can send on without leaking a patient's data.

Two kinds of crash (the qutebrowser pattern, DESIGN section 9):

* a Python exception nobody expected: ``write_crash_report`` records where it happened — the
  versions, the exception's type and the traceback's file names, line numbers and function names.
  Never the exception's message nor any local variable: either may hold document text, a name or
  a question.
* a native crash (a llama.cpp segfault never reaches Python): ``faulthandler`` writes the Python
  stacks, which hold only file, line and function names, to ``crash-native.log``. At the next
  start a non-empty native log becomes a report of its own, its file paths cut as a Python
  report's are (faulthandler writes them whole: the install path, so the home folder and the
  user's name), and the log is emptied.

Reports are files ``crash-*.txt`` (0600) in the log folder; ``pending_crash_reports`` lists the
ones not yet shown, so the next start (the GUI, ``medlocal doctor``) can offer them, and
``mark_crash_report_shown`` retires one once the user has seen it.
"""

from __future__ import annotations

import contextlib
import errno
import faulthandler
import os
import platform
import re
import secrets
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

import medlocal
from medlocal import paths
from medlocal.fsutil import ReadOnlyFolderError, atomic_write_private, disk_full_error
from medlocal.other_account import another_account_message

NATIVE_LOG_NAME = "crash-native.log"
_PREFIX, _PENDING, _SHOWN = "crash-", ".txt", ".shown.txt"
_MAX_CHAINED = 5  # a "during handling of ... another exception occurred" chain, bounded
# A frame in faulthandler's output: ``  File "/home/ann/venv/.../medlocal/x.py", line 12 in f``.
_NATIVE_FRAME_FILE = re.compile(r'File "([^"\n]+)"')

_native_log: TextIO | None = None
_native_log_path: Path | None = None
# Told of each uncaught exception after its report was written (the report's path, or None when
# none could be written), so the window can say so at the time and not only at the next start.
_error_listeners: list[Callable[[Path | None], None]] = []


def install_crash_handler() -> Path | None:
    """Send native crash stacks to ``<log dir>/crash-native.log`` (kept open, 0600) and route
    uncaught Python exceptions, on any thread, to a crash report. Returns the native log path.

    Safe to call again: with a different log folder (``MEDLOCAL_HOME`` changed) it follows it.
    It never fails start-up: when the log folder cannot be written (a read-only home, walk 37)
    native stacks go to stderr, the hooks are still installed, and None is returned; the command
    that needs the folder then says what is wrong.
    """
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    try:
        return _open_native_log()
    except OSError:
        _use_stderr_for_native_stacks()
        return None


def _use_stderr_for_native_stacks() -> None:
    global _native_log, _native_log_path
    previous, _native_log, _native_log_path = _native_log, None, None
    if previous is not None:
        with contextlib.suppress(OSError):
            previous.close()
    with contextlib.suppress(OSError, ValueError, AttributeError, RuntimeError):
        faulthandler.enable(file=sys.__stderr__ or sys.stderr, all_threads=True)


def _open_native_log() -> Path:
    global _native_log, _native_log_path
    log_file = paths.log_dir() / NATIVE_LOG_NAME
    if _native_log is not None and _native_log_path == log_file and log_file.exists():
        return log_file
    with contextlib.suppress(OSError):  # a read-only folder: the report waits for a later start
        _keep_earlier_native_crash(log_file)
    fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with contextlib.suppress(OSError, AttributeError):  # fchmod: not on Windows
        os.fchmod(fd, 0o600)
    handle = os.fdopen(fd, "a", encoding="utf-8")
    faulthandler.enable(file=handle, all_threads=True)
    previous, _native_log, _native_log_path = _native_log, handle, log_file
    if previous is not None:
        previous.close()
    return log_file


def write_crash_report(exc: BaseException) -> Path:
    """Write a report for ``exc`` into the log folder (0600); returns its path."""
    lines = [
        "MedLocal crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        *_versions(),
        "",
        *describe_exception(exc),
    ]
    return _save("\n".join(lines) + "\n")


def report_internal_error(exc: BaseException) -> str:
    """Write the crash report for ``exc``; return the one line to show the user."""
    return _report(exc)[0]


def cannot_write_message(exc: BaseException) -> str | None:
    """The one line for a write refused by the machine (a read-only folder or mount, a file
    whose write permission was taken away), or None when ``exc`` is something else. Such an
    error is the machine's state, not a bug: it gets this line and no crash report (walk 37)."""
    if isinstance(exc, ReadOnlyFolderError):
        return str(exc)
    if (full := disk_full_error(exc)) is not None:  # walk 38: a full disk is no bug either
        return str(full)
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        # Walk 52b M2: another account's private folder is named as such, never "made writable".
        named = exc.filename if isinstance(exc.filename, str) else None
        if named and (other := another_account_message(Path(named))) is not None:
            return other
        what = f" {exc.filename}" if exc.filename else " a file it needs"
        return (
            f"MedLocal may not use{what}: {exc.strerror or 'permission denied'}. Make its "
            "folder writable again, or set MEDLOCAL_HOME to a writable folder."
        )
    if type(exc).__name__ == "OperationalError" and "readonly" in str(exc).replace("-", ""):
        return (
            "MedLocal cannot write to its vault: the database file or its folder is read-only. "
            "Make them writable again, or set MEDLOCAL_HOME to a writable folder."
        )
    return None


def _report(exc: BaseException) -> tuple[str, Path | None]:
    if (line := cannot_write_message(exc)) is not None:
        return f"medlocal: error: {line}", None
    try:
        report: Path | None = write_crash_report(exc)
        where = f"a crash report was written to {report}"
    except OSError:
        report, where = None, "no crash report could be written"
    return f"medlocal: internal error ({type(exc).__name__}); {where}", report


def add_internal_error_listener(listener: Callable[[Path | None], None]) -> None:
    """``listener(report)`` runs, on the thread that failed, after each uncaught exception the
    crash handler reported. It is told only the report's path: never the exception's message."""
    _error_listeners.append(listener)


def remove_internal_error_listener(listener: Callable[[Path | None], None]) -> None:
    with contextlib.suppress(ValueError):
        _error_listeners.remove(listener)


def _report_and_tell(exc: BaseException) -> None:
    line, report = _report(exc)
    print(line, file=sys.stderr)
    for listener in list(_error_listeners):
        try:
            listener(report)
        except Exception:  # a failing listener must not recurse into this hook
            print("medlocal: an internal-error listener failed", file=sys.stderr)


def pending_crash_reports() -> list[Path]:
    """Reports not yet shown to the user, oldest first."""
    folder = paths.log_dir()
    return sorted(
        path
        for path in folder.glob(f"{_PREFIX}*{_PENDING}")
        if not path.name.endswith(_SHOWN) and path.is_file()
    )


def mark_crash_report_shown(report: Path) -> Path:
    """Keep the report but stop offering it; returns its new path."""
    shown = report.with_name(report.name[: -len(_PENDING)] + _SHOWN)
    report.rename(shown)
    return shown


# ---- internals ---------------------------------------------------------------------------------


def _versions() -> list[str]:
    return [
        f"medlocal: {medlocal.__version__}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
    ]


def describe_exception(exc: BaseException) -> list[str]:
    """Type and frames of ``exc`` and of the exceptions it was raised from; never messages."""
    lines: list[str] = []
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen and len(seen) < _MAX_CHAINED:
        seen.add(id(current))
        if lines:
            lines += ["", "while handling:"]
        kind = type(current)
        lines.append(f"exception: {kind.__module__}.{kind.__qualname__}")
        lines.append("traceback (most recent call last; file, line, function only):")
        lines += [f"  {where}" for where in _frames(current.__traceback__)]
        current = current.__cause__ or current.__context__
    return lines


def _frames(tb: TracebackType | None) -> list[str]:
    # walk_tb reads only code objects and line numbers: no source lines, no local variables.
    return [
        f"{_short_path(frame.f_code.co_filename)}:{lineno} in {frame.f_code.co_name}"
        for frame, lineno in traceback.walk_tb(tb)
    ]


def _short_path(filename: str) -> str:
    """A path relative to the import root it came from (``medlocal/crash.py``): no user name from
    a home folder. The bundle's modules already carry such a path (PyInstaller compiles them as
    ``medlocal/crash.py``, ``re/__init__.py``): kept as it is, not cut to ``crash.py`` (walk 54b:
    a report's bare ``__init__.py`` did not say which package)."""
    path = Path(filename)
    if not path.is_absolute() and not path.anchor and ".." not in path.parts:
        return path.as_posix()
    roots = [Path(entry) for entry in sys.path if entry]
    for root in sorted(roots, key=lambda r: len(r.parts), reverse=True):
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
    return path.name


def _save(text: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = paths.log_dir() / f"{_PREFIX}{stamp}-{secrets.token_hex(3)}{_PENDING}"
    atomic_write_private(target, text.encode("utf-8"))
    return target


def _keep_earlier_native_crash(log_file: Path) -> None:
    """A native log with content means the previous run crashed: turn it into a pending report
    so the next start can offer it, and start this run with an empty log."""
    try:
        stacks = log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if not stacks.strip():
        return
    header = ["MedLocal crash report (native crash in an earlier run)", *_versions(), ""]
    _save("\n".join(header) + "\n" + native_stacks_without_paths(stacks))
    log_file.unlink()


def native_stacks_without_paths(stacks: str) -> str:
    """faulthandler's stacks with each frame's file cut as in a Python report, and whatever
    else names the home folder (a path faulthandler may print some other way) written ``~``."""
    cut = _NATIVE_FRAME_FILE.sub(lambda frame: f'File "{_short_path(frame.group(1))}"', stacks)
    home = str(Path.home())
    return cut.replace(home, "~") if len(Path(home).parts) > 1 else cut


class Terminated(KeyboardInterrupt):
    """The system asked this process to end (SIGTERM, SIGHUP): stopped as Ctrl-C stops it."""


_asked = False  # a SIGTERM/SIGHUP came during start-up (see tell_interrupts_in_one_line)


def asked_to_end(exc: BaseException) -> bool:
    """Whether the interrupt ``exc`` was the system asking this process to end."""
    return isinstance(exc, Terminated) or _asked


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        # Ctrl+C where no command handles it (start-up's imports, the window's end): one plain
        # line, not a traceback (walk 49a D6); the exit status stays an interrupt's (130).
        asked = " (asked to end by the system)" if issubclass(kind, Terminated) or _asked else ""
        print(f"\nmedlocal: interrupted{asked}", file=sys.stderr)
        return
    _report_and_tell(exc)


def tell_interrupts_in_one_line() -> None:
    """Route uncaught exceptions through this module's hook from the first moment of a run, so
    a Ctrl+C during start-up's imports prints one line (the crash handler proper, with its
    native log, is installed once the privacy guards are). SIGTERM and SIGHUP raise
    :class:`Terminated` from this moment too (walk 52b L3: a `vault restore` sent SIGTERM during
    its seconds of start-up imports died silently with status 143, where README promises a
    line and 130); a command or the window sets its own handling later."""
    sys.excepthook = _excepthook
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with contextlib.suppress(ValueError, OSError):
                signal.signal(getattr(signal, name), _interrupt_at_start)


def _interrupt_at_start(signum: int, frame: object) -> None:
    global _asked
    _asked = True
    # KeyboardInterrupt itself, not Terminated: only that exact type, uncaught, makes
    # Python end with an interrupt's status (130); the flag says who asked.
    raise KeyboardInterrupt(signal.Signals(signum).name)


def default_termination_in_event_loop() -> None:
    """SIGTERM and SIGHUP back to their default (the process ends at once) where the start-up
    handler of :func:`tell_interrupts_in_one_line` is still set, as a Qt event loop takes over.
    There the start-up handler only runs when Python next runs (a click, a timer), and its
    KeyboardInterrupt, raised inside a slot, reaches the hook and is printed, not obeyed: a
    window that sets no handling of its own (``medlocal import-model``, ``--check-window``)
    ignored SIGTERM until a SIGKILL (review 52b F2). The main window sets its own after this."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            with contextlib.suppress(ValueError, OSError, TypeError):
                if signal.getsignal(signum) is _interrupt_at_start:
                    signal.signal(signum, signal.SIG_DFL)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or isinstance(args.exc_value, SystemExit):
        return
    _report_and_tell(args.exc_value)
