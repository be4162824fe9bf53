"""Where llama.cpp's own log lines go: MedLocal's log, not the terminal.

llama.cpp reports through one callback (``llama_log_set``). llama-cpp-python installs one that
prints to stderr whatever its table calls ERROR or worse, but that table predates ggml's
renumbered levels (DEBUG=1, INFO=2, WARN=3, ERROR=4): llama.cpp's *warnings* reach the terminal
and its *errors* are dropped. Walk 38 saw the warning "decode: removing memory module entries
for seq_id = 0, pos = [80, +inf)" in ``medlocal eval run``'s output, printed when a decode is
stopped on purpose (a Stop, or an answer cut at its length), which the engine handles.

Here every line goes to the ``medlocal.llama_cpp`` logger: debug, info and warnings at DEBUG
(in the log with ``-v``), errors at ERROR and also printed to stderr, so a real failure is never
hidden. Errors while the engine itself aborts a decode (a Stop, engine/abort.py: "failed to
compute graph, compute status: 1", "failed to decode, ret = 2") are that abort's echo, which
the engine handles: they go to the log at DEBUG. ``MEDLOCAL_LLAMA_VERBOSE=1`` prints every
line, as for model loading.

ggml (the library under llama.cpp) has the same logger, and llama.cpp's callback only reaches it
once ``llama_cpp`` is imported. The installers' loadable-backend build registers its CPU backend
before that (engine/backends.py), and ggml's default logger printed "load_backend: loaded CPU
backend from …" on stderr before every command of the bundle (walk 54b): :func:`install_for_ggml`
routes ggml's log to the same sink as soon as backends.py has opened libggml.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import re
import sys
import threading
from typing import Any

log = logging.getLogger("medlocal.llama_cpp")

# ggml's enum ggml_log_level (ggml.h).
NONE, DEBUG, INFO, WARN, ERROR, CONT = range(6)
_LEVELS = {NONE: logging.DEBUG, DEBUG: logging.DEBUG, INFO: logging.DEBUG, WARN: logging.DEBUG}
# "llama_decode: failed to decode, ret = 2": the decode was aborted by the abort callback,
# which only the engine's Stop sets; the engine ends the generation quietly (until_aborted).
_ABORTED = re.compile(r"failed to decode, ret = 2\b")
# The abort flags set now (abort.DecodeAbort): while one is, llama.cpp's errors are its echo.
_aborting: set[int] = set()
_aborting_lock = threading.Lock()


def aborting(key: int, on: bool) -> None:
    """Say that the abort flag ``key`` was set (``on``) or cleared (DecodeAbort calls this)."""
    with _aborting_lock:
        if on:
            _aborting.add(key)
        else:
            _aborting.discard(key)


def _expected(line: str) -> bool:
    with _aborting_lock:
        if _aborting:
            return True
    return bool(_ABORTED.search(line))


class LlamaLog:
    """Joins llama.cpp's pieces into lines (a line may come in several calls, the later ones
    with level CONT) and routes each line by the level it started with."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the engine thread and tokenising callers both log
        self._pending = ""
        self._level = NONE

    def write(self, level: int, text: str) -> None:
        lines: list[tuple[int, str]] = []
        with self._lock:
            if level != CONT and not self._pending:
                self._level = level
            self._pending += text
            while "\n" in self._pending:
                line, self._pending = self._pending.split("\n", 1)
                lines.append((self._level, line))
        for line_level, line in lines:
            if line.strip():
                route(line_level, line)


def route(level: int, line: str) -> None:
    """One whole line of llama.cpp's log, at ggml's ``level``."""
    if os.environ.get("MEDLOCAL_LLAMA_VERBOSE") == "1":
        print(line, file=sys.stderr, flush=True)
    if level == ERROR and not _expected(line):
        log.error("%s", line)
        if os.environ.get("MEDLOCAL_LLAMA_VERBOSE") != "1":
            print(f"llama.cpp: {line}", file=sys.stderr, flush=True)
        return
    log.log(_LEVELS.get(level, logging.DEBUG), "%s", line)


_installed: Any = None  # the ctypes callback, kept alive as long as llama.cpp may call it
_ggml_installed: Any = None  # the same for ggml's callback set before llama_cpp is imported
_sink = LlamaLog()

# ggml.h: typedef void (*ggml_log_callback)(enum ggml_log_level level, const char * text,
# void * user_data); the same type llama-cpp-python declares as llama_log_callback.
_GGML_LOG_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)


def _forward(level: int, text: bytes | None, _user_data: Any) -> None:
    with contextlib.suppress(Exception):  # an exception must never unwind into C
        _sink.write(int(level), (text or b"").decode("utf-8", errors="replace"))


def install_for_ggml(ggml: ctypes.CDLL) -> None:
    """Route ggml's own log through :class:`LlamaLog` (once per process), without importing
    llama_cpp. ``ggml`` is libggml (or libggml-base) opened with ctypes; its dependencies'
    symbols are found through it. Importing llama_cpp later sets llama-cpp-python's callback,
    and :func:`install` then sets this sink again."""
    global _ggml_installed
    if _ggml_installed is not None:
        return
    callback = _GGML_LOG_CALLBACK(_forward)
    ggml.ggml_log_set.restype = None
    ggml.ggml_log_set.argtypes = [_GGML_LOG_CALLBACK, ctypes.c_void_p]
    ggml.ggml_log_set(callback, None)
    _ggml_installed = callback


def install() -> None:
    """Route llama.cpp's log through :class:`LlamaLog` (once per process). Call after importing
    llama_cpp: importing it installs llama-cpp-python's own callback, which this replaces."""
    global _installed
    if _installed is not None:
        return
    import llama_cpp

    callback = llama_cpp.llama_log_callback(_forward)
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))
    _installed = callback
