"""The note a session leaves when its audit entries could not be written at all (review 47 R3).

A vault unlocked on a full disk still reads (walk 47a D3); its unlock's audit entry waits for the
next write, the lock's included. When the disk is still full at the lock, nothing of the session
reaches the audit log, and nothing new can be written to record that it happened. This small file
next to the key file, made at an unlock that had room, is then overwritten in place (the same
bytes: most file systems need no new space for that) to count such sessions; the next unlock
that can write adds one audit entry for them and clears it. It holds the vault's id, a count and
a time, nothing about patients. On a file system that needs new space even to overwrite (copy on
write), the note cannot be kept either: the app log then holds the only trace.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from medlocal.fsutil import atomic_write_private
from medlocal.vault.keyfile import LOCK_FILE_NAME

log = logging.getLogger(__name__)

NOTE_NAME = "vault.unrecorded.json"
# Fixed, so that counting one more session overwrites the bytes the file already holds.
NOTE_SIZE = 256
# The audit event the next unlock that can write adds for the sessions counted.
UNRECORDED_EVENT = "unrecorded_sessions"


@dataclass(frozen=True)
class Unrecorded:
    """Sessions of this vault whose audit entries were lost, and when the first one locked."""

    sessions: int
    first: str

    def audit_details(self) -> dict[str, object]:
        return {"sessions": self.sessions, "first_locked": self.first}


def _note(folder: Path) -> Path:
    return folder / NOTE_NAME


def _encode(vault_id: str, sessions: int, first: str) -> bytes:
    data = json.dumps({"vault_id": vault_id, "sessions": sessions, "first": first}).encode()
    return data.ljust(NOTE_SIZE, b" ")[:NOTE_SIZE]


def prepare(folder: Path, vault_id: str) -> None:
    """Make the note (counting nothing) if it is missing; called when the disk had room."""
    if _note(folder).exists():
        return
    try:
        atomic_write_private(_note(folder), _encode(vault_id, 0, ""))
    except OSError as err:  # a later full-disk session then has only the app log
        log.info("the unrecorded-session note could not be made (%s)", type(err).__name__)


def read(folder: Path, vault_id: str) -> Unrecorded | None:
    """The sessions counted for this vault (None: none, no note, or another vault's note)."""
    try:
        data = json.loads(_note(folder).read_bytes())
        sessions, first = int(data["sessions"]), str(data["first"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if data.get("vault_id") != vault_id or sessions <= 0:
        return None
    return Unrecorded(sessions, first)


def _overwrite(folder: Path, data: bytes) -> bool:
    """Write ``data`` over the note's own bytes; False when the note is missing or the file
    system refused (it is never created here: there is no room for a new file)."""
    try:
        fd = os.open(_note(folder), os.O_WRONLY)
    except OSError:
        return False
    try:
        os.pwrite(fd, data, 0)
        os.fsync(fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def count_session(folder: Path, vault_id: str) -> bool:
    """Count one more session whose entries were lost; False when it could not be counted."""
    earlier = read(folder, vault_id)
    sessions = earlier.sessions + 1 if earlier else 1
    first = earlier.first if earlier else datetime.now(UTC).isoformat(timespec="seconds")
    return _overwrite(folder, _encode(vault_id, sessions, first))


def clear(folder: Path, vault_id: str) -> None:
    """The counted sessions were written to the audit log: count from zero again."""
    if not _overwrite(folder, _encode(vault_id, 0, "")):
        log.warning("the unrecorded-session note could not be cleared; it may be logged twice")


def session_lost(folder: Path, vault_id: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
    """The lock could not write the session's deferred entries: say it in the app log (the
    events only) and count the session in the note for the next unlock that can write."""
    events = ", ".join(event for event, _details in entries)
    try:
        counted = count_session(folder, vault_id)
    except Exception:  # called as the vault locks, even at exit: never raises
        counted = False
    log.warning(
        "a session on a full disk locked without its audit entries (%s); %s",
        events,
        "the next unlock that can write notes it in the audit log"
        if counted
        else "it could not be noted for the audit log either",
    )


def remove(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _note(folder).unlink()


def only_note_in(folder: Path) -> bool:
    """Whether ``folder`` holds this note and nothing else but the key file's lock: what a
    vault's files leave behind once they are gone (a session count, an empty lock file,
    nothing about patients), no vault to keep."""
    try:
        names = {entry.name for entry in folder.iterdir()}
    except OSError:
        return False
    return NOTE_NAME in names and names <= {NOTE_NAME, LOCK_FILE_NAME}


def carry(source: Path, destination: Path, vault_id: str) -> None:
    """Move the note from ``source`` into ``destination`` when it counts sessions of
    ``vault_id`` (a vault restored where its note was left: its next unlock that can write
    records them), else remove it (another vault's count, or none)."""
    if read(source, vault_id) is not None:
        os.replace(_note(source), _note(destination))
    else:
        remove(source)
