"""Whether the previous MedLocal run ended without closing (killed, the machine stopped).

A crash Python or faulthandler sees leaves a crash report; a SIGKILL, an out-of-memory kill or a
power cut leaves nothing (walk 38: the next start said nothing). Each run therefore writes a small
marker in the log folder when it starts and removes it when it ends; a marker whose process is
gone at the next start means that run ended uncleanly. A marker holds only the process id, its
start time, whether it was the window or a command, the command's name ("import", "vault
backup": what to do next depends on it, walk 47a D5), whether it could use the vault and, for
``vault passwd``, the vault's id and a digest of its passphrase wrap at the start (no secret: it
tells the next start whether the change was written, walk 49a D7): no patient data, no
arguments.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psutil

from medlocal import paths
from medlocal.fsutil import atomic_write_private

_PREFIX, _SUFFIX = "run-", ".marker"
# Process start times read twice may differ in the last digits.
_SAME_START_S = 1.0
# The markers this process wrote (one per log folder it used: tests change MEDLOCAL_HOME).
_written: list[Path] = []

_SAFE = "Your vault is safe: everything it had saved is kept"
# What was left and what to do, for the commands whose interruption leaves more than an
# unanswered question (walk 47a D5); any other command gets the general sentence.
_AFTER = {
    "vault init": "The vault it was creating was not finished and holds nothing: run 'medlocal "
    "vault init' again to start over (a vault it had finished is kept, and init says so).",
    "import": f"{_SAFE}: each file it had finished importing is kept whole, the file it was on "
    "is not in the vault. Run the same import again: files already imported are skipped.",
    "vault backup": f"{_SAFE}. The backup it was writing is unfinished (a hidden .partial "
    "folder, never restored); run the backup again, it works (the next backup removes the "
    "unfinished folder once it is an hour old).",
    "vault restore": "Your vault was replaced only if the restore had finished: see which vault "
    "is in place with 'medlocal vault status'; 'medlocal doctor' lists any folder the restore "
    "left beside it.",
    # Walk 49b D5: a killed removal was told about chats and answers. A removal is one
    # transaction (all or nothing); its clean-up after the commit (merging the text index,
    # folding the WAL) is owed in the vault and finished at the next unlock.
    "patient remove": "The removal did not finish, so the patient is most likely still there "
    "with all their documents, chats and saved outputs: a removal is all or nothing. Check "
    "with 'medlocal patient list' and, if they are listed, run 'medlocal patient remove' "
    "again; if they are not, the removal had been written just before the end, and the "
    "clean-up of their deleted text finishes at the next unlock.",
    "delete": "The deletion did not finish, so the document is most likely still there: a "
    "deletion is all or nothing. Check with 'medlocal patient show ID' and, if it is listed, "
    "run 'medlocal delete' again; if not, it had been deleted just before the end, and the "
    "clean-up of its text finishes at the next unlock.",
    "vault passwd": "Your vault is safe and exactly one passphrase opens it: the new one if the "
    "change had been written, else the old one. Try the new one first.",
    "vault rotate-key": f"{_SAFE}, and the passphrase and the recovery key still open it; run "
    "'medlocal vault rotate-key' again to finish.",
}
_PASSWD_WRITTEN = (
    "Your vault is safe: the passphrase change had been written, so the new passphrase opens it."
)
_PASSWD_NOT_WRITTEN = (
    "Your vault is safe: the passphrase change had not been written, so the passphrase it had "
    "before still opens it; run 'medlocal vault passwd' again to change it."
)
_UNFINISHED_IN_WINDOW = (
    "The vault it was creating was not finished and holds nothing: create it again in the "
    "first-run window that follows."
)
_GENERAL = (
    f"{_SAFE}, and a question whose answer was being written shows in its chat as "
    "interrupted; ask it again."
)


@dataclass(frozen=True)
class UncleanEnd:
    """An earlier run that did not close: ``kind`` "window" or "command", when it started, and
    whether it could use the vault (a marker written before this was recorded: assumed so)."""

    kind: str
    started: str
    uses_vault: bool = True
    command: str = ""  # "import", "vault backup"...; "" for the window or an older marker
    # What the command recorded of the vault at its start (``vault passwd``: its key state).
    state: str = ""

    def note(
        self,
        *,
        crash_reported: bool = False,
        vault_unfinished: bool = False,
        state_now: str = "",
    ) -> str:
        """The message for this run. ``crash_reported``: a crash report is offered alongside
        (walk 40: a native crash gave two dialogs in a row), so the crash is named as a cause.
        ``vault_unfinished``: the vault's creation was cut short (a window killed in its
        first-run wizard): it is not called safe and kept (walk 47a D1)."""
        if self.kind == "window":
            what = "the MedLocal window"
        else:
            what = f"'medlocal {self.command}'" if self.command else "a medlocal command"
        cause = (
            "it hit an internal error (see the crash report below), was killed, or the "
            "computer stopped"
            if crash_reported
            else "it was killed or the computer stopped"
        )
        ended = f"The last run of {what} (started {self.started}) did not close properly: {cause}."
        if not self.uses_vault:  # walk 46b: a killed download was told about chats and answers
            return (
                f"{ended} It did not use the vault; run the same command again (a download or "
                "an evaluation resumes where it stopped)."
            )
        if vault_unfinished and self.kind == "window":
            return f"{ended} {_UNFINISHED_IN_WINDOW}"
        if self.command == "vault passwd" and _same_vault(self.state, state_now):
            # Walk 49a D7: "try the new one first" where the change was never written.
            return f"{ended} {_PASSWD_WRITTEN if state_now != self.state else _PASSWD_NOT_WRITTEN}"
        return f"{ended} {_AFTER.get(self.command, _GENERAL)}"


def _same_vault(state: str, state_now: str) -> bool:
    """Whether two key states (``vault_id:digest``) are of one vault (the next command may use
    another folder than the interrupted one)."""
    return bool(state and state_now) and state.split(":")[0] == state_now.split(":")[0]


def start_run(
    kind: str, *, uses_vault: bool = True, command: str = "", state: str = ""
) -> list[UncleanEnd]:
    """Mark this process as running (removed again at a normal exit) and return the earlier
    runs that ended without closing, oldest first, forgetting them (each is told once).
    ``uses_vault``: False for a command that never opens a vault; ``command``: its name
    ("vault backup"), which the next start's notice uses; ``state``: what `vault passwd`
    found of the key file (see UncleanEnd.state). Never fails start-up: a log
    folder that cannot be written marks nothing."""
    try:
        folder = paths.log_dir()
        marker = folder / f"{_PREFIX}{os.getpid()}{_SUFFIX}"
        if marker in _written:  # marked already (a test calling main again): told already
            return []
        ended = _unclean_ends(folder)
        started = psutil.Process().create_time()
        record = {
            "pid": os.getpid(),
            "created": started,
            "kind": kind,
            "vault": uses_vault,
            "command": command,
        }
        if state:  # `vault passwd` only
            record["state"] = state
        atomic_write_private(marker, json.dumps(record).encode("utf-8"))
    except (OSError, psutil.Error):
        return []
    if not _written:
        atexit.register(end_run)
    _written.append(marker)
    return ended


def end_run() -> None:
    """Remove this process's markers now (a normal end; also done at exit). A Ctrl+C meanwhile
    neither stops it (a marker left would tell the next start of a run killed) nor prints a
    traceback at exit (walk 49a D6)."""
    while _written:
        try:
            _remove(_written[-1])
            _written.pop()
        except KeyboardInterrupt:
            continue


def _remove(marker: Path) -> None:
    with contextlib.suppress(OSError):
        marker.unlink()


def _unclean_ends(folder: Path) -> list[UncleanEnd]:
    found: list[tuple[float, UncleanEnd]] = []
    for marker in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            record = json.loads(marker.read_text(encoding="utf-8"))
            pid, created, kind = int(record["pid"]), float(record["created"]), str(record["kind"])
            uses_vault = bool(record.get("vault", True))
            command = str(record.get("command") or "")
            state = str(record.get("state") or "")
        except (OSError, ValueError, KeyError, TypeError):
            _remove(marker)  # unreadable (cut short by the kill itself): nothing to tell
            continue
        if _running(pid, created):  # another MedLocal running beside this one
            continue
        started = datetime.fromtimestamp(created, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        found.append((created, UncleanEnd(kind, started, uses_vault, command, state)))
        _remove(marker)
    return [end for _created, end in sorted(found, key=lambda item: item[0])]


def _running(pid: int, created: float) -> bool:
    """Whether the process that wrote a marker still runs (not another one given its id)."""
    try:
        started = float(psutil.Process(pid).create_time())
        return abs(started - created) < _SAME_START_S
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False
    except psutil.Error:  # another user's process, say: assume it is that run
        return True
