"""One progress type and one cancel convention for every long task.

Every long task (import, embedding, index build, re-embed, summary, download, model import,
verification, embedder conversion, backup, evaluation) takes the same two optional arguments:

* ``progress: ProgressCallback | None`` — called with a :class:`Progress` value whenever something
  a person would want to see changes. Called on the worker's thread: a GUI adapts it once
  (``medlocal.ui.workers``), the CLI prints it (``medlocal.cli.progress``).
* ``cancel: threading.Event | None`` — set by the caller to ask the task to stop at its next safe
  point (between tokens, batches, files or chunks). A task that stops raises
  :class:`~medlocal.errors.GenerationCancelled` (or reports ``cancelled`` in its result where it
  returns a per-item report, like an import batch) and leaves stored data whole.

Progress values never carry patient text: ``detail`` is a file name, a model name or a count.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from medlocal.errors import GenerationCancelled


@dataclass(frozen=True)
class Progress:
    """Where a long task stands: ``done`` of ``total`` units in ``stage`` (``total`` None when
    unknown, e.g. a download whose size the server did not send)."""

    stage: str
    done: int = 0
    total: int | None = None
    detail: str = ""
    unit: str = ""  # "files", "bytes", "documents", "steps", "vectors", ...
    # How much of the unit after ``done`` is done, 0.0-1.0: a summary step that reads a long
    # prompt for minutes moves the bar while ``done`` stays put.
    part: float = 0.0
    # A figure that changes by the second (a summary step's tokens written so far): worth a
    # display that redraws one line, not a line of its own in a log, where it never moves.
    live: bool = False

    @property
    def fraction(self) -> float | None:
        """0.0-1.0, or None when the total is unknown."""
        if not self.total:
            return None
        return max(0.0, min(1.0, (self.done + self.part) / self.total))

    def describe(self) -> str:
        """One human line, e.g. ``embedding: 3/10 documents (scan.pdf)``."""
        if self.total:
            count = f" {self.done}/{self.total}"
        elif self.done:
            count = f" {self.done}"
        else:
            count = ""
        unit = f" {self.unit}" if self.unit and count else ""
        detail = f" ({self.detail})" if self.detail else ""
        if count:
            return f"{self.stage}:{count}{unit}{detail}"
        return f"{self.stage}{detail}"  # "reading the patient's record (document 3 of 8)"


ProgressCallback = Callable[[Progress], None]


def duration_text(seconds: float) -> str:
    """A time span as a person reads it: ``40 s``, ``12 min``, ``1.5 h``."""
    if seconds < 90:
        return f"{max(round(seconds), 1)} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def time_left(elapsed: float, done: int, total: int) -> float | None:
    """Seconds left at the pace so far; None before anything is done or after all is."""
    if not 0 < done < total:
        return None
    return elapsed / done * (total - done)


def report(progress: ProgressCallback | None, value: Progress) -> None:
    """Send ``value`` if anyone listens."""
    if progress is not None:
        progress(value)


def check_cancel(cancel: threading.Event | None, what: str = "the task") -> None:
    """Raise :class:`GenerationCancelled` at a safe point when the caller asked to stop."""
    if cancel is not None and cancel.is_set():
        raise GenerationCancelled(f"{what} was stopped")
