"""An exclusive lock between processes, held on a small lock file next to the data it guards.

The CLI and the GUI may change the same registry at the same moment; a thread lock does not
reach across processes, so each read-modify-write also holds an operating-system lock:
``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows. The OS drops it if the process dies.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from medlocal.fsutil import private_dir


def _acquire(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # gives up after ~10 s: wait again
                return
            except OSError:
                continue
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def _release(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold the OS lock on ``lock_path`` (created 0600) for the block; waits for other holders.

    Not re-entrant: a second ``exclusive_lock`` on the same file in the same process blocks."""
    private_dir(lock_path.parent)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _acquire(fd)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)
