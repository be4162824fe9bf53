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

import itertools
import threading
from collections.abc import Callable, Sequence
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


def rate_slope(marks: Sequence[tuple[float, int]]) -> float:
    """How much slower a unit gets per unit done: the least-squares slope of the seconds per
    unit of each interval between ``marks`` ((time, units done), in order) against where the
    interval lies; never below 0, and 0 with fewer than three intervals. A prompt read on a CPU
    slows as it grows (each token attends to all before it), and a busy machine slows it too."""
    points = [
        ((done + done_before) / 2, (when - before) / (done - done_before))
        for (before, done_before), (when, done) in itertools.pairwise(marks)
        if done > done_before and when > before
    ]
    if len(points) < 3:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread <= 0:
        return 0.0
    return max(sum((x - mean_x) * (y - mean_y) for x, y in points) / spread, 0.0)


class Countdown:
    """The time left as shown to a person: it counts down between estimates and moves only when
    a new estimate differs from it by more than ``move`` of it; a larger estimate (the work
    slowed) is shown only once it has held for ``hold_s`` seconds, or at once when the figure
    shown has run out. An estimate taken at each tick from a varying rate (a busy machine, a
    prompt read more slowly as it grows) otherwise jumps up and down by the second (walk51b M3:
    "20, 19, 24, 30, 36 min left" as a step neared its end)."""

    def __init__(self, move: float = 0.25, hold_s: float = 30.0) -> None:
        self.move, self.hold_s = move, hold_s
        self._deadline: float | None = None  # when the figure shown says the work ends
        self._higher_since: float | None = None  # since when every estimate has been higher

    def reset(self) -> None:
        """Forget the figure shown: the next estimate is shown as it is (a measured step
        replaces an estimated one)."""
        self._deadline = self._higher_since = None

    def shown(self, now: float, estimate: float) -> float:
        """The seconds left to show at ``now``, given the latest ``estimate``."""
        estimate = max(estimate, 0.0)
        if self._deadline is None:
            self._deadline = now + estimate
            return estimate
        left = self._deadline - now
        if estimate > left * (1 + self.move) or (left <= 0 < estimate):
            if self._higher_since is None:
                self._higher_since = now
            if left <= 0 or now - self._higher_since >= self.hold_s:
                self._deadline, self._higher_since = now + estimate, None
                return estimate
            return max(left, 0.0)
        self._higher_since = None
        if estimate < left * (1 - self.move):
            self._deadline = now + estimate
            return estimate
        return max(left, 0.0)


def report(progress: ProgressCallback | None, value: Progress) -> None:
    """Send ``value`` if anyone listens."""
    if progress is not None:
        progress(value)


def check_cancel(cancel: threading.Event | None, what: str = "the task") -> None:
    """Raise :class:`GenerationCancelled` at a safe point when the caller asked to stop."""
    if cancel is not None and cancel.is_set():
        raise GenerationCancelled(f"{what} was stopped")
