"""What closing the window while work runs needs: which running tasks the clinician waits for
(asked about before they are stopped) and the state of a close that waits for tasks to stop."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.workers import Job, active_jobs

STOP_WAIT_S = 10.0  # a stopped task has this long to end before the window closes anyway
STOP_POLL_MS = 100  # how often the closing window looks whether the tasks have ended
STOPPING = "Stopping the running work before closing… MedLocal closes when it has stopped."
CLOSE_TITLE = "Close MedLocal?"
# Said when the close question is taken back because the work it named ended meanwhile.
WORK_ENDED = (
    "The work ended while MedLocal asked, so nothing needed stopping and the window stayed "
    "open: close it again to close MedLocal."
)

# The Backup dialog's tasks, by job name (its progress line shows the name).
BACKUP_JOB = "Writing the backup"
VERIFY_JOB = "Verifying the backup"
RESTORE_JOB = "Restoring"
PRUNE_JOB = "Removing older backups"

# Tasks a person started and waits for, by job name: what the question says of each, and what
# stopping it means for them. Others (warm-up, re-chunking, a list read) stop without a word.
WAITED_FOR: dict[str, tuple[str, str]] = {
    "import": (
        "A document import is still running.",
        "The documents already imported stay in the vault; the files not imported yet are "
        "listed when you next unlock MedLocal, to import again.",
    ),
    "summarising": (
        "A summary is still being written.",
        "Nothing of it is saved.",
    ),
    # ui62: closing by mistake during an answer lost it without a word; asked as for a summary
    # (a stopped answer keeps nothing: chat_asking saves only a finished, checked answer).
    "answer": (
        "An answer is still being written.",
        "Nothing of it is saved; ask the question again when you next open MedLocal.",
    ),
    # Walk 50a D3: closing during a backup or restore asked nothing and stopped it.
    BACKUP_JOB: (
        "A backup is still being written.",
        "Stopped, it is not finished: the vault is unchanged; back up again later.",
    ),
    VERIFY_JOB: (
        "A backup is still being checked.",
        "Stopped, nothing is changed; verify it again later.",
    ),
    RESTORE_JOB: (
        "A restore is still running.",
        "Stopped before the backup is moved into place, the vault stays as it was (once it is "
        "being moved into place, the restore finishes first).",
    ),
    # Review 51b R3: quitting during Remove older backups asked nothing, and the dialog's
    # "Stop and close" did not stop it. It stops between backups, never inside one.
    PRUNE_JOB: (
        "Older backups are still being removed.",
        "Stopped, the backup being removed is finished first; the older ones not reached yet "
        "stay in the folder, and what was removed is written to the audit log.",
    ),
}


def waited_for_work(jobs: Iterable[Job]) -> list[tuple[str, str]]:
    """The question's lines for the running tasks a person waits for, each kind once."""
    names = {job.name for job in jobs}
    return [WAITED_FOR[name] for name in WAITED_FOR if name in names]


def withdraw_stale_question(window: QWidget) -> bool:
    """``window``'s open close question taken back, as Keep working, once none of the work it
    names still runs (review62u: an answer that ended while it was open left it saying "An
    answer is still being written… Nothing of it is saved" of an answer already saved). True
    when one was taken back."""
    if waited_for_work(active_jobs()):
        return False
    stale = [
        box
        for box in window.findChildren(QuestionDialog)
        if box.isVisible() and box.windowTitle() == CLOSE_TITLE
    ]
    for box in stale:
        box.reject()
    return bool(stale)


class Closing:
    """A close under way: stopping (tasks cancelled, waiting for them), stopped (the close goes
    ahead even if one lingers), the deadline, and the timer that looks again."""

    def __init__(self, parent: QObject) -> None:
        self.stopping = False
        self.stopped = False
        self.deadline = 0.0
        self.timer = QTimer(parent)
        self.timer.setInterval(STOP_POLL_MS)
