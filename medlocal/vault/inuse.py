"""Is the vault open in another process? (Asked from a process that has it open itself.)

Every SQLite connection to a WAL database holds a shared lock on byte 128 of its ``-shm`` file for
as long as it is open. The restore path probes that byte with a lock of its own, which a process
holding the vault open must not do: closing any descriptor of a file drops all of the process's
POSIX locks on it, SQLite's included. Linux lists every lock in ``/proc/locks`` with its owner, so
the question is answered there without opening the file. Elsewhere the answer is "unknown" (an
empty set) and callers go on as before.
"""

from __future__ import annotations

import os
from pathlib import Path

_DMS_BYTE = 128
_PROC_LOCKS = Path("/proc/locks")


def other_openers(database: Path, locks_file: Path = _PROC_LOCKS) -> set[int]:
    """Ids of other processes holding ``database`` open (-1 for an owner the kernel hides)."""
    shm = database.with_name(database.name + "-shm")
    try:
        info = shm.stat()
        table = locks_file.read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    me = os.getpid()
    owners: set[int] = set()
    for line in table.splitlines():
        # "N:" ordinal, then "->" for a process waiting to take the lock (it is opening too)
        fields = [f for f in line.split()[1:] if f != "->"]
        # POSIX|OFDLCK|FLOCK  ADVISORY|MANDATORY  READ|WRITE  pid  maj:min:inode  start  end
        if len(fields) < 7 or fields[4] != device:
            continue
        try:
            pid, start = int(fields[3]), int(fields[5])
            end = _DMS_BYTE if fields[6] == "EOF" else int(fields[6])
        except ValueError:
            continue
        if start <= _DMS_BYTE <= end and pid != me:
            owners.add(pid)
    return owners
