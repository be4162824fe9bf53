"""Making Python's cyclic garbage collector sweep rarely for a stretch of work that makes no
garbage cycles.

A redaction of a 20-page record allocates some 47,000 short-lived containers (tokens, matches,
spans): enough for ~70 young-generation sweeps and most of a full one per redaction, 40-50 ms
of its ~1.4 s CPU (session 50), and every sweep during it frees nothing (the redactor's objects
die by reference counting: three redactions of the record left 11 objects in cycles). A full
sweep also walks the word lists' 300,000-word sets (deid_lexicon), 30 ms a walk.

The collector is process-wide, and turning it off for a whole long preview let the cycles other
threads made meanwhile pile up for its length (review 50b R6: +91 MiB during a 76k-character
preview). So a pause does not turn it off: it raises the young generation's threshold to
:data:`PAUSED_THRESHOLD` allocations, so a young sweep still runs every so often (freeing what
other threads left), the older generations' sweeps, which walk the heap, follow ten and a
hundred times rarer, and a person's ``gc.disable()``, before or during a pause, is never undone
(the pause leaves ``gc.isenabled()`` alone). Two threads may pause at once (an export's preview
and the window's warm-up): the threshold is raised while at least one pause is open and given
back when the last one closes, unless someone set another meanwhile (theirs is kept). The
window's warm-up asks for no sweep at all (``off``): the young threshold 0, which stops
automatic collection as ``gc.disable()`` does without touching it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

# Young objects between sweeps during a pause: some five sweeps per 20-page redaction (47,000
# containers), each walking at most that many young objects; the default is 700.
PAUSED_THRESHOLD = 10_000

_lock = threading.Lock()
_open: dict[bool, int] = {False: 0, True: 0}  # pauses open now, on any thread: off or not
_saved: tuple[int, int, int] = (700, 10, 10)  # the thresholds before the first of them
_ours: tuple[int, int, int] | None = None  # the thresholds the pauses set last, if any


@contextlib.contextmanager
def collector_paused(*, off: bool = False) -> Iterator[None]:
    """Rare automatic garbage collection until the block (and every other open pause) ends;
    none at all where ``off`` (the window's warm-up: a bounded load of objects that live as
    long as the process, during which a sweep of the growing heap only stops the window)."""
    with _lock:
        _open[off] += 1
        _settle()
    try:
        yield
    finally:
        with _lock:
            _open[off] -= 1
            _settle()


def _settle() -> None:
    """Set the young threshold the open pauses ask for (under ``_lock``): none at all while an
    ``off`` pause is open, :data:`PAUSED_THRESHOLD` while another is, and the thresholds of
    before once none is; never over thresholds someone else set meanwhile."""
    global _saved, _ours
    now = gc.get_threshold()
    if _ours is None:
        _saved = now
    elif now != _ours:
        _ours = None if not any(_open.values()) else _ours
        return  # someone else set them during the pause: theirs are kept
    young, middle, old = _saved
    if _open[True]:
        wanted = (0, middle, old)  # a young threshold of 0 turns automatic collection off
    elif _open[False] and 0 < young < PAUSED_THRESHOLD:
        wanted = (PAUSED_THRESHOLD, middle, old)
    else:
        wanted = _saved
    if wanted != now:
        gc.set_threshold(*wanted)
    _ours = None if wanted == _saved else wanted
